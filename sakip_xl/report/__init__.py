"""`sakip-xl report`: the LKjIP Bab III tables as a Word document, ready to paste into the report.

The tables come from engine.analyze (the numbers the computed sheets store);
the workbook is only read, never written, whether it was computed or not.
"""
from __future__ import annotations

from pathlib import Path

from sakip_xl._version import __version__
from sakip_xl import findings as F
from sakip_xl.errors import OutputError
from sakip_xl.analisis import report as analisis_report
from sakip_xl.report import anggaran, kinerja, skm
from sakip_xl.write.report_model import Heading, Para, Report, text

__all__ = ["build", "render_bytes", "write"]


def build(analysis) -> Report:
    """The report as plain data (headings, paragraphs, tables of text)."""
    settings = analysis.settings
    who = text(settings.get("instansi")) if settings.get("instansi") else "Perangkat Daerah"
    tahun = settings.get("tahun")
    year = f" TAHUN {int(tahun)}" if isinstance(tahun, (int, float)) and float(tahun).is_integer() else ""
    report = Report(f"TABEL BAB III LAPORAN KINERJA {who.upper()}{year}")
    report.blocks.append(Para(
        f"Dibuat oleh sakip-xl {__version__} dari workbook SAKIP; angkanya sama dengan lembar Capaian, "
        "Perbandingan, Hasil SKM dan Hasil Anggaran. Salin tabel ke laporan sesuai urutan Bab III.",
        italic=True, small=True))
    errors = sum(1 for f in analysis.findings if f.severity == F.GALAT)
    if errors:
        report.blocks.append(Para(
            f"Perhatian: workbook ini memiliki {errors} temuan tingkat galat. Periksa lembar Pemeriksaan "
            "(atau jalankan sakip-xl check) sebelum memakai tabel ini.", bold=True, small=True))
    report.blocks.append(Heading("BAB III AKUNTABILITAS KINERJA", 1))
    report.blocks += kinerja.section(analysis)
    report.blocks += skm.section(analysis)
    report.blocks += analisis_report.skm_blocks(analysis)
    report.blocks += anggaran.section(analysis)
    # numbered once each, in the order they appear (as an LKjIP numbers them): the comparisons of
    # sasaran 2 are 3.5-3.7, not a second 3.2-3.4
    for number, table in enumerate(report.tables(), start=1):
        table.title = f"Tabel 3.{number}"
    return report


def render_bytes(analysis) -> bytes:
    from sakip_xl.report.document import render
    return render(build(analysis))


def write(path: str | Path, output: str | Path | None = None, password: str | None = None,
          force: bool = False) -> Path:
    """Read the workbook at `path` and write the report; returns the report's path."""
    from sakip_xl.xlsx.encryption import open_bytes
    from sakip_xl.engine import analyze
    from sakip_xl.xlsx.safeio import check_writable, lock_file_for, read_input, write_atomic
    path = Path(path)
    target = Path(output) if output is not None else path.with_name(path.stem + "-bab3.docx")
    if target.suffix.lower() != ".docx":
        raise OutputError(f"Nama file laporan '{target.name}' harus berakhiran .docx (dokumen Word), "
                          f"mis. -o {target.stem}.docx.")
    raw = read_input(path)
    if target.exists() and target.resolve() == path.resolve():
        raise OutputError("File laporan tidak boleh sama dengan workbook. Pilih nama lain dengan -o.")
    check_writable(target)
    if not force and target.exists():
        lock = lock_file_for(target)
        if lock is not None:
            raise OutputError(
                f"'{target.name}' sedang dibuka di Word/LibreOffice (ada file kunci '{lock.name}'). Tutup file itu "
                "lalu jalankan lagi, atau pakai --paksa bila yakin file tidak sedang dibuka.")
    data, reencrypt = open_bytes(raw, password)
    document = render_bytes(analyze(data))
    if reencrypt is not None:
        # the report holds the workbook's numbers: it is protected with the workbook's password
        from sakip_xl.xlsx.encryption import encrypt
        try:
            document = encrypt(document, reencrypt)
        except OutputError:
            if not force:
                raise OutputError(
                    "Laporan tidak dapat dienkripsi dengan kata sandi workbook, sehingga tidak ditulis "
                    "(isinya rahasia seperti workbooknya). Pakai --paksa untuk tetap menulisnya tanpa sandi.") from None
    write_atomic(target, document)
    return target
