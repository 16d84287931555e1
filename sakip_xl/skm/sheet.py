"""The `Hasil SKM` sheet: the official report table as live formulas over the SKM sheet.

Layout (0-based rows): title, note, a summary block at B4:C15 whose C10 is the
NIK rounded to 2 decimals (PK realisasi can point at 'Hasil SKM'!C10), the
bands, the chart, the element table, then the tables per layanan, per period
and the respondent profile (groups_sheet.py).
"""
from __future__ import annotations

from sakip_xl.xlsx.addresses import cell, col_letter, quote_sheet
from sakip_xl.write.common import fit_row, internal_link, write_link, num_literal, stored
from sakip_xl.write.presentation import explicit_labels
from sakip_xl.skm import formulas as X
from sakip_xl.skm.codes import NIK_CELL
from sakip_xl.skm.regimes import WEIGHT_EXACT, weight_label

from sakip_xl.skm.schema import SHEET  # noqa: F401  (hasil.py writes the sheet by this name)
SUMMARY = ("regulasi", "unsur", "bobot", "responden", "ikm", "nik", "nik_bulat", "mutu", "kinerja",
           "populasi", "sampel", "cukup")
SUMMARY_LABELS = {
    "regulasi": "Regulasi", "unsur": "Jumlah unsur", "bobot": "Bobot per unsur",
    "responden": "Jumlah responden", "ikm": "IKM (skala 1-4) = Σ NRR tertimbang",
    "nik": "Nilai IKM konversi (NIK) = IKM × 25", "nik_bulat": "NIK dibulatkan (2 desimal)",
    "mutu": "Mutu pelayanan", "kinerja": "Kinerja unit pelayanan", "populasi": "Populasi (N)",
    "sampel": "Sampel minimal (Krejcie & Morgan)", "cukup": "Kecukupan sampel",
}
SUMMARY_TOP = 3
ROW = {key: SUMMARY_TOP + i for i, key in enumerate(SUMMARY)}
VALUE_COL = 2
TABLE_HEADER = SUMMARY_TOP + len(SUMMARY) + 1
# Under the summary (nothing above it moves): the rows of the survey sheet left out (SKM-005).
REJECTED_ROW = SUMMARY_TOP + len(SUMMARY)
REJECTED_LABEL = "Baris tanpa jawaban unsur (tidak dihitung)"
assert cell(ROW["nik_bulat"], VALUE_COL) == NIK_CELL

# element table columns
COLS = ("No", "Unsur", "1 (a)", "2 (b)", "3 (c)", "4 (d)", "Jumlah jawaban sah", "Tidak sah", "Jumlah nilai",
        "NRR", "Bobot", "NRR tertimbang", "NRR × 25", "Mutu", "Kinerja", "Rata-rata unit (NIK)", "Kolom data")
WIDTHS = (5, 44, 11, 11, 11, 12, 11, 11, 11, 9, 9, 11, 10, 7, 13, 11, 10)   # 4-7 also hold the bands
K = {name: i for i, name in enumerate(COLS)}


def v(key: str) -> str:
    """Absolute address of a summary value."""
    return cell(ROW[key], VALUE_COL, absolute=True)


class SkmFormats:
    def __init__(self, wb, fmt):
        self.base = fmt
        self.nrr = wb.add_format({"num_format": "0.000", "valign": "top", "border": 1})
        self.weight = wb.add_format({"num_format": "0.000000", "valign": "top", "border": 1})
        self.date = wb.add_format({"num_format": "dd/mm/yyyy", "valign": "top", "border": 1})
        self.big = wb.add_format({"bold": True, "num_format": "0.00", "border": 1, "bg_color": "#E2EFDA"})
        self.big_text = wb.add_format({"bold": True, "border": 1, "bg_color": "#E2EFDA"})
        self.plain = wb.add_format({"border": 1, "valign": "top"})
        self.label = wb.add_format({"bold": True, "border": 1, "text_wrap": True, "valign": "top"})


def title(ws, fmt, text: str, settings, note: str) -> None:
    instansi = settings.get("instansi") or ""
    tahun = settings.get("tahun")
    full = text + (f" {instansi}".upper() if instansi else "")
    if tahun:
        full += f" TAHUN {int(tahun)}"
    ws.write_string(0, 0, full, fmt.title)
    ws.write_string(1, 0, note, fmt.note)


def summary(ws, sf: SkmFormats, index, n_elements: int, elements_rows: tuple[int, int]) -> None:
    """Rows regulasi .. kinerja (the sample rows are written by the caller when they apply)."""
    fmt = sf.base
    for key in SUMMARY[:9]:
        if key != "responden":
            ws.write_string(ROW[key], 1, SUMMARY_LABELS[key], sf.label)
    ws.write_string(ROW["regulasi"], VALUE_COL, index.regime.name, sf.plain)
    ws.write_number(ROW["unsur"], VALUE_COL, n_elements, fmt.integer)
    if index.weight_mode == WEIGHT_EXACT:
        ws.write_formula(ROW["bobot"], VALUE_COL, f"=1/{n_elements}", sf.weight, index.bobot)
    else:
        ws.write_number(ROW["bobot"], VALUE_COL, index.bobot, sf.weight)
    ws.write_string(ROW["bobot"], 1, f"{SUMMARY_LABELS['bobot']}: {weight_label(n_elements, index.weight_mode)}",
                    sf.label)
    first, last = elements_rows
    nrr = f"{col_letter(K['NRR'])}{first + 1}:{col_letter(K['NRR'])}{last + 1}"
    tw = f"{col_letter(K['NRR tertimbang'])}{first + 1}:{col_letter(K['NRR tertimbang'])}{last + 1}"
    ws.write_formula(ROW["ikm"], VALUE_COL, f'=IF(COUNT({nrr})<{n_elements},"",SUM({tw}))', sf.nrr,
                     stored(index.ikm))
    ws.write_formula(ROW["nik"], VALUE_COL, X.times(v("ikm"), "25"), fmt.percent, stored(index.nik))
    ws.write_formula(ROW["nik_bulat"], VALUE_COL, f'=IF(ISNUMBER({v("nik")}),ROUND({v("nik")},2),"")', sf.big,
                     stored(index.nik_rounded))
    ws.write_formula(ROW["mutu"], VALUE_COL, X.mutu(v("nik_bulat"), index.regime), sf.big_text,
                     stored(index.mutu))
    ws.write_formula(ROW["kinerja"], VALUE_COL, X.kinerja(v("mutu"), index.regime), sf.big_text,
                     stored(index.kinerja))


def bands(ws, fmt, regime) -> None:
    top, c0 = SUMMARY_TOP, 4
    for i, h in enumerate(("Mutu", "Kinerja unit", "NIK dari", "NIK sampai")):
        ws.write_string(top, c0 + i, h, fmt.header)
    for r, band in enumerate(regime.bands, start=top + 1):
        ws.write_string(r, c0, band.mutu, fmt.center)
        ws.write_string(r, c0 + 1, band.kinerja, fmt.text)
        fit_row(ws, r, [(band.kinerja, WIDTHS[c0 + 1])])
        ws.write_number(r, c0 + 2, band.low if band.low is not None else 25.0, fmt.percent)
        ws.write_number(r, c0 + 3, band.high, fmt.percent)
    ws.write_string(top + len(regime.bands) + 1, c0, f"Batas mutu {regime.name}, diterapkan pada nilai yang "
                    "dibulatkan ke 2 desimal.", fmt.note)


def element_header(ws, fmt, extra: tuple[str, ...] = (), rename: dict | None = None) -> None:
    for i, (name, width) in enumerate(zip(COLS, WIDTHS)):
        ws.write_string(TABLE_HEADER, i, (rename or {}).get(name, name), fmt.header)
        ws.set_column(i, i, width)
    for j, name in enumerate(extra):
        ws.write_string(TABLE_HEADER, len(COLS) + j, name, fmt.header)
        ws.set_column(len(COLS) + j, len(COLS) + j, 11)
    ws.set_row(TABLE_HEADER, 30)


def element_row(ws, sf: SkmFormats, r: int, e, index, count_cells, nonblank_formula, count_fmt) -> None:
    """One element: counts (written by count_cells), then the formulas shared by both tables."""
    fmt = sf.base
    regime = index.regime
    ws.write_number(r, K["No"], e.number, fmt.center)
    ws.write_string(r, K["Unsur"], f"U{e.number} {e.name}", fmt.text)
    fit_row(ws, r, [(f"U{e.number} {e.name}", WIDTHS[K["Unsur"]])])
    count_cells(ws, r)
    a = {name: cell(r, K[name]) for name in COLS}
    counts = f"{a['1 (a)']}:{a['4 (d)']}"
    ws.write_formula(r, K["Jumlah jawaban sah"], f"=SUM({counts})", count_fmt, e.total)
    if nonblank_formula is None:
        ws.write_blank(r, K["Tidak sah"], None, fmt.integer)
    else:
        ws.write_array_formula(r, K["Tidak sah"], r, K["Tidak sah"],
                               X.array(f"SUM({nonblank_formula})-{a['Jumlah jawaban sah']}"),
                               fmt.integer, e.nonblank - e.total)
    ws.write_formula(r, K["Jumlah nilai"], f"=SUMPRODUCT({{1,2,3,4}},{counts})", fmt.number, e.jumlah)
    ws.write_formula(r, K["NRR"], f'=IF({a["Jumlah jawaban sah"]}>0,{a["Jumlah nilai"]}/{a["Jumlah jawaban sah"]},"")',
                     sf.nrr, stored(e.nrr))
    ws.write_formula(r, K["Bobot"], f"={v('bobot')}", sf.weight, index.bobot)
    ws.write_formula(r, K["NRR tertimbang"], X.times(a["NRR"], a["Bobot"]), sf.nrr, stored(e.tertimbang))
    ws.write_formula(r, K["NRR × 25"], X.times(a["NRR"], "25"), fmt.percent, stored(e.nrr25))
    ws.write_formula(r, K["Mutu"], X.mutu(a["NRR × 25"], regime), fmt.center, stored(e.mutu))
    ws.write_formula(r, K["Kinerja"], X.kinerja(a["Mutu"], regime), fmt.center, stored(e.kinerja))
    ws.write_formula(r, K["Rata-rata unit (NIK)"], f'=IF(ISNUMBER({v("nik")}),{v("nik")},"")', fmt.percent,
                     stored(index.nik))


def link(ws, fmt, r: int, sheet: str, address: str) -> None:
    write_link(ws, r, K["Kolom data"], internal_link(sheet, address), fmt.link, address)


CHART_ROWS = 18


def chart(wb, ws, first: int, last: int, top: int) -> int:
    """Bars of NRR × 25 per element with the unit's NIK as a line, at row `top`; returns the next free row."""
    q = quote_sheet(ws.name)

    def rng(col):
        c = col_letter(col)
        return f"={q}!${c}${first + 1}:${c}${last + 1}"

    bars = wb.add_chart({"type": "column"})
    bars.add_series({"name": "Nilai unsur (NRR × 25)", "categories": rng(K["Unsur"]), "values": rng(K["NRR × 25"]),
                     "fill": {"color": "#4472C4"},
                     "data_labels": {"value": True, "num_format": "0.00", "position": "outside_end"}})
    line = wb.add_chart({"type": "line"})
    line.add_series({"name": "Rata-rata unit (NIK)", "categories": rng(K["Unsur"]),
                     "values": rng(K["Rata-rata unit (NIK)"]), "line": {"color": "#C00000", "width": 2},
                     "marker": {"type": "none"}})
    bars.combine(line)
    bars.set_title({"name": "Nilai per unsur dan rata-rata unit", "name_font": {"size": 11}})
    bars.set_y_axis({"min": 0, "max": 110, "major_unit": 10, "major_gridlines": {"visible": True}})
    bars.set_x_axis({"num_font": {"size": 7}})
    bars.set_legend({"position": "bottom"})
    bars.set_size({"width": 900, "height": 340})
    explicit_labels(bars)
    ws.insert_chart(top, 1, bars, {"x_offset": 0, "y_offset": 0, "object_position": 3})
    return top + CHART_ROWS


def number_source(src: str, fallback: float | None) -> str:
    """=IF(ISNUMBER(src),src,fallback): the number in a cell, or the one Python read from its text."""
    other = '""' if fallback is None else num_literal(fallback)
    return f"=IF(ISNUMBER({src}),{src},{other})"
