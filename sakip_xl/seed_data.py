"""The seed LKjIP's figures (Kecamatan Jelbuk, 2021), as plain data.

Kept apart from examples.py so that the sections can name them without importing
the template writer (and xlsxwriter) on the way to a compute.
"""
from __future__ import annotations

JELBUK_SETTINGS = {
    "instansi": "Kecamatan Jelbuk",
    "kabupaten": "Kabupaten Jember",
    "tahun": 2021,
    "kepala": "MUHAMMAD ZAMRONI, SH, M.Si",
    "nip": "19680616 199303 1 006",
}

_SASARAN_2 = ("Meningkatnya Koordinasi bidang Pemerintahan, Pembangunan dan Penyelenggaraan "
              "Pemerintahan Wilayah Kecamatan")

# LKjIP 2021 Tabel 3.1, typed as staff type it: the second sasaran cell is left
# blank under the first (a merged cell in the report), the printed capaian kept;
# realisasi n-1 from Tabel 3.2, the national figure "not available" of Tabel 3.4.
JELBUK_PK = [
    {"no": 1, "sasaran": "Meningkatnya Kualitas Pelayanan",
     "indikator": "Nilai SKM dalam Bidang Pelayanan Publik", "satuan": "indeks", "polaritas": "positif",
     "target": 85, "realisasi": 86.44, "realisasi_lalu": 65.3, "capaian_dilaporkan": 86.44, "nasional": "-"},
    {"no": 2, "sasaran": _SASARAN_2,
     "indikator": "Prosentase Rekomendasi Hasil Koordinasi Bidang Pemerintahan, Ketertiban dan Keamanan "
                  "Pemberdayaan masyarakat dan Kesos yang ditindak lanjuti dalam 1 tahun",
     "satuan": "%", "polaritas": "positif", "target": 100, "realisasi": 80, "realisasi_lalu": 85,
     "capaian_dilaporkan": 80},
    {"indikator": "Prosentase Desa yang sudah menyusun dokumen Perencanaan Penganggaran dan pelaporan "
                  "dengan benar dan tepat waktu",
     "satuan": "%", "polaritas": "positif", "target": 100, "realisasi": 80, "realisasi_lalu": 85,
     "capaian_dilaporkan": 80},
]
