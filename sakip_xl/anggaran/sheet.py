"""The `Hasil Anggaran` sheet: the budget tables again, with live formulas beside them.

Every formula's Python twin is in compute.py; the value Python computed is
stored with it (LibreOffice parity tests prove both agree).
"""
from __future__ import annotations

from sakip_xl.xlsx.addresses import address_ref, cell
from sakip_xl.write.common import Formats, RowCells, fit_row, internal_link, write_link, number_or_fallback, stored
from sakip_xl.anggaran import compute as C
from sakip_xl.anggaran.analyze import AnggaranResult, BudgetTable
from sakip_xl.anggaran.layout import (COL, COLUMNS, SHEET, Styles, call, difference_formula, ranges, rollup_formula,
                                      serapan_formula, share_formula)
from sakip_xl.anggaran.schema import BELANJA
from sakip_xl.anggaran.summary import belanja_chart, write_classes, write_programmes, write_sasaran

def render(wb, fmt: Formats, ctx, result: AnggaranResult) -> None:
    from sakip_xl.write.presentation import print_setup

    st = Styles(wb, fmt)
    ws = wb.add_worksheet(SHEET)
    _title(ws, st, ctx)
    for c, (_, width) in enumerate(COLUMNS):
        ws.set_column(c, c, width)
    r = 3
    if result.anggaran is not None:
        r = write_tree(ws, st, r, "RINCIAN ANGGARAN PER PROGRAM DAN KEGIATAN", result.anggaran, True)
        r = write_classes(ws, st, r, result, wb)
        r = write_sasaran(ws, st, r, result, ctx)
    if result.belanja is not None:
        r = write_tree(ws, st, r, "ALOKASI ANGGARAN PER JENIS BELANJA", result.belanja, False)
        r = belanja_chart(wb, ws, r, result.belanja)
    if result.anggaran is not None:
        r = write_programmes(wb, ws, st, r, result.anggaran)
    print_setup(ws, ctx.settings, "Akuntabilitas Keuangan", columns=(0, COL["Selisih Realisasi"]), last_row=r)


def _title(ws, st: Styles, ctx) -> None:
    instansi = ctx.settings.get("instansi") or ""
    tahun = ctx.settings.get("tahun")
    title = "AKUNTABILITAS KEUANGAN" + (f" {instansi}".upper() if instansi else "")
    if tahun:
        title += f" TAHUN {int(tahun)}"
    ws.write_string(0, 0, title, st.base.title)
    ws.write_string(1, 0, "Dihitung dari lembar input anggaran. Jangan ubah lembar ini: ubah datanya, lalu jalankan "
                          "ulang sakip-xl compute. Sel berwarna: angka tidak sama dengan jumlah rinciannya.",
                    st.base.note)


def write_tree(ws, st: Styles, top: int, heading: str, bt: BudgetTable, full: bool) -> int:
    """One budget table: a row per typed line, then the computed total. Returns the next free row."""
    f = st.base
    ws.write_string(top, 0, f"{heading} (lembar '{bt.sheet}')", st.section)
    header = top + 1
    names = [name for name, _ in COLUMNS]
    if not full:
        names[COL["Uraian"]] = "Jenis Belanja (tertulis)"
    if not full:
        names = names[:COL["Sasaran yang Didukung"]] + [names[COL["Sel Sumber"]]]
    for c, name in enumerate(names):
        ws.write_string(header, c, name, f.header)
    ws.set_row(header, 45)
    first = header + 1
    bt.out_first = first
    n = len(bt.lines)
    total_row = first + n
    rows = [first + i for i in range(n)]
    tot_pagu = cell(total_row, COL["Pagu (Rp)"], absolute=True)
    for i in range(n):
        _write_line(ws, st, rows, i, bt, tot_pagu, full)
    _write_total(ws, st, total_row, [rows[j] for j in bt.struct.top()], bt)
    flag = {"type": "formula", "format": st.flag}
    for col in (COL["Selisih Pagu"], COL["Selisih Realisasi"]):
        a = cell(first, col)
        ws.conditional_format(first, col, total_row, col,
                              dict(flag, criteria=f"=AND(ISNUMBER({a}),ABS({a})>{C.AMOUNT_TOLERANCE})"))
    return total_row + 3


# Column numbers and widths of the budget table, looked up once (a big table has 100,000 lines).
_WIDTH = dict(COLUMNS)
_AMOUNT_PAIRS = (("pagu", COL["Pagu (Rp)"], COL["Jumlah Rincian Pagu"], COL["Selisih Pagu"]),
                 ("realisasi", COL["Realisasi (Rp)"], COL["Jumlah Rincian Realisasi"], COL["Selisih Realisasi"]))
_NUMBERS = (("pagu", COL["Pagu (Rp)"], False), ("realisasi", COL["Realisasi (Rp)"], False),
            ("serapan_dilaporkan", COL["Serapan Dilaporkan (%)"], True),
            ("porsi_dilaporkan", COL["Porsi Dilaporkan (%)"], True))


def _write_line(ws, st: Styles, rows: list[int], i: int, bt: BudgetTable, tot_pagu: str, full: bool) -> None:
    f = st.base
    r, ln, res, struct = rows[i], bt.lines[i], bt.result, bt.struct
    is_total = struct.is_total[i]
    text_fmt = f.bold_text if is_total else (st.indent2 if (struct.level[i] or 1) >= 3 else
                                            st.indent if struct.level[i] == 2 else f.text)
    row = RowCells(ws, r)
    row.write_string(r, COL["Kode/No"], ln.kode, f.center)
    row.write_string(r, COL["Uraian"], ln.uraian, text_fmt)
    p, q = cell(r, COL["Pagu (Rp)"]), cell(r, COL["Realisasi (Rp)"])
    for key, col, percent in _NUMBERS:
        _number(row, r, col, bt, ln, key, f.percent if percent else st.amount)
    row.write_formula(r, COL["Serapan (%)"], serapan_formula(p, q), f.percent, stored(res.serapan[i]))
    row.write_formula(r, COL["Porsi Pagu (%)"], share_formula(p, tot_pagu), f.percent, stored(res.share[i]))
    kids = [rows[j] for j in (struct.top() if is_total else struct.children(i))]
    for key, src_col, roll_col, diff_col in _AMOUNT_PAIRS:
        if kids:
            roll = res.rincian[key][i]
            row.write_formula(r, roll_col, rollup_formula(src_col, kids), st.amount, stored(roll))
            row.write_formula(r, diff_col, difference_formula(cell(r, src_col), cell(r, roll_col)),
                              f.number, stored(C.difference(ln.value(key), roll)))
        else:
            row.write_blank(r, roll_col, None, st.amount)
            row.write_blank(r, diff_col, None, f.number)
    row.write_string(r, COL["Tingkat"], _level_text(bt, i), f.center)
    row.write_string(r, COL["Kelompok Belanja"], (bt.kelompok[i] if bt.kelompok else None) or "", f.text)
    row.write_string(r, COL["Jenis Belanja"], (bt.jenis[i] if bt.jenis else None) or "", f.text)
    if full:
        row.write_string(r, COL["Sasaran yang Didukung"], (bt.sasaran[i] if bt.sasaran else None) or "", f.text)
        sid = bt.sasaran_id[i] if bt.sasaran_id else None
        if sid is None:
            row.write_blank(r, COL["No Sasaran"], None, f.center)
        else:
            row.write_number(r, COL["No Sasaran"], sid, f.center)
        _number(row, r, COL["Pagu di PK (Rp)"], bt, ln, "pagu_pk", st.amount)
    addr = bt.address(i, "pagu")
    link_col = COL["Sel Sumber"] if full else COL["Sasaran yang Didukung"]
    write_link(row, r, link_col, internal_link(bt.sheet, addr), f.link, f"{bt.sheet}!{addr}")
    row.put()
    fit_row(ws, r, [(ln.uraian, _WIDTH["Uraian"] - 2 * (struct.level[i] or 1)),
                    ((bt.sasaran[i] if bt.sasaran and full else None) or "", _WIDTH["Sasaran yang Didukung"])])


def _level_text(bt: BudgetTable, i: int) -> str:
    if bt.table.spec.name == BELANJA.name:
        if bt.struct.is_total[i]:
            return "jumlah"
        return "kelompok" if bt.struct.level[i] == 1 else "rincian"
    return bt.struct.label(i)


def _number(ws, r: int, c: int, bt: BudgetTable, ln, key: str, fmt) -> None:
    nc = ln.cells.get(key)
    if nc is None:
        ws.write_blank(r, c, None, fmt)
        return
    ws.write_formula(r, c, number_or_fallback(address_ref(bt.sheet, nc.address), nc.fallback), fmt, stored(nc.value))


def _write_total(ws, st: Styles, r: int, top_rows: list[int], bt: BudgetTable) -> None:
    f = st.base
    ws.write_string(r, COL["Uraian"], "JUMLAH (dihitung dari baris teratas)", f.bold_text)
    ws.write_blank(r, COL["Kode/No"], None, f.center)
    totals = bt.result.total
    for key, col in (("pagu", "Pagu (Rp)"), ("realisasi", "Realisasi (Rp)")):
        parts = ranges(COL[col], top_rows)
        ws.write_formula(r, COL[col], f'=IF({call("COUNT", parts)}=0,"",{call("SUM", parts)})', st.bold_amount,
                         stored(totals[key]))
    p, q = cell(r, COL["Pagu (Rp)"]), cell(r, COL["Realisasi (Rp)"])
    ws.write_formula(r, COL["Serapan (%)"], serapan_formula(p, q), st.bold_percent,
                     stored(C.serapan(totals["pagu"], totals["realisasi"])))
    ws.write_formula(r, COL["Porsi Pagu (%)"], share_formula(p, p), st.bold_percent,
                     stored(C.share(totals["pagu"], totals["pagu"])))
