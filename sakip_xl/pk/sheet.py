"""The `Capaian` sheet: each indicator's capaian and kategori as live formulas.

Every formula here has a Python twin in capaian.py / rows.py; the value
Python computed is stored with the formula, and the LibreOffice tests prove
both agree.
"""
from __future__ import annotations

from dataclasses import dataclass

from sakip_xl.pk import capaian as C
from sakip_xl.read import ordinal
from sakip_xl.xlsx.addresses import address_ref, cell, col_letter, quote_sheet, ref
from sakip_xl.read.numbers import format_id
from sakip_xl.pk.analyze import SasaranSummary, summarize
from sakip_xl.pk.judge import stated_is_fraction, stated_shown
from sakip_xl.pk.model import Indicator
from sakip_xl.pk.schema import JENIS_KUALITATIF, JENIS_RENTANG, NO_CAP
from sakip_xl.read.settings import Settings
from sakip_xl.write import presentation as P
from sakip_xl.write.common import (Formats, RowCells, fit_row, internal_link, write_link, num_literal, number_or_fallback,
                                   percent_of, stored)

SHEET = "Capaian"

HEADERS = (
    ("No", 5), ("Sasaran Strategis", 34), ("Indikator Kinerja", 44), ("Satuan", 9), ("Polaritas", 10),
    ("Jenis Target", 11), ("Rumus", 10), ("Target", 12), ("Target Batas Atas", 12), ("Realisasi", 12),
    ("Status", 16), ("Capaian (%)", 11), ("Capaian Dibatasi (%)", 11), ("Kategori", 13), ("Tercapai", 9),
    ("Capaian Dilaporkan (%)", 12), ("Sel di PK", 12), ("Skala Kualitatif", 14), ("Peringkat Target", 10),
    ("Peringkat Realisasi", 10), ("TW I", 10), ("TW II", 10), ("TW III", 10), ("TW IV", 10),
    ("Cara Realisasi Tahunan", 12), ("Realisasi dari TW", 12), ("Label Grafik", 30), ("Garis 100 % (Grafik)", 10),
)
COL = {name: i for i, (name, _) in enumerate(HEADERS)}
_WIDTHS = dict(HEADERS)
TW_COLS = ("TW I", "TW II", "TW III", "TW IV")
HEADER_ROW = 3
FIRST_ROW = HEADER_ROW + 1


@dataclass(frozen=True)
class CapaianLayout:
    """Where the Capaian sheet put each indicator: what render() returns (Context.layouts["pk"]),
    so the other sections' writers refer to its cells without knowing its layout."""

    sheet: str
    first_row: int
    columns: dict

    def row(self, index: int) -> int:
        """The 0-based sheet row of the `index`-th PK indicator."""
        return self.first_row + index

    def ref(self, index: int, column: str) -> str:
        """Absolute reference, with the sheet, to the `index`-th indicator's cell in `column`."""
        return ref(self.sheet, self.first_row + index, self.columns[column])


LAYOUT = CapaianLayout(SHEET, FIRST_ROW, COL)


def kategori_formula(x: str, settings: Settings) -> str:
    """INDEX over the Pengaturan scale when it is there, else the scale as constants.

    The bounds are compared with ROUND(x, C.COMPARE_DECIMALS), as capaian.kategori does.
    """
    sr = settings.scale_ref
    test = x
    x = f"ROUND({x},{C.COMPARE_DECIMALS})"
    if sr is None:
        expr = f'"{_esc(settings.scale[0].label)}"'
        for row in settings.scale[1:]:
            op = ">" if row.operator == ">" else ">="
            expr = f'IF({x}{op}{num_literal(row.bound)},"{_esc(row.label)}",{expr})'
        return f'=IF(ISNUMBER({test}),{expr},"")'
    q = quote_sheet(sr.sheet)
    last = sr.first_row + sr.count - 1

    def rng(col, first):
        return f"{q}!${col_letter(col)}${first + 1}:${col_letter(col)}${last + 1}"

    labels = rng(sr.label_col, sr.first_row)
    ops = rng(sr.operator_col, sr.first_row + 1)
    bounds = rng(sr.bound_col, sr.first_row + 1)
    count = f'SUMPRODUCT(({ops}=">")*({bounds}<{x})+({ops}=">=")*({bounds}<={x}))'
    return f'=IF(ISNUMBER({test}),INDEX({labels},1+{count}),"")'


def _esc(text: str) -> str:
    return text.replace('"', '""')


def shown_formula(src: str) -> str:
    """A cell as it is (text or number), '' for blanks and errors."""
    return f'=IFERROR(IF(LEN({src})=0,"",{src}),"")'


def rule_expr(rule: str, t: str, rl: str) -> str:
    """Capaian of realisasi `rl` against target `t`, in the arithmetic order of capaian.capaian."""
    if rule == C.RULE_POSITIVE:
        return f"{rl}/{t}*100"
    if rule == C.RULE_NEGATIVE_2T:
        return f"(2*{t}-{rl})/{t}*100"
    return f"{t}/{rl}*100"


def cap_of(settings: Settings) -> float | None:
    text = settings.get("batas_capaian") or NO_CAP
    return None if text == NO_CAP else float(text)


def render(wb, fmt: Formats, ctx, indicators: list[Indicator]) -> CapaianLayout:
    ctx.results["capaian_summary"] = write(wb, fmt, ctx.results["pk_sheet"], indicators, ctx.settings)
    return LAYOUT


def write(wb, fmt: Formats, pk_sheet: str, indicators: list[Indicator], settings: Settings) -> list[SasaranSummary]:
    ws = wb.add_worksheet(SHEET)
    instansi = settings.get("instansi") or ""
    tahun = settings.get("tahun")
    title = "CAPAIAN KINERJA" + (f" {instansi}".upper() if instansi else "")
    if tahun:
        title += f" TAHUN {int(tahun)}"
    ws.write_string(0, 0, title, fmt.title)
    ws.write_string(1, 0, f"Dihitung dari lembar '{pk_sheet}'. Jangan ubah lembar ini: ubah data di '{pk_sheet}', "
                          "lalu jalankan ulang sakip-xl compute.", fmt.note)
    for c, (name, width) in enumerate(HEADERS):
        ws.write_string(HEADER_ROW, c, name, fmt.header)
        ws.set_column(c, c, width)
    ws.set_row(HEADER_ROW, 45)
    ws.freeze_panes(FIRST_ROW, 3)

    cap = cap_of(settings)
    for i, ind in enumerate(indicators):
        _write_row(ws, fmt, FIRST_ROW + i, pk_sheet, ind, settings, cap)
    last = FIRST_ROW + max(len(indicators), 1) - 1
    ws.autofilter(HEADER_ROW, 0, last, len(HEADERS) - 1)
    summaries, end = _write_summary(ws, fmt, last + 3, indicators, settings, cap)
    end = _chart(wb, ws, end + 2, indicators)
    P.print_setup(ws, settings, "Capaian Kinerja", header_row=HEADER_ROW,
                  columns=(0, COL["Capaian Dilaporkan (%)"]), last_row=end)
    return summaries


CHART_HEIGHT = 340


def chart_label(k: int, ind: Indicator, limit: int = 48) -> str:
    """A short category label for the chart: '2. Prosentase Desa yang sudah…'."""
    text = " ".join((ind.indikator or ind.sasaran or f"Indikator {k}").split())
    if len(text) > limit:
        cut = text[:limit - 1]
        text = (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,.;:-") + "…"
    return f"{k}. {text}"


def _chart(wb, ws, top: int, indicators: list[Indicator]) -> int:
    """Capaian per indicator as bars against the 100 % line; returns the last row it covers."""
    values = [i.capaian for i in indicators if i.capaian is not None]
    if not values:
        return top - 2
    first, last = FIRST_ROW, FIRST_ROW + len(indicators) - 1

    def rng(name: str) -> list:
        return [SHEET, first, COL[name], last, COL[name]]

    bars = wb.add_chart({"type": "column"})
    bars.add_series({"name": "Capaian (%)", "categories": rng("Label Grafik"), "values": rng("Capaian (%)"),
                     "fill": {"color": P.BAR_BLUE}, "gap": 80,
                     "data_labels": P.value_labels([i.capaian for i in indicators])})
    line = wb.add_chart({"type": "line"})
    line.add_series({"name": "Target capaian 100 %", "categories": rng("Label Grafik"),
                     "values": rng("Garis 100 % (Grafik)"), "line": {"color": P.LINE_RED, "width": 2.25},
                     "marker": {"type": "none"}})
    bars.combine(line)
    width = min(960, max(620, 110 * len(indicators)))
    P.style_chart(bars, "Capaian Kinerja per Indikator terhadap 100 %", width=width, height=CHART_HEIGHT,
                  y_format="0", y_min=0 if min(values) >= 0 else None, y_max=P.headroom(values))
    ws.insert_chart(top, 1, bars, {"object_position": 3})
    return top + P.rows_for_height(CHART_HEIGHT)


def _at(r: int, name: str) -> str:
    return cell(r, COL[name])


def _write_row(sheet, fmt, r: int, pk_sheet: str, ind: Indicator, settings: Settings, cap: float | None) -> None:
    ws = RowCells(sheet, r)       # the row's cells, written at once by ws.put()
    ws.write_string(r, COL["No"], ind.no, fmt.center)
    ws.write_string(r, COL["Sasaran Strategis"], ind.sasaran, fmt.text)
    ws.write_string(r, COL["Indikator Kinerja"], ind.indikator, fmt.text)
    ws.write_string(r, COL["Satuan"], ind.satuan, fmt.center)
    ws.write_string(r, COL["Polaritas"], ind.polaritas, fmt.center)
    ws.write_string(r, COL["Jenis Target"], ind.jenis, fmt.center)
    ws.write_string(r, COL["Rumus"], ind.rule, fmt.center)
    for name in ("Target Batas Atas", "Skala Kualitatif", "Peringkat Target", "Peringkat Realisasi",
                 "Cara Realisasi Tahunan", "Realisasi dari TW") + TW_COLS:
        ws.write_blank(r, COL[name], None, fmt.center)
    if ind.jenis == JENIS_KUALITATIF:
        _qualitative_cells(ws, fmt, r, pk_sheet, ind)
    else:
        _numeric_cells(ws, fmt, r, pk_sheet, ind)
    cp = _at(r, "Capaian (%)")
    limited = f"MIN({cp},{num_literal(cap)})" if cap is not None else cp
    ws.write_formula(r, COL["Capaian Dibatasi (%)"], f'=IF(ISNUMBER({cp}),{limited},"")', fmt.percent,
                     stored(ind.capaian_dibatasi))
    ws.write_formula(r, COL["Kategori"], kategori_formula(cp, settings), fmt.center, stored(ind.kategori))
    ws.write_formula(r, COL["Tercapai"],
                     f'=IF(ISNUMBER({cp}),IF(ROUND({cp},{C.COMPARE_DECIMALS})>=100,"Ya","Tidak"),"")', fmt.center,
                     stored(ind.tercapai))
    if ind.stated is not None and stated_is_fraction(ind.stated, ind.capaian):
        src = address_ref(pk_sheet, ind.stated.address)     # 106,88 % in a percent cell is 1,0688: shown as 106,88
        ws.write_formula(r, COL["Capaian Dilaporkan (%)"], f'=IF(ISNUMBER({src}),{src}*100,"")', fmt.percent,
                         stored(stated_shown(ind.stated, ind.capaian)))
    elif ind.stated is not None:
        ws.write_formula(r, COL["Capaian Dilaporkan (%)"],
                         number_or_fallback(address_ref(pk_sheet, ind.stated.address), ind.stated.fallback,
                                            ind.stated.percent),
                         fmt.percent, stored(ind.stated.value))
    else:
        ws.write_blank(r, COL["Capaian Dilaporkan (%)"], None, fmt.percent)
    row_addr = ind.realisasi.address
    write_link(ws, r, COL["Sel di PK"], internal_link(pk_sheet, row_addr), fmt.link, f"{pk_sheet}!{row_addr}")
    label = chart_label(r - FIRST_ROW + 1, ind) + ("" if ind.capaian is not None else " (tidak diukur)")
    ws.write_string(r, COL["Label Grafik"], label, fmt.text)
    ws.write_number(r, COL["Garis 100 % (Grafik)"], 100, fmt.integer)
    ws.put()
    fit_row(sheet, r, [(ind.sasaran, _WIDTHS["Sasaran Strategis"]), (ind.indikator, _WIDTHS["Indikator Kinerja"]),
                       (label, _WIDTHS["Label Grafik"])])


def _qualitative_cells(ws, fmt, r, pk_sheet, ind: Indicator) -> None:
    src_t = address_ref(pk_sheet, ind.target.address)
    src_r = address_ref(pk_sheet, ind.realisasi.address)
    ws.write_formula(r, COL["Target"], shown_formula(src_t), fmt.center, stored(ind.target_shown))
    ws.write_formula(r, COL["Realisasi"], shown_formula(src_r), fmt.center, stored(ind.realisasi_shown))
    ws.write_string(r, COL["Skala Kualitatif"], ind.scale.name, fmt.center)
    ws.write_formula(r, COL["Peringkat Target"], "=" + ordinal.rank_formula(src_t, ind.scale), fmt.integer,
                     stored(ind.rank_target))
    ws.write_formula(r, COL["Peringkat Realisasi"], "=" + ordinal.rank_formula(src_r, ind.scale), fmt.integer,
                     stored(ind.rank_realisasi))
    rt, rr, rl = _at(r, "Peringkat Target"), _at(r, "Peringkat Realisasi"), _at(r, "Realisasi")
    ws.write_formula(
        r, COL["Status"],
        f'=IF(NOT(ISNUMBER({rt})),"{C.STATUS_TARGET_OFF_SCALE}",IF(LEN({rl})=0,"{C.STATUS_NO_REALISASI}",'
        f'IF(NOT(ISNUMBER({rr})),"{C.STATUS_REALISASI_OFF_SCALE}","{C.STATUS_OK}")))',
        fmt.center, ind.status)
    value = f"IF({rr}>={rt},100,0)" if ind.qual_mode == C.QUAL_BINARY else f"{rr}/{rt}*100"
    st = _at(r, "Status")
    ws.write_formula(r, COL["Capaian (%)"], f'=IF({st}="{C.STATUS_OK}",{value},"")', fmt.percent,
                     stored(ind.capaian))


def _numeric_cells(ws, fmt, r, pk_sheet, ind: Indicator) -> None:
    src_t = address_ref(pk_sheet, ind.target.address)
    ws.write_formula(r, COL["Target"], number_or_fallback(src_t, ind.target.fallback, ind.target.percent), fmt.number,
                     stored(ind.target.value))
    t, rl, st = _at(r, "Target"), _at(r, "Realisasi"), _at(r, "Status")
    _realisasi_cells(ws, fmt, r, pk_sheet, ind)
    if ind.jenis == JENIS_RENTANG:
        u = _at(r, "Target Batas Atas")
        src_u = address_ref(pk_sheet, ind.target_atas.address)
        atas = ind.target_atas
        ws.write_formula(r, COL["Target Batas Atas"], number_or_fallback(src_u, atas.fallback, atas.percent),
                         fmt.number, stored(atas.value))
        zero_real = f'IF(AND({rl}=0,OR({rl}>{u},{rl}<{t})),"{C.STATUS_ZERO_REALISASI}","{C.STATUS_OK}")' \
            if ind.rule == C.RULE_NEGATIVE_T_OVER_R else f'"{C.STATUS_OK}"'
        ws.write_formula(
            r, COL["Status"],
            f'=IF(NOT(ISNUMBER({t})),"{C.STATUS_BAD_TARGET}",IF(NOT(ISNUMBER({u})),"{C.STATUS_BAD_TARGET}",'
            f'IF({t}>{u},"{C.STATUS_BAD_RANGE}",IF(NOT(ISNUMBER({rl})),"{C.STATUS_NO_REALISASI}",'
            f'IF(OR(AND({rl}>{u},{u}=0),AND({rl}<{t},{t}=0)),"{C.STATUS_ZERO_TARGET}",{zero_real})))))',
            fmt.center, ind.status)
        ws.write_formula(
            r, COL["Capaian (%)"],
            f'=IF({st}="{C.STATUS_OK}",IF({rl}>{u},{rule_expr(ind.rule, u, rl)},'
            f'IF({rl}<{t},{rule_expr(ind.rule, t, rl)},100)),"")',
            fmt.percent, stored(ind.capaian))
        return
    rule = _at(r, "Rumus")
    ws.write_formula(
        r, COL["Status"],
        f'=IF(NOT(ISNUMBER({t})),"{C.STATUS_BAD_TARGET}",IF({t}=0,"{C.STATUS_ZERO_TARGET}",'
        f'IF(NOT(ISNUMBER({rl})),"{C.STATUS_NO_REALISASI}",IF(AND({rule}="{C.RULE_NEGATIVE_T_OVER_R}",{rl}=0),'
        f'"{C.STATUS_ZERO_REALISASI}","{C.STATUS_OK}"))))',
        fmt.center, ind.status,
    )
    ws.write_formula(
        r, COL["Capaian (%)"],
        f'=IF({st}="{C.STATUS_OK}",IF({rule}="{C.RULE_POSITIVE}",{rl}/{t}*100,'
        f'IF({rule}="{C.RULE_NEGATIVE_2T}",(2*{t}-{rl})/{t}*100,{t}/{rl}*100)),"")',
        fmt.percent, stored(ind.capaian),
    )


def _realisasi_cells(ws, fmt, r, pk_sheet, ind: Indicator) -> None:
    src_r = address_ref(pk_sheet, ind.realisasi.address)
    if not ind.quarters:
        ws.write_formula(r, COL["Realisasi"], number_or_fallback(src_r, ind.realisasi.fallback, ind.realisasi.percent),
                         fmt.number, stored(ind.realisasi_value))
        return
    qs = []
    for name, q in zip(TW_COLS, ind.quarters):
        qs.append(_at(r, name))
        if q is not None:
            ws.write_formula(r, COL[name], number_or_fallback(address_ref(pk_sheet, q.address), q.fallback, q.percent),
                             fmt.number, stored(q.value))
        else:
            ws.write_formula(r, COL[name], '=""', fmt.number, "")
    ws.write_string(r, COL["Cara Realisasi Tahunan"], ind.cara, fmt.center)
    first, last = qs[0], qs[-1]
    if ind.cara == C.YEAR_SUM:
        year = f'=IF(COUNT({first}:{last})=0,"",SUM({first}:{last}))'
    elif ind.cara == C.YEAR_AVERAGE:
        year = f'=IF(COUNT({first}:{last})=0,"",AVERAGE({first}:{last}))'
    else:
        year = '""'
        for q in qs:
            year = f"IF(ISNUMBER({q}),{q},{year})"
        year = "=" + year
    ws.write_formula(r, COL["Realisasi dari TW"], year, fmt.number, stored(ind.realisasi_tw))
    tw = _at(r, "Realisasi dari TW")
    other = num_literal(ind.realisasi.fallback) if ind.realisasi.fallback is not None \
        else f'IF(ISNUMBER({tw}),{tw},"")'
    typed = percent_of(src_r, ind.realisasi.percent)
    ws.write_formula(r, COL["Realisasi"], f"=IF(ISNUMBER({src_r}),{typed},{other})", fmt.number,
                     stored(ind.realisasi_value))


# The summary's columns sit under the main table's: the sasaran across Sasaran .. Target Batas Atas,
# the average under "Capaian (%)" (merged with "Capaian Dibatasi (%)"), the kategori under "Kategori".
SUMMARY_LABEL = (COL["Sasaran Strategis"], COL["Target Batas Atas"])
SUMMARY_COUNT = COL["Realisasi"]
SUMMARY_MEASURED = COL["Status"]
SUMMARY_MEAN = (COL["Capaian (%)"], COL["Capaian Dibatasi (%)"])
SUMMARY_KATEGORI = COL["Kategori"]


def _write_summary(ws, fmt, top: int, indicators: list[Indicator], settings: Settings,
                   cap: float | None) -> tuple[list[SasaranSummary], int]:
    """The per-sasaran averages; returns them and the last row written."""
    summaries = summarize(indicators, settings)
    ws.write_string(top, 1, "RINGKASAN PER SASARAN", fmt.label)
    if cap is not None:
        ws.write_string(top, 2, f"Rata-rata memakai capaian yang dibatasi {format_id(cap, 0)} % (lihat Pengaturan).",
                        fmt.note)
    h = top + 1
    ws.write_string(h, 0, "No", fmt.header)
    ws.merge_range(h, SUMMARY_LABEL[0], h, SUMMARY_LABEL[1], "Sasaran Strategis", fmt.header)
    ws.write_string(h, SUMMARY_COUNT, "Jumlah Indikator", fmt.header)
    ws.write_string(h, SUMMARY_MEASURED, "Indikator Terukur", fmt.header)
    ws.merge_range(h, SUMMARY_MEAN[0], h, SUMMARY_MEAN[1], "Rata-rata Capaian (%)", fmt.header)
    ws.write_string(h, SUMMARY_KATEGORI, "Kategori", fmt.header)
    ws.set_row(h, 30)
    cap_col = col_letter(COL["Capaian Dibatasi (%)"])
    r = h + 1
    for k, s in enumerate(summaries, start=1):
        cells = ",".join(f"{cap_col}{FIRST_ROW + x + 1}" for x in s.rows)
        _summary_line(ws, fmt, r, str(k), s.sasaran, s.count, cells, s.computed, s.mean, s.kategori, settings,
                      fmt.text)
        r += 1
    if indicators:
        first, last = FIRST_ROW + 1, FIRST_ROW + len(indicators)
        overall = C.mean([i.capaian_dibatasi for i in indicators])
        _summary_line(ws, fmt, r, "", "Seluruh indikator", len(indicators), f"{cap_col}{first}:{cap_col}{last}",
                      sum(i.capaian_dibatasi is not None for i in indicators), overall,
                      C.kategori(overall, settings.scale), settings, fmt.bold_text)
        r += 1
    return summaries, r - 1


def _summary_line(ws, fmt, r, number, label, count, cells, computed, avg, kat, settings, label_fmt):
    ws.write_string(r, 0, number, fmt.center)
    ws.merge_range(r, SUMMARY_LABEL[0], r, SUMMARY_LABEL[1], "", label_fmt)
    ws.write_string(r, SUMMARY_LABEL[0], label, label_fmt)
    width = sum(w for name, w in HEADERS[SUMMARY_LABEL[0]:SUMMARY_LABEL[1] + 1])
    fit_row(ws, r, [(label, width)])
    ws.write_number(r, SUMMARY_COUNT, count, fmt.integer)
    ws.write_formula(r, SUMMARY_MEASURED, f"=COUNT({cells})", fmt.integer, computed)
    mean = cell(r, SUMMARY_MEAN[0])
    ws.merge_range(r, SUMMARY_MEAN[0], r, SUMMARY_MEAN[1], "", fmt.percent)
    ws.write_formula(r, SUMMARY_MEAN[0], f'=IF(COUNT({cells})=0,"",AVERAGE({cells}))', fmt.percent, stored(avg))
    ws.write_formula(r, SUMMARY_KATEGORI, kategori_formula(mean, settings), fmt.center, stored(kat))
