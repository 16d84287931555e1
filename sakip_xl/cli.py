"""Command line: a thin layer over the library (engine.py)."""
from __future__ import annotations

import json
import sys

import click

from sakip_xl import clitext

clitext.install()   # before any option is declared: click takes some of its texts then

from sakip_xl._version import __version__  # noqa: E402
from sakip_xl import findings as F  # noqa: E402
from sakip_xl.errors import SakipError  # noqa: E402

EXIT_HELP = """\b
Kode keluar (exit code):
  0  berhasil (check: tidak ada temuan tingkat galat)
  1  check: ada temuan tingkat galat
  2  perintah atau opsi salah
  3  workbook tidak dapat dibaca (tidak ada, bukan .xlsx, rusak, bersandi, nama lembar tidak sah, lembar/kolom wajib hilang)
  4  hasil tidak dapat disimpan (folder tidak ada, hanya-baca, file sedang dibuka atau sedang
     diproses, file berubah selama proses, nama lembar bentrok, file template sudah ada,
     nama file terlalu panjang)
  5  galat internal sakip-xl (file tidak diubah; laporkan beserta contoh filenya)
"""


from sakip_xl.rekap.keys import JSON_KEYS_HELP as _REKAP_JSON_HELP  # noqa: E402


class _Fatal(click.ClickException):
    def __init__(self, err: SakipError):
        super().__init__(err.message)
        self.exit_code = err.exit_code

    def show(self, file=None):
        click.echo(f"Galat: {self.message}", err=True)


class _Internal(SakipError):
    exit_code = 5


def _stdout_gone() -> None:
    """The reader of stdout went away (`| head -1`): the rest of the output goes nowhere.

    A closed pipe is not a failure of the work: the exit code still says how the work went."""
    import os
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):   # no real file descriptor (tests): nothing to redirect
        pass


def _echo(message=None, **kwargs) -> None:
    """click.echo to stdout that survives a closed pipe."""
    try:
        click.echo(message, **kwargs)
    except BrokenPipeError:
        _stdout_gone()


def _run(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except BrokenPipeError:        # printing (recap) into a closed pipe, after the work was done
        _stdout_gone()
        return None
    except SakipError as err:
        raise _Fatal(err) from err
    except Exception as exc:  # a bug must not show a traceback to staff; SAKIP_XL_DEBUG=1 shows it
        import os
        if os.environ.get("SAKIP_XL_DEBUG"):
            raise
        raise _Fatal(_Internal(
            f"galat internal sakip-xl ({type(exc).__name__}: {exc}). File Anda tidak diubah. "
            "Laporkan kepada pengelola sakip-xl beserta contoh filenya; jalankan dengan SAKIP_XL_DEBUG=1 "
            "untuk rinciannya.")) from exc


_PASSWORD_HELP = ("Kata sandi untuk membuka workbook yang dilindungi sandi (dibuka di memori saja; "
                  "hasil compute dienkripsi lagi dengan sandi yang sama). Bisa juga lewat variabel SAKIP_XL_SANDI.")
_PASSWORD_HELP_READ = ("Kata sandi untuk membuka workbook yang dilindungi sandi (dibuka di memori saja; "
                       "workbook tidak diubah). Bisa juga lewat variabel SAKIP_XL_SANDI.")
_PASSWORD_HELP_REPORT = ("Kata sandi untuk membuka workbook yang dilindungi sandi (dibuka di memori saja; "
                         "workbook tidak diubah). Laporan Word dilindungi dengan sandi yang sama. "
                         "Bisa juga lewat variabel SAKIP_XL_SANDI.")


_ONE_SHOT = False      # set by run(): this process ends (os._exit) once the command is done


def _no_collector() -> None:
    """One workbook, then the process ends: no cyclic garbage collection at all.

    The engine pauses the collector while it works and restores it afterwards; the
    first collection after that would walk the millions of objects a big survey
    left (about 0,1 s, measured with bench/run.py) only to find nothing to free.
    Only in the console script: `main` called in a longer-lived process keeps its collector.
    """
    import gc

    if _ONE_SHOT:
        gc.disable()


_KEPT: list = []


def _keep(report) -> None:
    """In the console script, keep the report (and the rows it reaches) alive until os._exit:
    freeing a big survey's millions of objects one by one costs ~0,04 s and serves nothing."""
    if _ONE_SHOT:
        _KEPT.append(report)


def _password_option(fn=None, *, help=_PASSWORD_HELP):
    if fn is None:
        return lambda f: _password_option(f, help=help)
    return click.option("--sandi", "--password", "password", default=None, envvar="SAKIP_XL_SANDI",
                        metavar="SANDI", help=help)(fn)


@click.group(cls=clitext.Group, help="sakip-xl: hitung capaian kinerja, kategori, dan pemeriksaan pada workbook SAKIP.\n\n" + EXIT_HELP)
@click.version_option(__version__, "--version", "--versi", prog_name="sakip-xl", message="%(prog)s %(version)s")
def main():
    pass


@main.command(help="Tambahkan lembar hasil ke WORKBOOK: Capaian, Perbandingan, Hasil Anggaran, Hasil SKM (bila datanya ada) dan Pemeriksaan.\n\n"
                   "Tanpa -o, file diperbarui di tempat dan versi sebelumnya disimpan sebagai NAMA.bak.xlsx.\n\n"
                   + EXIT_HELP)
@click.argument("workbook", type=click.Path(dir_okay=True, path_type=str))
@click.option("-o", "--output", metavar="FILE", type=click.Path(dir_okay=True, path_type=str), default=None,
              help="Simpan hasil ke file ini; WORKBOOK tidak diubah.")
@click.option("--paksa", "force", is_flag=True, help="Tetap tulis walau ada file kunci Excel/LibreOffice.")
@click.option("--format", "fmt", type=click.Choice(["teks", "json"]), default="teks", show_default=True,
              help="Bentuk daftar temuan yang dicetak.")
@_password_option
def compute(workbook, output, force, fmt, password):
    from sakip_xl.engine import compute as run
    _no_collector()
    report = _run(run, workbook, output, force, password)
    _keep(report)
    if fmt == "json":
        _print_json(report.findings)
        return
    for f in report.findings:
        if f.code in _SAID_BEFORE_DONE:
            _echo(f"Perhatian ({f.code}): {f.message}")
    _echo(f"Selesai: {report.output}")
    _print_text(report)


@main.command(help="Periksa WORKBOOK tanpa mengubahnya, dan cetak temuannya.\n\n" + EXIT_HELP)
@click.argument("workbook", type=click.Path(dir_okay=True, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["teks", "json"]), default="teks", show_default=True,
              help="teks untuk dibaca orang, json untuk program lain.")
@click.option("--tingkat", "--severity", "severity", type=click.Choice([F.GALAT, F.PERINGATAN, F.INFO]),
              default=F.INFO, show_default=True,
              help="Tampilkan temuan tingkat ini dan yang lebih berat saja.")
@_password_option(help=_PASSWORD_HELP_READ)
def check(workbook, fmt, severity, password):
    from sakip_xl.engine import check as run
    _no_collector()
    report = _run(run, workbook, password)
    _keep(report)
    limit = F.SEVERITY_ORDER[severity]
    shown = [f for f in report.findings if F.SEVERITY_ORDER[f.severity] <= limit]
    if fmt == "json":
        _print_json(shown)
    else:
        _print_text(report, shown)
    if report.has_errors:
        sys.exit(1)


@main.command(help="Buat workbook template kosong (dengan lembar Petunjuk) di FILE (file .xlsx baru, mis. workbook-saya.xlsx).\n\n"
                   "File yang sudah ada tidak ditimpa, kecuali dengan --paksa: versi lamanya disimpan dulu sebagai "
                   "NAMA.bak.xlsx. File yang sedang dibuka di Excel/LibreOffice tidak pernah ditimpa.\n\n" + EXIT_HELP)
@click.argument("output", metavar="FILE", type=click.Path(dir_okay=True, path_type=str))
@click.option("--paksa", "force", is_flag=True,
              help="Ganti file yang sudah ada dengan template kosong (versi lamanya disimpan sebagai NAMA.bak.xlsx).")
def template(output, force):
    from sakip_xl.engine import write_template
    _run(write_template, output, force)
    _echo(f"Template dibuat: {output}")


@main.command(help="Daftar kode temuan (katalog) yang dapat dikutip dalam kertas kerja reviu.")
@click.option("--format", "fmt", type=click.Choice(["teks", "json", "markdown"]), default="teks",
              show_default=True, help="markdown menghasilkan docs/kode-temuan.md.")
def codes(fmt):
    from sakip_xl.catalogue import catalogue, catalogue_markdown   # every section: loaded for this command only

    if fmt == "markdown":
        _echo(catalogue_markdown(), nl=False)
        return
    if fmt == "json":
        _echo(json.dumps([vars(c) for c in catalogue()], ensure_ascii=False, indent=2))
        return
    for c in catalogue():
        _echo(f"{c.code}  [{c.severity}]  {c.title}\n    Perbaikan: {c.hint}")


@main.command(help="Buat dokumen Word (.docx) berisi tabel Bab III LKjIP dari WORKBOOK: pengukuran kinerja "
                   "(Tabel 3.1), perbandingan dengan tahun lalu, target akhir Renstra dan nasional (Tabel 3.2-3.4) "
                   "per sasaran, hasil SKM, anggaran per program dan kegiatan, dan anggaran per sasaran.\n\n"
                   "WORKBOOK hanya dibaca, tidak diubah; workbook yang belum di-compute tetap bisa dipakai. "
                   "Tanpa -o, laporan disimpan sebagai NAMA-bab3.docx di samping workbook.\n\n" + EXIT_HELP)
@click.argument("workbook", type=click.Path(dir_okay=True, path_type=str))
@click.option("-o", "--output", metavar="FILE", type=click.Path(dir_okay=True, path_type=str), default=None,
              help="Simpan laporan ke file .docx ini.")
@click.option("--paksa", "force", is_flag=True,
              help="Tetap tulis walau file laporan sedang dibuka, atau (workbook bersandi) walau laporan tidak "
                   "dapat dienkripsi.")
@_password_option(help=_PASSWORD_HELP_REPORT)
def report(workbook, output, force, password):
    from sakip_xl.report import write
    target = _run(write, workbook, output, password, force)
    _echo(f"Laporan dibuat: {target}")


@main.command(help="Rekap semua workbook OPD di FOLDER menjadi satu workbook kabupaten (boleh ditulis: sakip-xl rekap).\n\n"
                   "Membaca setiap *.xlsx/*.xlsm (tidak mengubahnya), secara paralel. File kunci (~$...) dan "
                   "file tersembunyi diabaikan; file .xls dan file rusak dicatat di lembar Gagal tanpa "
                   "menghentikan rekap. Tanpa -o hanya mencetak tabelnya.\n\n"
                   "Kode keluar: 0 rekap selesai (walau ada file gagal); 2 perintah/opsi salah; "
                   "3 folder tidak ada atau tidak berisi workbook; 4 hasil tidak dapat disimpan.\n\n"
                   + _REKAP_JSON_HELP)
@click.argument("folder", type=click.Path(path_type=str))
@click.option("-o", "--output", metavar="FILE", type=click.Path(dir_okay=True, path_type=str), default=None,
              help="Simpan workbook rekap (.xlsx) ke file ini.")
@click.option("-j", "--jobs", metavar="N", type=click.IntRange(min=1), default=None,
              help="Banyaknya proses paralel (bawaan: banyaknya inti prosesor).")
@click.option("--format", "fmt", type=click.Choice(["teks", "json"]), default="teks", show_default=True,
              help="teks untuk dibaca orang, json (ke stdout) untuk program lain.")
@click.option("--paksa", "force", is_flag=True, help="Tetap tulis walau file rekap sedang dibuka.")
def recap(folder, output, jobs, fmt, force):
    from sakip_xl.rekap.command import run
    _run(run, folder, output, jobs, fmt, force)


def _print_json(findings):
    keys = ("code", "severity", "sheet", "cell", "message", "hint")
    _echo(json.dumps([{k: getattr(f, k) for k in keys} for f in findings], ensure_ascii=False, indent=2))


_SAID_BEFORE_DONE = ("PK-023",)     # findings a user must not miss under "Selesai"


def _print_text(report, shown=None):
    from sakip_xl.console import lines
    _echo("\n".join(lines(report.findings if shown is None else shown, report.counts)))


def run() -> None:
    """The `sakip-xl` console script: `main`, then a quick exit.

    After reading a 100,000-row survey the process holds millions of small objects;
    freeing them one by one at interpreter shutdown costs ~0,05 s (3 % of a compute,
    measured with bench/run.py) and serves nothing: every file the tool writes is
    complete, synced and renamed before `main` returns. So the process ends with
    os._exit once the standard streams are flushed, with `main`'s exit code.
    """
    import os

    global _ONE_SHOT
    _ONE_SHOT = True
    code = 0
    try:
        main(prog_name="sakip-xl")
    except SystemExit as exc:
        if isinstance(exc.code, int):
            code = exc.code
        elif exc.code is not None:
            click.echo(str(exc.code), err=True)
            code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):   # a closed pipe (`| head`): nothing left to say
            pass
    os._exit(code)


if __name__ == "__main__":   # python -m sakip_xl.cli
    run()
