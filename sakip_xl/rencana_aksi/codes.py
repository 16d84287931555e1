"""Finding codes of the Rencana Aksi section (RA-)."""
from __future__ import annotations

from sakip_xl.findings import GALAT, INFO, PERINGATAN, Code, register

CODES = [
    Code("RA-001", PERINGATAN, "Target triwulan kosong",
         "Target {tw} belum diisi; capaian {tw} tidak dihitung.",
         "Isi target triwulan dari dokumen rencana aksi."),
    Code("RA-002", PERINGATAN, "Realisasi triwulan kosong",
         "Realisasi {tw} indikator ini belum diisi di PK; capaian {tw} tidak dihitung.",
         "Isi realisasi triwulan di kolom Realisasi TW lembar PK."),
    Code("RA-003", PERINGATAN, "PK tanpa realisasi triwulan",
         "Lembar PK tidak memiliki kolom Realisasi TW I-IV; capaian triwulan tidak dapat dihitung.",
         "Tambahkan kolom Realisasi TW I, TW II, TW III, TW IV di lembar PK (lihat template)."),
    Code("RA-004", PERINGATAN, "Indikator rencana aksi tidak ada di PK",
         "Indikator ini tidak ditemukan di lembar {lembar}.",
         "Samakan nama indikator dengan PK."),
    Code("RA-005", GALAT, "Target triwulan tidak dapat dipakai",
         "Target {tw} '{text}' {why}.",
         "Ketik target triwulan sebagai angka bukan nol."),
    Code("RA-006", PERINGATAN, "Target triwulan diketik sebagai teks",
         "Sel berisi teks '{text}', dibaca sebagai {value}.",
         "Ketik ulang sebagai angka (tanpa tanda %), agar Excel dapat menghitungnya."),
    Code("RA-007", INFO, "Indikator PK tanpa rencana aksi",
         "Indikator PK ini tidak ada di lembar {lembar}; tidak ada target triwulannya.",
         "Tambahkan baris indikator ini di lembar Rencana Aksi."),
    Code("RA-008", INFO, "Capaian triwulan indikator kualitatif tidak dihitung",
         "Indikator kualitatif (skala '{scale}'): capaian triwulan tidak dihitung.",
         "Capaian indikator kualitatif dihitung tahunan di lembar Capaian."),
]

register(CODES)
