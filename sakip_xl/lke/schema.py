"""The LKE input sheet and the LKE settings (one number, two tables in Pengaturan)."""
from __future__ import annotations

from sakip_xl.read.schema import Column, Setting, TableSheet
from sakip_xl.lke.regulation import ANSWER_KINDS, ANSWER_VALUES, CEK_CHOICES

ANSWERS = tuple(a for a, _, _ in ANSWER_VALUES)

SETTINGS = (
    Setting("nilai_lke_lalu", "Nilai LKE tahun lalu", "number", None,
            aliases=("Nilai evaluasi AKIP tahun lalu", "Nilai SAKIP tahun lalu"),
            help="Nilai akhir evaluasi AKIP tahun sebelumnya (0-100), untuk perbandingan di lembar Hasil LKE."),
)

LKE = TableSheet(
    name="LKE",
    title="LEMBAR KERJA EVALUASI (LKE) AKUNTABILITAS KINERJA INSTANSI PEMERINTAH (PERMENPANRB 88/2021)",
    help="Satu baris per kriteria. Isi Jawaban Mandiri (Y/T atau A-E sesuai Jenis Jawaban) dan tautan bukti; "
         "evaluator (Inspektorat) mengisi Jawaban Evaluator. Bobot diisi pada baris pertama setiap sub-komponen.",
    key_column="kriteria",
    fill_down=("komponen", "sub_komponen"),
    aliases=("Lembar Kerja Evaluasi",),
    columns=(
        Column("no", "No", "text", aliases=("No.", "Nomor"), width=7, help="Nomor kriteria (boleh kosong)."),
        Column("komponen", "Komponen", "text", required=True, width=22,
               help="Komponen: Perencanaan, Pengukuran, Pelaporan, Evaluasi Internal. Kosong = sama dengan di atas."),
        Column("sub_komponen", "Sub-komponen", "text", required=True, aliases=("Sub Komponen", "Subkomponen"),
               width=30, help="Sub-komponen. Kosong = sama dengan di atas."),
        Column("bobot", "Bobot Sub-komponen", "number", aliases=("Bobot", "Bobot Sub Komponen"), width=10,
               num_format="0.00",
               help="Bobot sub-komponen (mis. 6, 9, 15), cukup pada baris pertama sub-komponen itu."),
        Column("kriteria", "Kriteria", "text", required=True, aliases=("Kriteria Penilaian", "Uraian Kriteria"),
               width=55, help="Kriteria penilaian LKE."),
        Column("jenis", "Jenis Jawaban", "choice", choices=ANSWER_KINDS, aliases=("Jenis", "Tipe Jawaban"),
               width=9, help="Y/T atau A-E. Kosong = semua jawaban di tabel NILAI JAWABAN LKE diterima."),
        Column("jawaban", "Jawaban Mandiri", "choice", choices=ANSWERS,
               aliases=("Jawaban", "Penilaian Mandiri", "Jawaban OPD", "Nilai Mandiri"), width=10,
               help="Jawaban penilaian mandiri perangkat daerah."),
        Column("evaluator", "Jawaban Evaluator", "choice", choices=ANSWERS,
               aliases=("Penilaian Evaluator", "Jawaban Inspektorat", "Nilai Evaluator"), width=10,
               help="Jawaban evaluator (Inspektorat); kosong bila belum dievaluasi."),
        Column("bukti", "Bukti Dukung", "text", aliases=("Tautan Bukti", "Link Bukti", "Bukti", "Eviden"),
               width=30, help="Tautan atau nama dokumen bukti dukung."),
        Column("cek", "Cek Data", "choice", choices=CEK_CHOICES, width=14,
               help="Opsional: data workbook yang harus ada bila kriteria dijawab positif "
                    "(mis. IKU = lembar IKU terisi; Realisasi PK = semua indikator PK punya realisasi)."),
    ),
)
