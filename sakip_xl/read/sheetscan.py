"""What python-calamine does not tell about an input sheet: hidden rows, formulas
saved without their result, and the cells whose number format is a percentage.

A formula cell written by openpyxl or another generator has no cached result
(``<f>SUM(A1:A3)</f><v></v>``); calamine reads it as a blank, which would make a
filled cell look empty. Such cells, and rows hidden by the user (still counted),
become findings. The sheet XML is streamed row by row, never held whole.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Iterable

from sakip_xl.xlsx.bytescan import may_hold_formula
from sakip_xl.xlsx.cells import sheet_part
from sakip_xl.xlsx.opc import Package

_CHUNK = 1 << 20
_ROW = re.compile(rb'<(?:\w+:)?row\b([^>]*)>')
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_R_ATTR = re.compile(rb'\br="([A-Z]*)([0-9]+)"')
_F_START = re.compile(rb'<(?:\w+:)?f[\s/>]')
_C_START = re.compile(rb'<(?:\w+:)?c\s([^>]*?)>')
_C_END = re.compile(rb'</(?:\w+:)?c>')
_F_TEXT = re.compile(rb'<(?:\w+:)?f\b[^>]*?(?:/>|>([^<]*)</(?:\w+:)?f>)', re.S)
_V = re.compile(rb'<(?:\w+:)?v\s*(?:/>|>([^<]*)</(?:\w+:)?v>)', re.S)
_T_ATTR = re.compile(rb'\bt="(\w+)"')
_ROW_END = re.compile(rb'</(?:\w+:)?row>')
_C_TAG = re.compile(rb'<(?:\w+:)?c\s')


@dataclass
class SheetScan:
    hidden_rows: set[int] = field(default_factory=set)           # 0-based
    unevaluated: dict[str, str] = field(default_factory=dict)    # "E5" -> formula text (may be "")
    percent: set[str] = field(default_factory=set)               # "E5": cells with a percent number format


def scan_sheet(data: bytes, sheet: str, percent_styles: frozenset = frozenset()) -> SheetScan:
    """Hidden rows, formula cells without a stored result and cells in one of `percent_styles`
    (cellXfs indexes, xlsx/numfmt.py) of the worksheet `sheet`."""
    part = sheet_part(Package(data), sheet)
    if part is None:
        return SheetScan()
    with zipfile.ZipFile(io.BytesIO(data)) as z, z.open(part) as fh:
        return scan_chunks(iter(lambda: fh.read(_CHUNK), b""), percent_styles)


def scan_chunks(chunks: Iterable[bytes], percent_styles: frozenset = frozenset()) -> SheetScan:
    """The same, over a sheet's XML given as consecutive byte strings (cut anywhere)."""
    scanner = SheetScanner(percent_styles)
    for chunk in chunks:
        scanner.feed(chunk)
    return scanner.close()


class SheetScanner:
    """scan_chunks, fed one chunk at a time."""

    def __init__(self, percent_styles: frozenset = frozenset()) -> None:
        self.found = SheetScan()
        self._carry = b""
        self._percent = frozenset(percent_styles)
        self._needles = tuple(b's="%d"' % i for i in sorted(self._percent))
        # the end of a start tag with one of those styles, not self-closing (an empty cell holds no number):
        # searched from the attribute, so thousands of formatted empty cells cost little
        self._styled = re.compile(rb'\ss="(?:%s)"[^>/]*>' % b"|".join(b"%d" % i for i in sorted(self._percent))) \
            if self._percent else None

    def feed(self, chunk: bytes) -> None:
        buf = self._carry + chunk if self._carry else chunk
        cut = _last_row_end(buf)
        self._scan(buf[:cut] if cut < len(buf) else buf)
        self._carry = buf[cut:]

    def close(self) -> SheetScan:
        if self._carry:
            self._scan(self._carry)
            self._carry = b""
        return self.found

    def _scan(self, buf: bytes) -> None:
        _scan(buf, self.found)
        if self._styled is not None and any(n in buf for n in self._needles):
            for m in self._styled.finditer(buf):
                start = buf.rfind(b"<", 0, m.start())
                if start < 0 or not _C_TAG.match(buf, start):
                    continue        # a <row s=".."> or another element
                ref = _R_ATTR.search(buf, start, m.end())
                if ref:
                    self.found.percent.add((ref.group(1) + ref.group(2)).decode())


def _last_row_end(buf: bytes) -> int:
    """Index just after the last complete </row> in buf (0 when there is none)."""
    pos = len(buf)
    while True:
        pos = buf.rfind(b"row>", 0, pos)
        if pos < 0:
            return 0
        start = buf.rfind(b"</", max(0, pos - 20), pos)
        if start >= 0 and _ROW_END.fullmatch(buf, start, pos + 4):
            return pos + 4


def _scan(buf: bytes, found: SheetScan) -> None:
    if b"hidden" in buf:
        for m in _ROW.finditer(buf):
            if _HIDDEN.search(m.group(1)):
                r = _R_ATTR.search(m.group(1)) or re.search(rb'\br="([0-9]+)"', m.group(1))
                if r:
                    found.hidden_rows.add(int(r.groups()[-1]) - 1)
    if not may_hold_formula(buf):
        return
    for m in _F_START.finditer(buf):
        starts = list(_C_START.finditer(buf, max(0, m.start() - 4096), m.start()))
        end = _C_END.search(buf, m.end())
        if not starts or end is None:
            continue
        attrs, inner = starts[-1].group(1), buf[m.start():end.start()]
        ref = _R_ATTR.search(attrs)
        if not ref:
            continue
        v = _V.search(inner)
        t = _T_ATTR.search(attrs)
        kind = t.group(1) if t else b"n"
        if v is not None and (v.group(1) or kind in (b"str", b"s", b"inlineStr")):
            continue   # a stored result (an empty one is only valid for a text result)
        f = _F_TEXT.match(inner)
        text = (f.group(1) or b"").decode("utf-8", "replace") if f else ""
        found.unevaluated[(ref.group(1) + ref.group(2)).decode()] = _unescape(text)


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'") \
        .replace("&amp;", "&")
