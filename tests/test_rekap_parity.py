"""LibreOffice recalculates the rekap workbook: its formulas (totals, averages, counts) give the stored values."""
from __future__ import annotations

import random

import pytest

from support.lo_oracle import compare_with_engine, formula_cells
from support.rekap_builders import opd_folder
from sakip_xl.findings import GALAT, INFO, PERINGATAN
from sakip_xl.rekap import Rekap, recap, render
from sakip_xl.rekap.model import OpdRow
from sakip_xl.rekap.sheet_opd import SHEET

pytestmark = pytest.mark.libreoffice


def _check(tmp_path, rekap):
    path = tmp_path / "rekap.xlsx"
    path.write_bytes(render(rekap, str(tmp_path)))
    assert formula_cells(path, [SHEET])
    assert compare_with_engine(path, tmp_path / "lo", sheets=[SHEET]) == []


def test_rekap_of_generated_workbooks(tmp_path):
    _check(tmp_path, recap(opd_folder(tmp_path / "opd", 9)[0].parent, jobs=2))


def _row(i, rnd, **kw) -> OpdRow:
    row = OpdRow(file=f"opd-{i}.xlsx", path=f"/x/opd-{i}.xlsx", instansi=f"OPD {i}", kabupaten="Kab", tahun=2021.0)
    row.counts = {GALAT: rnd.randint(0, 9), PERINGATAN: rnd.randint(0, 9), INFO: rnd.randint(0, 3)}
    row.computed = rnd.random() < 0.5
    for key, value in kw.items():
        setattr(row, key, value)
    return row


def _random_rows(n, seed):
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        pagu = rnd.choice((None, 0.0, float(rnd.randint(1, 10**12)), 1e-3 * rnd.randint(1, 10**6)))
        real = rnd.choice((None, 0.0, float(rnd.randint(0, 10**12)), rnd.uniform(0, 1e9)))
        nik = rnd.choice((None, rnd.uniform(25, 100), 100.0, 25.0))
        rows.append(_row(i, rnd, pagu=pagu, realisasi=real, nik=nik, mutu=rnd.choice("ABCD") if nik else None,
                         capaian=rnd.choice((None, rnd.uniform(-500, 500), 1e-9))))
    return rows


@pytest.mark.parametrize("rows", [
    _random_rows(40, 1),
    [_row(0, random.Random(2))],                                       # one workbook, nothing measured
    [_row(i, random.Random(i), pagu=0.0, realisasi=5.0) for i in range(3)],      # total pagu 0
    [_row(i, random.Random(i), pagu=1e15, realisasi=1e15 / 3, nik=100 / 3) for i in range(7)],
], ids=["random", "empty", "pagu-nol", "large"])
def test_rekap_formulas_for_edge_values(tmp_path, rows):
    _check(tmp_path, Rekap(rows=rows, failures=[], skipped=[], findings=[]))
