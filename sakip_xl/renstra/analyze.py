"""The Renstra section's analysis: match PK, Renstra and IKU indicators, compare, report."""
from __future__ import annotations

from dataclasses import dataclass, field

from sakip_xl import findings as F
from sakip_xl.read.numbers import BLANK, INVALID, NOT_AVAILABLE, TEXT_NUMBER, format_id
from sakip_xl.pk.judge import report_percent
from sakip_xl.pk.model import Indicator
from sakip_xl.pk.schema import NEGATIVE_WORDS as _NEGATIVE_WORDS
from sakip_xl.pk.schema import POSITIVE_WORDS as _POSITIVE_WORDS
from sakip_xl.read.schema import POLARITY_NEGATIVE, POLARITY_POSITIVE, normalize_choice
from sakip_xl.renstra import compare
from sakip_xl.renstra.matching import match_names, same_unit
from sakip_xl.renstra.model import IkuRow, Period, RenstraRow, iku_rows, period_of, renstra_rows
from sakip_xl.renstra.schema import IKU, RENSTRA, YEARS


@dataclass
class Result:
    period: Period
    pk_sheet: str | None
    rows: list[compare.Row] = field(default_factory=list)
    renstra_sheet: str | None = None
    iku_sheet: str | None = None
    renstra: list[RenstraRow] = field(default_factory=list)
    iku: list[IkuRow] = field(default_factory=list)


def analyze(ctx) -> Result | None:
    """None when the workbook has neither PK, Renstra nor IKU."""
    ren_table = ctx.book.table(RENSTRA, required=False)
    iku_table = ctx.book.table(IKU, required=False)
    indicators: list[Indicator] | None = ctx.results.get("pk")
    if ren_table is None and iku_table is None and indicators is None:
        return None
    result = Result(period_of(ctx.settings), ctx.results.get("pk_sheet"),
                    renstra_sheet=ren_table.sheet if ren_table else None, iku_sheet=iku_table.sheet if iku_table else None)
    result.renstra = renstra_rows(ren_table, ctx.date1904) if ren_table is not None else []
    result.iku = iku_rows(iku_table) if iku_table is not None else []
    out = ctx.findings
    if result.renstra and any(ren_table.has(f"{kind}_{k}") for kind in ("target", "realisasi")
                              for k in range(1, YEARS + 1)):
        _check_period(result.period, ctx.settings, out)
    indicators = indicators or []
    pk_table = ctx.results.get("pk_table")
    names = [i.indikator for i in indicators]
    ren_matches = match_names(names, [r.indikator for r in result.renstra]) if result.renstra else {}
    iku_matches = match_names(names, [r.indikator for r in result.iku]) if result.iku else {}
    for i, ind in enumerate(indicators):
        m = ren_matches.get(i)
        renstra = result.renstra[m.index] if m else None
        row = compare.build(i, ind, result.pk_sheet, renstra, result.period, ctx.date1904)
        row.renstra_match = m
        if i in iku_matches:
            row.iku_match = iku_matches[i]
            row.iku = result.iku[row.iku_match.index]
        result.rows.append(row)
        if ind.indikator:
            _check_row(row, pk_table, result, out)
    if indicators and result.iku:
        matched = {m.index for m in iku_matches.values()}
        for j, iku in enumerate(result.iku):
            if j not in matched and iku.indikator:
                out.append(F.make("REN-006", iku.sheet, iku.address["indikator"], lembar=result.pk_sheet))
    if result.iku and result.renstra:
        _check_iku_against_renstra(result, out)
    return result


def _check_period(period: Period, settings, out: list) -> None:
    if period.tahun is None or period.awal is None:
        sheet = settings.sheet or "Pengaturan"
        out.append(F.make("REN-009", sheet, settings.cells.get("tahun_awal_renstra", "")))
    elif period.k is None:
        sheet = settings.sheet or "Pengaturan"
        out.append(F.make("REN-008", sheet, settings.cells.get("tahun_awal_renstra", ""), tahun=period.tahun,
                          awal=period.awal, akhir=period.awal + YEARS - 1))


def _pk_place(pk_table, ind: Indicator, key: str) -> str | None:
    if pk_table is None or not pk_table.has(key):
        return None
    return pk_table.address(ind.record, key)


def _check_row(row: compare.Row, pk_table, result: Result, out: list) -> None:
    ind, sheet = row.ind, result.pk_sheet
    here = _pk_place(pk_table, ind, "indikator") or ind.target.address
    if result.renstra:
        if row.renstra is None:
            out.append(F.make("REN-005", sheet, here, lembar=result.renstra_sheet))
        else:
            _names_and_units(ind, row.renstra.indikator, row.renstra.satuan, row.renstra_match.exact,
                             row.renstra.sheet, row.renstra.address, pk_table, out)
            _polarity(row, pk_table, out)
            _values(row, result.period, sheet, out)
    if row.iku is not None:
        _names_and_units(ind, row.iku.indikator, row.iku.satuan, row.iku_match.exact, row.iku.sheet,
                         row.iku.address, pk_table, out)


def _names_and_units(ind: Indicator, name: str, unit: str, exact: bool, other_sheet: str, other_address: dict,
                     pk_table, out: list) -> None:
    sheet = pk_table.sheet if pk_table is not None else ""
    if not exact:
        here = _pk_place(pk_table, ind, "indikator") or ind.target.address
        out.append(F.make("REN-003", sheet, here, doc=other_sheet, place=f"{other_sheet}!{other_address['indikator']}",
                          other=name))
    unit_cell = _pk_place(pk_table, ind, "satuan")
    if unit_cell and ind.satuan and unit and not same_unit(ind.satuan, unit):
        out.append(F.make("REN-004", sheet, unit_cell, unit=ind.satuan, doc=other_sheet, other=unit,
                          place=f"{other_sheet}!{other_address['satuan']}"))


def polarity_of(text: str) -> str | None:
    norm = normalize_choice(text)
    if norm in _POSITIVE_WORDS:
        return POLARITY_POSITIVE
    if norm in _NEGATIVE_WORDS:
        return POLARITY_NEGATIVE
    return None


def _polarity(row: compare.Row, pk_table, out: list) -> None:
    ren = polarity_of(row.renstra.polaritas) if row.renstra.polaritas else None
    if ren is None or row.qualitative or ren == row.ind.polaritas:
        return
    place = _pk_place(pk_table, row.ind, "polaritas") or _pk_place(pk_table, row.ind, "indikator")
    out.append(F.make("REN-007", pk_table.sheet, place, pk=row.ind.polaritas, renstra=ren,
                      place=f"{row.renstra.sheet}!{row.renstra.address['polaritas']}"))


def _shown(value, decimals=None) -> str:
    """A number as typed (86,44; 100), a grade as it is."""
    if isinstance(value, float):
        if decimals is None:
            decimals = next((d for d in range(5) if round(value, d) == value), 4)
        return format_id(value, decimals)
    return str(value)


def _values(row: compare.Row, period: Period, sheet: str, out: list) -> None:
    ind = row.ind
    for src in [row.target_renstra, row.realisasi_renstra, row.kondisi_akhir, row.kondisi_awal] + row.lalu[1:]:
        if src is not None:
            _check_cell(src, row, out)
    tahun = period.label()
    if compare.same_target(row) is False:
        ren = row.target_renstra
        pk = ind.target_shown if row.qualitative else ind.target.value
        if ind.target_atas is None and not row.qualitative and compare.hundredfold(pk, ren.cell.value):
            _hundredfold("Target", ind.target, ren, tahun, sheet, out)
            pk = None
        elif ind.target_atas is not None:
            pk = f"{_shown(ind.target.value)}-{_shown(ind.target_atas.value)}"
        if pk is not None:
            out.append(F.make("REN-001", sheet, ind.target.address, pk=_shown(pk), tahun=tahun,
                              renstra=_shown(compare.shown(ren, row.qualitative)),
                              place=f"{ren.sheet}!{ren.cell.address}"))
    if compare.same_realisasi(row) is False:
        ren = row.realisasi_renstra
        pk = ind.realisasi_shown if row.qualitative else ind.realisasi_value
        if not row.qualitative and compare.hundredfold(pk, ren.cell.value):
            _hundredfold("Realisasi", ind.realisasi, ren, tahun, sheet, out, pk)
            return
        out.append(F.make("REN-002", sheet, ind.realisasi.address, tahun=tahun, pk=_shown(pk),
                          renstra=_shown(compare.shown(ren, row.qualitative)),
                          place=f"{ren.sheet}!{ren.cell.address}"))


def _hundredfold(what: str, pk_cell, ren: compare.Source, tahun: str, sheet: str, out: list,
                 pk_value: float | None = None) -> None:
    """PK 85 against Renstra 0,85 (or the reverse): a x100 mismatch, not a contradiction of values."""
    pk = pk_cell.value if pk_value is None else pk_value

    def form(cell) -> str:
        return "berformat persen" if cell.percent else "tanpa format persen"

    detail = f"sel PK {form(pk_cell)}, sel Renstra {form(ren.cell)}"
    out.append(F.make("REN-012", sheet, pk_cell.address, what=what, tahun=tahun, pk=_shown(pk),
                      renstra=_shown(ren.cell.value), place=f"{ren.sheet}!{ren.cell.address}", detail=detail))


def _check_cell(src: compare.Source, row: compare.Row, out: list) -> None:
    p = src.cell.parsed
    if not row.qualitative:
        report_percent(src.cell, src.sheet, out)
    if p.kind == TEXT_NUMBER and not row.qualitative:
        out.append(F.make("REN-010", src.sheet, src.cell.address, text=p.text, value=format_id(p.value, p.decimals or 0)))
    elif row.qualitative and p.kind not in (BLANK, NOT_AVAILABLE) and row.ind.scale.rank(src.raw) is None:
        out.append(F.make("REN-011", src.sheet, src.cell.address, text=p.text or _shown(p.value, p.decimals or 0),
                          what=f"nilai skala '{row.ind.scale.name}'"))
    elif not row.qualitative and p.kind == INVALID and src.cell.engine_value is None:
        out.append(F.make("REN-011", src.sheet, src.cell.address, text=p.text, what="angka"))


def _check_iku_against_renstra(result: Result, out: list) -> None:
    matches = match_names([r.indikator for r in result.iku], [r.indikator for r in result.renstra])
    for j, m in matches.items():
        iku, ren = result.iku[j], result.renstra[m.index]
        if not m.exact:
            out.append(F.make("REN-003", iku.sheet, iku.address["indikator"], doc=ren.sheet,
                              place=f"{ren.sheet}!{ren.address['indikator']}", other=ren.indikator))
        if "satuan" in iku.address and iku.satuan and ren.satuan and not same_unit(iku.satuan, ren.satuan):
            out.append(F.make("REN-004", iku.sheet, iku.address["satuan"], unit=iku.satuan, doc=ren.sheet,
                              other=ren.satuan, place=f"{ren.sheet}!{ren.address['satuan']}"))
