"""Judgements of single PK cells: polarity, the year's rule, numbers typed as text or percent,
a capaian the user stated beside the computed one."""
from __future__ import annotations

from sakip_xl import findings as F
from sakip_xl.pk import capaian as C
from sakip_xl.pk.schema import NEGATIVE_WORDS, POSITIVE_WORDS, YEAR_WORDS
from sakip_xl.read.cells import NumberCell
from sakip_xl.read.numbers import BLANK, INVALID, NOT_AVAILABLE, NUMBER, TEXT_NUMBER, format_id, tolerance_for
from sakip_xl.read.reader import Record, Table
from sakip_xl.read.reader import cell_text as _text
from sakip_xl.read.schema import POLARITY_NEGATIVE, POLARITY_POSITIVE, normalize_choice


def polarity(table: Table, rec: Record, out: list) -> str:
    if not table.has("polaritas"):
        return POLARITY_POSITIVE
    raw = _text(rec.values.get("polaritas"))
    norm = normalize_choice(raw)
    if not norm or norm in POSITIVE_WORDS:
        return POLARITY_POSITIVE
    if norm in NEGATIVE_WORDS:
        return POLARITY_NEGATIVE
    out.append(F.make("PK-007", table.sheet, table.address(rec, "polaritas"), text=raw))
    return POLARITY_POSITIVE


def year_rule(table: Table, rec: Record, out: list) -> str:
    if not table.has("cara_tahunan"):
        return C.YEAR_CUMULATIVE
    raw = _text(rec.values.get("cara_tahunan"))
    norm = normalize_choice(raw)
    if not norm:
        return C.YEAR_CUMULATIVE
    for rule, words in YEAR_WORDS.items():
        if norm in words:
            return rule
    out.append(F.make("PK-018", table.sheet, table.address(rec, "cara_tahunan"), text=raw))
    return C.YEAR_CUMULATIVE


def report_percent(cell: NumberCell | None, sheet: str, out: list) -> None:
    """A percent-formatted number: say how it was read (SEL-004)."""
    if cell is not None and cell.percent:
        p = cell.parsed
        decimals = next((d for d in range(2, 12) if round(p.value, d) == p.value), 12)
        out.append(F.make("SEL-004", sheet, cell.address, stored=format_id(p.value, decimals),
                          shown=_shown_number(cell.value)))


def _shown_number(value: float) -> str:
    decimals = next((d for d in range(0, 10) if round(value, d) == round(value, 10)), 10)
    return format_id(value, decimals)


def report_number(cell: NumberCell, sheet: str, out: list, which: str) -> None:
    report_percent(cell, sheet, out)
    p = cell.parsed
    if p.kind == INVALID and cell.engine_value is not None:   # a date or time: a number to Excel
        out.append(F.make("PK-020", sheet, cell.address, text=p.text, value=format_id(cell.engine_value, 2)))
    elif p.kind == TEXT_NUMBER:
        out.append(F.make("PK-006", sheet, cell.address, text=p.text, value=format_id(p.value, p.decimals or 0)))
    elif which == "target" and p.kind == NOT_AVAILABLE:     # the same rule as a '-' realisasi (PK-004)
        out.append(F.make("PK-024", sheet, cell.address, text=p.text))
    elif which == "target" and p.kind != NUMBER:
        out.append(F.make("PK-001", sheet, cell.address, text=p.text))
    elif which == "realisasi":
        if p.kind == BLANK:
            out.append(F.make("PK-003", sheet, cell.address))
        elif p.kind == NOT_AVAILABLE:
            out.append(F.make("PK-004", sheet, cell.address, text=p.text))
        elif p.kind == INVALID:
            out.append(F.make("PK-005", sheet, cell.address, text=p.text))
    elif which == "optional" and p.kind == INVALID and cell.engine_value is None:
        out.append(F.make("PK-005", sheet, cell.address, text=p.text))


def stated_is_fraction(stated: NumberCell, computed: float | None) -> bool:
    """True when a stated capaian was typed as a percentage (106,88 % is stored as 1,0688):
    a number of at most 2 beside a computed capaian above 2."""
    return (stated.parsed.kind == NUMBER and not stated.percent and stated.value is not None
            and computed is not None and abs(stated.value) <= 2 and abs(computed) > 2)


def stated_shown(stated: NumberCell, computed: float | None) -> float | None:
    """The stated capaian in percent, as the user sees it in the cell."""
    if stated.value is None:
        return None
    return stated.value * 100 if stated_is_fraction(stated, computed) else stated.value


def _stated_text(value: float, p, fraction: bool) -> str:
    """A stated capaian as written: 2 decimals for a percent cell, the typed decimals for text,
    2 to 4 decimals for a plain number (a stored 1,06875 is not '106,87500')."""
    if fraction:
        return format_id(value, 2)
    if p.kind == TEXT_NUMBER:
        return format_id(value, max(2, p.decimals or 0))
    return format_id(value, min(max(2, p.decimals or 0), 4))


def check_stated(stated: NumberCell, computed: float | None, sheet: str, out: list) -> None:
    p = stated.parsed
    report_percent(stated, sheet, out)
    if p.kind == TEXT_NUMBER:
        out.append(F.make("PK-006", sheet, stated.address, text=p.text, value=format_id(p.value, p.decimals or 0)))
    if stated.value is None:
        return
    if computed is None:
        out.append(F.make("PK-009", sheet, stated.address, stated=_stated_text(stated.value, p, False)))
        return
    fraction = stated_is_fraction(stated, computed)
    shown = stated_shown(stated, computed)   # typed as 86,44% in a percent-formatted cell: x 100
    if abs(shown - computed) > tolerance_for(p.decimals if p.kind == TEXT_NUMBER else 2):
        out.append(F.make("PK-008", sheet, stated.address,
                          stated=_stated_text(shown, p, fraction), computed=format_id(computed, 2)))
