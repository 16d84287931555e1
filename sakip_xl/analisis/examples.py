"""Analysis texts for the example, after the seed LKjIP's own narrative (Bab III and its kendala)."""
from __future__ import annotations

from sakip_xl.seed_data import JELBUK_PK

ANALISIS_ROWS = [
    {"no": "1", "indikator": JELBUK_PK[0]["indikator"],
     "penyebab": "Pelayanan administrasi kependudukan dan perizinan berjalan sesuai standar pelayanan.",
     "upaya": "Kerja sama dengan dinas sektoral dan pihak ketiga.",
     "program": "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
     "tindak_lanjut": "Menindaklanjuti saran responden SKM pada unsur dengan nilai terendah."},
    {"no": "2", "indikator": JELBUK_PK[1]["indikator"],
     "penyebab": "Sumber daya manusia (aparatur) belum mencukupi secara kualitas dan kuantitas.",
     "upaya": "Pendekatan kerja sama dengan Pemerintah Kabupaten, dinas sektoral, swasta dan pihak ketiga.",
     "program": "Program Koordinasi Ketentraman dan Ketertiban Umum",
     "tindak_lanjut": "Perumusan rencana aksi yang lebih efektif tahun berikutnya."},
]

FOLLOW_ROWS = [
    {"unsur": "U8", "rencana": "Perbaikan ruang tunggu dan penambahan kursi antrean.",
     "penanggung_jawab": "Sekretaris Kecamatan", "waktu": "TW II"},
    {"unsur": "U9", "rencana": "Kotak saran dan kanal pengaduan daring dengan jawaban paling lama 3 hari.",
     "penanggung_jawab": "Kasi Pelayanan Umum", "waktu": "TW I"},
]
