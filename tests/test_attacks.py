"""Issue 16 (items 5, 6, 7, 9, 10, 11): damaged zips, unreadable parts, extreme numbers and
far cells end in a clear Indonesian message with a documented exit code or in findings, never
in a crash; the input is never touched."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import hostile_files as H
import mutants as M
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
}


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_damaged_package_is_refused_in_indonesian(tmp_path, kind):
    make, words = REFUSED[kind]
    _refused(tmp_path, make(), words)
