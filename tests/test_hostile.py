"""Hostile and broken files are refused cleanly: an Indonesian message naming the problem and
the fix, a non-zero exit, no traceback, the input untouched, nothing left at the output path.

Each case runs twice: through the library (`engine.compute`) and through the command line
(click's CliRunner, `compute` and `check`).
"""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from support import hostile_files as H
from sakip_xl.cli import main
from sakip_xl.engine import check, compute
from sakip_xl.errors import InputFileError, OutputError, SakipError

INPUT = "laporan.xlsx"


def _input(tmp_path: Path, data: bytes, name: str = INPUT) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# name -> (make input in tmp_path -> path, words in the message, exit code)
INPUT_REFUSALS = {
    "missing": (lambda t: t / INPUT, ["tidak ditemukan", "Periksa"], 3),
    "folder": (lambda t: (t / INPUT).mkdir() or t / INPUT, ["folder", "Sebutkan file"], 3),
    "fifo": (lambda t: os.mkfifo(t / INPUT) or t / INPUT, ["bukan file biasa"], 3),
    "empty": (lambda t: _input(t, b""), ["kosong", "Pilih"], 3),
    "text renamed": (lambda t: _input(t, "Indikator;Target\nA;100\n".encode()), ["bukan file Excel .xlsx"], 3),
    "pdf renamed": (lambda t: _input(t, H.pdf_bytes()), ["PDF", ".xlsx aslinya"], 3),
    "html saved as .xls": (lambda t: _input(t, H.html_as_xls(), "laporan.xls"), ["Excel lama (.xls)", ".xlsx"], 3),
    "html renamed .xlsx": (lambda t: _input(t, H.html_as_xls()), ["HTML", "Simpan Sebagai"], 3),
    "legacy xls": (lambda t: _input(t, H.legacy_xls_header(), "laporan.xls"), ["Excel lama", ".xlsx"], 3),
    "legacy xls renamed .xlsx": (lambda t: _input(t, H.legacy_xls_header()), ["Excel lama", ".xlsx"], 3),
    "truncated zip": (lambda t: _input(t, H.truncated(H.example())), ["rusak atau terpotong", "simpan ulang"], 3),
    "corrupt sheet data": (lambda t: _input(t, H.corrupt_member(H.pk_workbook(), "xl/worksheets/sheet1.xml")),
                           ["simpan ulang"], 3),
    "corrupt workbook part": (lambda t: _input(t, H.corrupt_member(H.pk_workbook(), "xl/workbook.xml")),
                              ["rusak", "simpan ulang"], 3),
    "encrypted, no password": (lambda t: _input(t, H.encrypted(H.example(), "rahasia")),
                               ["dilindungi kata sandi", "--sandi"], 3),
    "zip bomb (ratio)": (lambda t: _input(t, H.ratio_bomb(H.pk_workbook(), 60)), ["demi keamanan", "memuai"], 3),
    "zip bomb (declared size)": (lambda t: _input(t, H.huge_declared(H.pk_workbook(), "xl/worksheets/sheet1.xml")),
                                 ["demi keamanan", "2 GiB"], 3),
    "entity bomb in a sheet": (lambda t: _input(t, H.with_dtd(H.pk_workbook(), "xl/worksheets/sheet1.xml",
                                                              H.ENTITY_BOMB, b"&lol3;")), ["demi keamanan"], 3),
    "external entity in shared strings": (
        lambda t: _input(t, H.with_dtd(H.pk_workbook(), "xl/sharedStrings.xml", H.EXTERNAL_ENTITY, b"&e;")),
        ["demi keamanan", "xl/sharedStrings.xml"], 3),
    "malformed styles": (lambda t: _input(t, H.rezip(H.pk_workbook(), {"xl/styles.xml": b"<styleSheet><rusak"})),
                         ["xl/styles.xml", "simpan ulang"], 3),
    "malformed sheet": (lambda t: _input(t, H.rezip(H.pk_workbook(), {"xl/worksheets/sheet1.xml": lambda b: b[:-40]})),
                        ["Lembar 'PK'", "simpan ulang"], 3),
    "malformed shared strings": (lambda t: _input(t, H.rezip(H.pk_workbook(), {"xl/sharedStrings.xml": b"<sst><si>"})),
                                 ["simpan ulang"], 3),
    "sheet part missing": (lambda t: _input(t, H.without_member(H.pk_workbook(), "xl/worksheets/sheet1.xml")),
                           ["Lembar 'PK'", "simpan ulang"], 3),
    "no PK sheet": (lambda t: _input(t, H.pk_workbook(sheet="Data")), ["Lembar 'PK' tidak ditemukan", "Data"], 3),
}


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    return {p.name: (p.read_bytes() if p.is_file() and not p.is_fifo() else None) for p in folder.iterdir()}


@pytest.mark.parametrize("kind", sorted(INPUT_REFUSALS))
def test_input_refused_by_the_library(tmp_path, kind):
    make, words, _ = INPUT_REFUSALS[kind]
    src = make(tmp_path)
    before = _snapshot(tmp_path)
    with pytest.raises(SakipError) as err:
        compute(src, tmp_path / "hasil.xlsx")
    assert err.value.exit_code == 3
    for w in words:
        assert w.lower() in err.value.message.lower(), err.value.message
    with pytest.raises(SakipError):
        check(src)
    with pytest.raises(SakipError):
        compute(src)   # in place: the input stays as it was
    assert _snapshot(tmp_path) == before            # input untouched, no output, no temp, no backup


@pytest.mark.parametrize("kind", sorted(INPUT_REFUSALS))
def test_input_refused_by_the_command_line(tmp_path, kind):
    make, words, code = INPUT_REFUSALS[kind]
    src = make(tmp_path)
    before = _snapshot(tmp_path)
    runner = CliRunner()
    for args in (["compute", src, "-o", tmp_path / "hasil.xlsx"], ["compute", src], ["check", src]):
        res = runner.invoke(main, [str(a) for a in args])
        assert res.exit_code == code, (args, res.output)
        assert isinstance(res.exception, SystemExit)        # not an uncaught exception
        assert res.stdout == ""
        assert res.stderr.startswith("Galat: ")
        assert "Traceback" not in res.output
        for w in words:
            assert w.lower() in res.stderr.lower()
    assert _snapshot(tmp_path) == before


def test_huge_zip_bomb_is_refused_in_bounded_memory(tmp_path):
    """Declared sizes are checked before anything is inflated: peak memory stays near the file size."""
    bomb = _input(tmp_path, H.ratio_bomb(H.pk_workbook(), 400), "bom.xlsx")   # 400 MB inflated, ~0.4 MB on disk
    plain = _input(tmp_path, H.pk_workbook(), "biasa.xlsx")
    probe = ("import resource, sys\nfrom sakip_xl.engine import check\nfrom sakip_xl.errors import SakipError\n"
             "try:\n    check(sys.argv[1])\nexcept SakipError as e:\n    print(type(e).__name__)\n"
             "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")

    def peak(path):
        out = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=120,
                             check=True).stdout.split()
        return out
    bomb_out, plain_out = peak(bomb), peak(plain)
    assert bomb_out[0] == "InputFileError"
    grown_kb = int(bomb_out[-1]) - int(plain_out[-1])
    assert grown_kb < 64 * 1024, f"peak memory grew by {grown_kb} KB on a 400 MB bomb"


def test_member_lying_about_its_size_is_refused(tmp_path):
    """A member that inflates past its declared size is cut at that size and refused, not read whole."""
    grid = H.PK_GRID + [[i, "S", f"I{i}", "%", 100, i] for i in range(3, 3000)]
    data = H.pk_workbook(grid)
    src = _input(tmp_path, H.lying_size(data, "xl/worksheets/sheet1.xml"))
    with pytest.raises(InputFileError) as err:
        compute(src, tmp_path / "hasil.xlsx")
    assert "simpan ulang" in err.value.message.lower()
    assert not (tmp_path / "hasil.xlsx").exists()


# -- output refusals -----------------------------------------------------------------------------


def _deny_write(monkeypatch, denied: Path):
    """Tests run as root, where chmod does not stop writes: deny through os.access instead."""
    real = os.access

    def access(path, mode, *a, **k):
        if Path(path).resolve() == denied.resolve() and mode & os.W_OK:
            return False
        return real(path, mode, *a, **k)
    monkeypatch.setattr(os, "access", access)


def _existing_output(t, m, s):
    (t / "hasil.xlsx").write_bytes(b"lama")
    _deny_write(m, t / "hasil.xlsx")
    return ["-o", t / "hasil.xlsx"]


def _lock(name):
    def setup(t, m, s):
        (t / name.format(s.name)).write_bytes(b"kunci")
        return []
    return setup


OUTPUT_REFUSALS = {
    # name -> (setup(tmp_path, monkeypatch, src) -> args after the input, words)
    "missing folder": (lambda t, m, s: ["-o", t / "tidak-ada" / "hasil.xlsx"], ["tidak ada", "-o"]),
    "output is a folder": (lambda t, m, s: (t / "keluar").mkdir() or ["-o", t / "keluar"], ["folder"]),
    "read-only input updated in place": (lambda t, m, s: _deny_write(m, s) or [], ["hanya-baca", "-o"]),
    "read-only output file": (_existing_output, ["hanya-baca"]),
    "read-only folder": (lambda t, m, s: _deny_write(m, t) or ["-o", t / "hasil.xlsx"], ["Folder", "hanya-baca"]),
    "macro-free workbook saved as .xlsm": (lambda t, m, s: ["-o", t / "hasil.xlsm"], ["harus berakhiran .xlsx"]),
    "output without extension": (lambda t, m, s: ["-o", t / "hasil"], ["harus berakhiran .xlsx"]),
    "open in Excel": (_lock("~${}"), ["sedang dibuka", "--paksa"]),
    "open in LibreOffice": (_lock(".~lock.{}#"), ["sedang dibuka", "--paksa"]),
}


@pytest.mark.parametrize("kind", sorted(OUTPUT_REFUSALS))
@pytest.mark.parametrize("via", ["library", "cli"])
def test_output_refused(tmp_path, monkeypatch, kind, via):
    setup, words = OUTPUT_REFUSALS[kind]
    src = _input(tmp_path, H.pk_workbook())
    args = setup(tmp_path, monkeypatch, src)
    before = _snapshot(tmp_path)
    if via == "library":
        output = args[1] if args else None
        with pytest.raises(OutputError) as err:
            compute(src, output)
        message = err.value.message
    else:
        res = CliRunner().invoke(main, ["compute", str(src)] + [str(a) for a in args])
        assert res.exit_code == 4, res.output
        assert isinstance(res.exception, SystemExit) and "Traceback" not in res.output
        message = res.stderr
    for w in words:
        assert w in message, message
    assert _snapshot(tmp_path) == before


def test_template_into_a_missing_folder_is_refused(tmp_path):
    res = CliRunner().invoke(main, ["template", str(tmp_path / "tidak-ada" / "t.xlsx")])
    assert res.exit_code == 4 and "tidak ada" in res.stderr and "Traceback" not in res.output
    assert list(tmp_path.iterdir()) == []


def test_paksa_updates_a_workbook_with_a_lock_file(tmp_path):
    src = _input(tmp_path, H.pk_workbook())
    original = src.read_bytes()
    (tmp_path / ("~$" + src.name)).write_bytes(b"kunci")
    res = CliRunner().invoke(main, ["compute", str(src), "--paksa"])
    assert res.exit_code == 0, res.output
    assert src.read_bytes() != original
    assert (tmp_path / "laporan.bak.xlsx").read_bytes() == original


def test_unexpected_bug_gives_a_message_not_a_traceback(tmp_path, monkeypatch):
    import sakip_xl.engine as engine
    src = _input(tmp_path, H.pk_workbook())
    before = _snapshot(tmp_path)

    def broken(*a, **k):
        raise KeyError("bug")
    monkeypatch.setattr(engine, "render", broken)
    res = CliRunner().invoke(main, ["compute", str(src)])
    assert res.exit_code == 5
    assert "galat internal" in res.stderr and "tidak diubah" in res.stderr
    assert "Traceback" not in res.output
    assert _snapshot(tmp_path) == before


# -- macros -------------------------------------------------------------------------------------------

VBA = b"\xd0\xcf\x11\xe0 opaque VBA project " * 50


def test_xlsm_keeps_its_macros_and_name_in_place(tmp_path):
    src = _input(tmp_path, H.pk_workbook(vba=VBA), "laporan.xlsm")
    original = src.read_bytes()
    res = CliRunner().invoke(main, ["compute", str(src)])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.bak.xlsm", "laporan.xlsm"]
    assert (tmp_path / "laporan.bak.xlsm").read_bytes() == original
    with zipfile.ZipFile(src) as z:
        assert z.read("xl/vbaProject.bin") == VBA
        ct = z.read("[Content_Types].xml").decode()
        assert "sheet.macroEnabled.main+xml" in ct
        assert "Capaian" in z.read("xl/workbook.xml").decode()
    import openpyxl
    wb = openpyxl.load_workbook(src, keep_vba=True)
    assert "Capaian" in wb.sheetnames


def test_xlsm_output_must_keep_the_xlsm_extension(tmp_path):
    src = _input(tmp_path, H.pk_workbook(vba=VBA), "laporan.xlsm")
    with pytest.raises(OutputError) as err:
        compute(src, tmp_path / "hasil.xlsx")
    assert "harus berakhiran .xlsm" in err.value.message
    assert not (tmp_path / "hasil.xlsx").exists()
    compute(src, tmp_path / "hasil.xlsm")
    with zipfile.ZipFile(tmp_path / "hasil.xlsm") as z:
        assert z.read("xl/vbaProject.bin") == VBA


# -- passwords ----------------------------------------------------------------------------------------


def test_password_protected_workbook_is_decrypted_in_memory_and_reencrypted(tmp_path):
    from sakip_xl.xlsx.encryption import is_encrypted

    plain = H.example()
    src = _input(tmp_path, H.encrypted(plain, "Rahasia 2021"))
    original = src.read_bytes()
    res = CliRunner().invoke(main, ["compute", str(src), "--sandi", "Rahasia 2021"])
    assert res.exit_code == 0, res.output
    result = src.read_bytes()
    assert is_encrypted(result), "the result must stay password-protected"
    assert (tmp_path / "laporan.bak.xlsx").read_bytes() == original
    opened = H.decrypted(result, "Rahasia 2021")
    from support.splice_fixtures import untouched_differences
    compared, problems = untouched_differences(plain, opened)
    assert compared > 5 and problems == []
    with zipfile.ZipFile(__import__("io").BytesIO(opened)) as z:
        assert "Capaian" in z.read("xl/workbook.xml").decode()
    # nothing decrypted was ever written beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.bak.xlsx", "laporan.xlsx"]
    report = check(src, password="Rahasia 2021")
    assert not [f for f in report.findings if f.code.startswith("WB-")]


def test_password_from_environment_and_alias_option(tmp_path):
    src = _input(tmp_path, H.encrypted(H.pk_workbook(), "abc"))
    res = CliRunner().invoke(main, ["check", str(src)], env={"SAKIP_XL_SANDI": "abc"})
    assert res.exit_code in (0, 1), res.output
    assert "Temuan:" in res.stdout
    res = CliRunner().invoke(main, ["check", str(src), "--password", "abc"])
    assert "Temuan:" in res.stdout


@pytest.mark.parametrize("via", ["library", "cli"])
def test_wrong_password_is_refused(tmp_path, via):
    src = _input(tmp_path, H.encrypted(H.pk_workbook(), "benar"))
    before = _snapshot(tmp_path)
    if via == "library":
        with pytest.raises(InputFileError) as err:
            compute(src, password="salah")
        assert "Kata sandi salah" in err.value.message
    else:
        res = CliRunner().invoke(main, ["compute", str(src), "--sandi", "salah"])
        assert res.exit_code == 3 and "Kata sandi salah" in res.stderr and "Traceback" not in res.output
    assert _snapshot(tmp_path) == before


def test_password_on_an_unprotected_workbook_is_harmless(tmp_path):
    src = _input(tmp_path, H.pk_workbook())
    compute(src, tmp_path / "hasil.xlsx", password="apa saja")
    from sakip_xl.xlsx.encryption import is_encrypted
    assert not is_encrypted((tmp_path / "hasil.xlsx").read_bytes())
