"""Workbooks with Renstra and IKU sheets for the Renstra tests, and a reader of Perbandingan."""
from __future__ import annotations

from pathlib import Path

import openpyxl

from support.builders import JELBUK_SETTINGS, write
from sakip_xl.template import build_template

SETTINGS_2023 = dict(JELBUK_SETTINGS, tahun=2023, tahun_awal_renstra=2021)

PK_ROWS = [
    {"sasaran": "S1", "indikator": "Indeks A", "satuan": "indeks", "target": 80, "realisasi": 90, "nasional": 85},
    {"indikator": "Waktu B", "satuan": "bulan", "polaritas": "negatif", "target": 7, "target_atas": 8,
     "realisasi": 9, "realisasi_lalu": 10, "nasional": "7,5"},
    {"sasaran": "S2", "indikator": "Predikat C", "skala": "Predikat SAKIP", "target": "B", "realisasi": "BB",
     "realisasi_lalu": "B"},
    {"indikator": "Opini D", "skala": "Opini BPK", "target": "WTP", "realisasi": "WTP"},
    {"indikator": "Tidak ada di Renstra", "target": 10, "realisasi": 5},
    {"sasaran": "S3", "indikator": "Teks E", "satuan": "%", "target": "100", "realisasi": "n/a"},
    {"indikator": "Negatif nol F", "polaritas": "negatif", "target": 5, "realisasi": 0, "realisasi_lalu": 0},
    {"indikator": "Akhir nol G", "target": 5, "realisasi": 4, "nasional": 4},
    {"indikator": "Polaritas H", "polaritas": "positif", "target": 50, "realisasi": 40, "realisasi_lalu": "n/a"},
]

RENSTRA_ROWS = [
    {"tujuan": "T1", "sasaran": "S1", "indikator": "Indeks A", "satuan": "indeks", "kondisi_awal": 60,
     "target_1": 70, "target_2": 75, "target_3": 80, "kondisi_akhir": 100, "realisasi_1": 72, "realisasi_2": 77,
     "realisasi_3": 90},
    {"indikator": "waktu  b", "satuan": "Bulan", "polaritas": "negatif", "kondisi_awal": 12, "target_3": 7.5,
     "kondisi_akhir": 6, "realisasi_2": 11, "realisasi_3": 9.5},
    {"sasaran": "S2", "indikator": "Predikat C", "kondisi_awal": "C", "target_3": "BB", "kondisi_akhir": "A",
     "realisasi_3": "bb"},
    {"indikator": "Opini D", "kondisi_awal": "TW", "target_3": "WTP", "kondisi_akhir": "WTP", "realisasi_2": "WDP",
     "realisasi_3": "X"},
    {"sasaran": "S3", "indikator": "Teks E", "satuan": "persen", "target_3": "90", "kondisi_akhir": "abc"},
    {"indikator": "Negatif nol F", "polaritas": "negatif", "target_3": 5, "kondisi_akhir": 5},
    {"indikator": "Akhir nol G", "target_3": 5, "kondisi_akhir": 0},
    {"indikator": "Polaritas H", "polaritas": "negatif", "target_3": 50, "kondisi_akhir": 60, "realisasi_2": 45},
    {"indikator": "Hanya di Renstra", "target_3": 1, "kondisi_akhir": 1},
]

IKU_ROWS = [
    {"sasaran": "S1", "indikator": "Indeks A", "satuan": "skor", "formulasi": "rata-rata", "penanggung_jawab": "X"},
    {"indikator": "Predikat C", "satuan": "predikat"},
    {"indikator": "IKU tanpa PK", "satuan": "%"},
]


def renstra_workbook(tmp_path: Path, pk=PK_ROWS, renstra=RENSTRA_ROWS, iku=IKU_ROWS, settings=SETTINGS_2023,
                     name: str = "renstra.xlsx") -> Path:
    rows = {"PK": pk}
    if renstra is not None:
        rows["Renstra"] = renstra
    if iku is not None:
        rows["IKU"] = iku
    return write(tmp_path / name, build_template(settings, rows))


def perbandingan(path: Path) -> dict[str, dict[str, dict]]:
    """Tabel 3.x -> indicator name -> {header: value}, as stored in the file."""
    ws = openpyxl.load_workbook(path, data_only=True)["Perbandingan"]
    tables: dict[str, dict[str, dict]] = {}
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    i = 0
    while i < len(rows):
        first = rows[i][0]
        if isinstance(first, str) and first.startswith("Tabel 3."):
            key = first.split(" ")[1]
            head = rows[i + 1]
            body = {}
            i += 2
            while i < len(rows) and rows[i][2] is not None:
                body[rows[i][2]] = {h: v for h, v in zip(head, rows[i]) if h}
                i += 1
            tables[key] = body
        i += 1
    return tables
