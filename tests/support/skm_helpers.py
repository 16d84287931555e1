"""Workbooks for the SKM tests: a Pengaturan sheet, an SKM sheet of responses, a distribution sheet.

Written with xlsxwriter as staff would type them: numbers as numbers, text as text,
dates as dates; a value "=..." is a formula (with no cached result unless given as
("=1/0", "#DIV/0!")).
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import xlsxwriter

from sakip_xl.read.schema import PENGATURAN
from sakip_xl.sections import all_settings
from sakip_xl.skm.schema import DISTRIBUSI, SKM_READ

BASE_COLUMNS = ("no", "tanggal", "layanan", "jenis_kelamin", "umur", "pendidikan", "pekerjaan")


def skm_bytes(rows=(), settings=None, elements: int = 9, columns=BASE_COLUMNS, distribution=None,
              pk_rows=None, header_row: int = 3, date1904: bool = False) -> bytes:
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False, "date_1904": date1904,
                                      "strings_to_formulas": False, "strings_to_urls": False})
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws = wb.add_worksheet(PENGATURAN.name)
    values = dict(settings or {})
    for r, s in enumerate(all_settings(), start=2):
        ws.write_string(r, 0, s.label)
        _write(ws, r, 1, values.get(s.key, s.default), date_fmt)
    if pk_rows is not None:
        from sakip_xl.pk.schema import PK
        pk = wb.add_worksheet("PK")
        keys = [c.key for c in PK.columns]
        for c, col in enumerate(PK.columns):
            pk.write_string(3, c, col.header)
        for i, row in enumerate(pk_rows):
            for key, value in row.items():
                _write(pk, 4 + i, keys.index(key), value, date_fmt)
    if rows is not None:
        sheet = wb.add_worksheet(SKM_READ.name)
        keys = list(columns) + [f"u{j}" for j in range(1, elements + 1)]
        for c, key in enumerate(keys):
            sheet.write_string(header_row, c, SKM_READ.column(key).header)
        for i, row in enumerate(rows):
            for key, value in row.items():
                if key == "_hidden":
                    sheet.set_row(header_row + 1 + i, None, None, {"hidden": True})
                else:
                    _write(sheet, header_row + 1 + i, keys.index(key), value, date_fmt)
    if distribution is not None:
        sheet = wb.add_worksheet(DISTRIBUSI.name)
        keys = [c.key for c in DISTRIBUSI.columns]
        for c, col in enumerate(DISTRIBUSI.columns):
            sheet.write_string(3, c, col.header)
        for i, row in enumerate(distribution):
            for key, value in row.items():
                _write(sheet, 4 + i, keys.index(key), value, date_fmt)
    wb.close()
    return buffer.getvalue()


def _write(ws, r, c, value, date_fmt) -> None:
    if value is None:
        return
    if isinstance(value, tuple):                      # (formula, cached result)
        ws.write_formula(r, c, value[0], None, value[1])
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value)
    elif isinstance(value, (dt.date, dt.datetime)):
        ws.write_datetime(r, c, value, date_fmt)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, value)
    elif isinstance(value, str) and value.startswith("="):
        ws.write_formula(r, c, value)
    else:
        ws.write_string(r, c, str(value))


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def answers(text: str, start: int = 1) -> dict:
    """'3434-4433' -> {'u1': 3, 'u2': 4, ...}; '-' leaves the answer blank, a letter stays text."""
    return {f"u{j}": int(a) if a.isdigit() else a for j, a in enumerate(text, start=start) if a != "-"}
