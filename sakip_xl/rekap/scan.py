"""Which files of a folder are OPD workbooks.

Only the folder itself is read (not its subfolders). Lock files of Excel (~$...)
and LibreOffice (.~lock....#) and hidden files are ignored without a word; an old
.xls is a failure with the save-as hint; any other file is listed as skipped.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sakip_xl.errors import InputFileError
from sakip_xl.xlsx.safeio import MSG_LEGACY_NAME
from sakip_xl.rekap.model import Failure, Skipped

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
NOT_A_WORKBOOK = "bukan workbook (hanya file .xlsx dan .xlsm yang direkap)"


@dataclass
class Listing:
    workbooks: list[Path] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)    # .xls: refused without reading
    skipped: list[Skipped] = field(default_factory=list)


def order_key(name: str) -> tuple[str, str]:
    """Stable output order: by file name, case folded."""
    return (name.casefold(), name)


def is_ignored(name: str) -> bool:
    """Lock files and hidden files: never a workbook, never mentioned."""
    return name.startswith("~$") or name.startswith(".")


def scan(folder: Path, exclude: tuple[Path, ...] = ()) -> Listing:
    """The folder's workbooks, in order; raises InputFileError when there is nothing to rekap."""
    folder = Path(folder)
    if not folder.exists():
        raise InputFileError(f"Folder '{folder}' tidak ditemukan. Periksa nama dan lokasi folder.")
    if not folder.is_dir():
        raise InputFileError(f"'{folder}' bukan folder. Sebutkan folder yang berisi workbook OPD.")
    try:
        names = sorted(os.listdir(folder), key=order_key)
    except OSError as exc:
        raise InputFileError(f"Folder '{folder}' tidak dapat dibaca: {exc.strerror or exc}.") from None
    excluded = {_resolved(p) for p in exclude}
    listing = Listing()
    for name in names:
        path = folder / name
        if is_ignored(name) or _is_dir(path) or _resolved(path) in excluded:
            continue
        suffix = path.suffix.lower()
        if suffix in WORKBOOK_SUFFIXES:
            listing.workbooks.append(path)
        elif suffix == ".xls":
            listing.failures.append(Failure(name, str(path), MSG_LEGACY_NAME.format(name=name), "InputFileError"))
        else:
            listing.skipped.append(Skipped(name, str(path), NOT_A_WORKBOOK))
    if not listing.workbooks:
        hint = (" File .xls lama harus disimpan dulu sebagai .xlsx di Excel." if listing.failures else "")
        raise InputFileError(
            f"Folder '{folder}' tidak berisi workbook .xlsx atau .xlsm untuk direkap.{hint} "
            "Kumpulkan workbook semua OPD dalam satu folder, lalu jalankan lagi.")
    return listing


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:        # a symlink loop or a name too long: read (and reported) as a workbook entry
        return False


def _resolved(path: Path) -> Path:
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):       # RuntimeError: a symlink loop (Python < 3.13)
        return Path(os.path.abspath(path))
