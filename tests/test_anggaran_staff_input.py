"""Budget tables as staff really type them (issue 14 items 3-5): short codes `1 / 1.1 / 2`,
the Permendagri 90 rincian of Belanja Modal and Transfer, and rows with no code or level at all.

Expected numbers are computed here from the typed rows, independently of the tool.
"""
from __future__ import annotations

from fractions import Fraction

import pytest

from anggaran_builders import budget_workbook
from sakip_xl.engine import check
from sakip_xl.findings import GALAT
from sakip_xl.report.anggaran import programme_table
from sakip_xl.report.model import amount


def codes_of(report, sheet=None):
    return [f.code for f in report.findings if sheet is None or f.sheet == sheet]


def galat(report, prefix="ANG-"):
    return [(f.code, f.cell, f.message) for f in report.findings if f.severity == GALAT and f.code.startswith(prefix)]


def pct(part, whole) -> float:
    return float(Fraction(part) / Fraction(whole) * 100)


# --- item 3: short dotted codes ----------------------------------------------------

# (code, uraian, pagu, realisasi, parent code or None)
SHORT = [("1", "Program Satu", 300_000, 250_000, None),
         ("1.1", "Kegiatan Satu A", 100_000, 90_000, "1"),
         ("1.2", "Kegiatan Satu B", 120_000, 100_000, "1"),
         ("1.3", "Kegiatan Satu C", 80_000, 60_000, "1"),
         ("2", "Program Dua", 50_000, 40_000, None),
         ("2.1", "Kegiatan Dua A", 50_000, 40_000, "2")]


def _short_rows(style: str):
    rows = []
    for kode, uraian, pagu, real, parent in SHORT:
        k = kode + "." if style == "trailing" else kode
        row = {"kode": k, "uraian": uraian.split(" ", 1)[1] if style == "bare" else uraian, "pagu": pagu,
               "realisasi": real}
        if style == "tingkat":
            row["tingkat"] = "program" if parent is None else "kegiatan"
        rows.append(row)
    total_p = sum(p for _, _, p, _, parent in SHORT if parent is None)
    total_r = sum(r for _, _, _, r, parent in SHORT if parent is None)
    rows.append({"uraian": "JUMLAH", "pagu": total_p, "realisasi": total_r})
    return rows, total_p, total_r


@pytest.mark.parametrize("style", ["dotted", "trailing", "tingkat", "bare"])
def test_short_dotted_codes_nest_under_single_segment_codes(tmp_path, style):
    rows, total_p, total_r = _short_rows(style)
    report = check(budget_workbook(tmp_path, rows, pk=[]))
    bt = report.analysis.results["anggaran"].anggaran
    # independent: parents by code prefix; programmes are the single-segment codes
    expected_parent = [None if parent is None else [k for k, *_ in SHORT].index(parent)
                       for _, _, _, _, parent in SHORT] + [None]
    assert bt.struct.parent == expected_parent
    assert bt.struct.top() == [i for i, (*_, parent) in enumerate(SHORT) if parent is None]
    assert bt.struct.level[:6] == [1 if parent is None else 2 for *_, parent in SHORT]
    assert bt.result.total == {"pagu": total_p, "realisasi": total_r}
    for i, (_, _, pagu, _, _) in enumerate(SHORT):
        assert bt.result.share[i] == pytest.approx(pct(pagu, total_p), abs=1e-9)
    assert galat(report) == []
    assert "ANG-017" not in codes_of(report)
    table = programme_table(bt)
    assert table.rows[-1][2] == amount(total_p) and table.rows[-1][3] == amount(total_r)
    assert table.bold_rows == {0, 4, len(table.rows) - 1}


def test_a_single_segment_code_is_never_a_child_of_the_code_above():
    from sakip_xl.anggaran.hierarchy import structure
    s = structure(["1", "1.1", "1.2", "1.3", "2", "2.1", "3"], ["a"] * 7)
    assert s.parent == [None, 0, 0, 0, None, 4, None]
    assert s.issues == []


def test_short_codes_keep_old_numbering_below_full_codes():
    """Kegiatan numbered 1, 2 under a programme with a full code stay kegiatan."""
    from sakip_xl.anggaran.hierarchy import structure
    s = structure(["1.01.01", "1", "2", "1.01.02", "1"], ["Program A", "Kegiatan a", "Kegiatan b", "Program B",
                                                          "Kegiatan c"])
    assert s.parent == [None, 0, 0, None, 3]
