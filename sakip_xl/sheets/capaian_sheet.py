"""The `Capaian` sheet: each indicator's capaian and kategori as live formulas.

Every formula here has a Python twin in capaian.py; the value Python computed is
stored with the formula, and the LibreOffice tests prove both agree.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import capaian as C
from ..addresses import cell, col_letter, quote_sheet, ref
from ..pk import Indicator
from ..settings import Settings
from .common import Formats, internal_link, num_literal, number_or_fallback, stored

SHEET = "Capaian"

HEADERS = (
    ("No", 5), ("Sasaran Strategis", 34), ("Indikator Kinerja", 44), ("Satuan", 9), ("Polaritas", 10),
    ("Rumus", 10), ("Target", 12), ("Realisasi", 12), ("Status", 16), ("Capaian (%)", 11),
    ("Kategori", 13), ("Capaian Dilaporkan (%)", 12), ("Sel di PK", 12),
)
COL = {name: i for i, (name, _) in enumerate(HEADERS)}
HEADER_ROW = 3
FIRST_ROW = HEADER_ROW + 1


@dataclass
class SasaranSummary:
    sasaran: str
    rows: list[int]          # 0-based sheet rows of its indicators
    count: int
    computed: int
    mean: float | None
    kategori: str | None


def kategori_formula(x: str, settings: Settings) -> str:
    """INDEX over the Pengaturan scale when it is there, else the scale as constants."""
    sr = settings.scale_ref
    if sr is None:
        expr = f'"{_esc(settings.scale[0].label)}"'
        for row in settings.scale[1:]:
            op = ">" if row.operator == ">" else ">="
            expr = f'IF({x}{op}{num_literal(row.bound)},"{_esc(row.label)}",{expr})'
        return f'=IF(ISNUMBER({x}),{expr},"")'
    q = quote_sheet(sr.sheet)
    last = sr.first_row + sr.count - 1

    def rng(col, first):
        return f"{q}!${col_letter(col)}${first + 1}:${col_letter(col)}${last + 1}"

    labels = rng(sr.label_col, sr.first_row)
    ops = rng(sr.operator_col, sr.first_row + 1)
    bounds = rng(sr.bound_col, sr.first_row + 1)
    count = f'SUMPRODUCT(({ops}=">")*({bounds}<{x})+({ops}=">=")*({bounds}<={x}))'
    return f'=IF(ISNUMBER({x}),INDEX({labels},1+{count}),"")'


def _esc(text: str) -> str:
    return text.replace('"', '""')


def render(wb, fmt: Formats, ctx, indicators: list[Indicator]) -> None:
    ctx.results["capaian_summary"] = write(wb, fmt, ctx.results["pk_sheet"], indicators, ctx.settings)


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
    ws.set_row(HEADER_ROW, 30)
    ws.freeze_panes(FIRST_ROW, 3)

    for i, ind in enumerate(indicators):
        _write_row(ws, fmt, FIRST_ROW + i, pk_sheet, ind, settings)
    last = FIRST_ROW + max(len(indicators), 1) - 1
    ws.autofilter(HEADER_ROW, 0, last, len(HEADERS) - 1)
    summaries = _write_summary(ws, fmt, last + 3, indicators, settings)
    ws.repeat_rows(HEADER_ROW)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    return summaries


def _write_row(ws, fmt, r: int, pk_sheet: str, ind: Indicator, settings: Settings) -> None:
    ws.write_string(r, COL["No"], ind.no, fmt.center)
    ws.write_string(r, COL["Sasaran Strategis"], ind.sasaran, fmt.text)
    ws.write_string(r, COL["Indikator Kinerja"], ind.indikator, fmt.text)
    ws.write_string(r, COL["Satuan"], ind.satuan, fmt.center)
    ws.write_string(r, COL["Polaritas"], ind.polaritas, fmt.center)
    ws.write_string(r, COL["Rumus"], ind.rule, fmt.center)
    t, rl, st, cp, rule = (cell(r, COL[k]) for k in ("Target", "Realisasi", "Status", "Capaian (%)", "Rumus"))
    src_t = _src(pk_sheet, ind.target.address)
    src_r = _src(pk_sheet, ind.realisasi.address)
    ws.write_formula(r, COL["Target"], number_or_fallback(src_t, ind.target.fallback), fmt.number,
                     stored(ind.target.value))
    ws.write_formula(r, COL["Realisasi"], number_or_fallback(src_r, ind.realisasi.fallback), fmt.number,
                     stored(ind.realisasi.value))
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
    ws.write_formula(r, COL["Kategori"], kategori_formula(cp, settings), fmt.center, stored(ind.kategori))
    if ind.stated is not None:
        ws.write_formula(r, COL["Capaian Dilaporkan (%)"],
                         number_or_fallback(_src(pk_sheet, ind.stated.address), ind.stated.fallback),
                         fmt.percent, stored(ind.stated.value))
    else:
        ws.write_blank(r, COL["Capaian Dilaporkan (%)"], None, fmt.percent)
    row_addr = ind.realisasi.address
    ws.write_url(r, COL["Sel di PK"], internal_link(pk_sheet, row_addr), fmt.link, f"{pk_sheet}!{row_addr}")


def _src(sheet: str, address: str) -> str:
    from ..addresses import parse_cell
    r, c = parse_cell(address)
    return ref(sheet, r, c)


def summarize(indicators: list[Indicator], settings: Settings, first_row: int = FIRST_ROW) -> list[SasaranSummary]:
    groups: dict[str, list[int]] = {}
    by_row: dict[int, Indicator] = {}
    for i, ind in enumerate(indicators):
        groups.setdefault(ind.sasaran, []).append(first_row + i)
        by_row[first_row + i] = ind
    result = []
    for sasaran, rows in groups.items():
        values = [by_row[r].capaian for r in rows]
        avg = C.mean(values)
        result.append(SasaranSummary(sasaran, rows, len(rows), sum(v is not None for v in values), avg,
                                     C.kategori(avg, settings.scale)))
    return result


def _write_summary(ws, fmt, top: int, indicators: list[Indicator], settings: Settings) -> list[SasaranSummary]:
    summaries = summarize(indicators, settings)
    ws.write_string(top, 1, "RINGKASAN PER SASARAN", fmt.label)
    heads = ("Sasaran Strategis", "Jumlah Indikator", "Indikator Terukur", "Rata-rata Capaian (%)", "Kategori")
    cols = (1, 2, 3, 4, 5)
    for c, h in zip(cols, heads):
        ws.write_string(top + 1, c, h, fmt.header)
    cap_col = col_letter(COL["Capaian (%)"])
    r = top + 2
    all_rows = []
    for s in summaries:
        cells = ",".join(f"{cap_col}{x + 1}" for x in s.rows)
        all_rows.extend(s.rows)
        _summary_line(ws, fmt, r, s.sasaran, s.count, cells, s.computed, s.mean, s.kategori, settings, fmt.text)
        r += 1
    if indicators:
        first, last = FIRST_ROW + 1, FIRST_ROW + len(indicators)
        overall = C.mean([i.capaian for i in indicators])
        _summary_line(ws, fmt, r, "Seluruh indikator", len(indicators), f"{cap_col}{first}:{cap_col}{last}",
                      sum(i.capaian is not None for i in indicators), overall, C.kategori(overall, settings.scale),
                      settings, fmt.bold_text)
    return summaries


def _summary_line(ws, fmt, r, label, count, cells, computed, avg, kat, settings, label_fmt):
    ws.write_string(r, 1, label, label_fmt)
    ws.write_number(r, 2, count, fmt.integer)
    ws.write_formula(r, 3, f"=COUNT({cells})", fmt.integer, computed)
    ws.write_formula(r, 4, f'=IF(COUNT({cells})=0,"",AVERAGE({cells}))', fmt.percent, stored(avg))
    ws.write_formula(r, 5, kategori_formula(cell(r, 4), settings), fmt.center, stored(kat))
