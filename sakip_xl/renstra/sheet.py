"""The `Perbandingan` sheet: the comparison tables of LKjIP Bab III (Tabel 3.1 to 3.4).

Values of this year come from the Capaian sheet; Renstra and national figures
from the input sheets. Each formula's Python twin is in compare.py.
"""
from __future__ import annotations

from functools import partial

from sakip_xl.pk import capaian as C
from sakip_xl.read import ordinal
from sakip_xl.xlsx.addresses import address_ref, cell
from sakip_xl.pk.schema import JENIS_RENTANG
from sakip_xl.read.cells import shown_value
from sakip_xl.pk.sheet import CapaianLayout
from sakip_xl.write.common import (Formats, RowCells, fit_row, internal_link, write_link, num_literal, number_or_fallback,
                                   percent_of, stored)
from sakip_xl.write.presentation import print_setup
from sakip_xl.pk.sheet import rule_expr, shown_formula
from sakip_xl.renstra import compare
from sakip_xl.renstra.analyze import Result

SHEET = "Perbandingan"
WIDTHS = (5, 30, 44, 9, 13, 13, 13, 13, 13, 13, 14, 14)
LEAD = ("No", "Sasaran Strategis", "Indikator Kinerja", "Satuan")
PRINTED_LAST_COL = 10      # Tabel 3.1 is the widest table: No .. Kategori
LINK_COL = 11              # the link to the Renstra row, outside the printed columns


def render(wb, fmt: Formats, ctx, result: Result) -> None:
    if result.pk_sheet is None:
        return
    write(wb, fmt, result, ctx.settings, ctx.date1904, ctx.layouts["pk"])


def write(wb, fmt: Formats, result: Result, settings, date1904: bool, cap: CapaianLayout) -> None:
    """The four tables; `cap`: where the Capaian sheet put each indicator (its render's layout)."""
    ws = wb.add_worksheet(SHEET)
    p = result.period
    instansi = settings.get("instansi") or ""
    title = "PERBANDINGAN KINERJA" + (f" {instansi}".upper() if instansi else "") + \
        (f" TAHUN {p.tahun}" if p.tahun else "")
    ws.write_string(0, 0, title, fmt.title)
    sources = [f"'{result.pk_sheet}'", f"'{cap.sheet}'"] + ([f"'{result.renstra_sheet}'"] if result.renstra_sheet else [])
    ws.write_string(1, 0, f"Tabel Bab III LKjIP, dihitung dari lembar {', '.join(sources[:-1])} dan {sources[-1]}. "
                          "Jangan ubah lembar ini: ubah datanya, lalu jalankan ulang sakip-xl compute.", fmt.note)
    for c, w in enumerate(WIDTHS):
        ws.set_column(c, c, w)
    n, n1 = p.label(), p.label(-1)
    r = 3
    r = _table(ws, fmt, r, f"Tabel 3.1 Pengukuran Realisasi Kinerja Tahun {n}",
               (f"Target Renstra {n}", f"Target PK {n}", "Target Batas Atas", f"Realisasi {n}",
                f"Realisasi di Renstra {n}", "Capaian (%)", "Kategori"), result, partial(_tabel_31, cap), date1904)
    r = _table(ws, fmt, r, f"Tabel 3.2 Perbandingan Realisasi Kinerja Tahun {n} dengan Tahun {n1}",
               (f"Target {n}", f"Realisasi {n1}", f"Realisasi {n}", "Selisih", "Perkembangan"),
               result, partial(_tabel_32, cap), date1904)
    r = _table(ws, fmt, r, "Tabel 3.3 Perbandingan Realisasi Kinerja s.d. Akhir Periode Renstra",
               ("Kondisi Awal", "Target Akhir Renstra", f"Realisasi {n}", "Tingkat Kemajuan (%)"),
               result, partial(_tabel_33, cap), date1904, helper=(LINK_COL, "Sel di Renstra"))
    r = _table(ws, fmt, r, "Tabel 3.4 Perbandingan Realisasi Kinerja dengan Realisasi Nasional",
           (f"Realisasi {n}", "Realisasi Nasional", "Selisih", "Keterangan"), result, partial(_tabel_34, cap), date1904)
    # the printed report is the LKjIP tables; the link column beside them is for the screen only
    print_setup(ws, settings, "Perbandingan Kinerja", columns=(0, PRINTED_LAST_COL), last_row=r - 2)


def _table(ws, fmt, top, title, heads, result: Result, fill, date1904, helper=None) -> int:
    ws.write_string(top, 0, title, fmt.label)
    for c, h in enumerate(LEAD + heads):
        ws.write_string(top + 1, c, h, fmt.header)
    if helper is not None:
        ws.write_string(top + 1, helper[0], helper[1], fmt.header)
    ws.set_row(top + 1, 30)
    r = top + 2
    for row in result.rows:
        ind = row.ind
        cells = RowCells(ws, r)       # the row's cells, written at once
        cells.write_string(r, 0, ind.no, fmt.center)
        cells.write_string(r, 1, ind.sasaran, fmt.text)
        cells.write_string(r, 2, ind.indikator, fmt.text)
        cells.write_string(r, 3, ind.satuan, fmt.center)
        fit_row(cells, r, [(ind.sasaran, WIDTHS[1]), (ind.indikator, WIDTHS[2])])
        fill(cells, fmt, r, row, date1904)
        cells.put()
        r += 1
    if not result.rows:
        ws.write_string(r, 2, "Tidak ada indikator di PK.", fmt.text)
        r += 1
    return r + 2


def _src(src: compare.Source) -> str:
    return address_ref(src.sheet, src.cell.address)


def _show(ws, fmt, r, c, src: compare.Source | None, qualitative: bool, date1904: bool) -> None:
    """An input cell shown as a number (or as the grade, for a qualitative row)."""
    if src is None:
        ws.write_blank(r, c, None, fmt.number)
    elif qualitative:
        ws.write_formula(r, c, shown_formula(_src(src)), fmt.center, stored(shown_value(src.raw, date1904)))
    else:
        ws.write_formula(r, c, number_or_fallback(_src(src), src.cell.fallback, src.cell.percent), fmt.number,
                         stored(src.cell.value))


def _copy(cap: CapaianLayout, ws, fmt, r, c, row, name, value, style) -> None:
    ws.write_formula(r, c, "=" + cap.ref(row.index, name), style, stored(value))


def _year_value(row: compare.Row):
    ind = row.ind
    return ind.realisasi_shown if row.qualitative else ind.realisasi_value


def _tabel_31(cap: CapaianLayout, ws, fmt, r, row: compare.Row, date1904) -> None:
    ind, q = row.ind, row.qualitative
    _show(ws, fmt, r, 4, row.target_renstra, q, date1904)
    _copy(cap, ws, fmt, r, 5, row, "Target", ind.target_shown if q else ind.target.value, fmt.number)
    if ind.jenis == JENIS_RENTANG:
        _copy(cap, ws, fmt, r, 6, row, "Target Batas Atas", ind.target_atas.value, fmt.number)
    else:
        ws.write_blank(r, 6, None, fmt.number)
    _copy(cap, ws, fmt, r, 7, row, "Realisasi", _year_value(row), fmt.number)
    _show(ws, fmt, r, 8, row.realisasi_renstra, q, date1904)
    _copy(cap, ws, fmt, r, 9, row, "Capaian (%)", ind.capaian, fmt.percent)
    _copy(cap, ws, fmt, r, 10, row, "Kategori", ind.kategori, fmt.center)


def _lalu_formula(row: compare.Row) -> str:
    expr = '""'
    for src in reversed(row.lalu):
        other = num_literal(src.cell.fallback) if src.cell.fallback is not None else expr
        expr = f"IF(ISNUMBER({_src(src)}),{percent_of(_src(src), src.cell.percent)},{other})"
    return "=" + expr


def _trend_formula(a: str, b: str, negative: bool) -> str:
    up, down = (compare.DOWN, compare.UP) if negative else (compare.UP, compare.DOWN)
    return f'=IF(AND(ISNUMBER({a}),ISNUMBER({b})),IF({a}>{b},"{up}",IF({a}<{b},"{down}","{compare.SAME}")),"")'


def _tabel_32(cap: CapaianLayout, ws, fmt, r, row: compare.Row, date1904) -> None:
    ind = row.ind
    _copy(cap, ws, fmt, r, 4, row, "Target", ind.target_shown if row.qualitative else ind.target.value, fmt.number)
    now, before = cell(r, 6), cell(r, 5)
    if row.qualitative:
        _show(ws, fmt, r, 5, row.lalu[0] if row.lalu else None, True, date1904)
        _copy(cap, ws, fmt, r, 6, row, "Realisasi", ind.realisasi_shown, fmt.center)
        ws.write_blank(r, 7, None, fmt.number)
        a = cap.ref(row.index, "Peringkat Realisasi")
        b = ordinal.rank_formula(_src(row.lalu[0]), ind.scale) if row.lalu else '""'
        ws.write_formula(r, 8, _trend_formula(a, b, False), fmt.center, stored(row.tren))
        return
    if row.lalu:
        ws.write_formula(r, 5, _lalu_formula(row), fmt.number, stored(row.v_lalu))
    else:
        ws.write_blank(r, 5, None, fmt.number)
    _copy(cap, ws, fmt, r, 6, row, "Realisasi", ind.realisasi_value, fmt.number)
    ws.write_formula(r, 7, f'=IF(AND(ISNUMBER({now}),ISNUMBER({before})),{now}-{before},"")', fmt.number,
                     stored(row.selisih_lalu))
    ws.write_formula(r, 8, _trend_formula(now, before, ind.polaritas == "negatif"), fmt.center, stored(row.tren))


def _tabel_33(cap: CapaianLayout, ws, fmt, r, row: compare.Row, date1904) -> None:
    ind, q = row.ind, row.qualitative
    _show(ws, fmt, r, 4, row.kondisi_awal, q, date1904)
    _show(ws, fmt, r, 5, row.kondisi_akhir, q, date1904)
    _copy(cap, ws, fmt, r, 6, row, "Realisasi", _year_value(row), fmt.center if q else fmt.number)
    if q:
        ra = ordinal.rank_formula(_src(row.kondisi_akhir), ind.scale) if row.kondisi_akhir else '""'
        rr = cap.ref(row.index, "Peringkat Realisasi")
        value = f"IF({rr}>={ra},100,0)" if ind.qual_mode == C.QUAL_BINARY else f"{rr}/{ra}*100"
        formula = f'=IF(AND(ISNUMBER({ra}),ISNUMBER({rr})),{value},"")'
    else:
        ak, rn = cell(r, 5), cell(r, 6)
        zero = f"OR({ak}=0,{rn}=0)" if ind.rule == C.RULE_NEGATIVE_T_OVER_R else f"{ak}=0"
        formula = f'=IF(AND(ISNUMBER({ak}),ISNUMBER({rn})),IF({zero},"",{rule_expr(ind.rule, ak, rn)}),"")'
    ws.write_formula(r, 7, formula, fmt.percent, stored(row.kemajuan))
    if row.renstra is not None:
        addr = row.renstra.address["indikator"]
        write_link(ws, r, LINK_COL, internal_link(row.renstra.sheet, addr), fmt.link, f"{row.renstra.sheet}!{addr}")
    else:
        ws.write_blank(r, LINK_COL, None, fmt.center)


def _tabel_34(cap: CapaianLayout, ws, fmt, r, row: compare.Row, date1904) -> None:
    ind = row.ind
    _copy(cap, ws, fmt, r, 4, row, "Realisasi", _year_value(row), fmt.center if row.qualitative else fmt.number)
    if ind.nasional is not None:
        nas_src = compare.Source(row.pk_sheet, ind.nasional, None)
        nas = ind.nasional
        ws.write_formula(r, 5, number_or_fallback(_src(nas_src), nas.fallback, nas.percent), fmt.number,
                         stored(row.v_nasional))
    else:
        ws.write_blank(r, 5, None, fmt.number)
    rn, nas = cell(r, 4), cell(r, 5)
    ws.write_formula(r, 6, f'=IF(AND(ISNUMBER({rn}),ISNUMBER({nas})),{rn}-{nas},"")', fmt.number,
                     stored(row.selisih_nasional))
    better, worse = (compare.WORSE, compare.BETTER) if ind.polaritas == "negatif" and not row.qualitative \
        else (compare.BETTER, compare.WORSE)
    ws.write_formula(r, 7, f'=IF(NOT(ISNUMBER({nas})),"{compare.NO_NATIONAL}",IF(NOT(ISNUMBER({rn})),"",'
                           f'IF({rn}>{nas},"{better}",IF({rn}<{nas},"{worse}","{compare.EQUAL}"))))',
                     fmt.center_wrap, stored(row.ket_nasional))
    fit_row(ws, r, [(ind.sasaran, WIDTHS[1]), (ind.indikator, WIDTHS[2]), (str(row.ket_nasional or ""), WIDTHS[7])])

