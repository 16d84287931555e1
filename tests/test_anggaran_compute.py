"""Budget arithmetic, the hierarchy of budget lines, and spending classes: pure functions."""
from __future__ import annotations

import math
from fractions import Fraction

import pytest

from sakip_xl.anggaran import classes as K
from sakip_xl.anggaran import compute as C
from sakip_xl.anggaran.hierarchy import class_structure, segments, structure


# --- serapan, shares, roll-ups -------------------------------------------------

@pytest.mark.parametrize("pagu, realisasi, expected", [
    (162824800, 141929000, 87.17),               # seed programme I: printed 87,54
    (59099500, 33458470, 56.61),                 # seed programme II: printed 72,83
    (427148800, 316968470, 74.21),               # seed TOTAL: printed 78,85
    (7559700, 7434000, 98.34),                   # seed programme VI: printed 91,44
    (100, 0, 0.0),
    (100, 120, 120.0),
    (0, 5, None),                                # pagu 0: never 100 %
    (0, 0, None),
    (None, 5, None),
    (5, None, None),
])
def test_serapan(pagu, realisasi, expected):
    got = C.serapan(pagu, realisasi)
    if expected is None:
        assert got is None
    else:
        assert round(got, 2) == expected
        assert math.isclose(got, float(Fraction(realisasi, pagu) * 100), rel_tol=1e-15)


def test_belanja_langsung_share_of_the_seed():
    assert round(C.share(3260140094, 3387235094), 2) == 96.25      # printed 21,28
    assert round(C.share(127095000, 3387235094), 2) == 3.75        # printed 78,72


@pytest.mark.parametrize("values, expected", [
    ([25081470, 15000000, 8377000], 48458470),   # seed programme II's kegiatan
    ([3204000, 187768560], 190972560),           # seed programme III's kegiatan
    ([1.0, None], None),                         # a child without a number: no roll-up
    ([], None),
])
def test_rollup(values, expected):
    assert C.rollup(values) == expected


def test_share_and_totals_without_numbers():
    assert C.share(5, 0) is None and C.share(None, 5) is None and C.share(5, None) is None
    assert C.total_of([None, None]) is None and C.total_of([None, 2.0]) == 2.0
    assert C.column_sum([None]) == 0


@pytest.mark.parametrize("value, is_text, decimals, computed, verdict", [
    (86.44, False, 2, 86.444, None),        # within the rounding of two decimals
    (86.44, False, 2, 86.446, "wrong"),     # 86,45 when rounded
    (87.54, False, 2, 87.1666, "wrong"),
    (87.2, True, 1, 87.1666, None),         # "87,2" typed with one decimal: tolerance 0,05
    (87, True, 0, 87.1666, None),           # "87 %" typed with no decimals: tolerance 0,5
    (88, True, 0, 87.1666, "wrong"),
    (0.8717, False, 4, 87.1666, None),      # 87,17% in a percent-formatted cell
    (100, False, 0, None, "baseless"),      # pagu 0 with a printed 100 %
])
def test_judge_stated(value, is_text, decimals, computed, verdict):
    assert C.judge_stated(C.Stated(value, is_text, decimals), computed)[0] == verdict


@pytest.mark.parametrize("capaian, serapan, rule, margin, expected", [
    (101.69, 98.34, "Capaian >= Serapan", 0, "Efisien"),
    (80, 96.61, "Capaian >= Serapan", 0, "Tidak efisien"),
    (80, 80, "Capaian >= Serapan", 0, "Efisien"),
    (80, 80, "Capaian > Serapan", 0, "Tidak efisien"),
    (85, 80, "Capaian >= Serapan", 5, "Efisien"),
    (84.9, 80, "Capaian >= Serapan", 5, "Tidak efisien"),
    (None, 80, "Capaian >= Serapan", 0, None),
])
def test_verdict(capaian, serapan, rule, margin, expected):
    assert C.verdict(capaian, serapan, rule, margin) == expected


@pytest.mark.parametrize("value, digits, expected", [(2.5, 0, 3.0), (-2.5, 0, -3.0), (1.0000005, 6, 1.000001),
                                                    (0.1 + 0.2 - 0.3, 6, 0.0)])
def test_round_half_up_like_a_spreadsheet(value, digits, expected):
    assert C.round_half_up(value, digits) == expected


# --- the hierarchy ------------------------------------------------------------

SEED_KODE = ["I", "II", "1", "2", "3", "III", "1", "2", "VI", "1", ""]
SEED_URAIAN = ["Program A", "Program B", "Kegiatan b1", "Pemeliharaan / Rehabilitasi Gedung", "Kegiatan b3",
               "Program C", "Kegiatan c1", "Kegiatan c2", "Program D", "Kegiatan d1", "TOTAL"]


def test_old_numbering_follows_row_order():
    s = structure(SEED_KODE, SEED_URAIAN)
    assert s.parent == [None, None, 1, 1, 1, None, 5, 5, None, 8, None]
    assert s.is_total == [False] * 10 + [True]
    assert s.top() == [0, 1, 5, 8]
    assert [s.label(i) for i in (0, 2, 10)] == ["program", "kegiatan", "jumlah"]
    assert s.issues == []


def test_codes_give_the_parent_by_prefix_in_any_order():
    kode = ["7.01.02.2.01.0001", "7.01.02", "7.01.02.2.01", "7.01.03", "7.01.02.2.02", "7.01.02.2.01.0002"]
    s = structure(kode, ["x"] * 6)
    assert s.parent == [2, None, 1, None, 1, 2]
    assert [s.label(i) for i in range(6)] == ["sub kegiatan", "program", "kegiatan", "program", "kegiatan",
                                              "sub kegiatan"]
    assert s.issues == []


def test_missing_parent_code_and_duplicate_code():
    kode = ["7.01.02", "7.01.02.2.01", "7.01.02.2.01.0001", "7.01.02.2.02.0001", "7.01.02.2.01", "7.01.05.2.01"]
    s = structure(kode, ["x"] * 6)
    found = {(i.code, i.index, i.fields.get("induk")) for i in s.issues}
    assert found == {("ANG-007", 3, "7.01.02.2.02"), ("ANG-008", 4, None), ("ANG-007", 5, "7.01.05")}
    assert s.parent[3] == 0          # attached to the nearest code that is there
    assert s.parent[5] is None


def test_level_column_and_uraian_words():
    s = structure(["", "", "", ""], ["Dinas X", "Sub Kegiatan A", "Kegiatan B", "Apa ini"],
                  ["program", "", "", "level 7"])
    assert s.level[:3] == [1, 3, 2]
    assert s.parent[:3] == [None, 0, 0]
    assert sorted(i.code for i in s.issues) == ["ANG-016", "ANG-017"]


def test_flat_list_without_any_level_is_not_a_finding():
    s = structure(["", ""], ["Satu", "Dua"])
    assert s.top() == [0, 1] and s.issues == []


def test_arabic_numbers_without_roman_are_programmes():
    s = structure(["1", "2", "a"], ["Satu", "Dua", "Rincian"])
    assert s.parent == [None, None, 1]


def test_total_by_level_column_and_by_text():
    s = structure(["", "", "1"], ["Jumlah Seluruhnya", "Grand", "Total belanja"], ["", "jumlah", ""])
    assert s.is_total == [True, True, False]


@pytest.mark.parametrize("kode, expected", [("7.01.02", ("7", "01", "02")), ("7.01.02.", ("7", "01", "02")),
                                            ("X.XX.01", ("X", "XX", "01")), ("II", None), ("1", None),
                                            ("7..1", None)])
def test_segments(kode, expected):
    assert segments(kode) == expected


# --- spending classes -----------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Belanja Tidak Langsung", K.TIDAK_LANGSUNG), ("b. Belanja Langsung", K.LANGSUNG), ("BTL", K.TIDAK_LANGSUNG),
    ("- Belanja Pegawai", K.PEGAWAI), ("Belanja Barang/jasa", K.BARANG_JASA), ("Belanja Barang & Jasa", K.BARANG_JASA),
    ("5.1 Belanja Operasi", K.OPERASI), ("5.1.02", K.BARANG_JASA), ("5.2", K.MODAL),
    ("Belanja Tidak Terduga", K.TIDAK_TERDUGA), ("Belanja Bantuan Sosial", K.BANSOS), ("Bansos", K.BANSOS),
    ("Belanja Hibah", K.HIBAH), ("Belanja Subsidi", K.SUBSIDI), ("Belanja Bunga", K.BUNGA),
    ("Belanja Transfer", K.TRANSFER), ("Belanja Bagi Hasil", K.BAGI_HASIL),
    ("Belanja Bantuan Keuangan", K.BANTUAN_KEUANGAN), ("Honorarium", None), ("", None),
])
def test_recognise(text, expected):
    assert K.recognise(text) == expected


def test_modal_is_a_group_now_and_a_sub_class_of_belanja_langsung_before():
    assert K.is_group(K.MODAL, K.SCHEME_CURRENT)
    assert not K.is_group(K.MODAL, K.SCHEME_OLD)
    assert K.group_of(K.MODAL, K.SCHEME_OLD) == K.LANGSUNG
    assert K.group_of(K.PEGAWAI, K.SCHEME_OLD, K.TIDAK_LANGSUNG) == K.TIDAK_LANGSUNG
    assert K.group_of(K.PEGAWAI, K.SCHEME_CURRENT) == K.OPERASI


def test_class_structure_of_the_seed_split():
    s, classes, scheme = class_structure(["Belanja Tidak Langsung", "Belanja Langsung", "Belanja Pegawai",
                                          "Belanja Barang/jasa", "Jumlah", "Honor"])
    assert scheme == K.SCHEME_OLD
    assert s.parent == [None, None, 1, 1, None, None]
    assert s.is_total[4] and s.top() == [0, 1, 5]
    assert [i.code for i in s.issues] == ["ANG-013"]
    assert classes[3] == K.BARANG_JASA


def test_evaluate_flags_only_the_inconsistent_sums():
    s = structure(SEED_KODE, SEED_URAIAN)
    pagu = [162824800, 59099500, 32040500, 17000000, 10059000, 197664800, 3695000, 193969800, 7559700, 7559700,
            427148800]
    real = [141929000, 33458470, 25081470, 15000000, 8377000, 134147000, 3204000, 187768560, 7434000, 7434000,
            316968470]
    res = C.evaluate(s, {"pagu": pagu, "realisasi": real}, [None] * 11, [None] * 11)
    assert {(i.code, i.index, i.key) for i in res.issues} == {("ANG-001", 1, "realisasi"), ("ANG-001", 5, "realisasi")}
    assert res.rincian["realisasi"][1] == 48458470 and res.rincian["realisasi"][5] == 190972560
    assert res.rincian["pagu"][0] is None          # a programme without kegiatan is not checked
    assert res.total == {"pagu": 427148800, "realisasi": 316968470}
