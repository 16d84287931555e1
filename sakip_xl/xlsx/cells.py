"""Finding sheet parts and the error cells python-calamine reads as blanks."""
from __future__ import annotations

import io
import re
import zipfile
from typing import Iterable

from sakip_xl.xlsx.opc import Package
from sakip_xl.xlsx.xmlutil import local

# <c r="F5" s="3" t="e"><f>1/0</f><v>#DIV/0!</v></c>  (any prefix, any attribute order)
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\s[^>]*?\bt="e"[^>]*>(.*?)</(?:\w+:)?c>', re.S)
_REF = re.compile(rb'\br="([A-Z]+[0-9]+)"')
_VALUE = re.compile(rb'<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>')
_CHUNK = 1 << 20
_OVERLAP = 4096


def sheet_parts(pkg: Package) -> dict[str, str | None]:
    """Every sheet named in workbook.xml, in order, with its zip member (None when missing)."""
    wb = pkg.workbook_part()
    if wb is None:
        return {}
    rels = {r.id: r for r in pkg.rels(wb)}
    out: dict[str, str | None] = {}
    for el in pkg.xml(wb).iter():
        if local(el) == "sheet" and el.get("name") is not None:
            rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
            rel = rels.get(rid)
            out.setdefault(el.get("name"), pkg.find(rel.part) if rel else None)
    return out


def sheet_part(pkg: Package, name: str) -> str | None:
    """The zip member holding the worksheet called `name`, or None."""
    return sheet_parts(pkg).get(name)


def error_cells(data: bytes, sheet: str) -> dict[str, str]:
    """{'F5': '#DIV/0!'} for every cell of `sheet` holding an Excel error value.

    The sheet XML is streamed in chunks, so a 60 MB sheet is never held whole.
    """
    part = sheet_part(Package(data), sheet)
    if part is None:
        return {}
    with zipfile.ZipFile(io.BytesIO(data)) as z, z.open(part) as fh:
        return error_cells_in(iter(lambda: fh.read(_CHUNK), b""))


def error_cells_in(chunks: Iterable[bytes]) -> dict[str, str]:
    """The same, over a sheet's XML given as consecutive byte strings (cut anywhere)."""
    scanner = ErrorScanner()
    for chunk in chunks:
        scanner.feed(chunk)
    return scanner.found


class ErrorScanner:
    """error_cells_in, fed one chunk at a time."""

    def __init__(self) -> None:
        self.found: dict[str, str] = {}
        self._tail = b""

    def feed(self, chunk: bytes) -> None:
        buf = self._tail + chunk if self._tail else chunk
        if b't="e"' in buf:
            for m in _ERROR_CELL.finditer(buf):
                start_tag = buf[m.start(): m.start(1)]
                ref = _REF.search(start_tag)
                value = _VALUE.search(m.group(1))
                if ref:
                    self.found[ref.group(1).decode()] = value.group(1).decode() if value else "#N/A"
        self._tail = buf[-_OVERLAP:]
