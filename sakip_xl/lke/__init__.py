"""The LKE section: the self-evaluation of SAKIP (evaluasi AKIP, PermenPANRB 88/2021).

Input sheet `LKE` (component, sub-component, weight, criterion, answer kind, self and
evaluator answers, evidence) and two tables in Pengaturan (answer values, predikat
bounds). Output sheet `Hasil LKE`: scores per criterion, sub-component, component,
the final score and predikat, self against evaluator, and last year's score.
"""
from __future__ import annotations

from sakip_xl.contract import Section
from sakip_xl.lke.analyze import analyze
from sakip_xl.lke.codes import CODES
from sakip_xl.lke.examples import EXAMPLE_ROWS, EXAMPLE_SETTINGS
from sakip_xl.lke.regulation import template_rows
from sakip_xl.lke.schema import LKE, SETTINGS
from sakip_xl.lke.sheet import SHEET, render
from sakip_xl.lke.tables import write_template_tables

SECTION = Section(
    key="lke",
    input_sheets=(LKE,),
    output_sheets=(SHEET,),
    analyze=analyze,
    render=render,
    codes=tuple(CODES),
    settings=SETTINGS,
    example_rows={LKE.name: EXAMPLE_ROWS},
    example_settings=EXAMPLE_SETTINGS,
    template_rows={LKE.name: template_rows()},
    settings_tables=write_template_tables,
)
