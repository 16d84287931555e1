"""Rekap over a folder of 30 OPD workbooks: rows, failures, untouched inputs, numbers equal to each file's."""
from __future__ import annotations

import hashlib
import math

import pytest
import python_calamine

from support.rekap_builders import opd_folder, state_of
from sakip_xl import engine
from sakip_xl.rekap import SHEETS, recap, render
from sakip_xl.rekap import sheet_opd
from sakip_xl.rekap.sheet_lists import GAGAL_SHEET, INDIKATOR_SHEET
from sakip_xl.pk.analyze import summarize

COUNT = 30
BROKEN = ("palsu.xlsx", "rusak.xlsx")
LOCKS = ("~$opd-01.xlsx", ".~lock.opd-02.xlsx#")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("rekap")
    paths = opd_folder(root / "opd", COUNT)
    (root / "opd" / "rusak.xlsx").write_bytes(paths[0].read_bytes()[:3000])           # truncated download
    (root / "opd" / "palsu.xlsx").write_bytes(b"%PDF-1.4\n% not a workbook\n")         # a PDF renamed
    for name in LOCKS:
        (root / "opd" / name).write_bytes(b"\x00lock")
    return root / "opd"


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def run(folder, tmp_path_factory):
    before = _digest(folder)
    rekap = recap(folder, jobs=2)
    out = tmp_path_factory.mktemp("hasil") / "rekap.xlsx"
    out.write_bytes(render(rekap, str(out.parent)))
    return rekap, out, before


def _sheet(path, name):
    return python_calamine.load_workbook(str(path)).get_sheet_by_name(name).to_python(skip_empty_area=False)


def _cell(value):
    return "" if value is None else value


def _same(got, want):
    if isinstance(want, float) and isinstance(got, float):
        return math.isclose(got, want, rel_tol=1e-12, abs_tol=1e-12)
    return got == want


def test_one_row_per_workbook_and_the_broken_files_fail_with_reasons(run):
    rekap, _, _ = run
    assert [r.file for r in rekap.rows] == [f"opd-{i:02d}.xlsx" for i in range(COUNT)]
    assert [f.file for f in rekap.failures] == list(BROKEN)
    assert all(f.reason and not f.internal for f in rekap.failures)
    assert "rusak atau terpotong" in rekap.failures[1].reason


def test_lock_and_hidden_files_are_not_mentioned(run):
    rekap, out, _ = run
    named = {r.file for r in rekap.rows} | {f.file for f in rekap.failures} | {s.file for s in rekap.skipped}
    assert not named & set(LOCKS)
    for sheet in SHEETS:
        text = repr(_sheet(out, sheet))
        assert "~$" not in text and ".~lock" not in text


def test_inputs_are_byte_identical(folder, run):
    _, _, before = run
    assert _digest(folder) == before


def test_rekap_sheets_in_order(run):
    _, out, _ = run
    assert python_calamine.load_workbook(str(out)).sheet_names == list(SHEETS)


def test_rekap_numbers_equal_the_single_workbook_results(folder, run):
    _, out, _ = run
    grid = _sheet(out, sheet_opd.SHEET)
    col = sheet_opd.COL
    first = sheet_opd.FIRST_ROW
    for i in range(COUNT):
        path = folder / f"opd-{i:02d}.xlsx"
        analysis = engine.analyze(path.read_bytes())
        report = engine.check(path)
        row = grid[first + i]
        assert row[col["file"]] == path.name
        assert row[col["instansi"]] == analysis.settings.get("instansi")
        assert row[col["tahun"]] == analysis.settings.get("tahun")
        skm = analysis.results["skm"]
        indexes = [t.index for t in (getattr(skm, "survey", None), getattr(skm, "distribution", None))
                   if t is not None and t.index.nik is not None]
        want_nik = indexes[0].nik if indexes else None
        assert _same(row[col["nik"]], _cell(want_nik)), path.name
        assert row[col["mutu"]] == _cell(indexes[0].mutu if indexes else None)
        ang = analysis.results["anggaran"]
        total = ang.anggaran.result.total if ang is not None and ang.anggaran is not None else {}
        assert _same(row[col["pagu"]], _cell(total.get("pagu"))), path.name
        assert _same(row[col["realisasi"]], _cell(total.get("realisasi"))), path.name
        if total.get("pagu"):
            assert _same(row[col["serapan"]], total["realisasi"] / total["pagu"] * 100)
        for sev, n in report.counts.items():
            assert row[col[sev]] == n, (path.name, sev)
        assert row[col["usang"]] == ("Tidak" if state_of(i) == "computed" else "Ya"), path.name
        per_sasaran = summarize(analysis.results["pk"], analysis.settings)
        c = len(sheet_opd.COLUMNS)
        for s in per_sasaran:
            assert row[c] == s.sasaran
            assert _same(row[c + 1], _cell(s.mean)), (path.name, s.sasaran)
            assert row[c + 2] == _cell(s.kategori)
            c += len(sheet_opd.SASARAN_FIELDS)
        assert all(v == "" for v in row[c:]), path.name


def test_every_indicator_of_every_workbook_is_listed(folder, run):
    _, out, _ = run
    grid = _sheet(out, INDIKATOR_SHEET)[4:]
    want = []
    for i in range(COUNT):
        path = folder / f"opd-{i:02d}.xlsx"
        for ind in engine.analyze(path.read_bytes()).results["pk"]:
            want.append((path.name, ind.indikator, _cell(ind.capaian), _cell(ind.kategori), ind.status))
    got = [(r[3], r[5], r[11], r[13], r[14]) for r in grid]
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g[:2] == w[:2] and _same(g[2], w[2]) and g[3:] == w[3:]


def test_failures_are_listed_in_the_gagal_sheet(run):
    _, out, _ = run
    rows = _sheet(out, GAGAL_SHEET)[4:]
    assert [r[1] for r in rows] == list(BROKEN)
    assert all(r[2] for r in rows)


def test_the_stale_flag_follows_the_workbook_findings(run):
    rekap, _, _ = run
    for i, row in enumerate(rekap.rows):
        state = state_of(i)
        assert row.computed == (state != "raw")
        assert row.stale == (state != "computed")
        if state == "stale":
            assert "WB-003" in row.stale_codes


def test_same_bytes_for_the_same_inputs_whatever_the_jobs(folder, run, tmp_path):
    rekap, out, _ = run
    again = render(recap(folder, jobs=1), str(out.parent))
    assert again == out.read_bytes()


def test_a_workbook_whose_rows_or_settings_changed_after_compute_is_stale(tmp_path):
    """WB-007 (rows added or removed) and WB-009 (settings changed) mean stale results too."""
    from support.builders import example
    from support.zipedit import replace_cell
    from sakip_xl.rekap.summary import process

    out = tmp_path / "hasil.xlsx"
    engine.compute(example(tmp_path), out)
    assert not process(str(out)).stale
    addr = engine.analyze(out.read_bytes()).context.settings.cells["batas_capaian"]
    replace_cell(out, "Pengaturan", addr, f'<c r="{addr}"{{s}} t="inlineStr"><is><t>120</t></is></c>')
    row = process(str(out))
    assert row.stale and row.stale_codes == ("WB-009",)
