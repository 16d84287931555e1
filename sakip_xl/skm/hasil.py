"""Writes `Hasil SKM` (from the responses) and `Hasil SKM Distribusi` (from a distribution)."""
from __future__ import annotations

from ..addresses import cell
from ..sheets.common import stored
from . import formulas as X
from . import groups_sheet as GS
from . import sheet as S
from .sheet import K, ROW, VALUE_COL, v

from . import DIST_SHEET


def write_survey(wb, sf, ctx, survey, sample) -> None:
    ws = wb.add_worksheet(S.SHEET)
    fmt = sf.base
    S.title(ws, fmt, "HASIL SURVEI KEPUASAN MASYARAKAT", ctx.settings,
            f"Dihitung dari lembar '{survey.sheet}' baris {survey.first + 1}-{survey.last + 1}. Jangan ubah lembar "
            f"ini: ubah data di '{survey.sheet}', lalu jalankan ulang sakip-xl compute.")
    elements = survey.elements
    first = S.TABLE_HEADER + 1
    last = first + len(elements) - 1
    S.summary(ws, sf, survey.index, len(elements), (first, last))
    resp = GS.respondent_formula(survey)
    ws.write_string(ROW["responden"], 1, S.SUMMARY_LABELS["responden"], sf.label)
    ws.write_array_formula(ROW["responden"], VALUE_COL, ROW["responden"], VALUE_COL, X.array(f"SUM(--{resp})"),
                           fmt.integer, survey.respondents)
    _sample(ws, sf, sample, survey.respondents)
    S.bands(ws, fmt, survey.index.regime)
    S.element_header(ws, fmt)
    for i, e in enumerate(elements):
        r = first + i
        rng = X.column_range(survey.sheet, e.col, survey.first, survey.last) if e.col is not None else None
        S.element_row(ws, sf, r, e, survey.index, _counts(rng, e, fmt), X.nonblank(rng) if rng else None,
                      fmt.integer)
        if e.col is not None:
            S.link(ws, fmt, r, survey.sheet, cell(survey.header_row, e.col))
    r = S.chart(wb, ws, first, last, last + 2)
    if "layanan" in survey.columns:
        L = X.column_range(survey.sheet, survey.columns["layanan"], survey.first, survey.last)
        r = GS.group_table(ws, sf, r, "HASIL PER JENIS LAYANAN", "Jenis Layanan", survey.layanan, survey,
                           lambda label, _row: X.in_text(L, label), survey.respondents)
    if "tanggal" in survey.columns:
        T = X.column_range(survey.sheet, survey.columns["tanggal"], survey.first, survey.last)
        heading = "HASIL PER TRIWULAN" if survey.quarterly else "HASIL PER BULAN"
        r = GS.group_table(ws, sf, r, heading, "Periode", survey.periods, survey,
                           lambda _label, row: X.in_range(T, cell(row, 2, absolute=True), cell(row, 3, absolute=True)),
                           survey.respondents, periods=True)
    GS.profile_tables(ws, sf, r, survey)
    GS.hide_helpers(ws)
    _page(ws, ctx.settings, "Hasil Survei Kepuasan Masyarakat")


def _counts(rng, e, fmt):
    def write(ws, r):
        for k in range(1, 5):
            c = K["1 (a)"] + k - 1
            if rng is None:
                ws.write_number(r, c, 0, fmt.integer)
            else:
                ws.write_formula(r, c, "=" + X.count_answer(rng, k), fmt.integer, e.counts[k - 1])
    return write


def _sample(ws, sf, sample, respondents: int) -> None:
    fmt = sf.base
    for key in ("populasi", "sampel", "cukup"):
        ws.write_string(ROW[key], 1, S.SUMMARY_LABELS[key], sf.label)
    src = sample.source
    if src is None:
        ws.write_blank(ROW["populasi"], VALUE_COL, None, fmt.integer)
        ws.write_string(ROW["populasi"], VALUE_COL + 1, "isi Populasi SKM di Pengaturan", fmt.note)
    else:
        ws.write_formula(ROW["populasi"], VALUE_COL, S.number_source(src.address, src.fallback), fmt.integer,
                         stored(src.value))
    n = v("populasi")
    ws.write_formula(ROW["sampel"], VALUE_COL,
                     f'=IF(AND(ISNUMBER({n}),{n}>=1),ROUND(3.841*{n}*0.25/(0.0025*({n}-1)+3.841*0.25),0),"")',
                     fmt.integer, stored(sample.minimum))
    ws.write_formula(ROW["cukup"], VALUE_COL,
                     f'=IF(ISNUMBER({v("sampel")}),IF({v("responden")}>={v("sampel")},"Cukup","Kurang"),"")',
                     fmt.center, stored(sample.verdict))


def write_distribution(wb, sf, ctx, dist) -> None:
    ws = wb.add_worksheet(DIST_SHEET)
    fmt = sf.base
    S.title(ws, fmt, "HASIL SKM DARI DISTRIBUSI JAWABAN", ctx.settings,
            f"Dihitung dari lembar '{dist.sheet}': NRR = Σ (nilai × banyaknya) / Σ banyaknya. Jangan ubah lembar "
            f"ini: ubah data di '{dist.sheet}', lalu jalankan ulang sakip-xl compute.")
    rows = dist.rows
    first = S.TABLE_HEADER + 1
    last = first + max(len(rows), 1) - 1
    S.summary(ws, sf, dist.index, max(len(rows), 1), (first, last))
    S.bands(ws, fmt, dist.index.regime)
    extra = ("Skor dilaporkan", "Selisih")
    S.element_header(ws, fmt, extra, rename={"1 (a)": "1", "2 (b)": "2", "3 (c)": "3", "4 (d)": "4",
                                             "Jumlah jawaban sah": "Jumlah", "Tidak sah": "-"})
    for i, row in enumerate(rows):
        r = first + i
        e = row.element
        S.element_row(ws, sf, r, e, dist.index, _sources(dist.sheet, row, fmt), None, fmt.number)
        S.link(ws, fmt, r, dist.sheet, row.answers[0].address)
        _stated(ws, sf, r, dist.sheet, row)
    S.chart(wb, ws, first, last, last + 2)
    _page(ws, ctx.settings, "Hasil SKM dari Distribusi Jawaban")


def _sources(sheet, row, fmt):
    def write(ws, r):
        for k, src in enumerate(row.answers):
            ws.write_formula(r, K["1 (a)"] + k, S.number_source(S.source_ref(sheet, src.address), src.fallback),
                             fmt.number, stored(src.value))
    return write


def _stated(ws, sf, r: int, sheet: str, row) -> None:
    fmt = sf.base
    c = len(S.COLS)
    st = row.stated
    if st is None:
        return
    ws.write_formula(r, c, S.number_source(S.source_ref(sheet, st.address), st.fallback), fmt.percent,
                     stored(st.value))
    score = cell(r, K["NRR × 25"])
    got = cell(r, c)
    diff = None if st.value is None or row.element.nrr25 is None else st.value - row.element.nrr25
    ws.write_formula(r, c + 1, f'=IF(AND(ISNUMBER({got}),ISNUMBER({score})),{got}-{score},"")', fmt.percent,
                     stored(diff))


def _page(ws, settings, title: str) -> None:
    from ..sheets.presentation import print_setup
    print_setup(ws, settings, title)
