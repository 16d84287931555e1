"""What a clerk sees: no clipped text in what the tool writes, print layout, charts, Word report tables.

The clipping checks estimate each text's width from its font against its cell (tests/support/clipcheck.py)
over what the writers produce: every computed sheet, the template, the example workbook and a
rekap workbook. tests/test_clerk_render.py looks at the same files printed by LibreOffice.
"""
from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest
import xlsxwriter
from lxml import etree

from support.builders import example, filled
from support.clipcheck import clipped, text_width, wrapped_lines
from support.rekap_builders import opd_folder
from sakip_xl.engine import analyze, compute
from sakip_xl.examples import template_bytes
from sakip_xl.rekap import recap, render
from sakip_xl.report import build
from sakip_xl.sections import tool_sheets
from test_presentation import Package

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("clerk")
    out = tmp / "hasil.xlsx"
    compute(example(tmp), out)
    return out


@pytest.fixture(scope="module")
def rekap_file(tmp_path_factory):
    root = tmp_path_factory.mktemp("rekap-clerk")
    paths = opd_folder(root / "opd", 3)
    (root / "opd" / "rusak.xlsx").write_bytes(paths[0].read_bytes()[:3000])
    out = root / "rekap.xlsx"
    out.write_bytes(render(recap(root / "opd", jobs=1), str(root)))
    return out


# --- the checker itself can fail ---------------------------------------------------------

def test_the_clip_checker_finds_clipped_text(tmp_path):
    path = tmp_path / "klip.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("L")
    wrap = wb.add_format({"text_wrap": True})
    center = wb.add_format({"align": "center"})
    ws.set_column(0, 3, 10)
    ws.write_string(0, 0, "Meningkatnya Koordinasi bidang Pemerintahan", wrap)        # 4+ lines in 15 pt
    ws.write_formula(1, 0, '=""', None, "")
    ws.write_formula(1, 1, '="Data nasional tidak tersedia"', center, "Data nasional tidak tersedia")
    ws.write_formula(1, 2, '=""', None, "")
    ws.write_number(2, 0, 3387235094.0, wb.add_format({"num_format": "#,##0.00"}))    # shows ###
    ws.write_string(3, 0, "Pendek", wrap)                                               # fits
    ws.write_string(4, 0, "Teks panjang yang boleh meluber ke kanan")                   # neighbours empty
    ws.set_row(5, 60)
    ws.write_string(5, 0, "Meningkatnya Koordinasi bidang", wrap)                      # 3 lines in 60 pt
    wb.close()
    found = {c.cell for c in clipped(path)}
    assert found == {"A1", "B2", "A3"}


def test_width_estimates():
    assert text_width("0000000000") == pytest.approx(10.0)
    assert text_width("Responden", bold=True) > 8               # does not fit a column 8 wide
    assert wrapped_lines("Data nasional tidak tersedia", 13.0 - 0.6) == 2
    assert wrapped_lines("Sangat Baik", 12 - 0.6) == 1


# --- no clipped text in what the tool writes ---------------------------------------------

def test_no_clipped_text_in_the_computed_sheets(finished):
    found = clipped(finished, tool_sheets())
    assert not found, "\n".join(map(str, found))


def test_no_clipped_text_in_the_template(tmp_path):
    path = tmp_path / "template.xlsx"
    path.write_bytes(template_bytes())
    found = clipped(path)
    assert not found, "\n".join(map(str, found))


def test_no_clipped_text_in_the_example_workbook(tmp_path):
    found = clipped(example(tmp_path))
    assert not found, "\n".join(map(str, found))


def test_no_clipped_text_in_the_rekap_workbook(rekap_file):
    found = clipped(rekap_file)
    assert not found, "\n".join(map(str, found))


# --- sheets ------------------------------------------------------------------------------

def _print_area(pkg, sheet):
    return next(text for name, where, text in pkg.defined if name == "_xlnm.Print_Area" and where == sheet)


def _last_col(area: str) -> int:
    letters = re.findall(r"\$([A-Z]+)\$\d+", area)[-1]
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def test_tabel_33_prints_without_the_technical_link_column(finished):
    pkg = Package(finished)
    ws = openpyxl.load_workbook(finished)["Perbandingan"]
    link = next((c for row in ws.iter_rows() for c in row if c.value == "Sel di Renstra"), None)
    assert link is not None                                       # still there on the screen
    assert link.column - 1 > _last_col(_print_area(pkg, "Perbandingan"))
    heads = [c.value for c in ws[link.row]]
    assert "Tingkat Kemajuan (%)" in heads


def test_data_nasional_tidak_tersedia_wraps_in_a_tall_enough_row(finished):
    ws = openpyxl.load_workbook(finished)["Perbandingan"]
    cells = [c for row in ws.iter_rows() for c in row if c.value and "Data nasional" in str(c.value)]
    assert cells and all(c.alignment.wrap_text for c in cells)


def test_template_title_rows_carry_no_input_borders_or_fill(tmp_path):
    path = tmp_path / "template.xlsx"
    path.write_bytes(template_bytes())
    wb = openpyxl.load_workbook(path)
    for name in ("PK", "Anggaran", "SKM"):
        ws = wb[name]
        for r in (1, 2):
            dim = ws.row_dimensions[r]
            assert dim.s is not None and dim.s > 0, (name, r)          # a row style overrides the columns'
            assert dim.border.left.style is None and dim.fill.fill_type in (None, "none"), (name, r)


def test_hasil_skm_summary_labels_sit_at_the_top(finished):
    ws = openpyxl.load_workbook(finished)["Hasil SKM"]
    labels = [ws.cell(r, 2) for r in range(4, 14) if ws.cell(r, 2).value]
    assert labels and all(c.alignment.vertical == "top" for c in labels)


def test_rekap_opd_prints_readable_across_pages(rekap_file):
    pkg = Package(rekap_file)
    root = pkg.sheet("Rekap OPD")
    widths = sum(float(c.get("width")) * (int(c.get("max")) - int(c.get("min")) + 1)
                 for c in root.find(M + "cols"))
    fit = root.find(M + "pageSetup")
    pages = int(fit.get("fitToWidth", 1))
    assert pages > 1 and widths / pages <= 160              # not 24 columns on one A4 page
    titles = next(text for name, where, text in pkg.defined if name == "_xlnm.Print_Titles" and where == "Rekap OPD")
    assert "$A:$B" in titles


def test_gagal_sheet_speaks_indonesian(rekap_file):
    ws = openpyxl.load_workbook(rekap_file)["Gagal"]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    assert any("tidak dapat dibaca" in t for t in texts)
    assert not [t for t in texts if re.search(r"[A-Za-z]+Error\b", t)]


# --- charts ------------------------------------------------------------------------------

def _all_charts(pkg):
    return [c for name in pkg.sheets for c in pkg.charts(name)]


def test_chart_labels_show_the_value_only_and_say_so(finished):
    charts = _all_charts(Package(finished))
    labelled = [d for c in charts for d in c.iter(C + "dLbls")]
    assert labelled
    for d in labelled:
        flags = {el.tag.split("}")[1]: el.get("val") for el in d if el.tag.startswith(C + "show")}
        assert flags.get("showVal") == "1"
        assert flags.get("showCatName") == "0" and flags.get("showSerName") == "0", flags


def test_chart_axis_leaves_room_for_the_top_label(finished):
    pkg = Package(finished)
    analysis = analyze(finished.read_bytes())
    top = max(i.capaian for i in analysis.indicators if i.capaian is not None)
    chart, = pkg.charts("Capaian")
    maxima = [float(m.get("val")) for m in chart.iter(C + "max")]
    assert maxima and max(maxima) >= top * 1.1


def test_an_unmeasured_indicator_has_no_zero_label(tmp_path):
    out = tmp_path / "hasil.xlsx"
    compute(filled(tmp_path, [{"sasaran": "S", "indikator": "Diukur", "target": 100, "realisasi": 90},
                              {"sasaran": "S", "indikator": "Belum diukur", "target": 100}]), out)
    chart, = Package(out).charts("Capaian")
    deleted = [d for d in chart.iter(C + "dLbl") if d.find(C + "delete") is not None]
    assert [d.find(C + "idx").get("val") for d in deleted] == ["1"]
    ws = openpyxl.load_workbook(out)["Capaian"]
    assert any("(tidak diukur)" in str(c.value) for row in ws.iter_rows() for c in row if c.value)


def test_serapan_per_jenis_chart_leaves_out_the_total_line(tmp_path):
    from support.builders import JELBUK_SETTINGS, write
    from sakip_xl.template import build_template
    belanja = [{"jenis_belanja": "Belanja Pegawai", "pagu": 100, "realisasi": 90},
               {"jenis_belanja": "Belanja Barang dan Jasa", "pagu": 300, "realisasi": 150},
               {"jenis_belanja": "JUMLAH", "pagu": 400, "realisasi": 240}]
    pk = [{"sasaran": "S", "indikator": "I", "target": 100, "realisasi": 90}]
    src = write(tmp_path / "belanja.xlsx", build_template(JELBUK_SETTINGS, {"PK": pk, "Belanja": belanja}))
    out = tmp_path / "hasil.xlsx"
    compute(src, out)
    pkg = Package(out)
    wb = openpyxl.load_workbook(out)
    charts = [c for c in pkg.charts("Hasil Anggaran") if "Serapan per Jenis Belanja" in "".join(c.itertext())]
    assert charts
    for chart in charts:
        ref = chart.find(f".//{C}cat//{C}f").text
        sheet, rng = ref.rsplit("!", 1)
        labels = [str(c.value or "") for row in wb[sheet.strip("'")][rng.replace("$", "")] for c in row]
        assert labels == ["Belanja Pegawai", "Belanja Barang dan Jasa"], labels


# --- Word report -------------------------------------------------------------------------

def test_report_tables_are_numbered_once_each(finished):
    report = build(analyze(finished.read_bytes()))
    titles = [t.title for t in report.tables()]
    assert titles == [f"Tabel 3.{k}" for k in range(1, len(titles) + 1)]
    assert len([t for t in report.tables() if t.key == "3.2"]) > 1        # two sasaran: numbered apart


def test_look_alike_tables_say_what_differs(finished):
    report = build(analyze(finished.read_bytes()))
    caps = {t.key: t.caption for t in report.tables()}
    assert "responden" in caps["skm"] and "SKM Distribusi" in caps["skm-distribusi"]
    assert caps["skm"] != caps["skm-distribusi"]
    if "belanja" in caps and "jenis-belanja" in caps:
        assert "Belanja" in caps["belanja"] and "Anggaran" in caps["jenis-belanja"]


def test_report_table_text_does_not_hyphenate(finished, tmp_path):
    from sakip_xl.report import write
    out = write(finished, tmp_path / "bab3.docx")
    doc = etree.fromstring(zipfile.ZipFile(out).read("word/document.xml"))
    cells = list(doc.iter(W + "tc"))
    assert cells
    for tc in cells:
        for p in tc.iter(W + "p"):
            if not "".join(t.text or "" for t in p.iter(W + "t")):
                continue
            ppr = p.find(W + "pPr")
            assert ppr is not None and ppr.find(W + "suppressAutoHyphens") is not None
    # schema order: suppressAutoHyphens comes before spacing and jc
    for ppr in doc.iter(W + "pPr"):
        tags = [el.tag for el in ppr]
        if W + "suppressAutoHyphens" in tags:
            at = tags.index(W + "suppressAutoHyphens")
            assert all(t not in tags[:at] for t in (W + "spacing", W + "jc"))

