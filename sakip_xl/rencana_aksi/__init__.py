"""The Rencana Aksi section: quarterly targets per indicator beside the PK's quarterly realisasi.

Input sheet `Rencana Aksi` (indicator, Target TW I-IV, the planned action). Output sheet
`Hasil Rencana Aksi`: target, realisasi and capaian per quarter and to date, and a chart.
Findings: quarters without a target or a realisasi, indicators missing on either side.
"""
from __future__ import annotations

from sakip_xl.contract import Section
from sakip_xl.rencana_aksi.analyze import analyze
from sakip_xl.rencana_aksi.codes import CODES
from sakip_xl.rencana_aksi.examples import EXAMPLE_ROWS
from sakip_xl.rencana_aksi.schema import RENCANA_AKSI
from sakip_xl.rencana_aksi.sheet import SHEET, render

SECTION = Section(
    key="rencana_aksi",
    input_sheets=(RENCANA_AKSI,),
    output_sheets=(SHEET,),
    analyze=analyze,
    render=render,
    codes=tuple(CODES),
    example_rows={RENCANA_AKSI.name: EXAMPLE_ROWS},
)
