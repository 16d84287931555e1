"""The rekap as plain data for machines (`sakip-xl recap --format json`).

Keys are snake_case, English but for the survey counts (responden, jawaban_sah,
baris_tanpa_jawaban); values (severities, mutu, kategori, messages) are the workbook's
and the tool's own, in Bahasa Indonesia. The keys are listed in
JSON_KEYS_HELP, which the CLI's --help shows.
"""
from __future__ import annotations

from sakip_xl._version import __version__
from sakip_xl.rekap import aggregate
from sakip_xl.rekap.model import Rekap
from sakip_xl.rekap.sheet_lists import failure_kind

from sakip_xl.rekap.keys import JSON_KEYS_HELP  # noqa: E402,F401  (kept apart so the CLI loads fast)


def as_dict(rekap: Rekap) -> dict:
    return {
        "tool": "sakip-xl",
        "version": __version__,
        "workbooks": [_workbook(r) for r in rekap.rows],
        "indicators": [dict(file=r.file, instansi=r.label, tahun=_year(r.tahun), **vars(i))
                       for r in rekap.rows for i in r.indicators],
        "totals": aggregate.totals(rekap.rows),
        "rekap_findings": [{"code": f.finding.code, "severity": f.finding.severity, "file": f.file,
                            "sheet": f.finding.sheet, "cell": f.finding.cell, "message": f.finding.message,
                            "hint": f.finding.hint} for f in rekap.findings],
        "failed": [{"file": f.file, "reason": f.reason, "error_type": f.kind, "internal": f.internal,
                    "kind_text": failure_kind(f)} for f in rekap.failures],
        "skipped": [{"file": s.file, "reason": s.reason} for s in rekap.skipped],
    }


def _year(value: float | None) -> int | float | None:
    return int(value) if value is not None and float(value).is_integer() else value


def _workbook(r) -> dict:
    return {
        "file": r.file, "instansi": r.instansi, "kabupaten": r.kabupaten, "tahun": _year(r.tahun),
        "ikm": r.ikm, "nik": r.nik, "mutu": r.mutu, "kinerja": r.kinerja, "ikm_source": r.ikm_source,
        "responden": r.responden, "jawaban_sah": r.jawaban_sah, "baris_tanpa_jawaban": r.baris_tanpa_jawaban,
        "capaian": r.capaian, "kategori": r.kategori, "sasaran": [vars(s) for s in r.sasaran],
        "pagu": r.pagu, "realisasi": r.realisasi, "serapan": r.serapan, "findings": dict(r.counts),
        "computed": r.computed, "stale": r.stale, "stale_reason": r.stale_reason if r.stale else "",
    }
