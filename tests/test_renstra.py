"""Renstra, IKU and the Perbandingan sheet: matching, comparisons, findings, the seed."""
from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from support.builders import JELBUK_SETTINGS, example
from support.renstra_fixtures import PK_ROWS, SETTINGS_2023, perbandingan, renstra_workbook
from sakip_xl.engine import check, compute
from sakip_xl.renstra import compare
from sakip_xl.renstra.matching import match_names, same_unit, similarity
from sakip_xl.renstra.model import Period

SEED_PK_SKM = "Nilai SKM dalam Bidang Pelayanan Publik"


@pytest.mark.parametrize(
    "a, b, kind",
    [
        ("Nilai SKM dalam Bidang Pelayanan Publik", "Nilai SKM dalam Bidang Pelayanan Publik", "exact"),
        ("Nilai SKM  dalam Bidang\u00a0Pelayanan Publik ", "Nilai SKM dalam Bidang Pelayanan Publik", "exact"),
        ("Nilai SKM dalam Bidang Pelayanan Publik", "Nilai SKM dalam bidang Pelayanan Publik", "near"),   # case
        ("rekomendasi yang ditindak lanjuti", "rekomendasi yang ditindaklanjuti", "near"),               # spacing
        ("Prosentase Desa yang sudah menyusun dokumen Perencanaan Penganggaran dan pelaporan",
         "% Desa yang sudah menyusun dokumen perencanaan, penganggaran dan pelaporan", "near"),           # % and ,
        (SEED_PK_SKM, "Nilai Survey Kepuasan Masyarakat (SKM) dalam bidang pelayanan Publik", "near"),   # seed IKU
        ("Nilai SKM dalam Bidang Pelayanan Publik", "Jumlah desa mandiri", None),
        ("Persentase PD yang menyusun laporan kinerja sesuai pedoman",
         "Persentase hasil monev kelembagaan yang ditindaklanjuti", None),
        ("", "", None),
    ],
)
def test_match_kinds(a, b, kind):
    got = match_names([a], [b]).get(0)
    assert (None if got is None else ("exact" if got.exact else "near")) == kind


def test_matching_is_one_to_one_and_exact_first():
    laporan = "Persentase PD yang menyusun laporan kinerja sesuai pedoman"
    perjanjian = "Persentase PD yang menyusun perjanjian kinerja sesuai pedoman"
    assert similarity(laporan, perjanjian) >= 0.8          # very similar, yet two indicators
    got = match_names([laporan, perjanjian], [perjanjian, laporan])
    assert {i: (m.index, m.exact) for i, m in got.items()} == {0: (1, True), 1: (0, True)}
    # one of them missing on the other side: a near match (a name difference), not two claims on one name
    got = match_names([laporan, perjanjian], [perjanjian])
    assert {i: (m.index, m.exact) for i, m in got.items()} == {1: (0, True)}


@given(st.lists(st.text(alphabet="abcdefghij %-", min_size=1, max_size=30), min_size=1, max_size=8, unique=True),
       st.randoms())
def test_every_name_finds_itself(names, rnd):
    names = [n for n in names if n.split()]
    others = list(names)
    rnd.shuffle(others)
    got = match_names(names, others)
    assert sorted(m.index for m in got.values()) == sorted(set(m.index for m in got.values()))   # one to one
    for i, name in enumerate(names):
        tidy = " ".join(name.split())
        if sum(" ".join(o.split()) == tidy for o in others) == 1:
            assert got[i].exact and " ".join(others[got[i].index].split()) == tidy


@pytest.mark.parametrize("a, b, same", [("%", "persen", True), ("Bulan", "bulan", True), ("indeks", "skor", False),
                                        ("Rp", "rupiah", False)])
def test_units(a, b, same):
    assert same_unit(a, b) == same


@pytest.mark.parametrize("tahun, awal, k", [(2021, 2021, 1), (2025, 2021, 5), (2026, 2021, None),
                                            (2020, 2021, None), (None, 2021, None), (2023, None, None)])
def test_period(tahun, awal, k):
    assert Period(tahun, awal).k == k


@pytest.mark.parametrize("now, before, negative, expected", [
    (86.44, 65.3, False, "Membaik"), (80, 85, False, "Memburuk"), (9, 10, True, "Membaik"), (11, 10, True, "Memburuk"),
    (5, 5, False, "Tetap"), (None, 5, False, None), (5, None, True, None)])
def test_trend(now, before, negative, expected):
    assert compare.trend(now, before, negative) == expected


@pytest.mark.parametrize("real, nasional, negative, expected", [
    (90, 85, False, compare.BETTER), (80, 85, False, compare.WORSE), (9, 7.5, True, compare.WORSE),
    (7, 7.5, True, compare.BETTER), (4, 4, False, compare.EQUAL), (4, None, False, compare.NO_NATIONAL),
    (None, 4, False, None)])
def test_national(real, nasional, negative, expected):
    assert compare.national(real, nasional, negative) == expected


# --- the seed ------------------------------------------------------------------------------------------

def test_seed_comparisons_and_its_contradiction(tmp_path):
    out = tmp_path / "hasil.xlsx"
    report = compute(example(tmp_path), out)
    t = perbandingan(out)
    skm, rekom, desa = list(t["3.1"])
    assert [t["3.1"][k]["Target PK 2021"] for k in (skm, rekom, desa)] == [85, 100, 100]
    assert [t["3.1"][k]["Target Renstra 2021"] for k in (skm, rekom, desa)] == [85, 100, 100]
    assert [t["3.1"][k]["Realisasi 2021"] for k in (skm, rekom, desa)] == [86.44, 80, 80]
    assert [t["3.1"][k]["Realisasi di Renstra 2021"] for k in (skm, rekom, desa)] == [86.44, 75.95, 75.95]
    assert round(t["3.1"][skm]["Capaian (%)"], 2) == 101.69 and t["3.1"][skm]["Kategori"] == "Sangat Baik"
    assert [t["3.1"][k]["Capaian (%)"] for k in (rekom, desa)] == [80, 80]
    assert [t["3.1"][k]["Kategori"] for k in (rekom, desa)] == ["Baik", "Baik"]
    # Tabel 3.2: n-1 and n as the seed prints them
    assert [(t["3.2"][k]["Realisasi 2020"], t["3.2"][k]["Realisasi 2021"]) for k in (skm, rekom, desa)] == \
        [(65.3, 86.44), (85, 80), (85, 80)]
    assert math.isclose(t["3.2"][skm]["Selisih"], 86.44 - 65.3)
    assert [t["3.2"][k]["Perkembangan"] for k in (skm, rekom, desa)] == ["Membaik", "Memburuk", "Memburuk"]
    # Tabel 3.3: end target 85 and 100; progress with the polarity (the seed prints 84,91 % and 80 %)
    assert [t["3.3"][k]["Target Akhir Renstra"] for k in (skm, rekom, desa)] == [85, 100, 100]
    assert math.isclose(t["3.3"][skm]["Tingkat Kemajuan (%)"], 86.44 / 85 * 100)
    assert [t["3.3"][k]["Tingkat Kemajuan (%)"] for k in (rekom, desa)] == [80, 80]
    # Tabel 3.4: "data realisasi nasional tidak tersedia"
    assert {t["3.4"][k]["Keterangan"] for k in (skm, rekom, desa)} == {compare.NO_NATIONAL}
    # Tabel 3.1 says 80 % for the coordination indicators, Tabel 3.2/3.3 (the Renstra) 75,95 %: flagged
    contra = [f for f in report.findings if f.code == "REN-002"]
    assert [(f.sheet, f.cell) for f in contra] == [("PK", "G6"), ("PK", "G7")]
    assert all("(80)" in f.message and "(75,95, Renstra!" in f.message and f.severity == "galat" for f in contra)
    # names differ between PK, Renstra and IKU in the seed: reported as differences, never as missing
    codes = {f.code for f in report.findings}
    assert "REN-003" in codes and "REN-005" not in codes and "REN-006" not in codes


def test_seed_skeleton_acceptance_still_holds(tmp_path):
    report = check(example(tmp_path))
    inds = report.analysis.indicators
    assert round(inds[0].capaian, 2) == 101.69 and inds[0].kategori == "Sangat Baik"
    assert [(i.capaian, i.kategori) for i in inds[1:]] == [(80.0, "Baik"), (80.0, "Baik")]


# --- made-up workbooks ---------------------------------------------------------------------------------

def test_comparisons_year_three(tmp_path):
    out = tmp_path / "hasil.xlsx"
    report = compute(renstra_workbook(tmp_path), out)
    t = perbandingan(out)
    a, b, c, d = (t["3.2"][k] for k in ("Indeks A", "Waktu B", "Predikat C", "Opini D"))
    assert (a["Realisasi 2022"], a["Selisih"], a["Perkembangan"]) == (77, 13, "Membaik")   # n-1 from the Renstra
    assert (b["Realisasi 2022"], b["Selisih"], b["Perkembangan"]) == (10, -1, "Membaik")   # negative polarity
    assert (c["Realisasi 2022"], c["Realisasi 2023"], c["Perkembangan"]) == ("B", "BB", "Membaik")
    assert (d["Realisasi 2022"], d["Perkembangan"]) == ("WDP", "Membaik")
    assert t["3.2"]["Polaritas H"]["Realisasi 2022"] == 45            # PK's "n/a" is passed over
    assert t["3.2"]["Negatif nol F"]["Perkembangan"] == "Tetap"
    k = t["3.3"]
    assert k["Indeks A"]["Tingkat Kemajuan (%)"] == 90
    assert k["Waktu B"]["Tingkat Kemajuan (%)"] == 50                  # (2x6 - 9) / 6
    assert math.isclose(k["Predikat C"]["Tingkat Kemajuan (%)"], 5 / 6 * 100)   # BB towards A
    assert k["Opini D"]["Tingkat Kemajuan (%)"] == 100
    assert k["Negatif nol F"]["Tingkat Kemajuan (%)"] == 200
    assert k["Akhir nol G"]["Tingkat Kemajuan (%)"] is None            # end target 0: no number invented
    n = t["3.4"]
    assert (n["Indeks A"]["Selisih"], n["Indeks A"]["Keterangan"]) == (5, compare.BETTER)
    assert (n["Waktu B"]["Realisasi Nasional"], n["Waktu B"]["Keterangan"]) == (7.5, compare.WORSE)
    assert n["Akhir nol G"]["Keterangan"] == compare.EQUAL
    assert t["3.1"]["Waktu B"]["Target Batas Atas"] == 8
    assert t["3.1"]["Predikat C"]["Target Renstra 2023"] == "BB"
    got = {(f.code, f.place) for f in report.findings}
    expected = {
        ("REN-002", "PK!G6"),            # realisasi 9 in PK, 9,5 in Renstra
        ("REN-003", "PK!C6"),            # 'Waktu B' / 'waktu  b'
        ("REN-001", "PK!F7"),            # target B in PK, BB in Renstra
        ("REN-011", "Renstra!Q8"),       # realisasi 'X' is not on the Opini BPK scale
        ("REN-005", "PK!C9"),
        ("REN-010", "Renstra!K9"),       # target typed as text "90"
        ("REN-001", "PK!F10"),           # ... and 90 is not the PK's 100
        ("REN-011", "Renstra!N9"),       # kondisi akhir 'abc'
        ("REN-007", "PK!E13"),
        ("REN-004", "PK!D5"),            # PK 'indeks' vs IKU 'skor'
        ("REN-004", "IKU!D5"),           # IKU 'skor' vs Renstra 'indeks'
        ("REN-006", "IKU!C7"),
        ("PK-006", "PK!Q6"),             # national figure typed as text
    }
    assert expected <= got, expected - got
    assert not {c for c, p in got if c == "REN-003" and p != "PK!C6"}   # Bulan/bulan, %/persen are the same unit


def test_year_one_falls_back_to_kondisi_awal(tmp_path):
    settings = dict(SETTINGS_2023, tahun=2021, rumus_negatif="T/R")
    out = tmp_path / "hasil.xlsx"
    report = compute(renstra_workbook(tmp_path, settings=settings), out)
    t = perbandingan(out)
    assert t["3.2"]["Indeks A"]["Realisasi 2020"] == 60
    assert t["3.3"]["Negatif nol F"]["Tingkat Kemajuan (%)"] is None   # T/R with realisasi 0
    got = {(f.code, f.place) for f in report.findings}
    assert {("REN-001", "PK!F5"), ("REN-002", "PK!G5"), ("PK-010", "PK!G11")} <= got


@pytest.mark.parametrize("settings, code", [(dict(SETTINGS_2023, tahun=2030), "REN-008"),
                                            (dict(JELBUK_SETTINGS, tahun_awal_renstra=None), "REN-009")])
def test_period_problems(tmp_path, settings, code):
    out = tmp_path / "hasil.xlsx"
    report = compute(renstra_workbook(tmp_path, settings=settings), out)
    finding = next(f for f in report.findings if f.code == code)
    assert finding.sheet == "Pengaturan" and finding.cell
    assert not [f for f in report.findings if f.code in ("REN-001", "REN-002")]
    row = perbandingan(out)["3.1"]["Indeks A"]
    assert [v for h, v in row.items() if h.startswith("Target Renstra")] == [None]


def test_without_renstra_and_iku_nothing_is_missing(tmp_path):
    out = tmp_path / "hasil.xlsx"
    report = compute(renstra_workbook(tmp_path, renstra=[], iku=[]), out)
    assert not [f for f in report.findings if f.code.startswith("REN-")]
    t = perbandingan(out)
    assert t["3.2"]["Waktu B"]["Realisasi 2022"] == 10 and t["3.3"]["Indeks A"]["Tingkat Kemajuan (%)"] is None


def test_renstra_alone_is_enough_for_the_section(tmp_path):
    from support.builders import free_layout
    src = free_layout(tmp_path, {"IKU": [["Indikator Kinerja Utama", "Satuan"], ["A", "%"]],
                                 "Renstra": [["Sasaran", "Indikator Sasaran", "Satuan"], ["S", "A", "indeks"]]})
    report = check(src)
    assert [(f.code, f.place) for f in report.findings if f.code.startswith("REN")] == [("REN-004", "IKU!B2")]
