"""Workbooks for the Anggaran tests: the template filled with budget lines."""
from __future__ import annotations

from pathlib import Path

from support.builders import JELBUK_PK, JELBUK_SETTINGS, write
from sakip_xl.xlsx.addresses import col_letter
from sakip_xl.anggaran.schema import ANGGARAN, BELANJA
from sakip_xl.template import build_template


def budget_workbook(tmp_path: Path, anggaran=None, belanja=None, pk=JELBUK_PK, settings=None,
                    name: str = "anggaran.xlsx") -> Path:
    rows = {"PK": pk or []}
    if anggaran is not None:
        rows[ANGGARAN.name] = anggaran
    if belanja is not None:
        rows[BELANJA.name] = belanja
    return write(tmp_path / name, build_template(settings or JELBUK_SETTINGS, rows))


def address(spec, key: str, index: int) -> str:
    """Where the template puts record `index` (0-based) of column `key`."""
    c = [col.key for col in spec.columns].index(key)
    return f"{col_letter(c)}{spec.header_row + 1 + index}"


def ang(key: str, index: int) -> str:
    return address(ANGGARAN, key, index)


def bel(key: str, index: int) -> str:
    return address(BELANJA, key, index)
