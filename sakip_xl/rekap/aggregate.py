"""Pure aggregation over the workbooks' rows: the rekap's findings and its totals.

The totals are the Python twins of the formulas of the `Rekap OPD` total row
(same arithmetic, so LibreOffice and Excel store the same values).
"""
from __future__ import annotations

import unicodedata
from collections import Counter

from sakip_xl import findings as F
from sakip_xl.findings import GALAT, INFO, PERINGATAN
from sakip_xl.read.numbers import format_id, fsum
from sakip_xl.rekap import codes  # noqa: F401  (registers the REK codes)
from sakip_xl.rekap.model import OpdRow, RekapFinding

MUTU_GRADES = ("A", "B", "C", "D")


def fold(name: str) -> str:
    """An instansi name as compared: Unicode, case and spacing folded."""
    text = unicodedata.normalize("NFKC", name or "").replace("\u00a0", " ")
    return " ".join(text.split()).casefold()


def year_text(year: float | None) -> str:
    if year is None:
        return ""
    return str(int(year)) if float(year).is_integer() else format_id(year, 2)


def _files(rows: list[OpdRow]) -> str:
    return ", ".join(f"'{r.file}'" for r in rows)


def _make(row: OpdRow, code: str, key: str, **fields) -> RekapFinding:
    sheet, cell = row.places.get(key, ("Pengaturan", ""))
    return RekapFinding(row.file, row.path, F.make(code, sheet, cell, **fields))


def _majority(values: list) -> tuple[object, int] | None:
    """The most frequent value (ties: the largest), and how often it occurs."""
    counts = Counter(values)
    if not counts:
        return None
    best = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return best


def findings(rows: list[OpdRow]) -> list[RekapFinding]:
    """Duplicates, spellings, years and kabupaten that do not fit the rest of the folder."""
    out: list[RekapFinding] = []
    by_name: dict[str, list[OpdRow]] = {}
    for row in rows:
        if not row.instansi:
            out.append(_make(row, "REK-005", "instansi", file=row.file))
        else:
            by_name.setdefault(fold(row.instansi), []).append(row)
        if row.tahun is None:
            out.append(_make(row, "REK-004", "tahun"))
    for group in by_name.values():
        _spellings(group, out)
        _duplicates(group, out)
    _odd_years(rows, out)
    _odd_kabupaten(rows, out)
    order = {row.file: i for i, row in enumerate(rows)}
    out.sort(key=lambda f: (F.SEVERITY_ORDER[f.finding.severity], order[f.file], f.finding.code))
    return out


def _spellings(group: list[OpdRow], out: list) -> None:
    if len({r.instansi for r in group}) < 2:
        return
    for row in group:
        others = [r for r in group if r.instansi != row.instansi]
        out.append(_make(row, "REK-001", "instansi", instansi=row.instansi,
                         others="; ".join(f"'{r.file}' ('{r.instansi}')" for r in others)))


def _duplicates(group: list[OpdRow], out: list) -> None:
    by_year: dict[float | None, list[OpdRow]] = {}
    for row in group:
        if row.tahun is not None:
            by_year.setdefault(row.tahun, []).append(row)
    for year, same in by_year.items():
        if len(same) < 2:
            continue
        for row in same:
            out.append(_make(row, "REK-002", "instansi", instansi=row.instansi, tahun=year_text(year),
                             others=_files([r for r in same if r is not row])))


def _odd_years(rows: list[OpdRow], out: list) -> None:
    years = [r.tahun for r in rows if r.tahun is not None]
    best = _majority(years)
    if best is None:
        return
    year, count = best
    for row in rows:
        if row.tahun is not None and row.tahun != year:
            out.append(_make(row, "REK-003", "tahun", tahun=year_text(row.tahun), mayoritas=year_text(year),
                             count=count, total=len(years)))


def _odd_kabupaten(rows: list[OpdRow], out: list) -> None:
    named = [r for r in rows if r.kabupaten]
    best = _majority([fold(r.kabupaten) for r in named])
    if best is None:
        return
    key, _ = best
    shown = next(r.kabupaten for r in named if fold(r.kabupaten) == key)
    for row in named:
        if fold(row.kabupaten) != key:
            out.append(_make(row, "REK-006", "kabupaten", kabupaten=row.kabupaten, mayoritas=shown))


# --- totals: the twins of the total row's formulas --------------------------------------

def average(values) -> float | None:
    """=IF(COUNT(r)=0,"",AVERAGE(r))"""
    nums = [v for v in values if v is not None]
    return fsum(nums) / len(nums) if nums else None


def total(values) -> float | None:
    """=IF(COUNT(r)=0,"",SUM(r))"""
    nums = [v for v in values if v is not None]
    return fsum(nums) if nums else None


def serapan(pagu: float | None, realisasi: float | None) -> float | None:
    """=IF(AND(ISNUMBER(P),ISNUMBER(R)),IF(P=0,"",R/P*100),"") (as anggaran.compute.serapan)"""
    if pagu is None or realisasi is None or pagu == 0:
        return None
    return realisasi / pagu * 100


def totals(rows: list[OpdRow]) -> dict[str, object]:
    pagu = total(r.pagu for r in rows)
    realisasi = total(r.realisasi for r in rows)
    return {
        "nik": average(r.nik for r in rows),
        "capaian": average(r.capaian for r in rows),
        "pagu": pagu,
        "realisasi": realisasi,
        "serapan": serapan(pagu, realisasi),
        GALAT: sum(r.counts.get(GALAT, 0) for r in rows),
        PERINGATAN: sum(r.counts.get(PERINGATAN, 0) for r in rows),
        INFO: sum(r.counts.get(INFO, 0) for r in rows),
        "stale": sum(1 for r in rows if r.stale),
        "no_nik": sum(1 for r in rows if r.nik is None),
        "mutu": {g: sum(1 for r in rows if r.mutu == g) for g in MUTU_GRADES},
    }
