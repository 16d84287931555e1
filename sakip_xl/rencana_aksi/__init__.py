"""The Rencana Aksi section: quarterly targets per indicator beside the PK's quarterly realisasi.

Input sheet `Rencana Aksi` (indicator, Target TW I-IV, the planned action). Output sheet
`Hasil Rencana Aksi`: target, realisasi and capaian per quarter and to date, and a chart.
Findings: quarters without a target or a realisasi, indicators missing on either side.
"""
from __future__ import annotations

from .. import findings as _findings
from ..sections import Section
from .analyze import analyze
from .codes import CODES
from .examples import EXAMPLE_ROWS
from .schema import RENCANA_AKSI
from .sheet import SHEET, render

_findings.register(CODES)

SECTION = Section(
    key="rencana_aksi",
    input_sheets=(RENCANA_AKSI,),
    output_sheets=(SHEET,),
    analyze=analyze,
    render=render,
    example_rows={RENCANA_AKSI.name: EXAMPLE_ROWS},
)
