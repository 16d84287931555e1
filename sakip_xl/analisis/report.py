"""Report blocks: the analysis under each sasaran's tables, and the SKM follow-up table."""
from __future__ import annotations

from sakip_xl.write.report_model import Para, Table, fixed, text
from sakip_xl.analisis.analyze import KEYS, LABELS


def indicator_blocks(analysis, indices: list[int]) -> list:
    """The user's analysis of the indicators at these PK positions (those that have one)."""
    result = analysis.results.get("analisis")
    if result is None:
        return []
    indicators = analysis.results.get("pk") or []
    blocks: list = []
    for i in indices:
        t = result.by_pk.get(i)
        if t is None or not any(t.texts.values()):
            continue
        blocks.append(Para(f"Analisis capaian indikator {text(indicators[i].indikator)}:", bold=True))
        for key in KEYS:
            if t.texts[key]:
                blocks.append(Para(f"{LABELS[key]}: {text(t.texts[key])}"))
    return blocks


FOLLOW_HEADS = ("NO", "UNSUR PELAYANAN", "NRR", "RENCANA TINDAK LANJUT", "PENANGGUNG JAWAB", "WAKTU")


def skm_blocks(analysis) -> list:
    result = analysis.results.get("analisis")
    if result is None or not result.follow:
        return []
    rows = []
    for k, row in enumerate(result.follow, start=1):
        e = row.element
        rows.append([str(k), f"U{e.number} {text(e.name)}", fixed(e.nrr, 3), text(row.rencana),
                     text(row.penanggung_jawab), text(row.waktu)])
    return [Table("skm-tindak-lanjut", "Tabel", "Rencana Tindak Lanjut Hasil Survei Kepuasan Masyarakat",
                  [list(FOLLOW_HEADS)], rows, (0.8, 4.2, 1.4, 5.0, 3.0, 2.2), "clrllc")]
