"""The real Renja workbook of ../shared/real-workbooks (skipped when the folder is absent): as-is it
gets a clear message; its indicator rows pasted into the template's PK sheet, as a staff member
would, give capaian equal to an independent computation here and no false galat."""
from __future__ import annotations

import math
from pathlib import Path

import openpyxl
import pytest

from support.builders import filled
from sakip_xl.engine import analyze, compute
from sakip_xl.errors import SakipError

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real-workbooks"
RENJA = REAL / "renja-deliserdang-bappedalitbang-2025.xlsx"

pytestmark = pytest.mark.skipif(not RENJA.is_file(), reason="../shared/real-workbooks is not here")

COL = {name: ord(name) - 65 for name in "FHINPSVY"}
COL["AB"] = 27
COL["Z"] = 25      # realisation through TW IV as a fraction of the target, formatted 0%
DEFAULT = ((">", 100.0, "Sangat Baik"), (">=", 76.0, "Baik"), (">=", 55.0, "Cukup"))


def _number(v):
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def renja_rows() -> list[dict]:
    """Every indicator row of the Renja form: sasaran (F), indikator (H), satuan (I), target of the year (N),
    realisasi per quarter (P, S, V, Y: increments, '13 = 9 + 10 + 11 + 12') and the year's total (AB),
    with each cell's number format as Excel copies it."""
    ws = openpyxl.load_workbook(RENJA, data_only=True).worksheets[0]
    out = []
    for row in ws.iter_rows(min_row=11):
        indikator = row[COL["H"]].value
        if not isinstance(indikator, str) or not indikator.strip():
            continue
        cells = {k: row[c] for k, c in COL.items()}
        out.append({k: (cell.value, cell.number_format) for k, cell in cells.items()})
    return out


def _percent_row(r: dict) -> bool:
    """A '%' indicator with target 100 whose TW IV column Z (0%) a staff member pastes as its realisasi."""
    return r["I"][0] == "%" and _number(r["N"][0]) == 100 and _number(r["Z"][0]) is not None \
        and "%" in r["Z"][1]


def expected(r: dict, mode: str) -> float | None:
    quarters = mode == "triwulan"
    t = _number(r["N"][0])
    if mode == "persen" and _percent_row(r):
        real = _number(r["Z"][0]) * 100           # 0,9285714 shown as 93 %: the user's 92,857... %
        return real / t * 100
    if quarters:
        qs = [_number(r[k][0]) for k in "PSVY"]
        qs = [q for q in qs if q is not None]
        real = math.fsum(qs) if qs else None
    else:
        real = _number(r["AB"][0])
    if t is None or t == 0 or real is None:
        return None
    return real / t * 100


def label(value: float | None) -> str | None:
    if value is None:
        return None
    v = round(value, 10)
    for op, bound, name in DEFAULT:
        if (op == ">" and v > bound) or (op == ">=" and v >= bound):
            return name
    return "Kurang"


def _pasted(tmp_path: Path, mode: str) -> tuple[Path, list[dict]]:
    quarters = mode == "triwulan"
    rows = renja_rows()
    pk = []
    for r in rows:
        d = {"sasaran": r["F"][0] or None, "indikator": r["H"][0], "satuan": r["I"][0], "target": r["N"][0]}
        if quarters:
            d.update({f"tw{k}": r[c][0] for k, c in zip((1, 2, 3, 4), "PSVY")})
            d["cara_tahunan"] = "jumlah"
        else:
            d["realisasi"] = r["Z"][0] if mode == "persen" and _percent_row(r) else r["AB"][0]
        pk.append({k: v for k, v in d.items() if v is not None and v != ""})
    path = filled(tmp_path, pk, name=f"renja-{mode}.xlsx")
    # paste keeps the number formats of the Renja cells
    inds = analyze(path.read_bytes()).indicators
    wb = openpyxl.load_workbook(path)
    ws = wb["PK"]
    for ind, r in zip(inds, rows):
        ws[ind.target.address].number_format = r["N"][1]
        if quarters:
            for q, c in zip(ind.quarters, "PSVY"):
                ws[q.address].number_format = r[c][1]
        else:
            ws[ind.realisasi.address].number_format = r["Z" if mode == "persen" and _percent_row(r) else "AB"][1]
    wb.save(path)
    return path, rows


def test_renja_as_is_gets_a_clear_message(tmp_path):
    with pytest.raises(SakipError) as err:
        compute(RENJA, tmp_path / "hasil.xlsx")
    assert "'PK'" in err.value.message and "Realisasi TW IV" in err.value.message
    assert not (tmp_path / "hasil.xlsx").exists()


def test_renja_sheet_renamed_pk_names_the_missing_columns(tmp_path):
    path = tmp_path / "renja-pk.xlsx"
    wb = openpyxl.load_workbook(RENJA)
    wb.worksheets[0].title = "PK"
    wb.save(path)
    with pytest.raises(SakipError) as err:
        compute(path, tmp_path / "hasil.xlsx")
    assert "'Target'" in err.value.message and "'Realisasi'" in err.value.message


@pytest.mark.parametrize("mode", ["triwulan", "tahunan", "persen"])
def test_renja_rows_pasted_into_pk(tmp_path, mode):
    """triwulan: TW I-IV increments (P, S, V, Y) with 'jumlah'; tahunan: the year's total (AB); persen: for the
    '%' indicators, the TW IV column Z (a fraction formatted 0%) pasted as realisasi."""
    path, rows = _pasted(tmp_path, mode)
    report = compute(path, tmp_path / "hasil.xlsx")
    inds = report.analysis.indicators
    assert len(inds) == len(rows) > 80
    for ind, r in zip(inds, rows):
        want = expected(r, mode)
        assert (ind.capaian is None) == (want is None), (ind.indikator, ind.capaian, want)
        if want is not None:
            assert ind.capaian == pytest.approx(want, rel=1e-12, abs=1e-12), ind.indikator
        assert ind.kategori == label(want), (ind.indikator, ind.capaian)
    # galat only where the Renja really has no measurable target (0 or blank)
    by_cell = {ind.target.address: r for ind, r in zip(inds, rows)}
    for f in report.findings:
        if f.severity != "galat":
            continue
        assert f.code in ("PK-001", "PK-002") and f.cell in by_cell, (f.code, f.cell, f.message)
        assert _number(by_cell[f.cell]["N"][0]) in (None, 0.0)
    percent_cells = {ind.realisasi.address for ind, r in zip(inds, rows) if mode == "persen" and _percent_row(r)}
    assert {f.cell for f in report.findings if f.code == "SEL-004"} == percent_cells   # the other formats are not %
    assert len(percent_cells) == (20 if mode == "persen" else 0)
    # the cell with two numbered indicators is said
    two = [ind for ind in inds if ind.indikator.startswith("1. Nilai LHE AKIP")]
    assert len(two) == 1 and [f for f in report.findings if f.code == "PK-022"]
