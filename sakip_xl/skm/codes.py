"""The SKM finding codes (registered in the catalogue when the section is imported)."""
from __future__ import annotations

from sakip_xl import findings as F
from sakip_xl.findings import GALAT, INFO, PERINGATAN, Code

NIK_CELL = "C10"          # 'Hasil SKM'!C10 holds the NIK rounded to 2 decimals (PK can point at it)

CODES = [
    Code("SKM-001", GALAT, "Jawaban di luar 1-4",
         "Jawaban {text} pada {unsur} di luar 1-4; tidak dihitung.",
         "Ketik 1, 2, 3 atau 4 (atau a-d). Bilangan desimal, 0 dan 5 bukan jawaban kuesioner."),
    Code("SKM-002", GALAT, "Jawaban angka di luar 1-4 diketik sebagai teks",
         "Jawaban '{text}' pada {unsur} berupa teks angka di luar 1-4; tidak dihitung.",
         "Ketik jawaban 1, 2, 3 atau 4. Bilangan desimal, 0 dan 5 bukan jawaban kuesioner."),
    Code("SKM-003", GALAT, "Jawaban tidak dikenal",
         "Jawaban '{text}' pada {unsur} bukan 1-4, a-d, atau pilihan jawaban yang dikenal (skala yang dicoba: "
         "{scales}); tidak dihitung.",
         "Kodekan jawaban 1-4 (a-d, 1 = terburuk), tulis pilihan jawaban seperti di kuesioner PermenPANRB 14/2017 "
         "(mis. Tidak Sesuai ... Sangat Sesuai), atau tambahkan tulisan ini dan nilainya di tabel "
         "LABEL JAWABAN SKM di Pengaturan."),
    Code("SKM-004", PERINGATAN, "Temuan sejenis lainnya",
         "{more} sel lain dengan temuan {kode} ({title}) tidak dicantumkan satu per satu; seluruhnya {total} sel.",
         "Saring (filter) kolom di lembar SKM untuk menemukan sel sejenis; contoh pertama tercantum di atas."),
    Code("SKM-005", PERINGATAN, "Baris tanpa jawaban",
         "Baris {row} berisi data responden tetapi tidak ada jawaban unsur; tidak dihitung sebagai responden.",
         "Lengkapi jawaban responden ini, atau hapus barisnya."),
    Code("SKM-006", PERINGATAN, "Baris ganda",
         "Baris {row} sama persis dengan baris {first}; keduanya dihitung.",
         "Hapus baris yang tercatat dua kali; abaikan bila memang dua responden dengan isian sama."),
    Code("SKM-007", GALAT, "Unsur tanpa jawaban sah",
         "{unsur} tidak memiliki jawaban yang sah; IKM tidak dapat dihitung.",
         "Periksa kolom unsur ini: isi jawaban 1-4 (a-d)."),
    Code("SKM-008", GALAT, "Kolom unsur tidak ada",
         "Kolom {unsur} tidak ditemukan, padahal {regulasi} memakai {count} unsur; IKM tidak dihitung.",
         "Tambahkan kolom U1, U2, ... di baris judul, atau pilih Regulasi SKM yang sesuai di Pengaturan."),
    Code("SKM-009", PERINGATAN, "Kolom unsur di luar regulasi",
         "Kolom {unsur} berisi jawaban, tetapi {regulasi} hanya memakai {count} unsur; kolom ini tidak dihitung.",
         "Pilih Regulasi SKM yang sesuai di Pengaturan (KepMenPAN 25/2004 memakai 14 unsur)."),
    Code("SKM-010", PERINGATAN, "Sampel kurang",
         "Jumlah responden {n} kurang dari sampel minimal {s} untuk populasi {population} (Krejcie & Morgan).",
         "Tambah responden, atau periksa angka populasi di Pengaturan."),
    Code("SKM-011", INFO, "Populasi belum diisi",
         "Populasi SKM belum diisi; kecukupan sampel tidak diperiksa.",
         "Isi jumlah pengguna layanan dalam periode survei di Pengaturan."),
    Code("SKM-012", INFO, "Bobot cara lama",
         "Bobot unsur {bobot} (dibulatkan, cara lama): NIK maksimum {top}, bukan 100.",
         "Pakai bobot 'tepat' di Pengaturan kecuali untuk mencocokkan laporan lama."),
    Code("SKM-013", PERINGATAN, "Tanggal tidak dikenal",
         "Tanggal '{text}' bukan tanggal Excel; responden ini tidak masuk hasil per periode.",
         "Ketik tanggal sebagai tanggal Excel (mis. 15/03/2021) atau salin ulang dari sumbernya."),
    Code("SKM-014", INFO, "Kelompok terlalu banyak",
         "Ada {count} {what}; hanya {shown} yang terbanyak ditampilkan di Hasil SKM.",
         "Seragamkan penulisan (mis. 'KTP' dan 'KTP-el') agar kelompoknya lebih sedikit."),
    Code("SKM-015", PERINGATAN, "Realisasi SKM di PK berbeda dengan hasil survei",
         "Realisasi '{indikator}' tertulis {stated}, sedangkan NIK hasil SKM {nik}.",
         "Ketik ='" + "Hasil SKM" + "'!" + NIK_CELL + " di sel realisasi agar selalu sama dengan hasil survei."),
    Code("SKM-016", GALAT, "Skor unsur dilaporkan salah",
         "Skor {unsur} tertulis {stated}, seharusnya {computed}.",
         "Ganti skor yang dilaporkan dengan hasil di lembar Hasil SKM Distribusi."),
    Code("SKM-017", GALAT, "Nilai distribusi tidak sah",
         "Nilai '{text}' pada distribusi {unsur} {detail}.",
         "Ketik banyaknya jawaban (atau persentasenya) sebagai angka positif; kosong berarti 0."),
    Code("SKM-018", PERINGATAN, "Jumlah unsur tidak sesuai regulasi",
         "Tabel berisi {rows} unsur, sedangkan {regulasi} memakai {count} unsur.",
         "Isi kolom Regulasi pada baris pertama tabel dengan regulasi survei tersebut."),
    Code("SKM-019", PERINGATAN, "Total distribusi tidak cocok",
         "Jumlah jawaban {unsur} {sum}, sedangkan total tertulis {total}.",
         "Periksa angka distribusi atau totalnya."),
    Code("SKM-020", PERINGATAN, "Angka diketik sebagai teks",
         "Sel berisi teks '{text}', dibaca sebagai {value}.",
         "Ketik ulang sebagai angka (tanpa tanda petik atau spasi), agar Excel dapat menghitungnya."),
    Code("SKM-021", PERINGATAN, "Regulasi tidak dikenal",
         "Regulasi '{text}' tidak dikenal; dipakai {default}.",
         "Pilih salah satu: PermenPANRB 14/2017, PermenPANRB 16/2014, KepMenPAN 25/2004."),
    Code("SKM-024", INFO, "Judul kolom dibaca dari teks pertanyaan",
         "Kolom berjudul '{text}' dibaca sebagai {what} menurut kata kunci pertanyaannya.",
         "Periksa tabel 'Kolom yang dibaca' di lembar Hasil SKM; bila keliru, ganti judul kolom menjadi U1, U2, ..."),
    Code("SKM-025", INFO, "Lembar survei dengan nama lain",
         "Lembar '{name}' berisi jawaban survei (kolom {columns}) dan dibaca sebagai lembar SKM.",
         "Ganti nama lembar menjadi 'SKM' (klik kanan tab > Ganti Nama) agar jelas lembar mana yang dihitung."),
    Code("SKM-026", INFO, "Baris ringkasan di bawah jawaban",
         "Baris {row} ('{text}') dan baris di bawahnya adalah ringkasan, bukan responden; yang dihitung baris "
         "{first}-{last}.",
         "Tidak perlu tindakan. Hasil resmi ada di lembar Hasil SKM; ringkasan lama boleh dihapus."),
    Code("SKM-027", PERINGATAN, "Beberapa lembar tampak berisi jawaban survei",
         "Lembar {sheets} tampak berisi jawaban survei; tidak ada yang bernama SKM, jadi tidak ada yang dihitung.",
         "Ganti nama lembar yang berisi jawaban survei menjadi 'SKM' (klik kanan tab > Ganti Nama)."),
    Code("SKM-028", INFO, "Regulasi dari banyaknya unsur",
         "Lembar berisi jawaban U1-U{count} dan Regulasi SKM tidak diisi di Pengaturan: dihitung menurut "
         "{regulasi} ({count} unsur), bukan {default}.",
         "Pilih Regulasi SKM di Pengaturan bila survei ini mengikuti regulasi lain."),
    Code("SKM-029", INFO, "Tanggal berupa teks dibaca",
         "{n} tanggal di kolom ini berupa teks, dibaca sebagai {how} (mis. '{example}' = {shown}).",
         "Tidak perlu tindakan bila benar. Untuk pasti, ubah kolom menjadi tanggal Excel (Data > Text to Columns)."),
    Code("SKM-030", GALAT, "Nilai label jawaban tidak sah",
         "Nilai '{text}' untuk jawaban '{label}' di tabel Label Jawaban SKM bukan 1-4; baris ini diabaikan.",
         "Isi nilai 1, 2, 3 atau 4 (1 = terburuk)."),
    Code("SKM-031", INFO, "Label jawaban diberi nilai lain",
         "Jawaban '{label}' bernilai {k} menurut tabel Label Jawaban SKM, bukan {builtin} seperti pilihan "
         "jawaban resmi.",
         "Periksa apakah kuesioner Anda memang memberi nilai itu; bila tidak, hapus baris ini dari tabel."),
    Code("SKM-023", INFO, "Jawaban berupa teks dibaca sebagai nilai",
         "{n} jawaban {unsur} berupa teks ({count} tulisan berbeda, mis. 'Sangat Sesuai', 'd. Baik', ' 4 '); "
         "dibaca sebagai nilai 1-4 menurut pilihan jawaban kuesioner.",
         "Periksa tabel 'Jawaban berupa teks' di lembar Hasil SKM: tiap tulisan, nilainya, dan banyaknya per unsur."),
    Code("SKM-022", GALAT, "Distribusi kosong",
         "Distribusi jawaban {unsur} berjumlah nol; NRR tidak dihitung.",
         "Isi banyaknya (atau persentase) jawaban 1-4 untuk unsur ini."),
]
F.register(CODES)

LIMIT = 50     # findings listed per code and sheet; the rest are counted in one SKM-004


class Bounded:
    """Adds findings, at most LIMIT per code, then one SKM-004 with the count."""

    def __init__(self, out: list, sheet: str, limit: int = LIMIT):
        self.out, self.sheet, self.limit = out, sheet, limit
        self.count: dict[str, int] = {}
        self.first_left: dict[str, str] = {}

    def add(self, code: str, cell: str, **fields) -> None:
        n = self.count.get(code, 0) + 1
        self.count[code] = n
        if n <= self.limit:
            self.out.append(F.make(code, self.sheet, cell, **fields))
        elif code not in self.first_left:
            self.first_left[code] = cell

    def wants(self, code: str) -> bool:
        """Whether a finding of this code would still be listed (its message is worth building)."""
        return self.count.get(code, 0) < self.limit

    def skip(self, code: str, cell: str, n: int = 1) -> None:
        """Count findings that will not be listed (the caller checked wants())."""
        self.count[code] = self.count.get(code, 0) + n
        self.first_left.setdefault(code, cell)

    def close(self) -> None:
        for code, n in self.count.items():
            if n > self.limit:
                self.out.append(F.make("SKM-004", self.sheet, self.first_left[code], more=n - self.limit,
                                       kode=code, title=F.CATALOGUE[code].title, total=n))
