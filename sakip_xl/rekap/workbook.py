"""The rekap workbook: a new file written by xlsxwriter, the same bytes for the same inputs."""
from __future__ import annotations

import datetime as dt
import io
from collections import Counter

from sakip_xl._version import __version__
from sakip_xl.write.common import new_workbook
from sakip_xl.rekap import sheet_lists, sheet_opd
from sakip_xl.rekap.aggregate import year_text
from sakip_xl.rekap.cells import RekapFormats
from sakip_xl.rekap.model import Rekap

FIXED_DATE = dt.datetime(2024, 1, 1)
SHEETS = (sheet_opd.SHEET, sheet_opd.CHART_SHEET, sheet_lists.INDIKATOR_SHEET, sheet_lists.TEMUAN_SHEET,
          sheet_lists.GAGAL_SHEET, sheet_lists.DILEWATI_SHEET)


def title_of(rekap: Rekap) -> str:
    """'REKAP SAKIP PERANGKAT DAERAH', with the kabupaten and year most workbooks name."""
    kab = Counter(r.kabupaten for r in rekap.rows if r.kabupaten).most_common(1)
    years = Counter(r.tahun for r in rekap.rows if r.tahun is not None).most_common(1)
    parts = ["REKAP SAKIP PERANGKAT DAERAH"]
    if kab:
        parts.append(kab[0][0].upper())
    if years:
        parts.append(f"TAHUN {year_text(years[0][0])}")
    return " - ".join(parts)


def subtitle_of(rekap: Rekap) -> str:
    return (f"{len(rekap.rows)} workbook direkap, {len(rekap.failures)} gagal (lembar Gagal), "
            f"{len(rekap.skipped)} file dilewati, {len(rekap.findings)} temuan rekap. Angka disalin dari hasil "
            f"sakip-xl {__version__} setiap workbook; baris Jumlah dan sebaran mutu berisi rumus.")


def render(rekap: Rekap, base_dir: str | None) -> bytes:
    """The rekap as .xlsx bytes; links to the workbooks are relative to `base_dir` (None: no links)."""
    buffer = io.BytesIO()
    wb = new_workbook(buffer)
    wb.set_properties({"title": "Rekap SAKIP (sakip-xl)", "author": "sakip-xl", "created": FIXED_DATE})
    fmt = RekapFormats(wb)
    sheet_opd.write(wb, fmt, rekap.rows, base_dir, subtitle_of(rekap), title_of(rekap))
    if not rekap.rows:
        wb.add_worksheet(sheet_opd.CHART_SHEET).write_string(0, 0, "Tidak ada data untuk grafik.", fmt.note)
    sheet_lists.write_indicators(wb, fmt, rekap.rows, base_dir)
    sheet_lists.write_findings(wb, fmt, rekap.findings, base_dir)
    sheet_lists.write_failures(wb, fmt, rekap.failures, base_dir)
    sheet_lists.write_skipped(wb, fmt, rekap.skipped, base_dir)
    wb.worksheets()[0].activate()
    wb.close()
    return buffer.getvalue()
