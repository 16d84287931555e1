"""Reading the input and replacing files atomically, never leaving half a file."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputFileError, OutputError

MAX_INPUT_BYTES = 1 << 30


def read_input(path: Path) -> bytes:
    if not path.exists():
        raise InputFileError(f"File '{path}' tidak ditemukan. Periksa nama dan folder file.")
    if path.is_dir():
        raise InputFileError(f"'{path}' adalah folder, bukan file workbook. Sebutkan file .xlsx-nya.")
    if path.suffix.lower() == ".xls":
        raise InputFileError(
            f"'{path.name}' adalah file Excel lama (.xls). Buka di Excel lalu simpan sebagai "
            "'Excel Workbook (*.xlsx)', kemudian jalankan lagi dengan file .xlsx itu."
        )
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputFileError(f"File '{path.name}' terlalu besar ({size // 2**20} MB; batas 1024 MB).")
        return path.read_bytes()
    except PermissionError as exc:
        raise InputFileError(f"File '{path}' tidak dapat dibaca: izin ditolak. Periksa hak akses file.") from exc
    except OSError as exc:
        raise InputFileError(f"File '{path}' tidak dapat dibaca: {exc.strerror}.") from exc


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


def write_atomic(target: Path, data: bytes, backup_of: Path | None = None) -> None:
    """Write `data` to `target` through a temporary file in the same folder.

    When `backup_of` is given (an in-place update), its current bytes are first
    written, also atomically, to the backup path; the backup is only replaced once
    the new file is complete on disk.
    """
    folder = target.parent
    if not folder.exists():
        raise OutputError(f"Folder '{folder}' tidak ada. Buat foldernya dulu atau pilih lokasi lain dengan -o.")
    if target.exists() and not os.access(target, os.W_OK):
        raise OutputError(f"File '{target}' hanya-baca (read-only). Ubah izinnya atau simpan ke file lain dengan -o.")
    tmp = _write_temp(folder, target.name, data)
    try:
        if backup_of is not None:
            old = backup_of.read_bytes()
            bak_tmp = _write_temp(folder, backup_path(backup_of).name, old)
            os.replace(bak_tmp, backup_path(backup_of))
        os.replace(tmp, target)
    except OSError as exc:
        _remove_quietly(tmp)
        raise OutputError(f"Gagal menyimpan '{target}': {exc.strerror or exc}. File asli tidak diubah.") from exc
    except BaseException:
        _remove_quietly(tmp)
        raise


def _write_temp(folder: Path, name: str, data: bytes) -> str:
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".sakip-tmp", dir=folder)
    except OSError as exc:
        raise OutputError(
            f"Tidak dapat menulis di folder '{folder}': {exc.strerror or exc}. "
            "Periksa izin folder atau simpan ke lokasi lain dengan -o."
        ) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException as exc:
        _remove_quietly(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"Gagal menulis file sementara di '{folder}': {exc.strerror or exc}.") from exc
        raise
    return tmp


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
