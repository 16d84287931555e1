"""LibreOffice recalculates the finished workbook: every formula must give the stored value."""
from __future__ import annotations

import datetime as dt

import pytest

from support.builders import JELBUK_SETTINGS, example, filled, free_layout
from support.lo_oracle import compare_with_engine
from sakip_xl.engine import compute
from sakip_xl.read.schema import ScaleRow

pytestmark = pytest.mark.libreoffice

TRICKY_ROWS = [
    {"sasaran": "S1", "indikator": "positif biasa", "target": 85, "realisasi": 86.44, "capaian_dilaporkan": 86.44},
    {"indikator": "tepat 55", "target": 100, "realisasi": 55, "capaian_dilaporkan": 55},
    {"indikator": "tepat 76", "target": 100, "realisasi": 76},
    {"indikator": "tepat 100", "target": 100, "realisasi": 100},
    {"indikator": "di atas 100", "target": 3, "realisasi": 3.0000001},
    {"sasaran": "S2", "indikator": "negatif", "polaritas": "negatif", "target": 10, "realisasi": 12},
    {"indikator": "negatif jauh", "polaritas": "negatif", "target": 10, "realisasi": 25},
    {"indikator": "negatif nol", "polaritas": "negatif", "target": 10, "realisasi": 0},
    {"indikator": "teks angka", "target": "1.000", "realisasi": "Rp 950", "capaian_dilaporkan": "95 %"},
    {"indikator": "persen teks", "target": "100%", "realisasi": "80,5 %"},
    {"indikator": "n/a", "target": 100, "realisasi": "n/a"},
    {"indikator": "kosong", "target": 100},
    {"indikator": "target nol", "target": 0, "realisasi": 3},
    {"indikator": "target huruf", "target": "B", "realisasi": 86},
    {"indikator": "tanggal", "target": dt.datetime(2021, 3, 1), "realisasi": 44300},
    {"indikator": "kecil", "target": 1e-7, "realisasi": 3e-8},
    {"indikator": "besar", "target": 3387235094, "realisasi": 3260140094},
    {"indikator": "polaritas aneh", "polaritas": "naik?", "target": 7, "realisasi": 3},
]


def _check(path, tmp_path):
    mismatches = compare_with_engine(path, tmp_path / "lo", sheets=["Capaian", "Pemeriksaan"])
    assert mismatches == []


def test_example_parity(tmp_path):
    out = tmp_path / "hasil.xlsx"
    compute(example(tmp_path), out)
    _check(out, tmp_path)


def test_tricky_rows_parity_default_rules(tmp_path):
    out = tmp_path / "hasil.xlsx"
    compute(filled(tmp_path, TRICKY_ROWS), out)
    _check(out, tmp_path)


def test_tricky_rows_parity_t_over_r_and_other_scale(tmp_path):
    settings = dict(JELBUK_SETTINGS, rumus_negatif="T/R", skala=(
        ScaleRow("Sangat Rendah", None, None), ScaleRow("Rendah", ">=", 51.0), ScaleRow("Sedang", ">=", 66.0),
        ScaleRow("Tinggi", ">=", 76.0), ScaleRow("Sangat Tinggi", ">=", 91.0)))
    out = tmp_path / "hasil.xlsx"
    report = compute(filled(tmp_path, TRICKY_ROWS, settings), out)
    assert report.analysis.settings.scale[-1].label == "Sangat Tinggi"
    _check(out, tmp_path)


def test_parity_without_settings_sheet(tmp_path):
    grid = [["No", "Sasaran Strategis", "Indikator Kinerja", "Polaritas", "Target", "Realisasi"],
            [1, "S", "a", "positif", 100, 55], [2, "S", "b", "negatif", 10, 11], [3, "S", "c", None, 80, 100]]
    out = tmp_path / "hasil.xlsx"
    report = compute(free_layout(tmp_path, {"PK": grid}), out)
    assert report.analysis.settings.scale_ref is None
    _check(out, tmp_path)
