"""Grouping respondents: by a text column (jenis layanan, profile), by period, by age.

Pure and vectorised. Each grouping mirrors the condition its formula uses:
- text:   IFERROR(--(L=label),0)  text equal to the label, case-insensitively;
- period: IFERROR((T>=start)*(T<end),0)  a date serial in [start, end);
- age:    IFERROR(ISNUMBER(A)*(A>=lo)*(A<hi),0).
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from sakip_xl.skm.compute import engine_number

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")
QUARTERS = ("TW I", "TW II", "TW III", "TW IV")
AGE_BINS = ((None, 20.0, "< 20 tahun"), (20.0, 30.0, "20-29 tahun"), (30.0, 40.0, "30-39 tahun"),
            (40.0, 50.0, "40-49 tahun"), (50.0, 60.0, "50-59 tahun"), (60.0, None, ">= 60 tahun"))
FIRST_DATE = 367.0          # 1 January 1901: smaller serials are not survey dates
LAST_DATE = 2958466.0       # 1 January 10000


@dataclass
class Grouping:
    index: np.ndarray           # group of each row, -1 for none
    labels: list[str]           # per group: the text written in the label cell
    bounds: list[tuple]         # per group: (lo, hi) for periods and ages, () for text


def by_text(values: Sequence[object], mask: np.ndarray) -> Grouping:
    """Groups of equal text (case-insensitive), labelled by their first spelling; rows outside mask: -1.

    `values` may be a columns.Column: the groups then come from its distinct values."""
    keys: dict[str, int] = {}
    labels: list[str] = []
    code: dict[object, int] = {}
    coded = getattr(values, "codes", None) is not None
    # distinct values, in order of first appearance
    for v in (values.first_seen() if coded else dict.fromkeys(values)):
        g = -1
        if type(v) is str and v.strip():
            g = keys.setdefault(v.lower(), len(labels))
            if g == len(labels):
                labels.append(v)
        code[v] = g
    if coded:
        index = values.table(lambda v: code.get(v, -1), np.int64)
    else:
        index = np.fromiter(map(code.__getitem__, values), dtype=np.int64, count=len(values))
    index[~mask] = -1
    used = np.flatnonzero(np.bincount(index[index >= 0], minlength=len(labels)))
    if used.size < len(labels):                  # drop groups seen only outside the mask
        remap = np.full(len(labels), -1, dtype=np.int64)
        remap[used] = np.arange(used.size)
        index = np.where(index >= 0, remap[np.maximum(index, 0)], -1)
        labels = [labels[g] for g in used.tolist()]
    return Grouping(index, labels, [()] * len(labels))


def serials(values: Sequence[object], date1904: bool) -> np.ndarray:
    """The number each cell holds for a formula (dates as serials), NaN for text, blanks and booleans.

    `values` may be a columns.Column: each distinct value is then converted once."""
    if getattr(values, "codes", None) is not None:
        return values.table(lambda v: _number(v, date1904), np.float64)
    nan = float("nan")
    kinds = set(map(type, values))
    distinct = dict.fromkeys(values) if bool not in kinds else {}   # (True == 1.0 as a dict key)
    if distinct and len(distinct) <= max(64, len(values) // 4):
        # survey dates repeat: convert each distinct value once
        lookup = {v: _number(v, date1904) for v in distinct}
        out = np.fromiter(map(lookup.__getitem__, values), dtype=np.float64, count=len(values))
    else:
        out = np.fromiter((v if type(v) is float else nan for v in values), dtype=np.float64, count=len(values))
        kinds -= {float, str}
        for kind, unit in ((_dt.datetime, "us"), (_dt.date, "D")):   # vectorised: numpy converts them in C
            if kind in kinds:
                idx = [i for i, v in enumerate(values) if type(v) is kind]
                stamps = np.array([values[i] for i in idx], dtype=f"datetime64[{unit}]")
                base = np.datetime64("1904-01-01" if date1904 else "1899-12-30", unit)
                out[idx] = (stamps - base) / np.timedelta64(1, "D").astype(f"timedelta64[{unit}]")
                kinds.discard(kind)
        for i, v in enumerate(values) if kinds else ():   # ints, times, durations: the exact, slow path
            if type(v) in kinds:
                out[i] = _number(v, date1904)
    return out


def _number(v: object, date1904: bool) -> float:
    if type(v) is float:
        return v
    n = engine_number(v, date1904)
    return float("nan") if n is None else n


def by_period(t: np.ndarray, mask: np.ndarray, quarterly: bool, date1904: bool) -> Grouping:
    """Months or quarters holding at least one masked row, in date order."""
    base = np.datetime64("1904-01-01" if date1904 else "1899-12-30", "D")
    ok = mask & (t >= FIRST_DATE) & (t < LAST_DATE)
    days = np.floor(np.where(ok, t, FIRST_DATE)).astype(np.int64)
    months = (base + days.astype("timedelta64[D]")).astype("datetime64[M]").astype(np.int64)  # since 1970-01
    keys = months // 3 if quarterly else months
    present = np.unique(keys[ok])
    index = np.full(len(t), -1, dtype=np.int64)
    if present.size:
        pos = np.searchsorted(present, keys)
        index[ok] = pos[ok]
    labels, bounds = [], []
    step = 3 if quarterly else 1
    for k in present.tolist():
        first = k * step
        start = _month_start(first)
        end = _month_start(first + step)
        labels.append(f"{QUARTERS[start.month // 3]} {start.year}" if quarterly
                      else f"{MONTHS[start.month - 1]} {start.year}")
        bounds.append((_serial(start, date1904), _serial(end, date1904)))
    return Grouping(index, labels, bounds)


def _month_start(months_since_1970: int) -> _dt.date:
    year, month = divmod(months_since_1970, 12)
    return _dt.date(1970 + year, month + 1, 1)


def _serial(day: _dt.date, date1904: bool) -> float:
    base = _dt.date(1904, 1, 1) if date1904 else _dt.date(1899, 12, 30)
    return float((day - base).days)


def by_age(a: np.ndarray, mask: np.ndarray) -> Grouping:
    """The fixed age bins; a: numbers (NaN for anything else)."""
    index = np.full(len(a), -1, dtype=np.int64)
    num = mask & ~np.isnan(a)
    for g, (lo, hi, _) in enumerate(AGE_BINS):
        inside = num.copy()
        if lo is not None:
            inside &= a >= lo
        if hi is not None:
            inside &= a < hi
        index[inside] = g
    return Grouping(index, [b[2] for b in AGE_BINS], [(b[0], b[1]) for b in AGE_BINS])


def tally(index: np.ndarray, groups: int, weights: np.ndarray | None = None, mask: np.ndarray | None = None):
    """Per group: how many rows (or the sum of weights) among the masked rows."""
    keep = index >= 0 if mask is None else (index >= 0) & mask
    w = None if weights is None else weights[keep]
    return np.bincount(index[keep], weights=w, minlength=groups)[:groups]


def top(counts: Sequence[int], limit: int) -> list[int]:
    """The `limit` largest groups (ties: first seen), in that order."""
    order = sorted(range(len(counts)), key=lambda g: (-counts[g], g))
    return order[:limit]
