"""Nothing lost (issue 16): template over a file, concurrent runs, edits during a run,
symlinked inputs, and a closed stdout pipe.

Every refusal leaves the input byte-identical and says why in Indonesian with a
documented exit code (README, "Kode keluar").
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from support.builders import example
from sakip_xl.xlsx import safeio
from sakip_xl.cli import main
from sakip_xl.engine import compute
from sakip_xl.errors import OutputError
from sakip_xl.examples import template_bytes

ENTRY = [sys.executable, "-c", "from sakip_xl.cli import run; run()"]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _sheets(path: Path) -> list[str]:
    import re

    with zipfile.ZipFile(path) as z:
        return re.findall(r'<sheet [^>]*name="([^"]*)"', z.read("xl/workbook.xml").decode())


def _is_computed(data: bytes) -> bool:
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "Pemeriksaan" in z.read("xl/workbook.xml").decode()


# -- 1. template over an existing file -------------------------------------------------------


def test_template_refuses_an_existing_workbook(tmp_path):
    src = example(tmp_path, "laporan-2021.xlsx")
    before = src.read_bytes()
    res = run("template", src)
    assert res.exit_code == 4, res.output
    assert "sudah ada" in res.output and "--paksa" in res.output
    assert src.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan-2021.xlsx"]


def test_template_with_paksa_keeps_a_backup_first(tmp_path):
    src = example(tmp_path, "laporan-2021.xlsx")
    before = src.read_bytes()
    res = run("template", src, "--paksa")
    assert res.exit_code == 0, res.output
    assert src.read_bytes() == template_bytes()
    assert (tmp_path / "laporan-2021.bak.xlsx").read_bytes() == before


@pytest.mark.parametrize("lock", ["~$laporan-2021.xlsx", ".~lock.laporan-2021.xlsx#"])
def test_template_respects_the_lock_file(tmp_path, lock):
    src = example(tmp_path, "laporan-2021.xlsx")
    before = src.read_bytes()
    (tmp_path / lock).write_text("kunci")
    for extra in ([], ["--paksa"]):
        res = run("template", src, *extra)
        assert res.exit_code == 4, res.output
        assert "sedang dibuka" in res.output
        assert src.read_bytes() == before
    assert not (tmp_path / "laporan-2021.bak.xlsx").exists()


@pytest.mark.parametrize("name", ["template.xls", "template.xlsm", "template.txt", "template"])
def test_template_refuses_a_name_that_is_not_xlsx(tmp_path, name):
    res = run("template", tmp_path / name)
    assert res.exit_code == 4, res.output
    assert ".xlsx" in res.output
    assert list(tmp_path.iterdir()) == []


def test_template_refuses_a_fifo_and_a_device(tmp_path):
    fifo = tmp_path / "pipa.xlsx"
    os.mkfifo(fifo)
    for target, extra in ((fifo, []), (fifo, ["--paksa"])):
        res = run("template", target, *extra)
        assert res.exit_code == 4, res.output
        assert "bukan file biasa" in res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipa.xlsx"]
    link = tmp_path / "null.xlsx"
    os.symlink("/dev/null", link)
    res = run("template", link, "--paksa")
    assert res.exit_code == 4 and "bukan file biasa" in res.output
    assert os.path.islink(link) and Path("/dev/null").is_char_device()
    src = example(tmp_path, "laporan.xlsx")
    for command in (["compute", src, "-o", fifo], ["report", src, "-o", tmp_path / "pipa.docx"]):
        if command[0] == "report":
            os.mkfifo(tmp_path / "pipa.docx")
        res = run(*command)
        assert res.exit_code == 4 and "bukan file biasa" in res.output, res.output


# -- 3. the file changed between reading and replacing; two runs at once ----------------------


def test_edit_saved_during_compute_is_kept_and_the_run_refuses(tmp_path, monkeypatch):
    src = example(tmp_path, "laporan.xlsx")
    original = src.read_bytes()
    edited = template_bytes()            # what the editor saves while compute works

    def editor_saves(target):
        src.write_bytes(edited)
    monkeypatch.setattr(safeio, "_before_replace", editor_saves)
    with pytest.raises(OutputError) as err:
        compute(src)
    assert err.value.exit_code == 4
    assert "berubah" in err.value.message and "tidak ditimpa" in err.value.message
    assert src.read_bytes() == edited
    backup = tmp_path / "laporan.bak.xlsx"
    assert not backup.exists() or backup.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_edit_with_same_size_and_mtime_is_still_seen(tmp_path, monkeypatch):
    src = example(tmp_path, "laporan.xlsx")
    original = src.read_bytes()
    info = src.stat()
    changed = bytearray(original)
    changed[-30] ^= 0xFF                 # same size; mtime restored: only the hash differs

    def editor_saves(target):
        src.write_bytes(bytes(changed))
        os.utime(src, ns=(info.st_atime_ns, info.st_mtime_ns))
    monkeypatch.setattr(safeio, "_before_replace", editor_saves)
    with pytest.raises(OutputError):
        compute(src)
    assert src.read_bytes() == bytes(changed)


def test_two_in_place_computes_at_once_one_refuses(tmp_path, monkeypatch):
    src = example(tmp_path, "laporan.xlsx")
    original = src.read_bytes()
    paused, resume = threading.Event(), threading.Event()
    outcome = {}

    def first_waits(target):
        if threading.current_thread().name == "pertama":
            paused.set()
            resume.wait(60)
    monkeypatch.setattr(safeio, "_before_replace", first_waits)

    def first():
        try:
            outcome["pertama"] = compute(src)
        except Exception as exc:    # noqa: BLE001 - reported below
            outcome["pertama"] = exc
    t = threading.Thread(target=first, name="pertama")
    t.start()
    assert paused.wait(120)
    with pytest.raises(OutputError) as err:
        compute(src)
    assert err.value.exit_code == 4 and "sedang diproses" in err.value.message
    resume.set()
    t.join(120)
    assert not isinstance(outcome["pertama"], Exception), outcome["pertama"]
    assert (tmp_path / "laporan.bak.xlsx").read_bytes() == original
    assert _is_computed(src.read_bytes())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.bak.xlsx", "laporan.xlsx"]


def test_two_processes_computing_the_same_file(tmp_path):
    """Two `sakip-xl compute` processes on one file: one refuses (exit 4) or both run one after
    the other; the original bytes are never lost (they are in the backup of the first run)."""
    src = example(tmp_path, "laporan.xlsx")
    original = src.read_bytes()
    env = dict(os.environ, SAKIP_XL_TEST_DELAY_BEFORE_REPLACE="1.5")
    procs = [subprocess.Popen(ENTRY + ["compute", str(src)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in procs]
    codes = sorted(code for code, _, _ in results)
    assert codes in ([0, 0], [0, 4]), results
    if codes == [0, 4]:
        refused = next(err for code, _, err in results if code == 4)
        assert "sedang diproses" in refused or "berubah" in refused
        assert (tmp_path / "laporan.bak.xlsx").read_bytes() == original
    else:  # one after the other: the second backed up the first's result, the first original is kept
        kept = [p.read_bytes() for p in tmp_path.iterdir() if p.name != "laporan.xlsx"]
        assert original in kept
    assert _is_computed(src.read_bytes())
    assert "Traceback" not in "".join(err for _, _, err in results)


def test_lock_file_is_removed_and_a_stale_one_does_not_block(tmp_path):
    src = example(tmp_path, "laporan.xlsx")
    stale = safeio.run_lock_path(src)
    stale.write_text("")                 # left by a killed run: no process holds its lock
    compute(src)
    assert not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.bak.xlsx", "laporan.xlsx"]


# -- 4. a symlinked input ---------------------------------------------------------------------


def test_in_place_compute_through_a_symlink_updates_the_target(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    real = example(data_dir, "laporan.xlsx")
    original = real.read_bytes()
    link = tmp_path / "tautan.xlsx"
    os.symlink(real, link)
    compute(link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert _is_computed(real.read_bytes())
    assert (data_dir / "laporan.bak.xlsx").read_bytes() == original   # the backup is beside the target
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "tautan.xlsx"]


# -- 13. a closed stdout pipe -----------------------------------------------------------------


def _closed_stdout(args, cwd: Path) -> subprocess.CompletedProcess:
    """Run the console script with a stdout pipe whose reader is already gone (`| head -0`)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(ENTRY + args, stdout=write_end, stderr=subprocess.PIPE, text=True, cwd=cwd,
                              timeout=300)
    finally:
        os.close(write_end)
    return done


def test_compute_into_a_closed_pipe_exits_by_its_work(tmp_path):
    src = example(tmp_path, "laporan.xlsx")
    done = _closed_stdout(["compute", str(src), "-o", str(tmp_path / "hasil.xlsx")], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Exception" not in done.stderr
    assert _is_computed((tmp_path / "hasil.xlsx").read_bytes())


def test_check_into_a_closed_pipe_keeps_its_exit_code(tmp_path):
    src = example(tmp_path, "laporan.xlsx")      # the example has error-level findings: exit 1
    done = _closed_stdout(["check", str(src)], tmp_path)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    clean = _closed_stdout(["codes"], tmp_path)
    assert clean.returncode == 0, clean.stderr
    made = _closed_stdout(["template", str(tmp_path / "baru.xlsx")], tmp_path)
    assert made.returncode == 0 and (tmp_path / "baru.xlsx").read_bytes() == template_bytes()


# -- 2. sheet ownership: only sheets the tool can prove it wrote -----------------------------

SHEET_MARK = "_sakip_xl_sheet"


def _edit_workbook_xml(data: bytes, edit) -> bytes:
    from support.splice_fixtures import rewrite

    return rewrite(data, {"xl/workbook.xml": lambda b: edit(b.decode()).encode()})


def _defined_names(data: bytes) -> list[tuple[str, str | None, str]]:
    import io

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("xl/workbook.xml"))
    return [(el.get("name"), el.get("localSheetId"), el.text) for el in root.iter() if
            etree.QName(el).localname == "definedName"]


def _without_sheet_marks(data: bytes) -> bytes:
    """The file as sakip-xl wrote it before sheets carried their own mark (only the hidden list)."""
    import re

    return _edit_workbook_xml(data, lambda x: re.sub(
        r'<definedName name="' + SHEET_MARK + r'"[^>]*>[^<]*</definedName>', "", x))


def _cells(data: bytes, sheet: str) -> list:
    import io

    import python_calamine

    wb = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    return wb.get_sheet_by_name(sheet).to_python()


def _user_remakes(data: bytes, name: str) -> bytes:
    """The user deletes the tool's sheet `name` and makes a sheet of their own with that name."""
    import io

    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data))
    del wb[name]
    ws = wb.create_sheet(name)
    ws["A1"] = "Catatan saya sendiri"
    ws["A2"] = "Daftar tindak lanjut rapat 12 Januari"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_every_tool_sheet_carries_its_own_mark(tmp_path):
    src = example(tmp_path, "laporan.xlsx")
    compute(src)
    names = _sheets(src)
    marks = {(int(pos), text) for name, pos, text in _defined_names(src.read_bytes()) if name == SHEET_MARK}
    from sakip_xl.sections import sections

    tool = [name for sec in sections() for name in sec.output_sheets if name in names] + ["Pemeriksaan"]
    assert {"Capaian", "Hasil Anggaran", "Perbandingan", "Hasil SKM", "Hasil LKE", "Hasil Rencana Aksi"} <= set(tool)
    assert marks == {(names.index(t), f'"{t}"') for t in tool}


def test_every_tool_sheet_names_sakip_xl_in_a2(tmp_path):
    """Workbooks computed before the marks are recognised by A2 naming sakip-xl: every tool sheet writes it."""
    import openpyxl
    from sakip_xl.sections import sections

    src = example(tmp_path, "laporan.xlsx")
    compute(src)
    wb = openpyxl.load_workbook(src, read_only=True)
    tool = [name for sec in sections() for name in sec.output_sheets if name in wb.sheetnames] + ["Pemeriksaan"]
    for name in tool:
        a2 = next(wb[name].iter_rows(min_row=2, max_row=2, max_col=1, values_only=True))[0]
        assert "sakip-xl" in str(a2 or ""), (name, a2)


@pytest.mark.parametrize("legacy", [False, True], ids=["marked", "computed-before-marks"])
def test_users_own_sheet_with_a_tool_sheets_name_is_never_replaced(tmp_path, legacy):
    src = tmp_path / "laporan.xlsx"
    src.write_bytes(template_bytes())
    example_src = example(tmp_path, "contoh.xlsx")
    compute(example_src)
    done = example_src.read_bytes()
    if legacy:
        done = _without_sheet_marks(done)
    remade = _user_remakes(done, "Pemeriksaan")
    # the hidden list still names Pemeriksaan: it alone must not be taken as proof
    assert any(n == "_sakip_xl_sheets" and "Pemeriksaan" in t for n, _, t in _defined_names(remade))
    src.write_bytes(remade)
    with pytest.raises(OutputError) as err:
        compute(src)
    assert err.value.exit_code == 4
    assert "Pemeriksaan" in err.value.message and "bukan buatan sakip-xl" in err.value.message
    assert src.read_bytes() == remade
    assert not (tmp_path / "laporan.bak.xlsx").exists()
    res = run("compute", src)
    assert res.exit_code == 4 and "Ganti Nama" in res.output


@pytest.mark.parametrize("listed", ["PK|Petunjuk\\|IKU|Petunjuk|IKU|Pengaturan|SKM|Renstra|Anggaran",
                                    "Petunjuk|IKU"])
@pytest.mark.parametrize("marked", [False, True], ids=["list-only", "list-and-marks"])
def test_crafted_list_naming_input_sheets_deletes_nothing(tmp_path, listed, marked):
    src = example(tmp_path, "laporan.xlsx")
    original = src.read_bytes()
    inputs = [n for n in _sheets(src)]
    crafted = f'<definedName name="_sakip_xl_sheets" hidden="1">"{listed}"</definedName>'
    if marked:   # even a sheet-scoped mark on an input sheet is no proof
        crafted += "".join(f'<definedName name="{SHEET_MARK}" localSheetId="{i}" hidden="1">"{n}"</definedName>'
                           for i, n in enumerate(inputs))

    def add(xml: str) -> str:
        if "<definedNames>" in xml:
            return xml.replace("<definedNames>", "<definedNames>" + crafted, 1)
        return xml.replace("</sheets>", "</sheets><definedNames>" + crafted + "</definedNames>", 1)
    src.write_bytes(_edit_workbook_xml(original, add))
    before = {n: _cells(src.read_bytes(), n) for n in inputs}
    compute(src)
    after = src.read_bytes()
    assert _sheets(src)[: len(inputs)] == inputs
    for n in inputs:
        assert _cells(after, n) == before[n], n


def test_workbook_computed_before_marks_is_still_updated(tmp_path):
    src = example(tmp_path, "laporan.xlsx")
    compute(src)
    old = _without_sheet_marks(src.read_bytes())
    assert not any(n == SHEET_MARK for n, _, _ in _defined_names(old))
    src.write_bytes(old)
    compute(src)
    names = _sheets(src)
    assert names.count("Pemeriksaan") == 1 and names.count("Capaian") == 1
    assert any(n == SHEET_MARK for n, _, _ in _defined_names(src.read_bytes()))


@pytest.mark.libreoffice
def test_marks_survive_a_libreoffice_save_and_the_next_compute_replaces(tmp_path):
    from support.lo_oracle import recalc, require_soffice

    require_soffice()
    src = example(tmp_path, "laporan.xlsx")
    compute(src, tmp_path / "hasil.xlsx")
    saved = recalc(tmp_path / "hasil.xlsx", tmp_path / "lo")      # opened and saved by LibreOffice
    names = _sheets(saved)
    marks = {(int(pos), text) for name, pos, text in _defined_names(saved.read_bytes()) if name == SHEET_MARK}
    assert (names.index("Pemeriksaan"), '"Pemeriksaan"') in marks
    compute(saved)
    again = _sheets(saved)
    assert again.count("Pemeriksaan") == 1 and again.count("Capaian") == 1
    # and a user's own sheet of that name made in LibreOffice is still refused
    remade = _user_remakes(saved.read_bytes(), "Capaian")
    target = tmp_path / "lo" / "buatan-sendiri.xlsx"
    target.write_bytes(remade)
    with pytest.raises(OutputError):
        compute(target)
    assert target.read_bytes() == remade


def test_the_original_before_the_first_compute_is_never_overwritten(tmp_path):
    src = example(tmp_path, "laporan.xlsx")
    original = src.read_bytes()
    compute(src)
    first = src.read_bytes()
    compute(src)
    assert (tmp_path / "laporan.bak.xlsx").read_bytes() == first
    assert (tmp_path / "laporan.asli.xlsx").read_bytes() == original
    compute(src)      # the backup now holds a computed version: it is simply renewed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.asli.xlsx", "laporan.bak.xlsx", "laporan.xlsx"]
    assert (tmp_path / "laporan.asli.xlsx").read_bytes() == original


def test_an_unreadable_backup_is_kept(tmp_path):
    src = example(tmp_path, "laporan.xlsx")
    (tmp_path / "laporan.bak.xlsx").write_bytes(b"salinan yang tidak bisa dibaca")
    (tmp_path / "laporan.asli.xlsx").write_bytes(b"asli lain")
    compute(src)
    assert (tmp_path / "laporan.asli.xlsx").read_bytes() == b"asli lain"
    assert (tmp_path / "laporan.asli-2.xlsx").read_bytes() == b"salinan yang tidak bisa dibaca"


def test_encrypted_workbook_backups_do_not_pile_up(tmp_path):
    from support import hostile_files as H

    src = tmp_path / "laporan.xlsx"
    original = H.encrypted(H.example(), "abc")
    src.write_bytes(original)
    for _ in range(3):
        compute(src, password="abc")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["laporan.asli.xlsx", "laporan.bak.xlsx", "laporan.xlsx"]
    assert (tmp_path / "laporan.asli.xlsx").read_bytes() == original


def test_recap_into_a_closed_pipe_exits_zero(tmp_path):
    folder = tmp_path / "opd"
    folder.mkdir()
    example(folder, "dinas-a.xlsx")
    done = _closed_stdout(["recap", str(folder), "-o", str(tmp_path / "rekap.xlsx")], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and (tmp_path / "rekap.xlsx").exists()
    shown = _closed_stdout(["recap", str(folder)], tmp_path)
    assert shown.returncode == 0, shown.stderr


def test_editor_saving_while_a_compute_process_runs(tmp_path):
    """An editor (another process) saves the workbook the way Excel does (new file, rename) while
    `sakip-xl compute` works on it: the run refuses with exit 4, the edit stays, nothing is lost."""
    src = example(tmp_path, "laporan.xlsx")
    original = src.read_bytes()
    edited = template_bytes()
    env = dict(os.environ, SAKIP_XL_TEST_DELAY_BEFORE_REPLACE="2")
    proc = subprocess.Popen(ENTRY + ["compute", str(src)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    import time

    deadline = time.time() + 120
    while not any(p.name.endswith(safeio.TEMP_SUFFIX) for p in tmp_path.iterdir()):
        assert proc.poll() is None and time.time() < deadline, proc.communicate()
        time.sleep(0.01)
    saved = tmp_path / "~laporan.tmp"
    saved.write_bytes(edited)
    os.replace(saved, src)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 4, (out, err)
    assert "berubah" in err and "Traceback" not in err
    assert src.read_bytes() == edited
    backup = tmp_path / "laporan.bak.xlsx"
    assert not backup.exists() or backup.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "laporan.bak.xlsx") == ["laporan.xlsx"]
