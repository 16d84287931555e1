"""Each Anggaran finding at its cell."""
from __future__ import annotations

import pytest

from support.anggaran_builders import ang, bel, budget_workbook
from sakip_xl.engine import check


def places(report, code):
    return [f.cell for f in report.findings if f.code == code]


def messages(report, code):
    return [f.message for f in report.findings if f.code == code]


def test_realisasi_above_pagu_and_pagu_zero(tmp_path):
    lines = [{"kode": "I", "uraian": "Program A", "pagu": 100, "realisasi": 120},
             {"kode": "II", "uraian": "Program B", "pagu": 0, "realisasi": 5, "serapan_dilaporkan": 100},
             {"kode": "III", "uraian": "Program C", "pagu": 0, "realisasi": 0}]
    report = check(budget_workbook(tmp_path, lines))
    assert places(report, "ANG-005") == [ang("realisasi", 0)]
    assert messages(report, "ANG-005") == ["Realisasi 120 melebihi pagu 100 (serapan 120,00 %)."]
    assert places(report, "ANG-006") == [ang("pagu", 1)]
    assert places(report, "ANG-004") == [ang("serapan_dilaporkan", 1)]      # the printed 100 % has no basis
    assert "pagu 0" in messages(report, "ANG-004")[0]
    table = report.analysis.results["anggaran"].anggaran
    assert table.result.serapan[1] is None and table.result.serapan[2] is None


def test_codes_missing_parent_and_duplicate(tmp_path):
    lines = [{"kode": "7.01.02", "uraian": "Program A", "pagu": 30, "realisasi": 3},
             {"kode": "7.01.02.2.01", "uraian": "Kegiatan A1", "pagu": 30, "realisasi": 3},
             {"kode": "7.01.02.2.01.0001", "uraian": "Sub A1a", "pagu": 10, "realisasi": 1},
             {"kode": "7.01.02.2.01.0001", "uraian": "Sub A1b", "pagu": 20, "realisasi": 2},
             {"kode": "7.01.02.2.09.0001", "uraian": "Sub yatim", "pagu": 5, "realisasi": 0}]
    report = check(budget_workbook(tmp_path, lines))
    assert places(report, "ANG-008") == [ang("kode", 3)]
    assert messages(report, "ANG-008") == [f"Kode 7.01.02.2.01.0001 sudah dipakai di baris {ang('kode', 2)[1:]}."]
    assert places(report, "ANG-007") == [ang("kode", 4)]
    assert "7.01.02.2.09" in messages(report, "ANG-007")[0]
    # the orphan hangs under its programme, so the programme's pagu 30 is now short of 35
    assert places(report, "ANG-001") == [ang("pagu", 0)]


def test_negative_text_and_invalid_amounts(tmp_path):
    lines = [{"kode": "I", "uraian": "Program A", "pagu": -5, "realisasi": 0},
             {"kode": "II", "uraian": "Program B", "pagu": "Rp 7.559.700", "realisasi": "tujuh juta"},
             {"kode": "III", "uraian": "Program C", "pagu": 10}]
    report = check(budget_workbook(tmp_path, lines))
    assert places(report, "ANG-009") == [ang("pagu", 0)]
    assert places(report, "ANG-010") == [ang("pagu", 1)]
    assert messages(report, "ANG-010") == ["Sel berisi teks 'Rp 7.559.700', dibaca sebagai 7.559.700."]
    assert places(report, "ANG-011") == [ang("realisasi", 1)]
    assert places(report, "ANG-018") == [ang("realisasi", 2)]
    assert report.analysis.results["anggaran"].anggaran.lines[1].value("pagu") == 7559700


def test_unknown_class_sasaran_and_level(tmp_path):
    pk = [{"sasaran": "Sasaran Satu", "indikator": "I1", "target": 100, "realisasi": 90},
          {"sasaran": "Sasaran Dua", "indikator": "I2", "target": 100, "realisasi": 90}]
    lines = [{"uraian": "Program A", "jenis_belanja": "Honorarium", "pagu": 10, "realisasi": 5,
              "sasaran": "sasaran  SATU"},
             {"uraian": "Program B", "tingkat": "bidang", "pagu": 10, "realisasi": 5, "sasaran": "Sasaran Tiga"},
             {"uraian": "Rincian tanpa tanda", "pagu": 1, "realisasi": 1}]
    report = check(budget_workbook(tmp_path, lines, pk=pk))
    assert places(report, "ANG-013") == [ang("jenis_belanja", 0)]
    assert places(report, "ANG-014") == [ang("sasaran", 1)]          # 'sasaran  SATU' matches 'Sasaran Satu'
    assert places(report, "ANG-016") == [ang("tingkat", 1)]
    assert places(report, "ANG-017") == [ang("uraian", 2)]
    assert messages(report, "ANG-019") == ["Sasaran 'Sasaran Dua' di PK tidak didukung program mana pun di lembar "
                                           "Anggaran."]
    rows = report.analysis.results["anggaran"].sasaran_rows
    assert [(r.text, r.pagu) for r in rows] == [("Sasaran Satu", 10), ("Sasaran Dua", 0), ("Sasaran Tiga", 10),
                                                ("Tanpa sasaran", 1)]
    assert rows[0].capaian == 90 and rows[1].serapan is None


def test_pk_programme_budget(tmp_path):
    lines = [{"kode": "I", "uraian": "Program A", "pagu": 162824800, "realisasi": 1, "pagu_pk": 162824800},
             {"kode": "II", "uraian": "Program B", "pagu": 7559700, "realisasi": 1, "pagu_pk": "Rp 7.600.000"}]
    report = check(budget_workbook(tmp_path, lines))
    assert places(report, "ANG-015") == [ang("pagu_pk", 1)]
    assert messages(report, "ANG-015") == ["Anggaran program di PK 7.600.000, pagu di tabel ini 7.559.700 "
                                           "(selisih 40.300)."]


def test_typed_total_differs_from_the_programmes(tmp_path):
    lines = [{"kode": "I", "uraian": "Program A", "pagu": 10, "realisasi": 5, "porsi_dilaporkan": 50},
             {"kode": "II", "uraian": "Program B", "pagu": 30, "realisasi": 5, "porsi_dilaporkan": 75},
             {"uraian": "JUMLAH", "pagu": 40, "realisasi": 11}]
    report = check(budget_workbook(tmp_path, lines))
    assert places(report, "ANG-002") == [ang("realisasi", 2)]
    assert messages(report, "ANG-002") == ["Realisasi pada baris jumlah tertulis 11, jumlah 2 baris teratas 10 "
                                           "(selisih 1)."]
    assert places(report, "ANG-012") == [ang("porsi_dilaporkan", 0)]


def test_class_shares_from_the_lines_current_classification(tmp_path):
    lines = [{"kode": "7.01.02", "uraian": "Program A", "pagu": 100, "realisasi": 50},
             {"kode": "7.01.02.2.01", "uraian": "Kegiatan A1", "jenis_belanja": "5.1 Belanja Operasi", "pagu": 60,
              "realisasi": 30},
             {"kode": "7.01.02.2.01.0001", "uraian": "Sub 1", "jenis_belanja": "Belanja Pegawai", "pagu": 20,
              "realisasi": 10},
             {"kode": "7.01.02.2.01.0002", "uraian": "Sub 2", "jenis_belanja": "Belanja Barang dan Jasa", "pagu": 40,
              "realisasi": 20},
             {"kode": "7.01.02.2.02", "uraian": "Kegiatan A2", "jenis_belanja": "Belanja Modal", "pagu": 30,
              "realisasi": 20},
             {"kode": "7.01.02.2.03", "uraian": "Kegiatan A3", "pagu": 10, "realisasi": 0}]
    result = check(budget_workbook(tmp_path, lines)).analysis.results["anggaran"]
    assert result.class_scheme == "Permendagri 90/2019"
    assert result.class_rows == [("Belanja Operasi", None, 60, 30), ("Belanja Operasi", "Belanja Pegawai", 20, 10),
                                 ("Belanja Operasi", "Belanja Barang dan Jasa", 40, 20),
                                 ("Belanja Modal", None, 30, 20), ("Tidak diisi", None, 10, 0)]


def test_class_shares_old_classification_inherits_the_group(tmp_path):
    lines = [{"kode": "I", "uraian": "Program A", "jenis_belanja": "Belanja Langsung", "pagu": 30, "realisasi": 3},
             {"kode": 1, "uraian": "Kegiatan A1", "jenis_belanja": "Belanja Modal", "pagu": 10, "realisasi": 1},
             {"kode": 2, "uraian": "Kegiatan A2", "pagu": 20, "realisasi": 2}]
    result = check(budget_workbook(tmp_path, lines)).analysis.results["anggaran"]
    assert result.class_rows == [("Belanja Langsung", None, 30, 3), ("Belanja Langsung", "Belanja Modal", 10, 1)]


@pytest.mark.parametrize("pagu_text, expected", [("3.260.140.094", 3260140094), ("Rp 953.121.400,-", 953121400)])
def test_belanja_sheet_reads_text_amounts(tmp_path, pagu_text, expected):
    report = check(budget_workbook(tmp_path, belanja=[{"jenis_belanja": "Belanja Langsung", "pagu": pagu_text}]))
    assert places(report, "ANG-010") == [bel("pagu", 0)]
    assert report.analysis.results["anggaran"].belanja.lines[0].value("pagu") == expected
