"""Finding codes of the LKE section (LKE-)."""
from __future__ import annotations

from sakip_xl.findings import GALAT, INFO, PERINGATAN, Code, register

CODES = [
    Code("LKE-001", PERINGATAN, "Kriteria LKE belum dijawab",
         "Jawaban {siapa} kosong; kriteria ini dihitung 0 dalam nilai sub-komponennya.",
         "Isi jawaban sesuai Jenis Jawaban (Y/T atau A-E)."),
    Code("LKE-002", GALAT, "Jawaban LKE di luar skala",
         "Jawaban {siapa} '{text}' bukan salah satu dari {pilihan}; dihitung 0.",
         "Pilih jawaban dari daftar (tanpa spasi atau angka), atau ubah Jenis Jawaban."),
    Code("LKE-003", GALAT, "Bobot sub-komponen tidak dapat dipakai",
         "Bobot sub-komponen '{sub}' {detail}; nilai sub-komponen, komponen dan nilai akhir tidak dihitung.",
         "Ketik bobot sebagai angka satu kali, pada baris pertama sub-komponen (mis. 6, 9, 15)."),
    Code("LKE-004", PERINGATAN, "Jawaban LKE bertentangan dengan isi workbook",
         "Kriteria dijawab '{text}' ({siapa}), padahal {bukti}.",
         "Lengkapi datanya di workbook, atau turunkan jawabannya sesuai bukti yang ada."),
    Code("LKE-005", INFO, "Belum ada jawaban evaluator",
         "Kolom Jawaban Evaluator masih kosong; nilai evaluator belum dihitung.",
         "Diisi oleh evaluator (Inspektorat) saat evaluasi AKIP."),
    Code("LKE-006", GALAT, "Tabel LKE di Pengaturan tidak valid",
         "Tabel {tabel} tidak valid: {detail}. Tabel bawaan PermenPANRB 88/2021 dipakai.",
         "Perbaiki tabel itu di Pengaturan, atau salin ulang dari template."),
    Code("LKE-007", PERINGATAN, "Jenis jawaban LKE tidak dikenal",
         "Jenis jawaban '{text}' tidak dikenal; semua jawaban di tabel nilai jawaban diterima.",
         "Pilih Y/T atau A-E."),
    Code("LKE-008", INFO, "Jumlah bobot LKE bukan 100",
         "Jumlah bobot sub-komponen {total}, bukan 100; predikat dibaca dari nilai apa adanya.",
         "Periksa bobot sub-komponen (PermenPANRB 88/2021: jumlahnya 100)."),
]

register(CODES)
