"""The SKM sheet: one row per respondent, read column by column and judged.

Reading is vectorised (numpy over the values python-calamine returns), so a
100,000-respondent survey costs little more than reading the file.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sakip_xl import findings as F
from sakip_xl.xlsx.addresses import cell, parse_cell
from sakip_xl.read.numbers import TEXT_NUMBER, format_id, read_number
from sakip_xl.skm import compute as C
from sakip_xl.skm import groups as G
from sakip_xl.skm import labels as L
from sakip_xl.skm.codes import Bounded
from sakip_xl.skm.regimes import DEFAULT, MAX_ELEMENTS, Regime, by_name, weight
from sakip_xl.skm.schema import ELEMENT_KEYS, PERIOD_MONTH, PROFILE_KEYS, SKM_READ

MAX_GROUPS = 30
MAX_PERIODS = 36
MAX_CATEGORIES = 15
PROFILE_TITLES = {"jenis_kelamin": "Jenis Kelamin", "umur": "Umur", "pendidikan": "Pendidikan",
                  "pekerjaan": "Pekerjaan"}


@dataclass
class Element:
    number: int                       # 1-based: U1 ...
    name: str
    col: int | None                   # sheet column, None when the column is missing
    counts: tuple = (0, 0, 0, 0)
    nonblank: int = 0
    total: int = 0
    jumlah: int = 0
    nrr: float | None = None
    tertimbang: float | None = None
    nrr25: float | None = None
    mutu: str | None = None
    kinerja: str | None = None


@dataclass
class Group:
    label: str
    respondents: int
    n: list[int]                      # valid answers per element
    s: list[int]                      # sum of answers per element
    bounds: tuple = ()                # (start, end) serials of a period
    nrr: list = field(default_factory=list)
    ikm: float | None = None
    nik: float | None = None
    mutu: str | None = None
    kinerja: str | None = None


@dataclass
class Category:
    label: str
    count: int
    bounds: tuple = ()                # (lo, hi) for an age bin
    share: float | None = None


@dataclass
class Profile:
    key: str
    title: str
    col: int
    numeric: bool                     # ages binned from numbers, else text categories
    categories: list[Category]
    remainder: int = 0
    remainder_share: float | None = None


@dataclass
class Label:
    """A text read as an answer (labels.py): listed on Hasil SKM, counted per element there."""
    text: str                         # the first spelling met (the formulas compare case-insensitively)
    score: int
    counts: dict = field(default_factory=dict)   # element number -> cells holding this text


@dataclass
class Index:
    """IKM, NIK and grade of a survey (responses or a distribution)."""
    regime: Regime
    weight_mode: str
    bobot: float
    ikm: float | None = None
    nik: float | None = None
    nik_rounded: float | None = None
    mutu: str | None = None
    kinerja: str | None = None


@dataclass
class Survey:
    sheet: str
    header_row: int
    first: int                        # 0-based first and last data row of the formula ranges
    last: int
    columns: dict[str, int]
    index: Index
    elements: list[Element]
    respondents: int
    layanan: list[Group]
    periods: list[Group]
    quarterly: bool
    profile: list[Profile]
    labels: list[Label] = field(default_factory=list)
    headers: dict = field(default_factory=dict)      # column key -> the header text read
    label_terms: list = field(default_factory=list)  # per element: (label cell, score) on Hasil SKM (hasil.py)
    text_dates: np.ndarray | None = None              # rows whose Tanggal is a text read as a date (dates.py)
    date_values: np.ndarray | None = None             # then: the serial of every row's Tanggal (NaN: none)
    rejected: int = 0                 # rows with data but no answer (SKM-005): not respondents
    row_cols: tuple = ()              # the columns whose data makes a row without answers a rejected row


def regime_of(settings) -> Regime:
    return by_name(settings.get("skm_regulasi")) or DEFAULT


def analyze(ctx, facts, sheet: str | None = None) -> Survey | None:
    """The survey of the SKM sheet, or None when the workbook has none (or it is empty).

    `facts` (prefetch.SheetFacts): the sheet's Excel error cells, read as blanks by the formulas
    too; formulas saved without a result; hidden rows. Each is reported with its cell.
    `sheet`: the survey sheet when it is not called SKM (locate.py found it).
    """
    from sakip_xl.skm import locate
    book = ctx.book
    sheet = sheet or book.find_sheet(SKM_READ.name, SKM_READ.aliases)
    if sheet is None:
        return None
    rows = book.rows(sheet)
    regime = regime_of(ctx.settings)
    header, cols, guessed = locate.header(rows, regime.name)
    if header < 0 or not any(k in cols for k in ELEMENT_KEYS):
        ctx.findings.append(F.make("SKM-008", sheet, "", unsur="U1", regulasi=regime.name, count=regime.count))
        return None
    first, last = header + 1, max(header + 1, len(rows) - 1)
    end = len(rows)
    footer = locate.footer_row(rows, first, [cols[k] for k in ELEMENT_KEYS if k in cols],
                               lambda c: book.column(sheet, c))
    if footer is not None:
        end = footer[0]
        last = max(first, end - 1)
    data = rows[first:end]
    values = {key: book.column(sheet, c).below(first).head(end - first) for key, c in cols.items() if key != "no"}
    if not any(col.any_nonblank() for col in values.values()):
        return None                       # an empty sheet, as in the template: nothing to report
    if footer is not None:
        ctx.findings.append(F.make("SKM-026", sheet, cell(footer[0], _first_text_col(rows[footer[0]])),
                                   row=footer[0] + 1, text=footer[1], first=first + 1, last=last + 1))
    implied = _implied_regime(ctx, regime, cols, values)
    if implied is not None:
        ctx.findings.append(F.make("SKM-028", sheet, cell(header, cols["u10"]), regulasi=implied.name,
                                   count=implied.count, default=regime.name))
        regime = implied
    for key in sorted(guessed, key=lambda k: cols[k]):
        what = f"U{key[1:]} ({regime.elements[int(key[1:]) - 1]})" if key in ELEMENT_KEYS and \
            int(key[1:]) <= regime.count else key.replace("_", " ").title()
        ctx.findings.append(F.make("SKM-024", sheet, cell(header, cols[key]), text=_header_text(rows, header, cols[key]),
                                   what=what))
    out = Bounded(ctx.findings, sheet)
    mode = ctx.settings.get("skm_bobot")
    idx = Index(regime, mode, weight(regime.count, mode))
    table = L.read_table(book.rows(ctx.settings.sheet), ctx.settings.sheet, ctx.findings) \
        if ctx.settings.sheet else None
    elements, scores, labels = _elements(regime, cols, values, len(data), ctx.date1904, out, sheet, first, table)
    answered = [s != C.BLANK for e, s in zip(elements, scores) if e.col is not None]
    for e, nb in zip((e for e in elements if e.col is not None), answered):
        e.nonblank = int(nb.sum())
    resp = np.logical_or.reduce(answered) if answered else np.zeros(len(data), bool)
    _report_scan(facts, header, cols, out, first, len(data))
    headers = {key: _header_text(rows, header, c) for key, c in cols.items()}
    survey = Survey(sheet, header, first, last, cols, idx, elements, int(resp.sum()), [], [], True, [], labels,
                    headers)
    if "layanan" in values:
        grouping = G.by_text(values["layanan"], resp)
        survey.layanan = _groups(grouping, scores, resp, MAX_GROUPS, "jenis layanan", out,
                                 cell(header, cols["layanan"]))
    if "tanggal" in values:
        survey.quarterly = ctx.settings.get("skm_periode") != PERIOD_MONTH
        t = G.serials(values["tanggal"], ctx.date1904)
        survey.text_dates = _text_dates(values["tanggal"], t, ctx.date1904, out, cell(header, cols["tanggal"]))
        if survey.text_dates is not None:
            survey.date_values = t
        survey.periods = _periods(values["tanggal"], t, cols["tanggal"], resp, scores, survey.quarterly,
                                  ctx.date1904, out, first, header)
    survey.rejected, survey.row_cols = _report_rows(data, cols, resp, out, first,
                                                    lambda c: book.column(sheet, c).below(first).head(end - first))
    survey.profile = [_profile(key, cols[key], values[key], resp, ctx.date1904, out, cell(header, cols[key]))
                      for key in PROFILE_KEYS if key in values]
    out.close()
    return survey


def _elements(regime, cols, values, rows, date1904, out, sheet, first, table=None):
    elements, scores = [], []
    invalid = []
    labels: dict[str, Label] = {}
    for j in range(1, regime.count + 1):
        key = f"u{j}"
        e = Element(j, regime.elements[j - 1], cols.get(key))
        if e.col is None:
            out.out.append(F.make("SKM-008", sheet, "", unsur=f"U{j}", regulasi=regime.name, count=regime.count))
            scores.append(np.zeros(rows, np.int8))
        else:
            s = C.score_column(values[key], date1904, table)
            e.counts = C.counts(s)
            scores.append(s)
            bad = np.flatnonzero(s == C.INVALID)
            if bad.size:
                invalid.append((bad, np.full(bad.size, e.col), values[key], j))
            read = _labels(values[key], j, labels, table)
            if read:
                out.out.append(F.make("SKM-023", sheet, cell(first - 1, e.col), unsur=f"U{j}", n=read,
                                      count=len([x for x in labels.values() if j in x.counts])))
        elements.append(e)
    for j in range(regime.count + 1, MAX_ELEMENTS + 1):
        key = f"u{j}"
        if key in cols and values[key].any_nonblank():
            out.out.append(F.make("SKM-009", sheet, cell(first - 1, cols[key]), unsur=f"U{j}",
                                  regulasi=regime.name, count=regime.count))
    _report_invalid(invalid, out, first, regime)
    return elements, scores, sorted(labels.values(), key=lambda x: (x.score, L.normalize(x.text), x.text))


def _text_dates(values, t, date1904, out: Bounded, header_cell: str):
    """Reads the texts of the Tanggal column that are dates (dates.py) into `t`; returns the mask of
    those rows (None when there are none) and reports how they were read (SKM-029)."""
    from sakip_xl.skm import dates as D
    texts = [v for v in (values.distinct if values.codes is not None else dict.fromkeys(values))
             if type(v) is str and v.strip()]
    if not texts:
        return None
    order, shown_by_data = D.order_of(texts)
    read = {}
    parse = D.Reader(order, date1904)
    for v in texts:
        serial, form = parse(v)
        if serial is not None:
            read[v] = (serial, form)
    if not read:
        return None
    nan = float("nan")
    parsed = values.table(lambda v: read[v][0] if type(v) is str and v in read else nan, np.float64)
    mask = ~np.isnan(parsed)
    t[mask] = parsed[mask]
    example = next(iter(read))
    serial, form = read[example]
    forms = {f for _, f in read.values()}
    how = []
    if "iso" in forms:
        how.append("tahun-bulan-hari (ISO)")
    if "angka" in forms:
        how.append(order + ("" if shown_by_data or order != D.DAY_FIRST else
                            " (urutan Indonesia; isi kolom tidak memastikan urutan hari dan bulan)"))
    if "nama bulan" in forms:
        how.append("tanggal dengan nama bulan")
    day = _dt_from_serial(serial, date1904)
    out.out.append(F.make("SKM-029", out.sheet, header_cell, n=int(mask.sum()), how=", ".join(how),
                          example=example, shown=day))
    return mask


def _dt_from_serial(serial: float, date1904: bool) -> str:
    import datetime as dt
    base = dt.date(1904, 1, 1) if date1904 else dt.date(1899, 12, 30)
    day = base + dt.timedelta(days=int(serial))
    return f"{day.day} {G.MONTHS[day.month - 1]} {day.year}"


def _first_text_col(row) -> int:
    return next((c for c, v in enumerate(row) if isinstance(v, str) and v.strip()), 0)


def _implied_regime(ctx, regime, cols, values):
    """KepMenPAN 25/2004 when the sheet answers U10-U14 and Pengaturan does not name a regulation."""
    if regime.count >= MAX_ELEMENTS or not all(f"u{j}" in cols for j in range(regime.count + 1, MAX_ELEMENTS + 1)):
        return None
    if not all(values[f"u{j}"].any_nonblank() for j in range(regime.count + 1, MAX_ELEMENTS + 1)):
        return None
    addr = ctx.settings.cells.get("skm_regulasi")
    if ctx.settings.sheet and addr:
        r, c = parse_cell(addr)
        rows = ctx.book.rows(ctx.settings.sheet)
        if r < len(rows) and c < len(rows[r]) and str(rows[r][c]).strip():
            return None                   # the user chose the regulation: SKM-009 says what is left out
    from sakip_xl.skm.regimes import REGIMES
    return next(r for r in REGIMES if r.count == MAX_ELEMENTS)


def _header_text(rows, header: int, c: int) -> str:
    """The header cell's text (or the one above it, for a two-row header)."""
    for r in (header, header - 1):
        if r >= 0 and c < len(rows[r]) and str(rows[r][c]).strip():
            v = rows[r][c]
            return format_id(v, 0) if isinstance(v, float) and v.is_integer() else str(v).strip()
    return ""


def _labels(values, j: int, labels: dict, table=None) -> int:
    """Texts of element j read as answers (labels.py), added to `labels`; returns how many cells."""
    coded = getattr(values, "codes", None) is not None
    distinct = values.distinct if coded else list(dict.fromkeys(v for v in values if type(v) is str))
    found = {}
    for v in distinct:
        if type(v) is str and v and not L.is_plain_letter(v) and L.score(v, table) > 0:
            found[v] = L.key(v)
    if not found:
        return 0
    if coded:
        tally = np.bincount(values.codes, minlength=len(values.distinct))
        per_value = {v: int(tally[i]) for i, v in enumerate(values.distinct) if v in found}
    else:
        per_value = dict.fromkeys(found, 0)
        for v in values:
            if type(v) is str and v in per_value:
                per_value[v] += 1
    total = 0
    for v, n in per_value.items():
        if not n:
            continue
        lab = labels.setdefault(found[v], Label(v, L.score(v, table)))
        lab.counts[j] = lab.counts.get(j, 0) + n
        total += n
    return total


def _kind(v, seen: dict, number: int, regime) -> tuple[str, str, dict]:
    """The finding code for an invalid answer, and the text shown (`seen` caches texts)."""
    scales = {"scales": L.scales_tried(number, regime.name)}
    if type(v) is bool:
        return "SKM-003", "TRUE" if v else "FALSE", scales
    if isinstance(v, str):
        if v not in seen:
            seen[v] = "SKM-002" if read_number(v).kind == TEXT_NUMBER else "SKM-003"
        return seen[v], v, (scales if seen[v] == "SKM-003" else {})
    value = C.engine_number(v)
    if value is None:
        return "SKM-003", str(v), scales
    p = read_number(value)
    return "SKM-001", format_id(value, min(p.decimals or 0, 6)), {}


def _report_invalid(invalid, out: Bounded, first: int, regime) -> None:
    """Invalid answers in reading order (row by row), at most LIMIT listed per code."""
    if not invalid:
        return
    rows = np.concatenate([b for b, _, _, _ in invalid])
    cols = np.concatenate([c for _, c, _, _ in invalid])
    which = np.concatenate([np.full(b.size, k) for k, (b, _, _, _) in enumerate(invalid)])
    seen: dict = {}
    for k in np.lexsort((cols, rows)).tolist():
        _, _, vals, j = invalid[which[k]]
        i = int(rows[k])
        addr = cell(first + i, int(cols[k]))
        code = _kind(vals[i], seen, j, regime)[0]
        if out.wants(code):
            code, text, extra = _kind(vals[i], seen, j, regime)
            out.add(code, addr, text=text, unsur=f"U{j}", **extra)
        else:
            out.skip(code, addr)


def _report_scan(facts, header, cols, out: Bounded, first: int, count: int) -> None:
    """Error values (#N/A ...) and formulas without a stored result in the table, hidden rows."""
    wanted = set(cols.values())

    def inside(cells: dict):
        for addr, text in cells.items():
            r, c = parse_cell(addr)
            if r > header and c in wanted:
                yield (r, c), addr, text

    for _, addr, text in sorted(inside(facts.errors)):
        out.add("SEL-001", addr, text=text)
    for _, addr, formula in sorted(inside(facts.unevaluated)):
        out.add("SEL-002", addr, formula=formula)
    for r in sorted(h for h in facts.hidden_rows if first <= h < first + count):
        out.add("SEL-003", cell(r, min(wanted)), row=r + 1)


def _report_rows(data, cols, resp, out: Bounded, first: int, column) -> tuple[int, tuple]:
    """Rows with data but no answer; rows repeated exactly (every column but No, up to the last column read:
    a note or a legend to the right of the table is not part of a respondent's row).

    `column(c)`: the table's column c (columns.Column, one cell per row of `data`): the rows are compared
    by their columns' codes and no row is built.
    Returns how many rows have data but no answer (the rejected rows) and the columns looked at."""
    width = min(len(data[0]), max(cols.values()) + 2) if data else 0
    other = [c for c in range(width) if c != cols.get("no")]
    if not other:
        return 0, ()
    filled = np.zeros(len(data), bool)
    for c in other:
        filled |= column(c).table(_is_filled, bool)
    unanswered = np.flatnonzero(~resp & filled).tolist()
    for i in unanswered:
        out.add("SKM-005", cell(first + i, other[0]), row=first + i + 1)
    rejected = len(unanswered)
    rows = np.flatnonzero(resp)
    if rows.size < 2:
        return rejected, tuple(other)
    repeats = _repeats_by_column([column(c) for c in other], rows)
    # Only the findings that are listed get an address and a message: a survey of answers only
    # can repeat most of its rows.
    for n, (i, j) in enumerate(repeats):
        if not out.wants("SKM-006"):
            out.skip("SKM-006", cell(first + i, other[0]), len(repeats) - n)
            break
        out.add("SKM-006", cell(first + i, other[0]), row=first + i + 1, first=first + j + 1)
    return rejected, tuple(other)


def _is_filled(v) -> bool:
    return v != ""


def _repeats_by_column(columns: list, rows: np.ndarray) -> list[tuple[int, int]]:
    """(row, the first equal row before it) for each of `rows` whose cells in every column equal an
    earlier one's. Coded columns give one integer key per row (mixed radix, compacted before it
    could overflow); the other columns are compared cell by cell, only among rows whose key repeats."""
    key = np.zeros(rows.size, np.int64)
    radix = 1
    plain = []
    for col in columns:
        if col.codes is None:
            plain.append(col)
            continue
        size = max(len(col.distinct), 1)
        if radix * size >= 1 << 62:
            _, key = np.unique(key, return_inverse=True)
            key = key.astype(np.int64).ravel()
            radix = int(key.max()) + 1 if key.size else 1
        key = key * size + col.codes[rows].astype(np.int64)
        radix *= size
    _, index, inverse, counts = np.unique(key, return_index=True, return_inverse=True, return_counts=True)
    inverse = inverse.ravel()
    if not plain:
        firsts = index[inverse]
        later = np.flatnonzero(firsts != np.arange(rows.size))
        return list(zip(rows[later].tolist(), rows[firsts[later]].tolist()))
    seen: dict = {}
    repeats = []
    for k in np.flatnonzero(counts[inverse] > 1).tolist():
        i = int(rows[k])
        j = seen.setdefault((int(key[k]), *(col[i] for col in plain)), i)
        if j != i:
            repeats.append((i, j))
    return repeats


def _groups(grouping, scores, resp, limit, what, out, header_cell) -> list[Group]:
    n_groups = len(grouping.labels)
    respondents = G.tally(grouping.index, n_groups, mask=resp)
    shown = G.top(respondents.tolist(), limit)
    if n_groups > limit:
        out.out.append(F.make("SKM-014", out.sheet, header_cell, count=n_groups, what=what, shown=limit))
    ns = [G.tally(grouping.index, n_groups, mask=s > 0) for s in scores]
    ss = [G.tally(grouping.index, n_groups, weights=s.astype(np.float64), mask=s > 0) for s in scores]
    return [Group(grouping.labels[g], int(respondents[g]), [int(n[g]) for n in ns], [int(s[g]) for s in ss],
                  grouping.bounds[g]) for g in shown]


def _periods(values, t, col, resp, scores, quarterly, date1904, out, first, header) -> list[Group]:
    blank = values.table(_is_blank, bool)
    for i in np.flatnonzero(resp & ~blank & ~((t >= G.FIRST_DATE) & (t < G.LAST_DATE))).tolist():
        v = values[i]
        out.add("SKM-013", cell(first + i, col), text=v if isinstance(v, str) else _shown(v, t[i]))
    grouping = G.by_period(t, resp, quarterly, date1904)
    groups = _groups(grouping, scores, resp, MAX_PERIODS, "periode", out, cell(header, col))
    return sorted(groups, key=lambda g: g.bounds)


def _profile(key, col, values, resp, date1904, out, header_cell) -> Profile:
    total = int(resp.sum())
    numeric = False
    if key == "umur":
        a = G.serials(values, date1904)
        numbers = int((resp & ~np.isnan(a)).sum())
        texts = int(values.table(_is_text, bool)[resp].sum())
        numeric = numbers > 0 and numbers >= texts
    if numeric:
        grouping = G.by_age(a, resp)
        counts = G.tally(grouping.index, len(grouping.labels))
        order = list(range(len(grouping.labels)))
    else:
        grouping = G.by_text(values, resp)
        counts = G.tally(grouping.index, len(grouping.labels))
        order = G.top(counts.tolist(), MAX_CATEGORIES)
        if len(grouping.labels) > MAX_CATEGORIES:
            out.out.append(F.make("SKM-014", out.sheet, header_cell, count=len(grouping.labels),
                                 what=PROFILE_TITLES[key].lower(), shown=MAX_CATEGORIES))
    cats = [Category(grouping.labels[g], int(counts[g]), grouping.bounds[g]) for g in order]
    prof = Profile(key, PROFILE_TITLES[key], col, numeric, cats)
    prof.remainder = total - sum(c.count for c in cats)
    for c in cats:
        c.share = C.share(c.count, total)
    prof.remainder_share = C.share(prof.remainder, total)
    return prof


def _is_blank(v) -> bool:
    return v == ""


def _is_text(v) -> bool:
    return type(v) is str and bool(v.strip())


def _shown(v, number) -> str:
    if type(v) is bool:
        return "TRUE" if v else "FALSE"
    return str(v) if np.isnan(number) else format_id(float(number), min(read_number(float(number)).decimals or 0, 6))
