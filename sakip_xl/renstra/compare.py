"""Per PK indicator: Renstra target and realisasi of the year, last year, progress, national figure.

Pure: plain values in, plain values out. Every value here is the Python twin
of a formula written by sheet.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sakip_xl.pk import capaian as C
from sakip_xl.pk.model import Indicator
from sakip_xl.pk.schema import JENIS_KUALITATIF, JENIS_RENTANG
from sakip_xl.read.cells import NumberCell, shown_value
from sakip_xl.read.schema import POLARITY_NEGATIVE
from sakip_xl.renstra.matching import Match
from sakip_xl.renstra.model import IkuRow, Period, RenstraRow

UP, DOWN, SAME = "Membaik", "Memburuk", "Tetap"
BETTER, WORSE, EQUAL = "Lebih baik dari nasional", "Lebih buruk dari nasional", "Sama dengan nasional"
NO_NATIONAL = "Data nasional tidak tersedia"


@dataclass
class Source:
    """An input cell shown in Perbandingan: its sheet, what a formula sees, what Python read."""

    sheet: str
    cell: NumberCell
    raw: object


@dataclass
class Row:
    index: int                              # position among the PK indicators (and on the Capaian sheet)
    ind: Indicator
    pk_sheet: str = ""
    renstra: RenstraRow | None = None
    renstra_match: Match | None = None
    iku: IkuRow | None = None
    iku_match: Match | None = None
    target_renstra: Source | None = None    # Renstra target of the report year
    realisasi_renstra: Source | None = None
    kondisi_awal: Source | None = None
    kondisi_akhir: Source | None = None
    lalu: list[Source] = field(default_factory=list)   # where realisasi n-1 is looked for, in order
    # the values, as the formulas compute them
    v_lalu: object = None
    selisih_lalu: float | None = None
    tren: str | None = None
    kemajuan: float | None = None
    v_nasional: float | None = None
    selisih_nasional: float | None = None
    ket_nasional: str | None = None

    @property
    def qualitative(self) -> bool:
        return self.ind.jenis == JENIS_KUALITATIF


def source(row: RenstraRow | None, key: str) -> Source | None:
    if row is None or row.cell(key) is None:
        return None
    return Source(row.sheet, row.cell(key), row.raw(key))


def shown(src: Source | None, qualitative: bool, date1904: bool = False) -> object:
    """What the Perbandingan cell showing `src` holds (None: '')."""
    if src is None:
        return None
    return shown_value(src.raw, date1904) if qualitative else src.cell.value


def rank_of(src: Source | None, ind: Indicator) -> int | None:
    return ind.scale.rank(src.raw) if src is not None else None


def build(index: int, ind: Indicator, pk_sheet: str, renstra: RenstraRow | None, period: Period,
          date1904: bool = False) -> Row:
    row = Row(index, ind, pk_sheet, renstra)
    k = period.k
    if k is not None:
        row.target_renstra = source(renstra, f"target_{k}")
        row.realisasi_renstra = source(renstra, f"realisasi_{k}")
    row.kondisi_awal = source(renstra, "kondisi_awal")
    row.kondisi_akhir = source(renstra, "kondisi_akhir")
    if ind.realisasi_lalu is not None:
        row.lalu.append(Source(pk_sheet, ind.realisasi_lalu, ind.lalu_raw))
    if k is not None:
        fallback = source(renstra, f"realisasi_{k - 1}") if k > 1 else row.kondisi_awal
        if fallback is not None:
            row.lalu.append(fallback)
    if row.qualitative:
        _qualitative(row, date1904)
    else:
        _numeric(row)
    return row


def _numeric(row: Row) -> None:
    ind = row.ind
    real = ind.realisasi_value
    row.v_lalu = next((s.cell.value for s in row.lalu if s.cell.value is not None), None)
    if real is not None and row.v_lalu is not None:
        row.selisih_lalu = real - row.v_lalu
    row.tren = trend(real, row.v_lalu, ind.polaritas == POLARITY_NEGATIVE)
    akhir = row.kondisi_akhir.cell.value if row.kondisi_akhir is not None else None
    row.kemajuan = C.capaian(akhir, real, ind.rule)
    row.v_nasional = ind.nasional.value if ind.nasional is not None else None
    if real is not None and row.v_nasional is not None:
        row.selisih_nasional = real - row.v_nasional
    row.ket_nasional = national(real, row.v_nasional, ind.polaritas == POLARITY_NEGATIVE)


def _qualitative(row: Row, date1904: bool) -> None:
    ind = row.ind
    chosen = next((s for s in row.lalu if shown_value(s.raw, date1904) is not None), None)
    row.lalu = [chosen] if chosen is not None else row.lalu[:1]
    row.v_lalu = shown(chosen, True, date1904)
    row.tren = trend(ind.rank_realisasi, rank_of(chosen, ind), False)
    row.kemajuan = C.capaian_qualitative(rank_of(row.kondisi_akhir, ind), ind.rank_realisasi, ind.qual_mode)
    row.v_nasional = ind.nasional.value if ind.nasional is not None else None
    row.ket_nasional = national(None, row.v_nasional, False)


def trend(now, before, negative: bool) -> str | None:
    """Twin of IF(AND(ISNUMBER(a),ISNUMBER(b)),IF(a>b,up,IF(a<b,down,"Tetap")),"")."""
    if now is None or before is None:
        return None
    if now > before:
        return DOWN if negative else UP
    if now < before:
        return UP if negative else DOWN
    return SAME


def national(real, nasional, negative: bool) -> str | None:
    if nasional is None:
        return NO_NATIONAL
    if real is None:
        return None
    if real > nasional:
        return WORSE if negative else BETTER
    if real < nasional:
        return BETTER if negative else WORSE
    return EQUAL


def same_target(row: Row) -> bool | None:
    """Whether the PK target agrees with the Renstra target of the year (None: nothing to compare)."""
    ind, ren = row.ind, row.target_renstra
    if ren is None:
        return None
    if row.qualitative:
        return _same_rank(ind.rank_target, ren, ind)
    value = ren.cell.value
    if value is None or ind.target.value is None:
        return None
    if ind.jenis == JENIS_RENTANG:
        upper = ind.target_atas.value
        return None if upper is None else ind.target.value <= value <= upper
    return _equal(value, ind.target.value)


def same_realisasi(row: Row) -> bool | None:
    ind, ren = row.ind, row.realisasi_renstra
    if ren is None:
        return None
    if row.qualitative:
        return _same_rank(ind.rank_realisasi, ren, ind)
    value = ren.cell.value
    if value is None or ind.realisasi_value is None:
        return None
    return _equal(value, ind.realisasi_value)


def _same_rank(rank: int | None, ren, ind) -> bool | None:
    """A PK grade against the Renstra's, by their ranks on the indicator's scale."""
    other = rank_of(ren, ind)
    return None if rank is None or other is None else rank == other


def hundredfold(a: float | None, b: float | None) -> bool:
    """Whether a is b x 100 or b / 100 (85 against 0,85: a percentage written as a fraction)."""
    if a is None or b is None or a == 0 or b == 0:
        return False
    return _equal(a, b * 100) or _equal(a * 100, b)


def _equal(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
