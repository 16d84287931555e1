"""LKE (evaluasi AKIP, PermenPANRB 88/2021): scores, predikat, findings, template and example."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from support.lke_helpers import hasil, independent_scores, lke_workbook, predikat
from sakip_xl.engine import compute
from sakip_xl.examples import EXAMPLE_NAME, template_bytes
from sakip_xl.lke.regulation import template_rows

ROOT = Path(__file__).resolve().parents[1]


def _codes(report, prefix="LKE"):
    return [(f.code, f.cell) for f in report.findings if f.code.startswith(prefix)]


def test_example_score_and_predikat_equal_an_independent_computation(tmp_path):
    src = ROOT / EXAMPLE_NAME
    expected = independent_scores(src)
    out = tmp_path / "hasil.xlsx"
    compute(src, out)
    got = hasil(out)
    assert got["Nilai akhir"][0] == pytest.approx(expected["self"], abs=1e-9)
    assert got["Nilai akhir"][1] == pytest.approx(expected["eval"], abs=1e-9)
    assert got["Predikat"] == (predikat(expected["self"]), predikat(expected["eval"]))
    for name, scores in expected["components"].items():
        assert got[name] == pytest.approx((scores["self"], scores["eval"]), abs=1e-9)
    # last year's score (Pengaturan) and the change since
    lalu = got["Nilai tahun lalu"][0]
    assert lalu == 58.75
    assert got["Predikat tahun lalu"][0] == predikat(58.75)
    assert got["Kenaikan/penurunan dari tahun lalu"] == pytest.approx(
        (expected["self"] - lalu, expected["eval"] - lalu), abs=1e-9)
    # the example is not a trivial one: the evaluator disagrees with the unit
    assert expected["self"] != expected["eval"]


def _one_criterion(score: float, answer: str = "Y") -> list[dict]:
    return [{"komponen": "1. Perencanaan Kinerja", "sub_komponen": "1.a Uji", "bobot": score,
             "kriteria": "Kriteria uji", "jenis": "Y/T", "jawaban": answer, "evaluator": answer}]


BOUNDS = [(0, "D"), (30, "D"), (30.01, "C"), (50, "C"), (50.01, "CC"), (60, "CC"), (60.01, "B"), (70, "B"),
          (70.01, "BB"), (80, "BB"), (80.01, "A"), (90, "A"), (90.01, "AA"), (100, "AA")]


@pytest.mark.parametrize("score,expected", BOUNDS, ids=[str(s) for s, _ in BOUNDS])
def test_every_bound_of_the_predikat_table(tmp_path, score, expected):
    path = lke_workbook(tmp_path, _one_criterion(score), settings={"nilai_lke_lalu": score})
    out = tmp_path / "hasil.xlsx"
    report = compute(path, out)
    got = hasil(out)
    assert got["Nilai akhir"] == (score, score)
    assert got["Predikat"] == (expected, expected)
    assert got["Predikat tahun lalu"][0] == expected
    assert expected == predikat(score)
    assert (("LKE-008" in {c for c, _ in _codes(report)}) == (score != 100))


def _rows_with_problems():
    rows = [dict(r) for r in template_rows()]
    for r in rows:
        r["jawaban"] = "Y" if r["jenis"] == "Y/T" else "B"
    rows[0]["jawaban"] = None          # unanswered (LKE-001)
    rows[1]["jawaban"] = "B"           # an A-E answer to a Y/T criterion (LKE-002)
    rows[7]["jawaban"] = "x"           # not an answer at all (LKE-002)
    rows[8]["jenis"] = "ya/tidak"      # unknown answer kind (LKE-007)
    del rows[28]["bobot"]              # 2.b with no weight (LKE-003)
    return rows


def test_findings_of_a_faulty_lke(tmp_path):
    rows = _rows_with_problems()
    report = compute(lke_workbook(tmp_path, rows), tmp_path / "hasil.xlsx")
    codes = _codes(report)
    assert ("LKE-001", "G5") in codes
    assert ("LKE-002", "G6") in codes and ("LKE-002", "G12") in codes
    assert ("LKE-007", "F13") in codes
    assert ("LKE-003", "E33") in codes     # the first criterion of 2.b, which has no weight
    assert ("LKE-005", "H4") in codes      # no evaluator answer at all
    got = hasil(tmp_path / "hasil.xlsx")
    # 2.b has no weight: Pengukuran and the final score are not computed, the others are
    assert got["2. Pengukuran Kinerja"][0] in (None, "")
    assert got["Nilai akhir"][0] in (None, "") and got["Predikat"][0] in (None, "")
    assert isinstance(got["1. Perencanaan Kinerja"][0], float)
    message = next(f.message for f in report.findings if f.code == "LKE-002" and f.cell == "G6")
    assert "'B'" in message and "Y, T" in message


def test_positive_answers_the_workbook_contradicts(tmp_path):
    rows = [dict(r) for r in template_rows()]
    for r in rows:
        r["jawaban"] = "Y" if r["jenis"] == "Y/T" else "A"
    pk = [{"sasaran": "S", "indikator": "Indikator tanpa realisasi", "target": 100},
          {"sasaran": "S", "indikator": "Indikator lengkap", "target": 100, "realisasi": 90}]
    report = compute(lke_workbook(tmp_path, rows, pk_rows=pk), tmp_path / "hasil.xlsx")
    found = [f for f in report.findings if f.code == "LKE-004"]
    by_check = {}
    for r, row in enumerate(rows):
        if row.get("cek"):
            by_check.setdefault(row["cek"], []).append(f"G{5 + r}")
    cells = {f.cell for f in found}
    # no IKU and no Renstra sheet filled in: every criterion checked against them is contradicted
    assert set(by_check["IKU"]) <= cells and set(by_check["Renstra"]) <= cells
    # a PK row without realisasi contradicts 'target dicapai'/'capaian dilaporkan'
    assert set(by_check["Realisasi PK"]) <= cells
    assert any("1 dari 2 indikator PK tanpa realisasi" in f.message for f in found)
    # the PK sheet is there: 'dokumen perencanaan jangka pendek' is not contradicted
    assert not set(by_check["PK"]) & cells


def test_answered_t_is_not_contradicted(tmp_path):
    rows = [dict(r) for r in template_rows()]
    for r in rows:
        r["jawaban"] = "T" if r["jenis"] == "Y/T" else "E"
    report = compute(lke_workbook(tmp_path, rows, pk_rows=[{"sasaran": "S", "indikator": "I", "target": 1}]),
                     tmp_path / "hasil.xlsx")
    assert not [f for f in report.findings if f.code == "LKE-004"]
    assert hasil(tmp_path / "hasil.xlsx")["Nilai akhir"][0] == 0
    assert hasil(tmp_path / "hasil.xlsx")["Predikat"][0] == "D"


def test_bad_answer_table_in_pengaturan_falls_back_to_the_regulation(tmp_path):
    rows = [dict(r) for r in template_rows()]
    for r in rows:
        r["jawaban"] = "Y" if r["jenis"] == "Y/T" else "B"
    path = lke_workbook(tmp_path, rows)
    wb = openpyxl.load_workbook(path)
    ws = wb["Pengaturan"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "Nilai Jawaban")
    ws.cell(cell.row + 4, cell.column).value = "tiga perempat"     # the value of B
    wb.save(path)
    report = compute(path, tmp_path / "hasil.xlsx")
    assert [c for c, _ in _codes(report)].count("LKE-006") == 1
    assert hasil(tmp_path / "hasil.xlsx")["Nilai akhir"][0] == pytest.approx(
        sum(w * (1.0 if sub[2] == "a" else 0.75) for sub, w in _weights()))


def _weights():
    from sakip_xl.lke.regulation import STRUCTURE
    return [(sub, w) for _, sub, w, _ in STRUCTURE]


def test_edited_answer_values_are_used(tmp_path):
    rows = [dict(r) for r in template_rows()]
    for r in rows:
        r["jawaban"] = "Y" if r["jenis"] == "Y/T" else "B"
    path = lke_workbook(tmp_path, rows)
    wb = openpyxl.load_workbook(path)
    ws = wb["Pengaturan"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "Nilai Jawaban")
    assert ws.cell(cell.row + 4, cell.column - 1).value == "B"
    ws.cell(cell.row + 4, cell.column).value = 0.6
    wb.save(path)
    compute(path, tmp_path / "hasil.xlsx")
    assert hasil(tmp_path / "hasil.xlsx")["Nilai akhir"][0] == pytest.approx(
        sum(w * (1.0 if sub[2] == "a" else 0.6) for sub, w in _weights()))


def test_template_holds_every_criterion_and_an_unanswered_lke_is_skipped(tmp_path):
    path = tmp_path / "template.xlsx"
    path.write_bytes(template_bytes())
    ws = openpyxl.load_workbook(path)["LKE"]
    criteria = [r[4] for r in ws.iter_rows(min_row=5, values_only=True) if r[4]]
    assert len(criteria) == 80
    weights = [r[3] for r in ws.iter_rows(min_row=5, values_only=True) if r[3] is not None]
    assert sum(weights) == 100 and len(weights) == 12
    # a workbook whose LKE has no answer yet gets no Hasil LKE sheet and no LKE finding
    report = compute(lke_workbook(tmp_path, template_rows()), tmp_path / "hasil.xlsx")
    assert not _codes(report)
    assert "Hasil LKE" not in openpyxl.load_workbook(tmp_path / "hasil.xlsx").sheetnames
