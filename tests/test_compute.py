"""End to end: the example and made-up workbooks through `compute`."""
from __future__ import annotations

import io
import math
import zipfile

import openpyxl
import pandas as pd
import pytest
import python_calamine

from support.builders import JELBUK_PK, example, filled, free_layout
from sakip_xl.engine import check, compute
from sakip_xl.errors import InputFileError, WorkbookLayoutError
from sakip_xl.sections import tool_sheets

# Parts the tool may edit; every other part of the input must come out byte-identical.
EDITABLE = {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
            "xl/sharedStrings.xml", "xl/calcChain.xml", "docProps/app.xml"}


def capaian_rows(path):
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb["Capaian"]
    head = [c.value for c in ws[4]]
    rows = []
    for r in range(5, ws.max_row + 1):
        values = [c.value for c in ws[r]]
        if values[2] is None:
            break
        rows.append(dict(zip(head, values)))
    return rows


def test_seed_numbers_are_right(tmp_path):
    src = example(tmp_path)
    report = compute(src, tmp_path / "hasil.xlsx")
    rows = capaian_rows(tmp_path / "hasil.xlsx")
    assert [r["Kategori"] for r in rows] == ["Sangat Baik", "Baik", "Baik"]
    assert math.isclose(rows[0]["Capaian (%)"], 101.69411764705882, rel_tol=1e-12)   # not the 86,44 printed
    assert round(rows[0]["Capaian (%)"], 2) == 101.69
    assert rows[1]["Capaian (%)"] == rows[2]["Capaian (%)"] == 80
    stated = [f for f in report.findings if f.code == "PK-008"]
    assert [(f.sheet, f.cell) for f in stated] == [("PK", "I5")]
    assert "86,44" in stated[0].message and "101,69" in stated[0].message


def test_untouched_parts_are_byte_identical(tmp_path):
    src = example(tmp_path)
    out = tmp_path / "hasil.xlsx"
    compute(src, out)
    zin, zout = zipfile.ZipFile(src), zipfile.ZipFile(out)
    names_out = set(zout.namelist())
    compared = 0
    for name in zin.namelist():
        if name in EDITABLE:
            continue
        assert name in names_out, f"{name} was dropped"
        assert zin.read(name) == zout.read(name), f"{name} changed"
        compared += 1
    assert compared >= 5
    assert zipfile.ZipFile(out).testzip() is None


def test_output_opens_in_readers(tmp_path):
    out = tmp_path / "hasil.xlsx"
    compute(example(tmp_path), out)
    wb = openpyxl.load_workbook(out)
    tools = [s for s in wb.sheetnames if s in tool_sheets()]
    assert tools[0] == "Capaian" and tools[-1] == "Pemeriksaan" and wb.sheetnames[-len(tools):] == tools
    assert python_calamine.load_workbook(str(out)).sheet_names == wb.sheetnames
    frame = pd.read_excel(out, sheet_name="Capaian", header=3, engine="calamine")
    assert len(frame.dropna(subset=["Indikator Kinerja"])) >= 3


def test_rerun_gives_identical_bytes(tmp_path):
    src = example(tmp_path)
    first = tmp_path / "satu.xlsx"
    second = tmp_path / "dua.xlsx"
    compute(src, first)
    compute(first, second)
    assert first.read_bytes() == second.read_bytes()


def test_in_place_keeps_backup(tmp_path):
    src = example(tmp_path)
    original = src.read_bytes()
    compute(src)
    assert (tmp_path / "contoh.bak.xlsx").read_bytes() == original
    assert src.read_bytes() != original
    assert "Capaian" in openpyxl.load_workbook(src).sheetnames
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contoh.bak.xlsx", "contoh.xlsx"]


def test_open_workbook_is_not_overwritten(tmp_path):
    src = example(tmp_path)
    (tmp_path / "~$contoh.xlsx").write_bytes(b"lock")
    before = src.read_bytes()
    with pytest.raises(Exception) as err:
        compute(src)
    assert "sedang dibuka" in str(err.value)
    assert src.read_bytes() == before
    compute(src, force=True)
    assert src.read_bytes() != before


@pytest.mark.parametrize("kind", ["missing", "text", "folder"])
def test_unreadable_input_is_refused(tmp_path, kind):
    path = tmp_path / "rusak.xlsx"
    if kind == "text":
        path.write_text("ini bukan workbook")
    elif kind == "folder":
        path.mkdir()
    with pytest.raises(InputFileError) as err:
        compute(path, tmp_path / "hasil.xlsx")
    assert "rusak.xlsx" in err.value.message or "bukan" in err.value.message
    assert not (tmp_path / "hasil.xlsx").exists()


def test_missing_pk_sheet_names_the_fix(tmp_path):
    src = free_layout(tmp_path, {"Data": [["Indikator", "Target"], ["x", 1]]})
    before = src.read_bytes()
    with pytest.raises(WorkbookLayoutError) as err:
        compute(src)
    assert "Lembar 'PK' tidak ditemukan" in err.value.message
    assert "Data" in err.value.message
    assert src.read_bytes() == before


def test_missing_required_column_names_it(tmp_path):
    src = free_layout(tmp_path, {"PK": [["No", "Sasaran Strategis", "Indikator Kinerja", "Target"],
                                        [1, "S", "I", 100]]})
    with pytest.raises(WorkbookLayoutError) as err:
        compute(src)
    assert "'Realisasi'" in err.value.message and "PK" in err.value.message


def test_bad_values_become_findings_with_cells(tmp_path):
    rows = [
        {"sasaran": "S1", "indikator": "Target teks", "target": "B (85)", "realisasi": 86.44},
        {"indikator": "Realisasi n/a", "target": 100, "realisasi": "n/a"},
        {"indikator": "Realisasi kosong", "target": 100},
        {"indikator": "Target nol", "target": 0, "realisasi": 5},
        {"indikator": "Angka teks", "target": "85", "realisasi": "86,44"},
    ]
    src = filled(tmp_path, rows)
    before = src.read_bytes()
    report = check(src)
    got = {(f.code, f.cell) for f in report.findings}
    assert ("PK-001", "F5") in got
    assert ("PK-004", "G6") in got
    assert ("PK-003", "G7") in got
    assert ("PK-002", "F8") in got
    assert ("PK-006", "F9") in got and ("PK-006", "G9") in got
    assert report.has_errors
    assert src.read_bytes() == before
    compute(src, tmp_path / "hasil.xlsx")
    cap = capaian_rows(tmp_path / "hasil.xlsx")
    assert [r["Status"] for r in cap] == ["Target tidak valid", "Realisasi belum ada", "Realisasi belum ada",
                                          "Target nol", "Dihitung"]
    assert [r["Capaian (%)"] for r in cap][:4] == [None, None, None, None]
    assert math.isclose(cap[4]["Capaian (%)"], 86.44 / 85 * 100)


def test_messy_layout_is_read_by_header_text(tmp_path):
    grid = [
        ["PERJANJIAN KINERJA TAHUN 2021"],
        [],
        ["Catatan: diisi seksi perencanaan"],
        [None, "NO.", "Keterangan", "SASARAN", "INDIKATOR SASARAN", "TARGET", "REALISASI", "Satuan"],
        [None, "(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
        [None, 1, "x", "Sasaran A", "Ind A", 100, 80, "%"],
        [],
        [None, None, None, None, "Ind B", 50, "55", "%"],
        [],
        [None, "Sumber data: Bappekab"],
    ]
    src = free_layout(tmp_path, {"Perjanjian Kinerja": grid})
    report = compute(src, tmp_path / "hasil.xlsx")
    inds = report.analysis.indicators
    assert [(i.indikator, i.sasaran, i.target.address) for i in inds] == [
        ("Ind A", "Sasaran A", "F6"), ("Ind B", "Sasaran A", "F8")]
    assert math.isclose(inds[1].capaian, 110.0)
    assert [(f.code, f.cell) for f in report.findings] == [("PK-006", "G8"), ("SET-003", "")]


def test_package_level_api(tmp_path):
    import sakip_xl

    report = sakip_xl.compute(example(tmp_path), tmp_path / "hasil.xlsx")
    assert report.written and report.output == tmp_path / "hasil.xlsx"
    assert sakip_xl.check(tmp_path / "hasil.xlsx").counts == report.counts
