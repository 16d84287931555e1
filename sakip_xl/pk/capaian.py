"""Capaian (achievement) and kategori: pure functions over plain numbers.

The arithmetic is written in the same order as the spreadsheet formulas that
mirror it (see pk/sheet.py), so Python and the spreadsheet engine
produce the same floating-point result.
"""
from __future__ import annotations

from typing import Sequence

from sakip_xl.read.numbers import fsum
from sakip_xl.read.schema import NEG_FORMULA_2T, NEG_FORMULA_T_OVER_R, POLARITY_NEGATIVE, ScaleRow

RULE_POSITIVE = "R/T"
RULE_NEGATIVE_2T = NEG_FORMULA_2T      # "(2T-R)/T"
RULE_NEGATIVE_T_OVER_R = NEG_FORMULA_T_OVER_R  # "T/R"

STATUS_OK = "Dihitung"
STATUS_BAD_TARGET = "Target tidak valid"
STATUS_ZERO_TARGET = "Target nol"
STATUS_NO_REALISASI = "Realisasi belum ada"
STATUS_ZERO_REALISASI = "Realisasi nol"


def rule_for(polarity: str, negative_formula: str) -> str:
    if polarity == POLARITY_NEGATIVE:
        return negative_formula
    return RULE_POSITIVE


def status(target: float | None, realisasi: float | None, rule: str) -> str:
    """Why a capaian can or cannot be computed (mirrors the Status formula)."""
    if target is None:
        return STATUS_BAD_TARGET
    if target == 0:
        return STATUS_ZERO_TARGET
    if realisasi is None:
        return STATUS_NO_REALISASI
    if rule == RULE_NEGATIVE_T_OVER_R and realisasi == 0:
        return STATUS_ZERO_REALISASI
    return STATUS_OK


def capaian(target: float | None, realisasi: float | None, rule: str) -> float | None:
    """Capaian in percent, or None when it cannot be computed."""
    if status(target, realisasi, rule) != STATUS_OK:
        return None
    if rule == RULE_POSITIVE:
        return realisasi / target * 100
    if rule == RULE_NEGATIVE_2T:
        return (2 * target - realisasi) / target * 100
    return target / realisasi * 100


# Kategori and "tercapai" compare the capaian rounded to this many decimals, in Python
# (round_compared) and in the formulas (ROUND(x,10)): 9,12 / 12 x 100 is 75,99999999999999
# in binary although the user typed numbers whose capaian is exactly 76 (and sees 76,00).
# Ten decimals remove the binary noise (about 1e-14 at these magnitudes) and nothing a user
# can see; LibreOffice's ROUND (half away from zero, with its 15-digit correction) is
# reproduced exactly by skm.compute.round_half_up, so Python and the engine agree.
COMPARE_DECIMALS = 10


def round_compared(value: float | None) -> float | None:
    """The value a capaian is compared with the bounds as: ROUND(value, COMPARE_DECIMALS)."""
    from sakip_xl.skm.compute import round_half_up

    return None if value is None else round_half_up(float(value), COMPARE_DECIMALS)


def kategori(value: float | None, scale: Sequence[ScaleRow]) -> str | None:
    """The category of a capaian: half-open intervals applied to the value rounded to 10 decimals.

    Mirrors INDEX(labels, 1 + SUMPRODUCT((ops=">")*(bounds<x) + (ops=">=")*(bounds<=x))) with
    x = ROUND(capaian, 10).
    """
    if value is None:
        return None
    value = round_compared(value)
    satisfied = 0
    for row in scale[1:]:
        if row.operator == ">" and row.bound < value:
            satisfied += 1
        elif row.operator == ">=" and row.bound <= value:
            satisfied += 1
    return scale[satisfied].label


def mean(values: Sequence[float | None]) -> float | None:
    """Average of the computed values; rows without a number are left out."""
    nums = [v for v in values if v is not None]
    if not nums:
        return None
    return sum(nums) / len(nums)


# --- Range targets: "a-b" -------------------------------------------------

STATUS_BAD_RANGE = "Rentang terbalik"


def status_range(lower: float | None, upper: float | None, realisasi: float | None, rule: str) -> str:
    """Why a range target's capaian can or cannot be computed (mirrors the Status formula)."""
    if lower is None or upper is None:
        return STATUS_BAD_TARGET
    if lower > upper:
        return STATUS_BAD_RANGE
    if realisasi is None:
        return STATUS_NO_REALISASI
    if (realisasi > upper and upper == 0) or (realisasi < lower and lower == 0):
        return STATUS_ZERO_TARGET
    if rule == RULE_NEGATIVE_T_OVER_R and realisasi == 0 and (realisasi > upper or realisasi < lower):
        return STATUS_ZERO_REALISASI
    return STATUS_OK


def capaian_range(lower: float | None, upper: float | None, realisasi: float | None, rule: str) -> float | None:
    """Inside the range 100 %; above it measured against the upper bound, below it against the lower."""
    if status_range(lower, upper, realisasi, rule) != STATUS_OK:
        return None
    if realisasi > upper:
        return capaian(upper, realisasi, rule)
    if realisasi < lower:
        return capaian(lower, realisasi, rule)
    return 100.0


# --- Qualitative targets: grades on an ordinal scale ----------------------

RULE_QUALITATIVE = "peringkat"
QUAL_RATIO = "rasio peringkat"            # rank(R) / rank(T) x 100
QUAL_BINARY = "tercapai 100, tidak 0"     # 100 when rank(R) >= rank(T), else 0

STATUS_TARGET_OFF_SCALE = "Target di luar skala"
STATUS_REALISASI_OFF_SCALE = "Realisasi di luar skala"


def status_qualitative(rank_target: int | None, realisasi_blank: bool, rank_realisasi: int | None) -> str:
    if rank_target is None:
        return STATUS_TARGET_OFF_SCALE
    if realisasi_blank:
        return STATUS_NO_REALISASI
    if rank_realisasi is None:
        return STATUS_REALISASI_OFF_SCALE
    return STATUS_OK


def capaian_qualitative(rank_target: int | None, rank_realisasi: int | None, mode: str) -> float | None:
    """Tercapai when rank(R) >= rank(T); the capaian shown depends on the Pengaturan mode."""
    if rank_target is None or rank_realisasi is None:
        return None
    if mode == QUAL_BINARY:
        return 100.0 if rank_realisasi >= rank_target else 0.0
    return rank_realisasi / rank_target * 100


# --- Aggregation cap and the year's realisasi from the quarters -----------

def capped(value: float | None, cap: float | None) -> float | None:
    """The value used in averages: MIN(capaian, cap) when a cap is set."""
    if value is None:
        return None
    if cap is None:
        return value
    return min(value, cap)


def tercapai(value: float | None) -> str | None:
    if value is None:
        return None
    return "Ya" if round_compared(value) >= 100 else "Tidak"


YEAR_CUMULATIVE = "kumulatif"
YEAR_SUM = "jumlah"
YEAR_AVERAGE = "rata-rata"
YEAR_RULES = (YEAR_CUMULATIVE, YEAR_SUM, YEAR_AVERAGE)


def year_from_quarters(quarters: Sequence[float | None], rule: str) -> float | None:
    """The year's realisasi: last filled quarter (cumulative figure), sum, or average."""
    nums = [q for q in quarters if q is not None]
    if not nums:
        return None
    if rule == YEAR_SUM:
        return _excel_sum(nums)
    if rule == YEAR_AVERAGE:
        return _excel_sum(nums) / len(nums)
    return nums[-1]


def _excel_sum(values: Sequence[float]) -> float:
    return fsum(values)


def decreasing_quarters(quarters: Sequence[float | None]) -> list[int]:
    """Indexes of quarters lower than the filled quarter before them (a cumulative figure cannot fall)."""
    result, previous = [], None
    for i, q in enumerate(quarters):
        if q is None:
            continue
        if previous is not None and q < previous:
            result.append(i)
        previous = q
    return result
