"""The report as plain data (headings, paragraphs, tables of text), and number formatting.

The tables are built from the analysis (engine.analyze) as text cells already
formatted the Indonesian way; document.py only lays them out with python-docx.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from sakip_xl.read.numbers import format_id, quantize

EMPTY = "-"


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Para:
    text: str
    bold: bool = False
    italic: bool = False
    small: bool = False


@dataclass
class Table:
    """A table: header rows (None = covered by a merge), body rows, merges as (r0, c0, r1, c1)."""

    key: str                          # what the table shows ("3.1", "3.2", "skm", "anggaran", ...)
    title: str                        # "Tabel 3.1"
    caption: str                      # "Pengukuran Realisasi Kinerja Tahun 2021"
    header: list[list[str | None]]
    rows: list[list[str]]
    widths: tuple[float, ...]         # column widths in cm
    align: str                        # per column: l(eft), c(enter), r(ight)
    header_merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)   # in body row coordinates
    bold_rows: set[int] = field(default_factory=set)
    numbered: bool = True             # a row (1) (2) (3) ... under the header, as in LKjIP tables
    note: str | None = None

    @property
    def columns(self) -> int:
        return len(self.widths)


@dataclass
class Report:
    title: str
    blocks: list = field(default_factory=list)   # Heading | Para | Table

    def tables(self, key: str | None = None) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table) and (key is None or b.key == key)]


# --- numbers as Indonesian reports print them -----------------------------------

def decimals_needed(value: float, most: int = 4) -> int:
    """The fewest decimals (up to `most`) that show `value` without losing digits."""
    for d in range(most + 1):
        if math.isclose(round(value, d), value, rel_tol=0, abs_tol=1e-9 * max(1.0, abs(value))):
            return d
    return most


def fixed(value: float, places: int) -> str:
    """format_id rounding half away from zero, as spreadsheets and printed reports round."""
    rounded = quantize(float(value), places)
    return format_id(rounded + 0.0, places)


def number(value, most: int = 4) -> str:
    """85 -> '85'; 86.44 -> '86,44'; 1177 -> '1.177'; text (a grade) as it is; nothing -> '-'."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, str):
        return text(value)
    value = float(value)
    shown = fixed(value, decimals_needed(value, most))
    if "," in shown:
        shown = shown.rstrip("0").rstrip(",")
    return "0" if shown == "-0" else shown


def percent(value) -> str:
    """101.694 -> '101,69 %'."""
    if value is None or value == "" or isinstance(value, str):
        return EMPTY if not value else str(value)
    return f"{fixed(float(value), 2)} %"


def amount(value) -> str:
    """3387235094 -> '3.387.235.094' (rupiah, no decimals)."""
    if value is None or value == "" or isinstance(value, str):
        return EMPTY
    return fixed(float(value), 0)


def rupiah(value) -> str:
    """3387235094 -> 'Rp 3.387.235.094'."""
    text = amount(value)
    return text if text == EMPTY else f"Rp {text}"


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def text(value) -> str:
    """User text on one line, without characters a Word document cannot hold; nothing -> '-'."""
    if value is None or value == "":
        return EMPTY
    clean = " ".join(_NOT_XML.sub(" ", str(value)).split())
    return clean or EMPTY
