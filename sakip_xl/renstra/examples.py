"""The seed's Renstra and IKU (LKjIP Kecamatan Jelbuk 2021), typed as in its tables.

Renstra: the names and figures of Tabel 3.2 and 3.3 (target and realisasi of
2021, target at the end of the Renstra, realisasi of the year before as the
kondisi awal) and the 2022 targets of its RKT. IKU: its IKU table.
"""
from __future__ import annotations

_TUJUAN_1 = ("Meningkatkan kualitas pelayanan penyelenggaraan pemerintahan wilayah Kecamatan dalam "
             "pelayanan publik")
_TUJUAN_2 = "Meningkatkan koordinasi pemerintahan dan pelayanan pemerintahan wilayah Kecamatan"
_SASARAN_2 = ("Meningkatnya koordinasi bidang pemerintahan, pembangunan dan penyelenggaraan pemerintahan "
              "wilayah Kecamatan")

JELBUK_RENSTRA = [
    {"no": 1, "tujuan": _TUJUAN_1, "indikator_tujuan": "Nilai Survey Kepuasan Masyarakat",
     "sasaran": "Meningkatnya Kualitas Pelayanan", "indikator": "Nilai SKM dalam bidang Pelayanan Publik",
     "satuan": "indeks", "polaritas": "positif", "kondisi_awal": 65.3, "target_1": 85, "target_2": 80,
     "kondisi_akhir": 85, "realisasi_1": 86.44},
    {"no": 2, "tujuan": _TUJUAN_2,
     "indikator_tujuan": "Prosentasi rekomendasi hasil koordinasi bidang pemerintahan, pembangunan dan "
                         "penyelenggaraan pemerintahan wilayah Kecamatan",
     "sasaran": _SASARAN_2,
     "indikator": "% Rekomendasi hasil koordinasi dibidang pemerintahan, ketentraman dan ketertiban umum, "
                  "pemberdayaan masyarakat dan kesejahteraan sosial yang ditindaklanjuti dalam 1 tahun",
     "satuan": "%", "polaritas": "positif", "kondisi_awal": 85, "target_1": 100, "target_2": 100,
     "kondisi_akhir": 100, "realisasi_1": 75.95},
    {"indikator": "% Desa yang sudah menyusun dokumen perencanaan, penganggaran dan pelaporan dengan benar "
                  "dan tepat waktu",
     "satuan": "%", "polaritas": "positif", "kondisi_awal": 85, "target_1": 100, "target_2": 100,
     "kondisi_akhir": 100, "realisasi_1": 75.95},
]

JELBUK_IKU = [
    {"no": 1, "sasaran": "Meningkatnya Kualitas Pelayanan",
     "indikator": "Nilai Survey Kepuasan Masyarakat (SKM) dalam bidang pelayanan Publik", "satuan": "indeks",
     "formulasi": "Hasil Perhitungan Survey Kepuasan Masyarakat (SKM)", "penanggung_jawab": "Kasi Pelayanan Umum",
     "sumber_data": "Dokumen Survey Bappeda"},
    {"no": 2, "sasaran": "Meningkatnya Koordinasi bidang Pemerintahan, Pembangunan dan Penyelenggara Pemerintahan "
                         "wilayah Kecamatan",
     "indikator": "% rekomendasi hasil koordinasi bidang Pemerintahan, ketentraman dan ketertiban, pemberdayaan "
                  "masyarakat dan kesejahteraan sosial yang ditindak lanjuti dalam 1 tahun", "satuan": "%",
     "formulasi": "Jml. Rekomendasi dan Hasil Koordinasi yang ditindak lanjuti dalam 1 tahun / Jml seluruh "
                  "Rekomendasi ditindak lanjuti dalam 1 tahun x 100%",
     "penanggung_jawab": "Seksi Pemerintahan, Seksi Pemberdayaan Masyarakat dan Kesos, Seksi Ketentraman dan "
                         "Ketertiban",
     "sumber_data": "Laporan hasil koordinasi semua seksi"},
    {"no": 3, "indikator": "% Desa yang sudah menyusun dokumen perencanaan, penganggaran dan pelaporan dengan benar "
                           "dan tepat waktu", "satuan": "%",
     "formulasi": "Jml Desa yang menyusun dokumen perencanaan, penganggaran dan pelaporan dengan benar dan tepat "
                  "waktu / Jml Desa x 100%",
     "penanggung_jawab": "seksi Pemerintahan", "sumber_data": "Laporan Desa"},
]

JELBUK_SETTINGS = {"tahun_awal_renstra": 2021}
