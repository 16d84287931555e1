"""The Renstra and IKU rows as read, and the Renstra year of the report."""
from __future__ import annotations

from dataclasses import dataclass, field

from sakip_xl.read.cells import NumberCell, number_cell
from sakip_xl.read.reader import cell_text as _text
from sakip_xl.read.reader import Record, Table
from sakip_xl.renstra.schema import YEARS

NUMBER_KEYS = ("kondisi_awal",) + tuple(f"target_{k}" for k in range(1, YEARS + 1)) + ("kondisi_akhir",) + \
    tuple(f"realisasi_{k}" for k in range(1, YEARS + 1))


@dataclass
class RenstraRow:
    record: Record
    sheet: str
    indikator: str
    sasaran: str
    satuan: str
    polaritas: str                      # as typed
    address: dict[str, str]             # column key -> cell address
    cells: dict[str, NumberCell] = field(default_factory=dict)   # number columns present in the sheet

    def raw(self, key: str) -> object:
        return self.record.values.get(key)

    def cell(self, key: str) -> NumberCell | None:
        return self.cells.get(key)


@dataclass
class IkuRow:
    record: Record
    sheet: str
    indikator: str
    sasaran: str
    satuan: str
    address: dict[str, str]


def _addresses(table: Table, rec: Record) -> dict[str, str]:
    return {key: table.address(rec, key) for key in table.columns}


def renstra_rows(table: Table, date1904: bool) -> list[RenstraRow]:
    rows = []
    for rec in table.records:
        cells = {k: number_cell(table, rec, k, date1904) for k in NUMBER_KEYS if table.has(k)}
        rows.append(RenstraRow(rec, table.sheet, _text(rec.values.get("indikator")), _text(rec.values.get("sasaran")),
                               _text(rec.values.get("satuan")), _text(rec.values.get("polaritas")),
                               _addresses(table, rec), cells))
    return rows


def iku_rows(table: Table) -> list[IkuRow]:
    return [IkuRow(rec, table.sheet, _text(rec.values.get("indikator")), _text(rec.values.get("sasaran")),
                   _text(rec.values.get("satuan")), _addresses(table, rec)) for rec in table.records]


@dataclass(frozen=True)
class Period:
    tahun: int | None          # the report year (Pengaturan)
    awal: int | None           # the first Renstra year (Pengaturan)

    @property
    def k(self) -> int | None:
        """The report year's position in the Renstra (1..5), or None."""
        if self.tahun is None or self.awal is None:
            return None
        k = self.tahun - self.awal + 1
        return k if 1 <= k <= YEARS else None

    def label(self, offset: int = 0) -> str:
        return str(self.tahun + offset) if self.tahun is not None else ("n" if offset == 0 else f"n{offset:+d}")


def period_of(settings) -> Period:
    def year(v):
        return int(v) if isinstance(v, (int, float)) and float(v).is_integer() else None
    return Period(year(settings.get("tahun")), year(settings.get("tahun_awal_renstra")))
