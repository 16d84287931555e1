"""The `Hasil LKE` sheet: scores per criterion, sub-component, component and the final score.

Every number is a live formula over the LKE sheet and the Pengaturan tables, written
with the value analyze.py computed (its Python twin).
"""
from __future__ import annotations

from sakip_xl.xlsx.addresses import address_ref, cell
from sakip_xl.read.cells import shown_value
from sakip_xl.pk.sheet import shown_formula
from sakip_xl.write.common import Formats, fit_row, internal_link, num_literal, number_or_fallback, stored, write_link
from sakip_xl.write.presentation import print_setup
from sakip_xl.lke import tables as T
from sakip_xl.lke.analyze import Result

SHEET = "Hasil LKE"
WIDTHS = (8, 48, 11, 12, 15, 12, 12, 12, 12, 30)
SUMMARY_HEADS = ("No", "Komponen", "Bobot", "Nilai Mandiri", "Nilai Evaluator", "Selisih (Evaluator - Mandiri)")
SUB_HEADS = ("No", "Sub-komponen", "Bobot", "Jumlah Kriteria", "Dijawab (Mandiri)", "Nilai Mandiri",
             "Dijawab (Evaluator)", "Nilai Evaluator", "Selisih (Evaluator - Mandiri)")
CRIT_HEADS = ("No", "Kriteria", "Jenis Jawaban", "Jawaban Mandiri", "Nilai Mandiri", "Jawaban Evaluator",
              "Nilai Evaluator", "Selisih (Evaluator - Mandiri)", "Sel di LKE", "Bukti Dukung")

SUMMARY_TOP = 3
LABEL_TOTAL = "Nilai akhir"
LABEL_PREDIKAT = "Predikat"
LABEL_INTERP = "Interpretasi"
LABEL_LALU = "Nilai tahun lalu"
LABEL_PREDIKAT_LALU = "Predikat tahun lalu"
LABEL_CHANGE = "Kenaikan/penurunan dari tahun lalu"


def render(wb, fmt: Formats, ctx, result: Result) -> None:
    write(wb, fmt, result, ctx.settings)


def _diff(a: str, b: str) -> str:
    return f'=IF(AND(ISNUMBER({a}),ISNUMBER({b})),{a}-{b},"")'


def _sub(a, b):
    return None if a is None or b is None else a - b


class Layout:
    """The 0-based rows of every block, fixed before anything is written (formulas point downwards)."""

    def __init__(self, result: Result):
        nc = len(result.components)
        self.comp_first = SUMMARY_TOP + 2
        self.total = self.comp_first + nc
        self.predikat, self.interp = self.total + 1, self.total + 2
        self.lalu, self.predikat_lalu, self.change = self.total + 3, self.total + 4, self.total + 5
        self.sub_label = self.change + 3
        self.sub_first = self.sub_label + 2
        groups = result.groups
        self.sub_row = {id(g): self.sub_first + i for i, g in enumerate(groups)}
        self.crit_label = self.sub_first + len(groups) + 2
        r = self.crit_label + 2
        self.group_label, self.crit_rows = {}, {}
        for g in groups:
            self.group_label[id(g)] = r
            self.crit_rows[id(g)] = (r + 1, r + len(g.criteria))   # first, last
            r += 1 + len(g.criteria)
        self.end = r


def write(wb, fmt: Formats, result: Result, settings) -> None:
    ws = wb.add_worksheet(SHEET)
    for c, w in enumerate(WIDTHS):
        ws.set_column(c, c, w)
    instansi = settings.get("instansi") or ""
    tahun = settings.get("tahun")
    title = "HASIL EVALUASI AKUNTABILITAS KINERJA (LKE)" + (f" {instansi}".upper() if instansi else "") + \
        (f" TAHUN {int(tahun)}" if isinstance(tahun, (int, float)) else "")
    ws.write_string(0, 0, title, fmt.title)
    ws.write_string(1, 0, f"Dihitung dari lembar '{result.sheet}' dan tabel LKE di Pengaturan (PermenPANRB "
                          "88/2021). Jangan ubah lembar ini: ubah datanya, lalu jalankan ulang sakip-xl compute.",
                    fmt.note)
    lay = Layout(result)
    _criteria(ws, fmt, result, lay)
    _subs(ws, fmt, result, lay)
    _summary(ws, fmt, result, lay)
    print_setup(ws, settings, "Hasil LKE")


def _criteria(ws, fmt, result: Result, lay: Layout) -> None:
    ws.write_string(lay.crit_label, 0, "C. Nilai per Kriteria (jawaban: Y/T, A-E; nilai 0-1)", fmt.label)
    for c, h in enumerate(CRIT_HEADS):
        ws.write_string(lay.crit_label + 1, c, h, fmt.header)
    _fit_header(ws, lay.crit_label + 1, CRIT_HEADS)
    for g in result.groups:
        r = lay.group_label[id(g)]
        ws.write_string(r, 0, "", fmt.bold_text)
        ws.write_string(r, 1, f"{g.komponen} / {g.sub}", fmt.bold_text)
        fit_row(ws, r, [(f"{g.komponen} / {g.sub}", WIDTHS[1] * 0.9)])   # bold
        for i, crit in enumerate(g.criteria):
            r = lay.crit_rows[id(g)][0] + i
            ws.write_string(r, 0, crit.no, fmt.center)
            ws.write_string(r, 1, crit.kriteria, fmt.text)
            fit_row(ws, r, [(crit.kriteria, WIDTHS[1]), (crit.bukti, WIDTHS[9])])
            ws.write_string(r, 2, crit.kind or "", fmt.center)
            _answer(ws, fmt, r, 3, result, crit.self, crit.kind, True)
            _answer(ws, fmt, r, 5, result, crit.eval, crit.kind, result.has_eval)
            if result.has_eval:
                ws.write_formula(r, 7, _diff(cell(r, 6), cell(r, 4)), fmt.number, stored(crit.gap))
            else:
                ws.write_blank(r, 7, None, fmt.number)
            write_link(ws, r, 8, internal_link(result.sheet, crit.address), fmt.link, f"{result.sheet}!{crit.address}")
            ws.write_string(r, 9, crit.bukti, fmt.text)


def _fit_header(ws, row: int, heads) -> None:
    """Header rows (bold) at least two lines high, more when a header needs them."""
    fit_row(ws, row, [(h, WIDTHS[c] * 0.9) for c, h in enumerate(heads)] + [("\n", 1)])


def _answer(ws, fmt, r, c, result: Result, ans, kind, live: bool) -> None:
    if ans is None or not ans.address or not live:
        ws.write_blank(r, c, None, fmt.center)
        ws.write_blank(r, c + 1, None, fmt.number)
        return
    src = address_ref(result.sheet, ans.address)
    ws.write_formula(r, c, shown_formula(src), fmt.center, stored(shown_value(ans.raw)))
    ws.write_formula(r, c + 1, T.answer_formula(result.answers, src, kind), fmt.number, stored(ans.value))


def _subs(ws, fmt, result: Result, lay: Layout) -> None:
    ws.write_string(lay.sub_label, 0, "B. Nilai per Sub-komponen (bobot x jumlah nilai kriteria / jumlah kriteria)",
                    fmt.label)
    for c, h in enumerate(SUB_HEADS):
        ws.write_string(lay.sub_label + 1, c, h, fmt.header)
    _fit_header(ws, lay.sub_label + 1, SUB_HEADS)
    for g in result.groups:
        r = lay.sub_row[id(g)]
        first, last = lay.crit_rows[id(g)]
        n = len(g.criteria)
        ws.write_string(r, 0, g.sub.split(" ", 1)[0] if g.sub[:1].isdigit() else "", fmt.center)
        ws.write_string(r, 1, f"{g.komponen} / {g.sub}", fmt.text)
        fit_row(ws, r, [(f"{g.komponen} / {g.sub}", WIDTHS[1])])
        if g.weight is not None:
            src = address_ref(result.sheet, g.weight_address)
            ws.write_formula(r, 2, number_or_fallback(src, g.weight_fallback), fmt.number, g.weight)
        else:
            ws.write_blank(r, 2, None, fmt.number)
        ws.write_number(r, 3, n, fmt.integer)
        w = cell(r, 2)
        cols = ((4, 5, 4, [c.self.value for c in g.criteria], g.self_score),)
        if result.has_eval:
            cols += ((6, 7, 6, [c.eval.value for c in g.criteria], g.eval_score),)
        else:
            for c in (6, 7, 8):
                ws.write_blank(r, c, None, fmt.number)
        for count_col, score_col, src_col, values, score in cols:
            rng = f"{cell(first, src_col)}:{cell(last, src_col)}"
            ws.write_formula(r, count_col, f"=COUNT({rng})", fmt.integer, sum(v is not None for v in values))
            ws.write_formula(r, score_col, f'=IF(ISNUMBER({w}),{w}*SUM({rng})/{n},"")', fmt.number, stored(score))
        if result.has_eval:
            ws.write_formula(r, 8, _diff(cell(r, 7), cell(r, 5)), fmt.number, stored(_sub(g.eval_score, g.self_score)))


def _count_sum(first: int, last: int, col: int) -> str:
    rng = f"{cell(first, col)}:{cell(last, col)}"
    return f'=IF(COUNT({rng})={last - first + 1},SUM({rng}),"")'


def _summary(ws, fmt, result: Result, lay: Layout) -> None:
    ws.write_string(SUMMARY_TOP, 0, "A. Nilai per Komponen dan Nilai Akhir", fmt.label)
    for c, h in enumerate(SUMMARY_HEADS):
        ws.write_string(SUMMARY_TOP + 1, c, h, fmt.header)
    _fit_header(ws, SUMMARY_TOP + 1, SUMMARY_HEADS)
    row_of = lay.sub_row
    for i, comp in enumerate(result.components):
        r = lay.comp_first + i
        first, last = row_of[id(comp.groups[0])], row_of[id(comp.groups[-1])]
        ws.write_string(r, 0, str(i + 1), fmt.center)
        ws.write_string(r, 1, comp.name, fmt.text)
        ws.write_formula(r, 2, _count_sum(first, last, 2), fmt.number, stored(comp.weight))
        ws.write_formula(r, 3, _count_sum(first, last, 5), fmt.number, stored(comp.self_score))
        if result.has_eval:
            ws.write_formula(r, 4, _count_sum(first, last, 7), fmt.number, stored(comp.eval_score))
            ws.write_formula(r, 5, _diff(cell(r, 4), cell(r, 3)), fmt.number,
                             stored(_sub(comp.eval_score, comp.self_score)))
        else:
            ws.write_blank(r, 4, None, fmt.number)
            ws.write_blank(r, 5, None, fmt.number)
    t = lay.total
    ws.write_string(t, 0, "", fmt.bold_text)
    ws.write_string(t, 1, LABEL_TOTAL, fmt.bold_text)
    nc = len(result.components)
    if nc:
        ws.write_formula(t, 2, _count_sum(lay.comp_first, t - 1, 2), fmt.bold_number, stored(result.weight_total))
        ws.write_formula(t, 3, _count_sum(lay.comp_first, t - 1, 3), fmt.bold_number, stored(result.self_total))
        if result.has_eval:
            ws.write_formula(t, 4, _count_sum(lay.comp_first, t - 1, 4), fmt.bold_number, stored(result.eval_total))
            ws.write_formula(t, 5, _diff(cell(t, 4), cell(t, 3)), fmt.bold_number,
                             stored(_sub(result.eval_total, result.self_total)))
    for r, label, field in ((lay.predikat, LABEL_PREDIKAT, 0), (lay.interp, LABEL_INTERP, 3)):
        ws.write_string(r, 1, label, fmt.bold_text)
        for c, total, live in ((3, result.self_total, True), (4, result.eval_total, result.has_eval)):
            if not live:
                ws.write_blank(r, c, None, fmt.center)
                continue
            value = result.predikat_of(total)[0 if field == 0 else 1]
            ws.write_formula(r, c, T.predikat_formula(result.predikat, cell(t, c), field), fmt.center, stored(value))
    # last year's score (Pengaturan) and the change since
    ws.write_string(lay.lalu, 1, LABEL_LALU, fmt.text)
    other = num_literal(result.lalu) if result.lalu is not None else '""'
    if result.lalu_ref and result.settings_sheet:
        src = address_ref(result.settings_sheet, result.lalu_ref)
        ws.write_formula(lay.lalu, 3, f"=IF(ISNUMBER({src}),{src},{other})", fmt.number, stored(result.lalu))
    else:
        ws.write_blank(lay.lalu, 3, None, fmt.number)
    ws.write_string(lay.predikat_lalu, 1, LABEL_PREDIKAT_LALU, fmt.text)
    ws.write_formula(lay.predikat_lalu, 3, T.predikat_formula(result.predikat, cell(lay.lalu, 3), 0), fmt.center,
                     stored(result.predikat_of(result.lalu)[0]))
    ws.write_string(lay.change, 1, LABEL_CHANGE, fmt.text)
    ws.write_formula(lay.change, 3, _diff(cell(t, 3), cell(lay.lalu, 3)), fmt.number,
                     stored(_sub(result.self_total, result.lalu)))
    if result.has_eval:
        ws.write_formula(lay.change, 4, _diff(cell(t, 4), cell(lay.lalu, 3)), fmt.number,
                         stored(_sub(result.eval_total, result.lalu)))
