"""Reading numbers as Indonesian staff type them.

A cell can hold a real number, or text such as "86,44", "86,44 %",
"Rp 3.387.235.094" or "1.177". `read_number` says which, so the caller can use
the number and still report that the cell holds text.
"""
from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass

NUMBER = "number"          # a real numeric cell
TEXT_NUMBER = "text_number"  # text that reads as a number
BLANK = "blank"
NOT_AVAILABLE = "na"       # "n/a", "-", "tidak ada data" ...
INVALID = "invalid"        # anything else: words, dates, booleans, errors

_NA_WORDS = {"n/a", "na", "n.a", "n.a.", "-", "--", "tidak ada", "tidak ada data", "belum ada", "t/a", "nihil"}

_CURRENCY = re.compile(r"^(rp\.?|idr)\s*", re.IGNORECASE)
_SUFFIX = re.compile(r"\s*(,-|\.-|-)$")
_GROUPED_DOT = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_GROUPED_COMMA = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN_COMMA = re.compile(r"^\d*,\d+$|^\d+,?$")
_PLAIN_DOT = re.compile(r"^\d*\.\d+$")


# Larger than any amount or percentage a performance report holds (Rp 1.000 triliun): such a
# number is read as it is (the formulas see it too) but is reported (SEL-011), and every sum
# and rounding of it stays defined.
LIMIT = 1e15


def out_of_range(value: object) -> bool:
    """A number (or text read as one) beyond ±LIMIT."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return not math.isfinite(value) or abs(value) > LIMIT
    if isinstance(value, str) and value.strip():
        p = parse_text_number(value)
        return p.value is not None and abs(p.value) > LIMIT
    return False


def fsum(values) -> float:
    """math.fsum, or the plain sum (±inf, as Excel's #NUM!) when an intermediate sum overflows."""
    values = list(values)
    try:
        return math.fsum(values)
    except (OverflowError, ValueError):
        return sum(values, 0.0)


def quantize(value: float, digits: int) -> float:
    """Decimal ROUND_HALF_UP of the shortest decimal form of `value` to `digits` places; any size."""
    from decimal import ROUND_HALF_UP, Context, Decimal

    if not math.isfinite(value):
        return value
    ctx = Context(prec=400)
    return float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP,
                                                       context=ctx))


@dataclass(frozen=True)
class Parsed:
    kind: str
    value: float | None = None
    percent: bool = False      # the text carried a % sign
    decimals: int | None = None  # decimals as written (for tolerance of stated values)
    text: str = ""


EMPTY = Parsed(BLANK)       # immutable: one for every empty cell (a big PK has millions)


def read_number(cell: object) -> Parsed:
    """Classify one cell value as read by python-calamine."""
    if cell is None or (isinstance(cell, str) and cell.strip() == ""):
        return EMPTY
    if isinstance(cell, bool):
        return Parsed(INVALID, text=str(cell))
    if isinstance(cell, (int, float)):
        if isinstance(cell, float) and not math.isfinite(cell):
            return Parsed(INVALID, text=str(cell))
        return number_parsed(float(cell))
    if isinstance(cell, (_dt.date, _dt.time, _dt.timedelta)):
        return Parsed(INVALID, text=str(cell))
    if type(cell).__name__ == "ExcelError":   # reader.ExcelError: an #DIV/0!-style value
        return Parsed(INVALID, text=str(cell))
    return parse_text_number(str(cell))


def number_parsed(value: float) -> Parsed:
    """read_number of a finite float."""
    return Parsed(NUMBER, value, decimals=_decimals_of(value))


def parse_text_number(raw: str) -> Parsed:
    text = raw.replace("\u00a0", " ").strip()
    if text.startswith("'"):
        text = text[1:].strip()
    low = text.lower()
    if low in _NA_WORDS:
        return Parsed(NOT_AVAILABLE, text=raw)
    s = _CURRENCY.sub("", low)
    percent = False
    if s.endswith("%"):
        percent = True
        s = s[:-1].strip()
    s = _SUFFIX.sub("", s).replace(" ", "")
    sign = 1.0
    if s.startswith("-"):
        sign, s = -1.0, s[1:]
    elif s.startswith("+"):
        s = s[1:]
    if not s or not any(ch.isdigit() for ch in s):
        return Parsed(INVALID, text=raw)
    value: float | None = None
    decimals = 0
    if _GROUPED_DOT.match(s):            # 3.387.235.094 or 1.177,5
        whole, _, frac = s.partition(",")
        value = float(whole.replace(".", "") + ("." + frac if frac else ""))
        decimals = len(frac)
    elif _PLAIN_COMMA.match(s):          # 86,44
        whole, _, frac = s.partition(",")
        value = float((whole or "0") + ("." + frac if frac else ""))
        decimals = len(frac)
    elif _GROUPED_COMMA.match(s):        # 1,177.50 (English style)
        whole, _, frac = s.partition(".")
        value = float(whole.replace(",", "") + ("." + frac if frac else ""))
        decimals = len(frac)
    elif _PLAIN_DOT.match(s):            # 3.5
        value = float(s)
        decimals = len(s.split(".")[1])
    if value is None:
        return Parsed(INVALID, text=raw)
    return Parsed(TEXT_NUMBER, sign * value, percent=percent, decimals=decimals, text=raw)


def _decimals_of(value: float) -> int:
    for d in range(0, 7):
        if round(value, d) == value:
            return d
    return 7


def tolerance_for(decimals: int | None) -> float:
    """How far a stated value may be from the true one and still be a rounding of it."""
    if decimals is None:
        return 0.005
    return 0.5 * 10 ** (-decimals) + 1e-9


def format_id(value: float, decimals: int = 2) -> str:
    """86.4412 -> '86,44' (Indonesian decimal comma, dot thousands)."""
    s = f"{value:,.{decimals}f}"
    return s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def excel_serial(value: object, date1904: bool = False) -> float | None:
    """The number Excel stores for a date/time cell (what ISNUMBER sees)."""
    if isinstance(value, _dt.datetime):
        base = _dt.datetime(1904, 1, 1) if date1904 else _dt.datetime(1899, 12, 30)
        delta = value - base
        return delta.days + delta.seconds / 86400 + delta.microseconds / 86400e6
    if isinstance(value, _dt.date):
        return excel_serial(_dt.datetime(value.year, value.month, value.day), date1904)
    if isinstance(value, _dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400
    if isinstance(value, _dt.timedelta):
        return value.total_seconds() / 86400
    return None
