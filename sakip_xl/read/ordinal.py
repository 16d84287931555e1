"""Ordinal scales for qualitative targets (SAKIP predicate, audit opinion ...).

The scales are a table in Pengaturan: a scale's name in column A beside its
lowest grade, then its other grades below, one per row, up to the highest. A
grade's rank is its position in that column block, found by MATCH(value, block, 0): `rank` is the Python twin of that formula
(case-insensitive, whole cell, with Excel's wildcards * ? ~).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sakip_xl.xlsx.addresses import cell as cell_address
from sakip_xl.xlsx.addresses import col_letter, quote_sheet
from sakip_xl.read.schema import normalize_header

TITLE = "SKALA TARGET KUALITATIF"
NAME_HEADER = "Nama Skala"
GRADES_HEADER = "Nilai (terendah ke tertinggi)"


@dataclass(frozen=True)
class OrdinalScale:
    name: str
    grades: tuple[str, ...]
    sheet: str | None = None       # where the scale stands (None: the default, written as constants)
    first_row: int = 0             # 0-based row of the lowest grade
    col: int = 0                   # 0-based column of the grades

    def range_ref(self) -> str:
        """The grades as a formula operand: a Pengaturan range, or an inline array."""
        if self.sheet is None:
            return "{" + ",".join('"' + g.replace('"', '""') + '"' for g in self.grades) + "}"
        letter = col_letter(self.col)
        return f"{quote_sheet(self.sheet)}!${letter}${self.first_row + 1}:${letter}${self.first_row + len(self.grades)}"

    def rank(self, value: object) -> int | None:
        return rank(value, self.grades)

    def listing(self) -> str:
        return ", ".join(self.grades)


DEFAULT_SCALES = (
    OrdinalScale("Predikat SAKIP", ("D", "C", "CC", "B", "BB", "A", "AA")),
    OrdinalScale("Opini BPK", ("TMP", "TW", "WDP", "WTP")),
)


def rank_formula(src: str, scale: OrdinalScale) -> str:
    """The rank of the grade in `src` (no leading '='), or "" when it is not on the scale."""
    return f'IFERROR(IF(LEN({src})=0,"",MATCH({src},{scale.range_ref()},0)),"")'


def rank(value: object, grades: tuple[str, ...]) -> int | None:
    """Twin of rank_formula: None for blanks, numbers, errors and text not on the scale."""
    if value is None or isinstance(value, (bool, int, float, dt.date, dt.time, dt.timedelta)):
        return None
    if type(value).__name__ == "ExcelError":
        return None
    text = str(value)
    if text == "":
        return None
    pattern = _wildcard(text)
    for i, grade in enumerate(grades, start=1):
        if pattern.fullmatch(grade):
            return i
    return None


def _wildcard(text: str) -> re.Pattern:
    """Excel's MATCH criteria: * any text, ? one character, ~ escapes the next one."""
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "~" and i + 1 < len(text) and text[i + 1] in "*?~":
            out.append(re.escape(text[i + 1]))
            i += 2
            continue
        out.append(".*" if ch == "*" else "." if ch == "?" else re.escape(ch))
        i += 1
    return re.compile("".join(out), re.IGNORECASE | re.DOTALL)


def find(scales: tuple[OrdinalScale, ...], name: str) -> OrdinalScale | None:
    wanted = normalize_header(name)
    for s in scales:
        if normalize_header(s.name) == wanted:
            return s
    return None


def read_scales(rows: list[list], sheet: str) -> tuple[OrdinalScale, ...] | None:
    """The scales table of Pengaturan, or None when the sheet has none (defaults apply)."""
    head = normalize_header(NAME_HEADER)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str) and normalize_header(value) == head:
                return _scale_rows(rows, sheet, r, c)
    return None


def _scale_rows(rows, sheet, header_row, name_col):
    scales: list[OrdinalScale] = []
    name, grades, first = None, [], 0

    def close():
        if name is not None and grades and find(tuple(scales), name) is None:
            scales.append(OrdinalScale(name, tuple(grades), sheet, first, name_col + 1))

    for r in range(header_row + 1, len(rows)):
        row = rows[r]
        label = row[name_col] if name_col < len(row) else ""
        grade = row[name_col + 1] if name_col + 1 < len(row) else ""
        if not isinstance(grade, str) or grade == "":
            break
        if isinstance(label, str) and label.strip():
            close()
            name, grades, first = label.strip(), [], r
        elif name is None:
            break
        grades.append(grade)
    close()
    return tuple(scales)


def duplicate_grades(scale: OrdinalScale) -> list[int]:
    """0-based positions of grades MATCH can never reach because an earlier grade equals them."""
    def literal(g):
        return g.replace("~", "~~").replace("*", "~*").replace("?", "~?")
    return [i for i, g in enumerate(scale.grades) if rank(literal(g), scale.grades[:i]) is not None]


def address(scale: OrdinalScale, index: int = 0) -> str:
    """The cell of a grade of the scale (0-based position)."""
    return cell_address(scale.first_row + index, scale.col)


def write_template_table(ws, first_row: int, styles: dict, scales=DEFAULT_SCALES) -> int:
    """The scales table in the template's Pengaturan; returns the row after it."""
    r = first_row
    ws.write_string(r, 0, TITLE, styles["label"])
    ws.write_string(r, 3, "Nama skala di kolom A pada baris nilai terendahnya; nilai berikutnya di bawahnya, "
                          "sampai yang tertinggi. Pilih nama skala di kolom 'Skala Kualitatif' lembar PK.",
                    styles["note"])
    r += 1
    ws.write_string(r, 0, NAME_HEADER, styles["header"])
    ws.write_string(r, 1, GRADES_HEADER, styles["header"])
    for scale in scales:
        for i, grade in enumerate(scale.grades):
            r += 1
            if i == 0:
                ws.write_string(r, 0, scale.name, styles["input"])
            else:
                ws.write_blank(r, 0, None, styles["input"])
            ws.write_string(r, 1, grade, styles["input"])
    return r + 1
