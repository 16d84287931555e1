"""LibreOffice recalculates `Hasil Anggaran`: every formula must give the value Python stored."""
from __future__ import annotations

import datetime as dt

import pytest

from support.anggaran_builders import budget_workbook
from support.builders import JELBUK_SETTINGS, example, free_layout
from support.lo_oracle import compare_with_engine
from sakip_xl.anggaran.examples import JELBUK_BELANJA
from sakip_xl.anggaran.sheet import SHEET
from sakip_xl.engine import compute

pytestmark = pytest.mark.libreoffice

PK_ROWS = [
    {"sasaran": "Sasaran Satu", "indikator": "I1", "target": 100, "realisasi": 80},
    {"indikator": "I2", "target": "100", "realisasi": "n/a"},
    {"sasaran": "Sasaran Dua", "indikator": "I3", "target": 85, "realisasi": 86.44},
    {"sasaran": "Sasaran Empat", "indikator": "I4", "target": 0, "realisasi": 3},
]

# Numbering mode: text numbers, blanks, invalid text, n/a, a date, pagu 0, negatives, a child without a number.
TRICKY_OLD = [
    {"kode": "I", "uraian": "Program teks", "pagu": "Rp 7.559.700", "realisasi": "7.434.000,50",
     "serapan_dilaporkan": "91,44 %", "porsi_dilaporkan": "0,9", "sasaran": "Sasaran Satu", "pagu_pk": "Rp 7.600.000"},
    {"kode": 1, "uraian": "Kegiatan teks", "pagu": "7.559.700", "realisasi": 7434000.5},
    {"kode": "II", "uraian": "Program dengan rincian kosong", "pagu": 300, "realisasi": 100,
     "sasaran": "sasaran dua"},
    {"kode": 1, "uraian": "Kegiatan kosong", "realisasi": 50, "jenis_belanja": "Belanja Pegawai"},
    {"kode": 2, "uraian": "Kegiatan huruf", "pagu": "tiga ratus", "realisasi": "-", "jenis_belanja": "Honor"},
    {"kode": 3, "uraian": "Kegiatan tanggal", "pagu": dt.datetime(2021, 3, 1), "realisasi": 1e-7,
     "serapan_dilaporkan": 0.5},
    {"kode": "III", "uraian": "Program pagu nol", "pagu": 0, "realisasi": 5, "serapan_dilaporkan": 100,
     "sasaran": "Sasaran Tiga"},
    {"kode": "IV", "uraian": "Program negatif", "pagu": -10, "realisasi": 3, "jenis_belanja": "Belanja Modal"},
    {"kode": "V", "uraian": "Program besar", "pagu": 3387235094, "realisasi": 3260140094.25,
     "jenis_belanja": "Belanja Langsung"},
    {"kode": 1, "uraian": "Kegiatan besar", "pagu": 3387235094, "realisasi": 3260140094.25},
    {"uraian": "Rincian tanpa tanda", "pagu": 1.5, "realisasi": 0.1},
    {"uraian": "TOTAL", "pagu": "3.395.000.000", "realisasi": 1, "serapan_dilaporkan": 12.5},
]

TRICKY_CODES = [
    {"kode": "7.01.02", "uraian": "Program A", "pagu": 1000, "realisasi": 900, "sasaran": "Sasaran Satu"},
    {"kode": "7.01.02.2.01", "uraian": "Kegiatan A1", "jenis_belanja": "5.1", "pagu": 600, "realisasi": 550},
    {"kode": "7.01.02.2.01.0001", "uraian": "Sub A1a", "jenis_belanja": "Belanja Pegawai", "pagu": 200,
     "realisasi": 150},
    {"kode": "7.01.02.2.01.0002", "uraian": "Sub A1b", "jenis_belanja": "Belanja Barang dan Jasa", "pagu": "400",
     "realisasi": "400"},
    {"kode": "7.01.02.2.02", "uraian": "Kegiatan A2", "jenis_belanja": "Belanja Modal", "pagu": 400, "realisasi": 0},
    {"kode": "7.01.02.2.09.0001", "uraian": "Sub yatim", "jenis_belanja": "Belanja Hibah", "pagu": 5, "realisasi": 5},
    {"kode": "7.01.03", "uraian": "Program B", "pagu": 50, "realisasi": 40, "sasaran": "Sasaran Dua",
     "tingkat": "program"},
    {"kode": "7.01.03", "uraian": "Program B ganda", "pagu": 1, "realisasi": 1},
    {"kode": "7.01.03.2.01", "uraian": "Kegiatan B1", "jenis_belanja": "Belanja Tidak Terduga", "pagu": 50,
     "realisasi": 40, "sasaran": "Sasaran Dua"},
    {"uraian": "JUMLAH", "pagu": 1051, "realisasi": 940},
]


def _check(path, tmp_path):
    out = tmp_path / "hasil.xlsx"
    report = compute(path, out)
    assert report.analysis.results["anggaran"] is not None
    assert compare_with_engine(out, tmp_path / "lo", sheets=[SHEET, "Capaian"]) == []
    return report


def test_example_parity(tmp_path):
    _check(example(tmp_path), tmp_path)


def test_tricky_numbering_table_parity(tmp_path):
    report = _check(budget_workbook(tmp_path, TRICKY_OLD, JELBUK_BELANJA, pk=PK_ROWS), tmp_path)
    codes = {f.code for f in report.findings}
    assert {"ANG-006", "ANG-009", "ANG-010", "ANG-011", "ANG-013", "ANG-015", "ANG-017"} <= codes


def test_tricky_code_table_parity_with_margin_as_text(tmp_path):
    settings = dict(JELBUK_SETTINGS, efisiensi_aturan="Capaian > Serapan", efisiensi_batas="2,5")
    report = _check(budget_workbook(tmp_path, TRICKY_CODES, pk=PK_ROWS, settings=settings), tmp_path)
    assert report.analysis.results["anggaran"].margin.value == 2.5
    assert {"ANG-007", "ANG-008", "ANG-002"} <= {f.code for f in report.findings}


def test_negative_margin_and_no_pk_indicators(tmp_path):
    settings = dict(JELBUK_SETTINGS, efisiensi_batas=-1)
    _check(budget_workbook(tmp_path, TRICKY_CODES, pk=[], settings=settings), tmp_path)


def test_parity_without_pengaturan_and_pk(tmp_path):
    grid = [["No", "Uraian", "Anggaran", "Realisasi", "Capaian (%)", "Sasaran"],
            ["I", "Program A", 100, 80, "80 %", "S"], [1, "Kegiatan A1", 60, 50, None, None],
            [2, "Kegiatan A2", 40, "Rp 30", None, None], [None, "TOTAL", 100, 80, "81"]]
    path = free_layout(tmp_path, {"Anggaran": grid, "Belanja": [["Jenis Belanja", "Pagu"],
                                                                ["Belanja Operasi", 70], ["Belanja Modal", 30]]})
    out = tmp_path / "hasil.xlsx"
    report = compute(path, out)
    assert report.analysis.results["anggaran"].margin.source is None
    assert compare_with_engine(out, tmp_path / "lo", sheets=[SHEET]) == []
