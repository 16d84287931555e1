"""Bab III C (akuntabilitas keuangan): budget per spending class, per programme and kegiatan, per sasaran."""
from __future__ import annotations

from sakip_xl.anggaran import compute as C
from sakip_xl.write.report_model import EMPTY, Heading, Para, Table, amount, percent, rupiah, text

HEADS_TREE = ("NO", "PROGRAM / KEGIATAN", "ANGGARAN (Rp)", "REALISASI (Rp)", "SERAPAN (%)")
HEADS_CLASS = ("NO", "JENIS BELANJA", "ANGGARAN (Rp)", "REALISASI (Rp)", "SERAPAN (%)", "PORSI (%)")
HEADS_SASARAN = ("NO", "SASARAN STRATEGIS", "ANGGARAN (Rp)", "REALISASI (Rp)", "SERAPAN (%)", "PORSI (%)",
                 "CAPAIAN KINERJA (%)", "EFISIENSI")


def _indent(level: int | None, label: str) -> str:
    return ("– " if (level or 1) >= 2 else "") + text(label)


def _line_rows(bt, tail) -> tuple[list[list[str]], set[int]]:
    """kode, indented uraian, pagu and realisasi of every typed line (totals left out), plus
    `tail(i)`; the rows of top-level lines are bold."""
    rows, bold = [], set()
    for i, ln in enumerate(bt.lines):
        if bt.struct.is_total[i]:
            continue
        level = bt.struct.level[i]
        if level is None or level <= 1:          # programmes, and the urusan/bidang rows above them
            bold.add(len(rows))
        rows.append([text(ln.kode) if ln.kode else "", _indent(level, ln.uraian), amount(ln.value("pagu")),
                     amount(ln.value("realisasi"))] + tail(i))
    return rows, bold


def belanja_table(bt) -> Table:
    """The Belanja sheet's lines (typed totals left out) and the computed total."""
    res = bt.result
    rows, bold = _line_rows(bt, lambda i: [percent(res.serapan[i]), percent(res.share[i])])
    total = res.total
    bold.add(len(rows))
    rows.append(["", "JUMLAH", amount(total["pagu"]), amount(total["realisasi"]),
                 percent(C.serapan(total["pagu"], total["realisasi"])), percent(C.share(total["pagu"], total["pagu"]))])
    return Table("belanja", "Tabel", f"Alokasi Anggaran per Jenis Belanja seperti Ditulis di Lembar '{bt.sheet}'",
                 [list(HEADS_CLASS)], rows,
                 (1.0, 6.6, 2.8, 2.8, 1.9, 1.9), "clrrrr", bold_rows=bold)


def class_table(result) -> Table:
    """Shares per spending class computed from the Anggaran lines (the PORSI PER JENIS BELANJA table)."""
    groups = [(p, q) for _, sub, p, q in result.class_rows if sub is None]
    total_p = C.column_sum([p for p, _ in groups])
    total_q = C.column_sum([q for _, q in groups])
    rows, bold, k = [], set(), 0
    for group, sub, p, q in result.class_rows:
        if sub is None:
            k += 1
            bold.add(len(rows))
        rows.append([str(k) if sub is None else "", _indent(2 if sub else 1, sub or group), amount(p), amount(q),
                     percent(C.serapan(p, q)), percent(C.share(p, total_p))])
    bold.add(len(rows))
    rows.append(["", "JUMLAH", amount(total_p), amount(total_q), percent(C.serapan(total_p, total_q)),
                 percent(C.share(total_p, total_p))])
    return Table("jenis-belanja", "Tabel", f"Porsi Anggaran per Jenis Belanja ({result.class_scheme}), Dijumlah dari "
                 "Rincian Program dan Kegiatan di Lembar Anggaran",
                 [list(HEADS_CLASS)], rows, (1.0, 6.6, 2.8, 2.8, 1.9, 1.9), "clrrrr", bold_rows=bold)


def programme_table(bt) -> Table:
    """Pagu, realisasi and serapan per programme and kegiatan, as the LKjIP prints them."""
    rows, bold = _line_rows(bt, lambda i: [percent(bt.result.serapan[i])])
    total = bt.result.total
    bold.add(len(rows))
    rows.append(["", "JUMLAH", amount(total["pagu"]), amount(total["realisasi"]),
                 percent(C.serapan(total["pagu"], total["realisasi"]))])
    return Table("anggaran", "Tabel", "Anggaran dan Realisasi per Program dan Kegiatan", [list(HEADS_TREE)], rows,
                 (1.2, 8.6, 2.8, 2.8, 1.6), "clrrr", bold_rows=bold)


def sasaran_table(result) -> Table:
    rows = []
    for s in result.sasaran_rows:
        rows.append([str(s.number), text(s.text), amount(s.pagu), amount(s.realisasi), percent(s.serapan),
                     percent(s.share), percent(s.capaian), text(s.verdict)])
    total_p = C.column_sum([s.pagu for s in result.sasaran_rows])
    total_q = C.column_sum([s.realisasi for s in result.sasaran_rows])
    rows.append(["", "JUMLAH", amount(total_p), amount(total_q), percent(C.serapan(total_p, total_q)),
                 percent(C.share(total_p, total_p)), EMPTY, EMPTY])
    return Table("sasaran", "Tabel", "Anggaran per Sasaran dan Efisiensi", [list(HEADS_SASARAN)], rows,
                 (0.8, 4.6, 2.4, 2.4, 1.6, 1.5, 1.8, 1.9), "clrrrrrc", bold_rows={len(rows) - 1})


def section(analysis) -> list:
    result = analysis.results.get("anggaran")
    if result is None:
        return []
    blocks: list = [Heading("C. AKUNTABILITAS KEUANGAN", 2)]
    if result.belanja is not None:
        total = result.belanja.result.total["pagu"]
        blocks.append(Heading("1. Alokasi Anggaran", 3))
        if total is not None:
            blocks.append(Para(f"Keseluruhan anggaran tahun ini sebesar {rupiah(total)}, dengan rincian:"))
        blocks.append(belanja_table(result.belanja))
    if result.anggaran is not None:
        if result.class_rows:
            blocks.append(class_table(result))
        blocks.append(Heading("2. Anggaran per Program dan Kegiatan", 3))
        blocks.append(programme_table(result.anggaran))
        if result.sasaran_rows:
            blocks.append(Heading("3. Anggaran per Sasaran", 3))
            blocks.append(sasaran_table(result))
            blocks.append(Para(f"Efisiensi: capaian kinerja dibanding serapan anggaran (aturan: {result.rule}).",
                               italic=True, small=True))
    return blocks
