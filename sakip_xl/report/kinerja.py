"""Bab III A: Tabel 3.1 (pengukuran kinerja) and, per sasaran, Tabel 3.2-3.4 (comparisons).

Every number is a value the Capaian and Perbandingan sheets store (the same
Python results), formatted the Indonesian way.
"""
from __future__ import annotations

from sakip_xl.pk import capaian as C
from sakip_xl.pk.model import Indicator
from sakip_xl.pk.schema import JENIS_KUALITATIF, JENIS_RENTANG
from sakip_xl.renstra import compare
from sakip_xl.analisis import report as analisis_report
from sakip_xl.pk.analyze import summarize
from sakip_xl.write.report_model import EMPTY, Heading, Para, Table, number, percent, text

LEAD = ("NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA")


def target_text(ind: Indicator) -> str:
    if ind.jenis == JENIS_KUALITATIF:
        return number(ind.target_shown)
    if ind.jenis == JENIS_RENTANG:
        upper = ind.target_atas.value if ind.target_atas is not None else None
        return f"{number(ind.target.value)} – {number(upper)}"
    return number(ind.target.value)


def realisasi_text(ind: Indicator) -> str:
    return number(ind.realisasi_shown if ind.jenis == JENIS_KUALITATIF else ind.realisasi_value)


def _runs(indicators: list[Indicator]) -> list[tuple[int, int]]:
    """Consecutive rows with the same sasaran, as (first, last) indices."""
    runs: list[tuple[int, int]] = []
    for i, ind in enumerate(indicators):
        if runs and indicators[runs[-1][0]].sasaran == ind.sasaran:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _lead_rows(table: Table, indicators: list[Indicator]) -> None:
    """Fill NO, SASARAN, INDIKATOR and merge the sasaran cells of consecutive indicators."""
    for k, (first, last) in enumerate(_runs(indicators), start=1):
        for i in range(first, last + 1):
            ind = indicators[i]
            table.rows[i][0] = str(k)
            table.rows[i][1] = text(ind.sasaran)
            table.rows[i][2] = text(ind.indikator)
        if last > first:
            table.merges += [(first, 0, last, 0), (first, 1, last, 1)]


def _blank_rows(n: int, columns: int) -> list[list[str]]:
    return [[EMPTY] * columns for _ in range(n)]


def tabel_31(indicators: list[Indicator], settings, year: str) -> list:
    heads = LEAD + ("SATUAN", "TARGET", "REALISASI", "CAPAIAN (%)", "KATEGORI")
    table = Table("3.1", "Tabel 3.1", f"Pengukuran Realisasi Kinerja Tahun {year}", [list(heads)],
                  _blank_rows(len(indicators), len(heads)), (0.9, 3.4, 4.4, 1.5, 1.6, 1.7, 1.7, 1.8), "cllcrrrc")
    _lead_rows(table, indicators)
    for i, ind in enumerate(indicators):
        table.rows[i][3:] = [text(ind.satuan), target_text(ind), realisasi_text(ind), percent(ind.capaian),
                             text(ind.kategori)]
    blocks: list = [table]
    summaries = summarize(indicators, settings)
    missing = [ind for ind in indicators if ind.capaian is None]
    if missing:
        names = "; ".join(f"{text(ind.indikator)} ({ind.status})" for ind in missing)
        blocks.append(Para(f"Capaian tidak dihitung untuk: {names}. Lihat lembar Pemeriksaan.", italic=True,
                           small=True))
    return blocks, summaries


def _group_table(key: str, title: str, caption: str, heads, sub, widths, align, rows: list[compare.Row]) -> Table:
    """A per-sasaran table; `sub` is the second header row (None: one header row)."""
    header = [list(heads)] if sub is None else [list(heads), list(sub)]
    table = Table(key, title, caption, header, _blank_rows(len(rows), len(widths)), widths, align)
    if sub is not None:
        for c, (top, bottom) in enumerate(zip(heads, sub)):
            if top is not None and bottom is None:
                table.header_merges.append((0, c, 1, c))
    _lead_rows(table, [r.ind for r in rows])
    return table


def _shown(row: compare.Row, src, date1904: bool) -> str:
    return number(compare.shown(src, row.qualitative, date1904))


def tabel_32(rows: list[compare.Row], n: str, n1: str, k: int) -> Table:
    heads = LEAD + (f"TARGET {n}", "REALISASI", None, "PERKEMBANGAN")
    sub = (None, None, None, None, f"Th. {n1} (n-1)", f"Th. {n} (n)", None)
    t = _group_table("3.2", "Tabel 3.2", f"Perbandingan Realisasi Kinerja Sasaran {k} Tahun {n} dengan Tahun {n1}",
                     heads, sub, (0.9, 3.4, 4.6, 1.8, 1.8, 1.8, 2.7), "cllrrrc", rows)
    t.header_merges.append((0, 4, 0, 5))
    for i, row in enumerate(rows):
        ind = row.ind
        target = number(ind.target_shown) if row.qualitative else target_text(ind)
        t.rows[i][3:] = [target, number(row.v_lalu), realisasi_text(ind), text(row.tren)]
    return t


def tabel_33(rows: list[compare.Row], n: str, k: int, date1904: bool) -> Table:
    heads = LEAD + ("TARGET AKHIR RENSTRA", f"REALISASI Th. {n}", "TINGKAT KEMAJUAN (%)")
    t = _group_table("3.3", "Tabel 3.3", f"Perbandingan Realisasi Kinerja Sasaran {k} s.d. Akhir Periode Renstra",
                     heads, None, (0.9, 3.6, 5.0, 2.4, 2.4, 2.7), "cllrrr", rows)
    for i, row in enumerate(rows):
        t.rows[i][3:] = [_shown(row, row.kondisi_akhir, date1904), realisasi_text(row.ind), percent(row.kemajuan)]
    return t


def tabel_34(rows: list[compare.Row], n: str, k: int) -> Table:
    heads = LEAD + (f"REALISASI Th. {n}", "REALISASI NASIONAL", "SELISIH (+/-)", "KETERANGAN")
    t = _group_table("3.4", "Tabel 3.4", f"Perbandingan Realisasi Kinerja Sasaran {k} dengan Realisasi Nasional",
                     heads, None, (0.9, 3.2, 4.2, 1.9, 1.9, 1.8, 3.1), "cllrrrl", rows)
    for i, row in enumerate(rows):
        selisih = row.selisih_nasional
        t.rows[i][3:] = [realisasi_text(row.ind), number(row.v_nasional),
                         EMPTY if selisih is None else ("+" if selisih > 0 else "") + number(selisih),
                         text(row.ket_nasional)]
    return t


def section(analysis) -> list:
    """Bab III A as blocks: Tabel 3.1, then per sasaran its comparisons and its average."""
    indicators = analysis.results.get("pk")
    if not indicators:
        return []
    settings = analysis.settings
    ren = analysis.results.get("renstra")
    period = ren.period if ren is not None else None
    n = period.label() if period is not None else _year(settings)
    n1 = period.label(-1) if period is not None else (str(int(n) - 1) if n.isdigit() else "n-1")
    blocks: list = [Heading(f"A. PENGUKURAN CAPAIAN KINERJA TAHUN {n}", 2)]
    table_blocks, summaries = tabel_31(indicators, settings, n)
    blocks += table_blocks
    overall = C.mean([i.capaian_dibatasi for i in indicators])
    if overall is not None:
        blocks.append(Para(f"Rata-rata capaian seluruh indikator sebesar {percent(overall)} dengan kategori "
                           f"{C.kategori(overall, settings.scale)}."))
    blocks.append(Heading("B. EVALUASI DAN ANALISIS CAPAIAN KINERJA", 2))
    by_index = {r.index: r for r in ren.rows} if ren is not None else {}
    first_row = min(r for s in summaries for r in s.rows)
    for k, s in enumerate(summaries, start=1):
        blocks.append(Heading(f"{k}. Sasaran {k}: {text(s.sasaran)}", 3))
        rows = [by_index[r - first_row] for r in s.rows if (r - first_row) in by_index]
        if rows:
            blocks += [tabel_32(rows, n, n1, k), tabel_33(rows, n, k, analysis.context.date1904),
                       tabel_34(rows, n, k)]
        if s.mean is None:
            blocks.append(Para("Rata-rata capaian sasaran ini belum dapat dihitung (tidak ada indikator terukur)."))
        else:
            blocks.append(Para(f"Dari tabel di atas, rata-rata capaian sasaran sebesar {percent(s.mean)} "
                               f"dengan kategori {s.kategori} ({s.computed} dari {s.count} indikator terukur)."))
        blocks += analisis_report.indicator_blocks(analysis, [r - first_row for r in s.rows])
    return blocks


def _year(settings) -> str:
    tahun = settings.get("tahun")
    return str(int(tahun)) if isinstance(tahun, (int, float)) and float(tahun).is_integer() else "n"
