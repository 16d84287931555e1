"""The finished example printed by LibreOffice: every computed sheet on readable pages, charts drawn.

Pages are told apart by the footer every computed sheet prints ("<title>  Halaman n dari N");
a chart is seen as many pixels of its series colour on its sheet's pages (and none on
pages without that chart).
"""
from __future__ import annotations

import pytest

from support.anggaran_builders import budget_workbook
from support.builders import example
from support.lo_oracle import compare_with_engine
from support.render_pdf import colour_pixels, ink, page_count, page_image, page_text, require_poppler, to_pdf
from test_anggaran_parity import PK_ROWS, TRICKY_CODES
from sakip_xl.engine import compute
from sakip_xl.write.presentation import BAR_BLUE, BAR_GREEN, BAR_ORANGE, LINE_RED

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]

TITLES = {"Capaian Kinerja": "Capaian", "Akuntabilitas Keuangan": "Hasil Anggaran",
          "Perbandingan Kinerja": "Perbandingan", "Hasil Survei Kepuasan Masyarakat": "Hasil SKM",
          "Hasil SKM dari Distribusi Jawaban": "Hasil SKM Distribusi", "Pemeriksaan (Temuan)": "Pemeriksaan"}
PAGU_BLUE = "#4472C4"      # the Anggaran and SKM charts' bars
MIN_CHART_PIXELS = 400     # at 50 dpi a chart's bars cover thousands of pixels


def sheet_pages(pdf) -> dict[str, list[int]]:
    """Computed sheet -> its pages, from the footer each of them prints."""
    pages: dict[str, list[int]] = {}
    for page in range(1, page_count(pdf) + 1):
        for line in page_text(pdf, page).splitlines():
            if "Halaman" in line and " dari " in line:
                title = line.split("Halaman")[0].strip()
                if title in TITLES:
                    pages.setdefault(TITLES[title], []).append(page)
    return pages


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    require_poppler()
    tmp = tmp_path_factory.mktemp("print")
    out = tmp / "hasil.xlsx"
    compute(example(tmp), out)
    pdf = to_pdf(out, tmp / "pdf", tmp / "profile")
    pages = sheet_pages(pdf)
    images = {p: page_image(pdf, p, tmp) for ps in pages.values() for p in ps}
    return out, pdf, pages, images, tmp


def test_every_computed_sheet_is_printed_with_its_footer(printed):
    out, pdf, pages, images, _ = printed
    assert pdf.is_file() and pdf.stat().st_size > 10_000
    assert set(pages) == set(TITLES.values())
    for sheet, numbers in pages.items():
        for p in numbers:
            text = page_text(pdf, p)
            assert "Kecamatan Jelbuk, Kabupaten Jember" in text and "Tahun 2021" in text, (sheet, p)
        assert ink(images[numbers[0]]) > 0.01, sheet          # the first page of a sheet is never blank
    assert len(pages["Capaian"]) == 1                             # the report columns fit one page


def _pixels(pages, images, sheet, colour):
    return max(colour_pixels(images[p], colour) for p in pages[sheet])


def test_charts_are_drawn_on_their_sheets_only(printed):
    out, pdf, pages, images, _ = printed
    assert _pixels(pages, images, "Capaian", BAR_BLUE) > MIN_CHART_PIXELS
    assert _pixels(pages, images, "Capaian", LINE_RED) > 20
    assert _pixels(pages, images, "Hasil Anggaran", PAGU_BLUE) > MIN_CHART_PIXELS
    assert _pixels(pages, images, "Hasil Anggaran", BAR_ORANGE) > MIN_CHART_PIXELS
    assert _pixels(pages, images, "Hasil SKM", PAGU_BLUE) > MIN_CHART_PIXELS
    for sheet in ("Perbandingan", "Pemeriksaan"):                 # no chart there: the check can tell
        assert _pixels(pages, images, sheet, BAR_BLUE) < 20
        assert _pixels(pages, images, sheet, PAGU_BLUE) < 20


def test_parity_of_every_sheet_with_charts_and_print_setup(printed):
    out, pdf, pages, images, tmp = printed
    sheets = ["Capaian", "Hasil Anggaran", "Perbandingan", "Hasil SKM", "Hasil SKM Distribusi", "Pemeriksaan"]
    assert compare_with_engine(out, tmp / "lo", sheets=sheets) == []


def test_serapan_per_class_chart_is_printed(tmp_path):
    require_poppler()
    out = tmp_path / "hasil.xlsx"
    compute(budget_workbook(tmp_path, TRICKY_CODES, pk=PK_ROWS), out)
    assert compare_with_engine(out, tmp_path / "lo", sheets=["Hasil Anggaran", "Capaian"]) == []
    pdf = to_pdf(out, tmp_path / "pdf", tmp_path / "profile")
    pages = sheet_pages(pdf)
    assert max(colour_pixels(page_image(pdf, p, tmp_path), BAR_GREEN) for p in pages["Hasil Anggaran"]) \
        > MIN_CHART_PIXELS
