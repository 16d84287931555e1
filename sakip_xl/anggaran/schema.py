"""The Anggaran and Belanja input sheets and the Anggaran settings.

Anggaran holds the budget lines as staff type them (programme, kegiatan and
sub-kegiatan rows, a typed JUMLAH/TOTAL row); Belanja holds the split of the
whole budget by spending class, as LKjIP chapter III prints it.
"""
from __future__ import annotations

from sakip_xl.read.schema import Column, Setting, TableSheet

LEVEL_PROGRAM = "program"
LEVEL_KEGIATAN = "kegiatan"
LEVEL_SUB = "sub kegiatan"
LEVEL_TOTAL = "jumlah"
LEVEL_CHOICES = (LEVEL_PROGRAM, LEVEL_KEGIATAN, LEVEL_SUB, LEVEL_TOTAL)

RULE_AT_LEAST = "Capaian >= Serapan"
RULE_ABOVE = "Capaian > Serapan"

SETTINGS = (
    Setting("efisiensi_aturan", "Aturan efisiensi anggaran", "choice", RULE_AT_LEAST,
            choices=(RULE_AT_LEAST, RULE_ABOVE),
            help="Kapan satu sasaran disebut efisien: capaian kinerja dibandingkan serapan anggaran "
                 "(bawaan: efisien bila capaian >= serapan)."),
    Setting("efisiensi_batas", "Batas selisih efisiensi (poin %)", "number", 0,
            help="Efisien bila capaian - serapan >= batas ini (atau > dengan aturan 'Capaian > Serapan'). "
                 "Bawaan 0."),
)

_PERCENT = "#,##0.00"
_AMOUNT = "#,##0"

ANGGARAN = TableSheet(
    name="Anggaran",
    title="ALOKASI DAN REALISASI ANGGARAN PER PROGRAM DAN KEGIATAN",
    help="Satu baris per program, kegiatan atau sub kegiatan, seperti tabel di LKjIP. Baris jumlah: kolom "
         "kode kosong dan uraian diawali JUMLAH atau TOTAL.",
    key_column="uraian",
    aliases=("Anggaran Program", "Alokasi Anggaran", "Realisasi Anggaran"),
    columns=(
        Column("kode", "Kode/No", "text", width=20,
               aliases=("Kode", "No", "No.", "Nomor", "Kode Rekening", "Kode Program/Kegiatan"),
               help="Kode (mis. 7.01.02, 7.01.02.2.01, 7.01.02.2.01.0001) atau nomor lama: I, II, III untuk "
                    "program, 1, 2, 3 untuk kegiatan di bawahnya."),
        Column("uraian", "Program/Kegiatan", "text", required=True, width=50,
               aliases=("Uraian", "Program / Kegiatan", "Program/Kegiatan/Sub Kegiatan", "Nama Program/Kegiatan",
                        "Uraian Program/Kegiatan"),
               help="Nama program, kegiatan atau sub kegiatan; baris jumlah diawali JUMLAH atau TOTAL."),
        Column("tingkat", "Tingkat", "choice", choices=LEVEL_CHOICES, width=13, aliases=("Level",),
               help="Opsional: program, kegiatan, sub kegiatan atau jumlah. Kosong: dibaca dari kode/nomor."),
        Column("jenis_belanja", "Jenis Belanja", "text", width=22, aliases=("Kelompok Belanja",),
               help="Opsional, mis. Belanja Operasi, Belanja Modal, Belanja Pegawai, Belanja Barang dan Jasa "
                    "(atau Belanja Langsung/Tidak Langsung). Baris di bawahnya ikut jenis ini bila kosong."),
        Column("pagu", "Pagu (Rp)", "number", required=True, width=17, num_format=_AMOUNT, example=162824800,
               aliases=("Pagu", "Anggaran", "Anggaran (Rp)", "Anggaran (Rp.)", "Pagu Anggaran", "Alokasi"),
               help="Pagu anggaran dalam rupiah, angka saja."),
        Column("realisasi", "Realisasi (Rp)", "number", required=True, width=17, num_format=_AMOUNT,
               example=141929000, aliases=("Realisasi", "Realisasi Anggaran", "Realisasi (Rp.)"),
               help="Realisasi anggaran dalam rupiah."),
        Column("serapan_dilaporkan", "Serapan Dilaporkan (%)", "number", width=12, num_format=_PERCENT,
               aliases=("Serapan Dilaporkan", "Serapan (%)", "Serapan", "Capaian (%)", "Capaian", "Persentase"),
               help="Opsional: serapan (realisasi/pagu) yang sudah Anda hitung; sakip-xl membandingkannya."),
        Column("porsi_dilaporkan", "Porsi Dilaporkan (%)", "number", width=12, num_format=_PERCENT,
               aliases=("Porsi Dilaporkan", "Proporsi Dilaporkan (%)", "Proporsi (%)", "Porsi (%)"),
               help="Opsional: porsi pagu baris ini dari jumlah seluruh pagu, seperti tertulis di laporan."),
        Column("sasaran", "Sasaran yang Didukung", "text", width=40,
               aliases=("Sasaran", "Sasaran Strategis", "Sasaran Didukung"),
               help="Opsional: sasaran strategis (persis seperti di lembar PK) yang didukung program ini. "
                    "Kegiatan di bawahnya ikut sasaran programnya."),
        Column("pagu_pk", "Pagu di PK (Rp)", "number", width=17, num_format=_AMOUNT,
               aliases=("Pagu PK", "Anggaran PK", "Anggaran di PK"),
               help="Opsional: anggaran program yang tertulis di Perjanjian Kinerja; dibandingkan dengan pagu."),
    ),
)

BELANJA = TableSheet(
    name="Belanja",
    title="ALOKASI ANGGARAN PER JENIS BELANJA",
    help="Rincian seluruh anggaran per jenis belanja: kelompok (mis. Belanja Operasi atau Belanja Langsung) "
         "lalu rinciannya di bawahnya (Belanja Pegawai, Belanja Barang dan Jasa ...). Baris terakhir boleh JUMLAH.",
    key_column="jenis_belanja",
    aliases=("Jenis Belanja", "Alokasi Belanja", "Proporsi Belanja"),
    columns=(
        Column("no", "No", "text", width=6, aliases=("No.", "Nomor", "Kode"), help="Nomor (boleh kosong)."),
        Column("jenis_belanja", "Jenis Belanja", "text", required=True, width=40,
               aliases=("Uraian", "Kelompok Belanja", "Belanja"),
               help="Mis. Belanja Tidak Langsung, Belanja Langsung, Belanja Pegawai, Belanja Barang/Jasa, "
                    "Belanja Operasi, Belanja Modal, Belanja Tidak Terduga, Belanja Transfer."),
        Column("pagu", "Pagu (Rp)", "number", required=True, width=18, num_format=_AMOUNT, example=3260140094,
               aliases=("Pagu", "Anggaran", "Anggaran (Rp)", "Anggaran (Rp.)", "Jumlah", "Jumlah (Rp)"),
               help="Pagu jenis belanja ini dalam rupiah."),
        Column("realisasi", "Realisasi (Rp)", "number", width=18, num_format=_AMOUNT,
               aliases=("Realisasi", "Realisasi (Rp.)"), help="Opsional: realisasinya."),
        Column("porsi_dilaporkan", "Porsi Dilaporkan (%)", "number", width=12, num_format=_PERCENT,
               aliases=("Porsi Dilaporkan", "Proporsi Dilaporkan (%)", "Proporsi (%)", "Proporsi", "Porsi (%)"),
               help="Opsional: porsi dari seluruh anggaran seperti tertulis di laporan (mis. 21,28)."),
        Column("serapan_dilaporkan", "Serapan Dilaporkan (%)", "number", width=12, num_format=_PERCENT,
               aliases=("Serapan Dilaporkan", "Serapan (%)"),
               help="Opsional: serapan (realisasi/pagu) seperti tertulis di laporan."),
    ),
)
