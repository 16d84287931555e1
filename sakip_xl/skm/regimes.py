"""The SKM regulations: their elements (unsur), grade bands and weights.

A survey follows one regulation. PermenPANRB 14/2017 is in force; 16/2014 had
nine elements with the 2004 bands; KepMenPAN 25/2004 had fourteen elements.
"""
from __future__ import annotations

from dataclasses import dataclass

from sakip_xl.read.schema import normalize_choice


@dataclass(frozen=True)
class Band:
    mutu: str            # A, B, C, D
    kinerja: str         # Sangat Baik ... Tidak Baik
    low: float | None    # lowest NIK (rounded to 2 decimals) of the band; None for the lowest band
    high: float          # highest NIK of the band, as printed in the regulation


@dataclass(frozen=True)
class Regime:
    name: str
    elements: tuple[str, ...]
    bands: tuple[Band, ...]      # from the best band down

    @property
    def count(self) -> int:
        return len(self.elements)


BANDS_2017 = (
    Band("A", "Sangat Baik", 88.31, 100.0),
    Band("B", "Baik", 76.61, 88.30),
    Band("C", "Kurang Baik", 65.00, 76.60),
    Band("D", "Tidak Baik", None, 64.99),
)
BANDS_2004 = (
    Band("A", "Sangat Baik", 81.26, 100.0),
    Band("B", "Baik", 62.51, 81.25),
    Band("C", "Kurang Baik", 43.76, 62.50),
    Band("D", "Tidak Baik", None, 43.75),
)
LOWEST_NIK = 25.0

PERMENPAN_2017 = Regime(
    "PermenPANRB 14/2017",
    ("Persyaratan", "Sistem, Mekanisme, dan Prosedur", "Waktu Penyelesaian", "Biaya/Tarif",
     "Produk Spesifikasi Jenis Pelayanan", "Kompetensi Pelaksana", "Perilaku Pelaksana",
     "Sarana dan Prasarana", "Penanganan Pengaduan, Saran dan Masukan"),
    BANDS_2017,
)
PERMENPAN_2014 = Regime(
    "PermenPANRB 16/2014",
    ("Persyaratan", "Prosedur", "Waktu Pelayanan", "Biaya/Tarif", "Produk Spesifikasi Jenis Pelayanan",
     "Kompetensi Pelaksana", "Perilaku Pelaksana", "Maklumat Pelayanan",
     "Penanganan Pengaduan, Saran dan Masukan"),
    BANDS_2004,
)
KEPMENPAN_2004 = Regime(
    "KepMenPAN 25/2004",
    ("Prosedur pelayanan", "Persyaratan pelayanan", "Kejelasan petugas pelayanan",
     "Kedisiplinan petugas pelayanan", "Tanggung jawab petugas pelayanan", "Kemampuan petugas pelayanan",
     "Kecepatan pelayanan", "Keadilan mendapatkan pelayanan", "Kesopanan dan keramahan petugas",
     "Kewajaran biaya pelayanan", "Kepastian biaya pelayanan", "Kepastian jadwal pelayanan",
     "Kenyamanan lingkungan", "Keamanan pelayanan"),
    BANDS_2004,
)
REGIMES = (PERMENPAN_2017, PERMENPAN_2014, KEPMENPAN_2004)
DEFAULT = PERMENPAN_2017
MAX_ELEMENTS = max(r.count for r in REGIMES)

# Weight of each element: the exact 1/n, or the rounded weights of old reports.
WEIGHT_EXACT = "tepat"
WEIGHT_3 = "3 desimal"
WEIGHT_2 = "2 desimal"
WEIGHTS = (WEIGHT_EXACT, WEIGHT_3, WEIGHT_2)


def by_name(text: object) -> Regime | None:
    """The regime a choice text names ('permenpanrb 14/2017', 'KepMenPAN 25/2004' ...), or None."""
    key = normalize_choice(str(text or "")).replace(" ", "")
    for regime in REGIMES:
        if normalize_choice(regime.name).replace(" ", "") == key:
            return regime
    return None


def weight(count: int, mode: str) -> float:
    """The weight of one element: 1/9, or 0,111 / 0,11 (0,071 / 0,07 for 14 elements)."""
    if mode == WEIGHT_3:
        return round(1 / count, 3)
    if mode == WEIGHT_2:
        return round(1 / count, 2)
    return 1 / count


def weight_label(count: int, mode: str) -> str:
    if mode == WEIGHT_EXACT:
        return f"1/{count} (tepat)"
    shown = f"{weight(count, mode):.{3 if mode == WEIGHT_3 else 2}f}".replace(".", ",")
    top = f"{weight(count, mode) * count * 100:.2f}".replace(".", ",")
    return f"{shown} (dibulatkan, cara lama: NIK maksimum {top})"
