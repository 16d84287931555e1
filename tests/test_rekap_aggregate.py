"""The rekap's pure aggregation: REK findings over the workbooks' identities, and the totals' twins."""
from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip_xl.findings import GALAT, INFO, PERINGATAN
from sakip_xl.rekap import aggregate
from sakip_xl.rekap.model import OpdRow

PLACES = {"instansi": ("Pengaturan", "B3"), "kabupaten": ("Pengaturan", "B4"), "tahun": ("Pengaturan", "B5")}


def opd(file, instansi="Kecamatan Jelbuk", tahun=2021.0, kabupaten="Kabupaten Jember", **kw) -> OpdRow:
    row = OpdRow(file=file, path=f"/x/{file}", instansi=instansi, kabupaten=kabupaten, tahun=tahun, **kw)
    row.places = dict(PLACES)
    return row


def found(rows):
    return [(f.file, f.finding.code) for f in aggregate.findings(rows)]


@pytest.mark.parametrize("names, tahun, expected", [
    # same name, same year: both are duplicates
    (("Kecamatan Jelbuk", "Kecamatan Jelbuk"), (2021, 2021), [("a.xlsx", "REK-002"), ("b.xlsx", "REK-002")]),
    # case and spacing differ: the same instansi written differently, and a duplicate
    (("Kecamatan Jelbuk", "kecamatan  JELBUK"), (2021, 2021),
     [("a.xlsx", "REK-002"), ("b.xlsx", "REK-002"), ("a.xlsx", "REK-001"), ("b.xlsx", "REK-001")]),
    # written differently, different years (one per year is fine, but the year is odd out of two: tie)
    (("Kecamatan Jelbuk", "Kecamatan\u00a0Jelbuk "), (2021, 2020), [("a.xlsx", "REK-001"), ("b.xlsx", "REK-001"),
                                                                   ("b.xlsx", "REK-003")]),
    # different instansi, same year: nothing
    (("Kecamatan Jelbuk", "Kecamatan Arjasa"), (2021, 2021), []),
])
def test_names_and_years(names, tahun, expected):
    rows = [opd("a.xlsx", names[0], float(tahun[0])), opd("b.xlsx", names[1], float(tahun[1]))]
    assert sorted(found(rows)) == sorted(expected)


def test_year_of_the_minority_is_reported_with_the_majority():
    rows = [opd(f"{i}.xlsx", f"OPD {i}", 2021.0) for i in range(4)] + [opd("z.xlsx", "OPD z", 2020.0)]
    out = aggregate.findings(rows)
    assert [(f.file, f.finding.code) for f in out] == [("z.xlsx", "REK-003")]
    assert out[0].finding.message == "Tahun 2020 berbeda dari tahun kebanyakan workbook (2021, 4 dari 5 workbook)."
    assert out[0].finding.place == "Pengaturan!B5"


def test_a_tie_between_years_takes_the_latest_as_the_majority():
    rows = [opd("a.xlsx", "A", 2020.0), opd("b.xlsx", "B", 2021.0)]
    assert found(rows) == [("a.xlsx", "REK-003")]


def test_missing_year_and_instansi():
    rows = [opd("a.xlsx", "", 2021.0), opd("b.xlsx", "B", None)]
    assert sorted(found(rows)) == [("a.xlsx", "REK-005"), ("b.xlsx", "REK-004")]
    out = {f.finding.code: f.finding for f in aggregate.findings(rows)}
    assert "'a.xlsx'" in out["REK-005"].message
    assert out["REK-004"].place == "Pengaturan!B5"


def test_kabupaten_of_another_region():
    rows = [opd("a.xlsx", "A"), opd("b.xlsx", "B", kabupaten="kabupaten  jember"),
            opd("c.xlsx", "C", kabupaten="Kabupaten Bondowoso")]
    out = aggregate.findings(rows)
    assert [(f.file, f.finding.code) for f in out] == [("c.xlsx", "REK-006")]
    assert "Kabupaten Bondowoso" in out[0].finding.message and "Kabupaten Jember" in out[0].finding.message


def test_findings_are_ordered_by_severity_then_file():
    rows = [opd("a.xlsx", "A", 2020.0), opd("b.xlsx", "B"), opd("c.xlsx", "B"), opd("d.xlsx", "D")]
    assert found(rows) == [("b.xlsx", "REK-002"), ("c.xlsx", "REK-002"), ("a.xlsx", "REK-003")]


@pytest.mark.parametrize("a, b, same", [
    ("Kecamatan Jelbuk", "KECAMATAN JELBUK", True),
    ("Kecamatan  Jelbuk", " Kecamatan Jelbuk", True),
    ("Kecamatan\u00a0Jelbuk", "Kecamatan Jelbuk", True),
    ("Ｋecamatan Jelbuk", "Kecamatan Jelbuk", True),        # full-width letter (NFKC)
    ("Kecamatan Jelbuk", "Kecamatan Jelbuk Timur", False),
    ("Dinas Kesehatan", "Dinas Pendidikan", False),
])
def test_fold(a, b, same):
    assert (aggregate.fold(a) == aggregate.fold(b)) is same


amounts = st.one_of(st.none(), st.integers(min_value=0, max_value=10**13).map(float))
percents = st.one_of(st.none(), st.floats(min_value=25, max_value=100))


@given(st.lists(st.tuples(amounts, amounts, percents), min_size=1, max_size=40))
def test_totals_are_the_twins_of_the_total_row(values):
    rows = [opd(f"{i}.xlsx", f"OPD {i}", pagu=p, realisasi=r, nik=n) for i, (p, r, n) in enumerate(values)]
    for row, (p, r, n) in zip(rows, values):
        row.counts = {GALAT: 1, PERINGATAN: 2, INFO: 3}
    t = aggregate.totals(rows)
    pagus = [p for p, _, _ in values if p is not None]
    reals = [r for _, r, _ in values if r is not None]
    niks = [n for _, _, n in values if n is not None]
    assert t["pagu"] == (math.fsum(pagus) if pagus else None)
    assert t["realisasi"] == (math.fsum(reals) if reals else None)
    if t["pagu"] and t["realisasi"] is not None:
        assert t["serapan"] == t["realisasi"] / t["pagu"] * 100
    else:
        assert t["serapan"] is None
    if niks:
        assert min(niks) - 1e-9 <= t["nik"] <= max(niks) + 1e-9
    else:
        assert t["nik"] is None
    assert t["no_nik"] == len(values) - len(niks)
    assert (t[GALAT], t[PERINGATAN], t[INFO]) == (len(rows), 2 * len(rows), 3 * len(rows))
    assert t["stale"] == len(rows)          # none of these was computed


@given(st.lists(st.sampled_from(["A", "B", "C", "D", None]), max_size=30))
def test_mutu_counts_add_up(grades):
    rows = [opd(f"{i}.xlsx", f"OPD {i}", mutu=g, nik=None if g is None else 80.0) for i, g in enumerate(grades)]
    t = aggregate.totals(rows)
    assert sum(t["mutu"].values()) + t["no_nik"] == len(rows)


@given(st.lists(st.tuples(st.sampled_from(["Kecamatan Jelbuk", "kecamatan jelbuk", "Kecamatan Arjasa", ""]),
                          st.sampled_from([2020.0, 2021.0, None])), max_size=12))
def test_every_workbook_sharing_instansi_and_year_is_reported_as_duplicate(idents):
    rows = [opd(f"{i:02d}.xlsx", name, year) for i, (name, year) in enumerate(idents)]
    dup = {f for f, code in found(rows) if code == "REK-002"}
    for i, (name, year) in enumerate(idents):
        twins = [j for j, (n, y) in enumerate(idents)
                 if j != i and name and n and aggregate.fold(n) == aggregate.fold(name) and y == year and y is not None]
        assert (f"{i:02d}.xlsx" in dup) == bool(twins)
