"""The extended PK end to end: range and qualitative targets, quarters, the cap; LibreOffice parity."""
from __future__ import annotations

import math

import openpyxl
import pytest

from support.builders import JELBUK_SETTINGS, filled
from support.lo_oracle import compare_with_engine
from sakip_xl.pk import capaian as C
from sakip_xl.engine import check, compute
from sakip_xl.read.ordinal import OrdinalScale

EXTENDED_ROWS = [
    {"sasaran": "S1", "indikator": "rentang di atas", "target": 80, "target_atas": 90, "realisasi": 92},
    {"indikator": "rentang di bawah", "target": 80, "target_atas": 90, "realisasi": 70},
    {"indikator": "rentang di dalam", "target": 80, "target_atas": 90, "realisasi": 85},
    {"indikator": "waktu negatif cepat", "polaritas": "negatif", "target": 7, "target_atas": 8, "realisasi": 6.5},
    {"indikator": "waktu negatif lambat", "polaritas": "negatif", "target": 7, "target_atas": 8, "realisasi": 9},
    {"indikator": "rentang terbalik", "target": 90, "target_atas": 80, "realisasi": 85},
    {"indikator": "rentang teks", "target": "80", "target_atas": "90,5", "realisasi": 95},
    {"indikator": "rentang batas huruf", "target": 80, "target_atas": "sembilan", "realisasi": 95},
    {"indikator": "rentang nol", "target": 0, "target_atas": 5, "realisasi": -1},
    {"sasaran": "S2", "indikator": "predikat naik", "skala": "Predikat SAKIP", "target": "B", "realisasi": "BB"},
    {"indikator": "predikat turun", "skala": "Predikat SAKIP", "target": "BB", "realisasi": "b"},
    {"indikator": "opini", "skala": "Opini BPK", "target": "WTP", "realisasi": "WDP"},
    {"indikator": "opini wildcard", "skala": "Opini BPK", "target": "W*", "realisasi": "WT?"},
    {"indikator": "predikat di luar", "skala": "Predikat SAKIP", "target": "B", "realisasi": "E"},
    {"indikator": "predikat kosong", "skala": "Predikat SAKIP", "target": "B"},
    {"indikator": "predikat n/a", "skala": "Predikat SAKIP", "target": "B", "realisasi": "n/a"},
    {"indikator": "predikat target angka", "skala": "Predikat SAKIP", "target": 85, "realisasi": "A"},
    {"indikator": "skala tak dikenal", "skala": "Skala Lain", "target": 100, "realisasi": 90},
    {"sasaran": "S3", "indikator": "kumulatif", "target": 100, "tw1": 20, "tw2": 45, "tw3": 40, "tw4": 90},
    {"indikator": "kumulatif sebagian", "target": 100, "tw1": 20, "tw2": "45,5"},
    {"indikator": "jumlah", "target": 40, "tw1": 10, "tw2": 12, "tw3": 8, "tw4": 15, "cara_tahunan": "jumlah"},
    {"indikator": "rata-rata", "target": 85, "tw1": 80, "tw2": 90, "tw4": 70, "cara_tahunan": "rata-rata"},
    {"indikator": "tahunan diketik beda", "target": 100, "realisasi": 95, "tw1": 50, "tw4": 90},
    {"indikator": "cara aneh", "target": 100, "tw1": 50, "tw2": 60, "cara_tahunan": "median"},
    {"indikator": "melampaui", "target": 50, "realisasi": 80},
]

CUSTOM_SCALES = (OrdinalScale("Predikat SAKIP", ("D", "C", "CC", "B", "BB", "A", "AA")),
                 OrdinalScale("Opini BPK", ("TMP", "TW", "WDP", "WTP", "wtp")))


def _rows(path):
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb["Capaian"]
    head = [c.value for c in ws[4]]
    out = {}
    for r in range(5, ws.max_row + 1):
        values = [c.value for c in ws[r]]
        if values[2] is None:
            break
        out[values[2]] = dict(zip(head, values))
    return out


def test_extended_rows_compute(tmp_path):
    out = tmp_path / "hasil.xlsx"
    settings = dict(JELBUK_SETTINGS, batas_capaian="120")
    report = compute(filled(tmp_path, EXTENDED_ROWS, settings), out)
    rows = _rows(out)
    assert math.isclose(rows["rentang di atas"]["Capaian (%)"], 102.22222222222223)
    assert rows["rentang di bawah"]["Capaian (%)"] == 87.5
    assert rows["rentang di dalam"]["Capaian (%)"] == 100
    assert math.isclose(rows["waktu negatif cepat"]["Capaian (%)"], 107.14285714285714)
    assert rows["waktu negatif lambat"]["Capaian (%)"] == 87.5
    assert rows["rentang terbalik"]["Status"] == C.STATUS_BAD_RANGE
    assert rows["rentang teks"]["Target Batas Atas"] == 90.5
    assert rows["rentang nol"]["Status"] == C.STATUS_ZERO_TARGET
    assert rows["predikat naik"]["Capaian (%)"] == 125 and rows["predikat naik"]["Tercapai"] == "Ya"
    assert rows["predikat naik"]["Target"] == "B" and rows["predikat naik"]["Realisasi"] == "BB"
    assert rows["predikat turun"]["Capaian (%)"] == 80 and rows["predikat turun"]["Tercapai"] == "Tidak"
    assert rows["opini"]["Capaian (%)"] == 75
    assert rows["predikat di luar"]["Status"] == C.STATUS_REALISASI_OFF_SCALE
    assert rows["predikat kosong"]["Status"] == C.STATUS_NO_REALISASI
    assert rows["predikat target angka"]["Status"] == C.STATUS_TARGET_OFF_SCALE
    assert rows["skala tak dikenal"]["Jenis Target"] == "tunggal" and rows["skala tak dikenal"]["Capaian (%)"] == 90
    assert rows["kumulatif"]["Realisasi"] == 90 and rows["kumulatif"]["Realisasi dari TW"] == 90
    assert rows["kumulatif sebagian"]["Realisasi"] == 45.5
    assert rows["jumlah"]["Realisasi"] == 45
    assert rows["rata-rata"]["Realisasi"] == 80
    assert rows["tahunan diketik beda"]["Realisasi"] == 95      # the typed year figure wins
    # the cap: raw 160 % kept, 120 % used in the averages
    assert rows["melampaui"]["Capaian (%)"] == 160 and rows["melampaui"]["Capaian Dibatasi (%)"] == 120
    s3 = [i for i in report.analysis.indicators if i.sasaran == "S3"]
    assert report.analysis.context.results["capaian_summary"][2].mean == C.mean([i.capaian_dibatasi for i in s3])
    got = {(f.code, f.cell) for f in report.findings}
    for expected in [("PK-013", "J10"), ("PK-006", "F11"), ("PK-006", "J11"), ("PK-001", "J12"), ("PK-002", "F13"),
                     ("PK-014", "G18"), ("PK-003", "G19"), ("PK-004", "G20"), ("PK-014", "F21"),
                     ("PK-015", "K22"), ("PK-016", "N23"), ("PK-006", "M24"), ("PK-017", "G27"),
                     ("PK-018", "P28")]:
        assert expected in got, expected


def test_scales_table_is_read_and_checked(tmp_path):
    settings = dict(JELBUK_SETTINGS, skala_kualitatif=CUSTOM_SCALES)
    report = check(filled(tmp_path, EXTENDED_ROWS[9:13], settings))
    dup = [f for f in report.findings if f.code == "PK-019"]
    assert [(f.sheet, "'wtp'" in f.message) for f in dup] == [("Pengaturan", True)]
    scales = report.analysis.context.results["skala_kualitatif"]
    assert scales[1].grades[-1] == "wtp" and scales[0].sheet == "Pengaturan"


@pytest.mark.libreoffice
@pytest.mark.parametrize("settings", [
    JELBUK_SETTINGS,
    dict(JELBUK_SETTINGS, batas_capaian="110", capaian_kualitatif=C.QUAL_BINARY, rumus_negatif="T/R",
         skala_kualitatif=CUSTOM_SCALES),
], ids=["bawaan", "batas-110-biner-t-per-r"])
def test_extended_capaian_parity(tmp_path, settings):
    out = tmp_path / "hasil.xlsx"
    compute(filled(tmp_path, EXTENDED_ROWS, settings), out)
    assert compare_with_engine(out, tmp_path / "lo", sheets=["Capaian"]) == []
