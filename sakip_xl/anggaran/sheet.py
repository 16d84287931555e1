"""The `Hasil Anggaran` sheet: the budget tables again, with live formulas beside them.

Every formula's Python twin is in compute.py; the value Python computed is
stored with it (LibreOffice parity tests prove both agree).
"""
from __future__ import annotations

from sakip_xl.xlsx.addresses import cell, parse_cell, ref
from sakip_xl.write.common import Formats, fit_row, internal_link, write_link, number_or_fallback, stored
from sakip_xl.anggaran import compute as C
from sakip_xl.anggaran.analyze import AnggaranResult, BudgetTable
from sakip_xl.anggaran.schema import BELANJA

SHEET = "Hasil Anggaran"

COLUMNS = (
    ("Kode/No", 14), ("Uraian", 46), ("Pagu (Rp)", 17), ("Realisasi (Rp)", 17), ("Serapan (%)", 10),
    ("Serapan Dilaporkan (%)", 11), ("Porsi Pagu (%)", 10), ("Porsi Dilaporkan (%)", 11),
    ("Jumlah Rincian Pagu", 17), ("Jumlah Rincian Realisasi", 17), ("Selisih Pagu", 15),
    ("Selisih Realisasi", 15), ("Tingkat", 12), ("Kelompok Belanja", 20), ("Jenis Belanja", 22),
    ("Sasaran yang Didukung", 34), ("No Sasaran", 8), ("Pagu di PK (Rp)", 17), ("Sel Sumber", 12),
)
COL = {name: i for i, (name, _) in enumerate(COLUMNS)}
CHUNK = 200        # references per SUM/COUNT call (Excel allows 255 arguments)


class Styles:
    """Formats of this sheet on top of the shared ones."""

    def __init__(self, wb, fmt: Formats):
        self.base = fmt
        self.amount = wb.add_format({"num_format": "#,##0", "valign": "top", "border": 1})
        self.bold_amount = wb.add_format({"bold": True, "num_format": "#,##0", "border": 1})
        self.bold_percent = wb.add_format({"bold": True, "num_format": "0.00", "border": 1})
        self.section = wb.add_format({"bold": True, "font_size": 12})
        self.flag = wb.add_format({"bg_color": "#F8CBAD"})
        self.indent = wb.add_format({"text_wrap": True, "valign": "top", "border": 1, "indent": 1})
        self.indent2 = wb.add_format({"text_wrap": True, "valign": "top", "border": 1, "indent": 2})


# --- formula pieces -----------------------------------------------------------

def ranges(col: int, rows: list[int]) -> list[str]:
    """Cells of one column as references, consecutive rows merged: ['C5:C7', 'C9']."""
    out, rows = [], sorted(rows)
    start = prev = None
    for r in rows + [None]:
        if start is not None and (r is None or r != prev + 1):
            out.append(cell(start, col) if start == prev else f"{cell(start, col)}:{cell(prev, col)}")
            start = None
        if r is not None and start is None:
            start = r
        prev = r
    return out


def call(func: str, parts: list[str]) -> str:
    """FUNC(a,b,...) split into FUNC(...)+FUNC(...) beyond CHUNK arguments (SUM and COUNT only)."""
    if not parts:
        return "0"
    return "+".join(f"{func}({','.join(parts[k:k + CHUNK])})" for k in range(0, len(parts), CHUNK))


def rollup_formula(col: int, rows: list[int]) -> str:
    parts = ranges(col, rows)
    return f'=IF({call("COUNT", parts)}={len(rows)},{call("SUM", parts)},"")'


def serapan_formula(p: str, r: str) -> str:
    return f'=IF(AND(ISNUMBER({p}),ISNUMBER({r})),IF({p}=0,"",{r}/{p}*100),"")'


def share_formula(x: str, total: str) -> str:
    return f'=IF(AND(ISNUMBER({x}),ISNUMBER({total})),IF({total}=0,"",{x}/{total}*100),"")'


def difference_formula(a: str, b: str) -> str:
    return f'=IF(AND(ISNUMBER({a}),ISNUMBER({b})),{a}-{b},"")'


def source(sheet: str, address: str) -> str:
    r, c = parse_cell(address)
    return ref(sheet, r, c)


# --- the sheet ----------------------------------------------------------------

def render(wb, fmt: Formats, ctx, result: AnggaranResult) -> None:
    from sakip_xl.write.presentation import print_setup
    from sakip_xl.anggaran.summary import belanja_chart, write_classes, write_programmes, write_sasaran

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


def _write_line(ws, st: Styles, rows: list[int], i: int, bt: BudgetTable, tot_pagu: str, full: bool) -> None:
    f = st.base
    r, ln, res, struct = rows[i], bt.lines[i], bt.result, bt.struct
    is_total = struct.is_total[i]
    text_fmt = f.bold_text if is_total else (st.indent2 if (struct.level[i] or 1) >= 3 else
                                            st.indent if struct.level[i] == 2 else f.text)
    ws.write_string(r, COL["Kode/No"], ln.kode, f.center)
    ws.write_string(r, COL["Uraian"], ln.uraian, text_fmt)
    p, q = cell(r, COL["Pagu (Rp)"]), cell(r, COL["Realisasi (Rp)"])
    for key, col in (("pagu", "Pagu (Rp)"), ("realisasi", "Realisasi (Rp)"), ("serapan_dilaporkan", "Serapan Dilaporkan (%)"),
                     ("porsi_dilaporkan", "Porsi Dilaporkan (%)")):
        _number(ws, r, COL[col], bt, ln, key, f.percent if "%" in col else st.amount)
    ws.write_formula(r, COL["Serapan (%)"], serapan_formula(p, q), f.percent, stored(res.serapan[i]))
    ws.write_formula(r, COL["Porsi Pagu (%)"], share_formula(p, tot_pagu), f.percent, stored(res.share[i]))
    kids = [rows[j] for j in (struct.top() if is_total else struct.children(i))]
    for key, src_col, roll_col, diff_col in (("pagu", "Pagu (Rp)", "Jumlah Rincian Pagu", "Selisih Pagu"),
                                             ("realisasi", "Realisasi (Rp)", "Jumlah Rincian Realisasi",
                                              "Selisih Realisasi")):
        if kids:
            roll = res.rincian[key][i]
            ws.write_formula(r, COL[roll_col], rollup_formula(COL[src_col], kids), st.amount, stored(roll))
            ws.write_formula(r, COL[diff_col], difference_formula(cell(r, COL[src_col]), cell(r, COL[roll_col])),
                             f.number, stored(C.difference(ln.value(key), roll)))
        else:
            ws.write_blank(r, COL[roll_col], None, st.amount)
            ws.write_blank(r, COL[diff_col], None, f.number)
    ws.write_string(r, COL["Tingkat"], _level_text(bt, i), f.center)
    ws.write_string(r, COL["Kelompok Belanja"], (bt.kelompok[i] if bt.kelompok else None) or "", f.text)
    ws.write_string(r, COL["Jenis Belanja"], (bt.jenis[i] if bt.jenis else None) or "", f.text)
    if full:
        ws.write_string(r, COL["Sasaran yang Didukung"], (bt.sasaran[i] if bt.sasaran else None) or "", f.text)
        sid = bt.sasaran_id[i] if bt.sasaran_id else None
        if sid is None:
            ws.write_blank(r, COL["No Sasaran"], None, f.center)
        else:
            ws.write_number(r, COL["No Sasaran"], sid, f.center)
        _number(ws, r, COL["Pagu di PK (Rp)"], bt, ln, "pagu_pk", st.amount)
    addr = bt.address(i, "pagu")
    link_col = COL["Sel Sumber"] if full else COL["Sasaran yang Didukung"]
    write_link(ws, r, link_col, internal_link(bt.sheet, addr), f.link, f"{bt.sheet}!{addr}")
    widths = dict(COLUMNS)
    fit_row(ws, r, [(ln.uraian, widths["Uraian"] - 2 * (struct.level[i] or 1)),
                    ((bt.sasaran[i] if bt.sasaran and full else None) or "", widths["Sasaran yang Didukung"])])


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
    ws.write_formula(r, c, number_or_fallback(source(bt.sheet, nc.address), nc.fallback), fmt, stored(nc.value))


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
