"""One workbook, read with the library API and summarised as plain values.

`process` runs in a worker process: it never raises (a refused file becomes a
`Failure` with the Indonesian message, a bug a `Failure` naming the exception)
and never writes anything.
"""
from __future__ import annotations

from pathlib import Path

from sakip_xl.pk import capaian as C
from sakip_xl.errors import SakipError
from sakip_xl.pk.schema import JENIS_KUALITATIF
from sakip_xl.rekap.model import STALE_CODES, Failure, IndicatorRow, OpdRow, SasaranRow
from sakip_xl.read.reader import cell_text as _text

IDENTITY_KEYS = ("instansi", "kabupaten", "tahun")


def process(path: str) -> OpdRow | Failure:
    """Check one workbook (read only) and summarise it; any failure is returned, not raised."""
    from sakip_xl.engine import check
    name = Path(path).name
    try:
        report = check(Path(path))
        return summarize(report.analysis, report.findings, report.counts, path)
    except SakipError as err:
        return Failure(name, path, err.message, type(err).__name__)
    except Exception as exc:  # noqa: BLE001  (one broken file must never stop the rekap)
        return internal_failure(path, exc)


def internal_failure(path: str, exc: BaseException) -> Failure:
    """A bug met while reading one file: a Gagal row naming the exception, never a crash."""
    return Failure(Path(path).name, path, f"galat internal sakip-xl ({type(exc).__name__}: {exc}). "
                                          "Laporkan kepada pengelola sakip-xl beserta file ini.",
                   type(exc).__name__, internal=True)


def summarize(analysis, findings, counts: dict[str, int], path: str) -> OpdRow:
    """The rekap's row for a workbook from engine.check's analysis, findings and counts."""
    settings = analysis.settings
    row = OpdRow(file=Path(path).name, path=str(path), instansi=_text(settings.get("instansi")),
                 kabupaten=_text(settings.get("kabupaten")), tahun=_year(settings.get("tahun")))
    sheet = settings.sheet or "Pengaturan"
    row.places = {k: (sheet, settings.cells.get(k, "")) for k in IDENTITY_KEYS}
    row.counts = dict(counts)
    row.computed = bool(analysis.owned_sheets)
    row.stale_codes = tuple(sorted({f.code for f in findings if f.code in STALE_CODES}))
    results = analysis.results
    _pk(row, results.get("pk"), settings)
    _skm(row, results.get("skm"))
    _anggaran(row, results.get("anggaran"))
    return row


def _year(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _pk(row: OpdRow, indicators, settings) -> None:
    if not indicators:
        return
    from sakip_xl.pk.analyze import summarize as per_sasaran
    row.sasaran = [SasaranRow(s.sasaran, s.count, s.computed, s.mean, s.kategori)
                   for s in per_sasaran(indicators, settings)]
    row.capaian = C.mean([i.capaian_dibatasi for i in indicators])   # as "Seluruh indikator" on Capaian
    row.kategori = C.kategori(row.capaian, settings.scale)
    row.indicators = [_indicator(i) for i in indicators]


def _shown(cell, shown) -> float | str | None:
    """The number a PK cell holds (text numbers read), else its text, else nothing."""
    if shown is not None:
        return shown
    if cell is None:
        return None
    if cell.value is not None:
        return cell.value
    text = (cell.parsed.text or "").strip()
    return text or None


def _indicator(ind) -> IndicatorRow:
    if ind.jenis == JENIS_KUALITATIF:
        target, realisasi = ind.target_shown, ind.realisasi_shown
    else:
        target = _shown(ind.target, None)
        realisasi = ind.realisasi_value if ind.realisasi_value is not None else _shown(ind.realisasi, None)
    atas = ind.target_atas.value if ind.target_atas is not None else None
    return IndicatorRow(ind.sasaran, ind.indikator, ind.satuan, ind.polaritas, target, atas, realisasi,
                        ind.capaian, ind.capaian_dibatasi, ind.kategori, ind.status)


def _skm(row: OpdRow, result) -> None:
    if result is None:
        return
    found = [(source, table.index) for source, table in (("survei", getattr(result, "survey", None)),
                                                          ("distribusi", getattr(result, "distribution", None)))
             if getattr(table, "index", None) is not None]
    # the responses first; the distribution when the responses give no index
    found.sort(key=lambda item: item[1].nik is None)
    if found:
        source, index = found[0]
        row.ikm, row.nik, row.mutu, row.kinerja = index.ikm, index.nik, index.mutu, index.kinerja
        row.ikm_source = source
        if source == "survei":
            survey = result.survey
            row.responden = survey.respondents
            row.jawaban_sah = [e.total if e.col is not None else None for e in survey.elements]
            row.baris_tanpa_jawaban = survey.rejected


def _anggaran(row: OpdRow, result) -> None:
    table = getattr(result, "anggaran", None) if result is not None else None
    if table is None:
        return
    from sakip_xl.rekap.aggregate import serapan
    total = table.result.total
    row.pagu, row.realisasi = total.get("pagu"), total.get("realisasi")
    row.serapan = serapan(row.pagu, row.realisasi)
