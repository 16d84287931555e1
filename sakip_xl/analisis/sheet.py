"""`Analisis Capaian` (capaian beside the user's analysis per indicator) and the SKM follow-up table.

The texts are the user's, written with write_string; capaian and kategori are references to
the Capaian sheet, NRR to the element table of Hasil SKM (stored with the same values).
The follow-up table is added under the last block of Hasil SKM (or Hasil SKM Distribusi).
"""
from __future__ import annotations

from sakip_xl.xlsx.addresses import cell
from sakip_xl.pk.sheet import CapaianLayout
from sakip_xl.write.common import Formats, fit_row, internal_link, stored, write_link
from sakip_xl.write.presentation import print_setup
from sakip_xl.analisis.analyze import KEYS, LABELS, Result

SHEET = "Analisis Capaian"
HEADS = (("No", 5), ("Sasaran Strategis", 26), ("Indikator Kinerja", 34), ("Capaian (%)", 11), ("Kategori", 12)) + \
    tuple((LABELS[k], 38) for k in KEYS) + (("Sel di Analisis", 12),)
HEADER_ROW = 3
FOLLOW_TITLE = "RENCANA TINDAK LANJUT HASIL SKM (UNSUR DENGAN NILAI TERENDAH)"
FOLLOW_HEADS = ("No", "Unsur Pelayanan", "NRR", "NRR × 25", "Rencana Tindak Lanjut", "Penanggung Jawab",
                "Waktu Pelaksanaan")


def render(wb, fmt: Formats, ctx, result: Result) -> None:
    indicators = ctx.results.get("pk") or []
    if result.texts and indicators:
        write(wb, fmt, result, indicators, ctx.settings, ctx.layouts["pk"])
    if result.follow:
        write_follow_up(wb, fmt, result)


def write(wb, fmt: Formats, result: Result, indicators, settings, cap: CapaianLayout) -> None:
    ws = wb.add_worksheet(SHEET)
    ws.write_string(0, 0, "ANALISIS CAPAIAN KINERJA", fmt.title)
    ws.write_string(1, 0, f"Capaian dari lembar '{cap.sheet}', analisis dari lembar '{result.sheet}'. "
                          "Teks ini juga masuk laporan Bab III (sakip-xl report).", fmt.note)
    for c, (h, w) in enumerate(HEADS):
        ws.set_column(c, c, w)
        ws.write_string(HEADER_ROW, c, h, fmt.header)
    ws.set_row(HEADER_ROW, 30)
    r = HEADER_ROW + 1
    for i, ind in enumerate(indicators):
        t = result.by_pk.get(i)
        if t is None:
            continue
        ws.write_string(r, 0, ind.no, fmt.center)
        ws.write_string(r, 1, ind.sasaran, fmt.text)
        ws.write_string(r, 2, ind.indikator, fmt.text)
        ws.write_formula(r, 3, "=" + cap.ref(i, "Capaian (%)"), fmt.percent, stored(ind.capaian))
        ws.write_formula(r, 4, "=" + cap.ref(i, "Kategori"), fmt.center, stored(ind.kategori))
        for k, key in enumerate(KEYS):
            ws.write_string(r, 5 + k, t.texts[key], fmt.text)
        write_link(ws, r, 5 + len(KEYS), internal_link(result.sheet, t.address), fmt.link, f"{result.sheet}!{t.address}")
        fit_row(ws, r, [(ind.indikator, 34)] + [(t.texts[key], 38) for key in KEYS])
        r += 1
    print_setup(ws, settings, "Analisis Capaian Kinerja", header_row=HEADER_ROW)


def write_follow_up(wb, fmt: Formats, result: Result) -> None:
    from sakip_xl.skm.schema import DIST_SHEET, SHEET as SKM_SHEET
    from sakip_xl.skm.sheet import WIDTHS, K, TABLE_HEADER
    name = SKM_SHEET if result.follow_source == "survey" else DIST_SHEET
    ws = wb.get_worksheet_by_name(name)
    if ws is None:
        return
    top = ws.dim_rowmax + 3 if ws.dim_rowmax is not None else TABLE_HEADER + 20
    ws.write_string(top, 0, FOLLOW_TITLE, fmt.label)
    ws.write_string(top + 1, 0, f"Unsur dengan NRR terendah; rencana dan penanggung jawab dari lembar "
                                f"'{result.follow_sheet}'.", fmt.note)
    for c, h in enumerate(FOLLOW_HEADS):
        ws.write_string(top + 2, c, h, fmt.header)
    fit_row(ws, top + 2, [(h, WIDTHS[c] * 0.9) for c, h in enumerate(FOLLOW_HEADS)])   # bold header
    for k, row in enumerate(result.follow, start=1):
        r = top + 2 + k
        e = row.element
        src = TABLE_HEADER + 1 + row.index
        ws.write_string(r, 0, str(k), fmt.center)
        ws.write_string(r, 1, f"U{e.number} {e.name}", fmt.text)
        ws.write_formula(r, 2, f"={cell(src, K['NRR'])}", fmt.number, stored(e.nrr))
        ws.write_formula(r, 3, f"={cell(src, K['NRR × 25'])}", fmt.number, stored(e.nrr25))
        ws.write_string(r, 4, row.rencana, fmt.text)
        ws.write_string(r, 5, row.penanggung_jawab, fmt.text)
        ws.write_string(r, 6, row.waktu, fmt.text)
        fit_row(ws, r, [(f"U{e.number} {e.name}", WIDTHS[1]), (row.rencana, WIDTHS[4]),
                        (row.penanggung_jawab, WIDTHS[5]), (row.waktu, WIDTHS[6])])
