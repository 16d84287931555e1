"""The PK section's input: the PK sheet's table, its kinds of target, quarters and settings."""
from __future__ import annotations

from sakip_xl.pk import capaian as C
from sakip_xl.read.schema import POLARITY_NEGATIVE, POLARITY_POSITIVE, Column, Setting, TableSheet

__all__ = ["PK", "SETTINGS", "JENIS_TUNGGAL", "JENIS_RENTANG", "JENIS_KUALITATIF", "QUARTER_KEYS", "QUARTER_NAMES",
           "NO_CAP", "CAP_CHOICES", "POSITIVE_WORDS", "NEGATIVE_WORDS", "YEAR_WORDS"]

POSITIVE_WORDS = {"positif", "+", "naik", "maksimal", "maximize", "positive", "semakin tinggi semakin baik"}
NEGATIVE_WORDS = {"negatif", "-", "turun", "minimal", "minimize", "negative", "semakin rendah semakin baik"}
YEAR_WORDS = {
    C.YEAR_CUMULATIVE: {"kumulatif", "akumulatif", "tw terakhir", "triwulan terakhir", "cumulative"},
    C.YEAR_SUM: {"jumlah", "total", "penjumlahan", "sum"},
    C.YEAR_AVERAGE: {"rata-rata", "rata rata", "ratarata", "rerata", "average"},
}

JENIS_TUNGGAL = "tunggal"
JENIS_RENTANG = "rentang"
JENIS_KUALITATIF = "kualitatif"

QUARTER_KEYS = ("tw1", "tw2", "tw3", "tw4")
QUARTER_NAMES = ("TW I", "TW II", "TW III", "TW IV")

NO_CAP = "tanpa batas"
CAP_CHOICES = (NO_CAP, "100", "110", "120", "150", "200")

SETTINGS = (
    Setting("batas_capaian", "Batas capaian untuk rata-rata (%)", "choice", NO_CAP, choices=CAP_CHOICES,
            help="Capaian di atas batas ini dihitung sebesar batas saat dirata-rata per sasaran; "
                 "capaian asli tetap ditampilkan. 'tanpa batas' = tidak dibatasi."),
    Setting("capaian_kualitatif", "Capaian target kualitatif", "choice", C.QUAL_RATIO,
            choices=(C.QUAL_RATIO, C.QUAL_BINARY),
            help="Target berupa nilai huruf: 'rasio peringkat' = peringkat realisasi / peringkat target x 100; "
                 "'tercapai 100, tidak 0'. Tercapai bila peringkat realisasi >= peringkat target."),
)

PK = TableSheet(
    name="PK",
    title="PERJANJIAN KINERJA DAN REALISASI",
    help="Satu baris per indikator kinerja. Sel sasaran yang digabung (merge) atau kosong mengikuti baris di atasnya.",
    key_column="indikator",
    fill_down=("no", "sasaran"),
    aliases=("Perjanjian Kinerja",),
    columns=(
        Column("no", "No", "text", aliases=("No.", "Nomor"), width=5, help="Nomor urut (boleh kosong)."),
        Column("sasaran", "Sasaran Strategis", "text", required=True, aliases=("Sasaran",), width=40,
               help="Sasaran strategis yang didukung indikator."),
        Column("indikator", "Indikator Kinerja", "text", required=True,
               aliases=("Indikator Sasaran", "Indikator", "IKU", "Indikator Kinerja Utama"), width=50,
               help="Nama indikator persis seperti di Renstra/IKU."),
        Column("satuan", "Satuan", "text", aliases=("Satuan Indikator",), width=10,
               help="Mis. %, indeks, dokumen.", example="%"),
        Column("polaritas", "Polaritas", "choice", choices=(POLARITY_POSITIVE, POLARITY_NEGATIVE),
               aliases=("Polaritas Indikator", "Arah"), width=11,
               help="positif: makin tinggi makin baik; negatif: makin rendah makin baik. Kosong = positif."),
        Column("target", "Target", "number", required=True, aliases=("Target Kinerja", "Target Tahun Ini"),
               width=12, num_format="#,##0.00", example=100,
               help="Angka target. Ketik 85, bukan 'B (85)'. Untuk persen ketik 100, bukan 100%."),
        Column("realisasi", "Realisasi", "number", required=True, aliases=("Realisasi Kinerja",),
               width=12, num_format="#,##0.00", example=80,
               help="Angka realisasi dengan satuan yang sama dengan target. Belum ada: biarkan kosong."),
        Column("realisasi_lalu", "Realisasi Tahun Lalu", "number",
               aliases=("Realisasi (n-1)", "Realisasi Tahun Sebelumnya"), width=12, num_format="#,##0.00",
               help="Opsional: realisasi tahun sebelumnya untuk perbandingan."),
        Column("capaian_dilaporkan", "Capaian Dilaporkan (%)", "number",
               aliases=("Capaian Dilaporkan", "Capaian (%)", "Capaian"), width=12, num_format="#,##0.00",
               help="Opsional: capaian yang sudah Anda hitung sendiri; sakip-xl membandingkannya."),
        Column("target_atas", "Target Batas Atas", "number", aliases=("Batas Atas Target", "Target Maksimal"),
               width=12, num_format="#,##0.00",
               help="Hanya untuk target rentang: Target = batas bawah, kolom ini = batas atas (80 dan 90 untuk 80-90)."),
        Column("skala", "Skala Kualitatif", "choice", choices=("Predikat SAKIP", "Opini BPK"),
               aliases=("Skala Target", "Skala Nilai"), width=15,
               help="Hanya bila target dan realisasi berupa nilai huruf (B, BB, WTP ...): nama skala di Pengaturan."),
        Column("tw1", "Realisasi TW I", "number", aliases=("TW I", "Triwulan I", "Realisasi Triwulan I"),
               width=11, num_format="#,##0.00", help="Opsional: realisasi triwulan I."),
        Column("tw2", "Realisasi TW II", "number", aliases=("TW II", "Triwulan II", "Realisasi Triwulan II"),
               width=11, num_format="#,##0.00", help="Opsional: realisasi triwulan II."),
        Column("tw3", "Realisasi TW III", "number", aliases=("TW III", "Triwulan III", "Realisasi Triwulan III"),
               width=11, num_format="#,##0.00", help="Opsional: realisasi triwulan III."),
        Column("tw4", "Realisasi TW IV", "number", aliases=("TW IV", "Triwulan IV", "Realisasi Triwulan IV"),
               width=11, num_format="#,##0.00", help="Opsional: realisasi triwulan IV."),
        Column("cara_tahunan", "Cara Realisasi Tahunan", "choice", choices=("kumulatif", "jumlah", "rata-rata"),
               aliases=("Realisasi Tahunan dari TW", "Sifat Realisasi"), width=13,
               help="Bila Realisasi kosong, dihitung dari triwulan: kumulatif = TW terakhir yang terisi; "
                    "jumlah = TW I+II+III+IV; rata-rata = rata-rata TW yang terisi. Kosong = kumulatif."),
        Column("nasional", "Realisasi Nasional", "number", aliases=("Capaian Nasional", "Angka Nasional"),
               width=12, num_format="#,##0.00",
               help="Opsional: angka nasional tahun ini untuk perbandingan. Kosong bila tidak tersedia."),
    ),
)
