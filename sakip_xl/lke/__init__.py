"""The LKE section: the self-evaluation of SAKIP (evaluasi AKIP, PermenPANRB 88/2021).

Input sheet `LKE` (component, sub-component, weight, criterion, answer kind, self and
evaluator answers, evidence) and two tables in Pengaturan (answer values, predikat
bounds). Output sheet `Hasil LKE`: scores per criterion, sub-component, component,
the final score and predikat, self against evaluator, and last year's score.
"""
from __future__ import annotations

from .. import findings as _findings
from ..sections import Section
from .analyze import analyze
from .codes import CODES
from .examples import EXAMPLE_ROWS, EXAMPLE_SETTINGS
from .regulation import template_rows
from .schema import LKE, SETTINGS
from .sheet import SHEET, render
from .tables import write_template_tables

_findings.register(CODES)

SECTION = Section(
    key="lke",
    input_sheets=(LKE,),
    output_sheets=(SHEET,),
    analyze=analyze,
    render=render,
    settings=SETTINGS,
    example_rows={LKE.name: EXAMPLE_ROWS},
    example_settings=EXAMPLE_SETTINGS,
    template_rows={LKE.name: template_rows()},
    settings_tables=write_template_tables,
)
