"""The SKM Distribusi sheet: per element, how many (or what share of) answers were 1, 2, 3, 4.

NRR = Σ k × share_k, computed as Σ k·v_k / Σ v_k so counts and percentages both work.
"""
from __future__ import annotations

from dataclasses import dataclass

from sakip_xl import findings as F
from sakip_xl.read.numbers import INVALID, TEXT_NUMBER, format_id, read_number, tolerance_for
from sakip_xl.read.reader import Record, Table
from sakip_xl.skm import compute as C
from sakip_xl.skm.regimes import Regime, by_name, weight
from sakip_xl.skm.responses import Element, Index, regime_of
from sakip_xl.skm.results import derive_elements
from sakip_xl.skm.schema import DISTRIBUSI
from sakip_xl.read.reader import cell_text as _text

ANSWER_KEYS = ("n1", "n2", "n3", "n4")


@dataclass
class Source:
    """An input number as the formula sees it: IF(ISNUMBER(cell),cell,fallback)."""
    address: str
    fallback: float | None        # the number Python read from text in the cell
    value: float | None


@dataclass
class Row:
    element: Element
    record: Record
    answers: list[Source]
    stated: Source | None


@dataclass
class Distribution:
    sheet: str
    index: Index
    rows: list[Row]


def analyze(ctx) -> Distribution | None:
    table = ctx.book.table(DISTRIBUSI, required=False)
    if table is None or not table.records:
        return None
    out = ctx.findings
    regime = _regime(table, ctx.settings, out)
    rows = [_row(table, rec, i, ctx.date1904, out) for i, rec in enumerate(table.records)]
    if rows and len(rows) != regime.count:
        out.append(F.make("SKM-018", table.sheet, table.address(table.records[0], "unsur"), rows=len(rows),
                          regulasi=regime.name, count=regime.count))
    mode = ctx.settings.get("skm_bobot")
    index = Index(regime, mode, weight(max(len(rows), 1), mode))
    derive_elements([r.element for r in rows], index)
    for r in rows:
        _check(table, r, out)
    return Distribution(table.sheet, index, rows)


def _regime(table: Table, settings, out) -> Regime:
    fallback = regime_of(settings)
    if not table.has("regulasi"):
        return fallback
    for rec in table.records:
        raw = rec.values.get("regulasi")
        text = "" if raw is None else str(raw).strip()
        if text:
            regime = by_name(text)
            if regime is None:
                out.append(F.make("SKM-021", table.sheet, table.address(rec, "regulasi"), text=text,
                                  default=fallback.name))
                return fallback
            return regime
    return fallback


def source(table: Table, rec: Record, key: str, date1904: bool, out: list, unsur: str) -> Source | None:
    if not table.has(key):
        return None
    raw = rec.values.get(key)
    addr = table.address(rec, key)
    parsed = read_number(raw)
    engine = C.engine_number(raw, date1904) if type(raw).__name__ != "ExcelError" else None
    fallback = None
    if parsed.kind == TEXT_NUMBER:
        fallback = parsed.value / 100 if parsed.percent else parsed.value
        out.append(F.make("SKM-020", table.sheet, addr, text=parsed.text,
                          value=format_id(fallback, max(parsed.decimals or 0, 0 if not parsed.percent else 2))))
    elif parsed.kind == INVALID and engine is None and type(raw).__name__ != "ExcelError" and key in ANSWER_KEYS:
        out.append(F.make("SKM-017", table.sheet, addr, text=parsed.text, unsur=unsur,
                          detail="bukan angka; dihitung sebagai 0"))
    value = engine if engine is not None else fallback
    if key in ANSWER_KEYS and value is not None and value < 0:
        out.append(F.make("SKM-017", table.sheet, addr, text=format_id(value, 2), unsur=unsur, detail="negatif"))
    return Source(addr, fallback, value)


def _row(table: Table, rec: Record, i: int, date1904: bool, out: list) -> Row:
    name = _text(rec.values.get("unsur")) or f"Unsur {i + 1}"
    label = f"U{i + 1} ({name})"
    answers = [source(table, rec, k, date1904, out, label) for k in ANSWER_KEYS]
    element = Element(i + 1, name, rec.row, counts=tuple(a.value for a in answers))
    stated = source(table, rec, "skor_dilaporkan", date1904, out, label)
    row = Row(element, rec, answers, stated)
    total = source(table, rec, "total", date1904, out, label)
    if total is not None and total.value is not None:
        got = C.total(element.counts)
        if abs(got - total.value) > 1e-6 * max(1.0, abs(total.value)):
            out.append(F.make("SKM-019", table.sheet, total.address, unsur=label, sum=format_id(got, 2),
                              total=format_id(total.value, 2)))
    return row


def _check(table: Table, row: Row, out: list) -> None:
    e = row.element
    label = f"U{e.number} ({e.name})"
    if e.nrr is None:
        out.append(F.make("SKM-022", table.sheet, row.answers[0].address, unsur=label))
    stated = row.stated
    if stated is None or stated.value is None or e.nrr25 is None:
        return
    p = read_number(row.record.values.get("skor_dilaporkan"))
    decimals = p.decimals if p.kind in (TEXT_NUMBER,) or p.decimals is not None else 2
    if abs(stated.value - e.nrr25) > tolerance_for(decimals):
        out.append(F.make("SKM-016", table.sheet, stated.address, unsur=label,
                          stated=format_id(stated.value, max(decimals or 0, 1) if decimals else 0),
                          computed=format_id(e.nrr25, 2)))


