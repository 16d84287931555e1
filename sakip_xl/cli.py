"""Command line: a thin layer over the library (engine.py)."""
from __future__ import annotations

import json
import sys

import click

from . import __version__
from . import findings as F
from .errors import SakipError

EXIT_HELP = """\b
Kode keluar (exit code):
  0  berhasil (check: tidak ada temuan tingkat galat)
  1  check: ada temuan tingkat galat
  2  perintah atau opsi salah
  3  workbook tidak dapat dibaca (tidak ada, bukan .xlsx, rusak, berkata sandi, lembar/kolom wajib hilang)
  4  hasil tidak dapat disimpan (folder tidak ada, hanya-baca, file sedang dibuka, nama lembar bentrok)
"""


class _Fatal(click.ClickException):
    def __init__(self, err: SakipError):
        super().__init__(err.message)
        self.exit_code = err.exit_code

    def show(self, file=None):
        click.echo(f"Galat: {self.message}", err=True)


def _run(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except SakipError as err:
        raise _Fatal(err) from err


@click.group(help="sakip-xl: hitung capaian kinerja, kategori, dan pemeriksaan pada workbook SAKIP.\n\n" + EXIT_HELP)
@click.version_option(__version__, prog_name="sakip-xl", message="%(prog)s %(version)s")
def main():
    pass


@main.command(help="Tambahkan lembar hasil (Capaian, Pemeriksaan) ke WORKBOOK.\n\n"
                   "Tanpa -o, file diperbarui di tempat dan versi sebelumnya disimpan sebagai NAMA.bak.xlsx.\n\n"
                   + EXIT_HELP)
@click.argument("workbook", type=click.Path(dir_okay=True, path_type=str))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="Simpan hasil ke file ini; WORKBOOK tidak diubah.")
@click.option("--paksa", "force", is_flag=True, help="Tetap tulis walau ada file kunci Excel/LibreOffice.")
@click.option("--format", "fmt", type=click.Choice(["teks", "json"]), default="teks", show_default=True,
              help="Bentuk daftar temuan yang dicetak.")
def compute(workbook, output, force, fmt):
    from .engine import compute as run
    report = _run(run, workbook, output, force)
    if fmt == "json":
        _print_json(report.findings)
        return
    click.echo(f"Selesai: {report.output}")
    _print_text(report)


@main.command(help="Periksa WORKBOOK tanpa mengubahnya, dan cetak temuannya.\n\n" + EXIT_HELP)
@click.argument("workbook", type=click.Path(dir_okay=True, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["teks", "json"]), default="teks", show_default=True,
              help="teks untuk dibaca orang, json untuk program lain.")
@click.option("--severity", "--tingkat", "severity", type=click.Choice([F.GALAT, F.PERINGATAN, F.INFO]),
              default=F.INFO, show_default=True,
              help="Tampilkan temuan tingkat ini dan yang lebih berat saja.")
def check(workbook, fmt, severity):
    from .engine import check as run
    report = _run(run, workbook)
    limit = F.SEVERITY_ORDER[severity]
    shown = [f for f in report.findings if F.SEVERITY_ORDER[f.severity] <= limit]
    if fmt == "json":
        _print_json(shown)
    else:
        _print_text(report, shown)
    if report.has_errors:
        sys.exit(1)


@main.command(help="Buat workbook template kosong (dengan lembar Petunjuk) di OUTPUT.")
@click.argument("output", type=click.Path(dir_okay=False, path_type=str))
def template(output):
    from pathlib import Path

    from .safeio import write_atomic
    from .template import build_template
    _run(write_atomic, Path(output), build_template())
    click.echo(f"Template dibuat: {output}")


@main.command(help="Daftar kode temuan (katalog) yang dapat dikutip dalam kertas kerja reviu.")
@click.option("--format", "fmt", type=click.Choice(["teks", "json", "markdown"]), default="teks",
              show_default=True, help="markdown menghasilkan docs/kode-temuan.md.")
def codes(fmt):
    if fmt == "markdown":
        click.echo(F.catalogue_markdown(), nl=False)
        return
    if fmt == "json":
        click.echo(json.dumps([vars(c) for c in F.catalogue()], ensure_ascii=False, indent=2))
        return
    for c in F.catalogue():
        click.echo(f"{c.code}  [{c.severity}]  {c.title}\n    Perbaikan: {c.hint}")


def _print_json(findings):
    keys = ("code", "severity", "sheet", "cell", "message", "hint")
    click.echo(json.dumps([{k: getattr(f, k) for k in keys} for f in findings], ensure_ascii=False, indent=2))


def _print_text(report, shown=None):
    c = report.counts
    click.echo(f"Temuan: {c.get(F.GALAT, 0)} galat, {c.get(F.PERINGATAN, 0)} peringatan, {c.get(F.INFO, 0)} info")
    for f in report.findings if shown is None else shown:
        click.echo(f"  {f.code} [{f.severity}] {f.place}: {f.message}")
