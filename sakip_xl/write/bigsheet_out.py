"""Big computed sheets written row by row (xlsxwriter's constant_memory mode).

A PK of 100,000 indicators makes some ten million formula cells (Capaian, the four
Perbandingan tables, Pemeriksaan). xlsxwriter normally keeps every cell in memory until
the workbook is closed, gigabytes at that size. A sheet that will hold `ROWS` rows or
more is instead written row by row to a temporary file: only the row being written is
kept. Its text is then stored in the cells (inline strings) instead of the shared-string
table, which the splice and every reader of the package handle like any other cell.

The mode needs every writer to write its rows top to bottom: a cell written above a row
already flushed would be lost, so `common._Worksheet` raises instead (a wrong number is
never silent). Smaller sheets are written as before, byte for byte.
"""
from __future__ import annotations

import contextlib
import os

ROWS = 5_000        # a sheet of this many rows or more is written row by row


@contextlib.contextmanager
def streamed(wb, on: bool):
    """The worksheets added inside are written row by row when `on`."""
    if not on:
        yield
        return
    wb.in_memory = False          # constant_memory needs temporary files (xlsxwriter ignores it in memory)
    before = wb.constant_memory
    wb.constant_memory = True     # read by add_worksheet for each new sheet
    try:
        yield
    finally:
        wb.constant_memory = before


def close(wb) -> None:
    """Close the workbook; the temporary row files of its streamed sheets are removed in any case."""
    try:
        wb.close()
    finally:
        for ws in wb.worksheets():
            if getattr(ws, "constant_memory", False) and getattr(ws, "row_data_fh", None) is not None:
                ws._opt_close()
                with contextlib.suppress(OSError):
                    os.unlink(ws.row_data_filename)
