"""The summary tables of `Hasil Anggaran`: shares per spending class, budget and efficiency
per sasaran, shares per programme with the pagu/realisasi chart.

Each reads the main table above it (SUMIF/SUMIFS over its helper columns), so it
stays live; the Python twins are in compute.py.
"""
from __future__ import annotations

from sakip_xl.xlsx.addresses import cell
from sakip_xl.write import presentation as P
from sakip_xl.write.common import fit_row, num_literal, stored
from sakip_xl.anggaran import compute as C
from sakip_xl.anggaran.analyze import AnggaranResult, BudgetTable
from sakip_xl.anggaran.schema import RULE_ABOVE
from sakip_xl.anggaran.layout import COL, SHEET, Styles, call, serapan_formula, share_formula

SUMMARY_HEADERS = ("No", "Uraian", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)", "Porsi Pagu (%)")


def _main_range(bt_first: int, bt_last: int, col_name: str) -> str:
    return f"{cell(bt_first, COL[col_name], True)}:{cell(bt_last, COL[col_name], True)}"


def _header(ws, st: Styles, r: int, heading: str, extra: tuple[str, ...] = ()) -> int:
    ws.write_string(r, 0, heading, st.section)
    for c, name in enumerate(SUMMARY_HEADERS + extra):
        ws.write_string(r + 1, c, name, st.base.header)
    ws.set_row(r + 1, 45)
    return r + 2


def _line(ws, st: Styles, r: int, number, label: str, pagu_f: str, real_f: str, values, total_ref: str,
          label_fmt=None) -> None:
    """One summary line: pagu and realisasi formulas given, serapan and share derived."""
    f = st.base
    pagu, real, total = values
    if number is None:
        ws.write_blank(r, 0, None, f.center)
    else:
        ws.write_number(r, 0, number, f.center)
    ws.write_string(r, 1, label, label_fmt or f.text)
    ws.write_formula(r, 2, pagu_f, st.amount, stored(pagu))
    ws.write_formula(r, 3, real_f, st.amount, stored(real))
    fit_row(ws, r, [(label, 44)])
    p, q = cell(r, 2), cell(r, 3)
    ws.write_formula(r, 4, serapan_formula(p, q), f.percent, stored(C.serapan(pagu, real)))
    ws.write_formula(r, 5, share_formula(p, total_ref), f.percent, stored(C.share(pagu, total)))


def _total_line(ws, st: Styles, r: int, rows: list[int], pagu: float, real: float) -> None:
    f = st.base
    ws.write_blank(r, 0, None, f.center)
    ws.write_string(r, 1, "Jumlah", f.bold_text)
    parts = [cell(x, 2) for x in rows]
    ws.write_formula(r, 2, "=" + call("SUM", parts), st.bold_amount, pagu)
    ws.write_formula(r, 3, "=" + call("SUM", [cell(x, 3) for x in rows]), st.bold_amount, real)
    p, q = cell(r, 2), cell(r, 3)
    ws.write_formula(r, 4, serapan_formula(p, q), st.bold_percent, stored(C.serapan(pagu, real)))
    ws.write_formula(r, 5, share_formula(p, p), st.bold_percent, stored(C.share(pagu, pagu)))


def _main_bounds(bt: BudgetTable) -> tuple[int, int]:
    return bt.out_first, bt.out_first + max(len(bt.lines), 1) - 1


def write_classes(ws, st: Styles, r: int, result: AnggaranResult, wb=None) -> int:
    """Shares per spending class, from the leaves of the Anggaran table."""
    if not result.class_rows:
        return r
    bt = result.anggaran
    first, last = _main_bounds(bt)
    kel, jen = _main_range(first, last, "Kelompok Belanja"), _main_range(first, last, "Jenis Belanja")
    top = _header(ws, st, r, f"PORSI PER JENIS BELANJA ({result.class_scheme}; dari baris rincian terbawah)")
    group_rows = [top + k for k, row in enumerate(result.class_rows) if row[1] is None]
    total_row = top + len(result.class_rows)
    total = {"pagu": C.column_sum([row[2] for row in result.class_rows if row[1] is None]),
             "realisasi": C.column_sum([row[3] for row in result.class_rows if row[1] is None])}
    tot_ref = cell(total_row, 2, True)
    number = 0
    for k, (group, sub, pagu, real) in enumerate(result.class_rows):
        formulas = []
        for col in ("Pagu (Rp)", "Realisasi (Rp)"):
            vals = _main_range(first, last, col)
            if sub is None:
                formulas.append(f'=SUMIF({kel},"{group}",{vals})')
            else:
                formulas.append(f'=SUMIFS({vals},{kel},"{group}",{jen},"{sub}")')
        if sub is None:
            number += 1
        _line(ws, st, top + k, number if sub is None else None, sub or group, formulas[0], formulas[1],
              (pagu, real, total["pagu"]), tot_ref, st.indent if sub else st.base.bold_text)
    _total_line(ws, st, total_row, group_rows, total["pagu"], total["realisasi"])
    if wb is not None and any(C.serapan(p, q) is not None for _, _, p, q in result.class_rows):
        return serapan_chart(wb, ws, total_row + 2, (top, total_row - 1), 1, 4, "Serapan per Jenis Belanja",
                             [C.serapan(p, q) for _, _, p, q in result.class_rows])
    return total_row + 3


def write_sasaran(ws, st: Styles, r: int, result: AnggaranResult, ctx) -> int:
    """Budget behind each sasaran, its share, and efficiency beside the capaian kinerja."""
    rows = result.sasaran_rows
    if not rows:
        return r
    bt = result.anggaran
    first, last = _main_bounds(bt)
    ids = _main_range(first, last, "No Sasaran")
    extra = ("Capaian Kinerja (%)", "Capaian - Serapan (poin)", "Efisiensi")
    op = ">" if result.rule == RULE_ABOVE else ">="
    note = f"Efisien bila capaian - serapan {op} batas di Pengaturan (aturan: {result.rule})."
    in_order = getattr(ws, "constant_memory", False)     # a sheet written row by row (bigsheet_out)
    if in_order:
        ws.write_string(r, 6, note, st.base.note)
    top = _header(ws, st, r, "ANGGARAN PER SASARAN DAN EFISIENSI (dari baris rincian terbawah)", extra)
    margin = result.margin
    m_expr = (f"IF(ISNUMBER({margin.source}),{margin.source},{num_literal(margin.fallback)})"
              if margin.source else num_literal(margin.value))
    if not in_order:         # after the header, as always (the shared strings keep their order)
        ws.write_string(r, 6, note, st.base.note)
    total_row = top + len(rows)
    total_pagu = C.column_sum([x.pagu for x in rows])
    tot_ref = cell(total_row, 2, True)
    f = st.base
    for k, s in enumerate(rows):
        rr = top + k
        pagu_f = f"=SUMIF({ids},{s.number},{_main_range(first, last, 'Pagu (Rp)')})"
        real_f = f"=SUMIF({ids},{s.number},{_main_range(first, last, 'Realisasi (Rp)')})"
        _line(ws, st, rr, s.number, s.text, pagu_f, real_f, (s.pagu, s.realisasi, total_pagu), tot_ref)
        cap, ser, sel = cell(rr, 6), cell(rr, 4), cell(rr, 7)
        if s.pk_rows:
            refs = [ctx.layouts["pk"].ref(k2, "Capaian (%)") for k2 in s.pk_rows]
            parts = ",".join(refs)
            ws.write_formula(rr, 6, f'=IF(COUNT({parts})=0,"",AVERAGE({parts}))', f.percent, stored(s.capaian))
        else:
            ws.write_blank(rr, 6, None, f.percent)
        ws.write_formula(rr, 7, f'=IF(AND(ISNUMBER({cap}),ISNUMBER({ser})),{cap}-{ser},"")', f.percent,
                         stored(s.selisih))
        ws.write_formula(rr, 8, f'=IF(ISNUMBER({sel}),IF(ROUND({sel},6){op}{m_expr},"{C.EFFICIENT}",'
                                f'"{C.NOT_EFFICIENT}"),"")', f.center, stored(s.verdict))
    _total_line(ws, st, total_row, [top + k for k in range(len(rows))], total_pagu,
                C.column_sum([x.realisasi for x in rows]))
    return total_row + 3


def write_programmes(wb, ws, st: Styles, r: int, bt: BudgetTable) -> int:
    """Pagu, realisasi, serapan and share of each top-level line (of each programme when urusan or
    bidang rows stand above them), and the chart of them."""
    tops, heading = bt.struct.top(), "PORSI PER PROGRAM (baris teratas)"
    if any(bt.struct.level[i] is not None and bt.struct.level[i] < 1 for i in tops):
        tops = [i for i, lv in enumerate(bt.struct.level) if lv == 1 and not bt.struct.is_total[i]]
        heading = "PORSI PER PROGRAM (baris program)"
    if not tops:
        return r
    first, _ = _main_bounds(bt)
    top = _header(ws, st, r, heading)
    total_row = top + len(tops)
    tot_ref = cell(total_row, 2, True)
    pagu_total = C.column_sum([bt.lines[i].value("pagu") for i in tops])
    for k, i in enumerate(tops):
        src = first + i
        p, q = cell(src, COL["Pagu (Rp)"]), cell(src, COL["Realisasi (Rp)"])
        ln = bt.lines[i]
        _line(ws, st, top + k, k + 1, ln.uraian, f'=IF(ISNUMBER({p}),{p},"")', f'=IF(ISNUMBER({q}),{q},"")',
              (ln.value("pagu"), ln.value("realisasi"), pagu_total), tot_ref)
    _total_line(ws, st, total_row, [top + k for k in range(len(tops))], pagu_total,
                C.column_sum([bt.lines[i].value("realisasi") for i in tops]))
    chart = wb.add_chart({"type": "column"})
    last = total_row - 1
    for col, name, colour in ((2, "Pagu", "#4472C4"), (3, "Realisasi", "#ED7D31")):
        chart.add_series({"name": name, "categories": [SHEET, top, 1, last, 1], "values": [SHEET, top, col, last, col],
                          "fill": {"color": colour}})
    P.style_chart(chart, "Pagu dan Realisasi per Program", width=CHART_WIDTH, height=CHART_HEIGHT, y_format="#,##0")
    ws.insert_chart(total_row + 2, 1, chart, {"object_position": 3})
    return total_row + 2 + P.rows_for_height(CHART_HEIGHT)


CHART_WIDTH, CHART_HEIGHT = 820, 340


def serapan_chart(wb, ws, top: int, rows: tuple[int, int], label_col: int, value_col: int, title: str,
                  values=None) -> int:
    """Bars of serapan (%) of the lines in `rows` of this sheet, at row `top`; returns the next free row.
    `values`: the serapan of each of those lines (None: no label on its bar)."""
    values = list(values) if values is not None else []
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"name": "Serapan (%)", "categories": [SHEET, rows[0], label_col, rows[1], label_col],
                      "values": [SHEET, rows[0], value_col, rows[1], value_col], "fill": {"color": P.BAR_GREEN},
                      "data_labels": P.value_labels(values)})
    P.style_chart(chart, title, width=CHART_WIDTH, height=CHART_HEIGHT, y_format="0", y_min=0,
                  y_max=P.headroom(values))
    ws.insert_chart(top, 1, chart, {"object_position": 3})
    return top + P.rows_for_height(CHART_HEIGHT) + 1


def belanja_chart(wb, ws, r: int, bt: BudgetTable) -> int:
    """Serapan per spending class of the Belanja table (when it has realisasi); `r` is the next free row."""
    if not any(v is not None for v in bt.result.serapan):
        return r
    # the JUMLAH/TOTAL line is the sum of the classes: drawn beside them it dwarfs them
    parts = [i for i in range(len(bt.lines)) if not bt.struct.is_total[i]]
    if not parts:
        return r
    lo, hi = parts[0], parts[-1]
    return serapan_chart(wb, ws, r - 1, (bt.out_first + lo, bt.out_first + hi), COL["Uraian"], COL["Serapan (%)"],
                         "Serapan per Jenis Belanja", bt.result.serapan[lo:hi + 1])
