"""Finding codes of the PK section (PK-)."""
from __future__ import annotations

from sakip_xl.findings import GALAT, PERINGATAN, Code, register

NA_HINT = ("'-' atau 'n/a' berarti data tidak tersedia, sama di kolom Target maupun Realisasi: capaian tidak "
           "dihitung dan baris tidak ikut dirata-rata (peringatan, bukan galat). Isi angkanya bila datanya sudah ada.")

CODES = [
    # --- PK: the performance agreement and its realisation
    Code("PK-001", GALAT, "Target bukan angka",
         "Target '{text}' bukan angka, capaian tidak dihitung.",
         "Ketik target sebagai angka saja, mis. 85 (bukan 'B (85)')."),
    Code("PK-002", GALAT, "Target nol",
         "Target 0: capaian tidak dapat dihitung (pembagian dengan nol).",
         "Periksa target di PK; target 0 tidak dapat diukur dengan rumus capaian."),
    Code("PK-003", PERINGATAN, "Realisasi kosong",
         "Realisasi belum diisi, capaian tidak dihitung dan baris tidak ikut dirata-rata.",
         "Isi realisasi, atau tulis n/a bila data memang tidak tersedia."),
    Code("PK-004", PERINGATAN, "Realisasi tidak tersedia",
         "Realisasi '{text}': data tidak tersedia, capaian tidak dihitung.",
         NA_HINT),
    Code("PK-005", GALAT, "Realisasi bukan angka",
         "Realisasi '{text}' bukan angka, capaian tidak dihitung.",
         "Ketik realisasi sebagai angka, mis. 86,44."),
    Code("PK-006", PERINGATAN, "Angka diketik sebagai teks",
         "Sel berisi teks '{text}', dibaca sebagai {value}.",
         "Ketik ulang sebagai angka (tanpa 'Rp', titik ribuan atau tanda %), agar Excel dapat menghitungnya."),
    Code("PK-007", PERINGATAN, "Polaritas tidak dikenal",
         "Polaritas '{text}' tidak dikenal; dianggap positif.",
         "Pilih 'positif' atau 'negatif' dari daftar."),
    Code("PK-008", GALAT, "Capaian dilaporkan salah",
         "Capaian tertulis {stated} %, seharusnya {computed} %.",
         "Ganti capaian yang dilaporkan dengan hasil di lembar Capaian."),
    Code("PK-009", PERINGATAN, "Capaian dilaporkan tanpa dasar",
         "Capaian tertulis {stated} %, padahal capaian tidak dapat dihitung dari target dan realisasi.",
         "Lengkapi target dan realisasi, atau hapus capaian yang dilaporkan."),
    Code("PK-010", PERINGATAN, "Realisasi nol dengan rumus T/R",
         "Realisasi 0 pada indikator negatif dengan rumus T/R: capaian tak terhingga, tidak dihitung.",
         "Gunakan rumus (2T-R)/T di Pengaturan untuk indikator ini."),
    Code("PK-012", PERINGATAN, "Indikator tanpa nama",
         "Baris berisi angka tetapi nama indikator kosong.",
         "Isi nama indikator kinerja."),
    Code("PK-023", GALAT, "Lembar PK hilang setelah compute",
         "Workbook ini sudah pernah dihitung, tetapi lembar {lembar} tidak ada lagi, jadi capaian kinerja tidak "
         "dihitung. {akibat}: angka lamanya tidak dapat diperiksa lagi tanpa lembar {lembar}.",
         "Kembalikan lembar PK (dari file .bak.xlsx atau salinan sebelumnya; bila namanya diganti, kembalikan "
         "namanya menjadi 'PK'), lalu jalankan compute lagi."),
    Code("PK-013", GALAT, "Rentang target terbalik",
         "Batas bawah target {lower} lebih besar dari batas atas {upper}; capaian tidak dihitung.",
         "Ketik batas bawah di kolom Target dan batas atas di kolom Target Batas Atas."),
    Code("PK-014", GALAT, "Nilai tidak ada pada skala",
         "Nilai '{text}' tidak ada pada skala '{scale}' ({grades}); capaian tidak dihitung.",
         "Ketik salah satu nilai skala persis seperti di Pengaturan, atau tambahkan nilai itu ke skala."),
    Code("PK-015", GALAT, "Skala kualitatif tidak dikenal",
         "Skala '{text}' tidak ada di Pengaturan (yang ada: {names}); baris dihitung sebagai target angka.",
         "Pilih nama skala dari tabel SKALA TARGET KUALITATIF di Pengaturan, atau tambahkan skalanya."),
    Code("PK-016", PERINGATAN, "Realisasi kumulatif menurun",
         "Realisasi {quarter} ({value}) lebih kecil dari triwulan sebelumnya ({previous}), padahal angkanya kumulatif.",
         "Periksa angka triwulan, atau pilih 'jumlah'/'rata-rata' di kolom Cara Realisasi Tahunan."),
    Code("PK-017", PERINGATAN, "Realisasi tahunan berbeda dengan triwulan",
         "Realisasi {typed} berbeda dengan realisasi dari triwulan ({derived}, {cara}); yang dipakai {typed}.",
         "Samakan realisasi tahunan dengan angka triwulan, atau kosongkan Realisasi agar dihitung dari triwulan."),
    Code("PK-018", PERINGATAN, "Cara realisasi tahunan tidak dikenal",
         "Cara realisasi tahunan '{text}' tidak dikenal; dipakai 'kumulatif'.",
         "Pilih 'kumulatif', 'jumlah' atau 'rata-rata'."),
    Code("PK-019", PERINGATAN, "Nilai ganda pada skala",
         "Nilai '{text}' muncul lebih dari sekali pada skala '{scale}'; peringkatnya diambil dari yang pertama.",
         "Hapus nilai yang sama dari skala."),
    Code("PK-021", PERINGATAN, "Angka negatif",
         "{what} bernilai negatif ({value}); rumus capaian ({rumus}) dibuat untuk angka positif{akibat}. "
         "Capaian {capaian} dihitung apa adanya: periksa sebelum dipakai.",
         "Ukur indikator dengan angka positif (mis. penurunan 80, bukan -80) dan atur polaritasnya, atau hitung "
         "capaiannya sendiri dan jelaskan di narasi."),
    Code("PK-022", PERINGATAN, "Beberapa indikator dalam satu sel",
         "Sel indikator berisi {count} indikator bernomor; baris dihitung sebagai satu indikator dengan satu target "
         "dan satu realisasi.",
         "Pisahkan setiap indikator ke barisnya sendiri, dengan target dan realisasinya masing-masing."),
    Code("PK-024", PERINGATAN, "Target tidak tersedia",
         "Target '{text}': data tidak tersedia, capaian tidak dihitung.",
         NA_HINT),
    Code("PK-020", GALAT, "Tanggal atau jam di sel angka",
         "Sel berisi tanggal/jam ({text}); Excel membacanya sebagai angka {value}, dan hasil hitung memakai angka itu.",
         "Ketik angka biasa, lalu ubah format sel menjadi Number atau General."),
]

register(CODES)
