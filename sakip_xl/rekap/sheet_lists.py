"""The list sheets of the rekap: every indicator, the rekap's findings, the failed and skipped files."""
from __future__ import annotations

from sakip_xl.xlsx.addresses import quote_sheet
from sakip_xl.write.common import fit_row
from sakip_xl.rekap.cells import RekapFormats, put, write_file
from sakip_xl.rekap.model import Failure, OpdRow, RekapFinding, Skipped

INDIKATOR_SHEET = "Rekap Indikator"
TEMUAN_SHEET = "Temuan Rekap"
GAGAL_SHEET = "Gagal"
DILEWATI_SHEET = "Dilewati"
HEADER_ROW = 3

INDIKATOR_HEADERS = (
    ("No", 5), ("Instansi", 28), ("Tahun", 7), ("File", 24), ("Sasaran Strategis", 36), ("Indikator Kinerja", 46),
    ("Satuan", 9), ("Polaritas", 9), ("Target", 11), ("Target Batas Atas", 10), ("Realisasi", 11),
    ("Capaian (%)", 10), ("Capaian Dibatasi (%)", 10), ("Kategori", 12), ("Status", 16),
)
TEMUAN_HEADERS = (("No", 5), ("Kode", 9), ("Tingkat", 11), ("File", 28), ("Sel", 16), ("Temuan", 70),
                  ("Cara Memperbaiki", 55))
GAGAL_HEADERS = (("No", 5), ("File", 30), ("Alasan", 90), ("Jenis", 22))
DILEWATI_HEADERS = (("No", 5), ("File", 30), ("Alasan", 60))


def _sheet(wb, fmt: RekapFormats, name: str, title: str, note: str, headers) -> object:
    ws = wb.add_worksheet(name)
    ws.write_string(0, 0, title, fmt.title)
    ws.write_string(1, 0, note, fmt.note)
    for c, (h, w) in enumerate(headers):
        ws.set_column(c, c, w)
        ws.write_string(HEADER_ROW, c, h, fmt.header)
    ws.set_row(HEADER_ROW, 30)
    ws.freeze_panes(HEADER_ROW + 1, 0)
    ws.repeat_rows(HEADER_ROW)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    return ws


def _finish(ws, fmt: RekapFormats, count: int, headers, empty: str) -> None:
    if count == 0:
        ws.write_string(HEADER_ROW + 1, 1, empty, fmt.note)
        return
    ws.autofilter(HEADER_ROW, 0, HEADER_ROW + count, len(headers) - 1)


def write_indicators(wb, fmt: RekapFormats, rows: list[OpdRow], base_dir: str | None) -> None:
    ws = _sheet(wb, fmt, INDIKATOR_SHEET, "REKAP INDIKATOR KINERJA SELURUH OPD",
                "Satu baris per indikator dari lembar PK setiap workbook; gunakan filter di baris judul kolom.",
                INDIKATOR_HEADERS)
    r = HEADER_ROW + 1
    for row in rows:
        for ind in row.indicators:
            ws.write_number(r, 0, r - HEADER_ROW, fmt.center)
            ws.write_string(r, 1, row.label, fmt.text)
            put(ws, r, 2, row.tahun, fmt.year, fmt.center)
            write_file(ws, r, 3, row.file, row.path, base_dir, fmt)
            ws.write_string(r, 4, ind.sasaran, fmt.text)
            ws.write_string(r, 5, ind.indikator, fmt.text)
            ws.write_string(r, 6, ind.satuan, fmt.center)
            ws.write_string(r, 7, ind.polaritas, fmt.center)
            put(ws, r, 8, ind.target, fmt.number, fmt.center)
            put(ws, r, 9, ind.target_atas, fmt.number, fmt.center)
            put(ws, r, 10, ind.realisasi, fmt.number, fmt.center)
            put(ws, r, 11, ind.capaian, fmt.percent, fmt.text)
            put(ws, r, 12, ind.capaian_dibatasi, fmt.percent, fmt.text)
            put(ws, r, 13, ind.kategori, fmt.center, fmt.center)
            ws.write_string(r, 14, ind.status, fmt.text)
            r += 1
    _finish(ws, fmt, r - HEADER_ROW - 1, INDIKATOR_HEADERS, "Tidak ada indikator.")


def write_findings(wb, fmt: RekapFormats, found: list[RekapFinding], base_dir: str | None) -> None:
    ws = _sheet(wb, fmt, TEMUAN_SHEET, "TEMUAN REKAP",
                "Masalah yang baru terlihat bila workbook disandingkan: instansi ganda, tahun atau daerah berbeda. "
                "Klik nama file untuk membuka sel yang dimaksud.", TEMUAN_HEADERS)
    for i, rf in enumerate(found):
        r = HEADER_ROW + 1 + i
        f = rf.finding
        place = f"{f.sheet}!{f.cell}" if f.cell else f.sheet
        anchor = f"{quote_sheet(f.sheet)}!{f.cell}" if f.cell else ""
        ws.write_number(r, 0, i + 1, fmt.center)
        ws.write_string(r, 1, f.code, fmt.center)
        ws.write_string(r, 2, f.severity, fmt.center)
        write_file(ws, r, 3, rf.file, rf.path, base_dir, fmt, anchor)
        ws.write_string(r, 4, place, fmt.center)
        ws.write_string(r, 5, f.message, fmt.text)
        ws.write_string(r, 6, f.hint, fmt.text)
        fit_row(ws, r, [(f.message, TEMUAN_HEADERS[5][1]), (f.hint, TEMUAN_HEADERS[6][1])])
    _finish(ws, fmt, len(found), TEMUAN_HEADERS, "Tidak ada temuan rekap.")


def write_failures(wb, fmt: RekapFormats, failures: list[Failure], base_dir: str | None) -> None:
    ws = _sheet(wb, fmt, GAGAL_SHEET, "WORKBOOK YANG GAGAL DIREKAP",
                "File ini tidak ikut direkap. Perbaiki sesuai alasannya, lalu jalankan rekap lagi.", GAGAL_HEADERS)
    for i, f in enumerate(failures):
        r = HEADER_ROW + 1 + i
        ws.write_number(r, 0, i + 1, fmt.center)
        write_file(ws, r, 1, f.file, f.path, base_dir, fmt)
        ws.write_string(r, 2, f.reason, fmt.text)
        ws.write_string(r, 3, failure_kind(f), fmt.text)
        fit_row(ws, r, [(f.reason, GAGAL_HEADERS[2][1])])
    _finish(ws, fmt, len(failures), GAGAL_HEADERS, "Semua workbook berhasil dibaca.")


# what each refusal means to a reader of the Gagal sheet (the class name stays in the JSON error_type)
KIND_TEXT = {
    "InputFileError": "file tidak dapat dibaca",
    "WorkbookLayoutError": "bukan workbook SAKIP (lembar/kolom wajib tidak ada)",
    "OutputError": "tidak dapat disimpan",
    "SakipError": "file ditolak",
}


def failure_kind(f: Failure) -> str:
    if f.internal:
        return "galat internal sakip-xl (laporkan kepada pengelola)"
    return KIND_TEXT.get(f.kind, "file ditolak")


def write_skipped(wb, fmt: RekapFormats, skipped: list[Skipped], base_dir: str | None) -> None:
    ws = _sheet(wb, fmt, DILEWATI_SHEET, "FILE YANG DILEWATI",
                "File di folder yang bukan workbook Excel; tidak dibaca.", DILEWATI_HEADERS)
    for i, s in enumerate(skipped):
        r = HEADER_ROW + 1 + i
        ws.write_number(r, 0, i + 1, fmt.center)
        write_file(ws, r, 1, s.file, s.path, base_dir, fmt)
        ws.write_string(r, 2, s.reason, fmt.text)
    _finish(ws, fmt, len(skipped), DILEWATI_HEADERS, "Tidak ada file yang dilewati.")
