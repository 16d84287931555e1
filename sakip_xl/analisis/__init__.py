"""The analysis that goes with each number: the user's text per indicator, and the SKM follow-up.

Input sheets `Analisis Kinerja` (penyebab keberhasilan/kegagalan, upaya, program pendukung,
rencana tindak lanjut per indicator) and `Tindak Lanjut SKM` (planned action and person in
charge per unsur). Output: `Analisis Capaian`, the follow-up table under Hasil SKM, and
paragraphs/tables in the Word report (report.py).
"""
from __future__ import annotations

from sakip_xl.contract import Section
from sakip_xl.analisis.analyze import analyze
from sakip_xl.analisis.codes import CODES
from sakip_xl.analisis.examples import ANALISIS_ROWS, FOLLOW_ROWS
from sakip_xl.analisis.schema import ANALISIS, SETTINGS, TINDAK_LANJUT_SKM
from sakip_xl.analisis.sheet import SHEET, render

SECTION = Section(
    key="analisis",
    input_sheets=(ANALISIS, TINDAK_LANJUT_SKM),
    output_sheets=(SHEET,),
    analyze=analyze,
    render=render,
    codes=tuple(CODES),
    settings=SETTINGS,
    example_rows={ANALISIS.name: ANALISIS_ROWS, TINDAK_LANJUT_SKM.name: FOLLOW_ROWS},
)
