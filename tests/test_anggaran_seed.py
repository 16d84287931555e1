"""The seed LKjIP's budget tables (Kecamatan Jelbuk 2021, Bab III C.1 and C.2) through the tool."""
from __future__ import annotations

import zipfile

import openpyxl
import pytest

from support.anggaran_builders import ang, bel, budget_workbook
from support.builders import example, free_layout
from sakip_xl.anggaran.examples import JELBUK_ANGGARAN, JELBUK_BELANJA
from sakip_xl.anggaran.sheet import COL, SHEET
from sakip_xl.engine import check, compute

SUM_OR_PERCENT = {"ANG-001", "ANG-002", "ANG-003", "ANG-004", "ANG-012"}

# (code, record index in the seed table, column, stated, computed): what the Inspektorat must be told.
SEED_EXPECTED = [
    ("ANG-001", 1, "realisasi", "33.458.470", "48.458.470"),      # programme II vs its kegiatan
    ("ANG-001", 5, "realisasi", "134.147.000", "190.972.560"),    # programme III vs its kegiatan
    ("ANG-003", 0, "serapan_dilaporkan", "87,54", "87,17"),       # programme I
    ("ANG-003", 1, "serapan_dilaporkan", "72,83", "56,61"),       # programme II
    ("ANG-003", 2, "serapan_dilaporkan", "70,45", "78,28"),
    ("ANG-003", 3, "serapan_dilaporkan", "81,00", "88,24"),
    ("ANG-003", 4, "serapan_dilaporkan", "81,01", "83,28"),
    ("ANG-003", 5, "serapan_dilaporkan", "72,76", "67,87"),       # programme III
    ("ANG-003", 6, "serapan_dilaporkan", "89,13", "86,71"),
    ("ANG-003", 7, "serapan_dilaporkan", "87,79", "96,80"),
    ("ANG-003", 8, "serapan_dilaporkan", "91,44", "98,34"),       # programme VI
    ("ANG-003", 9, "serapan_dilaporkan", "91,44", "98,34"),
    ("ANG-003", 10, "serapan_dilaporkan", "78,85", "74,21"),      # TOTAL
]


def _sum_and_percent_findings(report, sheet="Anggaran"):
    return {(f.code, f.cell): f.message for f in report.findings if f.sheet == sheet and f.code in SUM_OR_PERCENT}


def test_seed_table_gives_exactly_the_seed_errors(tmp_path):
    report = check(budget_workbook(tmp_path, JELBUK_ANGGARAN))
    got = _sum_and_percent_findings(report)
    assert set(got) == {(code, ang(key, i)) for code, i, key, _, _ in SEED_EXPECTED}
    for code, i, key, stated, computed in SEED_EXPECTED:
        message = got[(code, ang(key, i))]
        assert stated in message and computed in message, message
    assert got[("ANG-003", ang("serapan_dilaporkan", 0))] == "Serapan tertulis 87,54 %, seharusnya 87,17 %."


def test_seed_pagu_sums_hold(tmp_path):
    report = check(budget_workbook(tmp_path, JELBUK_ANGGARAN))
    assert not [f for f in report.findings if f.code in ("ANG-001", "ANG-002") and f.cell.startswith("E")]
    table = report.analysis.results["anggaran"].anggaran
    assert table.result.rincian["pagu"][5] == 197664800 == 3695000 + 193969800
    assert table.result.rincian["pagu"][0] is None          # programme I has no kegiatan: not checked
    assert table.result.total["pagu"] == 427148800


def test_seed_as_typed_in_a_free_layout_with_text_percentages(tmp_path):
    """The printed table pasted as text: headers as in the report, '87,54 %' as text."""
    grid = [["Alokasi Anggaran Belanja langsung per program"], [],
            ["No", "PROGRAM/ KEGIATAN", "ANGGARAN (Rp.)", "REALISASI (Rp)", "CAPAIAN (%)"]]
    for row in JELBUK_ANGGARAN:
        grid.append([row.get("kode"), row["uraian"], row["pagu"], row["realisasi"],
                     f"{row['serapan_dilaporkan']:.2f} %".replace(".", ",")])
    report = check(free_layout(tmp_path, {"PK": [["Sasaran", "Indikator", "Target", "Realisasi"]],
                                          "Anggaran": grid}))
    got = _sum_and_percent_findings(report)
    cols = {"realisasi": "D", "serapan_dilaporkan": "E"}
    assert set(got) == {(code, f"{cols[key]}{4 + i}") for code, i, key, _, _ in SEED_EXPECTED}
    assert "tertulis 87,54 %, seharusnya 87,17 %" in got[("ANG-003", "E4")]
    assert len([f for f in report.findings if f.code == "ANG-010"]) == len(JELBUK_ANGGARAN)


def test_seed_belanja_langsung_share(tmp_path):
    report = check(budget_workbook(tmp_path, belanja=JELBUK_BELANJA))
    bt = report.analysis.results["anggaran"].belanja
    assert round(bt.result.share[1], 2) == 96.25
    assert bt.result.total["pagu"] == 3387235094
    got = _sum_and_percent_findings(report, "Belanja")
    assert set(got) == {("ANG-012", bel("porsi_dilaporkan", 0)), ("ANG-012", bel("porsi_dilaporkan", 1))}
    assert got[("ANG-012", bel("porsi_dilaporkan", 1))] == "Porsi tertulis 21,28 %, seharusnya 96,25 %."


def _hasil(path):
    return openpyxl.load_workbook(path, data_only=True)[SHEET]


def _row_of(ws, text, col=2):
    for row in ws.iter_rows():
        if row[col - 1].value == text:
            return row
    raise AssertionError(f"{text!r} not in {SHEET}")


def test_example_workbook_shows_the_seed_errors_and_efficiency(tmp_path):
    out = tmp_path / "hasil.xlsx"
    report = compute(example(tmp_path), out)
    codes = [f.code for f in report.findings]
    assert codes.count("ANG-001") == 2 and codes.count("ANG-003") == 11 and codes.count("ANG-012") == 2
    ws = _hasil(out)
    bl = _row_of(ws, "Belanja Langsung")
    assert round(bl[COL["Porsi Pagu (%)"]].value, 2) == 96.25
    assert bl[COL["Porsi Dilaporkan (%)"]].value == 21.28
    prog2 = _row_of(ws, JELBUK_ANGGARAN[1]["uraian"])
    assert prog2[COL["Jumlah Rincian Realisasi"]].value == 48458470
    assert prog2[COL["Selisih Realisasi"]].value == -15000000
    layanan = _row_of(ws, "Meningkatnya Kualitas Pelayanan")
    assert [layanan[2].value, layanan[3].value] == [7559700, 7434000]
    assert round(layanan[6].value, 2) == 101.69 and layanan[8].value == "Efisien"
    koordinasi = _row_of(ws, JELBUK_ANGGARAN[5]["sasaran"])
    assert koordinasi[2].value == 197664800
    assert round(koordinasi[4].value, 2) == 96.61 and koordinasi[6].value == 80
    assert koordinasi[8].value == "Tidak efisien"
    assert round(koordinasi[5].value, 2) == 46.28          # share of the programme total (printed 46,08)


def test_example_has_the_programme_chart(tmp_path):
    out = tmp_path / "hasil.xlsx"
    compute(example(tmp_path), out)
    with zipfile.ZipFile(out) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    programme = [xml for xml in charts if "'Hasil Anggaran'!$C$" in xml]
    assert len(programme) == 1      # the other charts: Capaian, Hasil SKM
    assert "'Hasil Anggaran'!$D$" in programme[0] and "<c:barChart>" in programme[0]


@pytest.mark.parametrize("rule, margin, expected", [("Capaian >= Serapan", 0, "Efisien"),
                                                    ("Capaian > Serapan", 0, "Tidak efisien"),
                                                    ("Capaian >= Serapan", -1, "Efisien"),
                                                    ("Capaian >= Serapan", 1, "Tidak efisien")])
def test_efficiency_rule_from_pengaturan(tmp_path, rule, margin, expected):
    from support.builders import JELBUK_SETTINGS
    pk = [{"sasaran": "S", "indikator": "I", "target": 100, "realisasi": 80}]
    lines = [{"kode": "I", "uraian": "Program X", "pagu": 100, "realisasi": 80, "sasaran": "S"}]
    settings = dict(JELBUK_SETTINGS, efisiensi_aturan=rule, efisiensi_batas=margin)
    report = check(budget_workbook(tmp_path, lines, pk=pk, settings=settings))
    row = report.analysis.results["anggaran"].sasaran_rows[0]
    assert (row.capaian, row.serapan, row.verdict) == (80, 80, expected)
