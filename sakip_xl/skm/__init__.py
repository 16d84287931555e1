"""The SKM section: the public-satisfaction index (IKM/NIK) per PermenPANRB 14/2017.

Input: the `SKM` sheet (one row per respondent) and/or the `SKM Distribusi`
sheet (answers per element as counts or percentages). Output: `Hasil SKM` and
`Hasil SKM Distribusi`, live formulas with the values Python computed.
"""
from __future__ import annotations

from sakip_xl.contract import Section
from sakip_xl.skm.analyze import analyze
from sakip_xl.skm.codes import CODES
from sakip_xl.skm.examples import EXAMPLE_ROWS, EXAMPLE_SETTINGS
from sakip_xl.skm.schema import DIST_SHEET, DISTRIBUSI, SETTINGS, SHEET, SKM


def render(wb, fmt, ctx, result) -> None:
    """skm.hasil.render, imported when there is a survey to write: the writers load numpy."""
    from sakip_xl.skm.hasil import render as write_sheets
    return write_sheets(wb, fmt, ctx, result)


SECTION = Section(
    key="skm",
    input_sheets=(SKM, DISTRIBUSI),
    output_sheets=(SHEET, DIST_SHEET),
    analyze=analyze,
    render=render,
    codes=tuple(CODES),
    settings=SETTINGS,
    example_rows=EXAMPLE_ROWS,
    example_settings=EXAMPLE_SETTINGS,
)
