"""The PK sheet: each indicator's target and realisasi, read and judged.

A target is a number, a range (Target .. Target Batas Atas) or a grade on an
ordinal scale (Skala Kualitatif). The year's realisasi is the Realisasi cell,
or, when it is empty, the quarters (TW I-IV) combined as the indicator needs.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass

from . import capaian as C
from . import findings as F
from . import ordinal
from .findings import GALAT, PERINGATAN, Code
from .numbers import (BLANK, INVALID, NOT_AVAILABLE, NUMBER, TEXT_NUMBER, Parsed, excel_serial, format_id,
                      read_number, tolerance_for)
from .reader import Record, Table
from .schema import POLARITY_NEGATIVE, POLARITY_POSITIVE, Setting, normalize_choice
from .settings import Settings
from .reader import cell_text as _text

_POSITIVE_WORDS = {"positif", "+", "naik", "maksimal", "maximize", "positive", "semakin tinggi semakin baik"}
_NEGATIVE_WORDS = {"negatif", "-", "turun", "minimal", "minimize", "negative", "semakin rendah semakin baik"}
_YEAR_WORDS = {
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

F.register([
    Code("PK-013", GALAT, "Rentang target terbalik",
         "Batas bawah target {lower} lebih besar dari batas atas {upper}; capaian tidak dihitung.",
         "Ketik batas bawah di kolom Target dan batas atas di kolom Target Batas Atas."),
    Code("PK-014", GALAT, "Nilai tidak ada pada skala",
         "Nilai '{text}' tidak ada pada skala '{scale}' ({grades}); capaian tidak dihitung.",
         "Ketik salah satu nilai skala persis seperti di Pengaturan, atau tambahkan nilai itu ke skala."),
    Code("PK-015", GALAT, "Skala kualitatif tidak dikenal",
         "Skala '{text}' tidak ada di Pengaturan (yang ada: {names}); baris dihitung sebagai target angka.",
         "Pilih nama skala dari tabel SKALA TARGET KUALITATIF di Pengaturan, atau tambahkan skalanya."),
    Code("PK-016", PERINGATAN, "Realisasi kumulatif menurun",
         "Realisasi {quarter} ({value}) lebih kecil dari triwulan sebelumnya ({previous}), padahal angkanya kumulatif.",
         "Periksa angka triwulan, atau pilih 'jumlah'/'rata-rata' di kolom Cara Realisasi Tahunan."),
    Code("PK-017", PERINGATAN, "Realisasi tahunan berbeda dengan triwulan",
         "Realisasi {typed} berbeda dengan realisasi dari triwulan ({derived}, {cara}); yang dipakai {typed}.",
         "Samakan realisasi tahunan dengan angka triwulan, atau kosongkan Realisasi agar dihitung dari triwulan."),
    Code("PK-018", PERINGATAN, "Cara realisasi tahunan tidak dikenal",
         "Cara realisasi tahunan '{text}' tidak dikenal; dipakai 'kumulatif'.",
         "Pilih 'kumulatif', 'jumlah' atau 'rata-rata'."),
    Code("PK-019", PERINGATAN, "Nilai ganda pada skala",
         "Nilai '{text}' muncul lebih dari sekali pada skala '{scale}'; peringkatnya diambil dari yang pertama.",
         "Hapus nilai yang sama dari skala."),
    Code("PK-021", PERINGATAN, "Angka negatif",
         "{what} bernilai negatif ({value}); rumus capaian ({rumus}) dibuat untuk angka positif{akibat}. "
         "Capaian {capaian} dihitung apa adanya: periksa sebelum dipakai.",
         "Ukur indikator dengan angka positif (mis. penurunan 80, bukan -80) dan atur polaritasnya, atau hitung "
         "capaiannya sendiri dan jelaskan di narasi."),
    Code("PK-022", PERINGATAN, "Beberapa indikator dalam satu sel",
         "Sel indikator berisi {count} indikator bernomor; baris dihitung sebagai satu indikator dengan satu target "
         "dan satu realisasi.",
         "Pisahkan setiap indikator ke barisnya sendiri, dengan target dan realisasinya masing-masing."),
    Code("PK-024", PERINGATAN, "Target tidak tersedia",
         "Target '{text}': data tidak tersedia, capaian tidak dihitung.",
         F.NA_HINT),
    Code("PK-020", GALAT, "Tanggal atau jam di sel angka",
         "Sel berisi tanggal/jam ({text}); Excel membacanya sebagai angka {value}, dan hasil hitung memakai angka itu.",
         "Ketik angka biasa, lalu ubah format sel menjadi Number atau General."),
])


# Without an instance dict: a PK of 100,000 rows holds some two million of these (Python >= 3.10).
_SLOTS = {"slots": True} if sys.version_info >= (3, 10) else {}


@dataclass(**_SLOTS)
class NumberCell:
    """A numeric input as the spreadsheet sees it, and as Python understood it."""

    address: str
    parsed: Parsed
    engine_value: float | None   # what ISNUMBER(cell) sees: numbers and dates (x 100 when `percent`)
    value: float | None          # the number used (text numbers included)
    percent: bool = False        # a number in a percent-formatted cell: 0,72 shown as 72%, used as 72

    @property
    def fallback(self) -> float | None:
        """A number the formula must use because the cell holds it as text."""
        return self.value if self.parsed.kind == TEXT_NUMBER else None


@dataclass(**_SLOTS)
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


def number_cell(table: Table, rec: Record, key: str, date1904: bool) -> NumberCell | None:
    if not table.has(key):
        return None
    raw = rec.values.get(key)
    parsed = read_number(raw)
    serial = excel_serial(raw, date1904)
    if parsed.kind == NUMBER:
        engine = parsed.value
    elif serial is not None:
        engine = serial
    else:
        engine = None
    value = parsed.value if parsed.kind in (NUMBER, TEXT_NUMBER) else engine
    address = table.address(rec, key)
    if parsed.kind == NUMBER and address in table.percent:
        # What the user sees: 0,72 in a 0% cell is 72 %. The formulas multiply the cell by 100 too.
        value = engine = parsed.value * 100
        return NumberCell(address, parsed, engine, value, percent=True)
    return NumberCell(address, parsed, engine, value)


def shown_value(raw: object, date1904: bool = False) -> object:
    """Twin of IFERROR(IF(LEN(src)=0,"",src),""): None for '' results."""
    if raw is None or type(raw).__name__ == "ExcelError":
        return None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return float(raw)
    serial = excel_serial(raw, date1904)
    if serial is not None:
        return serial
    text = str(raw)
    return text if text != "" else None


def section():
    from .sections import Section
    from .schema import PK
    from .sheets import capaian_sheet

    return Section(key="pk", input_sheets=(PK,), output_sheets=(capaian_sheet.SHEET,),
                   analyze=analyze, render=capaian_sheet.render, settings=SETTINGS)


def scales_of(ctx) -> tuple:
    """The qualitative scales of Pengaturan (read once per run), or the defaults."""
    if "skala_kualitatif" not in ctx.results:
        found = None
        if ctx.settings.sheet is not None:
            found = ordinal.read_scales(ctx.book.rows(ctx.settings.sheet), ctx.settings.sheet)
        if found:
            for scale in found:
                for i in ordinal.duplicate_grades(scale):
                    ctx.findings.append(F.make("PK-019", scale.sheet, ordinal.address(scale, i),
                                               text=scale.grades[i], scale=scale.name))
        ctx.results["skala_kualitatif"] = found or ordinal.DEFAULT_SCALES
    return ctx.results["skala_kualitatif"]


def pk_context(settings: Settings, scales=ordinal.DEFAULT_SCALES, date1904: bool = False) -> PkContext:
    cap_text = settings.get("batas_capaian") or NO_CAP
    cap = None if cap_text == NO_CAP else float(cap_text)
    return PkContext(settings, tuple(scales), cap, settings.get("capaian_kualitatif") or C.QUAL_RATIO, date1904)


def analyze(ctx) -> list[Indicator] | None:
    """The PK section: None when the workbook has no PK sheet."""
    from .schema import PK
    table = ctx.book.table(PK, required=False)
    if table is None:
        return None
    ctx.results["pk_sheet"] = table.sheet
    ctx.results["pk_table"] = table
    return evaluate(table, ctx.settings, ctx.findings, ctx.date1904, scales_of(ctx))


def evaluate(table: Table, settings: Settings, out: list, date1904: bool = False,
             scales=ordinal.DEFAULT_SCALES) -> list[Indicator]:
    from .pk_rows import evaluate_row
    pc = pk_context(settings, scales, date1904)
    return [evaluate_row(table, rec, pc, out) for rec in table.records]


def polarity(table: Table, rec: Record, out: list) -> str:
    if not table.has("polaritas"):
        return POLARITY_POSITIVE
    raw = _text(rec.values.get("polaritas"))
    norm = normalize_choice(raw)
    if not norm or norm in _POSITIVE_WORDS:
        return POLARITY_POSITIVE
    if norm in _NEGATIVE_WORDS:
        return POLARITY_NEGATIVE
    out.append(F.make("PK-007", table.sheet, table.address(rec, "polaritas"), text=raw))
    return POLARITY_POSITIVE


def year_rule(table: Table, rec: Record, out: list) -> str:
    if not table.has("cara_tahunan"):
        return C.YEAR_CUMULATIVE
    raw = _text(rec.values.get("cara_tahunan"))
    norm = normalize_choice(raw)
    if not norm:
        return C.YEAR_CUMULATIVE
    for rule, words in _YEAR_WORDS.items():
        if norm in words:
            return rule
    out.append(F.make("PK-018", table.sheet, table.address(rec, "cara_tahunan"), text=raw))
    return C.YEAR_CUMULATIVE


def report_percent(cell: NumberCell | None, sheet: str, out: list) -> None:
    """A percent-formatted number: say how it was read (SEL-004)."""
    if cell is not None and cell.percent:
        p = cell.parsed
        decimals = next((d for d in range(2, 12) if round(p.value, d) == p.value), 12)
        out.append(F.make("SEL-004", sheet, cell.address, stored=format_id(p.value, decimals),
                          shown=_shown_number(cell.value)))


def _shown_number(value: float) -> str:
    decimals = next((d for d in range(0, 10) if round(value, d) == round(value, 10)), 10)
    return format_id(value, decimals)


def report_number(cell: NumberCell, sheet: str, out: list, which: str) -> None:
    report_percent(cell, sheet, out)
    p = cell.parsed
    if p.kind == INVALID and cell.engine_value is not None:   # a date or time: a number to Excel
        out.append(F.make("PK-020", sheet, cell.address, text=p.text, value=format_id(cell.engine_value, 2)))
    elif p.kind == TEXT_NUMBER:
        out.append(F.make("PK-006", sheet, cell.address, text=p.text, value=format_id(p.value, p.decimals or 0)))
    elif which == "target" and p.kind == NOT_AVAILABLE:     # the same rule as a '-' realisasi (PK-004)
        out.append(F.make("PK-024", sheet, cell.address, text=p.text))
    elif which == "target" and p.kind != NUMBER:
        out.append(F.make("PK-001", sheet, cell.address, text=p.text))
    elif which == "realisasi":
        if p.kind == BLANK:
            out.append(F.make("PK-003", sheet, cell.address))
        elif p.kind == NOT_AVAILABLE:
            out.append(F.make("PK-004", sheet, cell.address, text=p.text))
        elif p.kind == INVALID:
            out.append(F.make("PK-005", sheet, cell.address, text=p.text))
    elif which == "optional" and p.kind == INVALID and cell.engine_value is None:
        out.append(F.make("PK-005", sheet, cell.address, text=p.text))


def stated_is_fraction(stated: NumberCell, computed: float | None) -> bool:
    """True when a stated capaian was typed as a percentage (106,88 % is stored as 1,0688):
    a number of at most 2 beside a computed capaian above 2."""
    return (stated.parsed.kind == NUMBER and not stated.percent and stated.value is not None
            and computed is not None and abs(stated.value) <= 2 and abs(computed) > 2)


def stated_shown(stated: NumberCell, computed: float | None) -> float | None:
    """The stated capaian in percent, as the user sees it in the cell."""
    if stated.value is None:
        return None
    return stated.value * 100 if stated_is_fraction(stated, computed) else stated.value


def _stated_text(value: float, p, fraction: bool) -> str:
    """A stated capaian as written: 2 decimals for a percent cell, the typed decimals for text,
    2 to 4 decimals for a plain number (a stored 1,06875 is not '106,87500')."""
    if fraction:
        return format_id(value, 2)
    if p.kind == TEXT_NUMBER:
        return format_id(value, max(2, p.decimals or 0))
    return format_id(value, min(max(2, p.decimals or 0), 4))


def check_stated(stated: NumberCell, computed: float | None, sheet: str, out: list) -> None:
    p = stated.parsed
    report_percent(stated, sheet, out)
    if p.kind == TEXT_NUMBER:
        out.append(F.make("PK-006", sheet, stated.address, text=p.text, value=format_id(p.value, p.decimals or 0)))
    if stated.value is None:
        return
    if computed is None:
        out.append(F.make("PK-009", sheet, stated.address, stated=_stated_text(stated.value, p, False)))
        return
    fraction = stated_is_fraction(stated, computed)
    shown = stated_shown(stated, computed)   # typed as 86,44% in a percent-formatted cell: x 100
    if abs(shown - computed) > tolerance_for(p.decimals if p.kind == TEXT_NUMBER else 2):
        out.append(F.make("PK-008", sheet, stated.address,
                          stated=_stated_text(shown, p, fraction), computed=format_id(computed, 2)))
