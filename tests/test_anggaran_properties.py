"""Properties of the budget arithmetic over generated tables."""
from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.anggaran_builders import budget_workbook
from sakip_xl.anggaran import compute as C
from sakip_xl.anggaran.hierarchy import structure
from sakip_xl.engine import analyze

# A generated budget: programmes -> kegiatan -> sub-kegiatan, each leaf with its pagu and realisasi.
leaf = st.tuples(st.integers(10_000_000, 10**10), st.floats(0, 0.5))
kegiatan = st.lists(leaf, min_size=0, max_size=4)
programme = st.lists(kegiatan, min_size=0, max_size=4)
budget = st.lists(programme, min_size=1, max_size=5)


def table(tree, coded: bool):
    """(kode, uraian, pagu, realisasi, leaves under each line) with every parent the exact sum of its children."""
    rows = []

    def add(kode, uraian, level_leaves):
        rows.append([kode, uraian, None, None, level_leaves])
        return len(rows) - 1

    for p, keg_list in enumerate(tree, start=1):
        pi = add(f"7.01.{p:02d}" if coded else _roman(p), f"Program {p}", [])
        if not keg_list:
            rows[pi][4] = [("leaf", 10**8 + p, 0.25)]
        for k, subs in enumerate(keg_list, start=1):
            ki = add(f"7.01.{p:02d}.2.{k:02d}" if coded else str(k), f"Kegiatan {p}.{k}", [])
            if not subs or not coded:
                rows[ki][4] = [("leaf", sum(a for a, _ in subs) or 10**8 + k, 0.3)]
                rows[pi][4] += rows[ki][4]
                continue
            for s, (amount, frac) in enumerate(subs, start=1):
                si = add(f"7.01.{p:02d}.2.{k:02d}.{s:04d}", f"Sub {p}.{k}.{s}", [("leaf", amount, frac)])
                rows[ki][4] += rows[si][4]
            rows[pi][4] += rows[ki][4]
    for r in rows:
        r[2] = float(sum(a for _, a, _ in r[4]))
        r[3] = float(sum(math.floor(a * f) for _, a, f in r[4]))
    return rows


def _roman(n: int) -> str:
    return ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][n - 1]


def _evaluate(rows, total=None, pagu=None, real=None):
    kodes = [r[0] for r in rows] + ([""] if total else [])
    uraian = [r[1] for r in rows] + (["TOTAL"] if total else [])
    pagu = pagu or [r[2] for r in rows] + ([total[0]] if total else [])
    real = real or [r[3] for r in rows] + ([total[1]] if total else [])
    s = structure(kodes, uraian)
    n = len(kodes)
    return s, C.evaluate(s, {"pagu": pagu, "realisasi": real}, [None] * n, [None] * n)


@given(budget, st.booleans())
def test_shares_of_the_top_level_lines_sum_to_100(tree, coded):
    rows = table(tree, coded)
    s, res = _evaluate(rows)
    assert math.isclose(sum(res.share[i] for i in s.top()), 100, abs_tol=1e-9)


@given(budget, st.booleans())
def test_rollups_equal_the_sums_of_their_leaves_and_nothing_is_flagged(tree, coded):
    rows = table(tree, coded)
    s, res = _evaluate(rows)
    assert res.issues == [] and s.issues == []
    for i, r in enumerate(rows):
        if s.children(i):
            assert res.rincian["pagu"][i] == sum(a for _, a, _ in r[4])
    assert res.total["pagu"] == sum(rows[i][2] for i in s.top())


@given(budget, st.booleans(), st.data())
def test_findings_appear_exactly_where_the_table_was_perturbed(tree, coded, data):
    rows = table(tree, coded)
    n = len(rows)
    s0 = structure([r[0] for r in rows] + [""], [r[1] for r in rows] + ["TOTAL"])
    total = (math.fsum(rows[i][2] for i in s0.top()), math.fsum(rows[i][3] for i in s0.top()))
    cells = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.sampled_from(["pagu", "realisasi"])),
                               unique=True, max_size=8))
    pagu = [r[2] for r in rows] + [total[0]]
    real = [r[3] for r in rows] + [total[1]]
    for k, (i, key) in enumerate(cells):           # distinct powers of two: no two perturbations cancel
        (pagu if key == "pagu" else real)[i] += 2.0 ** k
    s, res = _evaluate(rows, total, pagu, real)
    touched = set(cells)
    expected = set()
    for i in range(n + 1):
        kids = s.top() if s.is_total[i] else s.children(i)
        for key in ("pagu", "realisasi"):
            if kids and ((i, key) in touched or any((j, key) in touched for j in kids)):
                expected.add(("ANG-002" if s.is_total[i] else "ANG-001", i, key))
    assert {(x.code, x.index, x.key) for x in res.issues} == expected


def _workbook_lines(tree, classes, sasaran):
    lines = []
    for p, keg_list in enumerate(tree, start=1):
        lines.append({"kode": f"7.01.{p:02d}", "uraian": f"Program {p}", "sasaran": sasaran[p % len(sasaran)]})
        for k, subs in enumerate(keg_list or [[(10**8, 0.1)]], start=1):
            for s, (amount, frac) in enumerate(subs or [(10**7, 0.2)], start=1):
                lines.append({"kode": f"7.01.{p:02d}.2.{k:02d}.{s:04d}", "uraian": f"Sub {p}.{k}.{s}",
                              "jenis_belanja": classes[(p + k + s) % len(classes)], "pagu": amount,
                              "realisasi": math.floor(amount * frac)})
    return lines


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(budget, st.lists(st.sampled_from(["Belanja Pegawai", "Belanja Barang/Jasa", "Belanja Modal", "", "Hibah",
                                         "Belanja Tidak Terduga"]), min_size=1, max_size=4),
       st.lists(st.sampled_from(["Sasaran Satu", "Sasaran Dua", ""]), min_size=1, max_size=3))
def test_class_and_sasaran_shares_sum_to_100(tmp_path, tree, classes, sasaran):
    lines = _workbook_lines(tree, classes, sasaran)
    path = budget_workbook(tmp_path, lines,
                           pk=[{"sasaran": "Sasaran Satu", "indikator": "I", "target": 1, "realisasi": 1}])
    result = analyze(path.read_bytes()).results["anggaran"]
    leaves = math.fsum(ln["pagu"] for ln in lines if "pagu" in ln)
    groups = [row for row in result.class_rows if row[1] is None]
    if any(ln.get("jenis_belanja") for ln in lines):
        total = C.column_sum([g[2] for g in groups])
        assert total == leaves
        assert math.isclose(sum(C.share(g[2], total) for g in groups), 100, abs_tol=1e-9)
    else:
        assert groups == []
    rows = result.sasaran_rows
    if any(ln.get("sasaran") for ln in lines):
        assert math.fsum(r.pagu for r in rows) == leaves
        assert math.isclose(sum(r.share for r in rows if r.share is not None), 100, abs_tol=1e-9)
    else:
        assert rows == []
