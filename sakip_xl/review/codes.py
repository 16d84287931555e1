"""Finding codes of re-checking a finished workbook (WB-): typed-over results, stale sheets."""
from __future__ import annotations

from sakip_xl.findings import GALAT, INFO, PERINGATAN, Code, register

CODES = [
    Code("WB-001", GALAT, "Hasil hitung ditimpa ketikan",
         "Sel ini seharusnya berisi rumus sakip-xl, tetapi berisi nilai yang diketik.",
         "Jangan mengubah lembar hasil; jalankan sakip-xl compute untuk memulihkannya."),
    Code("WB-002", GALAT, "Rumus hasil diubah",
         "Rumus di sel ini berbeda dari rumus sakip-xl (tertulis {found}, seharusnya {expected}).",
         "Jangan mengubah lembar hasil; jalankan sakip-xl compute untuk memulihkannya."),
    Code("WB-003", PERINGATAN, "Hasil belum diperbarui",
         "Data {inputs} diubah setelah compute: {count} sel hasil belum diperbarui ({cells}); "
         "mis. {first} tersimpan {found}, data saat ini memberi {expected}.",
         "Hasil belum diperbarui, jalankan sakip-xl compute."),
    Code("WB-004", INFO, "Dibuat versi sakip-xl lain",
         "Lembar hasil dibuat oleh sakip-xl {found}; versi yang memeriksa {expected}.",
         "Jalankan sakip-xl compute dengan versi ini agar hasil dan pemeriksaan sejalan."),
    Code("WB-005", PERINGATAN, "Lembar hasil hilang atau belum dibuat",
         "Lembar hasil '{name}' belum ada atau telah dihapus.",
         "Jalankan sakip-xl compute untuk membuat lembar hasil."),
    Code("WB-007", PERINGATAN, "Susunan lembar hasil tidak sesuai data",
         "Susunan lembar hasil tidak sesuai lagi dengan data (baris data ditambah atau dihapus setelah compute); "
         "sel-selnya tidak dibandingkan satu per satu.",
         "Hasil belum diperbarui, jalankan sakip-xl compute."),
    Code("WB-006", PERINGATAN, "Terlalu banyak sel berbeda",
         "{count} sel lain di lembar ini juga berbeda (tidak dicantumkan satu per satu).",
         "Jalankan sakip-xl compute untuk memperbarui lembar hasil."),
    Code("WB-009", PERINGATAN, "Pengaturan diubah setelah compute",
         "Pengaturan berikut diubah setelah compute: {names}. Lembar hasil masih dihitung dengan pengaturan "
         "lama; lembar hasil diperiksa terhadap pengaturan lama itu.",
         "Jalankan sakip-xl compute agar hasil memakai pengaturan yang baru."),
    Code("WB-008", INFO, "Workbook belum diproses sakip-xl",
         "Workbook ini belum berisi lembar hasil sakip-xl ({names}): yang diperiksa hanya data isiannya.",
         "Jalankan sakip-xl compute, lalu kirim workbook hasilnya."),
]

register(CODES)
