"""What the PK section computes for each indicator."""
from __future__ import annotations

from dataclasses import dataclass

from sakip_xl.pk import capaian as C
from sakip_xl.pk.schema import JENIS_TUNGGAL
from sakip_xl.read import ordinal
from sakip_xl.read.cells import SLOTS, NumberCell
from sakip_xl.read.reader import Record
from sakip_xl.read.settings import Settings


@dataclass(**SLOTS)
class Indicator:
    record: Record
    no: str
    sasaran: str
    indikator: str
    satuan: str
    polaritas: str
    rule: str
    target: NumberCell
    realisasi: NumberCell
    realisasi_lalu: NumberCell | None
    stated: NumberCell | None
    status: str
    capaian: float | None
    kategori: str | None
    jenis: str = JENIS_TUNGGAL
    target_atas: NumberCell | None = None
    scale: ordinal.OrdinalScale | None = None
    target_shown: object = None        # a qualitative row's cells as a formula shows them
    realisasi_shown: object = None
    rank_target: int | None = None
    rank_realisasi: int | None = None
    quarters: tuple = ()               # NumberCell | None per quarter; () when the PK has no quarter column
    cara: str = C.YEAR_CUMULATIVE
    realisasi_tw: float | None = None  # the year's realisasi from the quarters
    realisasi_value: float | None = None  # the year's realisasi used: typed, else from the quarters
    capaian_dibatasi: float | None = None
    tercapai: str | None = None
    nasional: NumberCell | None = None
    lalu_raw: object = None
    qual_mode: str = C.QUAL_RATIO     # how a qualitative row's capaian is shown (Pengaturan)


@dataclass
class PkContext:
    settings: Settings
    scales: tuple
    cap: float | None
    qual_mode: str
    date1904: bool = False
