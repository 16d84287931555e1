"""Formula text for the SKM sheets. Each builder names its Python twin.

Whole-column formulas only: COUNTIFS over an answer column, and single-cell
array formulas (SUM over IFERROR(...) of a column) where a row condition is
needed; never a helper cell per respondent. IFERROR makes an error cell in the
data behave exactly as a blank, which is what python-calamine reports for it.
"""
from __future__ import annotations

from sakip_xl.xlsx.addresses import col_letter, quote_sheet
from sakip_xl.write.common import num_literal
from sakip_xl.skm.compute import LETTERS, SCORES
from sakip_xl.skm.regimes import Regime


def column_range(sheet: str, col: int, first: int, last: int) -> str:
    """'SKM'!$H$5:$H$104 (0-based first and last row)."""
    c = col_letter(col)
    return f"{quote_sheet(sheet)}!${c}${first + 1}:${c}${last + 1}"


def count_answer(rng: str, k: int) -> str:
    """Cells holding the number k or its letter (compute.counts)."""
    return f'COUNTIFS({rng},">={k}",{rng},"<={k}")+COUNTIF({rng},"{LETTERS[k - 1]}")'


def nonblank(rng: str) -> str:
    """Per cell: 1 unless empty (compute.nonblank_column)."""
    return f'IFERROR(--({rng}<>""),0)'


def respondent(ranges: list[str]) -> str:
    """Per row: at least one answer cell filled (a respondent)."""
    if not ranges:
        return "0"
    return "((" + "+".join(nonblank(r) for r in ranges) + ")>0)"


def rejected(answers: list[str], row: list[str]) -> str | None:
    """Rows with data in `row` but no answer cell filled (responses._report_rows, SKM-005);
    None when there is nothing to look at or the formula would pass Excel's length limit."""
    if not row:
        return None
    body = f"SUM((1-{respondent(answers)})*(({'+'.join(nonblank(r) for r in row)})>0))"
    return array(body) if len(body) < FORMULA_LIMIT else None


FORMULA_LIMIT = 8000        # Excel accepts 8,192 characters in a formula


def valid(rng: str, labels=()) -> str:
    """Per cell: 1 for an answer 1-4, a-d or a listed label text (compute.answer_score > 0).

    `labels`: (cell holding the text, score) of the texts read as answers (hasil._write_labels)."""
    terms = [f"({rng}={k})" for k in SCORES] + [f'({rng}="{x}")' for x in LETTERS]
    terms += [f"({rng}={ref})" for ref, _ in labels]
    return "IFERROR(" + "+".join(terms) + ",0)"


def score(rng: str, labels=()) -> str:
    """Per cell: the answer 1-4, 0 for anything else (compute.answer_score, invalid as 0)."""
    terms = [f"{k}*({rng}={k})" if k > 1 else f"({rng}={k})" for k in SCORES]
    terms += [f'{k}*({rng}="{x}")' if k > 1 else f'({rng}="{x}")' for k, x in zip(SCORES, LETTERS)]
    terms += [f"{k}*({rng}={ref})" if k > 1 else f"({rng}={ref})" for ref, k in labels]
    return "IFERROR(" + "+".join(terms) + ",0)"


def equals(rng: str, ref: str) -> str:
    """Per cell: 1 when it holds the text in `ref` (compared case-insensitively; labels.key)."""
    return f"IFERROR(--({rng}={ref}),0)"


def in_text(rng: str, label: str) -> str:
    """Per row: the cell equals the label text, ignoring case (groups.by_text)."""
    return f"IFERROR(--({rng}={label}),0)"


def in_range(rng: str, lo: str, hi: str) -> str:
    """Per row: a number in [lo, hi) (groups.by_period)."""
    return f"IFERROR(({rng}>={lo})*({rng}<{hi}),0)"


def in_dates(rng: str, text_dates: str | None, lo: str, hi: str) -> str:
    """Per row: a date in [lo, hi), in the column or, for a text read as a date, in the helper column
    (hasil._write_dates: blank, or "" once the cell holds a number)."""
    if text_dates is None:
        return in_range(rng, lo, hi)
    return f"({in_range(rng, lo, hi)}+{in_range(text_dates, lo, hi)})"


def in_age(rng: str, lo: float | None, hi: float | None) -> str:
    """Per row: a number in the age bin (groups.by_age)."""
    parts = [f"ISNUMBER({rng})"]
    if lo is not None:
        parts.append(f"({rng}>={num_literal(lo)})")
    if hi is not None:
        parts.append(f"({rng}<{num_literal(hi)})")
    return "IFERROR(" + "*".join(parts) + ",0)"


def mutu(x: str, regime: Regime) -> str:
    """The grade of x rounded to 2 decimals (compute.mutu)."""
    expr = f'"{regime.bands[-1].mutu}"'
    for band in reversed(regime.bands[:-1]):
        expr = f'IF(ROUND({x},2)>={num_literal(band.low)},"{band.mutu}",{expr})'
    return f'=IF(ISNUMBER({x}),{expr},"")'


def kinerja(m: str, regime: Regime) -> str:
    """The label of a grade (compute.kinerja)."""
    expr = '""'
    for band in reversed(regime.bands):
        expr = f'IF({m}="{band.mutu}","{band.kinerja}",{expr})'
    return "=" + expr


def times(x: str, factor: str) -> str:
    """compute.times"""
    return f'=IF(ISNUMBER({x}),{x}*{factor},"")'


def array(body: str) -> str:
    return "{=" + body + "}"
