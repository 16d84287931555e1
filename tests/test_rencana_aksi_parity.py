"""LibreOffice recalculates Hasil Rencana Aksi: every stored value must agree."""
from __future__ import annotations

import pytest

from support.lo_oracle import compare_with_engine
from sakip_xl.engine import compute
from test_rencana_aksi import PK, RA, _workbook

pytestmark = pytest.mark.libreoffice


def test_rencana_aksi_parity(tmp_path):
    out = tmp_path / "hasil.xlsx"
    compute(_workbook(tmp_path), out)
    assert compare_with_engine(out, tmp_path / "lo", sheets=["Hasil Rencana Aksi"]) == []


def test_rencana_aksi_parity_tricky(tmp_path):
    pk = [dict(r) for r in PK] + [
        {"sasaran": "S3", "indikator": "Negatif T/R", "polaritas": "negatif", "target": 5, "tw1": 0, "tw2": "4",
         "tw3": 6, "tw4": 5, "cara_tahunan": "jumlah"},
    ]
    ra = [dict(r) for r in RA] + [
        {"indikator": "Negatif T/R", "target_tw1": "5", "target_tw2": 0, "target_tw3": 5, "target_tw4": 5},
    ]
    out = tmp_path / "hasil.xlsx"
    compute(_workbook(tmp_path, pk, ra, name="tricky.xlsx"), out)
    assert compare_with_engine(out, tmp_path / "lo", sheets=["Hasil Rencana Aksi"]) == []


def test_rencana_aksi_parity_t_over_r(tmp_path):
    from sakip_xl.seed_data import JELBUK_SETTINGS
    from sakip_xl.template import build_template
    pk = [{"sasaran": "S", "indikator": "Waktu", "polaritas": "negatif", "target": 5, "tw1": 0, "tw2": 4,
           "tw3": 6, "tw4": 5, "cara_tahunan": "rata-rata"}]
    ra = [{"indikator": "Waktu", "target_tw1": 5, "target_tw2": 5, "target_tw3": 5, "target_tw4": 5}]
    path = tmp_path / "tr.xlsx"
    path.write_bytes(build_template(dict(JELBUK_SETTINGS, rumus_negatif="T/R"), {"PK": pk, "Rencana Aksi": ra}))
    out = tmp_path / "hasil.xlsx"
    report = compute(path, out)
    assert compare_with_engine(out, tmp_path / "lo", sheets=["Hasil Rencana Aksi"]) == []
