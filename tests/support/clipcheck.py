"""Clipped text in a written workbook: text width estimated from the font against the cell's width.

Neither xlsxwriter nor a test can measure text as a spreadsheet draws it, so the width of a
text is estimated per character (Calibri-like proportions, in Excel's width unit: the width
of a '0' of an 11 pt font), scaled by font size and boldness. A cell's text is clipped when
- it wraps and its lines need more height than the row has (LibreOffice does not re-fit the
  rows of an .xlsx it opens: a row keeps the height written, 15 pt when none);
- it does not wrap, is wider than its cell (or merged range) and cannot overflow: a
  neighbour it would run into holds a value (or it is a number: numbers show ###).

The estimate is deliberately a little generous (wider than real Calibri), so a pass here is
a pass on screen and on paper.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"

_NARROW = set("iljtfrI.,:;'!|()[]{} ")
_WIDE = set("mwMW@%")
PADDING = 0.6          # width units a cell keeps free beside its text
LINE_PT = 15.0         # height of one line of an 11 pt font


def char_width(ch: str) -> float:
    if ch in _NARROW:
        return 0.5
    if ch in _WIDE:
        return 1.35
    if ch.isupper():
        return 1.1
    if ch.isdigit():
        return 1.0
    return 0.9


def text_width(text: str, size: float = 11.0, bold: bool = False) -> float:
    """Width of one line of text in Excel's column width units."""
    return sum(char_width(c) for c in text) * (size / 11.0) * (1.08 if bold else 1.0)


def wrapped_lines(text: str, width: float, size: float = 11.0, bold: bool = False) -> int:
    """Lines of a greedy word wrap of `text` in `width` units (explicit line breaks kept)."""
    lines = 0
    for part in str(text).split("\n"):
        lines += 1
        used = 0.0
        for word in part.split(" "):
            w = text_width(word, size, bold)
            space = text_width(" ", size, bold) if used else 0.0
            if used and used + space + w > width:
                lines += 1
                used = 0.0
                space = 0.0
            while w > width:               # a word longer than the line is broken
                lines += 1
                w -= width
            used += space + w
    return lines


@dataclass
class Style:
    wrap: bool
    horizontal: str
    size: float
    bold: bool
    num_fmt: str


@dataclass
class Clip:
    sheet: str
    cell: str
    text: str
    why: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell} {self.why}: {self.text[:60]!r}"


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _split(ref: str) -> tuple[int, int]:
    m = re.match(r"([A-Z]+)(\d+)$", ref)
    return int(m.group(2)), _col(m.group(1))


class Book:
    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        wb = etree.fromstring(self.zip.read("xl/workbook.xml"))
        rels = {r.get("Id"): posixpath.normpath(posixpath.join("xl", r.get("Target")))
                for r in etree.fromstring(self.zip.read("xl/_rels/workbook.xml.rels")).iter(PR + "Relationship")}
        self.sheets = {s.get("name"): rels[s.get(R + "id")] for s in wb.iter(M + "sheet")}
        self.strings = []
        if "xl/sharedStrings.xml" in self.zip.namelist():
            for si in etree.fromstring(self.zip.read("xl/sharedStrings.xml")).iter(M + "si"):
                self.strings.append("".join(t.text or "" for t in si.iter(M + "t")))
        styles = etree.fromstring(self.zip.read("xl/styles.xml"))
        fmts = {int(n.get("numFmtId")): n.get("formatCode") for n in styles.iter(M + "numFmt")}
        fonts = []
        for f in styles.find(M + "fonts"):
            sz = f.find(M + "sz")
            fonts.append((float(sz.get("val")) if sz is not None else 11.0, f.find(M + "b") is not None))
        self.styles = []
        for xf in styles.find(M + "cellXfs"):
            al = xf.find(M + "alignment")
            size, bold = fonts[int(xf.get("fontId", 0))]
            self.styles.append(Style(
                wrap=al is not None and al.get("wrapText") in ("1", "true"),
                horizontal=(al.get("horizontal") if al is not None else None) or "general",
                size=size, bold=bold,
                num_fmt=fmts.get(int(xf.get("numFmtId", 0)), "General")))

    def clipped(self, sheet: str) -> list[Clip]:
        root = etree.fromstring(self.zip.read(self.sheets[sheet]))
        fmt = root.find(M + "sheetFormatPr")
        default_w = float(fmt.get("defaultColWidth", 0) or 0) if fmt is not None else 0
        default_w = default_w or 8.43
        default_h = float(fmt.get("defaultRowHeight", 15)) if fmt is not None else 15.0
        widths, hidden_cols = {}, set()
        cols = root.find(M + "cols")
        for c in (cols if cols is not None else []):
            for i in range(int(c.get("min")), int(c.get("max")) + 1):
                widths[i] = float(c.get("width", default_w))
                if c.get("hidden") in ("1", "true"):
                    hidden_cols.add(i)
        width = lambda c: 0.0 if c in hidden_cols else widths.get(c, default_w)  # noqa: E731
        heights, values = {}, {}
        for row in root.iter(M + "row"):
            r = int(row.get("r"))
            if row.get("hidden") in ("1", "true"):
                heights[r] = None
            elif row.get("ht"):
                heights[r] = float(row.get("ht"))
            for c in row.iter(M + "c"):
                values[c.get("r")] = c
        merged = {}
        mc = root.find(M + "mergeCells")
        for m in (mc if mc is not None else []):
            a, b = m.get("ref").split(":")
            (r1, c1), (r2, c2) = _split(a), _split(b)
            merged[(r1, c1)] = (r2, c2)
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    if (r, c) != (r1, c1):
                        merged[(r, c)] = None
        # a cell holding anything, a formula whose result is "" included, stops text running into it
        filled = {_split(ref) for ref, c in values.items()
                  if c.find(M + "f") is not None or self._text(c) not in (None, "")}
        out = []
        for ref, c in values.items():
            text = self._text(c)
            if text in (None, ""):
                continue
            r, col = _split(ref)
            if merged.get((r, col), ()) is None or heights.get(r, default_h) is None or col in hidden_cols:
                continue
            st = self.styles[int(c.get("s", 0))]
            is_number = c.get("t") in (None, "n")
            shown = _shown_number(text, st.num_fmt) if is_number else text
            end_r, end_c = merged.get((r, col)) or (r, col)
            room = sum(width(x) for x in range(col, end_c + 1)) - PADDING
            height = sum(heights.get(x, default_h) or 0 for x in range(r, end_r + 1))
            if r not in heights:       # a row of no set height grows to its largest font (one line)
                height = max(height, LINE_PT * st.size / 11.0)
            if st.wrap and not is_number:
                need = wrapped_lines(shown, room, st.size, st.bold) * LINE_PT * st.size / 11.0
                if need > height + 0.5:
                    out.append(Clip(sheet, ref, shown, f"needs {need:.0f} pt, row has {height:.0f}"))
                continue
            longest = max(text_width(line, st.size, st.bold) for line in shown.split("\n"))
            lines = shown.count("\n") + 1
            if lines * LINE_PT * st.size / 11.0 > height + 0.5 and not st.wrap:
                out.append(Clip(sheet, ref, shown, "line breaks in a row too low"))
                continue
            if longest <= room:
                continue
            if is_number:
                out.append(Clip(sheet, ref, shown, f"number {longest:.1f} wide in {room:.1f}"))
                continue
            if not self._can_overflow(r, col, end_c, longest - room, st.horizontal, width, filled, merged):
                out.append(Clip(sheet, ref, shown, f"{longest:.1f} wide in {room:.1f}, neighbour filled"))
        return out

    @staticmethod
    def _can_overflow(r, col, end_c, extra, horizontal, width, filled, merged) -> bool:
        if horizontal in ("general", "left"):
            sides = [(1, extra)]
        elif horizontal == "center":
            sides = [(1, extra / 2), (-1, extra / 2)]
        elif horizontal == "right":
            sides = [(-1, extra)]
        else:
            return False
        for step, need in sides:
            c = end_c + 1 if step > 0 else col - 1
            while need > 0:
                if c < 1 or (r, c) in filled or (r, c) in merged:
                    return False
                need -= width(c)
                c += step
        return True

    def _text(self, c) -> str | None:
        t = c.get("t")
        if t == "s":
            v = c.find(M + "v")
            return self.strings[int(v.text)] if v is not None else None
        if t == "inlineStr":
            return "".join(x.text or "" for x in c.iter(M + "t"))
        v = c.find(M + "v")
        return v.text if v is not None else None


def _shown_number(text: str, num_fmt: str) -> str:
    """A stored number as its format shows it (thousands and decimals; enough for widths)."""
    try:
        value = float(text)
    except ValueError:
        return text
    m = re.search(r"0\.(0+)", num_fmt)
    decimals = len(m.group(1)) if m else (0 if num_fmt != "General" else min(len(repr(value).split(".")[-1]), 9))
    shown = f"{value:,.{decimals}f}" if "," in num_fmt else f"{value:.{decimals}f}"
    if num_fmt == "General" and "." in shown:
        shown = shown.rstrip("0").rstrip(".")
    prefix = re.findall(r'"([^"]*)"', num_fmt.split(";")[0])
    return "".join(prefix) + shown + ("%" if "%" in num_fmt else "")


def clipped(path, sheets=None) -> list[Clip]:
    book = Book(path)
    out = []
    for name in (sheets if sheets is not None else book.sheets):
        if name in book.sheets:
            out.extend(book.clipped(name))
    return out
