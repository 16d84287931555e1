"""The Word report opens in LibreOffice: converted to PDF headless, its tables are on the pages."""
from __future__ import annotations

import pytest

from support.builders import example
from support.render_pdf import ink, page_count, page_image, page_text, require_poppler, to_pdf
from sakip_xl.report import write

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]


def test_docx_converts_to_pdf_with_its_tables(tmp_path):
    require_poppler()
    doc = write(example(tmp_path), tmp_path / "laporan.docx")
    pdf = to_pdf(doc, tmp_path / "pdf", tmp_path / "profile")
    assert pdf.is_file()
    pages = page_count(pdf)
    assert 2 <= pages <= 12
    text = "\n".join(page_text(pdf, p) for p in range(1, pages + 1))
    for needle in ("Tabel 3.1", "Tabel 3.2", "Tabel 3.3", "Tabel 3.4", "101,69 %", "86,44", "3.387.235.094",
                   "427.148.800", "Sangat Baik"):
        assert needle in text, needle
    assert ink(page_image(pdf, 1, tmp_path)) > 0.02
