"""Finding codes of the Renstra/IKU section (REN-)."""
from __future__ import annotations

from sakip_xl.findings import GALAT, INFO, PERINGATAN, Code, register

CODES = [
    Code("REN-001", PERINGATAN, "Target PK berbeda dengan target Renstra",
         "Target PK {pk} berbeda dengan target Renstra tahun {tahun} ({renstra}, {place}).",
         "Samakan target PK dengan Renstra, atau catat dasar perubahannya (Renstra/PK perubahan)."),
    Code("REN-002", GALAT, "Realisasi berbeda antara PK dan Renstra",
         "Realisasi tahun {tahun} di PK ({pk}) berbeda dengan realisasi di Renstra ({renstra}, {place}).",
         "Satu indikator, satu tahun, satu angka: perbaiki yang salah agar semua tabel LKjIP sama."),
    Code("REN-003", PERINGATAN, "Nama indikator berbeda",
         "Nama indikator berbeda dengan {doc} ({place}): '{other}'.",
         "Pakai nama indikator yang sama persis di Renstra, IKU dan PK."),
    Code("REN-004", PERINGATAN, "Satuan indikator berbeda",
         "Satuan '{unit}' berbeda dengan satuan di {doc} ('{other}', {place}).",
         "Pakai satuan yang sama di Renstra, IKU dan PK."),
    Code("REN-005", PERINGATAN, "Indikator PK tidak ada di Renstra",
         "Indikator PK ini tidak ditemukan di lembar {lembar}.",
         "Indikator PK harus indikator Renstra/IKU: tambahkan ke Renstra atau samakan namanya."),
    Code("REN-006", PERINGATAN, "IKU tidak ada di PK",
         "Indikator kinerja utama ini tidak ditemukan di lembar {lembar}.",
         "Setiap IKU diperjanjikan di PK: tambahkan ke PK atau samakan namanya."),
    Code("REN-007", PERINGATAN, "Polaritas berbeda",
         "Polaritas di PK ({pk}) berbeda dengan di Renstra ({renstra}, {place}); dipakai polaritas PK.",
         "Samakan polaritas indikator di PK dan Renstra."),
    Code("REN-008", PERINGATAN, "Tahun di luar periode Renstra",
         "Tahun {tahun} di luar periode Renstra {awal}-{akhir}; target dan realisasi Renstra tahun ini tidak dibandingkan.",
         "Periksa 'Tahun' dan 'Tahun pertama Renstra' di Pengaturan."),
    Code("REN-009", INFO, "Tahun pertama Renstra belum diisi",
         "Tahun pertama Renstra atau tahun laporan belum diisi; target dan realisasi Renstra tahun ini tidak dibandingkan.",
         "Isi 'Tahun' dan 'Tahun pertama Renstra' di Pengaturan."),
    Code("REN-010", PERINGATAN, "Angka Renstra diketik sebagai teks",
         "Sel berisi teks '{text}', dibaca sebagai {value}.",
         "Ketik ulang sebagai angka (tanpa tanda %), agar Excel dapat menghitungnya."),
    Code("REN-011", GALAT, "Nilai Renstra tidak dapat dipakai",
         "Nilai '{text}' bukan {what}; tidak dibandingkan.",
         "Ketik angka (atau nilai skala untuk target kualitatif), atau kosongkan sel."),
    Code("REN-012", PERINGATAN, "PK dan Renstra berbeda 100 kali (persen dan pecahan)",
         "{what} tahun {tahun} di PK ({pk}) dan di Renstra ({renstra}, {place}) berbeda tepat 100 kali: satu "
         "ditulis sebagai persen, yang lain sebagai pecahan ({detail}). Capaian dihitung dari angka PK {pk}.",
         "Tulis angka persen dengan cara yang sama di PK dan Renstra: ketik 85 (atau 85% di sel berformat persen), "
         "bukan 0,85 di sel biasa."),
]

register(CODES)
