"""What `sakip-xl recap` does between parsing its options and printing (kept out of cli.py)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from sakip_xl.errors import OutputError
from sakip_xl.xlsx.safeio import check_writable, lock_file_for, write_atomic
from sakip_xl.rekap import as_dict, recap, render
from sakip_xl.rekap.aggregate import year_text
from sakip_xl.rekap.model import Rekap


def check_output(output: Path, force: bool) -> None:
    """Refuse an output that cannot be written before any workbook is read."""
    if output.suffix.lower() != ".xlsx":
        raise OutputError(f"Nama file rekap '{output.name}' harus berakhiran .xlsx, mis. -o {output.stem}.xlsx.")
    check_writable(output)
    lock = lock_file_for(output) if output.exists() else None
    if lock is not None and not force:
        raise OutputError(
            f"'{output.name}' sedang dibuka di Excel/LibreOffice (ada file kunci '{lock.name}'). "
            "Tutup file itu lalu jalankan lagi, atau pakai --paksa bila yakin file tidak sedang dibuka.")


class _Bar:
    """A progress bar on stderr, only when stderr is a terminal."""

    def __init__(self):
        self.bar = None
        self.enabled = sys.stderr.isatty()

    def __call__(self, done: int, total: int, name: str) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Merekap", file=sys.stderr, show_pos=True)
            self.bar.__enter__()
        self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def run(folder: str, output: str | None, jobs: int | None, fmt: str, force: bool) -> Rekap:
    target = Path(output) if output else None
    if target is not None:
        check_output(target, force)
    bar = _Bar()
    try:
        rekap = recap(folder, jobs=jobs, progress=bar, exclude=(target,) if target is not None else ())
    finally:
        bar.close()
    if target is not None:
        write_atomic(target, render(rekap, str(target.resolve().parent)))
    if fmt == "json":
        click.echo(json.dumps(as_dict(rekap), ensure_ascii=False, indent=2))
    else:
        print_text(rekap, target)
    return rekap


def _num(value, decimals: int = 2) -> str:
    from sakip_xl.read.numbers import format_id
    return "-" if value is None else format_id(value, decimals)


def print_text(rekap: Rekap, target: Path | None) -> None:
    click.echo(f"Rekap: {len(rekap.rows)} workbook, {len(rekap.failures)} gagal, {len(rekap.skipped)} dilewati, "
               f"{len(rekap.findings)} temuan rekap")
    if target is not None:
        click.echo(f"Disimpan: {target}")
    for r in rekap.rows:
        click.echo(f"  {r.file}: {r.label} {year_text(r.tahun)} | IKM {_num(r.nik)} {r.mutu or ''} | "
                   f"capaian {_num(r.capaian)} % | serapan {_num(r.serapan)} % | "
                   f"galat {r.counts.get('galat', 0)}{' | hasil usang' if r.stale else ''}")
    for f in rekap.failures:
        click.echo(f"  GAGAL {f.file}: {f.reason}")
    for s in rekap.skipped:
        click.echo(f"  dilewati {s.file}: {s.reason}")
    for f in rekap.findings:
        click.echo(f"  {f.finding.code} [{f.finding.severity}] {f.file}: {f.finding.message}")
