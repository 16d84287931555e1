"""Tables per jenis layanan, per period, and the respondent profile on `Hasil SKM`.

Every count is one array formula over whole columns of the SKM sheet:
{=SUM(condition*per-cell value)}; its Python twin is in groups.py/responses.py.
"""
from __future__ import annotations

from sakip_xl.xlsx.addresses import cell
from sakip_xl.write.common import stored
from sakip_xl.skm import formulas as X
from sakip_xl.skm.regimes import MAX_ELEMENTS
from sakip_xl.skm.sheet import v

HELPER = 40          # hidden columns AO.. hold the valid-answer count and the sum per element


def group_table(ws, sf, top: int, heading: str, label: str, groups, survey, cond, total_resp: int,
                periods: bool = False) -> int:
    """Writes one table; `cond(label_ref, row)` is the per-row condition. Returns the next free row."""
    fmt = sf.base
    elements = survey.elements
    n_el = len(elements)
    ws.write_string(top, 1, heading, fmt.label)
    first_col = 2 + (2 if periods else 0)
    heads = [label] + (["Mulai", "Sampai sebelum"] if periods else []) + ["Responden"]
    heads += [f"NRR U{e.number}" for e in elements] + ["IKM", "NIK", "Mutu", "Kinerja"]
    for i, h in enumerate(heads):
        ws.write_string(top + 1, 1 + i, h, fmt.header)
    fit_header(ws, top + 1, heads)
    for j, e in enumerate(elements):
        ws.write_string(top + 1, HELPER + j, f"Jawaban sah U{e.number}", fmt.header)
        ws.write_string(top + 1, HELPER + MAX_ELEMENTS + j, f"Jumlah nilai U{e.number}", fmt.header)
    ranges = _answer_ranges(survey)
    terms = getattr(survey, "label_terms", None) or [[] for _ in elements]
    resp = X.respondent([r for r in ranges if r is not None])
    r = top + 2
    resp_col = first_col
    nrr0 = resp_col + 1
    for g in groups:
        ws.write_string(r, 1, g.label, fmt.text)
        label_ref = cell(r, 1, absolute=True)
        if periods:
            ws.write_number(r, 2, g.bounds[0], sf.date)
            ws.write_number(r, 3, g.bounds[1], sf.date)
        c = cond(label_ref, r)
        ws.write_array_formula(r, resp_col, r, resp_col, X.array(f"SUM({c}*{resp})"), fmt.integer, g.respondents)
        for j, e in enumerate(elements):
            n_col, s_col = HELPER + j, HELPER + MAX_ELEMENTS + j
            if ranges[j] is None:
                ws.write_number(r, n_col, 0, fmt.integer)
                ws.write_number(r, s_col, 0, fmt.integer)
            else:
                ws.write_array_formula(r, n_col, r, n_col, X.array(f"SUM({c}*{X.valid(ranges[j], terms[j])})"), fmt.integer,
                                       g.n[j])
                ws.write_array_formula(r, s_col, r, s_col, X.array(f"SUM({c}*{X.score(ranges[j], terms[j])})"), fmt.integer,
                                       g.s[j])
            n, s = cell(r, n_col), cell(r, s_col)
            ws.write_formula(r, nrr0 + j, f'=IF({n}=0,"",{s}/{n})', sf.nrr, stored(g.nrr[j]))
        nrrs = f"{cell(r, nrr0)}:{cell(r, nrr0 + n_el - 1)}"
        ikm_c = nrr0 + n_el
        ws.write_formula(r, ikm_c, f'=IF(COUNT({nrrs})<{n_el},"",SUM({nrrs})*{v("bobot")})', sf.nrr,
                         stored(g.ikm))
        ws.write_formula(r, ikm_c + 1, X.times(cell(r, ikm_c), "25"), fmt.percent, stored(g.nik))
        ws.write_formula(r, ikm_c + 2, X.mutu(cell(r, ikm_c + 1), survey.index.regime), fmt.center, stored(g.mutu))
        ws.write_formula(r, ikm_c + 3, X.kinerja(cell(r, ikm_c + 2), survey.index.regime), fmt.center,
                         stored(g.kinerja))
        r += 1
    ws.write_string(r, 1, "Lainnya / tidak diisi", fmt.text)
    listed = f"{cell(top + 2, resp_col)}:{cell(max(r - 1, top + 2), resp_col)}" if groups else None
    rest = total_resp - sum(g.respondents for g in groups)
    ws.write_formula(r, resp_col, f"={v('responden')}-SUM({listed})" if listed else f"={v('responden')}",
                     fmt.integer, rest)
    return r + 2


def hide_helpers(ws) -> None:
    ws.set_column(HELPER, HELPER + 2 * MAX_ELEMENTS - 1, 11, None, {"hidden": True, "level": 1})


def _answer_ranges(survey) -> list:
    return [X.column_range(survey.sheet, e.col, survey.first, survey.last) if e.col is not None else None
            for e in survey.elements]


def respondent_formula(survey) -> str:
    return X.respondent([r for r in _answer_ranges(survey) if r is not None])


def profile_tables(ws, sf, top: int, survey) -> int:
    fmt = sf.base
    if not survey.profile:
        return top
    ws.write_string(top, 1, "PROFIL RESPONDEN", fmt.label)
    resp = respondent_formula(survey)
    total = v("responden")
    r = top + 1
    for prof in survey.profile:
        rng = X.column_range(survey.sheet, prof.col, survey.first, survey.last)
        for i, h in enumerate((prof.title, "Jumlah", "Persentase (%)")):
            ws.write_string(r, 1 + i, h, fmt.header)
        fit_header(ws, r, (prof.title, "Jumlah", "Persentase (%)"))
        r += 1
        first = r
        for cat in prof.categories:
            ws.write_string(r, 1, cat.label, fmt.text)
            cond = X.in_age(rng, *cat.bounds) if prof.numeric else X.in_text(rng, cell(r, 1, absolute=True))
            ws.write_array_formula(r, 2, r, 2, X.array(f"SUM({cond}*{resp})"), fmt.integer, cat.count)
            _share(ws, fmt, r, total, cat.share)
            r += 1
        ws.write_string(r, 1, "Tidak diisi / lainnya", fmt.text)
        counted = f"SUM({cell(first, 2)}:{cell(r - 1, 2)})" if prof.categories else "0"
        ws.write_formula(r, 2, f"={total}-{counted}", fmt.integer, prof.remainder)
        _share(ws, fmt, r, total, prof.remainder_share)
        r += 2
    return r


def _share(ws, fmt, r: int, total: str, value) -> None:
    ws.write_formula(r, 3, f'=IF({total}=0,"",{cell(r, 2)}/{total}*100)', fmt.percent, stored(value))


def fit_header(ws, row: int, heads) -> None:
    """A header row starting at column B as tall as its longest wrapped title needs."""
    from sakip_xl.write.common import fit_row
    from sakip_xl.skm.sheet import WIDTHS
    fit_row(ws, row, [(h, WIDTHS[1 + i] if 1 + i < len(WIDTHS) else 11) for i, h in enumerate(heads)])
