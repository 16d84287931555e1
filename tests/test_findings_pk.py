"""Findings of the PK and Pengaturan sheets, each at its cell."""
from __future__ import annotations

import re

import openpyxl
import pytest

from support.builders import JELBUK_SETTINGS, filled, free_layout
from sakip_xl.engine import check, compute
from sakip_xl.read.schema import ScaleRow
from sakip_xl.sections import all_settings
from support.zipedit import replace_cell


def baik_bound_cell() -> str:
    """The bound of 'Baik' in the template's category scale: below every setting row."""
    return f"C{len(all_settings()) + 8}"


def places(report, code):
    return [f.place for f in report.findings if f.code == code]


def test_stated_capaian_without_basis(tmp_path):
    src = filled(tmp_path, [{"sasaran": "S", "indikator": "I", "target": 100, "capaian_dilaporkan": 90}])
    assert places(check(src), "PK-009") == ["PK!I5"]


def test_t_over_r_with_zero_realisasi(tmp_path):
    settings = dict(JELBUK_SETTINGS, rumus_negatif="T/R")
    src = filled(tmp_path, [{"sasaran": "S", "indikator": "I", "polaritas": "negatif", "target": 5,
                             "realisasi": 0}], settings)
    report = check(src)
    assert places(report, "PK-010") == ["PK!G5"]
    assert report.analysis.indicators[0].capaian is None


def test_numbers_without_indicator_name(tmp_path):
    src = filled(tmp_path, [{"sasaran": "S", "target": 100, "realisasi": 50}])
    assert places(check(src), "PK-012") == ["PK!C5"]


def test_bad_scale_falls_back_to_default(tmp_path):
    bad = (ScaleRow("Kurang", None, None), ScaleRow("Baik", ">=", 76.0), ScaleRow("Cukup", ">=", 55.0))
    src = filled(tmp_path, [{"sasaran": "S", "indikator": "I", "target": 100, "realisasi": 60}],
                 dict(JELBUK_SETTINGS, skala=bad))
    report = check(src)
    assert places(report, "SET-001") == [f"Pengaturan!{baik_bound_cell()}"]
    assert report.analysis.settings.scale_ref is None
    assert report.analysis.indicators[0].kategori == "Cukup"


def test_unknown_choice_in_settings(tmp_path):
    src = filled(tmp_path, [{"sasaran": "S", "indikator": "I", "target": 100, "realisasi": 60}],
                 dict(JELBUK_SETTINGS, rumus_negatif="terbalik"))
    report = check(src)
    assert places(report, "SET-002") == ["Pengaturan!B8"]
    assert report.analysis.settings.get("rumus_negatif") == "(2T-R)/T"


def test_error_value_in_input_cell(tmp_path):
    src = free_layout(tmp_path, {"PK": [["Sasaran Strategis", "Indikator Kinerja", "Target", "Realisasi"],
                                        ["S", "I", 100, "=1/0"], ["S", "J", 100, 70]]})
    replace_cell(src, "PK", "D2", '<c r="D2"{s} t="e"><f>1/0</f><v>#DIV/0!</v></c>')
    report = check(src)
    assert places(report, "SEL-001") == ["PK!D2"]
    assert "#DIV/0!" in next(f.message for f in report.findings if f.code == "SEL-001")
    assert not places(report, "PK-003")          # an error is not taken for a blank
    assert report.analysis.indicators[0].capaian is None


def test_many_stale_cells_are_summarised(tmp_path):
    rows = [{"sasaran": "S", "indikator": f"I{i}", "target": 100, "realisasi": 80} for i in range(30)]
    out = tmp_path / "hasil.xlsx"
    compute(filled(tmp_path, rows), out)
    # raise the lower bound of "Baik" from 76 to 85: every kategori (80 %) becomes "Cukup"
    bound = baik_bound_cell()
    replace_cell(out, "Pengaturan", bound, f'<c r="{bound}"{{s}}><v>85</v></c>')
    report = check(out)
    # one edited input (the scale) is one finding at Pengaturan, counting every kategori it made stale
    stale = [f for f in report.findings if f.code == "WB-003"]
    assert len(stale) == 1 and stale[0].sheet == "Pengaturan"
    assert int(re.search(r"(\d+) sel hasil", stale[0].message).group(1)) >= len(rows)
    assert not places(report, "WB-006")
    assert openpyxl.load_workbook(out)  # still a readable workbook


def test_a_capaian_typed_as_a_percentage_is_shown_and_quoted_in_percent(tmp_path):
    """105,88 % typed in a percent cell is stored as 1,0588: the Capaian sheet shows 105,88 (not 1,06)
    and PK-008 quotes it with 2 decimals (not '105,88000 %')."""
    from sakip_xl.xlsx.addresses import col_letter
    from sakip_xl.review.reviu import stored_value
    from sakip_xl.pk.sheet import COL, FIRST_ROW

    target, realisasi, typed = 80, 85.5, 1.0588
    src = filled(tmp_path, [{"sasaran": "S", "indikator": "I", "target": target, "realisasi": realisasi,
                             "capaian_dilaporkan": typed}])
    out = tmp_path / "hasil.xlsx"
    report = compute(src, out)
    msg = next(f.message for f in report.findings if f.code == "PK-008")
    computed = realisasi / target * 100
    assert f"tertulis {typed * 100:.2f} %".replace(".", ",") in msg
    assert f"seharusnya {computed:.2f} %".replace(".", ",") in msg
    shown = stored_value(out.read_bytes(), "Capaian", f"{col_letter(COL['Capaian Dilaporkan (%)'])}{FIRST_ROW + 1}")
    assert shown == pytest.approx(typed * 100)


def test_a_stated_plain_number_is_quoted_with_at_most_4_decimals(tmp_path):
    src = filled(tmp_path, [{"sasaran": "S", "indikator": "I", "target": 100, "realisasi": 90,
                             "capaian_dilaporkan": 95.123456}])
    msg = next(f.message for f in check(src).findings if f.code == "PK-008")
    assert "tertulis 95,1235 %" in msg
