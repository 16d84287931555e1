"""The `Hasil Anggaran` sheet's columns, styles and formula builders, shared by its two writers
(sheet.py: the budget tree; summary.py: the tables below it)."""
from __future__ import annotations

from sakip_xl.xlsx.addresses import cell
from sakip_xl.write.common import Formats

SHEET = "Hasil Anggaran"

COLUMNS = (
    ("Kode/No", 14), ("Uraian", 46), ("Pagu (Rp)", 17), ("Realisasi (Rp)", 17), ("Serapan (%)", 10),
    ("Serapan Dilaporkan (%)", 11), ("Porsi Pagu (%)", 10), ("Porsi Dilaporkan (%)", 11),
    ("Jumlah Rincian Pagu", 17), ("Jumlah Rincian Realisasi", 17), ("Selisih Pagu", 15),
    ("Selisih Realisasi", 15), ("Tingkat", 12), ("Kelompok Belanja", 20), ("Jenis Belanja", 22),
    ("Sasaran yang Didukung", 34), ("No Sasaran", 8), ("Pagu di PK (Rp)", 17), ("Sel Sumber", 12),
)
COL = {name: i for i, (name, _) in enumerate(COLUMNS)}
CHUNK = 200        # references per SUM/COUNT call (Excel allows 255 arguments)


class Styles:
    """Formats of this sheet on top of the shared ones."""

    def __init__(self, wb, fmt: Formats):
        self.base = fmt
        self.amount = wb.add_format({"num_format": "#,##0", "valign": "top", "border": 1})
        self.bold_amount = wb.add_format({"bold": True, "num_format": "#,##0", "border": 1})
        self.bold_percent = wb.add_format({"bold": True, "num_format": "0.00", "border": 1})
        self.section = wb.add_format({"bold": True, "font_size": 12})
        self.flag = wb.add_format({"bg_color": "#F8CBAD"})
        self.indent = wb.add_format({"text_wrap": True, "valign": "top", "border": 1, "indent": 1})
        self.indent2 = wb.add_format({"text_wrap": True, "valign": "top", "border": 1, "indent": 2})


# --- formula pieces -----------------------------------------------------------

def ranges(col: int, rows: list[int]) -> list[str]:
    """Cells of one column as references, consecutive rows merged: ['C5:C7', 'C9']."""
    out, rows = [], sorted(rows)
    start = prev = None
    for r in rows + [None]:
        if start is not None and (r is None or r != prev + 1):
            out.append(cell(start, col) if start == prev else f"{cell(start, col)}:{cell(prev, col)}")
            start = None
        if r is not None and start is None:
            start = r
        prev = r
    return out


def call(func: str, parts: list[str]) -> str:
    """FUNC(a,b,...) split into FUNC(...)+FUNC(...) beyond CHUNK arguments (SUM and COUNT only)."""
    if not parts:
        return "0"
    return "+".join(f"{func}({','.join(parts[k:k + CHUNK])})" for k in range(0, len(parts), CHUNK))


def rollup_formula(col: int, rows: list[int]) -> str:
    parts = ranges(col, rows)
    return f'=IF({call("COUNT", parts)}={len(rows)},{call("SUM", parts)},"")'


def serapan_formula(p: str, r: str) -> str:
    return f'=IF(AND(ISNUMBER({p}),ISNUMBER({r})),IF({p}=0,"",{r}/{p}*100),"")'


def share_formula(x: str, total: str) -> str:
    return f'=IF(AND(ISNUMBER({x}),ISNUMBER({total})),IF({total}=0,"",{x}/{total}*100),"")'


def difference_formula(a: str, b: str) -> str:
    return f'=IF(AND(ISNUMBER({a}),ISNUMBER({b})),{a}-{b},"")'


# --- the sheet ----------------------------------------------------------------
