"""`check` on a finished workbook: hand edits and stale results are reported."""
from __future__ import annotations

import re
import shutil

import pytest

from support.builders import example
from sakip_xl import __version__
from sakip_xl.xlsx.addresses import col_letter
from sakip_xl.engine import check, compute
from sakip_xl.sections import tool_sheets
from sakip_xl.pk.sheet import COL
from support.zipedit import replace_cell


def finished(tmp_path):
    out = tmp_path / "hasil.xlsx"
    compute(example(tmp_path), out)
    return out


def codes_at(report, code):
    return {f.place for f in report.findings if f.code == code}


def test_untouched_finished_workbook_has_no_workbook_findings(tmp_path):
    report = check(finished(tmp_path))
    assert not [f for f in report.findings if f.code.startswith("WB-")]


def test_typed_value_over_a_formula_is_reported(tmp_path):
    out = finished(tmp_path)
    replace_cell(out, "Capaian", "J5", '<c r="J5"{s}><v>86.44</v></c>')
    report = check(out)
    assert codes_at(report, "WB-001") == {"Capaian!J5"}
    assert report.has_errors


def test_edited_formula_is_reported(tmp_path):
    out = finished(tmp_path)
    replace_cell(out, "Capaian", "J6", '<c r="J6"{s}><f>H6/G6*100+5</f><v>85</v></c>')
    report = check(out)
    assert codes_at(report, "WB-002") == {"Capaian!J6"}


def test_input_edited_after_compute_makes_results_stale(tmp_path):
    """One edited input is one finding, at the input cell, naming every result it made stale."""
    out = finished(tmp_path)
    replace_cell(out, "PK", "G5", '<c r="G5"{s}><v>90</v></c>')   # realisasi of the SKM indicator
    report = check(out)
    stale = [f for f in report.findings if f.code == "WB-003"]
    assert [f.place for f in stale] == ["PK!G5"]
    msg = stale[0].message
    realisasi, capaian = (f"{col_letter(COL[name])}5" for name in ("Realisasi", "Capaian (%)"))
    on_capaian = re.search(r"Capaian!([^;)]*)", msg).group(1).split(", ")
    assert {realisasi, capaian} <= set(on_capaian)
    assert realisasi.replace("5", "6") not in on_capaian          # other indicators did not change
    assert "86,44" in msg and "90,00" in msg


def test_two_edited_inputs_are_two_stale_findings(tmp_path):
    out = finished(tmp_path)
    replace_cell(out, "PK", "G5", '<c r="G5"{s}><v>90</v></c>')
    replace_cell(out, "PK", "G7", '<c r="G7"{s}><v>70</v></c>')
    report = check(out)
    stale = [f for f in report.findings if f.code == "WB-003"]
    assert sorted(f.place for f in stale) == ["PK!G5", "PK!G7"]
    realisasi = col_letter(COL["Realisasi"])
    by_place = {f.place: f.message for f in stale}
    assert f"Capaian!{realisasi}5" in by_place["PK!G5"] and f"Capaian!{realisasi}7" not in by_place["PK!G5"]
    assert f"Capaian!{realisasi}7" in by_place["PK!G7"]


def test_recompute_clears_the_findings(tmp_path):
    out = finished(tmp_path)
    replace_cell(out, "Capaian", "J5", '<c r="J5"{s}><v>86.44</v></c>')
    fixed = tmp_path / "lagi.xlsx"
    compute(out, fixed)
    assert not [f for f in check(fixed).findings if f.code.startswith("WB-")]


def test_other_version_is_noted(tmp_path):
    out = finished(tmp_path)
    import sakip_xl.engine as engine
    old = engine.__version__
    try:
        engine.__version__ = "9.9.9"
        report = check(out)
    finally:
        engine.__version__ = old
    notes = [f for f in report.findings if f.code == "WB-004"]
    assert notes and __version__ in notes[0].message and "9.9.9" in notes[0].message


def test_deleted_tool_sheet_is_reported(tmp_path):
    out = finished(tmp_path)
    copy = tmp_path / "salin.xlsx"
    shutil.copy(out, copy)
    import openpyxl  # only to produce a workbook without the sheet for this test
    wb = openpyxl.load_workbook(copy)
    del wb["Capaian"]
    wb.save(copy)
    report = check(copy)
    assert "Capaian" in {f.sheet for f in report.findings if f.code == "WB-005"}


def test_formula_spelling_is_not_an_edit():
    from sakip_xl.review.reviu import _norm_formula

    ours = "=IF(ISNUMBER('PK'!F5),'PK'!F5,\"'PK'!F5\")+SUM('Hasil SKM'!A1:A2)"
    saved = "IF(ISNUMBER(PK!F5), PK!F5,\"'PK'!F5\")+SUM('Hasil SKM'!A1:A2)"
    assert _norm_formula(ours) == _norm_formula(saved)
    assert _norm_formula(ours) != _norm_formula(saved.replace("\"'PK'!F5\"", "\"PK!F5\""))  # text is text
    assert _norm_formula("=A1/B1*100") != _norm_formula("=A1/B1*100+5")


@pytest.mark.libreoffice
def test_workbook_saved_by_libreoffice_rechecks_clean_and_recomputes(tmp_path):
    """Staff open the finished workbook in LibreOffice and save it: LibreOffice respells every
    formula (e.g. 'PK'!F5 as PK!F5). That is no hand edit, and compute still owns its sheets."""
    from support.lo_oracle import recalc

    out = finished(tmp_path)
    saved = recalc(out, tmp_path / "lo")        # opened, recalculated and saved as .xlsx by LibreOffice
    report = check(saved)
    assert not [f for f in report.findings if f.code.startswith("WB-")]
    again = tmp_path / "lagi.xlsx"
    compute(saved, again)
    assert not [f for f in check(again).findings if f.code.startswith("WB-")]


def test_rows_added_after_compute_are_one_layout_finding(tmp_path):
    """A PK row added after compute shifts the computed sheet: say so once per sheet, and do
    not accuse each moved cell of being typed over or edited."""
    import openpyxl

    out = finished(tmp_path)
    wb = openpyxl.load_workbook(out)        # openpyxl is fine for making this test's input
    ws = wb["PK"]
    ws.insert_rows(8)
    ws["B8"], ws["C8"], ws["F8"], ws["G8"] = "Sasaran baru", "Indikator baru", 100, 90
    wb.save(out)
    report = check(out)
    assert "Capaian" in {f.sheet for f in report.findings if f.code == "WB-007"}
    assert not [f for f in report.findings if f.code in ("WB-001", "WB-002") and f.sheet == "Capaian"]


def test_a_workbook_never_computed_says_so_once(tmp_path):
    """An auditor given the input workbook alone learns that nothing in it was computed."""
    src = example(tmp_path)
    raw = check(src)
    notes = [f for f in raw.findings if f.code == "WB-008"]
    assert len(notes) == 1 and notes[0].severity == "info"
    for name in tool_sheets():
        assert name in notes[0].message
    assert not codes_at(check(finished(tmp_path)), "WB-008")


def test_a_finding_about_the_whole_workbook_is_printed_with_its_place_named(tmp_path):
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", "from sakip_xl.cli import run; run()", "check", str(example(tmp_path))],
                         capture_output=True, text=True)
    lines = out.stdout.splitlines()
    at = next(i for i, x in enumerate(lines) if "WB-008" in x)
    assert "WB-008 (seluruh workbook): Workbook ini belum berisi lembar hasil" in lines[at]
    assert [x for x in lines[:at] if not x.startswith(" ")][-1] == "INFO:"


def _set_setting(path, addr: str, text: str) -> None:
    replace_cell(path, "Pengaturan", addr, f'<c r="{addr}"{{s}} t="inlineStr"><is><t>{text}</t></is></c>')


def _setting_cell(path, key: str) -> str:
    from sakip_xl.engine import analyze

    return analyze(path.read_bytes()).context.settings.cells[key]


@pytest.mark.parametrize("key, text", [("efisiensi_aturan", "Capaian &gt; Serapan"), ("batas_capaian", "120"),
                                       ("skm_bobot", "2 desimal")])
def test_a_setting_changed_after_compute_is_reported_once_not_as_edited_formulas(tmp_path, key, text):
    """Formulas that follow a setting differ after it changes: that is a stale result, not a hand edit."""
    out = finished(tmp_path)
    addr = _setting_cell(out, key)
    _set_setting(out, addr, text)
    report = check(out)
    wb = [f for f in report.findings if f.code.startswith("WB-")]
    assert [(f.code, f.sheet, f.cell) for f in wb] == [("WB-009", "Pengaturan", addr)]
    assert f"({addr})" in wb[0].message


def test_a_hand_edit_is_still_found_when_a_setting_changed_too(tmp_path):
    out = finished(tmp_path)
    _set_setting(out, _setting_cell(out, "batas_capaian"), "120")
    target = f"{col_letter(COL['Capaian (%)'])}5"
    replace_cell(out, "Capaian", target, f'<c r="{target}"{{s}}><v>99</v></c>')
    report = check(out)
    assert codes_at(report, "WB-001") == {f"Capaian!{target}"}
    assert len(codes_at(report, "WB-009")) == 1 and not codes_at(report, "WB-002")


def test_a_workbook_computed_before_settings_were_recorded_is_checked_as_before(tmp_path):
    """No recorded settings (an older sakip-xl): nothing to compare them with, no WB-009."""
    out = finished(tmp_path)
    replace_cell(out, "Pemeriksaan", "Z1", '<c r="Z1"/>')
    assert not [f for f in check(out).findings if f.code.startswith("WB-")]
    _set_setting(out, _setting_cell(out, "efisiensi_aturan"), "Capaian &gt; Serapan")
    assert not codes_at(check(out), "WB-009")


def test_many_hand_edits_in_one_sheet_are_capped_and_summarised(tmp_path):
    """Every formula of Capaian pasted over as values: MAX_PER_SHEET WB-001 findings, the rest counted in WB-006."""
    from sakip_xl.review.reviu import MAX_PER_SHEET
    from support.zipedit import edit_sheet_xml

    out = finished(tmp_path)
    removed = []

    def paste_values(xml: str) -> str:
        removed.extend(re.findall(r"<f[ >]", xml))
        return re.sub(r"<f(?: [^>]*)?>[^<]*</f>|<f [^>]*/>", "", xml)

    edit_sheet_xml(out, "Capaian", paste_values)
    assert len(removed) > MAX_PER_SHEET + 1
    report = check(out)
    typed = [f for f in report.findings if f.code == "WB-001" and f.sheet == "Capaian"]
    summary = [f for f in report.findings if f.code == "WB-006"]
    assert len(typed) == MAX_PER_SHEET
    assert len(summary) == 1 and summary[0].sheet == "Capaian"
    extra = int(re.match(r"(\d+)", summary[0].message).group(1))
    assert extra == len(removed) - MAX_PER_SHEET
