"""The rekap's own findings (REK-xxx): problems seen only when workbooks are put side by side."""
from __future__ import annotations

from sakip_xl import findings as F
from sakip_xl.findings import GALAT, PERINGATAN, Code

CODES = [
    Code("REK-001", PERINGATAN, "Nama instansi ditulis berbeda",
         "Nama instansi '{instansi}' ditulis lain di {others}; dianggap instansi yang sama.",
         "Samakan penulisan Nama instansi di lembar Pengaturan semua workbook instansi ini."),
    Code("REK-002", GALAT, "Workbook ganda",
         "Instansi '{instansi}' tahun {tahun} juga ada di {others}; angkanya terhitung lebih dari sekali.",
         "Simpan satu workbook per instansi dan tahun di folder rekap; pindahkan salinan lama."),
    Code("REK-003", PERINGATAN, "Tahun berbeda dari workbook lain",
         "Tahun {tahun} berbeda dari tahun kebanyakan workbook ({mayoritas}, {count} dari {total} workbook).",
         "Periksa Tahun di lembar Pengaturan, atau keluarkan workbook tahun lain dari folder rekap."),
    Code("REK-004", PERINGATAN, "Tahun tidak diisi",
         "Tahun laporan belum diisi di Pengaturan; workbook tidak dapat dicocokkan tahunnya.",
         "Isi Tahun (mis. 2021) di lembar Pengaturan."),
    Code("REK-005", PERINGATAN, "Nama instansi kosong",
         "Nama instansi belum diisi di Pengaturan; rekap memakai nama file '{file}'.",
         "Isi Nama instansi di lembar Pengaturan."),
    Code("REK-006", PERINGATAN, "Kabupaten/kota berbeda",
         "Kabupaten/Kota '{kabupaten}' berbeda dari kebanyakan workbook ('{mayoritas}').",
         "Periksa Kabupaten/Kota di lembar Pengaturan, atau keluarkan workbook daerah lain dari folder rekap."),
]

F.register(CODES)
