"""The Renstra section: the five-year plan and the IKU beside this year's PK.

Input sheets: `Renstra` (tujuan, sasaran, indicators, a target per year, the end
target, realisasi per year) and `IKU`. Output sheet: `Perbandingan`, the
comparison tables of LKjIP Bab III (Tabel 3.1 to 3.4). Findings: PK and Renstra
disagreeing on a target or a realisasi, names and units differing between the
documents, indicators missing from one of them.
"""
from __future__ import annotations

from sakip_xl.contract import Section
from sakip_xl.renstra.analyze import analyze
from sakip_xl.renstra.codes import CODES
from sakip_xl.renstra.examples import JELBUK_IKU, JELBUK_RENSTRA, JELBUK_SETTINGS
from sakip_xl.renstra.schema import IKU, RENSTRA, SETTINGS
from sakip_xl.renstra.sheet import SHEET, render

SECTION = Section(
    key="renstra",
    input_sheets=(RENSTRA, IKU),
    output_sheets=(SHEET,),
    analyze=analyze,
    render=render,
    codes=tuple(CODES),
    settings=SETTINGS,
    example_rows={RENSTRA.name: JELBUK_RENSTRA, IKU.name: JELBUK_IKU},
    example_settings=JELBUK_SETTINGS,
)
