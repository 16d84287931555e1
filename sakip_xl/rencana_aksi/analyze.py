"""Rencana aksi: quarterly targets beside the PK's quarterly realisasi, capaian per quarter and to date.

Capaian of quarter q = capaian(T_q, R_q) with the indicator's rule (positive R/T, negative
(2T-R)/T or T/R, as in the Capaian sheet). Capaian s.d. (to date) quarter q follows the PK's
'Cara Realisasi Tahunan': kumulatif -> the figures are already cumulative, capaian(T_q, R_q);
jumlah -> capaian(T_1+..+T_q, R_1+..+R_q); rata-rata -> capaian of the averages. It needs every
target and realisasi up to q. Each number has its formula twin in sheet.py.
"""
from __future__ import annotations

from sakip_xl.findings import optional_table

from dataclasses import dataclass, field

from sakip_xl.pk import capaian as C
from sakip_xl import findings as F
from sakip_xl.read.numbers import BLANK, NOT_AVAILABLE, NUMBER, TEXT_NUMBER, INVALID, format_id
from sakip_xl.pk.model import Indicator
from sakip_xl.pk.schema import QUARTER_KEYS
from sakip_xl.read.cells import NumberCell, number_cell
from sakip_xl.read.reader import Record, cell_text
from sakip_xl.renstra.matching import match_names
from sakip_xl.rencana_aksi.schema import QUARTERS, RENCANA_AKSI, TARGET_KEYS


@dataclass
class Row:
    record: Record
    indikator: str
    uraian: str
    address: str                               # the indicator's cell in Rencana Aksi
    targets: list[NumberCell | None]
    ind: Indicator | None = None
    pk_index: int | None = None                # position of the indicator in the PK (Capaian row)
    capaian: list[float | None] = field(default_factory=lambda: [None] * 4)
    sd: list[float | None] = field(default_factory=lambda: [None] * 4)   # capaian s.d. the quarter

    @property
    def target_values(self) -> list[float | None]:
        return [c.value if c is not None else None for c in self.targets]

    @property
    def realisasi(self) -> list[NumberCell | None]:
        if self.ind is None or not self.ind.quarters:
            return [None] * 4
        return list(self.ind.quarters)

    @property
    def realisasi_values(self) -> list[float | None]:
        return [c.value if c is not None else None for c in self.realisasi]

    @property
    def computed(self) -> bool:
        return self.ind is not None and self.ind.scale is None


@dataclass
class Result:
    sheet: str
    pk_sheet: str | None
    rows: list[Row]


def _seq_sum(values: list[float]) -> float:
    s = 0.0
    for v in values:
        s += v
    return s


def to_date(targets: list, realisasi: list, q: int, cara: str, rule: str) -> float | None:
    """Capaian s.d. quarter q (0-based): twin of the 'Capaian s.d.' formula."""
    if cara == C.YEAR_CUMULATIVE:
        return C.capaian(targets[q], realisasi[q], rule)
    ts, rs = targets[:q + 1], realisasi[:q + 1]
    if any(v is None for v in ts) or any(v is None for v in rs):
        return None
    st, sr = _seq_sum(ts), _seq_sum(rs)
    if cara == C.YEAR_AVERAGE:
        st, sr = st / (q + 1), sr / (q + 1)
    return C.capaian(st, sr, rule)


def analyze(ctx) -> Result | None:
    table = optional_table(ctx, RENCANA_AKSI)
    if table is None:
        return None
    recs = [rec for rec in table.records if cell_text(rec.values.get("indikator"))]
    if not recs:
        return None
    out = ctx.findings
    indicators: list[Indicator] = ctx.results.get("pk") or []
    pk_sheet = ctx.results.get("pk_sheet")
    pk_table = ctx.results.get("pk_table")
    rows = []
    for rec in recs:
        targets = [number_cell(table, rec, k, ctx.date1904) for k in TARGET_KEYS]
        rows.append(Row(rec, cell_text(rec.values.get("indikator")), cell_text(rec.values.get("uraian")),
                        table.address(rec, "indikator"), targets))
    named = [(i, ind) for i, ind in enumerate(indicators) if ind.indikator]
    matches = match_names([r.indikator for r in rows], [ind.indikator for _, ind in named])
    for k, row in enumerate(rows):
        m = matches.get(k)
        if m is None:
            out.append(F.make("RA-004", table.sheet, row.address, lembar=pk_sheet or "PK"))
        else:
            row.pk_index, row.ind = named[m.index]
    taken = {row.pk_index for row in rows if row.pk_index is not None}
    for i, ind in named:
        if i not in taken and pk_table is not None:
            out.append(F.make("RA-007", pk_sheet, pk_table.address(ind.record, "indikator"), lembar=table.sheet))
    if named and any(r.ind for r in rows) and not any(ind.quarters for _, ind in named):
        out.append(F.make("RA-003", pk_sheet, ""))
    for row in rows:
        _check_targets(row, table.sheet, out)
        if row.ind is None:
            continue
        if row.ind.scale is not None:
            out.append(F.make("RA-008", table.sheet, row.address, scale=row.ind.scale.name))
            continue
        t, r = row.target_values, row.realisasi_values
        missing = []
        for q in range(4):
            row.capaian[q] = C.capaian(t[q], r[q], row.ind.rule)
            row.sd[q] = to_date(t, r, q, row.ind.cara, row.ind.rule)
            cell = row.realisasi[q]
            if row.ind.quarters and t[q] is not None and r[q] is None and cell is not None:
                missing.append((QUARTERS[q], cell.address))
        if missing:          # one finding per indicator, at its first empty quarter
            out.append(F.make("RA-002", pk_sheet, missing[0][1], tw=", ".join(q for q, _ in missing)))
    return Result(table.sheet, pk_sheet, rows)


def _check_targets(row: Row, sheet: str, out: list) -> None:
    for q, cell in enumerate(row.targets):
        if cell is None:
            continue
        p = cell.parsed
        tw = QUARTERS[q]
        if p.kind == BLANK:
            if row.ind is not None:
                out.append(F.make("RA-001", sheet, cell.address, tw=tw))
        elif p.kind == TEXT_NUMBER:
            out.append(F.make("RA-006", sheet, cell.address, text=p.text, value=format_id(p.value, p.decimals or 0)))
        elif p.kind in (INVALID, NOT_AVAILABLE) and cell.engine_value is None:
            out.append(F.make("RA-005", sheet, cell.address, tw=tw, text=p.text, why=f"bukan angka; capaian {tw} tidak dihitung"))
        elif p.kind == INVALID:      # a date or time: a number to the spreadsheet, used as it is
            out.append(F.make("RA-005", sheet, cell.address, tw=tw, text=p.text,
                              why=f"berisi tanggal/jam, dibaca sebagai angka {format_id(cell.engine_value, 2)}"))
        if cell.value == 0:
            out.append(F.make("RA-005", sheet, cell.address, tw=tw, text="0", why=f"bernilai nol; capaian {tw} tidak dihitung"))
