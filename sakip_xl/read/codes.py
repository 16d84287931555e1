"""Finding codes of reading any input cell (SEL-) and the Pengaturan sheet (SET-)."""
from __future__ import annotations

from sakip_xl.findings import GALAT, INFO, PERINGATAN, Code, register

CODES = [
    # --- SEL: any input cell
    Code("SEL-001", GALAT, "Sel berisi galat Excel",
         "Sel berisi nilai galat Excel {text}; nilainya tidak dapat dipakai.",
         "Perbaiki rumus di sel tersebut atau ketik nilainya."),
    Code("SEL-002", GALAT, "Rumus tanpa hasil tersimpan",
         "Sel berisi rumus ={formula} tanpa hasil tersimpan (file disimpan oleh program selain Excel); "
         "nilainya dibaca kosong.",
         "Buka file di Excel atau LibreOffice, simpan ulang (hasil rumus ikut tersimpan), lalu jalankan lagi."),
    Code("SEL-003", INFO, "Baris tersembunyi ikut dihitung",
         "Baris {row} disembunyikan tetapi tetap ikut dihitung.",
         "Tampilkan baris itu (klik kanan nomor baris > Unhide) dan pastikan memang harus dihitung; "
         "bila tidak, hapus barisnya."),
    Code("SEL-004", INFO, "Angka berformat persen",
         "Sel berformat persen: tersimpan {stored}, tampil {shown}%; dihitung sebagai {shown} (seperti yang "
         "terlihat), juga di rumus lembar hasil (sel x 100).",
         "Tidak perlu diubah bila angka persen itu memang maksudnya. Bila yang dimaksud angka tersimpannya "
         "(mis. 0,72, bukan 72 %), ubah format sel menjadi Number atau General."),
    Code("SEL-011", GALAT, "Angka di luar batas wajar",
         "Sel berisi angka {value}, di luar batas wajar (lebih dari 1.000 triliun); rumus tetap memakainya, "
         "hasil yang melampaui batas angka Excel ditulis sebagai #NUM!.",
         "Periksa angka di sel itu (mungkin salah ketik atau tertempel dari kolom lain) dan ketik nilai yang benar."),
    Code("SEL-012", PERINGATAN, "Sel jauh di luar area data tidak dibaca",
         "Sel ini berisi nilai tetapi letaknya jauh di luar area data lembar ini{more}; nilainya tidak dibaca "
         "(membacanya akan memakan memori sebesar seluruh lembar sampai sel itu).",
         "Hapus isi sel itu (Ctrl+End menuju sel terakhir yang terpakai), atau pindahkan datanya ke dalam tabel."),
    Code("SEL-013", PERINGATAN, "Lembar tambahan tidak berbentuk isian sakip-xl",
         "{detail} Lembar ini dilewati; bagian lain tetap dihitung.",
         "Bila lembar ini memang isian sakip-xl, samakan judul kolomnya dengan template; bila bukan, "
         "abaikan temuan ini atau ganti nama lembarnya."),
    # --- SET: Pengaturan
    Code("SET-001", GALAT, "Skala kategori tidak valid",
         "Skala kategori tidak valid: {detail}. Skala bawaan dipakai.",
         "Urutkan skala dari kategori terendah; batas bawah naik, syarat '>' atau '>='."),
    Code("SET-002", PERINGATAN, "Pilihan pengaturan tidak dikenal",
         "Nilai '{text}' untuk '{label}' tidak dikenal; dipakai '{default}'.",
         "Pilih salah satu nilai dari daftar pilihan di sel tersebut."),
    Code("SET-003", INFO, "Pengaturan tidak ditemukan",
         "Lembar Pengaturan tidak ada; dipakai pengaturan bawaan.",
         "Buat workbook dari template 'sakip-xl template' agar pengaturan dapat diubah."),
]

register(CODES)
