"""Messy but valid workbooks give findings, never crashes."""
from __future__ import annotations

import datetime as dt
import io
import math
import time
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from support import hostile_files as H
from support.builders import JELBUK_PK, filled
from sakip_xl.engine import check, compute
from sakip_xl.errors import WorkbookLayoutError


def _codes(report):
    return {(f.code, f.sheet, f.cell) for f in report.findings}


def _messy(path: Path, sheet: str = "PK") -> Path:
    """Two-row merged header with odd case, spacing and non-breaking spaces; merged sasaran;
    hidden row; formulas with stored results; dates and times; long text; apostrophes."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False})
    ws = wb.add_worksheet(sheet)
    m = wb.add_format({"bold": True, "align": "center", "valign": "vcenter"})
    quoted = wb.add_format({"quote_prefix": True})
    ws.merge_range(0, 0, 0, 6, "PERJANJIAN KINERJA TAHUN 2021", m)
    ws.merge_range(1, 0, 2, 0, "NO.", m)
    ws.merge_range(1, 1, 2, 1, "  SASARAN\u00a0STRATEGIS ", m)
    ws.merge_range(1, 2, 2, 2, "indikator   KINERJA", m)
    ws.merge_range(1, 3, 1, 4, "Kinerja", m)
    ws.write(2, 3, "TARGET", m)
    ws.write(2, 4, "Realisasi\u00a0", m)
    ws.merge_range(1, 5, 2, 5, "Satuan", m)
    ws.merge_range(3, 1, 5, 1, "Sasaran A", m)                            # B4:B6 merged
    ws.write(3, 2, "Rumus dengan hasil")
    ws.write_formula(3, 3, "=50*2", None, 100)                             # D4
    ws.write_formula(3, 4, "=80+1", None, 81)                              # E4
    ws.write(4, 2, "Baris tersembunyi")
    ws.write(4, 3, 100)
    ws.write(4, 4, 70)
    ws.set_row(4, None, None, {"hidden": True})                            # row 5
    ws.write(5, 2, "Teks panjang " + "x" * 32000)
    ws.write(5, 3, dt.time(12, 30), wb.add_format({"num_format": "hh:mm"}))     # D6: a time
    ws.write_string(5, 4, "86,44", quoted)                                   # E6: apostrophe-prefixed text
    ws.write(6, 1, "Sasaran\u00a0B")
    ws.write(6, 2, "Ind\u00a0empat")
    ws.write_string(6, 3, "'100")                                           # D7: a typed apostrophe
    ws.write_string(6, 4, "90\u00a0%")                                      # E7
    ws.write(7, 2, "Tanggal")
    ws.write(7, 3, 100)
    ws.write(7, 4, dt.datetime(2021, 5, 1), wb.add_format({"num_format": "dd/mm/yyyy"}))   # E8: a date
    wb.close()
    path.write_bytes(buf.getvalue())
    return path


def test_messy_layout_gives_findings_not_crashes(tmp_path):
    src = _messy(tmp_path / "berantakan.xlsx")
    report = compute(src, tmp_path / "hasil.xlsx")
    inds = report.analysis.indicators
    assert [i.indikator[:13] for i in inds] == ["Rumus dengan ", "Baris tersemb", "Teks panjang ", "Ind\u00a0empat",
                                                "Tanggal"]
    assert [i.sasaran for i in inds[:3]] == ["Sasaran A"] * 3          # merged cell fills down
    assert inds[0].target.address == "D4" and inds[0].capaian == 81      # formulas: their stored results
    got = _codes(report)
    assert ("SEL-003", "PK", "C5") in got                                # hidden row, still counted
    assert ("PK-020", "PK", "D6") in got                                 # a time is a number to Excel
    assert ("PK-006", "PK", "E6") in got and ("PK-006", "PK", "D7") in got and ("PK-006", "PK", "E7") in got
    assert ("PK-020", "PK", "E8") in got                                 # a date is a number to Excel
    assert not {("PK-001", "PK", "D6"), ("PK-005", "PK", "E8")} & got    # and no contradicting "not computed"
    date_msg = next(f.message for f in report.findings if f.code == "PK-020" and f.cell == "E8")
    assert "44.317,00" in date_msg                                       # 1 May 2021 as Excel's serial number
    assert math.isclose(inds[4].capaian, 44317.0)                        # what the Capaian formula computes too
    assert math.isclose(inds[3].capaian, 90.0)
    wb = openpyxl.load_workbook(tmp_path / "hasil.xlsx")
    texts = [c.value for row in wb["Capaian"].iter_rows() for c in row if isinstance(c.value, str)]
    assert [len(t) for t in texts if t.startswith("Teks panjang")] == [32013]


def test_formula_without_stored_result_is_a_finding(tmp_path):
    src = filled(tmp_path, [{"sasaran": "S", "indikator": "A", "target": 100, "realisasi": 80},
                            {"indikator": "B", "target": 100, "realisasi": 70}])
    wb = openpyxl.load_workbook(src)       # openpyxl saves formulas without their results
    ws = wb["PK"]
    header = [c.value for c in ws[4]]
    col = header.index("Realisasi") + 1
    ws.cell(6, col).value = "=SUM(60,15)"
    wb.save(src)
    report = check(src)
    address = ws.cell(6, col).coordinate
    found = [f for f in report.findings if f.code == "SEL-002"]
    assert [(f.sheet, f.cell) for f in found] == [("PK", address)]
    assert "SUM(60,15)" in found[0].message


@pytest.mark.parametrize("name", ["PK 2021", "PK'21", "PK Th'21", "pk_2021", "Perjanjian Kinerja 2021", " pk "])
def test_pk_sheet_name_variants_are_accepted(tmp_path, name):
    src = tmp_path / "bernama.xlsx"
    src.write_bytes(H.pk_workbook(sheet=name.strip() if name.strip() else name, extra_sheets=("Lain",)))
    report = compute(src, tmp_path / "hasil.xlsx")
    assert len(report.analysis.indicators) == 2
    assert report.analysis.context.results["pk_sheet"] == name.strip()


@pytest.mark.parametrize("name", ["PK 2021 revisi", "PKK", "Data PK"])
def test_other_sheet_names_are_not_taken_for_pk(tmp_path, name):
    src = tmp_path / "lain.xlsx"
    src.write_bytes(H.pk_workbook(sheet=name))
    with pytest.raises(WorkbookLayoutError) as err:
        compute(src, tmp_path / "hasil.xlsx")
    assert "Lembar 'PK' tidak ditemukan" in err.value.message


def test_two_dated_pk_sheets_make_the_user_choose(tmp_path):
    src = tmp_path / "dua.xlsx"
    src.write_bytes(H.pk_workbook(sheet="PK 2020", extra_sheets=("PK 2021",)))
    with pytest.raises(WorkbookLayoutError) as err:
        compute(src, tmp_path / "hasil.xlsx")
    assert "'PK 2020'" in err.value.message and "'PK 2021'" in err.value.message
    assert "Ganti Nama" in err.value.message


def _with_formatted_empty_rows(data: bytes, sheet: str, rows: int, cols: int = 11) -> bytes:
    """Add `rows` rows of styled empty cells under the last row of `sheet`, as Excel saves a
    formatted range (written at the XML level: openpyxl would take a minute for 550,000 cells)."""
    import re

    member = H.sheet_member(data, sheet)

    def edit(body: bytes) -> bytes:
        last = max(int(r) for r in re.findall(rb'<row r="(\d+)"', body))
        style = max(int(x) for x in re.findall(rb' s="(\d+)"', body))
        letters = [chr(65 + c) for c in range(cols)]
        extra = "".join(f'<row r="{r}" spans="1:{cols}">' + "".join(f'<c r="{c}{r}" s="{style}"/>' for c in letters)
                        + "</row>" for r in range(last + 1, last + 1 + rows))
        return body.replace(b"</sheetData>", extra.encode() + b"</sheetData>", 1)
    return H.rezip(data, {member: edit})


def test_fifty_thousand_formatted_empty_rows_do_not_slow_it_down(tmp_path, record_property):
    small = filled(tmp_path, JELBUK_PK, name="kecil.xlsx")
    big = tmp_path / "besar.xlsx"
    big.write_bytes(_with_formatted_empty_rows(small.read_bytes(), "PK", 50_000))
    compute(small, tmp_path / "k.xlsx")                  # warm up
    t0 = time.perf_counter()
    base = compute(small, tmp_path / "k.xlsx")
    t1 = time.perf_counter()
    report = compute(big, tmp_path / "b.xlsx")
    t2 = time.perf_counter()
    record_property("summary", f"messy input: compute {t1 - t0:.3f} s on the template, {t2 - t1:.3f} s with "
                               "50,000 formatted empty rows below the PK table")
    assert len(report.analysis.indicators) == len(base.analysis.indicators)
    assert t2 - t1 < 5.0
    wb = openpyxl.load_workbook(tmp_path / "b.xlsx", read_only=True)
    assert wb["Capaian"].max_row < 100                     # no empty rows copied into the tool's sheets


@pytest.mark.libreoffice
def test_parity_with_a_pk_sheet_named_with_apostrophe_and_space(tmp_path):
    from support.lo_oracle import compare_with_engine
    from test_parity import TRICKY_ROWS

    from sakip_xl.seed_data import JELBUK_SETTINGS
    from sakip_xl.template import build_template

    data = build_template(JELBUK_SETTINGS, {"PK": TRICKY_ROWS})
    wb = openpyxl.load_workbook(io.BytesIO(data))
    wb["PK"].title = "PK Th'21"
    src = tmp_path / "apostrof.xlsx"
    wb.save(src)
    # openpyxl drops the stored results of the template's own formulas: recompute them in LibreOffice first
    from support.lo_oracle import recalc
    src = recalc(src, tmp_path / "lo-in")
    out = tmp_path / "hasil.xlsx"
    report = compute(src, out)
    assert report.analysis.context.results["pk_sheet"] == "PK Th'21"
    formulas = [c.value for row in openpyxl.load_workbook(out)["Capaian"].iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("=")]
    assert any("'PK Th''21'!" in f for f in formulas)
    assert compare_with_engine(out, tmp_path / "lo", sheets=["Capaian", "Pemeriksaan"]) == []
