"""LibreOffice recalculates Perbandingan (and the Capaian it reads): every stored value must agree."""
from __future__ import annotations

import datetime as dt

import pytest

from support.builders import example
from support.lo_oracle import compare_with_engine
from support.renstra_fixtures import PK_ROWS, RENSTRA_ROWS, SETTINGS_2023, renstra_workbook
from sakip_xl.pk import capaian as C
from sakip_xl.engine import compute

pytestmark = pytest.mark.libreoffice

SHEETS = ["Perbandingan", "Capaian"]

# a date typed where a number belongs, and an empty PK row name, on top of the tricky rows
RENSTRA_WITH_DATE = [dict(r) for r in RENSTRA_ROWS]
RENSTRA_WITH_DATE[6] = dict(RENSTRA_WITH_DATE[6], realisasi_2=dt.datetime(2022, 3, 1), realisasi_3=4)


def _parity(path, tmp_path):
    out = tmp_path / "hasil.xlsx"
    compute(path, out)
    assert compare_with_engine(out, tmp_path / "lo", sheets=SHEETS) == []


def test_seed_perbandingan_parity(tmp_path):
    _parity(example(tmp_path), tmp_path)


@pytest.mark.parametrize("settings", [
    SETTINGS_2023,
    dict(SETTINGS_2023, tahun=2021, rumus_negatif="T/R", capaian_kualitatif=C.QUAL_BINARY, batas_capaian="100"),
    dict(SETTINGS_2023, tahun=2022),
    dict(SETTINGS_2023, tahun=2030),
], ids=["tahun-3", "tahun-1-t-per-r-biner", "tahun-2", "di-luar-periode"])
def test_tricky_perbandingan_parity(tmp_path, settings):
    _parity(renstra_workbook(tmp_path, renstra=RENSTRA_WITH_DATE, settings=settings), tmp_path)


def test_perbandingan_parity_without_renstra(tmp_path):
    _parity(renstra_workbook(tmp_path, pk=PK_ROWS + [{"target": 3, "realisasi": 4}], renstra=None, iku=None),
            tmp_path)
