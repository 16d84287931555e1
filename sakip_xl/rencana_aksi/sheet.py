"""The `Hasil Rencana Aksi` sheet: target, realisasi and capaian per quarter and to date, and a chart.

Targets come from the Rencana Aksi sheet, realisasi from the PK's quarter columns; each
formula's Python twin is in analyze.py.
"""
from __future__ import annotations

from sakip_xl.pk import capaian as C
from sakip_xl.xlsx.addresses import address_ref, cell
from sakip_xl.write import presentation as P
from sakip_xl.pk.sheet import chart_label, rule_expr
from sakip_xl.write.common import Formats, fit_row, internal_link, number_or_fallback, stored, write_link
from sakip_xl.rencana_aksi.analyze import Result, Row
from sakip_xl.rencana_aksi.schema import QUARTERS

SHEET = "Hasil Rencana Aksi"
LEAD = (("No", 5), ("Indikator Kinerja", 40), ("Satuan", 9), ("Polaritas", 10), ("Cara Realisasi Tahunan", 11))
GROUPS = ("Target", "Realisasi", "Capaian", "Capaian s.d.")
HEADER_ROW = 3
FIRST_ROW = HEADER_ROW + 1
T0, R0, C0, S0 = 5, 9, 13, 17          # first column of each group
URAIAN, SEL = 21, 22
CHART_HEIGHT = 300
MAX_SERIES = 10


def headers() -> list[tuple[str, float]]:
    out = list(LEAD)
    for g in GROUPS:
        for q in QUARTERS:
            out.append((f"{g} {q}" + (" (%)" if g.startswith("Capaian") else ""), 11))
    return out + [("Uraian Rencana Aksi", 34), ("Sel di PK", 11)]


def render(wb, fmt: Formats, ctx, result: Result) -> None:
    write(wb, fmt, result, ctx.settings)


def write(wb, fmt: Formats, result: Result, settings) -> None:
    ws = wb.add_worksheet(SHEET)
    tahun = settings.get("tahun")
    ws.write_string(0, 0, "CAPAIAN RENCANA AKSI PER TRIWULAN" +
                    (f" TAHUN {int(tahun)}" if isinstance(tahun, (int, float)) else ""), fmt.title)
    ws.write_string(1, 0, f"Target dari lembar '{result.sheet}', realisasi dari kolom Realisasi TW lembar "
                          f"'{result.pk_sheet or 'PK'}'. Capaian s.d. TW mengikuti Cara Realisasi Tahunan "
                          "(kumulatif: angka s.d. triwulan itu; jumlah/rata-rata: dijumlah/dirata-rata s.d. "
                          "triwulan itu). Jangan ubah lembar ini: ubah datanya, lalu jalankan ulang sakip-xl compute.",
                    fmt.note)
    for c, (h, w) in enumerate(headers()):
        ws.set_column(c, c, w)
        ws.write_string(HEADER_ROW, c, h, fmt.header)
    ws.set_row(HEADER_ROW, 45)
    r = FIRST_ROW
    for k, row in enumerate(result.rows, start=1):
        _write_row(ws, fmt, r, k, row, result)
        r += 1
    last = r - 1
    # the chart's category labels, under the 'Capaian s.d.' columns
    labels = r
    ws.write_string(labels, S0 - 1, "Label grafik", fmt.note)
    for q, name in enumerate(QUARTERS):
        ws.write_string(labels, S0 + q, name, fmt.center)
    _chart(wb, ws, labels + 2, result, last)
    P.print_setup(ws, settings, "Capaian Rencana Aksi", header_row=HEADER_ROW)


def _num(ws, fmt, r, c, src_sheet, cell_obj) -> None:
    if cell_obj is None:
        ws.write_blank(r, c, None, fmt.number)
        return
    src = address_ref(src_sheet, cell_obj.address)
    ws.write_formula(r, c, number_or_fallback(src, cell_obj.fallback), fmt.number, stored(cell_obj.value))


def _guard(rule: str, t: str, rl: str) -> str:
    zero = f"OR({t}=0,{rl}=0)" if rule == C.RULE_NEGATIVE_T_OVER_R else f"{t}=0"
    return f'IF({zero},"",{rule_expr(rule, t, rl)})'


def _write_row(ws, fmt, r: int, k: int, row: Row, result: Result) -> None:
    ind = row.ind
    ws.write_string(r, 0, str(k), fmt.center)
    ws.write_string(r, 1, row.indikator, fmt.text)
    fit_row(ws, r, [(row.indikator, 40), (row.uraian, 34)])
    ws.write_string(r, 2, ind.satuan if ind else "", fmt.center)
    ws.write_string(r, 3, ind.polaritas if ind else "", fmt.center)
    ws.write_string(r, 4, ind.cara if ind else "", fmt.center)
    for q in range(4):
        _num(ws, fmt, r, T0 + q, result.sheet, row.targets[q])
        _num(ws, fmt, r, R0 + q, result.pk_sheet, row.realisasi[q])
    for q in range(4):
        if not row.computed:
            ws.write_blank(r, C0 + q, None, fmt.percent)
            ws.write_blank(r, S0 + q, None, fmt.percent)
            continue
        t, rl = cell(r, T0 + q), cell(r, R0 + q)
        ws.write_formula(r, C0 + q, f'=IF(AND(ISNUMBER({t}),ISNUMBER({rl})),{_guard(ind.rule, t, rl)},"")',
                         fmt.percent, stored(row.capaian[q]))
        ws.write_formula(r, S0 + q, _to_date_formula(r, q, ind.cara, ind.rule), fmt.percent, stored(row.sd[q]))
    ws.write_string(r, URAIAN, row.uraian, fmt.text)
    if ind is not None and result.pk_sheet:
        addr = ind.target.address
        write_link(ws, r, SEL, internal_link(result.pk_sheet, addr), fmt.link, f"{result.pk_sheet}!{addr}")
    else:
        ws.write_blank(r, SEL, None, fmt.center)


def _to_date_formula(r: int, q: int, cara: str, rule: str) -> str:
    if cara == C.YEAR_CUMULATIVE:
        t, rl = cell(r, T0 + q), cell(r, R0 + q)
        return f'=IF(AND(ISNUMBER({t}),ISNUMBER({rl})),{_guard(rule, t, rl)},"")'
    tr = f"{cell(r, T0)}:{cell(r, T0 + q)}"
    rr = f"{cell(r, R0)}:{cell(r, R0 + q)}"
    n = q + 1
    st, sr = f"SUM({tr})", f"SUM({rr})"
    if cara == C.YEAR_AVERAGE:
        st, sr = f"{st}/{n}", f"{sr}/{n}"
        st, sr = f"({st})", f"({sr})"
    return f'=IF(AND(COUNT({tr})={n},COUNT({rr})={n}),{_guard(rule, st, sr)},"")'


def _chart(wb, ws, top: int, result: Result, last: int) -> None:
    plotted = [(k, row) for k, row in enumerate(result.rows) if any(v is not None for v in row.sd)]
    if not plotted:
        return
    chart = wb.add_chart({"type": "line"})
    labels_row = last + 1
    colors = (P.BAR_BLUE, P.BAR_ORANGE, P.BAR_GREEN, P.LINE_RED)
    for n, (k, row) in enumerate(plotted[:MAX_SERIES]):
        r = FIRST_ROW + k
        chart.add_series({
            "name": chart_label(k + 1, row.ind),
            "categories": [SHEET, labels_row, S0, labels_row, S0 + 3],
            "values": [SHEET, r, S0, r, S0 + 3],
            "marker": {"type": "circle", "size": 6},
            "line": {"width": 2.0, "color": colors[n % len(colors)]} if n < len(colors) else {"width": 2.0},
            "data_labels": {"value": True, "num_format": "0.00", "font": {"size": 8}},
        })
    P.style_chart(chart, "Capaian Kinerja s.d. Triwulan (%)", width=720, height=CHART_HEIGHT, y_format="0")
    ws.insert_chart(top, 1, chart, {"object_position": 3})
