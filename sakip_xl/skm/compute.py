"""SKM arithmetic: pure functions over plain values and numpy arrays, no Excel.

Every function here is the Python twin of a formula in sheet.py/formulas.py and
does its arithmetic in the same order, so the stored value and the spreadsheet's
value agree:
- an answer counts as k (1..4) when the cell is the number k or the letter a..d
  (any case): COUNTIFS(U,">=k",U,"<=k") + COUNTIF(U,"a"); text "3", 2,5, 5,
  "baik", booleans and blanks are not answers;
- a cell is blank when python-calamine reads '' (empty cells, '' results and
  error values: the formulas treat an error cell as blank with IFERROR);
- NRR = Σ k·count_k / Σ count_k, IKM = Σ NRR_j × bobot, NIK = IKM × 25,
  mutu on NIK rounded half away from zero to 2 decimals.
"""
from __future__ import annotations

import datetime as _dt
import math
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from itertools import repeat
from typing import Sequence

import numpy as np

from sakip_xl.read.numbers import excel_serial
from sakip_xl.skm import labels as L
from sakip_xl.skm.regimes import LOWEST_NIK, Regime

BLANK = 0
INVALID = -1
LETTERS = ("a", "b", "c", "d")
SCORES = (1, 2, 3, 4)

_FAST: dict = {"": BLANK}
for _k in SCORES:
    _FAST[float(_k)] = _k
    _FAST[LETTERS[_k - 1]] = _k
    _FAST[LETTERS[_k - 1].upper()] = _k
_FAST_TYPES = {float, int, str}


def answer_score(value: object, date1904: bool = False, table: dict | None = None) -> int:
    """1..4 for an answer, BLANK for an empty cell, INVALID for anything else.

    Text is read by labels.score: a-d, '3', ' 4 ', 'Sangat Baik', 'd. Sangat Sesuai' ...
    (`table`: label -> score, the built-in labels by default)."""
    if type(value) is bool:
        return INVALID          # Excel's COUNTIFS ignores TRUE (LibreOffice counts it as 1)
    if isinstance(value, (_dt.date, _dt.time, _dt.timedelta)):
        serial = excel_serial(value, date1904)
        return int(serial) if serial in (1.0, 2.0, 3.0, 4.0) else INVALID
    if isinstance(value, str):
        if value == "" or type(value).__name__ == "ExcelError":   # errors behave as blanks
            return BLANK
        return L.score(value, table)
    if isinstance(value, (int, float)):
        return int(value) if value in (1, 2, 3, 4) else INVALID
    return INVALID


def score_column(values: Sequence[object], date1904: bool = False, table: dict | None = None) -> np.ndarray:
    """answer_score of every cell, vectorised: an int8 array (1..4, 0 blank, -1 invalid).

    `values` may be a columns.Column: each distinct value is then judged once."""
    if getattr(values, "codes", None) is not None:
        return values.table(partial(answer_score, date1904=date1904, table=table), np.int8)
    out = np.fromiter(map(_FAST.get, values, repeat(INVALID)), dtype=np.int8, count=len(values))
    if set(map(type, values)) - _FAST_TYPES:      # bools, dates, str subclasses: the slow, exact path
        for i, v in enumerate(values):
            if type(v) not in _FAST_TYPES:
                out[i] = answer_score(v, date1904, table)
    seen: dict = {}
    for i in np.flatnonzero(out == INVALID).tolist():   # text answers (labels): each distinct text judged once
        v = values[i]
        if type(v) is str:
            if v not in seen:
                seen[v] = answer_score(v, date1904, table)
            out[i] = seen[v]
    return out


def nonblank_column(values: Sequence[object]) -> np.ndarray:
    """IFERROR(--(U<>""),0) per cell: True for anything but an empty cell."""
    return np.asarray(values, dtype=object) != ""


def engine_number(value: object, date1904: bool = False) -> float | None:
    """The number a formula sees in a cell (ISNUMBER is TRUE), or None."""
    if type(value) is bool:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    return excel_serial(value, date1904)


def counts(scores: np.ndarray) -> tuple[int, int, int, int]:
    """How many answers 1, 2, 3 and 4 an element received."""
    tally = np.bincount(scores[scores > 0], minlength=5)
    return tuple(int(tally[k]) for k in SCORES)


# --- one element: =SUM(C:F), =SUMPRODUCT({1,2,3,4},C:F), =IF(total>0,jumlah/total,"")

def total(values: Sequence[float | None]) -> float:
    """=SUM(c1:c4): the numbers among the four cells."""
    result = 0
    for v in values:
        if v is not None:
            result = result + v
    return result


def jumlah_nilai(values: Sequence[float | None]) -> float:
    """=SUMPRODUCT({1,2,3,4},c1:c4): text and blanks count as 0."""
    result = 0
    for k, v in zip(SCORES, values):
        if v is not None:
            result = result + k * v
    return result


def nrr(values: Sequence[float | None]) -> float | None:
    t = total(values)
    return jumlah_nilai(values) / t if t > 0 else None


def times(value: float | None, factor: float) -> float | None:
    """=IF(ISNUMBER(x),x*factor,"")"""
    return None if value is None else value * factor


def ikm(weighted: Sequence[float | None]) -> float | None:
    """=IF(COUNT(nrr)<n,"",SUM(tertimbang)): every element must have an NRR."""
    if any(v is None for v in weighted):
        return None
    return float(sum(weighted)) if weighted else None


def group_ikm(nrrs: Sequence[float | None], bobot: float) -> float | None:
    """=IF(COUNT(nrr)<n,"",SUM(nrr)*bobot) for the rows per layanan/periode."""
    if not nrrs or any(v is None for v in nrrs):
        return None
    return float(sum(nrrs)) * bobot


def round_half_up(value: float | None, places: int = 2) -> float | None:
    """ROUND(x, places) as LibreOffice computes it: half away from zero, with the 15-digit correction.

    ROUND(x,0) is the exact half-away rounding; for places > 0 the value is scaled,
    0,5 added, the sum approximated to 15 significant digits, then floored (so
    0,285 gives 0,29 although the double is slightly below 0,285).
    """
    if value is None or value == 0 or not math.isfinite(value):
        return value
    negative = value < 0
    v = -value if negative else value
    if places == 0:
        r = float(Decimal(v).to_integral_value(rounding=ROUND_HALF_UP))
    elif v >= 2.0 ** 52 or v.is_integer():
        r = v
    else:
        places = min(places, 52 - (math.frexp(v)[1] - 1))
        factor = 10.0 ** places
        scaled = v * factor
        r = math.floor(_approx15(scaled + 0.5)) / factor if scaled < 2.0 ** 52 else v
    return -r if negative else r


def _approx15(v: float) -> float:
    """rtl::math::approxValue: v rounded to 15 significant digits (v > 0)."""
    if v > 2199023255552.0 or v.is_integer() or _fraction_bits(v) <= 11:
        return v
    e = 14 - math.floor(math.log10(v))
    factor = 10.0 ** abs(e)
    w = v * factor if e >= 0 else v / factor
    w = float(Decimal(w).to_integral_value(rounding=ROUND_HALF_UP))
    return w / factor if e >= 0 else w * factor


def _fraction_bits(v: float) -> int:
    """How many bits of v's mantissa lie after the binary point."""
    mantissa, exponent = math.frexp(v)              # v = mantissa * 2**exponent, 0.5 <= mantissa < 1
    bits = int(mantissa * 2.0 ** 53)
    trailing = (bits & -bits).bit_length() - 1
    return max(53 - trailing - exponent, 0)


def mutu(nik: float | None, regime: Regime) -> str | None:
    """The grade of an NIK (or an element's NRR × 25): bands on the value rounded to 2 decimals."""
    r = round_half_up(nik, 2)
    if r is None:
        return None
    for band in regime.bands:
        if band.low is None or r >= band.low:
            return band.mutu
    return regime.bands[-1].mutu


def kinerja(grade: str | None, regime: Regime) -> str | None:
    for band in regime.bands:
        if band.mutu == grade:
            return band.kinerja
    return None


def krejcie_morgan(population: float | None) -> int | None:
    """Minimum sample s = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P)), χ² 3,841, P 0,5, d 0,05."""
    if population is None or not population >= 1:
        return None
    return int(round_half_up(3.841 * population * 0.25 / (0.0025 * (population - 1) + 3.841 * 0.25), 0))


def share(count: float, whole: float) -> float | None:
    """=IF(whole=0,"",count/whole*100)"""
    return None if whole == 0 else count / whole * 100


def nik_range_ok(nik: float | None) -> bool:
    return nik is None or LOWEST_NIK - 1e-9 <= nik <= 100 + 1e-9
