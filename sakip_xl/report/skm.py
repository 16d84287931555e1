"""The SKM result table (Hasil SKM / Hasil SKM Distribusi): answers per element, NRR, score, grade."""
from __future__ import annotations

from sakip_xl.write.report_model import EMPTY, Heading, Para, Table, fixed, number, text

HEADS = ("NO", "UNSUR PELAYANAN", "PERSENTASE JAWABAN (%)", None, None, None, "NRR", "NILAI UNSUR",
         "MUTU", "KINERJA")
SUB = (None, None, "1", "2", "3", "4", None, None, None, None)
WIDTHS = (0.8, 4.6, 1.3, 1.3, 1.3, 1.3, 1.4, 1.7, 1.1, 2.2)


def decimal(value, places: int) -> str:
    return EMPTY if value is None else fixed(float(value), places)


def shares(counts, total) -> list[str]:
    """Each answer's share of the valid answers, in %."""
    if not total:
        return [EMPTY] * 4
    return [decimal(c / total * 100, 2) for c in counts]


def result_table(key: str, caption: str, elements, index) -> Table:
    header = [list(HEADS), list(SUB)]
    merges = [(0, c, 1, c) for c, s in enumerate(SUB) if s is None]
    rows = []
    for e in elements:
        rows.append([str(e.number), f"U{e.number} {text(e.name)}", *shares(e.counts, e.total), decimal(e.nrr, 3),
                     decimal(e.nrr25, 2), text(e.mutu), text(e.kinerja)])
    rows.append(["", "NILAI IKM UNIT PELAYANAN (NIK)", "", "", "", "", decimal(index.ikm, 3),
                 decimal(index.nik_rounded, 2), text(index.mutu), text(index.kinerja)])
    table = Table(key, "Tabel", caption, header, rows, WIDTHS, "clrrrrrrcc", header_merges=merges + [(0, 2, 0, 5)],
                  bold_rows={len(rows) - 1})
    table.merges.append((len(rows) - 1, 1, len(rows) - 1, 5))
    return table


def _summary(index, respondents: int | None, elements=None, rows_left: int = 0) -> Para:
    """`rows_left`: rows of the survey sheet with data but no answer (SKM-005), as Hasil SKM counts them."""
    parts = ["Nilai unsur = NRR × 25", f"Regulasi {index.regime.name}", f"IKM {decimal(index.ikm, 3)}",
             f"nilai konversi (NIK) {decimal(index.nik_rounded, 2)}",
             f"mutu pelayanan {text(index.mutu)} ({text(index.kinerja)})"]
    if respondents is not None:
        parts.insert(2, f"{number(respondents)} responden"
                        + (f" ({number(rows_left)} baris tanpa jawaban unsur tidak dihitung)" if rows_left else ""))
    each = ""
    if elements:
        read = [e for e in elements if e.col is not None]
        counted = [e.total for e in read]
        rejected = sum(e.nonblank - e.total for e in read)
        if counted:
            low, high = min(counted), max(counted)
            shown = number(low) if low == high else f"{number(low)}-{number(high)}"
            parts.insert(3, f"jawaban sah per unsur {shown}" + (f", {number(rejected)} jawaban tidak sah tidak dihitung"
                                                                if rejected else ""))
            if low != high:
                each = " Jawaban sah per unsur: " + ", ".join(f"U{e.number} {number(e.total)}" for e in read) + "."
    return Para("; ".join(parts) + "." + each)


def section(analysis) -> list:
    result = analysis.results.get("skm")
    if result is None:
        return []
    settings = analysis.settings
    who = text(settings.get("instansi")) if settings.get("instansi") else ""
    blocks: list = [Heading("Hasil Survei Kepuasan Masyarakat", 3)]
    if result.survey is not None:
        s = result.survey
        caption = (f"Hasil Survei Kepuasan Masyarakat {who}".strip()
                   + f" (dihitung dari jawaban setiap responden, lembar '{s.sheet}')")
        blocks.append(result_table("skm", caption, s.elements, s.index))
        blocks.append(_summary(s.index, s.respondents, s.elements, s.rejected))
    if result.distribution is not None:
        d = result.distribution
        blocks.append(result_table("skm-distribusi", "Hasil SKM dari Rekap Banyaknya Jawaban per Unsur "
                                   f"(lembar '{d.sheet}', bukan dari jawaban setiap responden)",
                                   [r.element for r in d.rows], d.index))
        blocks.append(_summary(d.index, None))
    return blocks
