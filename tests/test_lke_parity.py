"""LibreOffice recalculates Hasil LKE: every stored value must agree."""
from __future__ import annotations

import openpyxl
import pytest

from support.builders import example
from support.lke_helpers import lke_workbook
from support.lo_oracle import compare_with_engine
from sakip_xl.engine import compute
from sakip_xl.lke.regulation import template_rows

pytestmark = pytest.mark.libreoffice


def _parity(path, tmp_path):
    out = tmp_path / "hasil.xlsx"
    compute(path, out)
    assert compare_with_engine(out, tmp_path / "lo", sheets=["Hasil LKE"]) == []


def test_example_hasil_lke_parity(tmp_path):
    _parity(example(tmp_path), tmp_path)


def _tricky_rows():
    rows = [dict(r) for r in template_rows()]
    answers = ["Y", "T", "b", "A ", "x", None, "C", "E", "D", "y"]
    for i, r in enumerate(rows):
        r["jawaban"] = answers[i % len(answers)]
    rows[0]["bobot"] = "6"              # a weight typed as text
    rows[8]["jenis"] = None             # any answer of the table accepted
    rows[9]["jawaban"] = 1              # a number where an answer belongs
    return rows


def test_tricky_hasil_lke_parity(tmp_path):
    _parity(lke_workbook(tmp_path, _tricky_rows(), settings={"nilai_lke_lalu": 61.25}), tmp_path)


def test_hasil_lke_parity_without_pengaturan(tmp_path):
    rows = _tricky_rows()
    for i, r in enumerate(rows):
        r["evaluator"] = "B" if r["jenis"] == "A-E" else "Y"
    path = lke_workbook(tmp_path, rows)
    wb = openpyxl.load_workbook(path)
    del wb["Pengaturan"]          # the answer and predikat tables become constants in the formulas
    wb.save(path)
    _parity(path, tmp_path)


@pytest.mark.parametrize("score,lalu", [(50.01, 30), (90, 90.01), (80, 60.01)])
def test_predikat_bounds_parity(tmp_path, score, lalu):
    rows = [{"komponen": "1. Perencanaan Kinerja", "sub_komponen": "1.a Uji", "bobot": score,
             "kriteria": "Kriteria uji", "jenis": "Y/T", "jawaban": "Y", "evaluator": "T"}]
    _parity(lke_workbook(tmp_path, rows, settings={"nilai_lke_lalu": lalu}), tmp_path)
