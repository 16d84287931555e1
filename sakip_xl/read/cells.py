"""A numeric input cell as the spreadsheet sees it and as Python understood it (any section)."""
from __future__ import annotations

import sys
from dataclasses import dataclass

from sakip_xl.read.numbers import EMPTY, NUMBER, TEXT_NUMBER, Parsed, excel_serial, number_parsed, read_number
from sakip_xl.xlsx.addresses import cell as cell_address
from sakip_xl.read.reader import Record, Table


# Without an instance dict: a PK of 100,000 rows holds some two million of these (Python >= 3.10).
SLOTS = {"slots": True} if sys.version_info >= (3, 10) else {}


@dataclass(**SLOTS)
class NumberCell:
    """A numeric input as the spreadsheet sees it, and as Python understood it."""

    address: str
    parsed: Parsed
    engine_value: float | None   # what ISNUMBER(cell) sees: numbers and dates (x 100 when `percent`)
    value: float | None          # the number used (text numbers included)
    percent: bool = False        # a number in a percent-formatted cell: 0,72 shown as 72%, used as 72

    @property
    def fallback(self) -> float | None:
        """A number the formula must use because the cell holds it as text."""
        return self.value if self.parsed.kind == TEXT_NUMBER else None


def number_cell(table: Table, rec: Record, key: str, date1904: bool) -> NumberCell | None:
    col = table.columns.get(key)
    if col is None:
        return None
    raw = rec.values.get(key)
    address = cell_address(rec.row, col)
    # The cells a big table holds by the hundred thousand are read without read_number's type
    # tests: a finite number (x - x is 0.0 only then) and an empty cell.
    if raw.__class__ is float and raw - raw == 0.0:
        parsed, engine, value = number_parsed(raw), raw, raw
    elif raw.__class__ is str and raw == "":
        parsed, engine, value = EMPTY, None, None
    else:
        parsed = read_number(raw)
        engine = parsed.value if parsed.kind == NUMBER else excel_serial(raw, date1904)
        value = parsed.value if parsed.kind in (NUMBER, TEXT_NUMBER) else engine
    if parsed.kind == NUMBER and address in table.percent:
        # What the user sees: 0,72 in a 0% cell is 72 %. The formulas multiply the cell by 100 too.
        value = engine = parsed.value * 100
        return NumberCell(address, parsed, engine, value, percent=True)
    return NumberCell(address, parsed, engine, value)


def shown_value(raw: object, date1904: bool = False) -> object:
    """Twin of IFERROR(IF(LEN(src)=0,"",src),""): None for '' results."""
    if raw is None or type(raw).__name__ == "ExcelError":
        return None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return float(raw)
    serial = excel_serial(raw, date1904)
    if serial is not None:
        return serial
    text = str(raw)
    return text if text != "" else None
