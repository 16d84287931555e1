"""The PK sheet: each indicator's target and realisasi, read and judged."""
from __future__ import annotations

from dataclasses import dataclass

from . import capaian as C
from . import findings as F
from .numbers import BLANK, INVALID, NOT_AVAILABLE, NUMBER, TEXT_NUMBER, Parsed, excel_serial, format_id, read_number, tolerance_for
from .reader import Record, Table
from .schema import POLARITY_NEGATIVE, POLARITY_POSITIVE, normalize_choice
from .settings import Settings

_POSITIVE_WORDS = {"positif", "+", "naik", "maksimal", "maximize", "positive", "semakin tinggi semakin baik"}
_NEGATIVE_WORDS = {"negatif", "-", "turun", "minimal", "minimize", "negative", "semakin rendah semakin baik"}


@dataclass
class NumberCell:
    """A numeric input as the spreadsheet sees it, and as Python understood it."""

    address: str
    parsed: Parsed
    engine_value: float | None   # what ISNUMBER(cell) sees: numbers and dates
    value: float | None          # the number used (text numbers included)

    @property
    def fallback(self) -> float | None:
        """A number the formula must use because the cell holds it as text."""
        return self.value if self.parsed.kind == TEXT_NUMBER else None


@dataclass
class Indicator:
    record: Record
    no: str
    sasaran: str
    indikator: str
    satuan: str
    polaritas: str
    rule: str
    target: NumberCell
    realisasi: NumberCell
    realisasi_lalu: NumberCell | None
    stated: NumberCell | None
    status: str
    capaian: float | None
    kategori: str | None


def number_cell(table: Table, rec: Record, key: str, date1904: bool) -> NumberCell | None:
    if not table.has(key):
        return None
    raw = rec.values.get(key)
    parsed = read_number(raw)
    serial = excel_serial(raw, date1904)
    if parsed.kind == NUMBER:
        engine = parsed.value
    elif serial is not None:
        engine = serial
    else:
        engine = None
    value = parsed.value if parsed.kind in (NUMBER, TEXT_NUMBER) else engine
    return NumberCell(table.address(rec, key), parsed, engine, value)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def analyze(ctx) -> list[Indicator] | None:
    """The PK section: None when the workbook has no PK sheet."""
    from .schema import PK
    table = ctx.book.table(PK, required=False)
    if table is None:
        return None
    ctx.results["pk_sheet"] = table.sheet
    return evaluate(table, ctx.settings, ctx.findings, ctx.date1904)


def evaluate(table: Table, settings: Settings, out: list, date1904: bool = False) -> list[Indicator]:
    rows = []
    for rec in table.records:
        rows.append(_evaluate_row(table, rec, settings, out, date1904))
    return rows


def _polarity(table: Table, rec: Record, out: list) -> str:
    if not table.has("polaritas"):
        return POLARITY_POSITIVE
    raw = _text(rec.values.get("polaritas"))
    norm = normalize_choice(raw)
    if not norm or norm in _POSITIVE_WORDS:
        return POLARITY_POSITIVE
    if norm in _NEGATIVE_WORDS:
        return POLARITY_NEGATIVE
    out.append(F.make("PK-007", table.sheet, table.address(rec, "polaritas"), text=raw))
    return POLARITY_POSITIVE


def _report_number(cell: NumberCell, sheet: str, out: list, which: str) -> None:
    p = cell.parsed
    if p.kind == TEXT_NUMBER:
        out.append(F.make("PK-006", sheet, cell.address, text=p.text, value=format_id(p.value, p.decimals or 0)))
    elif which == "target" and p.kind != NUMBER:
        out.append(F.make("PK-001", sheet, cell.address, text=p.text))
    elif which == "realisasi":
        if p.kind == BLANK:
            out.append(F.make("PK-003", sheet, cell.address))
        elif p.kind == NOT_AVAILABLE:
            out.append(F.make("PK-004", sheet, cell.address, text=p.text))
        elif p.kind == INVALID:
            out.append(F.make("PK-005", sheet, cell.address, text=p.text))


def _evaluate_row(table: Table, rec: Record, settings: Settings, out: list, date1904: bool) -> Indicator:
    sheet = table.sheet
    target = number_cell(table, rec, "target", date1904)
    realisasi = number_cell(table, rec, "realisasi", date1904)
    polaritas = _polarity(table, rec, out)
    rule = C.rule_for(polaritas, settings.get("rumus_negatif"))
    indikator = _text(rec.values.get("indikator"))
    if not indikator:
        out.append(F.make("PK-012", sheet, table.address(rec, "indikator")))
    _report_number(target, sheet, out, "target")
    _report_number(realisasi, sheet, out, "realisasi")
    status = C.status(target.value, realisasi.value, rule)
    if status == C.STATUS_ZERO_TARGET:
        out.append(F.make("PK-002", sheet, target.address))
    elif status == C.STATUS_ZERO_REALISASI:
        out.append(F.make("PK-010", sheet, realisasi.address))
    value = C.capaian(target.value, realisasi.value, rule)
    stated = number_cell(table, rec, "capaian_dilaporkan", date1904)
    if stated is not None:
        _check_stated(stated, value, sheet, out)
    lalu = number_cell(table, rec, "realisasi_lalu", date1904)
    if lalu is not None and lalu.parsed.kind == TEXT_NUMBER:
        _report_number(lalu, sheet, out, "lalu")
    return Indicator(
        record=rec,
        no=_text(rec.values.get("no")),
        sasaran=_text(rec.values.get("sasaran")),
        indikator=indikator,
        satuan=_text(rec.values.get("satuan")),
        polaritas=polaritas,
        rule=rule,
        target=target,
        realisasi=realisasi,
        realisasi_lalu=lalu,
        stated=stated,
        status=status,
        capaian=value,
        kategori=C.kategori(value, settings.scale),
    )


def _check_stated(stated: NumberCell, computed: float | None, sheet: str, out: list) -> None:
    p = stated.parsed
    if p.kind == TEXT_NUMBER:
        out.append(F.make("PK-006", sheet, stated.address, text=p.text, value=format_id(p.value, p.decimals or 0)))
    if stated.value is None:
        return
    if computed is None:
        out.append(F.make("PK-009", sheet, stated.address, stated=format_id(stated.value, p.decimals or 0)))
        return
    shown = stated.value
    if p.kind == NUMBER and abs(shown) <= 2 and abs(computed) > 2:
        shown = shown * 100   # typed as 86,44% in a percent-formatted cell
    if abs(shown - computed) > tolerance_for(p.decimals if p.kind == TEXT_NUMBER else 2):
        out.append(F.make("PK-008", sheet, stated.address,
                          stated=format_id(shown, max(2, p.decimals or 0)), computed=format_id(computed, 2)))
