"""The one declarative description of the input workbook.

The template, the reader, validation, the `Petunjuk` sheet and the example
workbooks are all driven from here: nothing else hard-codes a column position or
a header text.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    key: str                      # name used in code
    header: str                   # header text written in the template (Indonesian)
    kind: str                     # "text", "number", "choice"
    required: bool = False        # the sheet is refused when the column is missing
    aliases: tuple[str, ...] = () # other header texts users write for the same column
    choices: tuple[str, ...] = () # dropdown values for "choice"
    help: str = ""                # one line for the Petunjuk sheet
    width: float = 14
    num_format: str | None = None
    example: object = None        # shown in the Petunjuk sheet

    def all_names(self) -> tuple[str, ...]:
        return (self.header,) + self.aliases


@dataclass(frozen=True)
class TableSheet:
    """A sheet holding one table: a header row, then a row per record."""

    name: str
    title: str
    help: str
    columns: tuple[Column, ...]
    key_column: str               # a row is a record when this or a number column is filled
    fill_down: tuple[str, ...] = ()   # merged/blank-below cells repeat the value above
    header_row: int = 4           # 1-based row of the header in the template
    aliases: tuple[str, ...] = () # other sheet names accepted

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)


@dataclass(frozen=True)
class Setting:
    key: str
    label: str                    # text in column A of Pengaturan
    kind: str                     # "text", "number", "choice"
    default: object = None
    choices: tuple[str, ...] = ()
    help: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScaleRow:
    label: str
    operator: str | None          # ">" or ">=" (None for the lowest category)
    bound: float | None


@dataclass(frozen=True)
class SettingsSheet:
    name: str
    title: str
    help: str
    settings: tuple[Setting, ...]
    scale_title: str
    scale_headers: tuple[str, str, str]
    default_scale: tuple[ScaleRow, ...] = field(default_factory=tuple)


POLARITY_POSITIVE = "positif"
POLARITY_NEGATIVE = "negatif"

NEG_FORMULA_2T = "(2T-R)/T"
NEG_FORMULA_T_OVER_R = "T/R"

OPERATORS = (">", ">=")

PENGATURAN = SettingsSheet(
    name="Pengaturan",
    title="PENGATURAN",
    help="Identitas instansi dan aturan perhitungan. Ubah nilai di kolom B; jangan ubah teks di kolom A.",
    settings=(
        Setting("instansi", "Nama instansi", "text", "", help="Nama perangkat daerah, mis. Kecamatan Jelbuk."),
        Setting("kabupaten", "Kabupaten/Kota", "text", "", help="Mis. Kabupaten Jember."),
        Setting("tahun", "Tahun", "number", None, help="Tahun laporan, mis. 2021."),
        Setting("kepala", "Nama kepala", "text", "", help="Nama kepala perangkat daerah."),
        Setting("nip", "NIP kepala", "text", "", help="Ketik NIP sebagai teks, mis. '19680616 199303 1 006'."),
        Setting(
            "rumus_negatif",
            "Rumus capaian polaritas negatif",
            "choice",
            NEG_FORMULA_2T,
            choices=(NEG_FORMULA_2T, NEG_FORMULA_T_OVER_R),
            help="(2T-R)/T sesuai PermenPANRB 8/2021 (bawaan); T/R untuk cara lama. T = target, R = realisasi.",
        ),
    ),
    scale_title="SKALA KATEGORI CAPAIAN",
    scale_headers=("Kategori", "Syarat", "Batas bawah (%)"),
    default_scale=(
        ScaleRow("Kurang", None, None),
        ScaleRow("Cukup", ">=", 55.0),
        ScaleRow("Baik", ">=", 76.0),
        ScaleRow("Sangat Baik", ">", 100.0),
    ),
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



def normalize_header(text: object) -> str:
    """Header text as compared: case, spacing, punctuation and accents folded."""
    s = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    s = s.lower().replace("\u00a0", " ")
    s = re.sub(r"[^a-z0-9%]+", " ", s)
    return " ".join(s.split())


def normalize_choice(text: object) -> str:
    return " ".join(str(text).replace("\u00a0", " ").split()).lower()
