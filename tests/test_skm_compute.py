"""SKM arithmetic, without Excel: answers, NRR, IKM, NIK, bands, sample size, the seed's table."""
from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip_xl.skm import compute as C
from sakip_xl.skm import groups as G
from sakip_xl.skm.examples import SEED_2019
from sakip_xl.skm.regimes import (KEPMENPAN_2004, PERMENPAN_2014, PERMENPAN_2017, WEIGHT_2, WEIGHT_3,
                                  WEIGHT_EXACT, by_name, weight)


@pytest.mark.parametrize("cell, score", [
    (1.0, 1), (2.0, 2), (3.0, 3), (4.0, 4), (3, 3),
    ("a", 1), ("b", 2), ("c", 3), ("d", 4), ("A", 1), ("D", 4),
    ("", C.BLANK),
    (0.0, C.INVALID), (5.0, C.INVALID), (2.5, C.INVALID), (-1.0, C.INVALID), (3.0000001, C.INVALID),
    ("3", 3), (" 4 ", 4), ("2,5", C.INVALID), ("baik", 3), (" a", 1), ("e", C.INVALID), ("lumayan", C.INVALID),
    ("ab", C.INVALID), (True, C.INVALID), (False, C.INVALID),
    (dt.datetime(1900, 1, 1), 2), (dt.datetime(2021, 3, 1), C.INVALID),
])
def test_answer_score(cell, score):
    assert C.answer_score(cell) == score


cells = st.one_of(
    st.sampled_from([1.0, 2.0, 3.0, 4.0, "a", "B", "c", "D", "", " ", "3", "baik", True, False, 0.0, 5.0, 2.5]),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=3),
    st.datetimes(min_value=dt.datetime(1899, 12, 31), max_value=dt.datetime(2100, 1, 1)),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(cells, max_size=60))
def test_vectorised_scores_equal_the_scalar_rule(values):
    assert C.score_column(values).tolist() == [C.answer_score(v) for v in values]


@pytest.mark.parametrize("counts, expected", [
    ((0, 0, 30, 0), 3.0), ((0, 0, 0, 30), 4.0), ((1, 1, 1, 1), 2.5), ((0, 10, 80, 10), 3.0), ((3, 0, 0, 1), 1.75),
])
def test_nrr_is_the_mean_answer(counts, expected):
    assert C.nrr(counts) == pytest.approx(expected, abs=1e-12)


def test_nrr_without_answers_is_none():
    assert C.nrr((0, 0, 0, 0)) is None
    assert C.nrr((None, None, None, None)) is None


def _nik(nrrs, count, mode):
    w = weight(count, mode)
    return C.times(C.ikm([C.times(x, w) for x in nrrs]), 25)


@pytest.mark.parametrize("mode, nik", [(WEIGHT_EXACT, 100.0), (WEIGHT_3, 99.90), (WEIGHT_2, 99.00)])
def test_all_answers_four_give_100_with_the_exact_weight(mode, nik):
    assert C.round_half_up(_nik([4.0] * 9, 9, mode), 2) == nik


@pytest.mark.parametrize("count, mode, w", [(9, WEIGHT_EXACT, 1 / 9), (9, WEIGHT_3, 0.111), (9, WEIGHT_2, 0.11),
                                            (14, WEIGHT_3, 0.071), (14, WEIGHT_2, 0.07), (14, WEIGHT_EXACT, 1 / 14)])
def test_weights(count, mode, w):
    assert weight(count, mode) == w


BAND_EDGES = [
    (PERMENPAN_2017, 88.30, "B"), (PERMENPAN_2017, 88.31, "A"), (PERMENPAN_2017, 76.60, "C"),
    (PERMENPAN_2017, 76.61, "B"), (PERMENPAN_2017, 64.99, "D"), (PERMENPAN_2017, 65.00, "C"),
    (PERMENPAN_2017, 100.0, "A"), (PERMENPAN_2017, 25.0, "D"),
    (KEPMENPAN_2004, 81.25, "B"), (KEPMENPAN_2004, 81.26, "A"), (KEPMENPAN_2004, 62.50, "C"),
    (KEPMENPAN_2004, 62.51, "B"), (KEPMENPAN_2004, 43.75, "D"), (KEPMENPAN_2004, 43.76, "C"),
    (PERMENPAN_2014, 81.26, "A"), (PERMENPAN_2014, 62.50, "C"), (PERMENPAN_2014, 43.76, "C"),
    # bands apply to the NIK rounded half away from zero to 2 decimals
    (PERMENPAN_2017, 88.305, "A"), (PERMENPAN_2017, 88.3049999, "B"), (PERMENPAN_2017, 76.6049, "C"),
    (PERMENPAN_2017, 64.995, "C"), (KEPMENPAN_2004, 81.255, "A"), (KEPMENPAN_2004, 43.754999, "D"),
    # DOMAIN: 76,49 is Baik under the 2004 bands and Kurang Baik under 2017
    (KEPMENPAN_2004, 76.49, "B"), (PERMENPAN_2017, 76.49, "C"),
]


@pytest.mark.parametrize("regime, nik, grade", BAND_EDGES)
def test_band_edges(regime, nik, grade):
    assert C.mutu(nik, regime) == grade


def test_kinerja_labels():
    assert [C.kinerja(m, PERMENPAN_2017) for m in "ABCD"] == ["Sangat Baik", "Baik", "Kurang Baik", "Tidak Baik"]
    assert C.mutu(None, PERMENPAN_2017) is None and C.kinerja(None, PERMENPAN_2017) is None


@pytest.mark.parametrize("value, places, expected", [
    (0.285, 2, 0.29), (1.005, 2, 1.01), (2.675, 2, 2.68), (88.30499999999999, 2, 88.31), (88.3049999999999, 2, 88.30),
    (-2.5, 0, -3.0), (2.5, 0, 3.0), (79.507, 0, 80.0), (0.0, 2, 0.0),
])
def test_round_half_up_like_spreadsheets(value, places, expected):
    assert C.round_half_up(value, places) == expected


@pytest.mark.parametrize("population, sample", [(100, 80), (500, 217), (1000, 278), (10000, 370), (1, 1)])
def test_krejcie_morgan(population, sample):
    assert C.krejcie_morgan(population) == sample


def test_krejcie_morgan_large_population_is_about_384():
    assert abs(C.krejcie_morgan(100000) - 384) <= 1
    assert C.krejcie_morgan(None) is None and C.krejcie_morgan(0) is None and C.krejcie_morgan(-5) is None


SEED_SCORES = [75, 75, 75, 100, 75, 47.5, 67.5, 70, 45, 40, 40, 57.5, 67.5, 95]


@pytest.mark.parametrize("i", range(len(SEED_2019)))
def test_seed_2019_element_scores(i):
    _, shares, _ = SEED_2019[i]
    assert C.times(C.nrr(shares), 25) == pytest.approx(SEED_SCORES[i], abs=1e-9)


def test_seed_2019_average_is_66_43_baik_under_2004_bands():
    nrrs = [C.nrr(shares) for _, shares, _ in SEED_2019]
    nik = _nik(nrrs, 14, WEIGHT_EXACT)
    assert C.round_half_up(nik, 2) == 66.43
    assert C.mutu(nik, KEPMENPAN_2004) == "B" and C.kinerja("B", KEPMENPAN_2004) == "Baik"
    printed = {name: score for name, _, score in SEED_2019}
    wrong = [name for (name, shares, _), s in zip(SEED_2019, SEED_SCORES) if printed[name] != s]
    assert wrong == ["Kejelasan alur pembagian petugas pelayanan", "Kecepatan dan ketepatan waktu"]


@pytest.mark.parametrize("text, regime", [("PermenPANRB 14/2017", PERMENPAN_2017), ("permenpanrb  14/2017", PERMENPAN_2017),
                                          ("KepMenPAN 25/2004", KEPMENPAN_2004), ("16/2014", None), ("", None)])
def test_regime_by_name(text, regime):
    assert by_name(text) is regime


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from([1, 2, 3, 4]), min_size=9, max_size=9), min_size=1, max_size=40),
       st.sampled_from([WEIGHT_EXACT, WEIGHT_3, WEIGHT_2]))
def test_nik_of_valid_answers_stays_between_25_and_100(rows, mode):
    cols = list(zip(*rows))
    nrrs = [C.nrr(C.counts(np.array(col, dtype=np.int8))) for col in cols]
    nik = _nik(nrrs, 9, mode)
    assert 25 * weight(9, mode) * 9 - 1e-9 <= nik <= 100 + 1e-9
    assert C.nik_range_ok(nik)
    reordered = _nik(list(reversed(nrrs)), 9, mode)
    assert math.isclose(nik, reordered, rel_tol=1e-12)


texts = st.sampled_from(["KTP", "ktp", "KK", "Kk", "Akta", "", " ", 3.0, True, "akta "])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(texts, st.booleans()), max_size=40))
def test_text_groups_match_case_insensitive_equality(pairs):
    values = [v for v, _ in pairs]
    mask = np.array([m for _, m in pairs], dtype=bool)
    grouping = G.by_text(values, mask)
    for i, v in enumerate(values):
        g = grouping.index[i]
        matches = [k for k, label in enumerate(grouping.labels)
                   if isinstance(v, str) and v.lower() == label.lower()]
        if not mask[i] or not isinstance(v, str) or not v.strip():
            assert g == -1
        else:
            assert matches == [g]
    assert all(int(G.tally(grouping.index, len(grouping.labels))[g]) > 0 for g in range(len(grouping.labels)))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2030, 1, 1)),
                          st.just(""), st.just("12/03/2021"), st.floats(0, 80000)), max_size=40),
       st.booleans(), st.booleans())
def test_periods_are_the_formula_ranges(values, quarterly, date1904):
    t = G.serials(values, date1904)
    mask = np.ones(len(values), dtype=bool)
    grouping = G.by_period(t, mask, quarterly, date1904)
    for i in range(len(values)):
        inside = [g for g, (lo, hi) in enumerate(grouping.bounds) if lo <= t[i] < hi]
        assert inside == ([grouping.index[i]] if grouping.index[i] >= 0 else [])


small = st.sampled_from(["", "x", "KTP", 1.0, 2.0, 3.0, 4.0, "a", dt.date(2021, 1, 1)])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(small, min_size=5, max_size=5), max_size=30))
def test_duplicate_rows_found_through_the_column_codes_are_exactly_the_repeated_rows(grid):
    from sakip_xl.read.columns import Column
    from sakip_xl.skm.codes import Bounded
    from sakip_xl.skm.responses import _report_rows
    cols = {"no": 0, "layanan": 1, "u1": 2, "u2": 3, "u3": 4}
    data = [[i] + row[1:] for i, row in enumerate(grid)]
    scores = [C.score_column([r[c] for r in data]) for c in (2, 3, 4)]
    resp = np.zeros(len(data), bool)
    for s in scores:
        resp |= s != C.BLANK
    out: list = []
    bounded = Bounded(out, "SKM", limit=1000)
    _report_rows(data, cols, resp, bounded, first=4, column=lambda c: Column.of([r[c] for r in data]))
    found = sorted(f.cell for f in out if f.code == "SKM-006")
    seen, expected = set(), []
    for i, row in enumerate(data):
        key = tuple(row[1:])
        if resp[i]:
            if key in seen:
                expected.append(f"B{i + 5}")
            seen.add(key)
    assert found == sorted(expected)
    rejected = sorted(f.cell for f in out if f.code == "SKM-005")
    assert rejected == sorted(f"B{i + 5}" for i, row in enumerate(data) if not resp[i] and any(row[1:]))


@pytest.mark.parametrize("seed", range(6))
def test_repeated_rows_by_column_codes_as_by_row(seed):
    """The integer keys from the columns' codes find the same (row, first equal row) pairs as comparing
    whole rows, with a column too varied to be coded (compared cell by cell) and with so many coded
    columns of many values that the key must be compacted before it overflows."""
    from sakip_xl.read.columns import Column
    from sakip_xl.skm.responses import _repeats_by_column
    rnd = np.random.default_rng(seed)
    n = 3000
    wide = seed % 2 == 1
    ncols = 14 if wide else 5
    grid = rnd.integers(0, 200 if wide else 3, size=(n, ncols)).astype(float)
    data = [[float(v) for v in row] + [f"catatan {int(rnd.integers(0, 2 if seed < 4 else 10_000))}"]
            for row in grid]
    for i, j in zip(rnd.integers(0, n, 200).tolist(), rnd.integers(0, n, 200).tolist()):
        data[i] = list(data[j])                                  # exact copies of other rows
    other = list(range(ncols + 1))
    columns = [Column.of([r[c] for r in data]) for c in other]
    assert columns[-1].codes is None or seed < 4          # the free-text column is not coded
    if wide:
        assert np.prod([float(len(c.distinct)) for c in columns if c.codes is not None]) > 2.0 ** 62
    rows = np.flatnonzero(rnd.random(n) > 0.1)
    expected, firsts = [], {}
    for i in rows.tolist():
        j = firsts.setdefault(tuple(data[i]), i)
        if j != i:
            expected.append((i, j))
    assert len(expected) >= 100
    assert _repeats_by_column(columns, rows) == expected


def test_row_keys_are_compacted_before_they_wrap_around():
    """Three columns of 2^22 possible codes: a key of 66 bits. Without compaction, rows whose first codes
    differ by 2^20 would share a key modulo 2^64 and be reported as repeats."""
    from sakip_xl.read.columns import Column
    from sakip_xl.skm.responses import _repeats_by_column
    wide = range(1 << 22)                         # only its length is read
    first = np.array([0, 1 << 20, 5, 0], np.int32)
    rest = np.array([0, 0, 7, 0], np.int32)
    columns = [Column(4, frozenset({float}), wide, first), Column(4, frozenset({float}), wide, rest),
               Column(4, frozenset({float}), wide, rest)]
    assert _repeats_by_column(columns, np.arange(4)) == [(3, 0)]
