"""The example workbook's Anggaran and Belanja rows: LKjIP 2021 of Kecamatan Jelbuk (seed)."""
from __future__ import annotations

from sakip_xl.seed_data import JELBUK_PK

_SASARAN_LAYANAN = JELBUK_PK[0]["sasaran"]       # Meningkatnya Kualitas Pelayanan
_SASARAN_KOORDINASI = JELBUK_PK[1]["sasaran"]

# LKjIP 2021 Bab III C.2 "Alokasi Anggaran Belanja langsung per program", typed as staff type it:
# Roman numerals for programmes, 1, 2, 3 for their kegiatan, the printed CAPAIAN as serapan dilaporkan.
JELBUK_ANGGARAN = [
    {"kode": "I", "uraian": "Program Koordinasi Ketentraman Dan Ketertiban Umum", "pagu": 162824800,
     "realisasi": 141929000, "serapan_dilaporkan": 87.54, "pagu_pk": 162824800},
    {"kode": "II", "uraian": "Program Peningkatan sarana dan Prasarana Aparatur", "pagu": 59099500,
     "realisasi": 33458470, "serapan_dilaporkan": 72.83},
    {"kode": 1, "uraian": "Kegiatan Pemeliharaan Rutin/Berkala Mobil Jabatan", "pagu": 32040500,
     "realisasi": 25081470, "serapan_dilaporkan": 70.45},
    {"kode": 2, "uraian": "Pemeliharaan / Rehabilitasi Gedung", "pagu": 17000000, "realisasi": 15000000,
     "serapan_dilaporkan": 81.00},
    {"kode": 3, "uraian": "Kegiatan Pemeliharaan Rutin/Berkala Kendaraan Dinas/Operasional", "pagu": 10059000,
     "realisasi": 8377000, "serapan_dilaporkan": 81.01},
    {"kode": "III", "uraian": "Program Koordinasi Pemerintahan, Pembangunan dan Penyelenggaraan Pemerintahan "
                              "Wilayah Kecamatan", "pagu": 197664800, "realisasi": 134147000,
     "serapan_dilaporkan": 72.76, "sasaran": _SASARAN_KOORDINASI},
    {"kode": 1, "uraian": "Kegiatan Koordinasi Penyelenggaraan Pemerintahan", "pagu": 3695000, "realisasi": 3204000,
     "serapan_dilaporkan": 89.13},
    {"kode": 2, "uraian": "Kegiatan Koordinasi Penyelenggaraan Pemberdayaan Masyarakat dan Kesejahteraan Sosial",
     "pagu": 193969800, "realisasi": 187768560, "serapan_dilaporkan": 87.79},
    {"kode": "VI", "uraian": "Program Penyelenggaraan Pelayanan Umum Kecamatan", "pagu": 7559700, "realisasi": 7434000,
     "serapan_dilaporkan": 91.44, "sasaran": _SASARAN_LAYANAN},
    {"kode": 1, "uraian": "Kegiatan Koordinasi Pelayanan Umum", "pagu": 7559700, "realisasi": 7434000,
     "serapan_dilaporkan": 91.44},
    {"uraian": "TOTAL", "pagu": 427148800, "realisasi": 316968470, "serapan_dilaporkan": 78.85},
]

# LKjIP 2021 Bab III C.1 "Alokasi Anggaran OPD", with the printed proportions.
JELBUK_BELANJA = [
    {"no": "a", "jenis_belanja": "Belanja Tidak Langsung", "pagu": 127095000, "porsi_dilaporkan": 78.72},
    {"no": "b", "jenis_belanja": "Belanja Langsung", "pagu": 3260140094, "porsi_dilaporkan": 21.28},
    {"jenis_belanja": "Belanja Pegawai", "pagu": 2307018694},
    {"jenis_belanja": "Belanja Barang/jasa", "pagu": 953121400},
    {"jenis_belanja": "Jumlah", "pagu": 3387235094},
]
