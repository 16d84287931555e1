"""The analysis sheets under LibreOffice: the stored values recalculate the same, and the Word
report, converted to PDF, shows the user's analysis text and the SKM follow-up table."""
from __future__ import annotations

import pytest

from support.analisis_helpers import ANALISIS_ROWS, FOLLOW_ROWS, analysed_example
from support.lo_oracle import compare_with_engine
from support.render_pdf import page_count, page_text, require_poppler, to_pdf
from sakip_xl.engine import compute
from sakip_xl.report import write

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]


def test_analisis_and_follow_up_parity(tmp_path):
    out = tmp_path / "hasil.xlsx"
    compute(analysed_example(tmp_path), out)
    assert compare_with_engine(out, tmp_path / "lo", sheets=["Analisis Capaian", "Hasil SKM"]) == []


def _squash(s: str) -> str:
    return " ".join(s.split())


def test_rendered_report_shows_the_analysis_and_the_follow_up(tmp_path):
    require_poppler()
    doc = write(analysed_example(tmp_path), tmp_path / "laporan.docx")
    pdf = to_pdf(doc, tmp_path / "pdf", tmp_path / "profile")
    text = _squash("\n".join(page_text(pdf, p) for p in range(1, page_count(pdf) + 1)))
    for row in ANALISIS_ROWS[:2]:
        assert _squash(f"Penyebab Keberhasilan/Kegagalan: {row['penyebab']}") in text
        assert _squash(f"Rencana Tindak Lanjut: {row['tindak_lanjut']}") in text
    assert "Rencana Tindak Lanjut Hasil Survei Kepuasan Masyarakat" in text
    words = set(text.split())
    for row in FOLLOW_ROWS[:2]:     # table cells wrap: their words, each on the page
        for word in f"{row['rencana']} {row['penanggung_jawab']} {row['waktu']}".split():
            assert word in words, word
