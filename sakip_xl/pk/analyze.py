"""The PK sheet: each indicator's target and realisasi, read and judged.

A target is a number, a range (Target .. Target Batas Atas) or a grade on an
ordinal scale (Skala Kualitatif). The year's realisasi is the Realisasi cell,
or, when it is empty, the quarters (TW I-IV) combined as the indicator needs.
"""
from __future__ import annotations

from dataclasses import dataclass

from sakip_xl import findings as F
from sakip_xl.pk import capaian as C
from sakip_xl.pk.model import Indicator, PkContext
from sakip_xl.pk.rows import evaluate_row
from sakip_xl.pk.schema import NO_CAP, PK
from sakip_xl.read import ordinal
from sakip_xl.read.reader import Table
from sakip_xl.read.settings import Settings


def scales_of(ctx) -> tuple:
    """The qualitative scales of Pengaturan (read once per run), or the defaults."""
    if "skala_kualitatif" not in ctx.results:
        found = None
        if ctx.settings.sheet is not None:
            found = ordinal.read_scales(ctx.book.rows(ctx.settings.sheet), ctx.settings.sheet)
        if found:
            for scale in found:
                for i in ordinal.duplicate_grades(scale):
                    ctx.findings.append(F.make("PK-019", scale.sheet, ordinal.address(scale, i),
                                               text=scale.grades[i], scale=scale.name))
        ctx.results["skala_kualitatif"] = found or ordinal.DEFAULT_SCALES
    return ctx.results["skala_kualitatif"]


def pk_context(settings: Settings, scales=ordinal.DEFAULT_SCALES, date1904: bool = False) -> PkContext:
    cap_text = settings.get("batas_capaian") or NO_CAP
    cap = None if cap_text == NO_CAP else float(cap_text)
    return PkContext(settings, tuple(scales), cap, settings.get("capaian_kualitatif") or C.QUAL_RATIO, date1904)


def analyze(ctx) -> list[Indicator] | None:
    """The PK section: None when the workbook has no PK sheet."""
    table = ctx.book.table(PK, required=False)
    if table is None:
        return None
    ctx.results["pk_sheet"] = table.sheet
    ctx.results["pk_table"] = table
    return evaluate(table, ctx.settings, ctx.findings, ctx.date1904, scales_of(ctx))


def evaluate(table: Table, settings: Settings, out: list, date1904: bool = False,
             scales=ordinal.DEFAULT_SCALES) -> list[Indicator]:
    pc = pk_context(settings, scales, date1904)
    return [evaluate_row(table, rec, pc, out) for rec in table.records]


@dataclass
class SasaranSummary:
    sasaran: str
    rows: list[int]          # indexes of its indicators in the PK (0 = the first)
    count: int
    computed: int
    mean: float | None
    kategori: str | None


def summarize(indicators: list[Indicator], settings: Settings) -> list[SasaranSummary]:
    """Per sasaran, in PK order: its indicators, how many have a capaian, their mean (the capped
    capaian, as on the Capaian sheet) and its kategori."""
    groups: dict[str, list[int]] = {}
    by_row: dict[int, Indicator] = {}
    for i, ind in enumerate(indicators):
        groups.setdefault(ind.sasaran, []).append(i)
        by_row[i] = ind
    result = []
    for sasaran, rows in groups.items():
        values = [by_row[r].capaian_dibatasi for r in rows]
        avg = C.mean(values)
        result.append(SasaranSummary(sasaran, rows, len(rows), sum(v is not None for v in values), avg,
                                     C.kategori(avg, settings.scale)))
    return result
