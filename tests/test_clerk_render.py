"""The clerk's view printed by LibreOffice: the computed example, the template and the Word report.

Rendered once for the module (LibreOffice is slow); the page images are kept as PNG in the
module's temporary folder (CLERK_RENDER_DIR=... keeps them elsewhere) so a person can look at
them. The checks read the page text: what must be printed is printed whole, what must not
(the technical link column, English class names) is not.
"""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from support.builders import example
from support.render_pdf import page_count, require_poppler, to_pdf
from sakip_xl.engine import compute
from sakip_xl.examples import template_bytes
from sakip_xl.report import write

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True,
                          text=True).stdout


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    require_poppler()
    tmp = tmp_path_factory.mktemp("clerk-render")
    out = tmp / "hasil.xlsx"
    compute(example(tmp), out)
    docx = write(out, tmp / "laporan.docx")
    template = tmp / "template.xlsx"
    template.write_bytes(template_bytes())
    keep = Path(os.environ.get("CLERK_RENDER_DIR", tmp / "png"))
    keep.mkdir(parents=True, exist_ok=True)
    pdfs = {}
    for name, src in (("hasil", out), ("laporan", docx), ("template", template)):
        pdf = to_pdf(src, tmp / "pdf", tmp / "profile")
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(keep / name)], check=True, capture_output=True)
        pdfs[name] = pdf
    return pdfs, keep


def test_pages_were_rendered_for_a_person_to_look_at(rendered):
    pdfs, keep = rendered
    for name, pdf in pdfs.items():
        assert page_count(pdf) >= 1
        assert len(list(keep.glob(f"{name}-*.png"))) == page_count(pdf)


def _pages_of(pdf: Path, footer: str) -> str:
    """The text of the pages whose footer names `footer` (each computed sheet prints its title there)."""
    pages = _text(pdf).split("\f")
    return "\f".join(p for p in pages if re.search(rf"{re.escape(footer)}\s+Halaman \d+ dari", p))


def test_perbandingan_prints_the_lkjip_tables_without_the_link_column(rendered):
    text = _pages_of(rendered[0]["hasil"], "Perbandingan Kinerja")
    assert "Tabel 3.3 Perbandingan Realisasi Kinerja" in text
    assert "Sel di Renstra" not in text and "Renstra!E" not in text
    assert "Data nasional" in text and "tersedia" in text
    assert "###" not in text


def test_hasil_skm_headers_are_not_broken_inside_a_word(rendered):
    text = _text(rendered[0]["hasil"])
    assert "Responden" in text
    assert not re.search(r"Respond\s+en\b", text)


def test_petunjuk_lines_print_whole(rendered):
    text = _text(rendered[0]["template"])
    assert "1. Isi lembar Pengaturan (identitas instansi, tahun, aturan perhitungan)." in text
    assert "3. Simpan, lalu jalankan: sakip-xl compute NAMA-FILE.xlsx" in [" ".join(x.split()) for x in text.splitlines()]


def test_report_tables_are_numbered_once_and_words_are_whole(rendered):
    text = _text(rendered[0]["laporan"])
    numbers = re.findall(r"Tabel 3\.(\d+)\b", text)
    assert numbers == sorted(set(numbers), key=int)          # each number once, in order
    assert "Tabel 3.5" in text                                # sasaran 2 continues the numbering
    assert not re.search(r"[a-z]-\n\s*[a-z]", text)          # no word hyphenated across lines
