"""Columns judged once per distinct value (sakip_xl/read/columns.py) give what judging every cell gives."""
from __future__ import annotations

import datetime as dt
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip_xl.read.columns import Column
from sakip_xl.skm import compute as C
from sakip_xl.skm import groups as G

cell = st.one_of(
    st.sampled_from(["", "", 1.0, 2.0, 3.0, 4.0, 4, "a", "B", "d ", "KTP", "ktp", " ", "3", -0.0, 0.0, 2.5]),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(-5, 5),
    st.text(alphabet="abcKT ", max_size=4),
    st.dates(dt.date(1900, 3, 1), dt.date(2100, 1, 1)),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(2100, 1, 1)),
    st.times(),
)
columns = st.lists(cell, max_size=80)


def same(a: np.ndarray, b: np.ndarray) -> bool:
    return a.dtype == b.dtype and a.shape == b.shape and all(
        (math.isnan(x) and math.isnan(y)) if isinstance(x, float) and math.isnan(x) else x == y
        for x, y in zip(a.tolist(), b.tolist()))


@settings(max_examples=300)
@given(columns, st.booleans())
def test_scores_numbers_and_groups_of_a_column_equal_the_cell_by_cell_ones(values, date1904):
    col = Column.of(values)
    assert same(C.score_column(col, date1904), C.score_column(values, date1904))
    assert same(G.serials(col, date1904), G.serials(values, date1904))
    mask = np.array([i % 3 != 1 for i in range(len(values))], dtype=bool)
    a, b = G.by_text(col, mask), G.by_text(values, mask)
    assert a.labels == b.labels and a.index.tolist() == b.index.tolist()
    assert col.any_nonblank() == any(v != "" for v in values)


@settings(max_examples=200)
@given(st.lists(st.tuples(st.integers(0, 5), st.one_of(st.none(), columns)), max_size=5), st.integers(0, 6))
def test_a_column_joined_from_pieces_equals_the_whole_column(parts, first):
    pieces, whole = [], []
    for gap, values in parts:
        if values is None:
            pieces.append((gap, None))
            whole += [""] * gap
        else:
            pieces.append((len(values), (*_factorized(values), tuple(values))))
            whole += values
    col = Column.joined(pieces).below(first)
    ref = Column.of(whole).below(first)
    assert list(col.values) == whole[first:]
    assert [type(v) for v in col.values] == [type(v) for v in whole[first:]]
    assert same(C.score_column(col), C.score_column(whole[first:]))
    assert same(G.serials(col, False), G.serials(whole[first:], False))
    assert (col.codes is None) == (ref.codes is None) or bool in {type(v) for v in whole}
    if col.codes is not None:
        assert [col.distinct[k] for k in col.codes.tolist()] == whole[first:]


def _factorized(values):
    from sakip_xl.read.columns import factorize
    return factorize(values)


def test_booleans_and_many_distinct_values_are_judged_cell_by_cell():
    assert Column.of([1.0, True, ""]).codes is None          # True == 1: never coded
    assert Column.of([float(i) for i in range(1000)]).codes is None
    coded = Column.of([1.0, 2.0, 1.0, ""] * 100)
    assert coded.codes is not None and coded.distinct == [1.0, 2.0, ""]
    assert coded.first_seen() == [1.0, 2.0, ""]
    assert coded.below(2).first_seen() == [1.0, "", 2.0]


def test_a_column_of_mostly_distinct_values_is_not_coded_and_still_reads_right():
    free = [f"saran {i}" for i in range(6000)]
    col = Column.of(free)
    assert col.codes is None and col.kinds is None
    assert C.score_column(col).tolist() == [C.INVALID] * 6000
    joined = Column.joined([(len(free), (*_factorized(free), tuple(free))), (3, None),
                            (4, (*_factorized(["", "a", "a", 1.0]), ("", "a", "a", 1.0)))])
    assert joined.codes is None
    assert list(joined.values) == free + ["", "", "", "", "a", "a", 1.0]
    assert joined.any_nonblank()
