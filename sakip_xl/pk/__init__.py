"""The PK section: the performance agreement (Perjanjian Kinerja) and its capaian.

Input sheet: `PK` (sasaran, indikator, satuan, polaritas, target, realisasi, the quarters,
last year's realisasi, a capaian the user stated). Output sheet: `Capaian`, each indicator's
capaian and kategori as live formulas, the averages per sasaran. Findings: PK- codes.
"""
from __future__ import annotations

from sakip_xl.contract import Section
from sakip_xl.pk.analyze import analyze
from sakip_xl.pk.codes import CODES
from sakip_xl.pk.examples import EXAMPLE_ROWS, EXAMPLE_SETTINGS
from sakip_xl.pk.schema import PK, SETTINGS
from sakip_xl.pk.sheet import SHEET, render

SECTION = Section(
    key="pk",
    input_sheets=(PK,),
    output_sheets=(SHEET,),
    analyze=analyze,
    render=render,
    codes=tuple(CODES),
    settings=SETTINGS,
    example_rows=EXAMPLE_ROWS,
    example_settings=EXAMPLE_SETTINGS,
)
