"""A failure at any step of writing, or a killed process, never damages the workbook.

The original stays byte-identical (or, once the run got past its last step, the new file is
complete and the backup holds the original); nothing partial is ever at the target path; a
temporary file left by a killed run is removed by the next run.
"""
from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow   # `pytest -m "not slow"` for a quick run

from support import hostile_files as H
import sakip_xl.engine as engine
from sakip_xl.xlsx import safeio
from sakip_xl.engine import compute
from sakip_xl.errors import OutputError


class Boom(Exception):
    pass


def _is_complete_result(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            return z.testzip() is None and "Capaian" in z.read("xl/workbook.xml").decode()
    except zipfile.BadZipFile:
        return False


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(safeio.TEMP_SUFFIX))


class FailAt:
    """Make the k-th call (counted over os.write, os.fsync, os.replace together) fail."""

    def __init__(self, monkeypatch, k: int, partial: bool):
        self.k, self.calls, self.fired, self.partial = k, 0, None, partial
        for name in ("write", "fsync", "replace"):
            real = getattr(os, name)
            monkeypatch.setattr(os, name, self._wrap(name, real))

    def _wrap(self, name, real):
        def call(*args, **kwargs):
            self.calls += 1
            if self.calls == self.k:
                self.fired = name
                if name == "write" and self.partial:
                    real(args[0], bytes(args[1][: len(args[1]) // 2]))   # half written, then the disk is full
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(*args, **kwargs)
        return call


@pytest.mark.parametrize("in_place", [True, False], ids=["in-place", "to-output"])
@pytest.mark.parametrize("partial", [False, True], ids=["clean-failure", "half-written"])
def test_failure_at_every_write_step_leaves_the_original_intact(tmp_path, monkeypatch, in_place, partial):
    data = H.example()
    steps_seen = []
    k = 1
    while True:
        folder = tmp_path / f"step{k}"
        folder.mkdir()
        src = folder / "laporan.xlsx"
        src.write_bytes(data)
        out = src if in_place else folder / "hasil.xlsx"
        backup = folder / "laporan.bak.xlsx"
        if in_place:
            backup.write_bytes(b"cadangan lama")     # the backup of an earlier run
        else:
            out.write_bytes(b"hasil lama")
        with monkeypatch.context() as m:
            fail = FailAt(m, k, partial)
            try:
                compute(src, None if in_place else out)
                finished = True
            except OutputError as err:
                finished = False
                assert "tidak diubah" in err.message or "ruang disk" in err.message
        assert _temps(folder) == [], f"step {k} ({fail.fired}) left a temp file"
        if fail.fired is None:
            assert finished
            break
        steps_seen.append(fail.fired)
        if not finished:
            assert src.read_bytes() == data, f"step {k} ({fail.fired}) changed the input"
            if not in_place:
                assert out.read_bytes() == b"hasil lama"
            if in_place and k <= 2:   # the new file was not complete yet: the old backup must stay
                assert fail.fired in ("write", "fsync") and backup.read_bytes() == b"cadangan lama"
            elif in_place:
                assert backup.read_bytes() in (b"cadangan lama", data)
            else:
                assert not backup.exists()
        else:   # only the final folder fsync may fail without consequence: the file is complete
            assert fail.fired == "fsync" and _is_complete_result(out)
        k += 1
    # every kind of step was hit: temp writes, their fsyncs, the backup and the target renames
    assert {"write", "fsync", "replace"} <= set(steps_seen)
    assert steps_seen.count("replace") == (2 if in_place else 1)


@pytest.mark.parametrize("stage", ["analyze", "render", "splice"])
def test_failure_before_writing_leaves_no_file(tmp_path, monkeypatch, stage):
    src = tmp_path / "laporan.xlsx"
    src.write_bytes(H.example())
    before = src.read_bytes()

    def boom(*a, **k):
        raise Boom(stage)
    monkeypatch.setattr(engine, stage, boom)
    for output in (None, tmp_path / "hasil.xlsx"):
        with pytest.raises(Boom):
            compute(src, output)
    assert src.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.xlsx"]


def test_interrupt_during_write_removes_the_temp_file(tmp_path, monkeypatch):
    src = tmp_path / "laporan.xlsx"
    src.write_bytes(H.example())
    before = src.read_bytes()

    def interrupted(*a):
        raise KeyboardInterrupt
    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        compute(src)
    assert src.read_bytes() == before and _temps(tmp_path) == []


def test_stale_temp_files_are_cleaned_but_a_live_runs_are_kept(tmp_path):
    src = tmp_path / "laporan.xlsx"
    src.write_bytes(H.example())
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".laporan.xlsx.{dead.pid}.abc123{safeio.TEMP_SUFFIX}"
    stale_backup = tmp_path / f".laporan.bak.xlsx.{dead.pid}.def456{safeio.TEMP_SUFFIX}"
    live = tmp_path / f".laporan.xlsx.{os.getppid()}.ghi789{safeio.TEMP_SUFFIX}"   # a process still running
    old_live = tmp_path / f".laporan.xlsx.{os.getppid()}.old000{safeio.TEMP_SUFFIX}"
    other = tmp_path / f".lain.xlsx.{dead.pid}.zzz{safeio.TEMP_SUFFIX}"              # another file's temp
    longer = tmp_path / f".laporan.xlsx.x.xlsx.{dead.pid}.yyy{safeio.TEMP_SUFFIX}"   # of 'laporan.xlsx.x.xlsx'
    for p in (stale, stale_backup, live, old_live, other, longer):
        p.write_bytes(b"sebagian")
    week_ago = time.time() - 7 * 24 * 3600
    os.utime(old_live, (week_ago, week_ago))
    compute(src)
    assert _temps(tmp_path) == sorted([live.name, other.name, longer.name])
    assert _is_complete_result(src)


def _run_compute(path: Path) -> subprocess.Popen:
    code = "import sys\nfrom sakip_xl.engine import compute\ncompute(sys.argv[1])\n"
    return subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def large() -> bytes:
    return H.large_workbook(pk_rows=2000, filler_rows=100_000)


def _kill_when(proc: subprocess.Popen, folder: Path, moment) -> str:
    """Kill `proc` `moment` seconds after its start, or ("temp", d): d seconds after its first
    temporary file appears (the write is under way: between creating, filling, syncing and
    renaming the temporary files of the new file and of the backup)."""
    start = time.perf_counter()
    while proc.poll() is None:
        if isinstance(moment, tuple):
            if _temps(folder):
                time.sleep(moment[1])
                break
        elif time.perf_counter() - start >= moment:
            break
        time.sleep(0.0002)
    if proc.poll() is not None:
        return "finished"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return "killed"


@pytest.mark.parametrize("moment", [0.4, 1.2, ("temp", 0), ("temp", 0.003), ("temp", 0.02), ("temp", 0.08)],
                         ids=["0.4s", "1.2s", "temp+0", "temp+3ms", "temp+20ms", "temp+80ms"])
def test_killed_process_never_leaves_a_partial_file(tmp_path, large, moment, record_property):
    data = large
    src = tmp_path / "besar.xlsx"
    src.write_bytes(data)
    proc = _run_compute(src)
    outcome = _kill_when(proc, tmp_path, moment)
    current = src.read_bytes()
    backup = tmp_path / "besar.bak.xlsx"
    if current != data:   # the rename happened: the new file must be whole, the backup the original
        assert _is_complete_result(src)
        assert backup.read_bytes() == data
    assert not backup.exists() or backup.read_bytes() == data
    left = _temps(tmp_path)
    when = f"{moment[1] * 1000:.0f} ms after the first temp file appeared" if isinstance(moment, tuple) \
        else f"{moment} s after start"
    record_property("summary", f"crash safety: SIGKILL {when}: {outcome}, input "
                               f"{'unchanged' if current == data else 'replaced whole'}, "
                               f"backup {'written' if backup.exists() else 'absent'}, temp files left: {len(left)}")
    # the next run cleans what the killed run left and completes
    proc = _run_compute(src)
    assert proc.wait(timeout=300) == 0, proc.stderr.read()
    assert _temps(tmp_path) == []
    assert _is_complete_result(src)


def test_written_files_keep_ordinary_permissions(tmp_path):
    """A new output gets the usual permissions (not a temp file's private 0600); an
    in-place update and its backup keep the permissions of the original."""
    import os
    import stat

    from support.builders import example
    from sakip_xl.engine import compute

    src = example(tmp_path)
    os.chmod(src, 0o640)
    mask = os.umask(0o022)
    try:
        compute(src, tmp_path / "baru.xlsx")
        compute(src)
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "baru.xlsx").stat().st_mode) == 0o644
    assert stat.S_IMODE(src.stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "contoh.bak.xlsx").stat().st_mode) == 0o640
