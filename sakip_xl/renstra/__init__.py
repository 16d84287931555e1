"""The Renstra section: the five-year plan and the IKU beside this year's PK.

Input sheets: `Renstra` (tujuan, sasaran, indicators, a target per year, the end
target, realisasi per year) and `IKU`. Output sheet: `Perbandingan`, the
comparison tables of LKjIP Bab III (Tabel 3.1 to 3.4). Findings: PK and Renstra
disagreeing on a target or a realisasi, names and units differing between the
documents, indicators missing from one of them.
"""
from __future__ import annotations

from .. import findings as _findings
from ..sections import Section
from .analyze import analyze
from .codes import CODES
from .examples import JELBUK_IKU, JELBUK_RENSTRA, JELBUK_SETTINGS
from .schema import IKU, RENSTRA, SETTINGS
from .sheet import SHEET, render

_findings.register(CODES)

SECTION = Section(
    key="renstra",
    input_sheets=(RENSTRA, IKU),
    output_sheets=(SHEET,),
    analyze=analyze,
    render=render,
    settings=SETTINGS,
    example_rows={RENSTRA.name: JELBUK_RENSTRA, IKU.name: JELBUK_IKU},
    example_settings=JELBUK_SETTINGS,
)
