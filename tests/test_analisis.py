"""Analysis text per indicator and the SKM follow-up: in the workbook and in the Word report."""
from __future__ import annotations

import docx
import openpyxl

from support.analisis_helpers import ANALISIS_ROWS, FOLLOW_ROWS, analysed_example
from sakip_xl.engine import compute
from sakip_xl.seed_data import JELBUK_PK
from sakip_xl.report import write

LABELS = {"penyebab": "Penyebab Keberhasilan/Kegagalan", "upaya": "Upaya yang Dilakukan",
          "program": "Program Pendukung", "tindak_lanjut": "Rencana Tindak Lanjut"}
UNSUR_NAMES = {}


def _skm_elements(path):
    """(number, name, NRR) of every element of Hasil SKM's element table, as stored."""
    ws = openpyxl.load_workbook(path, data_only=True)["Hasil SKM"]
    head = next(r for r in range(1, 40) if ws.cell(r, 1).value == "No" and ws.cell(r, 2).value == "Unsur")
    cols = {ws.cell(head, c).value: c for c in range(1, 20)}
    out = []
    r = head + 1
    while isinstance(ws.cell(r, 1).value, (int, float, str)) and str(ws.cell(r, 1).value).strip().isdigit():
        out.append((int(ws.cell(r, 1).value), ws.cell(r, 2).value, ws.cell(r, cols["NRR"]).value))
        r += 1
    return out


def _expected_follow_up(elements):
    """The three lowest NRR (ties kept) plus the unsur a plan was written for, lowest first."""
    ranked = sorted((nrr, n, name) for n, name, nrr in elements)
    cut = ranked[2][0]
    planned = {9: FOLLOW_ROWS[0], 3: FOLLOW_ROWS[1]}
    chosen = [(nrr, n, name) for nrr, n, name in ranked if nrr <= cut or n in planned]
    return [(n, name, nrr, planned.get(n, {})) for nrr, n, name in chosen]


def _follow_block(path):
    ws = openpyxl.load_workbook(path, data_only=True)["Hasil SKM"]
    top = next(r for r in range(1, ws.max_row + 1)
               if str(ws.cell(r, 1).value or "").startswith("RENCANA TINDAK LANJUT HASIL SKM"))
    rows, r = [], top + 3
    while ws.cell(r, 2).value:
        rows.append([ws.cell(r, c).value for c in range(1, 8)])
        r += 1
    return rows


def test_workbook_shows_the_analysis_and_the_follow_up(tmp_path):
    src = analysed_example(tmp_path)
    out = tmp_path / "hasil.xlsx"
    report = compute(src, out)
    ws = openpyxl.load_workbook(out, data_only=True)["Analisis Capaian"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=5) if row[2].value]
    assert [r[2] for r in rows] == [JELBUK_PK[0]["indikator"], JELBUK_PK[1]["indikator"]]
    for row, typed in zip(rows, ANALISIS_ROWS):
        assert [v or None for v in row[5:9]] == [typed.get(k) or None for k in LABELS]
    cap = openpyxl.load_workbook(out, data_only=True)["Capaian"]
    assert rows[0][3] == cap["L5"].value and rows[1][3] == cap["L6"].value
    expected = _expected_follow_up(_skm_elements(out))
    block = _follow_block(out)
    assert [(r[1], r[2], r[4] or None, r[5] or None, r[6] or None) for r in block] == [
        (name, nrr, p.get("rencana"), p.get("penanggung_jawab"), p.get("waktu"))
        for n, name, nrr, p in expected]
    assert len(block) >= 4     # three lowest, and U9/U3 that have a plan
    codes = {(f.code, f.sheet, f.cell) for f in report.findings if f.code.startswith("ANL")}
    assert ("ANL-001", "Analisis Kinerja", "B7") in codes
    assert ("ANL-002", "Tindak Lanjut SKM", "A7") in codes
    assert ("ANL-003", "PK", "C7") in codes          # 75,95 % with no analysis
    assert not any(c[0] == "ANL-003" and c[2] in ("C5", "C6") for c in codes)


def test_word_report_carries_the_analysis_and_the_follow_up_table(tmp_path):
    src = analysed_example(tmp_path)
    computed = tmp_path / "hasil.xlsx"
    compute(src, computed)
    doc = docx.Document(str(write(src, tmp_path / "laporan.docx")))
    paras = [p.text for p in doc.paragraphs]
    for typed in ANALISIS_ROWS[:2]:
        assert f"Analisis capaian indikator {typed['indikator']}:" in paras
        for key, label in LABELS.items():
            if typed.get(key):
                assert f"{label}: {typed[key]}" in paras
    # the analysis of each indicator comes after the tables of its sasaran
    heading = paras.index(next(p for p in paras if p.startswith("1. Sasaran 1")))
    assert paras.index(f"Analisis capaian indikator {ANALISIS_ROWS[0]['indikator']}:") > heading
    table = next(t for t in doc.tables if t.rows[0].cells[3].text == "RENCANA TINDAK LANJUT")
    body = [[c.text for c in row.cells] for row in table.rows[2:]]     # header, then the (1) (2) ... row
    expected = _expected_follow_up(_skm_elements(computed))
    assert [(r[1], r[3], r[4], r[5]) for r in body] == [
        (name, p.get("rencana", "-"), p.get("penanggung_jawab", "-"), p.get("waktu", "-"))
        for n, name, nrr, p in expected]
    assert [float(r[2].replace(",", ".")) for r in body] == [round(nrr, 3) for _, _, nrr, _ in expected]


def test_no_analysis_sheets_no_change(tmp_path):
    out = tmp_path / "hasil.xlsx"
    compute(analysed_example(tmp_path, analisis=[], follow=[]), out)
    wb = openpyxl.load_workbook(out)
    assert "Analisis Capaian" not in wb.sheetnames
    ws = wb["Hasil SKM"]
    assert not any(str(c.value or "").startswith("RENCANA TINDAK LANJUT") for row in ws.iter_rows() for c in row)
