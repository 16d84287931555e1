"""Excel cell addresses and sheet references."""
from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=16384)     # every column of a sheet; called for every reference written
def col_letter(col: int) -> str:
    """0-based column index -> 'A', 'B', ... 'AA'."""
    s = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        s = chr(65 + rem) + s
    return s


def cell(row: int, col: int, absolute: bool = False) -> str:
    """0-based row/col -> 'B7' (or '$B$7')."""
    if absolute:
        return f"${col_letter(col)}${row + 1}"
    return f"{col_letter(col)}{row + 1}"


@functools.lru_cache(maxsize=1024)
def quote_sheet(name: str) -> str:
    """Sheet name as written in a formula: always quoted, inner quotes doubled."""
    return "'" + name.replace("'", "''") + "'"


def ref(sheet: str, row: int, col: int, absolute: bool = False) -> str:
    return f"{quote_sheet(sheet)}!{cell(row, col, absolute)}"


_CELL = re.compile(r"^\$?([A-Z]+)\$?(\d+)$")
_CANONICAL = re.compile(r"[A-Z]{1,3}[1-9][0-9]{0,6}")


def address_ref(sheet: str, address: str) -> str:
    """A cell of `sheet` given by its address ('b7', '$B$7', 'B7') as a formula reference:
    ref(sheet, *parse_cell(address)); an address already written as 'B7' is used as it is."""
    if _CANONICAL.fullmatch(address):
        return f"{quote_sheet(sheet)}!{address}"
    return ref(sheet, *parse_cell(address))


def parse_cell(address: str) -> tuple[int, int]:
    """'B7' -> (6, 1), 0-based."""
    m = _CELL.match(address.upper())
    if not m:
        raise ValueError(address)
    letters, digits = m.groups()
    col = 0
    for ch in letters:
        col = col * 26 + (ord(ch) - 64)
    return int(digits) - 1, col - 1


def cell_sort_key(address: str) -> tuple[int, int]:
    try:
        return parse_cell(address)
    except ValueError:
        return (10**9, 10**9)
