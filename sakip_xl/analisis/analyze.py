"""The analysis texts: read as text, matched to the PK indicators and to the SKM's unsur.

The SKM follow-up table lists the unsur with the lowest NRR (the `unsur_terendah` lowest,
ties with the last one included), each with the planned action and the person in charge
the user wrote for it in `Tindak Lanjut SKM` (blank when none was written).
"""
from __future__ import annotations

from sakip_xl.findings import optional_table

import re
from dataclasses import dataclass, field

from sakip_xl import findings as F
from sakip_xl.read.numbers import format_id
from sakip_xl.pk.model import Indicator
from sakip_xl.read.reader import cell_text
from sakip_xl.renstra.matching import fold, match_names
from sakip_xl.analisis.schema import ANALISIS, TEXT_COLUMNS, TINDAK_LANJUT_SKM

KEYS = tuple(key for key, _, _ in TEXT_COLUMNS)
LABELS = {key: header for key, header, _ in TEXT_COLUMNS}


@dataclass
class IndicatorText:
    indikator: str
    texts: dict[str, str]                  # key -> text ('' when blank)
    address: str
    pk_index: int | None = None


@dataclass
class FollowUp:
    unsur: str
    rencana: str
    penanggung_jawab: str
    waktu: str
    address: str
    number: int | None = None              # the SKM element it stands for


@dataclass
class FollowUpRow:
    element: object                        # skm Element (number, name, nrr, nrr25)
    index: int                             # position in the SKM result's element list
    rencana: str = ""
    penanggung_jawab: str = ""
    waktu: str = ""


@dataclass
class Result:
    sheet: str | None
    texts: list[IndicatorText] = field(default_factory=list)
    by_pk: dict[int, IndicatorText] = field(default_factory=dict)
    follow_sheet: str | None = None
    follow: list[FollowUpRow] = field(default_factory=list)
    follow_source: str | None = None       # "survey" or "distribution"


def _elements(ctx):
    skm = ctx.results.get("skm")
    if skm is None:
        return None, []
    if skm.survey is not None:
        return "survey", list(skm.survey.elements)
    if skm.distribution is not None:
        return "distribution", [r.element for r in skm.distribution.rows]
    return None, []


_CODE = re.compile(r"^\s*u\s*(\d{1,2})\b", re.IGNORECASE)


def element_of(text: str, elements: list) -> int | None:
    """The element number a user's 'U3', '3' or element name stands for."""
    m = _CODE.match(text) or re.fullmatch(r"\s*(\d{1,2})\s*", text)
    numbers = {e.number for e in elements}
    if m and int(m.group(1)) in numbers:
        return int(m.group(1))
    wanted = fold(text)
    for e in elements:
        if wanted and fold(e.name) == wanted:
            return e.number
    return None


def lowest(elements: list, count: int) -> list[tuple[int, object]]:
    """(position, element) of the `count` lowest NRR, ties with the last one kept, lowest first."""
    scored = sorted(((e.nrr, e.number, i) for i, e in enumerate(elements) if e.nrr is not None))
    if not scored or count < 1:
        return []
    cut = scored[min(count, len(scored)) - 1][0]
    return [(i, elements[i]) for nrr, _, i in scored if nrr <= cut]


def analyze(ctx) -> Result | None:
    table = optional_table(ctx, ANALISIS)
    follow_table = optional_table(ctx, TINDAK_LANJUT_SKM)
    recs = [r for r in table.records if cell_text(r.values.get("indikator"))] if table else []
    follow_recs = [r for r in follow_table.records if cell_text(r.values.get("unsur"))] if follow_table else []
    if not recs and not follow_recs:
        return None
    out = ctx.findings
    result = Result(table.sheet if table else None)
    indicators: list[Indicator] = ctx.results.get("pk") or []
    pk_sheet, pk_table = ctx.results.get("pk_sheet"), ctx.results.get("pk_table")
    for rec in recs:
        texts = {k: cell_text(rec.values.get(k)) if table.has(k) else "" for k in KEYS}
        result.texts.append(IndicatorText(cell_text(rec.values.get("indikator")), texts,
                                          table.address(rec, "indikator")))
    if recs:
        named = [(i, ind) for i, ind in enumerate(indicators) if ind.indikator]
        matches = match_names([t.indikator for t in result.texts], [ind.indikator for _, ind in named])
        for k, t in enumerate(result.texts):
            m = matches.get(k)
            if m is None:
                out.append(F.make("ANL-001", table.sheet, t.address, lembar=pk_sheet or "PK"))
            else:
                t.pk_index = named[m.index][0]
                result.by_pk[t.pk_index] = t
        for i, ind in named:
            t = result.by_pk.get(i)
            if ind.capaian is not None and ind.capaian < 100 and (t is None or not t.texts["penyebab"]) \
                    and pk_table is not None:
                out.append(F.make("ANL-003", pk_sheet, pk_table.address(ind.record, "indikator"),
                                  capaian=format_id(ind.capaian, 2), lembar=table.sheet))
    if follow_recs:
        result.follow_sheet = follow_table.sheet
        source, elements = _elements(ctx)
        result.follow_source = source
        typed: dict[int, FollowUp] = {}
        listing = ", ".join(f"U{e.number}" for e in elements) or "tidak ada hasil SKM"
        for rec in follow_recs:
            f = FollowUp(*(cell_text(rec.values.get(k)) if follow_table.has(k) else ""
                           for k in ("unsur", "rencana", "penanggung_jawab", "waktu")),
                         address=follow_table.address(rec, "unsur"))
            f.number = element_of(f.unsur, elements)
            if f.number is None:
                out.append(F.make("ANL-002", follow_table.sheet, f.address, text=f.unsur, daftar=listing))
            elif f.number not in typed:
                typed[f.number] = f
        count = ctx.settings.get("unsur_terendah")
        count = int(count) if isinstance(count, (int, float)) and count >= 1 else 3
        chosen = dict(lowest(elements, count))
        for i, e in enumerate(elements):       # an unsur the user planned for is kept even when not the lowest
            if e.number in typed and e.nrr is not None:
                chosen.setdefault(i, e)
        for i in sorted(chosen, key=lambda i: (chosen[i].nrr, chosen[i].number)):
            e = chosen[i]
            f = typed.get(e.number)
            result.follow.append(FollowUpRow(e, i, *((f.rencana, f.penanggung_jawab, f.waktu) if f else ())))
    return result
