"""The Anggaran section: budget realisation, shares, budget per sasaran, totals that add up.

Input sheets: `Anggaran` (programme/kegiatan/sub-kegiatan lines) and `Belanja`
(the split by spending class). Output sheet: `Hasil Anggaran`.
"""
from __future__ import annotations

from sakip_xl.contract import Section
from sakip_xl.anggaran.analyze import analyze
from sakip_xl.anggaran.codes import CODES
from sakip_xl.anggaran.examples import JELBUK_ANGGARAN, JELBUK_BELANJA
from sakip_xl.anggaran.schema import ANGGARAN, BELANJA, SETTINGS
from sakip_xl.anggaran.sheet import SHEET, render

SECTION = Section(
    key="anggaran",
    input_sheets=(ANGGARAN, BELANJA),
    output_sheets=(SHEET,),
    analyze=analyze,
    render=render,
    codes=tuple(CODES),
    settings=SETTINGS,
    example_rows={ANGGARAN.name: JELBUK_ANGGARAN, BELANJA.name: JELBUK_BELANJA},
)
