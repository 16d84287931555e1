"""Capaian (achievement) and kategori: pure functions over plain numbers.

The arithmetic is written in the same order as the spreadsheet formulas that
mirror it (see sheets/capaian_sheet.py), so Python and the spreadsheet engine
produce the same floating-point result.
"""
from __future__ import annotations

from typing import Sequence

from .schema import NEG_FORMULA_2T, NEG_FORMULA_T_OVER_R, POLARITY_NEGATIVE, ScaleRow

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


def kategori(value: float | None, scale: Sequence[ScaleRow]) -> str | None:
    """The category of a capaian: half-open intervals applied to the unrounded value.

    Mirrors INDEX(labels, 1 + SUMPRODUCT((ops=">")*(bounds<x) + (ops=">=")*(bounds<=x))).
    """
    if value is None:
        return None
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
