"""Splicing the tool's sheets into a user's workbook (sakip_xl.xlsx.splice)."""
from __future__ import annotations

import datetime
import io
import os
import re
import shutil
import subprocess
import time
import zipfile

import openpyxl
import pandas as pd
import pytest
import python_calamine
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from sakip_xl.errors import InputFileError, OutputError
from sakip_xl.xlsx.integrity import check_package, sheet_name_problem
from sakip_xl.xlsx import zipio
from sakip_xl.xlsx.workbook import decode_names, encode_names, parse_string_constant, string_constant
from sakip_xl.xlsx.splice import (
    TOOL_MARKER,
    VERSION_MARKER,
    check_container,
    inspect_package,
    splice,
)
from sakip_xl.sections import is_input_sheet_name
from support import hostile_files as H
from support.splice_fixtures import (
    generated,
    make_zip,
    original_openpyxl,
    original_prefixed,
    original_without_styles,
    original_xlsxwriter,
    read_member,
    rels_of,
    rewrite,
    unreachable_parts,
    untouched_differences,
)

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
VERSION = "9.9.9"

ORIGINALS = {
    "xlsxwriter": original_xlsxwriter,
    "openpyxl": original_openpyxl,
    "prefixed-absolute": original_prefixed,
    "no-styles": original_without_styles,
    "xlsm": lambda: original_xlsxwriter(vba=b"VBA-PROJECT-BYTES" * 64),
}


@pytest.fixture(scope="module")
def gen() -> bytes:
    return generated()


@pytest.fixture(scope="module", params=sorted(ORIGINALS))
def case(request, gen):
    original = ORIGINALS[request.param]()
    return request.param, original, splice(original, gen, tool_version=VERSION)


def workbook_xml(data: bytes) -> etree._Element:
    return etree.fromstring(read_member(data, "xl/workbook.xml"))


def defined_names(data: bytes) -> list[tuple[str, str | None, str]]:
    root = workbook_xml(data)
    return [(el.get("name"), el.get("localSheetId"), el.text) for el in root.iterfind(".//m:definedName", NS)]


# -- what must not change ---------------------------------------------------------------


def test_untouched_parts_are_byte_identical_raw_copies(case):
    name, original, output = case
    compared, problems = untouched_differences(original, output)
    assert problems == []
    assert compared >= 2


def test_output_passes_integrity_check_and_has_no_orphans(case):
    _, original, output = case
    assert check_package(original) == []
    assert check_package(output) == []
    assert unreachable_parts(output) == []


def test_output_is_read_by_openpyxl_calamine_and_pandas(case):
    _, original, output = case
    wb = openpyxl.load_workbook(io.BytesIO(output))
    user_sheets = openpyxl.load_workbook(io.BytesIO(original)).sheetnames
    assert wb.sheetnames == user_sheets + ["Capaian", "Pemeriksaan"]
    cal = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(output))
    assert cal.sheet_names == wb.sheetnames
    rows = cal.get_sheet_by_name("Capaian").to_python()
    assert rows[0][:4] == ["Indikator", "Target", "Realisasi", "Capaian"]
    assert rows[1][3] == pytest.approx(0.9)
    frames = pd.read_excel(io.BytesIO(output), sheet_name=None, engine="calamine")
    assert list(frames["Pemeriksaan"].columns) == ["Kode", "Pesan", "Tempat"]
    assert frames["Pemeriksaan"]["Kode"].tolist()[:2] == ["PK-001", "PK-002"]


def test_user_sheets_still_read_the_same(case):
    _, original, output = case
    before = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(original))
    after = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(output))
    for sheet in before.sheet_names:
        assert after.get_sheet_by_name(sheet).to_python() == before.get_sheet_by_name(sheet).to_python()


def test_rerun_is_idempotent_and_output_deterministic(case, gen):
    _, original, output = case
    assert splice(original, gen, tool_version=VERSION) == output
    assert splice(output, gen, tool_version=VERSION) == output


# -- what the tool's sheets look like --------------------------------------------------------


def _cell_look(cell):
    font, fill, border, align = cell.font, cell.fill, cell.border, cell.alignment
    return (
        cell.value if not hasattr(cell.value, "text") else str(cell.value),
        cell.number_format,
        bool(font.b),
        bool(font.i),
        font.u,
        font.color.rgb if font.color is not None and font.color.type == "rgb" else None,
        fill.fill_type,
        fill.fgColor.rgb if fill.fill_type else None,
        border.left.style,
        border.bottom.style,
        align.horizontal,
        cell.hyperlink.location if cell.hyperlink else None,
    )


@pytest.mark.parametrize("name", ["xlsxwriter", "openpyxl", "prefixed-absolute", "no-styles"])
def test_tool_cells_keep_values_formulas_and_formats(name, gen):
    output = splice(ORIGINALS[name](), gen, tool_version=VERSION)
    want = openpyxl.load_workbook(io.BytesIO(gen))
    got = openpyxl.load_workbook(io.BytesIO(output))
    for sheet in ("Capaian", "Pemeriksaan"):
        ws_want, ws_got = want[sheet], got[sheet]
        assert ws_got.max_row == ws_want.max_row and ws_got.max_column == ws_want.max_column
        for row_w, row_g in zip(ws_want.iter_rows(), ws_got.iter_rows()):
            for cw, cg in zip(row_w, row_g):
                assert _cell_look(cg) == _cell_look(cw), (sheet, cw.coordinate)
        assert ws_got.freeze_panes == ws_want.freeze_panes
        assert ws_got.auto_filter.ref == ws_want.auto_filter.ref
        assert [str(r) for r in ws_got.merged_cells.ranges] == [str(r) for r in ws_want.merged_cells.ranges]
        assert ws_got.print_title_rows == ws_want.print_title_rows
        assert ws_got.print_area == ws_want.print_area
        assert ws_got.oddHeader.center.text == ws_want.oddHeader.center.text
        assert ws_got.page_setup.orientation == ws_want.page_setup.orientation
        assert [dv.sqref for dv in ws_got.data_validations.dataValidation] == [
            dv.sqref for dv in ws_want.data_validations.dataValidation
        ]
        assert ws_got.column_dimensions["B"].width == ws_want.column_dimensions["B"].width
    cap = got["Capaian"]
    assert cap["B2"].value == "='PK'!B2"
    assert cap["D2"].number_format == "0.00%"
    assert cap["B2"].number_format == "#,##0.00"
    assert cap["A1"].font.b and cap["F2"].hyperlink.location == "'PK'!F12"
    # Conditional format: the dxf is the generated one (font colour, fill, number format).
    (rng_w, rules_w), = [(r.sqref, r.rules) for r in want["Capaian"].conditional_formatting]
    (rng_g, rules_g), = [(r.sqref, r.rules) for r in cap.conditional_formatting]
    assert str(rng_g) == str(rng_w)
    dxf_w, dxf_g = rules_w[0].dxf, rules_g[0].dxf
    assert dxf_g.font.color.rgb == dxf_w.font.color.rgb
    assert dxf_g.fill.bgColor.rgb == dxf_w.fill.bgColor.rgb
    assert dxf_g.numFmt.formatCode == dxf_w.numFmt.formatCode == "0.0%"


def test_tool_cells_read_with_formatting_by_calamine_values(gen):
    output = splice(original_xlsxwriter(), gen, tool_version=VERSION)
    rows = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(output)).get_sheet_by_name("Capaian").to_python()
    assert rows[1][1] == 10 and rows[1][2] == 9
    # 45001 is read as a date only if the dd/mm/yyyy format resolved in the merged styles.
    assert rows[1][4] == datetime.date(1899, 12, 30) + datetime.timedelta(days=45001)


def test_charts_follow_their_sheets(case):
    _, original, output = case
    pkg_rels = rels_of(output, "xl/workbook.xml")
    by_target = {}
    root = workbook_xml(output)
    r_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    ids = {el.get("name"): el.get(r_id) for el in root.iterfind(".//m:sheet", NS)}
    for rel in pkg_rels:
        by_target[rel.id] = rel.part
    for sheet in ("Capaian", "Pemeriksaan"):
        sheet_part = by_target[ids[sheet]]
        drawings = [r.part for r in rels_of(output, sheet_part) if r.kind == "drawing"]
        assert len(drawings) == 1
        charts = [r.part for r in rels_of(output, drawings[0]) if r.kind == "chart"]
        assert len(charts) == 1
        chart_xml = read_member(output, charts[0]).decode()
        assert f"'{sheet}'!" in chart_xml
    names = [n.lower() for n in zipfile.ZipFile(io.BytesIO(output)).namelist()]
    assert len(names) == len(set(names))


def _texts(table: bytes) -> list[str]:
    return ["".join(si.itertext()) for si in etree.fromstring(table).findall("m:si", NS)]


def _capaian_xml(output: bytes) -> bytes:
    book = etree.fromstring(read_member(output, "xl/workbook.xml"))
    r_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    ids = {el.get("name"): el.get(r_id) for el in book.iter(f"{{{NS['m']}}}sheet")}
    parts = {rel.id: rel.part for rel in rels_of(output, "xl/workbook.xml")}
    return read_member(output, parts[ids["Capaian"]])


def test_rich_strings_and_existing_string_items_are_kept_byte_identical(gen):
    original = original_xlsxwriter()
    output = splice(original, gen, tool_version=VERSION)
    old = read_member(original, "xl/sharedStrings.xml")
    new = read_member(output, "xl/sharedStrings.xml")
    old_items = old[old.index(b"<si>") : old.rindex(b"</si>") + 5]
    assert new[new.index(b"<si>") :].startswith(old_items)
    root = etree.fromstring(new)
    items = root.findall("m:si", NS)
    assert root.get("uniqueCount") == str(len(items))
    texts = ["".join(si.itertext()) for si in items]
    assert texts.count("Indikator") == 1  # shared with the user's table, not appended twice
    assert "Catatan penting di sini" in texts
    wb = openpyxl.load_workbook(io.BytesIO(output), rich_text=True)
    rich = wb["Capaian"]["F3"].value
    assert str(rich) == "Catatan penting di sini"
    assert any(getattr(part, "font", None) is not None and part.font.b for part in rich)
    user_rich = wb["PK"]["E1"].value
    assert str(user_rich) == "Teks tebal biasa"


def test_a_big_user_string_table_is_kept_byte_identical_and_the_tools_text_is_in_its_cells(gen, monkeypatch):
    """A table over MERGE_BYTES (a survey's free-text answers) is copied, never parsed or recompressed."""
    from sakip_xl.xlsx import splice as splice_module

    monkeypatch.setattr(splice_module, "MERGE_BYTES", 0)
    original = original_xlsxwriter()
    output = splice(original, gen, tool_version=VERSION)
    old = {m.name: m for m in zipio.ZipArchive(original).members}["xl/sharedStrings.xml"]
    new = {m.name: m for m in zipio.ZipArchive(output).members}["xl/sharedStrings.xml"]
    assert (new.crc, new.csize, new.usize) == (old.crc, old.csize, old.usize)
    capaian = _capaian_xml(output)
    assert not re.search(rb'<c [^>]*t="s"', capaian) and b't="inlineStr"' in capaian
    wb = openpyxl.load_workbook(io.BytesIO(output), rich_text=True)
    rich = wb["Capaian"]["F3"].value
    assert str(rich) == "Catatan penting di sini"
    assert any(getattr(part, "font", None) is not None and part.font.b for part in rich)
    assert str(wb["PK"]["E1"].value) == "Teks tebal biasa"
    values = python_calamine.load_workbook(io.BytesIO(output)).get_sheet_by_name("Capaian").to_python()
    assert "Indikator" in [v for row in values for v in row]
    assert splice(output, gen, tool_version=VERSION) == output      # a re-run changes nothing


def test_shared_strings_untouched_when_nothing_is_added():
    gen_small = generated(sheets=("Pemeriksaan",))
    first = splice(original_xlsxwriter(), gen_small, tool_version=VERSION)
    again = splice(first, gen_small, tool_version="1.0")
    assert read_member(again, "xl/sharedStrings.xml") == read_member(first, "xl/sharedStrings.xml")
    assert untouched_differences(first, again)[1] == []
    entries = {m.name: m for m in zipio.ZipArchive(again).members}
    entries_first = {m.name: m for m in zipio.ZipArchive(first).members}
    assert entries["xl/sharedStrings.xml"].crc == entries_first["xl/sharedStrings.xml"].crc
    assert read_member(again, "xl/styles.xml") == read_member(first, "xl/styles.xml")


def test_a_workbook_without_a_string_table_gets_the_tools_table(gen):
    """Excel keeps a workbook's text in its shared-string table; a workbook whose only text is
    inline is rewritten at its next save (openxml-audit: Excel_InlineStrCells)."""
    original = original_without_styles()
    output = splice(original, gen, tool_version=VERSION)
    kinds = {r.kind: r for r in rels_of(output, "xl/workbook.xml")}
    assert kinds["sharedStrings"].part == "xl/sharedStrings.xml"
    assert kinds["styles"].part == "xl/styles.xml"
    ct = read_member(output, "[Content_Types].xml").decode()
    assert 'PartName="/xl/sharedStrings.xml"' in ct and 'PartName="/xl/styles.xml"' in ct
    assert _texts(read_member(output, "xl/sharedStrings.xml")) == _texts(read_member(gen, "xl/sharedStrings.xml"))
    assert b' t="s"' in _capaian_xml(output) and b"inlineStr" not in _capaian_xml(output)
    values = python_calamine.load_workbook(io.BytesIO(output)).get_sheet_by_name("Capaian").to_python()
    assert "Indikator" in [v for row in values for v in row]


def test_an_empty_string_table_takes_the_tools_items(gen):
    empty = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.'
             b'openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>')
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf)
    book.add_worksheet("PK").write_number(0, 0, 1)       # no text: xlsxwriter writes no table
    book.close()
    sst_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    sst_rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    original = H.rezip(buf.getvalue(), {
        "[Content_Types].xml": lambda b: b.replace(
            b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{sst_type}"/></Types>'.encode()),
        "xl/_rels/workbook.xml.rels": lambda b: b.replace(
            b"</Relationships>", f'<Relationship Id="rId99" Type="{sst_rel}" Target="sharedStrings.xml"/>'
                                 "</Relationships>".encode()),
    }, add=[("xl/sharedStrings.xml", empty)])
    output = splice(original, gen, tool_version=VERSION)
    assert _texts(read_member(output, "xl/sharedStrings.xml")) == _texts(read_member(gen, "xl/sharedStrings.xml"))
    assert b' t="s"' in _capaian_xml(output)
    values = python_calamine.load_workbook(io.BytesIO(output)).get_sheet_by_name("Capaian").to_python()
    assert "Indikator" in [v for row in values for v in row]


def test_styles_are_appended_not_renumbered(gen):
    original = original_xlsxwriter()
    output = splice(original, gen, tool_version=VERSION)
    old = etree.fromstring(read_member(original, "xl/styles.xml"))
    new = etree.fromstring(read_member(output, "xl/styles.xml"))
    for container in ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs"):
        old_items = [etree.tostring(e) for e in old.find(f"m:{container}", NS)]
        new_el = new.find(f"m:{container}", NS)
        new_items = [etree.tostring(e) for e in new_el]
        assert new_items[: len(old_items)] == old_items, container
        assert new_el.get("count") == str(len(new_items))
    fills = new.find("m:fills", NS)
    assert [f.find("m:patternFill", NS).get("patternType") for f in fills][:2] == ["none", "gray125"]
    # Custom number formats: reuse by code, new ids above every id in use (dxfs too).
    old_ids = {int(e.get("numFmtId")) for e in old.iter("{%s}numFmt" % NS["m"])}
    codes = {}
    for nf in new.find("m:numFmts", NS):
        codes.setdefault(nf.get("formatCode"), []).append(int(nf.get("numFmtId")))
    assert all(len(ids) == 1 for ids in codes.values())
    added = {int(e.get("numFmtId")) for e in new.iter("{%s}numFmt" % NS["m"])} - old_ids
    assert added and min(added) > max(old_ids)


def test_reserved_fills_are_mapped_not_appended(gen):
    """openpyxl writes fill 0 as <patternFill/>: the generated 'none' fill still maps to 0."""
    original = original_openpyxl()
    output = splice(original, gen, tool_version=VERSION)
    fills = etree.fromstring(read_member(output, "xl/styles.xml")).find("m:fills", NS)
    old = len(etree.fromstring(read_member(original, "xl/styles.xml")).find("m:fills", NS))
    added = [f.find("m:patternFill", NS).get("patternType") for f in fills][old:]
    assert added == ["solid"]  # only the header fill; never a second "none" or "gray125"


def test_hyperlink_named_style_is_added_when_missing_and_reused_when_present(gen):
    original = original_openpyxl()  # openpyxl writes no Hyperlink cell style
    assert b'builtinId="8"' not in read_member(original, "xl/styles.xml")
    output = splice(original, gen, tool_version=VERSION)
    styles = etree.fromstring(read_member(output, "xl/styles.xml"))
    links = [s for s in styles.find("m:cellStyles", NS) if s.get("builtinId") == "8"]
    assert len(links) == 1
    xf_id = links[0].get("xfId")
    parts = {r.id: r.part for r in rels_of(output, "xl/workbook.xml")}
    r_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    capaian = [el for el in workbook_xml(output).iterfind(".//m:sheet", NS) if el.get("name") == "Capaian"][0]
    sheet_xml = etree.fromstring(read_member(output, parts[capaian.get(r_id)]))
    cell = sheet_xml.find(".//m:c[@r='F2']", NS)
    xf = styles.find("m:cellXfs", NS)[int(cell.get("s"))]
    assert xf.get("xfId") == xf_id
    assert openpyxl.load_workbook(io.BytesIO(output))["Capaian"]["F2"].style == "Hyperlink"
    again = splice(output, gen, tool_version=VERSION)
    assert read_member(again, "xl/styles.xml") == read_member(output, "xl/styles.xml")
    # A workbook that already has the style keeps a single Hyperlink entry.
    with_link = splice(original_xlsxwriter(), gen, tool_version=VERSION)
    styles = etree.fromstring(read_member(with_link, "xl/styles.xml"))
    assert len([s for s in styles.find("m:cellStyles", NS) if s.get("builtinId") == "8"]) == 1


def test_tab_selected_is_stripped_from_tool_sheets(case):
    _, _, output = case
    pkg_rels = {r.id: r.part for r in rels_of(output, "xl/workbook.xml")}
    root = workbook_xml(output)
    r_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    for el in root.iterfind(".//m:sheet", NS):
        if el.get("name") in ("Capaian", "Pemeriksaan"):
            assert b"tabSelected" not in read_member(output, pkg_rels[el.get(r_id)])


# -- workbook.xml ------------------------------------------------------------------------------


def test_markers_and_scoped_names_are_written_once(case, gen):
    _, _, output = case
    names = defined_names(output)
    assert (TOOL_MARKER, None, '"Capaian|Pemeriksaan"') in names
    assert (VERSION_MARKER, None, f'"{VERSION}"') in names
    sheets = [el.get("name") for el in workbook_xml(output).iterfind(".//m:sheet", NS)]
    capaian = str(sheets.index("Capaian"))
    assert ("_xlnm.Print_Titles", capaian, "Capaian!$1:$1") in names
    assert ("_xlnm._FilterDatabase", capaian, "Capaian!$A$1:$E$6") in names
    rerun = splice(splice(output, generated(extra_string="x"), tool_version="2"), gen, tool_version=VERSION)
    keys = [(n, s) for n, s, _ in defined_names(rerun)]
    assert len(keys) == len(set(keys))
    info = inspect_package(rerun)
    assert info.owned_sheets == ["Capaian", "Pemeriksaan"] and info.tool_version == VERSION


def test_workbook_xml_keeps_schema_order_and_full_calc_on_load(case):
    _, _, output = case
    order = [etree.QName(el).localname for el in workbook_xml(output)]
    assert order.index("sheets") < order.index("definedNames") < order.index("calcPr")
    calc = workbook_xml(output).find("m:calcPr", NS)
    assert calc.get("fullCalcOnLoad") == "1"
    assert read_member(output, "xl/workbook.xml").startswith(
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    )


def test_calc_pr_created_at_its_place_and_user_calc_pr_kept():
    original = rewrite(original_xlsxwriter(), {"xl/workbook.xml": lambda b: re.sub(rb"<calcPr[^>]*/>", b"", b)})
    assert b"calcPr" not in read_member(original, "xl/workbook.xml")
    output = splice(original, generated(), tool_version=VERSION)
    order = [etree.QName(el).localname for el in workbook_xml(output)]
    assert order[-2:] == ["definedNames", "calcPr"]
    kept = splice(original_xlsxwriter(), generated(), tool_version=VERSION)
    assert workbook_xml(kept).find("m:calcPr", NS).get("calcId") == "124519"


def test_new_ids_are_max_plus_one_and_first_free_rid(gen):
    original = original_xlsxwriter()
    output = splice(original, gen, tool_version=VERSION)
    before = workbook_xml(original).findall(".//m:sheet", NS)
    after = workbook_xml(output).findall(".//m:sheet", NS)
    top = max(int(s.get("sheetId")) for s in before)
    assert [int(s.get("sheetId")) for s in after[-2:]] == [top + 1, top + 2]
    old_ids = {r.id for r in rels_of(original, "xl/workbook.xml")}
    new_ids = [r.id for r in rels_of(output, "xl/workbook.xml") if r.id not in old_ids]
    expected, n = [], 1
    while len(expected) < len(new_ids):
        if f"rId{n}" not in old_ids:
            expected.append(f"rId{n}")
        n += 1
    assert new_ids == expected


def test_part_numbers_allocated_case_insensitively(gen):
    """A user part named Sheet3.xml (capital S) must not get a sheet3.xml twin."""
    original = original_xlsxwriter(sheets=("PK", "Lain", "Tiga"))
    renamed = rewrite(
        original,
        {
            "[Content_Types].xml": lambda b: b.replace(b"/xl/worksheets/sheet3.xml", b"/xl/worksheets/Sheet3.xml"),
            "xl/_rels/workbook.xml.rels": lambda b: b.replace(b"worksheets/sheet3.xml", b"worksheets/Sheet3.xml"),
        },
    )
    renamed = rewrite(renamed, {}, add=[("xl/worksheets/Sheet3.xml", read_member(original, "xl/worksheets/sheet3.xml"))],
                      drop=["xl/worksheets/sheet3.xml"])
    assert check_package(renamed) == []
    output = splice(renamed, gen, tool_version=VERSION)
    names = [n.lower() for n in zipfile.ZipFile(io.BytesIO(output)).namelist()]
    assert len(names) == len(set(names))
    assert "xl/worksheets/sheet4.xml" in names and "xl/drawings/drawing2.xml" in names
    assert check_package(output) == []


def test_stale_override_name_is_not_reused(gen):
    """An Override left for a part that is not in the zip still claims its name."""
    original = rewrite(original_xlsxwriter(), {"[Content_Types].xml": lambda b: b.replace(
        b"</Types>", b'<Override PartName="/xl/worksheets/sheet3.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')})
    output = splice(original, gen, tool_version=VERSION)
    assert [p for p in check_package(output) if "duplicate" in p] == []
    assert "xl/worksheets/sheet3.xml" not in zipfile.ZipFile(io.BytesIO(output)).namelist()


def test_active_tab_moves_off_a_tool_sheet(gen):
    first = splice(original_xlsxwriter(), gen, tool_version=VERSION)
    # The user saved while looking at Capaian (position 2).
    viewed = rewrite(first, {"xl/workbook.xml": lambda b: b.replace(b'windowHeight="9660"', b'windowHeight="9660" activeTab="2"')})
    output = splice(viewed, gen, tool_version=VERSION)
    view = workbook_xml(output).find(".//m:workbookView", NS)
    assert view.get("activeTab") == "0"
    original = original_xlsxwriter(activate="Lain")
    output = splice(original, gen, tool_version=VERSION)
    assert workbook_xml(output).find(".//m:workbookView", NS).get("activeTab") == "1"


def test_removed_tool_sheet_goes_with_its_parts_and_names():
    # The user adds a sheet after the tool's sheets, with its own print area.
    first = splice(original_xlsxwriter(), generated(), tool_version=VERSION)
    catatan = original_xlsxwriter(sheets=("Catatan",))
    sheet_xml = read_member(catatan, "xl/worksheets/sheet1.xml")

    def add_sheet(wb: bytes) -> bytes:
        wb = wb.replace(b"</sheets>", b'<sheet name="Catatan" sheetId="9" r:id="rId99"/></sheets>')
        return wb.replace(b"</definedNames>",
                          b'<definedName name="_xlnm.Print_Area" localSheetId="4">Catatan!$A$1:$B$2</definedName>'
                          b"</definedNames>")

    edited = rewrite(
        first,
        {
            "xl/workbook.xml": add_sheet,
            "xl/_rels/workbook.xml.rels": lambda b: b.replace(
                b"</Relationships>",
                b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                b'relationships/worksheet" Target="worksheets/catatan.xml"/></Relationships>'),
            "[Content_Types].xml": lambda b: b.replace(
                b"</Types>",
                b'<Override PartName="/xl/worksheets/catatan.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        },
        add=[("xl/worksheets/catatan.xml", sheet_xml)],
    )
    assert check_package(edited) == []
    output = splice(edited, generated(sheets=("Capaian",)), tool_version=VERSION)
    assert check_package(output) == []
    assert unreachable_parts(output) == []
    info = inspect_package(output)
    assert info.sheet_names == ["PK", "Lain", "Capaian", "Catatan"]
    assert info.owned_sheets == ["Capaian"]
    names = defined_names(output)
    assert ("_xlnm.Print_Area", "3", "Catatan!$A$1:$B$2") in names
    assert not any("Pemeriksaan" in (text or "") for _, _, text in names)
    before = set(zipfile.ZipFile(io.BytesIO(edited)).namelist())
    after = set(zipfile.ZipFile(io.BytesIO(output)).namelist())
    # Pemeriksaan's sheet, drawing and chart (and their rels) are gone, nothing else.
    gone = before - after
    assert len(gone) == 5 and any("chart" in g for g in gone)
    assert "xl/worksheets/catatan.xml" in after
    ct = read_member(output, "[Content_Types].xml").decode()
    for g in gone:
        assert f'"/{g}"' not in ct
    compared, problems = untouched_differences(edited, output)
    tool_parts = {"xl/worksheets/sheet3.xml", "xl/worksheets/_rels/sheet3.xml.rels", "xl/drawings/drawing2.xml",
                  "xl/drawings/_rels/drawing2.xml.rels", "xl/charts/chart2.xml"}
    assert [p for p in problems if p.split()[0] not in tool_parts | gone] == []


def test_part_shared_with_a_user_sheet_survives_removal_of_the_tool_sheet():
    """Excel stores an image pasted on two sheets once: if the user's drawing now uses
    the tool's image, removing or replacing the tool sheet must keep it."""
    first = splice(original_xlsxwriter(), generated(), tool_version=VERSION)
    tool_images = [r.part for r in rels_of(first, "xl/drawings/drawing2.xml") if r.kind == "image"]
    assert tool_images == ["xl/media/image2.png"]
    shared = rewrite(first, {"xl/drawings/_rels/drawing1.xml.rels": lambda b: b.replace(b"image1.png", b"image2.png")},
                     drop=["xl/media/image1.png"])
    assert check_package(shared) == []
    output = splice(shared, generated(sheets=("Pemeriksaan",)), tool_version=VERSION)
    assert check_package(output) == []
    assert read_member(output, "xl/media/image2.png") == read_member(shared, "xl/media/image2.png")
    drawings = [n for n in zipfile.ZipFile(io.BytesIO(output)).namelist() if re.fullmatch(r"xl/drawings/drawing\d+\.xml", n)]
    assert len(drawings) == 2  # the user's and Pemeriksaan's: Capaian's went with it
    users = [r.part for d in drawings for r in rels_of(output, d) if r.kind == "image"]
    assert users == ["xl/media/image2.png"]
    assert unreachable_parts(output) == []


def test_tool_sheet_moved_by_the_user_is_replaced_in_place(gen):
    first = splice(original_xlsxwriter(), gen, tool_version=VERSION)
    # Move Capaian to the front: positions shift, print titles must follow.
    def move(b: bytes) -> bytes:
        m = re.search(rb'<sheet name="Capaian"[^>]*/>', b)
        b = b[: m.start()] + b[m.end():]
        b = b.replace(b"<sheets>", b"<sheets>" + m.group(0))
        b = re.sub(rb'localSheetId="2"', b'localSheetId="X"', b)
        b = re.sub(rb'(name="_xlnm.Print_Area" )localSheetId="0"', rb'\1localSheetId="1"', b)
        return b.replace(b'localSheetId="X"', b'localSheetId="0"')
    moved = rewrite(first, {"xl/workbook.xml": move})
    assert check_package(moved) == []
    output = splice(moved, gen, tool_version=VERSION)
    assert inspect_package(output).sheet_names == ["Capaian", "PK", "Lain", "Pemeriksaan"]
    names = defined_names(output)
    assert ("_xlnm.Print_Titles", "0", "Capaian!$1:$1") in names
    assert ("_xlnm.Print_Area", "1", "PK!$A$1:$C$6") in names
    assert workbook_xml(output).find(".//m:workbookView", NS).get("activeTab") == "1"
    assert check_package(output) == []


def test_conflict_with_a_user_sheet_raises_indonesian_output_error(gen):
    original = original_xlsxwriter(sheets=("PK", "capaian"))
    with pytest.raises(OutputError) as err:
        splice(original, gen, tool_version=VERSION)
    message = err.value.message
    assert '"capaian"' in message and "sakip-xl" in message
    assert "sudah ada" in message and "Ganti nama" in message


def test_xlsm_keeps_macro_content_type_and_vba_project(gen):
    vba = b"VBA-PROJECT-BYTES" * 64
    original = original_xlsxwriter(vba=vba)
    output = splice(original, gen, tool_version=VERSION)
    ct = read_member(output, "[Content_Types].xml").decode()
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in ct
    assert "spreadsheetml.sheet.main+xml" not in ct
    assert read_member(output, "xl/vbaProject.bin") == vba
    assert inspect_package(output).is_xlsm is True
    assert inspect_package(original_xlsxwriter()).is_xlsm is False


def test_calc_chain_is_dropped_with_its_override_and_relationship(gen):
    chain = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="'
             b'http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B7" i="1"/></calcChain>')
    original = rewrite(
        original_xlsxwriter(),
        {
            "[Content_Types].xml": lambda b: b.replace(
                b"</Types>", b'<Override PartName="/xl/calcChain.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>'),
            "xl/_rels/workbook.xml.rels": lambda b: b.replace(
                b"</Relationships>", b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/'
                b'officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>'),
        },
        add=[("xl/calcChain.xml", chain)],
    )
    assert check_package(original) == []
    output = splice(original, gen, tool_version=VERSION)
    assert "xl/calcChain.xml" not in zipfile.ZipFile(io.BytesIO(output)).namelist()
    assert b"calcChain" not in read_member(output, "[Content_Types].xml")
    assert b"calcChain" not in read_member(output, "xl/_rels/workbook.xml.rels")
    assert check_package(output) == []


def test_generated_chartsheet_is_spliced(gen):
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("Capaian")
    ws.write_column("A1", [1, 2, 3])
    cs = wb.add_chartsheet("Grafik")
    chart = wb.add_chart({"type": "bar"})
    chart.add_series({"values": "=Capaian!$A$1:$A$3"})
    cs.set_chart(chart)
    cs.activate()
    wb.close()
    output = splice(original_xlsxwriter(), buf.getvalue(), tool_version=VERSION)
    assert check_package(output) == []
    assert inspect_package(output).sheet_names[-2:] == ["Capaian", "Grafik"]
    ct = read_member(output, "[Content_Types].xml").decode()
    assert "spreadsheetml.chartsheet+xml" in ct
    assert splice(output, buf.getvalue(), tool_version=VERSION) == output


def test_generated_tables_are_refused_as_a_programming_error():
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.add_worksheet("Capaian").add_table("A1:B3")
    wb.close()
    with pytest.raises(ValueError):
        splice(original_xlsxwriter(), buf.getvalue(), tool_version=VERSION)


# -- inspect_package and the marker ------------------------------------------------------------


def test_inspect_package_reports_font_dates_and_macros():
    info = inspect_package(original_xlsxwriter(font=("Arial", 10), date_1904=True))
    assert info.default_font == ("Arial", 10.0)
    assert info.date1904 is True
    assert info.sheet_names == ["PK", "Lain"]
    assert info.owned_sheets == [] and info.tool_version is None
    plain = inspect_package(original_openpyxl())
    assert plain.date1904 is False and plain.default_font == ("Calibri", 11.0)
    assert inspect_package(original_without_styles()).default_font == ("Calibri", 11.0)


@pytest.mark.parametrize("names", [["Capaian", "Pemeriksaan"], ['Kata "kutip"', "Pipa|nama", "O'Brien"], ["x" * 31] * 12])
def test_marker_value_round_trips(names):
    value = string_constant(encode_names(names))
    assert all(len(chunk) <= 257 for chunk in value.split("&"))
    assert decode_names(parse_string_constant(value)) == names


def test_marker_with_unparseable_value_means_nothing_is_owned(gen):
    original = rewrite(
        original_xlsxwriter(sheets=("PK", "Capaian")),
        {"xl/workbook.xml": lambda b: b.replace(b"</definedNames>", b'<definedName name="_sakip_xl_sheets" '
                                                b'hidden="1">Capaian!A1</definedName></definedNames>')},
    )
    assert inspect_package(original).owned_sheets == []
    with pytest.raises(OutputError):
        splice(original, gen, tool_version=VERSION)


# -- refusals ----------------------------------------------------------------------------------


def _strict(data: bytes) -> bytes:
    strict = {
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": b"http://purl.oclc.org/ooxml/spreadsheetml/main",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
            b"http://purl.oclc.org/ooxml/officeDocument/relationships",
    }

    def swap(b: bytes) -> bytes:
        for a, s in strict.items():
            b = b.replace(a, s)
        return b

    return rewrite(data, {"_rels/.rels": swap, "xl/workbook.xml": swap, "xl/_rels/workbook.xml.rels": swap})


BOMB = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;'
        b'&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="x" '
        b'ContentType="&lol3;"/></Types>')
EXTERNAL = (b'<?xml version="1.0"?>\n<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&x;</workbook>')


def _huge_declared(data: bytes) -> bytes:
    """Patch the central directory so one member claims 3 GiB uncompressed."""
    buf = bytearray(data)
    pos = buf.index(b"PK\x01\x02")
    buf[pos + 24 : pos + 28] = (3 * 1024**3).to_bytes(4, "little")
    return bytes(buf)


def _ratio_bomb() -> bytes:
    base = original_xlsxwriter()
    return rewrite(base, {}, add=[("xl/media/zeros.bin", b"\0" * (60 * 1024**2))])


REFUSALS = {
    "text file": (lambda: b"Nama,Target\nA,1\n", "bukan file Excel .xlsx"),
    "empty": (lambda: b"", "kosong"),
    "truncated zip": (lambda: original_xlsxwriter()[:3000], "rusak atau terpotong"),
    "legacy xls": (lambda: bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600 + "Workbook".encode("utf-16-le"),
                   "Excel lama (.xls"),
    "encrypted": (lambda: bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600
                  + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64, "dilindungi kata sandi"),
    "strict": (lambda: _strict(original_xlsxwriter()), "Strict"),
    "entity bomb": (lambda: rewrite(original_xlsxwriter(), {"[Content_Types].xml": BOMB}), "demi keamanan"),
    "external entity": (lambda: rewrite(original_xlsxwriter(), {"xl/workbook.xml": EXTERNAL}), "demi keamanan"),
    "huge declared size": (lambda: _huge_declared(original_xlsxwriter()), "2 GiB"),
    "compression ratio": (_ratio_bomb, "memuai"),
    "duplicate member": (lambda: make_zip([("[Content_Types].xml", b"<a/>"), ("xl/workbook.xml", b"<a/>"),
                                           ("xl/workbook.xml", b"<b/>")]), "lebih dari sekali"),
    "zip without workbook": (lambda: make_zip([("[Content_Types].xml", read_member(original_xlsxwriter(),
                                                                                     "[Content_Types].xml"))]),
                             "bukan buku kerja Excel"),
    "zip without content types": (lambda: make_zip([("xl/workbook.xml", b"<workbook/>")]), "[Content_Types].xml"),
    "xlsb": (lambda: rewrite(original_xlsxwriter(), {"[Content_Types].xml": lambda b: b.replace(
        b"spreadsheetml.sheet.main+xml", b"spreadsheetml.sheet.binary.macroEnabled.main")}), ".xlsb"),
}


@pytest.mark.parametrize("kind", sorted(REFUSALS))
def test_check_container_refuses_with_an_indonesian_message(kind):
    make, words = REFUSALS[kind]
    data = make()
    with pytest.raises(InputFileError) as err:
        check_container(data)
    assert words in err.value.message
    assert "jalankan" in err.value.message or "Pilih" in err.value.message or "periksa" in err.value.message \
        or "simpan" in err.value.message.lower() or "Pastikan" in err.value.message
    with pytest.raises(InputFileError):
        splice(data, generated(sheets=("Capaian",)), tool_version=VERSION)
    with pytest.raises(InputFileError):
        inspect_package(data)


def test_entity_bomb_is_refused_quickly_without_expansion():
    data = rewrite(original_xlsxwriter(), {"xl/workbook.xml": BOMB.replace(b"Types", b"workbook")})
    start = time.perf_counter()
    with pytest.raises(InputFileError):
        check_container(data)
    assert time.perf_counter() - start < 1


def test_check_container_accepts_real_workbooks():
    for make in ORIGINALS.values():
        check_container(make())


# -- cost --------------------------------------------------------------------------------------


def test_user_sheets_are_never_decompressed(monkeypatch, gen):
    original = original_xlsxwriter(sheets=("PK", "Lain", "Data"))
    read: list[str] = []
    real = zipio.ZipArchive.read

    def spy(self, member):
        if self.data is original:
            read.append(member.name)
        return real(self, member)

    monkeypatch.setattr(zipio.ZipArchive, "read", spy)
    splice(original, gen, tool_version=VERSION)
    touched = set(read)
    assert "xl/workbook.xml" in touched  # the spy works
    assert not any(n.startswith("xl/worksheets/sheet") for n in touched), touched
    assert not any(n.startswith(("xl/media/", "xl/charts/", "xl/drawings/drawing")) for n in touched)


def _big_original(rows: int = 100_000, cols: int = 18) -> bytes:
    """One sheet of rows x cols numbers (55 MB of XML); the sheet XML is written
    directly, which is several times faster than xlsxwriter for this size."""
    letters = [chr(65 + c) for c in range(cols)]
    body = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{x}{r}"><v>{r + i}</v></c>' for i, x in enumerate(letters)) + "</row>"
        for r in range(1, rows + 1)
    )
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="'
        'http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + body + "</sheetData></worksheet>"
    ).encode()
    small = original_xlsxwriter(sheets=("PK",))
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(small)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED,
                                                                      compresslevel=1) as dst:
        for info in src.infolist():
            data = sheet if info.filename == "xl/worksheets/sheet1.xml" else src.read(info)
            dst.writestr(info.filename, data)
    return buf.getvalue()


def test_splice_of_a_100k_row_workbook_takes_well_under_a_second(gen):
    original = _big_original()
    assert len(read_member(original, "xl/worksheets/sheet1.xml")) > 50_000_000
    splice(original, gen, tool_version=VERSION)  # warm up imports and caches
    start = time.perf_counter()
    output = splice(original, gen, tool_version=VERSION)
    elapsed = time.perf_counter() - start
    assert elapsed < 0.5, elapsed
    assert untouched_differences(original, output)[1] == []


# -- LibreOffice ----------------------------------------------------------------------------------


def _soffice() -> str:
    exe = shutil.which("soffice")
    if exe is None:
        if os.environ.get("CI") == "true":
            pytest.fail("soffice is required in CI (LibreOffice headless)")
        pytest.skip("soffice not installed")
    return exe


def _convert(exe: str, src, outdir, profile) -> None:
    subprocess.run(
        [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(outdir), str(src)],
        check=True, capture_output=True, timeout=180,
    )


@pytest.mark.libreoffice
def test_libreoffice_made_original_and_output_open_in_libreoffice(tmp_path, gen):
    exe = _soffice()
    profile = tmp_path / "profile"
    (tmp_path / "src").mkdir()
    (tmp_path / "lo").mkdir()
    (tmp_path / "out").mkdir()
    src = tmp_path / "src" / "asli.xlsx"
    src.write_bytes(original_openpyxl())
    _convert(exe, src, tmp_path / "lo", profile)
    lo_original = (tmp_path / "lo" / "asli.xlsx").read_bytes()
    output = splice(lo_original, gen, tool_version=VERSION)
    assert untouched_differences(lo_original, output)[1] == []
    assert check_package(output) == []
    assert splice(output, gen, tool_version=VERSION) == output
    spliced = tmp_path / "src" / "hasil.xlsx"
    spliced.write_bytes(output)
    _convert(exe, spliced, tmp_path / "out", profile)
    result = tmp_path / "out" / "hasil.xlsx"
    assert result.exists() and result.stat().st_size > 0  # soffice exits 0 even when it fails
    assert "Capaian" in openpyxl.load_workbook(result).sheetnames


# -- properties ----------------------------------------------------------------------------------

_NAME_CHARS = st.sampled_from(list("AbZz09 _-.,'\"&<>|%#!()+=;@~éÜ中ß") + ["\u00a0"])
_SHEET_NAME = st.text(_NAME_CHARS, min_size=1, max_size=31).filter(
    lambda n: sheet_name_problem(n) is None and n.strip() == n and n.strip()
)


def _simple_workbook(names, formula_target=None) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    pct = wb.add_format({"num_format": "0.00%", "bold": True})
    for i, name in enumerate(names):
        ws = wb.add_worksheet(name)
        ws.write_string(0, 0, f"Nilai {name}")
        ws.write_number(1, 0, i / 7, pct)
        if formula_target is not None:
            quoted = "'" + formula_target.replace("'", "''") + "'"
            ws.write_formula(2, 0, f"={quoted}!B2*2", pct, 0.5)
            ws.repeat_rows(0)
    wb.close()
    return buf.getvalue()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    user=st.lists(_SHEET_NAME, min_size=1, max_size=3, unique_by=str.casefold),
    tool=st.lists(_SHEET_NAME, min_size=1, max_size=3, unique_by=str.casefold),
    keep=st.integers(min_value=0, max_value=3),
)
def test_any_valid_sheet_names_splice_cleanly(user, tool, keep):
    tool = [t for t in tool if t.casefold() not in {u.casefold() for u in user}]
    tool = [t for t in tool if not is_input_sheet_name(t)]   # the tool never owns an input sheet's name
    if not tool:
        return
    original = _simple_workbook(user)
    gen_full = _simple_workbook(tool, formula_target=user[0])
    output = splice(original, gen_full, tool_version='v"1"', protected=is_input_sheet_name)
    assert check_package(output) == []
    info = inspect_package(output, protected=is_input_sheet_name)
    assert info.sheet_names == user + tool
    assert info.owned_sheets == tool and info.tool_version == 'v"1"'
    assert splice(output, gen_full, tool_version='v"1"', protected=is_input_sheet_name) == output
    assert python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(output)).sheet_names == user + tool
    # Re-run with fewer tool sheets: the others go, positions and names stay valid.
    fewer = tool[: max(1, min(keep, len(tool)))]
    again = splice(output, _simple_workbook(fewer, formula_target=user[0]), tool_version="2", protected=is_input_sheet_name)
    assert check_package(again) == []
    assert inspect_package(again).sheet_names == user + fewer
    assert unreachable_parts(again) == []


class _Unseekable(io.RawIOBase):
    """A write-only stream: zipfile then writes data descriptors (flag bit 3)."""

    def __init__(self):
        self.buf = bytearray()

    def writable(self):
        return True

    def write(self, b):
        self.buf += b
        return len(b)


def _rezip(data: bytes, how: str) -> bytes:
    items = zipfile.ZipFile(io.BytesIO(data)).infolist()
    src = zipfile.ZipFile(io.BytesIO(data))
    if how == "data-descriptors":
        sink = _Unseekable()
        with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as z:
            for info in items:
                z.writestr(info.filename, src.read(info))
        return bytes(sink.buf)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED if how == "stored" else zipfile.ZIP_DEFLATED) as z:
        for info in items:
            if how == "zip64":
                with z.open(info.filename, "w", force_zip64=True) as f:
                    f.write(src.read(info))
            else:
                z.writestr(info.filename, src.read(info))
        if how == "comment":
            z.comment = b"dibuat oleh pengguna"
    return buf.getvalue()


@pytest.mark.parametrize("how", ["data-descriptors", "zip64", "stored", "comment"])
def test_zip_variants_are_read_and_copied_raw(how, gen):
    original = _rezip(original_xlsxwriter(), how)
    output = splice(original, gen, tool_version=VERSION)
    assert zipfile.ZipFile(io.BytesIO(output)).testzip() is None
    assert untouched_differences(original, output)[1] == []
    assert check_package(output) == []
    assert splice(output, gen, tool_version=VERSION) == output
    if how == "comment":
        assert zipfile.ZipFile(io.BytesIO(output)).comment == b"dibuat oleh pengguna"
    if how == "data-descriptors":
        assert any(i.flag_bits & 8 for i in zipfile.ZipFile(io.BytesIO(original)).infolist())


def test_sheets_compressed_while_the_next_is_rewritten_give_the_same_bytes(gen, monkeypatch):
    from sakip_xl.xlsx import splice as splice_module

    original = original_xlsxwriter()
    monkeypatch.setattr(splice_module, "_EARLY_BYTES", 1 << 40)
    later = splice(original, gen, tool_version=VERSION)
    monkeypatch.setattr(splice_module, "_EARLY_BYTES", 0)
    calls = []
    real = splice_module._deflated
    monkeypatch.setattr(splice_module, "_deflated", lambda data: calls.append(len(data)) or real(data))
    early = splice(original, gen, tool_version=VERSION)
    assert calls and early == later
