"""Writes `Hasil SKM` (from the responses) and `Hasil SKM Distribusi` (from a distribution)."""
from __future__ import annotations

import numpy as np

from sakip_xl.xlsx.addresses import address_ref, cell, col_letter
from sakip_xl.write.common import fit_row, stored
from sakip_xl.skm import formulas as X
from sakip_xl.skm import groups_sheet as GS
from sakip_xl.skm import sheet as S
from sakip_xl.skm.sheet import K, ROW, VALUE_COL, v

from sakip_xl.skm.schema import DIST_SHEET


def write_survey(wb, sf, ctx, survey, sample) -> None:
    ws = wb.add_worksheet(S.SHEET)
    fmt = sf.base
    S.title(ws, fmt, "HASIL SURVEI KEPUASAN MASYARAKAT", ctx.settings,
            f"Dihitung dari lembar '{survey.sheet}' baris {survey.first + 1}-{survey.last + 1}. Jangan ubah lembar "
            f"ini: ubah data di '{survey.sheet}', lalu jalankan ulang sakip-xl compute.")
    elements = survey.elements
    first = S.TABLE_HEADER + 1
    last = first + len(elements) - 1
    mapping_top = last + 2 + S.CHART_ROWS
    labels_top = mapping_top + len(_mapping(survey)) + 3
    label_rows = (labels_top + 2, labels_top + 1 + len(survey.labels)) if survey.labels else None
    S.summary(ws, sf, survey.index, len(elements), (first, last))
    resp = GS.respondent_formula(survey)
    ws.write_string(ROW["responden"], 1, S.SUMMARY_LABELS["responden"], sf.label)
    ws.write_array_formula(ROW["responden"], VALUE_COL, ROW["responden"], VALUE_COL, X.array(f"SUM(--{resp})"),
                           fmt.integer, survey.respondents)
    _sample(ws, sf, sample, survey.respondents)
    _rejected(ws, sf, survey)
    S.bands(ws, fmt, survey.index.regime)
    S.element_header(ws, fmt)
    for i, e in enumerate(elements):
        r = first + i
        rng = X.column_range(survey.sheet, e.col, survey.first, survey.last) if e.col is not None else None
        S.element_row(ws, sf, r, e, survey.index, _counts(rng, e, fmt, label_rows, i), X.nonblank(rng) if rng else None,
                      fmt.integer)
        if e.col is not None:
            S.link(ws, fmt, r, survey.sheet, cell(survey.header_row, e.col))
    r = S.chart(wb, ws, first, last, last + 2)
    assert r == mapping_top
    r = _write_mapping(ws, sf, r, survey)
    assert r == labels_top
    r = _write_labels(ws, sf, r, survey)
    survey.label_terms = _label_terms(survey, label_rows)
    if "layanan" in survey.columns:
        L = X.column_range(survey.sheet, survey.columns["layanan"], survey.first, survey.last)
        r = GS.group_table(ws, sf, r, "HASIL PER JENIS LAYANAN", "Jenis Layanan", survey.layanan, survey,
                           lambda label, _row: X.in_text(L, label), survey.respondents)
    if "tanggal" in survey.columns:
        T = X.column_range(survey.sheet, survey.columns["tanggal"], survey.first, survey.last)
        H = _write_dates(ws, sf, survey) if survey.text_dates is not None else None
        heading = "HASIL PER TRIWULAN" if survey.quarterly else "HASIL PER BULAN"
        r = GS.group_table(ws, sf, r, heading, "Periode", survey.periods, survey,
                           lambda _label, row: X.in_dates(T, H, cell(row, 2, absolute=True), cell(row, 3, absolute=True)),
                           survey.respondents, periods=True)
    end = GS.profile_tables(ws, sf, r, survey)
    GS.hide_helpers(ws)
    # the text-date helper runs down to the last respondent: print the report part only
    _page(ws, ctx.settings, "Hasil Survei Kepuasan Masyarakat",
          (0, max(len(S.COLS) - 1, 9 + len(elements), LABEL_SCORE + len(elements)), max(end, r))
          if survey.text_dates is not None else None)


def _counts(rng, e, fmt, label_rows, i):
    """The four counts of an element: numbers and letters counted in its column, plus the texts read as
    labels (the table 'Jawaban berupa teks': SUMIF of its count column for this element over the score)."""
    extra = ""
    if label_rows is not None:
        a, b = label_rows
        scores = f"${col_letter(LABEL_SCORE)}${a + 1}:${col_letter(LABEL_SCORE)}${b + 1}"
        c = col_letter(LABEL_SCORE + 1 + i)
        extra = f"+SUMIF({scores},{{k}},${c}${a + 1}:${c}${b + 1})"

    def write(ws, r):
        for k in range(1, 5):
            c = K["1 (a)"] + k - 1
            if rng is None:
                ws.write_number(r, c, 0, fmt.integer)
            else:
                ws.write_formula(r, c, "=" + X.count_answer(rng, k) + extra.replace("{k}", str(k)), fmt.integer,
                                 e.counts[k - 1])
    return write


DATE_HELPER = 70        # hidden column BS: each row's Tanggal as a number, text dates read by dates.py


def _write_dates(ws, sf, survey) -> str:
    """For each data row whose Tanggal is a text read as a date (dates.py), at the same row: the date
    Python read, as long as the cell is not a number: =IF(ISNUMBER(cell),"",serial). The period
    formulas count the dates in the column and these. Returns the range."""
    from sakip_xl.xlsx.addresses import quote_sheet
    from sakip_xl.write.common import num_literal
    letter = col_letter(survey.columns["tanggal"])
    q = quote_sheet(survey.sheet)
    t = survey.date_values
    write = ws.write_formula
    for i in np.flatnonzero(survey.text_dates).tolist():
        r = survey.first + i
        src = f"{q}!${letter}${r + 1}"
        write(r, DATE_HELPER, f'=IF(ISNUMBER({src}),"",{num_literal(float(t[i]))})', None, float(t[i]))
    ws.write_string(survey.first - 1, DATE_HELPER, "Tanggal dari teks")
    ws.set_column(DATE_HELPER, DATE_HELPER, 11, None, {"hidden": True})
    h = col_letter(DATE_HELPER)
    return f"${h}${survey.first + 1}:${h}${survey.last + 1}"


LABEL_TEXT = 1          # column B: the text as written; C: its score; D...: how many cells per element
LABEL_SCORE = 2


def _mapping(survey) -> list[tuple[str, str, str]]:
    """(what, header text, column letter) for every column read from the survey sheet."""
    rows = []
    for e in survey.elements:
        if e.col is not None:
            rows.append((f"U{e.number} {e.name}", survey.headers.get(f"u{e.number}", ""), col_letter(e.col)))
    names = {"tanggal": "Tanggal", "layanan": "Jenis Layanan", "jenis_kelamin": "Jenis Kelamin", "umur": "Umur",
             "pendidikan": "Pendidikan", "pekerjaan": "Pekerjaan"}
    for key, name in names.items():
        if key in survey.columns:
            rows.append((name, survey.headers.get(key, ""), col_letter(survey.columns[key])))
    return rows


def _write_mapping(ws, sf, top: int, survey) -> int:
    fmt = sf.base
    ws.write_string(top, 1, f"KOLOM YANG DIBACA DARI LEMBAR '{survey.sheet}' (baris judul {survey.header_row + 1})",
                    fmt.label)
    heads = ("Dibaca sebagai", "Judul kolom di lembar data", "Kolom")
    for i, h in enumerate(heads):
        ws.write_string(top + 1, 1 + i, h, fmt.header)
    fit_row(ws, top + 1, [(h, S.WIDTHS[1 + i] * 0.9) for i, h in enumerate(heads)])    # bold
    r = top + 2
    for what, header, letter in _mapping(survey):
        ws.write_string(r, 1, what, fmt.text)
        ws.write_string(r, 2, header, fmt.text)
        ws.write_string(r, 3, letter, fmt.center)
        fit_row(ws, r, [(what, S.WIDTHS[1]), (header, S.WIDTHS[2])])
        r += 1
    return r + 1


def _write_labels(ws, sf, top: int, survey) -> int:
    """Every text read as an answer, its score, and how many cells of each element hold it (live counts)."""
    fmt = sf.base
    if not survey.labels:
        return top
    ws.write_string(top, 1, "JAWABAN BERUPA TEKS DAN NILAINYA (PermenPANRB 14/2017 / KepMenPAN 25/2004)", fmt.label)
    heads = ["Jawaban tertulis", "Nilai"] + [f"U{e.number}" for e in survey.elements]
    for i, h in enumerate(heads):
        ws.write_string(top + 1, LABEL_TEXT + i, h, fmt.header)
    r = top + 2
    for lab in survey.labels:
        ws.write_string(r, LABEL_TEXT, lab.text, fmt.text)
        ws.write_number(r, LABEL_SCORE, lab.score, fmt.integer)
        ref = cell(r, LABEL_TEXT, absolute=True)
        for i, e in enumerate(survey.elements):
            c = LABEL_SCORE + 1 + i
            if e.col is None:
                ws.write_number(r, c, 0, fmt.integer)
                continue
            rng = X.column_range(survey.sheet, e.col, survey.first, survey.last)
            ws.write_array_formula(r, c, r, c, X.array(f"SUM({X.equals(rng, ref)})"), fmt.integer,
                                   lab.counts.get(e.number, 0))
        r += 1
    return r + 1


def _label_terms(survey, label_rows) -> list[list[tuple[str, int]]]:
    """Per element: (label cell, score) of the texts its column holds, for the per-row formulas."""
    if label_rows is None:
        return [[] for _ in survey.elements]
    a = label_rows[0]
    return [[(cell(a + i, LABEL_TEXT, absolute=True), lab.score) for i, lab in enumerate(survey.labels)
             if lab.counts.get(e.number)] for e in survey.elements]


def _rejected(ws, sf, survey) -> None:
    """How many rows have data but no answer (SKM-005), live when the formula fits Excel's limit."""
    ws.write_string(S.REJECTED_ROW, 1, S.REJECTED_LABEL, sf.label)
    fit_row(ws, S.REJECTED_ROW, [(S.REJECTED_LABEL, S.WIDTHS[1] * 0.9)])     # bold
    answers = [r for r in GS._answer_ranges(survey) if r is not None]
    row = [X.column_range(survey.sheet, c, survey.first, survey.last) for c in survey.row_cols]
    formula = X.rejected(answers, row)
    if formula is None:
        ws.write_number(S.REJECTED_ROW, VALUE_COL, survey.rejected, sf.base.integer)
    else:
        ws.write_array_formula(S.REJECTED_ROW, VALUE_COL, S.REJECTED_ROW, VALUE_COL, formula, sf.base.integer,
                               survey.rejected)


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
            ws.write_formula(r, K["1 (a)"] + k, S.number_source(address_ref(sheet, src.address), src.fallback),
                             fmt.number, stored(src.value))
    return write


def _stated(ws, sf, r: int, sheet: str, row) -> None:
    fmt = sf.base
    c = len(S.COLS)
    st = row.stated
    if st is None:
        return
    ws.write_formula(r, c, S.number_source(address_ref(sheet, st.address), st.fallback), fmt.percent,
                     stored(st.value))
    score = cell(r, K["NRR × 25"])
    got = cell(r, c)
    diff = None if st.value is None or row.element.nrr25 is None else st.value - row.element.nrr25
    ws.write_formula(r, c + 1, f'=IF(AND(ISNUMBER({got}),ISNUMBER({score})),{got}-{score},"")', fmt.percent,
                     stored(diff))


def _page(ws, settings, title: str, area=None) -> None:
    from sakip_xl.write.presentation import print_setup
    if area is None:
        print_setup(ws, settings, title)
    else:
        print_setup(ws, settings, title, columns=(area[0], area[1]), last_row=area[2])


def render(wb, fmt, ctx, result) -> None:
    from sakip_xl.skm.sheet import SkmFormats
    sf = SkmFormats(wb, fmt)
    if result.survey is not None:
        write_survey(wb, sf, ctx, result.survey, result.sample)
    if result.distribution is not None:
        write_distribution(wb, sf, ctx, result.distribution)
