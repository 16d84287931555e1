"""The seed example with the analysis sheets filled in."""
from __future__ import annotations

from sakip_xl.seed_data import JELBUK_PK, JELBUK_SETTINGS
from sakip_xl.sections import sections
from sakip_xl.template import build_template

ANALISIS_ROWS = [
    {"indikator": JELBUK_PK[0]["indikator"],
     "penyebab": "Petugas loket bertambah & antrean daring dibuka sejak Maret.",
     "upaya": "Pelatihan pelayanan prima bagi 6 petugas.",
     "program": "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
     "tindak_lanjut": "Survei ulang pada TW II dengan sampel 200 responden."},
    {"indikator": JELBUK_PK[1]["indikator"],
     "penyebab": "Rekomendasi bidang kesejahteraan sosial terlambat ditindaklanjuti (anggaran refocusing COVID-19).",
     "upaya": "Rapat koordinasi bulanan dengan desa.", "program": "", "tindak_lanjut": "Monitoring tiap triwulan."},
    {"indikator": "Indikator yang tidak ada di PK", "penyebab": "x"},
]

FOLLOW_ROWS = [
    {"unsur": "U9", "rencana": "Kotak saran digital dan jawaban pengaduan maksimal 3 hari.",
     "penanggung_jawab": "Kasi Pelayanan Umum", "waktu": "TW I 2022"},
    {"unsur": "Waktu Penyelesaian", "rencana": "Standar waktu dipasang di loket.",
     "penanggung_jawab": "Sekretaris Camat", "waktu": "TW II 2022"},
    {"unsur": "U12", "rencana": "tidak ada unsur ini"},
]


def analysed_example(tmp_path, analisis=ANALISIS_ROWS, follow=FOLLOW_ROWS, settings=None, name="analisis.xlsx"):
    all_settings, rows = dict(JELBUK_SETTINGS), {"PK": JELBUK_PK}
    for sec in sections():
        all_settings.update(sec.example_settings)
        rows.update(sec.example_rows)
    all_settings.update(settings or {})
    rows["Analisis Kinerja"] = analisis
    rows["Tindak Lanjut SKM"] = follow
    path = tmp_path / name
    path.write_bytes(build_template(all_settings, rows))
    return path
