"""Print setup, charts and layout of the computed sheets (read from the finished workbook's XML)."""
from __future__ import annotations

import posixpath
import re
import textwrap
import zipfile

import openpyxl
import pytest
from hypothesis import given, strategies as st
from lxml import etree

from support.anggaran_builders import budget_workbook
from support.builders import JELBUK_SETTINGS, example, filled
from test_anggaran_parity import PK_ROWS, TRICKY_CODES
from sakip_xl.pk.analyze import summarize
from sakip_xl.pk import capaian as C
from sakip_xl.engine import check, compute
from sakip_xl.seed_data import JELBUK_PK
from sakip_xl.sections import tool_sheets
from sakip_xl.pk import sheet as CS
from sakip_xl.write.common import LINE_HEIGHT, lines_needed
from sakip_xl.write.presentation import HEADER_LIMIT, Page, header_footer, header_text

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CH = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


class Package:
    """The sheets of a finished workbook by name, with their drawings' charts."""

    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        book = etree.fromstring(self.zip.read("xl/workbook.xml"))
        rels = self._rels("xl/workbook.xml")
        self.sheets = {s.get("name"): rels[s.get(R + "id")] for s in book.iter(M + "sheet")}
        self.names = {}
        for i, s in enumerate(book.iter(M + "sheet")):
            self.names[i] = s.get("name")
        self.defined = [(d.get("name"), self.names.get(int(d.get("localSheetId", -1))), d.text)
                        for d in book.iter(M + "definedName")]

    def _rels(self, part):
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if rels not in self.zip.namelist():
            return {}
        root = etree.fromstring(self.zip.read(rels))
        return {r.get("Id"): posixpath.normpath(posixpath.join(folder, r.get("Target")))
                for r in root.iter(PR + "Relationship")}

    def sheet(self, name):
        return etree.fromstring(self.zip.read(self.sheets[name]))

    def charts(self, name):
        """The chart XML roots drawn on sheet `name`."""
        part = self.sheets[name]
        found = []
        for target in self._rels(part).values():
            if "/drawings/" in target:
                for chart in self._rels(target).values():
                    if "/charts/" in chart:
                        found.append(etree.fromstring(self.zip.read(chart)))
        return found


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("present")
    out = tmp / "hasil.xlsx"
    compute(example(tmp), out)
    return out


def _computed_sheets(pkg):
    return [name for name in tool_sheets() if name in pkg.sheets]


def test_every_computed_sheet_prints_on_a4_fit_to_width(finished):
    pkg = Package(finished)
    names = _computed_sheets(pkg)
    assert {"Capaian", "Hasil Anggaran", "Perbandingan", "Hasil SKM", "Hasil SKM Distribusi", "Pemeriksaan"} <= set(names)
    for name in names:
        root = pkg.sheet(name)
        setup = root.find(M + "pageSetup")
        assert setup is not None, name
        assert setup.get("paperSize") == "9", name
        assert setup.get("orientation") == "landscape", name
        assert (setup.get("fitToWidth", "1"), setup.get("fitToHeight")) == ("1", "0"), name
        assert root.find(f"{M}sheetPr/{M}pageSetUpPr").get("fitToPage") == "1", name
        hf = root.find(M + "headerFooter")
        header, footer = hf.findtext(M + "oddHeader"), hf.findtext(M + "oddFooter")
        assert "Kecamatan Jelbuk, Kabupaten Jember" in header and "Tahun 2021" in header, name
        assert "Halaman &P dari &N" in footer, name


def test_header_rows_repeat_and_print_area_leaves_out_helper_columns(finished):
    pkg = Package(finished)
    titles = {sheet: text for name, sheet, text in pkg.defined if name == "_xlnm.Print_Titles"}
    assert titles["Capaian"] == "Capaian!$4:$4"
    assert titles["Pemeriksaan"] == "Pemeriksaan!$9:$9"
    areas = {sheet: text for name, sheet, text in pkg.defined if name == "_xlnm.Print_Area"}
    last = CS.COL["Capaian Dilaporkan (%)"]
    assert re.fullmatch(rf"Capaian!\$A\$1:\${chr(65 + last)}\$\d+", areas["Capaian"])
    assert areas["Hasil Anggaran"].startswith("'Hasil Anggaran'!$A$1:$L$")


def test_computed_sheets_have_no_header_images_comments_or_vml(finished):
    pkg = Package(finished)
    for name in _computed_sheets(pkg):
        targets = pkg._rels(pkg.sheets[name]).values()
        assert not [t for t in targets if "vmlDrawing" in t or "comments" in t or "/media/" in t], name
        assert pkg.sheet(name).find(M + "legacyDrawingHF") is None, name


def _series_refs(chart, kind):
    return [s.findtext(f"{CH}val/{CH}numRef/{CH}f") for plot in chart.iter(CH + kind) for s in plot.iter(CH + "ser")]


def test_capaian_chart_bars_against_the_100_line(finished):
    pkg = Package(finished)
    charts = pkg.charts("Capaian")
    assert len(charts) == 1
    n = len(JELBUK_PK)
    first, last = CS.FIRST_ROW + 1, CS.FIRST_ROW + n
    col = lambda name: chr(65 + CS.COL[name]) if CS.COL[name] < 26 else "A" + chr(65 + CS.COL[name] - 26)
    assert _series_refs(charts[0], "barChart") == [f"Capaian!${col('Capaian (%)')}${first}:${col('Capaian (%)')}${last}"]
    line = col("Garis 100 % (Grafik)")
    assert _series_refs(charts[0], "lineChart") == [f"Capaian!${line}${first}:${line}${last}"]
    ws = openpyxl.load_workbook(finished, data_only=True)["Capaian"]
    assert [ws[f"{line}{r}"].value for r in range(first, last + 1)] == [100] * n
    labels = [ws[f"{col('Label Grafik')}{r}"].value for r in range(first, last + 1)]
    assert labels[0] == "1. Nilai SKM dalam Bidang Pelayanan Publik"
    assert all(len(label) <= 52 for label in labels) and labels[1].endswith("…")


def test_charts_of_the_other_sheets(finished):
    pkg = Package(finished)
    ang = pkg.charts("Hasil Anggaran")
    assert len(ang) == 1 and len(_series_refs(ang[0], "barChart")) == 2        # pagu and realisasi per programme
    skm = pkg.charts("Hasil SKM")
    assert len(skm) == 1 and _series_refs(skm[0], "lineChart")                  # elements with the average line


def test_serapan_per_spending_class_chart(tmp_path):
    out = tmp_path / "hasil.xlsx"
    report = compute(budget_workbook(tmp_path, TRICKY_CODES, pk=PK_ROWS), out)
    assert report.analysis.results["anggaran"].class_rows
    charts = Package(out).charts("Hasil Anggaran")
    titles = ["".join(c.itertext()) for c in charts]
    assert len(charts) == 2 and any("Serapan per Jenis Belanja" in t for t in titles)


def test_capaian_summary_sits_under_the_main_columns(finished):
    ws = openpyxl.load_workbook(finished, data_only=True)["Capaian"]
    rows = {ws.cell(r, 2).value: r for r in range(1, ws.max_row + 1)}
    analysis = check(finished).analysis
    summaries = summarize(analysis.indicators, analysis.settings)
    mean_col, kat_col = CS.COL["Capaian (%)"] + 1, CS.COL["Kategori"] + 1
    for s in summaries:
        r = rows[s.sasaran] if list(rows).count(s.sasaran) == 1 else max(
            x for x in range(1, ws.max_row + 1) if ws.cell(x, 2).value == s.sasaran)
        assert ws.cell(r, mean_col).value == pytest.approx(s.mean) and ws.cell(r, kat_col).value == s.kategori
    overall = C.mean([i.capaian_dibatasi for i in analysis.indicators])
    r = rows["Seluruh indikator"]
    assert ws.cell(r, mean_col).value == pytest.approx(overall)
    assert ws.cell(r, kat_col).value == C.kategori(overall, analysis.settings.scale)
    header = r - len(summaries) - 1
    assert ws.cell(header, mean_col).value == "Rata-rata Capaian (%)" and ws.cell(header, kat_col).value == "Kategori"


def test_wrapped_sasaran_and_indicator_rows_are_tall_enough(finished):
    ws = openpyxl.load_workbook(finished)["Capaian"]
    widths = dict(CS.HEADERS)
    for i, ind in enumerate(JELBUK_PK):
        r = CS.FIRST_ROW + 1 + i
        sasaran, indikator = ws.cell(r, 2).value, ws.cell(r, 3).value
        lines = max(lines_needed(sasaran, widths["Sasaran Strategis"]), lines_needed(indikator, widths["Indikator Kinerja"]))
        height = ws.row_dimensions[r].height or LINE_HEIGHT
        assert height >= LINE_HEIGHT * lines, (r, height, lines)
    assert lines_needed(ws.cell(CS.FIRST_ROW + 2, 2).value, widths["Sasaran Strategis"]) >= 3


def test_finished_example_rechecks_clean_and_recomputes_byte_identical(finished, tmp_path):
    report = check(finished)
    assert not [f for f in report.findings if f.code.startswith("WB-")]
    again = tmp_path / "lagi.xlsx"
    compute(finished, again)
    assert again.read_bytes() == finished.read_bytes()


def test_ampersand_in_instansi_is_printed_as_typed(tmp_path):
    settings = dict(JELBUK_SETTINGS, instansi="Dinas PU & Perkim", kabupaten="Kab. A&B")
    out = tmp_path / "hasil.xlsx"
    compute(filled(tmp_path, JELBUK_PK, settings), out)
    header = Package(out).sheet("Capaian").find(f"{M}headerFooter/{M}oddHeader").text
    assert "Dinas PU && Perkim, Kab. A&&B" in header


# --- helpers, as properties -------------------------------------------------------

@given(st.text(max_size=400))
def test_header_text_has_no_bare_ampersand_and_is_one_short_line(s):
    out = header_text(s)
    assert "&" not in out.replace("&&", "")
    assert "\n" not in out and "\r" not in out
    assert len(out.replace("&&", "&")) <= 70


@given(st.text(max_size=300), st.text(max_size=300), st.one_of(st.none(), st.integers(1900, 2999)), st.text(max_size=200))
def test_header_and_footer_fit_excel_limit(instansi, kabupaten, tahun, title):
    header, footer = header_footer(Page(instansi, kabupaten, tahun), title)
    assert len(header) <= HEADER_LIMIT and len(footer) <= HEADER_LIMIT
    assert footer.endswith("Halaman &P dari &N")


@pytest.mark.parametrize("tahun, expected", [(2021, 2021), (2021.0, 2021), ("2021", 2021), ("dua ribu", None),
                                             (None, None), (12, None)])
def test_page_year_from_settings(tahun, expected):
    assert Page.of({"tahun": tahun, "instansi": "X"}).tahun == expected


_WORD = st.text(alphabet="abcdefghij", min_size=1, max_size=12)


@given(st.lists(_WORD, max_size=40), st.integers(12, 60))
def test_lines_needed_is_a_greedy_word_wrap(words, width):
    text = " ".join(words)
    per_line = int(width * 1.15 - 1)
    assert lines_needed(text, width) == max(1, len(textwrap.wrap(text, per_line)))


@pytest.mark.parametrize("text, width, lines", [
    ("", 10, 1), ("abc", 10, 1), ("a" * 30, 10, 3), ("aaaa bbbb", 5, 2), ("aaaa bbbb", 4, 4), ("x\ny", 30, 2),
    ("Meningkatnya Koordinasi bidang Pemerintahan, Pembangunan dan Penyelenggaraan Pemerintahan Wilayah "
     "Kecamatan", 34, 4),
])
def test_lines_needed_examples(text, width, lines):
    assert lines_needed(text, width) == lines
