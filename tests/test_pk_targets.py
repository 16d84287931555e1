"""Range and qualitative targets, quarters and the aggregation cap: the pure rules."""
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip_xl.pk import capaian as C
from sakip_xl.read import ordinal
from sakip_xl.pk.schema import PK

SAKIP = ordinal.DEFAULT_SCALES[0]
OPINI = ordinal.DEFAULT_SCALES[1]


@pytest.mark.parametrize(
    "lower, upper, realisasi, rule, expected",
    [
        # PermenPANRB 8/2021's examples (it prints 113 % for R 92: the right value is 102,22 %)
        (80, 90, 92, C.RULE_POSITIVE, 102.22222222222223),
        (80, 90, 70, C.RULE_POSITIVE, 87.5),
        (80, 90, 85, C.RULE_POSITIVE, 100.0),
        (80, 90, 80, C.RULE_POSITIVE, 100.0),      # the bounds belong to the range
        (80, 90, 90, C.RULE_POSITIVE, 100.0),
        (7, 8, 6.5, C.RULE_NEGATIVE_2T, 107.14285714285714),   # time target 7-8 months, done in 6,5
        (7, 8, 9, C.RULE_NEGATIVE_2T, 87.5),                  # ... done in 9
        (7, 8, 7.5, C.RULE_NEGATIVE_2T, 100.0),
        (7, 8, 6.5, C.RULE_NEGATIVE_T_OVER_R, 107.6923076923077),
        (7, 8, 9, C.RULE_NEGATIVE_T_OVER_R, 88.88888888888889),
        (0, 5, 3, C.RULE_NEGATIVE_2T, 100.0),      # a lower bound of 0 is never divided by inside the range
        (0, 5, 7, C.RULE_NEGATIVE_2T, 60.0),
        (10, 10, 12, C.RULE_POSITIVE, 120.0),     # a range of one value is a single target
    ],
)
def test_capaian_range(lower, upper, realisasi, rule, expected):
    assert C.status_range(lower, upper, realisasi, rule) == C.STATUS_OK
    assert math.isclose(C.capaian_range(lower, upper, realisasi, rule), expected, rel_tol=1e-12)


@pytest.mark.parametrize(
    "lower, upper, realisasi, rule, status",
    [
        (None, 90, 85, C.RULE_POSITIVE, C.STATUS_BAD_TARGET),
        (80, None, 85, C.RULE_POSITIVE, C.STATUS_BAD_TARGET),
        (90, 80, 85, C.RULE_POSITIVE, C.STATUS_BAD_RANGE),
        (80, 90, None, C.RULE_POSITIVE, C.STATUS_NO_REALISASI),
        (0, 5, -1, C.RULE_POSITIVE, C.STATUS_ZERO_TARGET),
        (-5, 0, 1, C.RULE_POSITIVE, C.STATUS_ZERO_TARGET),
        (1, 5, 0, C.RULE_NEGATIVE_T_OVER_R, C.STATUS_ZERO_REALISASI),
        (-1, 5, 0, C.RULE_NEGATIVE_T_OVER_R, C.STATUS_OK),   # 0 inside the range: 100 %, no division
    ],
)
def test_range_without_number(lower, upper, realisasi, rule, status):
    assert C.status_range(lower, upper, realisasi, rule) == status
    assert (C.capaian_range(lower, upper, realisasi, rule) is None) == (status != C.STATUS_OK)


@given(lo=st.floats(0.5, 1e6), width=st.floats(0, 1e6), r=st.floats(0, 3e6),
       rule=st.sampled_from([C.RULE_POSITIVE, C.RULE_NEGATIVE_2T]))
def test_range_is_single_target_on_the_bound_used(lo, width, r, rule):
    hi = lo + width
    got = C.capaian_range(lo, hi, r, rule)
    if lo <= r <= hi:
        assert got == 100.0
    else:
        bound = hi if r > hi else lo
        assert got == C.capaian(bound, r, rule)
        assert (got > 100) == ((r > hi) == (rule == C.RULE_POSITIVE))


@pytest.mark.parametrize(
    "scale, target, realisasi, mode, expected, reached",
    [
        (SAKIP, "B", "BB", C.QUAL_RATIO, 125.0, "Ya"),
        (SAKIP, "B", "B", C.QUAL_RATIO, 100.0, "Ya"),
        (SAKIP, "BB", "B", C.QUAL_RATIO, 80.0, "Tidak"),
        (SAKIP, "A", "CC", C.QUAL_RATIO, 50.0, "Tidak"),
        (SAKIP, "bb", "a", C.QUAL_RATIO, 120.0, "Ya"),          # MATCH ignores case
        (OPINI, "WTP", "WDP", C.QUAL_RATIO, 75.0, "Tidak"),
        (OPINI, "WDP", "WTP", C.QUAL_RATIO, 4 / 3 * 100, "Ya"),
        (OPINI, "WTP", "WDP", C.QUAL_BINARY, 0.0, "Tidak"),
        (SAKIP, "B", "A", C.QUAL_BINARY, 100.0, "Ya"),
    ],
)
def test_qualitative(scale, target, realisasi, mode, expected, reached):
    rt, rr = scale.rank(target), scale.rank(realisasi)
    assert C.status_qualitative(rt, False, rr) == C.STATUS_OK
    value = C.capaian_qualitative(rt, rr, mode)
    assert math.isclose(value, expected, rel_tol=1e-12)
    assert C.tercapai(value) == reached
    assert (rr >= rt) == (reached == "Ya")


@pytest.mark.parametrize(
    "value, rank",
    [("D", 1), ("AA", 7), ("cc", 3), ("A*", 6), ("?B", 5), ("*", 1), ("~*", None), ("B ", None), (" B", None),
     ("E", None), ("", None), (None, None), (3.0, None), (True, None), ("B (85)", None)],
)
def test_rank_mirrors_match(value, rank):
    assert SAKIP.rank(value) == rank


def test_rank_of_wildcard_grades_escaped():
    scale = ordinal.OrdinalScale("x", ("A*", "A?", "A~"))
    assert scale.rank("A~*") == 1
    assert scale.rank("A~?") == 2
    assert scale.rank("A~~") == 3
    assert scale.rank("A*") == 1


def test_duplicate_grades_are_found():
    assert ordinal.duplicate_grades(ordinal.OrdinalScale("x", ("C", "B", "b", "A", "C"))) == [2, 4]


def test_range_ref_of_default_scale_is_an_inline_array():
    assert SAKIP.range_ref() == '{"D","C","CC","B","BB","A","AA"}'
    placed = ordinal.OrdinalScale("x", ("TMP", "TW"), "Peng'aturan", 20, 1)
    assert placed.range_ref() == "'Peng''aturan'!$B$21:$B$22"


@pytest.mark.parametrize(
    "quarters, rule, expected",
    [
        ((20, 45, 70, 90), C.YEAR_CUMULATIVE, 90),
        ((20, 45, None, None), C.YEAR_CUMULATIVE, 45),     # so far: the last filled quarter
        ((None, None, None, None), C.YEAR_CUMULATIVE, None),
        ((10, 12, 8, 15), C.YEAR_SUM, 45),
        ((10, None, 8, None), C.YEAR_SUM, 18),
        ((80, 90, None, 70), C.YEAR_AVERAGE, 80),
        ((0.1, 0.2, 0.3, None), C.YEAR_SUM, 0.6),
    ],
)
def test_year_from_quarters(quarters, rule, expected):
    got = C.year_from_quarters(quarters, rule)
    assert got == expected if expected is None else math.isclose(got, expected, rel_tol=1e-12)


@pytest.mark.parametrize(
    "quarters, falling",
    [((20, 45, 70, 90), []), ((20, 45, 40, 90), [2]), ((50, None, 40, 30), [2, 3]), ((5, 5, 5, 5), [])],
)
def test_decreasing_quarters(quarters, falling):
    assert C.decreasing_quarters(quarters) == falling


@pytest.mark.parametrize("value, cap, expected",
                         [(135.0, None, 135.0), (135.0, 120.0, 120.0), (80.0, 100.0, 80.0), (None, 100.0, None)])
def test_capped(value, cap, expected):
    assert C.capped(value, cap) == expected


def test_schema_choices_are_the_rules():
    assert PK.column("cara_tahunan").choices == C.YEAR_RULES
    assert PK.column("skala").choices == tuple(s.name for s in ordinal.DEFAULT_SCALES)
