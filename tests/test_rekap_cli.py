"""`sakip-xl recap`: exit codes, Indonesian messages, JSON for machines, text never a formula."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from support.rekap_builders import opd_file
from sakip_xl.cli import main
from sakip_xl.rekap import JSON_KEYS_HELP
from sakip_xl.rekap import sheet_opd
from sakip_xl.review.reviu import sheet_cells
from sakip_xl.xlsx.opc import Package


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def folder(tmp_path):
    src = tmp_path / "opd"
    src.mkdir()
    for i in range(3):
        opd_file(src, i, ("raw", "computed", "raw")[i])
    (src / "rusak.xlsx").write_bytes(b"PK\x03\x04 terpotong")
    (src / "~$opd-00.xlsx").write_bytes(b"kunci")
    return src


def test_rekap_runs_and_exits_zero_even_with_failures(folder, tmp_path):
    out = tmp_path / "rekap.xlsx"
    res = run("recap", folder, "-o", out)
    assert res.exit_code == 0, res.output
    assert "3 workbook, 1 gagal" in res.stdout
    assert "GAGAL rusak.xlsx" in res.stdout and "~$" not in res.stdout
    assert out.exists()
    assert res.stderr == ""                     # no progress bar when stderr is not a terminal


def test_same_bytes_on_a_second_run(folder, tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run("recap", folder, "-o", first, "--jobs", "2").exit_code == 0
    assert run("recap", folder, "-o", second, "--jobs", "1").exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_output_inside_the_folder_is_not_read_on_the_next_run(folder):
    out = folder / "rekap.xlsx"
    assert run("recap", folder, "-o", out).exit_code == 0
    res = run("recap", folder, "-o", out)
    assert res.exit_code == 0 and "3 workbook, 1 gagal" in res.stdout


def test_json_has_the_same_table(folder):
    res = run("recap", folder, "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert [w["file"] for w in data["workbooks"]] == ["opd-00.xlsx", "opd-01.xlsx", "opd-02.xlsx"]
    assert [f["file"] for f in data["failed"]] == ["rusak.xlsx"]
    assert data["workbooks"][0]["tahun"] == 2021 and '"tahun": 2021,' in res.stdout
    assert [w["stale"] for w in data["workbooks"]] == [True, False, True]
    assert data["totals"]["pagu"] == sum(w["pagu"] for w in data["workbooks"] if w["pagu"] is not None)


def _keys(value, prefix=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _keys(v)
    elif isinstance(value, list):
        for v in value:
            yield from _keys(v)


def test_every_json_key_is_documented_in_help(folder):
    data = json.loads(run("recap", folder, "--format", "json").stdout)
    help_text = run("recap", "--help").stdout
    documented = set(re.findall(r"[a-z_]+", JSON_KEYS_HELP)) | {"A", "B", "C", "D", "tool", "version"}
    assert "Kunci JSON" in help_text
    for key in set(_keys(data)) - {"tool", "version"}:
        assert key in documented, key


@pytest.mark.parametrize("args", [
    ("recap",),                                     # no folder
    ("recap", "{folder}", "--jobs", "0"),
    ("recap", "{folder}", "--format", "xml"),
    ("recap", "{folder}", "--tidak-ada"),
])
def test_usage_errors_exit_2(folder, args):
    res = run(*[a.format(folder=folder) for a in args])
    assert res.exit_code == 2, res.output


@pytest.mark.parametrize("target, words", [
    ("tidak-ada", "tidak ditemukan"),
    ("kosong", "tidak berisi workbook"),
    ("berkas.xlsx", "bukan folder"),
])
def test_no_folder_or_no_workbooks_exit_3_in_indonesian(tmp_path, target, words):
    (tmp_path / "kosong").mkdir()
    (tmp_path / "kosong" / "catatan.txt").write_text("x")
    (tmp_path / "berkas.xlsx").write_bytes(b"x")
    res = run("recap", tmp_path / target)
    assert res.exit_code == 3
    assert res.stdout == "" and words in res.stderr and res.stderr.startswith("Galat: ")


@pytest.mark.parametrize("output, words", [
    ("rekap.csv", "harus berakhiran .xlsx"),
    ("tidak-ada/rekap.xlsx", "tidak ada"),
])
def test_unwritable_output_exit_4_before_reading(folder, tmp_path, output, words):
    res = run("recap", folder, "-o", tmp_path / output)
    assert res.exit_code == 4, res.output
    assert words in res.stderr


def test_an_open_rekap_is_not_overwritten_without_paksa(folder, tmp_path):
    out = tmp_path / "rekap.xlsx"
    out.write_bytes(b"lama")
    (tmp_path / "~$rekap.xlsx").write_bytes(b"kunci")
    assert run("recap", folder, "-o", out).exit_code == 4
    assert out.read_bytes() == b"lama"
    assert run("recap", folder, "-o", out, "--paksa").exit_code == 0
    assert out.read_bytes() != b"lama"


PAYLOADS = ('=HYPERLINK("http://contoh.invalid","klik")', "+1+1", "@SUM(A1)", "=cmd|' /C calc'!A0")


def test_text_from_the_workbooks_never_becomes_a_formula(tmp_path):
    src = tmp_path / "opd"
    src.mkdir()
    for i, payload in enumerate(PAYLOADS):
        opd_file(src, i, instansi=payload, kabupaten=payload, name=f"=1+{i}.xlsx")
    out = tmp_path / "rekap.xlsx"
    res = run("recap", src, "-o", out)
    assert res.exit_code == 0, res.output
    pkg = Package(out.read_bytes())
    cells = sheet_cells(pkg, sheet_opd.SHEET)
    texts = {c.value for c in cells.values() if c.formula is None}
    assert set(PAYLOADS) <= texts
    assert {f"=1+{i}.xlsx" for i in range(len(PAYLOADS))} <= texts
    total_row = sheet_opd.FIRST_ROW + len(PAYLOADS) + 1       # 1-based row of the total line
    for ref, c in cells.items():
        if c.formula is not None:
            assert int(re.sub(r"[A-Z]+", "", ref)) >= total_row, (ref, c.formula)
    for sheet in ("Rekap Indikator", "Temuan Rekap", "Gagal", "Dilewati"):
        assert all(c.formula is None for c in sheet_cells(pkg, sheet).values())


def test_progress_bar_only_on_a_terminal(folder, monkeypatch, capsys):
    from sakip_xl.rekap import command

    class Tty:
        def __init__(self):
            self.text = []

        def isatty(self):
            return True

        def write(self, text):
            self.text.append(text)

        def flush(self):
            pass
    fake = Tty()
    monkeypatch.setattr(command.sys, "stderr", fake)
    command.run(str(folder), None, 1, "json", False)
    shown = "".join(fake.text)
    assert "Merekap" in shown and "4/4" in shown
    assert json.loads(capsys.readouterr().out)["workbooks"]
