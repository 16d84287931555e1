"""Reading the input and replacing files atomically, never leaving half a file.

Writing goes through a temporary file beside the target (``.NAME.PID.xxxx.sakip-tmp``),
written completely and flushed to disk before it replaces the target with one
``os.replace``. A process killed half-way leaves the target as it was; the
temporary file it may leave behind is removed by the next run that writes the
same target (only when the process that made it is gone).
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sakip_xl.errors import InputFileError, OutputError

MAX_INPUT_BYTES = 1 << 30
TEMP_SUFFIX = ".sakip-tmp"
STALE_AFTER_SECONDS = 24 * 3600   # a temp file this old is stale even if its pid was reused

MSG_LEGACY_NAME = (
    "'{name}' adalah file Excel lama (.xls). Buka di Excel lalu simpan sebagai "
    "'Excel Workbook (*.xlsx)', kemudian jalankan lagi dengan file .xlsx itu."
)


def read_input(path: Path) -> bytes:
    """The bytes of the workbook at `path`, or an InputFileError saying what is wrong."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputFileError(f"File '{path}' tidak ditemukan. Periksa nama dan folder file.") from None
    except PermissionError:
        raise InputFileError(f"File '{path}' tidak dapat dibuka: izin ditolak. Periksa hak akses file.") from None
    except OSError as exc:
        raise InputFileError(f"File '{path}' tidak dapat dibuka: {os_reason(exc)}.") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputFileError(f"'{path}' adalah folder, bukan file workbook. Sebutkan file .xlsx-nya.")
    if not stat.S_ISREG(info.st_mode):
        # a pipe or a device would block or never end: refuse before opening it
        raise InputFileError(f"'{path}' bukan file biasa (mis. pipe atau perangkat). Sebutkan file .xlsx-nya.")
    if info.st_size > MAX_INPUT_BYTES:
        raise InputFileError(
            f"File '{path.name}' terlalu besar ({info.st_size // 2**20} MB; batas 1024 MB). "
            "Hapus lembar atau baris yang tidak dipakai, simpan, lalu jalankan lagi.")
    if not os.access(path, os.R_OK):
        raise InputFileError(f"File '{path}' tidak dapat dibaca: izin ditolak. Periksa hak akses file.")
    try:
        data = path.read_bytes()
    except PermissionError as exc:
        raise InputFileError(f"File '{path}' tidak dapat dibaca: izin ditolak. Periksa hak akses file.") from exc
    except OSError as exc:
        raise InputFileError(f"File '{path}' tidak dapat dibaca: {exc.strerror or exc}.") from exc
    if path.suffix.lower() == ".xls" and not data.startswith(b"PK"):
        # an old binary workbook, or the HTML table some systems export as .xls
        raise InputFileError(MSG_LEGACY_NAME.format(name=path.name))
    return data


def os_reason(exc: OSError) -> str:
    """An operating-system error in Bahasa Indonesia, with what to do about it."""
    import errno

    known = {
        errno.ELOOP: "tautan (symlink) yang berputar tanpa ujung; perbaiki atau hapus tautan itu",
        errno.ENAMETOOLONG: "nama file atau folder terlalu panjang; perpendek namanya",
        errno.ENOENT: "file tidak ada (mungkin tautan yang menunjuk ke file yang sudah dihapus)",
        errno.ENOSPC: "ruang disk habis",
        errno.EROFS: "disk hanya-baca",
        errno.EIO: "galat baca/tulis disk",
    }
    return known.get(exc.errno) or f"galat sistem {exc.errno} ({exc.strerror or exc})"


def lock_file_for(path: Path) -> Path | None:
    """The lock file Excel (~$name) or LibreOffice (.~lock.name#) keeps beside an open workbook."""
    for candidate in (path.with_name("~$" + path.name), path.with_name(".~lock." + path.name + "#")):
        if candidate.exists():
            return candidate
    # Excel shortens long names: ~$ replaces the first two characters.
    if len(path.name) > 2 and path.with_name("~$" + path.name[2:]).exists():
        return path.with_name("~$" + path.name[2:])
    return None


def backup_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.bak{path.suffix}")


def original_path(path: Path) -> Path:
    """Where a backup that must not be overwritten is kept: NAME.asli.xlsx, else NAME.asli-2.xlsx, ..."""
    n = 1
    while True:
        tail = "" if n == 1 else f"-{n}"
        candidate = path.with_name(f"{path.stem}.asli{tail}{path.suffix}")
        if not os.path.lexists(candidate):
            return candidate
        n += 1


def real_target(path: Path) -> Path:
    """The file a write to `path` must update: a symbolic link is written through to its target."""
    path = Path(path)
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


@dataclass(frozen=True)
class Identity:
    """What a file was when it was read: size, modification time and a hash of its bytes."""

    path: Path
    size: int
    mtime_ns: int
    data: bytes
    _digest: bytes | None = field(default=None, repr=False, compare=False)

    def unchanged(self, quick: bool = False) -> bool:
        """The file still has the size, mtime and (unless `quick`) the bytes that were read."""
        try:
            info = os.stat(self.path)
        except OSError:
            return False
        if info.st_size != self.size or info.st_mtime_ns != self.mtime_ns:
            return False
        if quick:
            return True
        try:
            with open(self.path, "rb") as fh:
                now = hashlib.sha256()
                for block in iter(lambda: fh.read(1 << 20), b""):
                    now.update(block)
        except OSError:
            return False
        if self._digest is None:
            object.__setattr__(self, "_digest", hashlib.sha256(self.data).digest())
        return now.digest() == self._digest


def identity_before_read(path: Path) -> tuple[int, int] | None:
    """(size, mtime_ns) taken before a file is read (an edit after it changes the mtime)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


MSG_CHANGED = (
    "File '{name}' berubah selama sakip-xl bekerja (disimpan dari program lain?). Hasil tidak ditimpa "
    "ke file itu, supaya perubahan terbaru tidak hilang. Jalankan lagi sakip-xl compute setelah file "
    "selesai disimpan dan ditutup."
)
MSG_BUSY = (
    "File '{name}' sedang diproses oleh sakip-xl lain (ada kunci '{lock}'). Tunggu sampai proses itu "
    "selesai, lalu jalankan lagi."
)
MSG_NOT_REGULAR = (
    "'{path}' bukan file biasa (mis. pipe atau perangkat), sehingga tidak ditimpa. "
    "Sebutkan nama file .xlsx biasa."
)

LOCK_SUFFIX = ".sakip-lock"


def run_lock_path(path: Path) -> Path:
    """The lock file a run writing `path` holds: .NAME.sakip-lock beside it."""
    return path.with_name(f".{path.name}{LOCK_SUFFIX}")


@contextlib.contextmanager
def run_lock(path: Path):
    """Hold an exclusive lock for a run that writes `path`; a second run refuses (OutputError).

    The lock is an OS lock (flock / msvcrt) on .NAME.sakip-lock beside the file, so a
    run killed half-way holds nothing: its lock file is taken over by the next run.
    The lock file is removed when the run ends.
    """
    lock = run_lock_path(path)
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError:
            yield None          # a folder we cannot write a lock into: the write itself will say why
            return
        if not _try_lock(fd):
            os.close(fd)
            raise OutputError(MSG_BUSY.format(name=path.name, lock=lock.name))
        try:   # the lock file may have been removed (and re-made) by the run that just ended
            same = os.path.samestat(os.fstat(fd), os.stat(lock))
        except OSError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        yield lock
    finally:
        if os.name == "nt":   # an open file cannot be removed there: release, then remove
            os.close(fd)
            _remove_quietly(str(lock))
        else:                 # removed while still locked, so no run can lock the old file after us
            _remove_quietly(str(lock))
            os.close(fd)


def _try_lock(fd: int) -> bool:
    if os.name == "nt":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return True          # a file system without locks: go on unlocked
    return True


def _before_replace(target: Path) -> None:
    """Called after the new file is complete and before it replaces the old one (tests hook it)."""
    delay = os.environ.get("SAKIP_XL_TEST_DELAY_BEFORE_REPLACE")
    if delay:
        time.sleep(float(delay))


def check_writable(target: Path) -> None:
    """Refuse, before any work is done, a target that cannot be written."""
    folder = target.parent
    if not folder.exists():
        raise OutputError(f"Folder '{folder}' tidak ada. Buat foldernya dulu atau pilih lokasi lain dengan -o.")
    if not folder.is_dir():
        raise OutputError(f"'{folder}' bukan folder. Pilih lokasi lain dengan -o.")
    if target.is_dir():
        raise OutputError(f"'{target}' adalah folder. Sebutkan nama file hasil, mis. -o {target / 'hasil.xlsx'}.")
    if target.exists() and not target.is_file():
        raise OutputError(MSG_NOT_REGULAR.format(path=target))
    if target.exists() and not os.access(target, os.W_OK):
        raise OutputError(f"File '{target}' hanya-baca (read-only). Ubah izinnya atau simpan ke file lain dengan -o.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(
            f"Folder '{folder}' hanya-baca (read-only): hasil tidak dapat disimpan di sana. "
            "Ubah izin folder atau simpan ke lokasi lain dengan -o.")


def write_atomic(target: Path, data: bytes, backup_of: Path | None = None, *,
                 backup_data: bytes | None = None, expect: Identity | None = None,
                 keep_backup: Callable[[bytes], bool] | None = None) -> Path:
    """Write `data` to `target` through a temporary file in the same folder; return the path written.

    A symbolic link is written through: its target is updated, the link stays.
    When `backup_of` is given (an in-place update), its bytes (`backup_data`, the
    bytes that were read, else its current bytes) are first written, also
    atomically, to the backup path; the backup is only replaced once the new file
    is complete on disk. An existing backup for which `keep_backup(old bytes)` is
    true is first kept as NAME.asli.xlsx (hard link, else copy). With `expect`, the
    file read is checked just before the replace: if it changed since it was read
    (an editor saved it), nothing is replaced. On any failure the target is
    unchanged and no temporary file is left.
    """
    target = real_target(Path(target))
    if backup_of is not None:
        backup_of = real_target(Path(backup_of))
    check_writable(target)
    folder = target.parent
    remove_stale_temps(folder, target.name)
    if backup_of is not None:
        remove_stale_temps(folder, backup_path(backup_of).name)
    tmp = _write_temp(folder, target.name, data, _mode_for(target))
    bak_tmp = None
    try:
        _before_replace(target)
        if expect is not None and not expect.unchanged():
            raise OutputError(MSG_CHANGED.format(name=expect.path.name))
        if backup_of is not None:
            old = backup_data if backup_data is not None else backup_of.read_bytes()
            bak = backup_path(backup_of)
            if keep_backup is not None:
                _keep_old_backup(bak, old, keep_backup, backup_of)
            bak_tmp = _write_temp(folder, bak.name, old, _mode_for(backup_of))
            os.replace(bak_tmp, bak)
            bak_tmp = None
            if expect is not None and not expect.unchanged():
                raise OutputError(MSG_CHANGED.format(name=expect.path.name))
        os.replace(tmp, target)
        tmp = None
        _sync_folder(folder)
    except OSError as exc:
        raise OutputError(f"Gagal menyimpan '{target}': {exc.strerror or exc}. File asli tidak diubah.") from exc
    finally:
        for leftover in (tmp, bak_tmp):
            if leftover is not None:
                _remove_quietly(leftover)
    return target


def _keep_old_backup(bak: Path, new: bytes, keep: Callable[[bytes], bool], source: Path) -> None:
    """Keep an existing backup that must not be lost as NAME.asli.xlsx before it is replaced."""
    try:
        if not bak.is_file():
            return
        old = bak.read_bytes()
    except OSError:
        return
    if old == new or not keep(old):
        return
    keep_as = original_path(source)
    try:
        os.link(bak, keep_as)
    except OSError:
        tmp = _write_temp(bak.parent, keep_as.name, old, _mode_for(bak))
        try:
            os.replace(tmp, keep_as)
        except OSError:
            _remove_quietly(tmp)
            raise


def temp_files(folder: Path, name: str) -> list[Path]:
    """The temporary files a run writing `folder/name` makes (or left behind)."""
    prefix = f".{name}."
    try:
        entries = os.listdir(folder)
    except OSError:
        return []
    return [folder / e for e in entries if e.startswith(prefix) and _TEMP_TAIL.match(e[len(prefix):])]


_TEMP_TAIL = re.compile(r"^\d+\.\w+" + re.escape(TEMP_SUFFIX) + "$")   # PID.RANDOM.sakip-tmp


def remove_stale_temps(folder: Path, name: str) -> list[Path]:
    """Remove temporary files left by runs that died; return what was removed.

    A temporary file names the process that made it; it is stale when that process
    no longer runs, or when it is older than a day (the pid may have been reused).
    The temporary file of a run still writing is left alone.
    """
    removed = []
    for path in temp_files(folder, name):
        pid = _pid_of(path.name[len(name) + 2:])
        try:
            age = time.time() - path.stat().st_mtime
        except OSError:
            continue
        if pid is not None and pid != os.getpid() and _alive(pid) and age < STALE_AFTER_SECONDS:
            continue
        if _remove_quietly(str(path)):
            removed.append(path)
    return removed


def _pid_of(rest: str) -> int | None:
    head = rest.split(".", 1)[0]
    return int(head) if head.isdigit() else None


def _alive(pid: int) -> bool:
    if os.name == "nt":
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)   # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _alive_windows(pid: int) -> bool:
    """On Windows os.kill(pid, 0) would terminate the process: ask the kernel instead."""
    try:
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(0x1000, False, pid)   # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5             # access denied: it exists (another user's)
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == 259   # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    except Exception:
        return True   # unsure: keep the file (it is removed once it is a day old)


def _mode_for(path: Path) -> int:
    """The permissions a file written at `path` gets: those of the file it replaces,
    else what any new file gets here (0666 less the umask) — not mkstemp's private 0600."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _write_temp(folder: Path, name: str, data: bytes, mode: int | None = None) -> str:
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise OutputError(
            f"Tidak dapat menulis di folder '{folder}': {exc.strerror or exc}. "
            "Periksa izin folder atau simpan ke lokasi lain dengan -o."
        ) from exc
    try:
        try:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException as exc:
        _remove_quietly(tmp)
        if isinstance(exc, OSError):
            raise OutputError(
                f"Gagal menulis file sementara di '{folder}': {exc.strerror or exc}. "
                "Periksa ruang disk yang tersisa; file asli tidak diubah.") from exc
        raise
    return tmp


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_quietly(path: str) -> bool:
    try:
        os.unlink(path)
        return True
    except OSError:
        return False
