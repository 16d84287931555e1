"""Every formula the tool writes uses only functions that give the same result in
Excel 2010+, Excel 365, LibreOffice 7.4 and Google Sheets, and need no `_xlfn.` prefix."""
from __future__ import annotations

import re

from support.builders import example
from support.lo_oracle import formula_cells
from sakip_xl.engine import compute
from sakip_xl.sections import tool_sheets

ALLOWED = {
    "IF", "IFERROR", "AND", "OR", "NOT", "ISNUMBER", "ISBLANK", "SUM", "SUMIF", "SUMIFS", "COUNT", "COUNTA",
    "COUNTIF", "COUNTIFS", "AVERAGE", "AVERAGEIF", "AVERAGEIFS", "MIN", "MAX", "SUMPRODUCT", "ROUND", "ABS",
    "INDEX", "MATCH", "VLOOKUP", "LOOKUP", "LEFT", "LEN",
}
FORBIDDEN_TOKENS = ("_xlfn", "_xlws", "OFFSET(", "INDIRECT(", "TEXT(")


def functions_in(formula: str) -> set[str]:
    without_strings = re.sub(r'"(?:[^"]|"")*"', '""', formula)
    without_sheets = re.sub(r"'(?:[^']|'')*'!", "S!", without_strings)
    return set(re.findall(r"([A-Z][A-Z0-9._]*)\(", without_sheets))


def test_function_extraction_sees_through_quotes():
    assert functions_in("=IF('XLOOKUP(s'!A1=\"TEXT(\",SUM(A1:A2),0)") == {"IF", "SUM"}


def test_finished_example_uses_only_allowed_functions(tmp_path):
    out = tmp_path / "hasil.xlsx"
    compute(example(tmp_path), out)
    cells = formula_cells(out, [s for s in tool_sheets()])
    assert len(cells) > 100
    used = set()
    for (sheet, ref), (formula, _value) in cells.items():
        used |= functions_in(formula)
        assert not any(t in formula for t in FORBIDDEN_TOKENS), f"{sheet}!{ref}: {formula}"
    assert used <= ALLOWED, sorted(used - ALLOWED)
