"""Workbooks made for tests: the template filled with rows, or free layouts."""
from __future__ import annotations

import io
from pathlib import Path

import xlsxwriter

from sakip_xl.examples import example_bytes
from sakip_xl.seed_data import JELBUK_PK, JELBUK_SETTINGS
from sakip_xl.template import build_template


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def example(tmp_path: Path, name: str = "contoh.xlsx") -> Path:
    return write(tmp_path / name, example_bytes())


def filled(tmp_path: Path, pk_rows, settings=None, name: str = "uji.xlsx") -> Path:
    return write(tmp_path / name, build_template(settings or JELBUK_SETTINGS, {"PK": pk_rows}))


def free_layout(tmp_path: Path, sheets: dict[str, list[list]], name: str = "bebas.xlsx") -> Path:
    """A workbook with the given cell grid per sheet (None = empty cell), written as staff would."""
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False})
    for sheet, rows in sheets.items():
        ws = wb.add_worksheet(sheet)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str) and value.startswith("="):
                    ws.write_formula(r, c, value)
                else:
                    ws.write(r, c, value)
    wb.close()
    return write(tmp_path / name, buffer.getvalue())


__all__ = ["JELBUK_PK", "JELBUK_SETTINGS", "example", "filled", "free_layout", "write"]
