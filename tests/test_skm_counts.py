"""Issue 15 item 3: the respondents counted, the valid answers per unsur and the rows left out (data but
no answer) are the same numbers in Hasil SKM, the findings, the Word report and the rekap (sheet and JSON).

The survey is built from a known design; every expected count is worked out here from the design,
not from the tool."""
from __future__ import annotations

import io
import json
import random
import re

import docx
import openpyxl
import pytest

from support.skm_helpers import skm_bytes, write
from test_skm_forms import OFFICIAL_2017
from sakip_xl.engine import compute
from sakip_xl.report import render_bytes

HEADER_ROW = 3                       # skm_bytes writes the header on sheet row 4; data from row 5
N_ROWS = 90
REJECTED = (5, 17, 18, 41, 66)       # data rows (0-based) with layanan/profile data but no answer
ONLY_NO = 30                         # a row with nothing but its No: neither a respondent nor left out
ONLY_INVALID = 52                    # a respondent whose only answer is off the scale
OFF_SCALE = ("Lumayan", 5, 0, 2.5, "2,5", "e. Sangat baik")


def _label(j: int, k: int, style: int) -> str:
    words = OFFICIAL_2017[j][k - 1]
    return (words, f"{'abcd'[k - 1]}. {words}", words.upper(), f" {k} ", f"  {words.lower()} ")[style % 5]


def _design(seed=1503):
    """Rows for skm_bytes and, per row and unsur, what the cell is: 'valid', 'invalid' or 'blank'."""
    rnd = random.Random(seed)
    rows, kinds = [], []
    for i in range(N_ROWS):
        row = {"no": i + 1}
        kind = ["blank"] * 9
        if i in REJECTED:              # one or two filled cells besides No
            row.update({"pendidikan": "SMA"} if i % 2 else {"layanan": rnd.choice(("KTP", "KK")), "umur": 40})
        elif i == ONLY_INVALID:
            row.update(layanan="KTP", u4="Lumayan")
            kind[3] = "invalid"
        elif i != ONLY_NO:
            row["layanan"] = rnd.choice(("KTP", "KK", "Akta"))
            for j in range(1, 10):
                roll = rnd.random()
                k = rnd.randint(1, 4)
                if roll < 0.35:
                    row[f"u{j}"], kind[j - 1] = k, "valid"
                elif roll < 0.70:
                    row[f"u{j}"], kind[j - 1] = _label(j, k, rnd.randrange(5)), "valid"
                elif roll < 0.78:
                    row[f"u{j}"], kind[j - 1] = "abcd"[k - 1], "valid"
                elif roll < 0.82:
                    row[f"u{j}"], kind[j - 1] = rnd.choice(OFF_SCALE), "invalid"
            if "valid" not in kind and "invalid" not in kind:
                row["u1"], kind[0] = 3, "valid"
        rows.append(row)
        kinds.append(kind)
    return rows, kinds


def _expected(kinds):
    respondents = sum(1 for k in kinds if any(x != "blank" for x in k))
    valid = [sum(1 for k in kinds if k[j] == "valid") for j in range(9)]
    invalid = [sum(1 for k in kinds if k[j] == "invalid") for j in range(9)]
    return respondents, valid, invalid, len(REJECTED)


def _survey(tmp_path):
    rows, kinds = _design()
    src = write(tmp_path / "skm-hitung.xlsx", skm_bytes(rows, settings={"instansi": "Kecamatan Uji", "tahun": 2024,
                                                                        "skm_populasi": 10000}))
    folder = tmp_path / "opd"
    folder.mkdir()
    out = folder / "hasil-skm-hitung.xlsx"
    return compute(src, out), out, _expected(kinds)


def _find(ws, text: str):
    """The (row, column) of the first cell holding `text`."""
    for row in ws.iter_rows():
        for c in row:
            if c.value == text:
                return c.row, c.column
    raise AssertionError(f"'{text}' not on {ws.title}")


def test_counts_agree_in_hasil_skm_findings_report_and_rekap(tmp_path):
    report, out, (respondents, valid, invalid, rejected) = _survey(tmp_path)
    assert respondents == N_ROWS - len(REJECTED) - 1 and rejected == 5 and sum(invalid) > 0
    survey = report.analysis.results["skm"].survey
    assert survey.respondents == respondents
    assert [e.total for e in survey.elements] == valid
    assert [e.nonblank - e.total for e in survey.elements] == invalid
    assert survey.rejected == rejected

    # Hasil SKM: the stored values, found by their labels
    ws = openpyxl.load_workbook(out, data_only=True)["Hasil SKM"]
    r, c = _find(ws, "Jumlah responden")
    assert ws.cell(r, c + 1).value == respondents
    r, c = _find(ws, "Baris tanpa jawaban unsur (tidak dihitung)")
    assert ws.cell(r, c + 1).value == rejected
    head, _ = _find(ws, "Jumlah jawaban sah")
    heads = {ws.cell(head, x).value: x for x in range(1, ws.max_column + 1)}
    table = [[ws.cell(head + 1 + j, heads[h]).value for j in range(9)] for h in ("Unsur", "Jumlah jawaban sah",
                                                                                 "Tidak sah")]
    assert [t.split()[0] for t in table[0]] == [f"U{j}" for j in range(1, 10)]
    assert table[1] == valid and table[2] == invalid
    live = openpyxl.load_workbook(out)["Hasil SKM"]
    r, c = _find(live, "Baris tanpa jawaban unsur (tidak dihitung)")
    assert "SUM" in getattr(live.cell(r, c + 1).value, "text", "")          # a live formula, not a typed number

    # the findings: SKM-010 names the respondents, one SKM-005 per row left out, one finding per invalid answer
    codes = [f.code for f in report.findings]
    assert "SKM-004" not in codes
    small = [f for f in report.findings if f.code == "SKM-010"]
    assert len(small) == 1 and f"Jumlah responden {respondents} kurang" in small[0].message
    left = [f for f in report.findings if f.code == "SKM-005"]
    assert [f.cell for f in left] == [f"B{HEADER_ROW + 2 + i}" for i in REJECTED]
    assert [int(re.search(r"Baris (\d+)", f.message).group(1)) for f in left] == [HEADER_ROW + 2 + i for i in REJECTED]
    bad = [f for f in report.findings if f.code in ("SKM-001", "SKM-002", "SKM-003")]
    assert [sum(1 for f in bad if f" U{j} " in f.message + " ") for j in range(1, 10)] == invalid

    # the Word report
    document = docx.Document(io.BytesIO(render_bytes(report.analysis)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"{respondents} responden ({rejected} baris tanpa jawaban unsur tidak dihitung)" in text
    assert f"jawaban sah per unsur {min(valid)}-{max(valid)}, {sum(invalid)} jawaban tidak sah tidak dihitung" in text
    assert "Jawaban sah per unsur: " + ", ".join(f"U{j} {n}" for j, n in enumerate(valid, 1)) + "." in text

    # the rekap: the Rekap OPD sheet and the JSON
    from sakip_xl.rekap import recap, render
    from sakip_xl.rekap.report import as_dict
    rekap = recap(out.parent, jobs=1)
    data = json.loads(json.dumps(as_dict(rekap)))
    [wb] = data["workbooks"]
    assert (wb["responden"], wb["jawaban_sah"], wb["baris_tanpa_jawaban"]) == (respondents, valid, rejected)
    sheet = openpyxl.load_workbook(io.BytesIO(render(rekap, str(out.parent))), data_only=True)["Rekap OPD"]
    r, _ = _find(sheet, "Responden SKM")
    cols = {sheet.cell(r, x).value: x for x in range(1, sheet.max_column + 1)}
    got = [sheet.cell(r + 1, cols[h]).value for h in ("Responden SKM", "Jawaban Sah Unsur Terendah",
                                                      "Jawaban Sah Unsur Tertinggi", "Baris SKM Tanpa Jawaban")]
    assert got == [respondents, min(valid), max(valid), rejected]


@pytest.mark.libreoffice
def test_rows_without_answers_formula_parity(tmp_path):
    from support.lo_oracle import compare_with_engine
    report, out, (_, _, _, rejected) = _survey(tmp_path)
    assert report.analysis.results["skm"].survey.rejected == rejected
    mismatches = compare_with_engine(out, tmp_path / "lo", sheets=["Hasil SKM"])
    assert mismatches == [], "\n".join(mismatches[:20])


def test_rows_without_answers_on_a_very_wide_sheet_are_still_counted(tmp_path):
    """With ~200 columns before the answers the formula would pass Excel's 8,192 characters: the count
    is then written as a number, still the one the findings give."""
    import xlsxwriter
    path = tmp_path / "lebar.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("SKM")
    extra = 200
    for c in range(extra):
        ws.write_string(0, c, f"Catatan {c + 1}")
    for j in range(1, 10):
        ws.write_string(0, extra + j - 1, f"U{j}")
    left = (2, 5, 6)
    for i in range(12):
        if i in left:
            ws.write_string(i + 1, 7 + i, "isian tanpa jawaban")
        else:
            for j in range(9):
                ws.write_number(i + 1, extra + j, 1 + (i + j) % 4)
    wb.close()
    out = tmp_path / "hasil-lebar.xlsx"
    report = compute(path, out)
    survey = report.analysis.results["skm"].survey
    assert survey.respondents == 12 - len(left) and survey.rejected == len(left)
    assert [f.cell for f in report.findings if f.code == "SKM-005"] == [f"A{i + 2}" for i in left]
    ws = openpyxl.load_workbook(out)["Hasil SKM"]
    r, c = _find(ws, "Baris tanpa jawaban unsur (tidak dihitung)")
    assert ws.cell(r, c + 1).value == len(left)          # a number: no formula of 8,192+ characters
