"""The SKM section's analysis: the survey sheet found and read, the index computed, the sample judged."""
from __future__ import annotations

import gc
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sakip_xl import findings as F
from sakip_xl.xlsx.addresses import cell, parse_cell, quote_sheet
from sakip_xl.read.numbers import TEXT_NUMBER, format_id, read_number, tolerance_for
from sakip_xl.skm import codes  # noqa: F401  (registers the SKM codes)
from sakip_xl.skm.prefetch import Prefetch
from sakip_xl.skm.regimes import WEIGHT_EXACT, weight
from sakip_xl.skm.schema import DIST_SHEET, DISTRIBUSI, SHEET, SKM

if TYPE_CHECKING:
    from sakip_xl.skm.distribution import Distribution, Source
    from sakip_xl.skm.responses import Survey

# The computing modules import numpy: they are loaded only when a workbook has an SKM sheet.


@dataclass
class Sample:
    source: Source | None          # the Pengaturan cell holding the population
    minimum: int | None            # Krejcie & Morgan
    verdict: str | None            # "Cukup" / "Kurang"


@dataclass
class SkmResult:
    survey: Survey | None
    distribution: Distribution | None
    sample: Sample | None


def analyze(ctx) -> SkmResult | None:
    sheet = ctx.book.find_sheet(SKM.name, SKM.aliases)
    if sheet is None:
        sheet = _survey_sheet(ctx)
    if sheet is None and ctx.book.find_sheet(DISTRIBUSI.name, DISTRIBUSI.aliases) is None:
        return None
    # A large SKM sheet is millions of long-lived Python objects: the cyclic collector would
    # rescan them again and again while the columns are built. Nothing here makes cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        helper = Prefetch(ctx.book, sheet).start()
        if sheet is not None:
            ctx.book.rows(sheet)              # parsed now, while the helper works; cached for later
        return _analyze(ctx, helper.result(), sheet)
    finally:
        if collecting:
            gc.enable()


def _survey_sheet(ctx) -> str | None:
    """A sheet not called SKM that holds survey answers (an application's `Sheet1`), when it is the only one."""
    from sakip_xl.read.schema import normalize_header
    from sakip_xl.skm import locate
    from sakip_xl.skm.responses import regime_of
    known = ctx.known_sheets
    regime = regime_of(ctx.settings)
    found = []
    for name in ctx.book.sheet_names:
        if normalize_header(name) in known:
            continue
        try:
            rows = ctx.book.rows(name)
        except Exception:              # an unreadable extra sheet is not the survey
            continue
        if locate.looks_like_survey(rows, regime.name):
            found.append(name)
    if len(found) > 1:
        ctx.findings.append(F.make("SKM-027", found[0], "", sheets=", ".join(f"'{n}'" for n in found)))
        return None
    if found:
        row, cols, _ = locate.header(ctx.book.rows(found[0]), regime.name)
        shown = [f"U{k[1:]}" for k in sorted((k for k in cols if k in locate.ELEMENT_KEYS), key=lambda k: int(k[1:]))]
        ctx.findings.append(F.make("SKM-025", found[0], cell(row, min(cols.values())), name=found[0],
                                   columns=f"{shown[0]}-{shown[-1]}" if len(shown) > 1 else shown[0]))
        return found[0]
    return None


def empty_survey_message(ctx) -> str | None:
    """When nothing could be computed: the sheets that look like survey answers, named, and what to do."""
    from sakip_xl.read.schema import normalize_header
    from sakip_xl.skm import locate
    from sakip_xl.skm.responses import regime_of
    regime = regime_of(ctx.settings)
    full, empty = [], []
    for name in ctx.book.sheet_names:
        if normalize_header(name) in {normalize_header(n) for n in (SHEET, DIST_SHEET, "Pemeriksaan")}:
            continue
        try:
            rows = ctx.book.rows(name)
        except Exception:
            continue
        row, cols, _ = locate.header(rows, regime.name)
        answer_cols = [c for k, c in cols.items() if k in locate.ELEMENT_KEYS]
        if row < 0 or len(answer_cols) < locate.MIN_QUESTIONS:
            continue
        filled = any(c < len(r) and r[c] != "" for r in rows[row + 1:] for c in answer_cols)
        (full if filled else empty).append((name, row, len(answer_cols)))
    if len(full) > 1:
        return (f"Lembar {', '.join(repr(n) for n, _, _ in full)} tampak berisi jawaban survei SKM, dan tidak ada "
                "lembar bernama SKM maupun PK. sakip-xl tidak memilih sendiri: ganti nama lembar yang berisi jawaban "
                "survei menjadi 'SKM' (klik kanan tab > Ganti Nama), simpan, lalu jalankan lagi.")
    if empty and not full:
        name, row, n = empty[0]
        return (f"Lembar '{name}' berisi judul kolom survei SKM (baris {row + 1}, {n} kolom unsur) tetapi belum "
                f"ada jawaban di bawahnya, dan tidak ada lembar PK. Isi jawaban responden (satu baris per "
                f"responden, jawaban 1-4 atau pilihan jawaban kuesioner) di bawah baris judul, lalu jalankan lagi.")
    return None


def _analyze(ctx, facts, sheet=None) -> SkmResult | None:
    from sakip_xl.skm import distribution, responses
    from sakip_xl.skm.results import derive_elements, derive_groups
    survey = responses.analyze(ctx, facts, sheet)
    sample = None
    if survey is not None:
        derive_elements(survey.elements, survey.index)
        derive_groups(survey.layanan + survey.periods, survey.index)
        for e in survey.elements:
            if e.col is not None and e.nrr is None:
                ctx.findings.append(F.make("SKM-007", survey.sheet, cell(survey.header_row, e.col),
                                           unsur=f"U{e.number} ({e.name})"))
        sample = _sample(ctx, survey.respondents)
    dist = distribution.analyze(ctx)
    if survey is None and dist is None:
        return None
    _legacy_weight(ctx, survey or dist)
    _check_pk(ctx, survey.index if survey is not None else dist.index)
    return SkmResult(survey, dist, sample)


def _settings_place(ctx, key: str) -> tuple[str, str]:
    return ctx.settings.sheet or "Pengaturan", ctx.settings.cells.get(key, "")


def _sample(ctx, respondents: int) -> Sample:
    from sakip_xl.skm import compute as C
    from sakip_xl.skm.distribution import Source
    sheet, addr = _settings_place(ctx, "skm_populasi")
    src = None
    if ctx.settings.sheet and addr:
        r, c = parse_cell(addr)
        rows = ctx.book.rows(ctx.settings.sheet)
        raw = rows[r][c] if r < len(rows) and c < len(rows[r]) else ""
        parsed = read_number(raw)
        engine = C.engine_number(raw, ctx.date1904)
        fallback = parsed.value if parsed.kind == TEXT_NUMBER else None
        if fallback is not None:
            ctx.findings.append(F.make("SKM-020", sheet, addr, text=parsed.text,
                                       value=format_id(fallback, parsed.decimals or 0)))
        src = Source(f"{quote_sheet(sheet)}!{addr}", fallback, engine if engine is not None else fallback)
    value = src.value if src is not None else None
    minimum = C.krejcie_morgan(value)
    verdict = None if minimum is None else ("Cukup" if respondents >= minimum else "Kurang")
    if value is None:
        ctx.findings.append(F.make("SKM-011", sheet, addr))
    elif verdict == "Kurang":
        ctx.findings.append(F.make("SKM-010", sheet, addr, n=respondents, s=minimum,
                                   population=format_id(value, read_number(value).decimals or 0)))
    return Sample(src, minimum, verdict)


def _legacy_weight(ctx, table) -> None:
    mode = table.index.weight_mode
    if mode == WEIGHT_EXACT:
        return
    n = len(table.elements) if hasattr(table, "elements") else max(len(table.rows), 1)
    w = weight(n, mode)
    sheet, addr = _settings_place(ctx, "skm_bobot")
    ctx.findings.append(F.make("SKM-012", sheet, addr, bobot=format_id(w, 3 if mode != "2 desimal" else 2),
                               top=format_id(w * n * 100, 2)))


_SKM_WORDS = re.compile(r"\b(skm|ikm)\b|kepuasan masyarakat|indeks kepuasan")


def _check_pk(ctx, index) -> None:
    """A PK indicator measured by the SKM should report the computed NIK."""
    if index.nik_rounded is None:
        return
    for ind in ctx.results.get("pk") or []:
        name = str(getattr(ind, "indikator", "") or "")
        real = getattr(ind, "realisasi", None)
        if not _SKM_WORDS.search(name.lower()) or real is None or getattr(real, "value", None) is None:
            continue
        decimals = real.parsed.decimals if real.parsed.decimals is not None else 2
        if abs(real.value - index.nik_rounded) > tolerance_for(decimals):
            ctx.findings.append(F.make("SKM-015", ctx.results.get("pk_sheet", "PK"), real.address, indikator=name,
                                       stated=format_id(real.value, decimals), nik=format_id(index.nik_rounded, 2)))
