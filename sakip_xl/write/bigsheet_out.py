"""Computed sheets written row by row (xlsxwriter's constant_memory mode).

A PK of 100,000 indicators makes some ten million formula cells (Capaian, the four
Perbandingan tables, Pemeriksaan). xlsxwriter normally keeps every cell in memory until
the workbook is closed, gigabytes at that size, and writes their XML only then. The sheets
of the sections that write top to bottom (engine._ROWS_IN_ORDER) and Pemeriksaan are
instead written row by row to a temporary file, whatever their size: only the row being
written is kept, and the XML of the sheets rendered while a big survey is still being read
is made meanwhile, not after it. Their text is stored in the cells (inline strings), as the
splice stores all the tool's text (sheetxml.shared_items).

The mode needs every writer to write its rows top to bottom: a cell written above a row
already flushed would be lost, so `common._Worksheet` raises instead (a wrong number is
never silent).
"""
from __future__ import annotations

import contextlib
import os


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
    """Close the workbook; the temporary row files of its streamed sheets are removed in any case,
    and what the closed workbook holds is let go of (`_release`)."""
    try:
        wb.close()
    finally:
        for ws in wb.worksheets():
            if getattr(ws, "constant_memory", False) and getattr(ws, "row_data_fh", None) is not None:
                ws._opt_close()
                with contextlib.suppress(OSError):
                    os.unlink(ws.row_data_filename)
        _release(wb)


def _release(wb) -> None:
    """Drop the closed workbook's sheets and charts: their cells, links and series refer to the
    workbook and to each other, so while the engine pauses the cyclic collector (engine.gc_paused)
    they would stay in memory through the splice, 100-odd MB for a PK of 100,000 rows."""
    for part in list(wb.worksheets_objs) + list(wb.charts):
        part.__dict__.clear()
    wb.worksheets_objs.clear()
    wb.charts.clear()
