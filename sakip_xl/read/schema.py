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


def normalize_header(text: object) -> str:
    """Header text as compared: case, spacing, punctuation and accents folded."""
    s = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    s = s.lower().replace("\u00a0", " ")
    s = re.sub(r"[^a-z0-9%]+", " ", s)
    return " ".join(s.split())


def normalize_choice(text: object) -> str:
    return " ".join(str(text).replace("\u00a0", " ").split()).lower()
