"""The ANG- finding codes (registered in the catalogue when the package is imported)."""
from __future__ import annotations

from sakip_xl.findings import GALAT, INFO, PERINGATAN, Code, register

_FIX_SUM = "Samakan angka baris ini dengan jumlah rinciannya, atau perbaiki rincian yang salah."

CODES = [
    Code("ANG-001", GALAT, "Jumlah rincian tidak cocok",
         "{kolom} {tingkat} tertulis {stated}, jumlah {n} baris di bawahnya {computed} (selisih {diff}).",
         _FIX_SUM),
    Code("ANG-002", GALAT, "Baris jumlah tidak cocok",
         "{kolom} pada baris jumlah tertulis {stated}, jumlah {n} baris teratas {computed} (selisih {diff}).",
         "Samakan baris JUMLAH/TOTAL dengan jumlah program (baris teratas) di atasnya."),
    Code("ANG-003", GALAT, "Serapan dilaporkan salah",
         "Serapan tertulis {stated} %, seharusnya {computed} %.",
         "Ganti dengan serapan (realisasi / pagu x 100) di lembar Hasil Anggaran."),
    Code("ANG-004", PERINGATAN, "Persentase dilaporkan tanpa dasar",
         "Persentase tertulis {stated} %, padahal tidak dapat dihitung ({reason}).",
         "Lengkapi pagu dan realisasi, atau hapus persentase yang dilaporkan."),
    Code("ANG-005", GALAT, "Realisasi melebihi pagu",
         "Realisasi {realisasi} melebihi pagu {pagu} (serapan {serapan} %).",
         "Periksa realisasi dan pagu (pagu setelah perubahan anggaran)."),
    Code("ANG-006", GALAT, "Pagu nol dengan realisasi",
         "Pagu 0 tetapi realisasi {realisasi}: serapan tidak dapat dihitung (bukan 100 %).",
         "Isi pagu yang benar; serapan dengan pagu 0 tidak bermakna."),
    Code("ANG-007", GALAT, "Kode induk tidak ada",
         "Kode {kode}: baris dengan kode induknya {induk} tidak ada di tabel.",
         "Tambahkan baris program/kegiatan induknya, atau perbaiki kodenya."),
    Code("ANG-008", GALAT, "Kode ganda",
         "Kode {kode} sudah dipakai di baris {first}.",
         "Setiap program, kegiatan dan sub kegiatan memiliki kode sendiri; perbaiki salah satunya."),
    Code("ANG-009", GALAT, "Angka negatif",
         "{kolom} bernilai negatif ({value}).",
         "Pagu dan realisasi tidak boleh negatif; periksa angkanya."),
    Code("ANG-010", PERINGATAN, "Angka diketik sebagai teks",
         "Sel berisi teks '{text}', dibaca sebagai {value}.",
         "Ketik ulang sebagai angka (tanpa 'Rp', titik ribuan atau tanda %), agar Excel dapat menghitungnya."),
    Code("ANG-011", GALAT, "Bukan angka",
         "{kolom} '{text}' bukan angka dan tidak ikut dihitung.",
         "Ketik angkanya saja, mis. 162824800."),
    Code("ANG-012", GALAT, "Porsi dilaporkan salah",
         "Porsi tertulis {stated} %, seharusnya {computed} %.",
         "Ganti dengan porsi (pagu / jumlah pagu x 100) di lembar Hasil Anggaran."),
    Code("ANG-013", PERINGATAN, "Jenis belanja tidak dikenal",
         "Jenis belanja '{text}' tidak dikenal; {effect}.",
         "Tulis salah satu: Belanja Operasi, Modal, Tidak Terduga, Transfer, Pegawai, Barang dan Jasa, Bunga, "
         "Subsidi, Hibah, Bantuan Sosial, atau Belanja Langsung / Tidak Langsung."),
    Code("ANG-014", PERINGATAN, "Sasaran tidak ada di PK",
         "Sasaran '{text}' tidak ditemukan di lembar PK; efisiensinya tidak dapat dinilai.",
         "Salin teks sasaran persis seperti di lembar PK."),
    Code("ANG-015", GALAT, "Pagu berbeda dengan PK",
         "Anggaran program di PK {pk}, pagu di tabel ini {pagu} (selisih {diff}).",
         "Samakan pagu dengan PK (atau PK Perubahan) yang berlaku."),
    Code("ANG-016", PERINGATAN, "Tingkat tidak dikenal",
         "Tingkat '{text}' tidak dikenal; dibaca dari kode atau nomor.",
         "Pilih program, kegiatan, sub kegiatan atau jumlah."),
    Code("ANG-017", PERINGATAN, "Tingkat baris tidak dapat ditentukan",
         "{n} baris (yang pertama di sel ini) tanpa kode, nomor, tingkat atau kata Program/Kegiatan di awal "
         "uraian, dan pagunya bukan jumlah baris lain; dianggap program.",
         "Isi kode atau nomor (I, II untuk program; 1, 2 untuk kegiatan), atau kolom Tingkat."),
    Code("ANG-018", PERINGATAN, "Angka kosong",
         "{kolom} kosong padahal baris ini berisi angka lain.",
         "Isi angkanya (0 bila memang nol)."),
    Code("ANG-019", INFO, "Sasaran tanpa anggaran",
         "Sasaran '{text}' di PK tidak didukung program mana pun di lembar Anggaran.",
         "Isi kolom 'Sasaran yang Didukung' pada program yang mendukung sasaran ini."),
    Code("ANG-020", PERINGATAN, "Susunan baris tidak dapat dipastikan",
         "{kolom} pada baris jumlah tertulis {stated}, jumlah {n} baris teratas {computed} (selisih {diff}). "
         "Baris tanpa kode atau tingkat, dan tidak ada susunan yang jumlahnya cocok: selisih ini tidak dinilai "
         "sebagai galat.",
         "Isi kolom Kode/No atau Tingkat agar susunan program, kegiatan dan sub kegiatan pasti, lalu jalankan ulang."),
    Code("ANG-021", INFO, "Tingkat dibaca dari jumlah",
         "{n} baris tanpa kode atau tingkat (yang pertama di sel ini) disusun menurut jumlahnya: {parents} baris "
         "yang pagunya sama dengan jumlah baris di bawahnya dibaca sebagai induk baris-baris itu.",
         "Periksa kolom Tingkat di lembar Hasil Anggaran; isi kolom Kode/No atau Tingkat agar susunannya pasti."),
]

register(CODES)
