"""Reading the input and replacing files atomically, never leaving half a file.

Writing goes through a temporary file beside the target (``.NAME.PID.xxxx.sakip-tmp``),
written completely and flushed to disk before it replaces the target with one
``os.replace``. A process killed half-way leaves the target as it was; the
temporary file it may leave behind is removed by the next run that writes the
same target (only when the process that made it is gone).
"""
from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from pathlib import Path

from .errors import InputFileError, OutputError

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


def check_writable(target: Path) -> None:
    """Refuse, before any work is done, a target that cannot be written."""
    folder = target.parent
    if not folder.exists():
        raise OutputError(f"Folder '{folder}' tidak ada. Buat foldernya dulu atau pilih lokasi lain dengan -o.")
    if not folder.is_dir():
        raise OutputError(f"'{folder}' bukan folder. Pilih lokasi lain dengan -o.")
    if target.is_dir():
        raise OutputError(f"'{target}' adalah folder. Sebutkan nama file hasil, mis. -o {target / 'hasil.xlsx'}.")
    if target.exists() and not os.access(target, os.W_OK):
        raise OutputError(f"File '{target}' hanya-baca (read-only). Ubah izinnya atau simpan ke file lain dengan -o.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(
            f"Folder '{folder}' hanya-baca (read-only): hasil tidak dapat disimpan di sana. "
            "Ubah izin folder atau simpan ke lokasi lain dengan -o.")


def write_atomic(target: Path, data: bytes, backup_of: Path | None = None) -> None:
    """Write `data` to `target` through a temporary file in the same folder.

    When `backup_of` is given (an in-place update), its current bytes are first
    written, also atomically, to the backup path; the backup is only replaced once
    the new file is complete on disk. On any failure the target is unchanged and
    no temporary file is left.
    """
    target = Path(target)
    check_writable(target)
    folder = target.parent
    remove_stale_temps(folder, target.name)
    if backup_of is not None:
        remove_stale_temps(folder, backup_path(backup_of).name)
    tmp = _write_temp(folder, target.name, data, _mode_for(target))
    bak_tmp = None
    try:
        if backup_of is not None:
            old = backup_of.read_bytes()
            bak_tmp = _write_temp(folder, backup_path(backup_of).name, old, _mode_for(backup_of))
            os.replace(bak_tmp, backup_path(backup_of))
            bak_tmp = None
        os.replace(tmp, target)
        tmp = None
        _sync_folder(folder)
    except OSError as exc:
        raise OutputError(f"Gagal menyimpan '{target}': {exc.strerror or exc}. File asli tidak diubah.") from exc
    finally:
        for leftover in (tmp, bak_tmp):
            if leftover is not None:
                _remove_quietly(leftover)


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
