"""The PK section's input: the PK sheet's table (read.schema.PK), its kinds of target, quarters and settings."""
from __future__ import annotations

from sakip_xl.pk import capaian as C
from sakip_xl.read.schema import PK, Setting

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
