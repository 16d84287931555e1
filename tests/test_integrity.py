"""The package integrity checker finds each kind of breakage it claims to find."""
from __future__ import annotations

import re

import pytest

from sakip_xl.xlsx.integrity import check_package, sheet_name_problem
from sakip_xl.xlsx.splice import splice
from support.splice_fixtures import (
    generated,
    make_zip,
    members,
    original_openpyxl,
    original_prefixed,
    original_without_styles,
    original_xlsxwriter,
    rewrite,
)


@pytest.fixture(scope="module")
def base() -> bytes:
    """A valid spliced workbook: user sheets PK, Lain; tool sheets Capaian, Pemeriksaan."""
    return splice(original_xlsxwriter(), generated(), tool_version="1")


def sub(pattern: bytes, repl: bytes, count: int = 1):
    def edit(data: bytes) -> bytes:
        new, n = re.subn(pattern, repl, data, count=count)
        assert n, f"pattern {pattern!r} not found"
        return new

    return edit


@pytest.mark.parametrize(
    "make",
    [original_xlsxwriter, original_openpyxl, original_prefixed, original_without_styles,
     lambda: splice(original_openpyxl(), generated(), tool_version="1")],
)
def test_valid_packages_have_no_problems(make):
    assert check_package(make()) == []


WB = "xl/workbook.xml"
SHEET = "xl/worksheets/sheet1.xml"
STYLES = "xl/styles.xml"

BREAKAGES = {
    "relationship target missing": (dict(drop=["xl/theme/theme1.xml"]), "targets missing part xl/theme/theme1.xml"),
    "part without content type": (dict(add=[("xl/extra.foo", b"x")]), "no content type for xl/extra.foo"),
    "override for missing part": (
        {"[Content_Types].xml": sub(b"</Types>", b'<Override PartName="/xl/gone.xml" ContentType="a/b"/></Types>')},
        "override for missing part /xl/gone.xml"),
    "duplicate override": (
        {"[Content_Types].xml": sub(b"</Types>", b'<Override PartName="/xl/Workbook.xml" ContentType="a/b"/></Types>')},
        "duplicate content type override /xl/workbook.xml"),
    "duplicate zip member": (dict(add=[("xl/Workbook.xml", b"<x/>")]), "duplicate zip member xl/workbook.xml"),
    "duplicate relationship id": ({"xl/_rels/workbook.xml.rels": sub(b'Id="rId2"', b'Id="rId1"')},
                                  "duplicate relationship id rId1"),
    "duplicate sheetId": ({WB: sub(b'sheetId="2"', b'sheetId="1"')}, "duplicate sheetId 1"),
    "duplicate sheet name ignoring case": ({WB: sub(b'name="Lain"', b'name="pk"')}, "duplicate sheet name 'pk'"),
    "sheet name with bracket": ({WB: sub(b'name="Lain"', b'name="Lain[2]"')}, "contains '[]'"),
    "sheet name History": ({WB: sub(b'name="Lain"', b'name="History"')}, "reserved name History"),
    "sheet name too long": ({WB: sub(b'name="Lain"', b'name="' + b"L" * 32 + b'"')}, "longer than 31"),
    "sheet name quoted": ({WB: sub(b'name="Lain"', b'name="\'Lain"')}, "apostrophe"),
    "workbook rId unresolved": ({WB: sub(b'r:id="rId2"', b'r:id="rId77"')}, "r:id=rId77 does not resolve"),
    "cell style out of range": ({SHEET: sub(rb'<c r="A1" s="\d+"', b'<c r="A1" s="999"')}, "bad s reference"),
    "row style out of range": ({SHEET: sub(rb'<row r="2"', b'<row r="2" s="999" customFormat="1"')},
                               "bad row reference"),
    "dxfId out of range": ({SHEET: sub(rb'dxfId="\d+"', b'dxfId="42"')}, "dxfId=42"),
    "numFmtId undefined": ({STYLES: sub(rb'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
                                        b'<xf numFmtId="199" fontId="0" fillId="0" borderId="0" xfId="0"/>')},
                           "numFmtId 199 is not defined"),
    "fontId out of range": ({STYLES: sub(rb'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
                                         b'<xf numFmtId="0" fontId="77" fillId="0" borderId="0" xfId="0"/>')},
                            "fontId 77"),
    "cellXfs xfId out of range": ({STYLES: sub(rb'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
                                               b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="5"/>')},
                                  "xfId 5 >="),
    "cell style xfId dangling": ({STYLES: sub(rb'<cellStyle name="Normal" xfId="0"',
                                              b'<cellStyle name="Normal" xfId="9"')}, "cellStyle 'Normal' xfId 9"),
    "shared string index out of range": ({SHEET: sub(rb'(<c r="A1"[^>]*t="s"[^>]*><v>)\d+', rb"\g<1>4000")},
                                         "string index 4000"),
    "uniqueCount wrong": ({"xl/sharedStrings.xml": sub(rb'uniqueCount="\d+"', b'uniqueCount="3"')},
                          "uniqueCount 3 but"),
    "localSheetId out of range": ({WB: sub(rb'localSheetId="0"', b'localSheetId="9"')}, "localSheetId 9 >= 4"),
    "duplicate defined name in scope": (
        {WB: sub(b"</definedNames>", b'<definedName name="targettotal">1</definedName></definedNames>')},
        "duplicate defined name targettotal in scope None"),
    "activeTab out of range": ({WB: sub(b'windowHeight="9660"', b'windowHeight="9660" activeTab="7"')},
                               "activeTab 7"),
}


@pytest.mark.parametrize("kind", sorted(BREAKAGES))
def test_each_rule_finds_its_breakage(base, kind):
    spec, expected = BREAKAGES[kind]
    spec = dict(spec)
    add, drop = spec.pop("add", ()), spec.pop("drop", ())
    broken = rewrite(base, spec, add=add, drop=drop)
    problems = check_package(broken)
    assert any(expected in p for p in problems), problems


def test_calc_chain_pointing_at_a_missing_sheet(base):
    chain = (b'<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             b'<c r="A1" i="1"/><c r="A2"/><c r="B1" i="42"/></calcChain>')
    good_chain = chain.replace(b'i="42"', b'i="2"')

    def with_chain(body: bytes) -> bytes:
        return rewrite(
            base,
            {
                "[Content_Types].xml": sub(b"</Types>", b'<Override PartName="/xl/calcChain.xml" ContentType="'
                                           b'application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain'
                                           b'+xml"/></Types>'),
                "xl/_rels/workbook.xml.rels": sub(b"</Relationships>", b'<Relationship Id="rId50" Type="http://'
                                                  b"schemas.openxmlformats.org/officeDocument/2006/relationships/"
                                                  b'calcChain" Target="calcChain.xml"/></Relationships>'),
            },
            add=[("xl/calcChain.xml", body)],
        )

    assert check_package(with_chain(good_chain)) == []
    problems = check_package(with_chain(chain))
    assert any("calcChain entry B1 points at missing sheetId 42" in p for p in problems), problems


def test_broken_zip_is_a_problem_not_an_exception(base):
    assert check_package(base[: len(base) // 2])[0].startswith("zip:")
    assert check_package(make_zip([("a.txt", b"x")])) == ["missing [Content_Types].xml"]


def test_fixture_edits_apply_to_the_base(base):
    # Guard against a silently stale fixture: the members edited above exist.
    names = {n for n, _ in members(base)}
    assert {WB, SHEET, STYLES, "xl/sharedStrings.xml", "xl/theme/theme1.xml"} <= names


@pytest.mark.parametrize(
    "name, ok",
    [("PK", True), ("Capaian Kinerja 2024", True), ("O'Brien", True), ("a" * 31, True), ("a" * 32, False),
     ("", False), ("A/B", False), ("A\\B", False), ("A?", False), ("A*", False), ("A:B", False),
     ("[x]", False), ("'x", False), ("x'", False), ("history", False), ("Histori", True)],
)
def test_sheet_name_rules(name, ok):
    assert (sheet_name_problem(name) is None) is ok
