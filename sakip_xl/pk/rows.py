"""One PK row judged: single, range or qualitative target; realisasi from the quarters."""
from __future__ import annotations

import re

from sakip_xl.pk import capaian as C
from sakip_xl import findings as F
from sakip_xl.read import ordinal
from sakip_xl.read.numbers import BLANK, NOT_AVAILABLE, format_id, tolerance_for
from sakip_xl.pk.judge import check_stated, polarity, report_number, year_rule
from sakip_xl.pk.model import Indicator, PkContext
from sakip_xl.pk.schema import JENIS_KUALITATIF, JENIS_RENTANG, JENIS_TUNGGAL, QUARTER_KEYS, QUARTER_NAMES
from sakip_xl.read.cells import NumberCell, number_cell, shown_value
from sakip_xl.read.reader import cell_text as _text
from sakip_xl.read.reader import Record, Table


def evaluate_row(table: Table, rec: Record, pc: PkContext, out: list) -> Indicator:
    sheet = table.sheet
    d1904 = pc.date1904
    target = number_cell(table, rec, "target", d1904)
    realisasi = number_cell(table, rec, "realisasi", d1904)
    polaritas = polarity(table, rec, out)
    indikator = _text(rec.values.get("indikator"))
    if not indikator:
        out.append(F.make("PK-012", sheet, table.address(rec, "indikator")))
    elif numbered_items(indikator) >= 2:
        out.append(F.make("PK-022", sheet, table.address(rec, "indikator"), count=numbered_items(indikator)))
    scale = _scale(table, rec, pc, out)
    atas = number_cell(table, rec, "target_atas", d1904)
    if scale is not None:
        jenis = JENIS_KUALITATIF
    elif atas is not None and atas.parsed.kind != BLANK:
        jenis = JENIS_RENTANG
    else:
        jenis = JENIS_TUNGGAL
    ind = Indicator(
        record=rec, no=_text(rec.values.get("no")), sasaran=_text(rec.values.get("sasaran")), indikator=indikator,
        satuan=_text(rec.values.get("satuan")), polaritas=polaritas,
        rule=C.rule_for(polaritas, pc.settings.get("rumus_negatif")), target=target, realisasi=realisasi,
        realisasi_lalu=number_cell(table, rec, "realisasi_lalu", d1904),
        stated=number_cell(table, rec, "capaian_dilaporkan", d1904), status="", capaian=None, kategori=None,
        jenis=jenis, target_atas=atas if jenis == JENIS_RENTANG else None, scale=scale,
        nasional=number_cell(table, rec, "nasional", d1904), lalu_raw=rec.values.get("realisasi_lalu"),
    )
    if jenis == JENIS_KUALITATIF:
        _qualitative(ind, rec, sheet, pc, out)
    else:
        _numeric(ind, table, rec, sheet, pc, out)
    ind.kategori = C.kategori(ind.capaian, pc.settings.scale)
    ind.capaian_dibatasi = C.capped(ind.capaian, pc.cap)
    ind.tercapai = C.tercapai(ind.capaian)
    if ind.stated is not None:
        check_stated(ind.stated, ind.capaian, sheet, out)
    for cell in (ind.realisasi_lalu, ind.nasional):
        if cell is not None and (jenis != JENIS_KUALITATIF or cell is ind.nasional):
            report_number(cell, sheet, out, "optional")
    return ind


_ITEM = re.compile(r"(?:^|(?<=[\s;,]))(\d{1,2})\s*[.)]\s+(?=\D)")


def numbered_items(text: str) -> int:
    """How many numbered items '1. ... 2. ...' (or '1) ...') a cell lists, counting 1, 2, 3 ... in order; 0 or 1:
    not a list ('2. semester', 'SAKIP 2.0')."""
    n = 0
    for m in _ITEM.finditer(text):
        if int(m.group(1)) == n + 1:
            n += 1
    return n


def _negative(ind: Indicator, sheet: str, out: list) -> None:
    """Target or realisasi below zero: the capaian formulas assume positive numbers (PK-021)."""
    t, r = ind.target.value, ind.realisasi_value
    shown = "tidak dihitung" if ind.capaian is None else f"{format_id(ind.capaian, 2)} %"
    cells = [("Target", ind.target, t)]
    if ind.target_atas is not None:
        cells.append(("Target batas atas", ind.target_atas, ind.target_atas.value))
    cells.append(("Realisasi", ind.realisasi, r))
    for what, cell, value in cells:
        if value is None or value >= 0:
            continue
        akibat = ""
        if what != "Realisasi" and r is not None:
            akibat = (f": dengan target negatif arahnya terbalik (realisasi {format_id(r, _places(r))} terhadap "
                      f"target {format_id(value, _places(value))} memberi {shown})")
        out.append(F.make("PK-021", sheet, cell.address, what=what, value=format_id(value, _places(value)),
                          rumus=ind.rule, akibat=akibat, capaian=shown))


def _places(value: float) -> int:
    return next((d for d in range(0, 6) if round(value, d) == round(value, 6)), 6)


def _scale(table: Table, rec: Record, pc: PkContext, out: list):
    if not table.has("skala"):
        return None
    name = _text(rec.values.get("skala"))
    if not name:
        return None
    scale = ordinal.find(pc.scales, name)
    if scale is None:
        out.append(F.make("PK-015", table.sheet, table.address(rec, "skala"), text=name,
                          names=", ".join(s.name for s in pc.scales)))
    return scale


def _qualitative(ind: Indicator, rec: Record, sheet: str, pc: PkContext, out: list) -> None:
    scale = ind.scale
    ind.rule = C.RULE_QUALITATIVE
    ind.qual_mode = pc.qual_mode
    ind.target_shown = shown_value(rec.values.get("target"), pc.date1904)
    ind.realisasi_shown = shown_value(rec.values.get("realisasi"), pc.date1904)
    ind.rank_target = scale.rank(rec.values.get("target"))
    ind.rank_realisasi = scale.rank(rec.values.get("realisasi"))
    ind.status = C.status_qualitative(ind.rank_target, ind.realisasi_shown is None, ind.rank_realisasi)
    if ind.rank_target is None:
        _off_scale(ind.target, scale, sheet, out)
    if ind.realisasi_shown is None:
        out.append(F.make("PK-003", sheet, ind.realisasi.address))
    elif ind.rank_realisasi is None:
        if ind.realisasi.parsed.kind == NOT_AVAILABLE:
            out.append(F.make("PK-004", sheet, ind.realisasi.address, text=ind.realisasi.parsed.text))
        else:
            _off_scale(ind.realisasi, scale, sheet, out)
    if ind.status == C.STATUS_OK:
        ind.capaian = C.capaian_qualitative(ind.rank_target, ind.rank_realisasi, pc.qual_mode)


def _off_scale(cell: NumberCell, scale, sheet: str, out: list) -> None:
    text = cell.parsed.text if cell.parsed.text else ("(kosong)" if cell.value is None
                                                         else format_id(cell.value, cell.parsed.decimals or 0))
    out.append(F.make("PK-014", sheet, cell.address, text=text, scale=scale.name, grades=scale.listing()))


def _numeric(ind: Indicator, table: Table, rec: Record, sheet: str, pc: PkContext, out: list) -> None:
    _quarters(ind, table, rec, sheet, out, pc.date1904)
    real = ind.realisasi
    ind.realisasi_value = real.value if real.value is not None else ind.realisasi_tw
    report_number(ind.target, sheet, out, "target")
    if ind.realisasi_tw is None or real.parsed.kind not in (BLANK, NOT_AVAILABLE):
        report_number(real, sheet, out, "realisasi")
    if real.value is not None and ind.realisasi_tw is not None and \
            abs(real.value - ind.realisasi_tw) > tolerance_for(2):
        out.append(F.make("PK-017", sheet, real.address, typed=format_id(real.value, 2),
                          derived=format_id(ind.realisasi_tw, 2), cara=ind.cara))
    if ind.jenis == JENIS_RENTANG:
        _range(ind, sheet, out)
        return
    ind.status = C.status(ind.target.value, ind.realisasi_value, ind.rule)
    if ind.status == C.STATUS_ZERO_TARGET:
        out.append(F.make("PK-002", sheet, ind.target.address))
    elif ind.status == C.STATUS_ZERO_REALISASI:
        out.append(F.make("PK-010", sheet, real.address))
    ind.capaian = C.capaian(ind.target.value, ind.realisasi_value, ind.rule)
    _negative(ind, sheet, out)


def _range(ind: Indicator, sheet: str, out: list) -> None:
    lo, hi, r = ind.target.value, ind.target_atas.value, ind.realisasi_value
    report_number(ind.target_atas, sheet, out, "target")
    ind.status = C.status_range(lo, hi, r, ind.rule)
    if ind.status == C.STATUS_BAD_RANGE:
        out.append(F.make("PK-013", sheet, ind.target_atas.address, lower=format_id(lo, 2), upper=format_id(hi, 2)))
    elif ind.status == C.STATUS_ZERO_TARGET:
        used = ind.target_atas if r > hi else ind.target
        out.append(F.make("PK-002", sheet, used.address))
    elif ind.status == C.STATUS_ZERO_REALISASI:
        out.append(F.make("PK-010", sheet, ind.realisasi.address))
    ind.capaian = C.capaian_range(lo, hi, r, ind.rule)
    _negative(ind, sheet, out)


def _quarters(ind: Indicator, table: Table, rec: Record, sheet: str, out: list, date1904: bool) -> None:
    if not any(table.has(k) for k in QUARTER_KEYS):
        return
    cells = tuple(number_cell(table, rec, k, date1904) for k in QUARTER_KEYS)
    ind.quarters = cells
    ind.cara = year_rule(table, rec, out)
    for cell in cells:
        if cell is not None:
            report_number(cell, sheet, out, "optional")
    values = [c.value if c is not None else None for c in cells]
    ind.realisasi_tw = C.year_from_quarters(values, ind.cara)
    if ind.cara == C.YEAR_CUMULATIVE:
        for i in C.decreasing_quarters(values):
            previous = next(v for v in reversed(values[:i]) if v is not None)
            out.append(F.make("PK-016", sheet, cells[i].address, quarter=QUARTER_NAMES[i],
                              value=format_id(values[i], 2), previous=format_id(previous, 2)))
