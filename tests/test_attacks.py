"""Issue 16 (items 5, 6, 7, 9, 10, 11): damaged zips, unreadable parts, extreme numbers and
far cells end in a clear Indonesian message with a documented exit code or in findings, never
in a crash; the input is never touched."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from support import hostile_files as H
from support import mutants as M
from sakip_xl.cli import main

ENGLISH = ("BadZipFile", "galat internal", "Cannot detect", "Traceback", "Error:", "compression method",
           "I/O error", "decode")


def _run(tmp_path: Path, data: bytes, *extra: str):
    src = tmp_path / "laporan.xlsx"
    src.write_bytes(data)
    out = tmp_path / "hasil.xlsx"
    res = CliRunner().invoke(main, ["compute", str(src), "-o", str(out), *extra])
    assert isinstance(res.exception, (SystemExit, type(None))), res.exception
    assert src.read_bytes() == data
    return res, out


def _refused(tmp_path: Path, data: bytes, words: list[str], code: int = 3):
    res, out = _run(tmp_path, data)
    assert res.exit_code == code, res.output
    assert not out.exists()
    assert res.stderr.startswith("Galat: ")
    for bad in ENGLISH:
        assert bad.lower() not in res.stderr.lower(), res.stderr
    for w in words:
        assert w.lower() in res.stderr.lower(), res.stderr
    return res.stderr


PK_PART = "xl/worksheets/sheet3.xml"     # the example's PK sheet

REFUSED = {
    # item 6
    "local name differs from the directory": (lambda: M.local_name_differs(H.example(), PK_PART),
                                              ["rusak", PK_PART, "simpan ulang"]),
    "malformed extra field": (lambda: M.bad_extra_field(H.example(), PK_PART), ["rusak", "simpan ulang"]),
    "zip64 size without its extra field": (lambda: M.zip64_sizes_without_extra(H.example(), PK_PART),
                                           ["rusak", "simpan ulang"]),
    # item 9
    "more than 65 535 members": (lambda: M.many_members(H.pk_workbook()), ["65.535", "simpan ulang"]),
    "invalid UTF-8 in the shared strings": (
        lambda: M.invalid_utf8(H.example(), "xl/sharedStrings.xml", b"<t>"),
        ["xl/sharedStrings.xml", "UTF-8", "simpan ulang"]),
    "invalid UTF-8 in a sheet": (lambda: M.invalid_utf8(H.example(), PK_PART, b"<sheetData>"),
                                 ["PK", "UTF-8", "simpan ulang"]),
    # item 10
    "content types without overrides": (lambda: M.without_overrides(H.example()),
                                        ["[Content_Types].xml", "simpan ulang"]),
    "content types root <foo/>": (lambda: M.replaced(H.example(), "[Content_Types].xml", b"<foo/>"),
                                  ["[Content_Types].xml", "simpan ulang"]),
    "bzip2 (method 12) member not read by the tool": (lambda: M.set_method(H.example(), "docProps/app.xml", 12),
                                                      ["docProps/app.xml", "kompresi", "simpan ulang"]),
    "bzip2 (method 12) sheet": (lambda: M.set_method(H.example(), PK_PART, 12), [PK_PART, "kompresi"]),
    # found by the fuzzer (tests/test_fuzz.py)
    "control character in docProps/core.xml": (
        lambda: H.rezip(H.example(), {"docProps/core.xml": lambda b: b.replace(b"<dc:", b"\x00<dc:", 1)}),
        ["docProps/core.xml", "simpan ulang"]),
    "stored value inf": (lambda: M.set_number(H.example(), "PK", "F5", "inf"), ["PK", "F5", "inf"]),
    "stored value 1e400 (overflows a double)": (lambda: M.set_number(H.example(), "Anggaran", "E5", "1e400"),
                                               ["Anggaran", "E5", "1e400"]),
    "shared-string cell whose value is not an index": (
        lambda: H.rezip(H.example(), {PK_PART: lambda b: b.replace(b't="s"><v>', b't="s"><v>-1e308', 1)}),
        ["PK", "-1e308"]),
    "relationship to a deleted part": (lambda: H.without_member(H.example(), "xl/comments4.xml"),
                                       ["xl/comments4.xml", "tidak ada"]),
    "part without a content type": (
        lambda: M.renamed(H.example(), "xl/worksheets/_rels/sheet5.xml.rels", "xl/worksheets/_rels/sheet5.xml.rels.bak"),
        ["[Content_Types].xml", "sheet5.xml.rels.bak"]),
    "content-type override without its part name": (
        lambda: H.rezip(H.example(), {"[Content_Types].xml": lambda b: b.replace(
            b'PartName="/xl/worksheets/sheet1.xml" ', b"", 1)}), ["[Content_Types].xml", "PartName"]),
    "hexadecimal in a number cell": (lambda: M.set_number(H.example(), "PK", "F5", "0x10"), ["PK", "F5", "0x10"]),
    "shared-string index beyond any table": (
        lambda: H.rezip(H.example(), {PK_PART: lambda b: b.replace(b't="s"><v>', b't="s"><v>111111111111111111', 1)}),
        ["PK", "111111111111111111"]),
    "[Content_Types].xml named in capitals": (
        lambda: M.renamed(H.example(), "[Content_Types].xml", "[CONTENT_TYPES].XML"),
        ["[Content_Types].xml", "simpan ulang"]),
}


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_damaged_package_is_refused_in_indonesian(tmp_path, kind):
    make, words = REFUSED[kind]
    _refused(tmp_path, make(), words)


# -- item 7: extreme numbers -------------------------------------------------------------------

def _findings(res) -> list[dict]:
    import json
    return json.loads(res.stdout)


def _no_bad_cached_values(path: Path) -> None:
    """Every stored formula result is a finite number, text or an Excel error: never inf/nan."""
    import re
    import zipfile

    import openpyxl

    openpyxl.load_workbook(path)
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                body = z.read(name)
                assert not re.search(rb"<v>-?(?:inf|nan)", body, re.I), name


EXTREME = {
    "realisasi 1e20 over target 1": ("PK", {"F5": "1", "G5": "1e20"}, ["G5"]),
    "two pagu of 1e308": ("Anggaran", {"E5": "1e308", "E6": "1e308"}, ["E5", "E6"]),
    "negative 1e300 realisasi": ("Anggaran", {"F5": "-1e300"}, ["F5"]),
    "target 1e-300": ("PK", {"F5": "1e-300", "G5": "1e300"}, ["G5"]),
}


@pytest.mark.parametrize("kind", sorted(EXTREME))
def test_extreme_numbers_are_findings_not_crashes(tmp_path, kind):
    sheet, cells, named = EXTREME[kind]
    data = M.set_numbers(H.example(), sheet, cells)
    res, out = _run(tmp_path, data, "--format", "json")
    assert res.exit_code == 0, res.output
    found = {(f["code"], f["sheet"], f["cell"]) for f in _findings(res)}
    for ref in named:
        assert ("SEL-011", sheet, ref) in found, sorted(found)
    _no_bad_cached_values(out)
    from sakip_xl.xlsx.integrity import check_package
    assert check_package(out.read_bytes()) == []


# -- item 5: a far cell costs memory by the cells holding values, not by the extent ------------

_PROBE = """
import json, resource, sys
from sakip_xl.engine import compute
from sakip_xl.errors import SakipError
try:
    report = compute(sys.argv[1], sys.argv[2])
    out = {"code": 0, "findings": [[f.code, f.sheet, f.cell] for f in report.findings]}
except SakipError as err:
    out = {"code": err.exit_code, "message": err.message}
out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def _compute_in_child(tmp_path: Path, data: bytes) -> dict:
    import json
    import os
    import subprocess
    import sys

    src = tmp_path / "laporan.xlsx"
    src.write_bytes(data)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.run([sys.executable, "-c", _PROBE, str(src), str(tmp_path / "hasil.xlsx")],
                          capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-2000:])   # 134: calamine aborted
    assert src.read_bytes() == data
    return json.loads(proc.stdout.strip().splitlines()[-1])


PEAK_LIMIT_MB = 400


@pytest.mark.parametrize("sheet,ref", [("PK", "XFD1048576"), ("SKM", "XFD1048576"), ("PK", "A1048576"),
                                       ("SKM", "Z1048576")])
def test_far_cell_is_read_without_a_dense_range(tmp_path, sheet, ref):
    out = _compute_in_child(tmp_path, M.with_far_cell(H.example(), sheet, ref))
    assert out["code"] == 0, out
    assert [f for f in out["findings"] if f[0] == "SEL-012"] == [["SEL-012", sheet, ref]]
    assert out["peak_mb"] < PEAK_LIMIT_MB, out["peak_mb"]
    import openpyxl
    openpyxl.load_workbook(tmp_path / "hasil.xlsx")


def test_far_cell_in_a_big_sheet_parsed_in_pieces(tmp_path):
    """A sheet big enough for the parse in pieces (bigsheet.py): the piece with the far cell is
    refused before calamine sees it, and the sheet is read whole without the far cell."""
    base = H.large_workbook(pk_rows=50, filler_rows=60_000)
    data = M.with_far_cell(base, "Data", "XFD1048576")
    out = _compute_in_child(tmp_path, data)
    assert out["code"] == 0, out
    assert ["SEL-012", "Data", "XFD1048576"] in out["findings"]
    assert out["peak_mb"] < PEAK_LIMIT_MB, out["peak_mb"]


def test_a_lying_dimension_does_not_hide_a_far_cell(tmp_path):
    part = H.sheet_member(H.example(), "PK")
    data = M.with_far_cell(H.example(), "PK", "XFD1048576")
    data = H.rezip(data, {part: lambda b: __import__("re").sub(rb'<dimension ref="[^"]*"/>',
                                                               b'<dimension ref="A1:B2"/>', b)})
    out = _compute_in_child(tmp_path, data)
    assert ["SEL-012", "PK", "XFD1048576"] in out["findings"]
    assert out["peak_mb"] < PEAK_LIMIT_MB


def test_far_cells_are_cut_only_when_the_range_would_be_huge():
    from sakip_xl.xlsx.extent import extent, prune_if_needed

    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="T{r}"><v>1</v></c></row>' for r in range(1, 2001))
    dense = f"<worksheet><sheetData>{rows}</sheetData></worksheet>".encode()
    assert not extent(dense).too_large() and prune_if_needed(dense) is None
    far = dense.replace(b"</sheetData>", b'<row r="900000"><c r="B900000" t="inlineStr"><is><t>x</t></is></c>'
                                           b'<c r="C900000"/></row></sheetData>')
    ext = extent(far)
    assert ext.last_row == 899_999 and 19 <= ext.last_col <= 25     # one-letter columns: bounded by Z
    cut = prune_if_needed(far)
    assert cut is not None and cut.far == ["B900000"]          # the empty C900000 is cut without a word
    assert b"900000" not in cut.xml.replace(b'<row r="900000">', b"")


# -- item 11: sheet names that need quoting ----------------------------------------------------

ODD_NAMES = ["A1", "R1C1", "2021", "Rekap!", "Ümlaut ę", "it's", "Data 1", "1 Jan"]


@pytest.mark.libreoffice
def test_sheet_names_needing_quotes_round_trip_in_libreoffice(tmp_path):
    """Input sheets read by formulas are renamed to names that must be quoted ("PK'21" with an
    apostrophe, "Data SKM" with a space) and sheets with names like cell references are added: the
    output opens in LibreOffice and every stored formula result equals LibreOffice's."""
    from support.lo_oracle import compare_with_engine

    data = M.with_sheets(H.example(), ODD_NAMES, rename={"PK": "PK'21", "SKM": "Data SKM"})
    res, out = _run(tmp_path, data)
    assert res.exit_code == 0, res.output
    import openpyxl
    assert {"PK'21", "Data SKM", *ODD_NAMES} <= set(openpyxl.load_workbook(out).sheetnames)
    from sakip_xl.xlsx.integrity import check_package
    assert check_package(out.read_bytes()) == []
    assert compare_with_engine(out, tmp_path) == []


@pytest.mark.parametrize("name", ["'Awal", "Akhir'", "History", "a" * 32])
def test_sheet_name_excel_forbids_is_refused(tmp_path, name):
    """A sheet name Excel refuses (an apostrophe first or last: LibreOffice then cannot open a
    workbook with print areas either) stops compute with the sheet named and the fix."""
    data = M.with_sheets(H.example(), [name])
    message = _refused(tmp_path, data, ["nama lembar", "ganti nama"])
    assert name in message


# -- item 9: a recap goes on past a bad entry; long names -----------------------------------------

def test_recap_skips_a_symlink_loop_and_goes_on(tmp_path):
    import os

    from support.rekap_builders import opd_file

    folder = tmp_path / "opd"
    folder.mkdir()
    for i in range(2):
        opd_file(folder, i, "raw")
    os.symlink("putar-b.xlsx", folder / "putar-a.xlsx")
    os.symlink("putar-a.xlsx", folder / "putar-b.xlsx")
    os.symlink("tidak-ada.xlsx", folder / "hilang.xlsx")
    out = tmp_path / "rekap.xlsx"
    res = CliRunner().invoke(main, ["recap", str(folder), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert isinstance(res.exception, (SystemExit, type(None)))
    assert "2 workbook, 3 gagal" in res.stdout, res.stdout
    import openpyxl
    gagal = openpyxl.load_workbook(out)["Gagal"]
    text = " ".join(str(c.value) for row in gagal.iter_rows() for c in row if c.value)
    for name in ("putar-a.xlsx", "putar-b.xlsx", "hilang.xlsx"):
        assert name in text
    assert "tautan" in text.lower()                      # the loop is named as a link problem, in Indonesian
    assert "Too many levels" not in text


def test_file_name_too_long_for_the_side_files_is_refused(tmp_path):
    """A 251-character name leaves no room for the lock, temporary and backup files beside it."""
    name = "a" * 246 + ".xlsx"
    data = H.example()
    src = tmp_path / name
    src.write_bytes(data)
    res = CliRunner().invoke(main, ["compute", str(src)])
    assert res.exit_code == 4, res.output
    assert "terlalu panjang" in res.stderr and "perpendek" in res.stderr.lower()
    for bad in ENGLISH:
        assert bad.lower() not in res.stderr.lower()
    assert src.read_bytes() == data and sorted(p.name for p in tmp_path.iterdir()) == [name]
    res = CliRunner().invoke(main, ["check", str(src)])           # reading it is fine
    assert res.exit_code in (0, 1), res.output
    res = CliRunner().invoke(main, ["compute", str(src), "-o", str(tmp_path / "hasil.xlsx")])
    assert res.exit_code == 0, res.output
