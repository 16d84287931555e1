"""The two LKE tables of Pengaturan: answer values and predikat bounds.

Each is read back from the workbook so the formulas of Hasil LKE point at it;
when it is absent the regulation's defaults are used as constants in the formulas.
"""
from __future__ import annotations

from dataclasses import dataclass

from sakip_xl import findings as F
from sakip_xl.xlsx.addresses import cell as cell_address
from sakip_xl.xlsx.addresses import col_letter, quote_sheet
from sakip_xl.read.numbers import NUMBER, read_number
from sakip_xl.read.schema import OPERATORS, normalize_header
from sakip_xl.write.common import num_literal
from sakip_xl.lke.regulation import ANSWER_KINDS, ANSWER_VALUES, PREDIKAT

ANSWER_TITLE = "NILAI JAWABAN LKE"
ANSWER_HEADERS = ("Jawaban LKE", "Nilai Jawaban", "Jenis Jawaban LKE")
PREDIKAT_TITLE = "PREDIKAT LKE (NILAI AKHIR EVALUASI AKIP)"
PREDIKAT_HEADERS = ("Predikat LKE", "Syarat Predikat", "Batas Bawah Nilai", "Interpretasi")


@dataclass(frozen=True)
class Table:
    rows: tuple                 # answer: (label, value, kind); predikat: (label, op, bound, interpretation)
    sheet: str | None = None    # None: the defaults, written as constants
    first_row: int = 0          # 0-based row of the first data row
    cols: tuple = ()            # 0-based column of each field

    def rng(self, field: int, skip_first: bool = False) -> str:
        """A field as a formula operand: a Pengaturan range or an inline array."""
        rows = self.rows[1:] if skip_first else self.rows
        if self.sheet is None:
            return "{" + ",".join(_literal(r[field]) for r in rows) + "}"
        letter = col_letter(self.cols[field])
        first = self.first_row + (1 if skip_first else 0)
        return f"{quote_sheet(self.sheet)}!${letter}${first + 1}:${letter}${self.first_row + len(self.rows)}"


def _literal(v) -> str:
    if isinstance(v, (int, float)):
        return num_literal(float(v))
    return '"' + str(v).replace('"', '""') + '"'


DEFAULT_ANSWERS = Table(ANSWER_VALUES)
DEFAULT_PREDIKAT = Table(PREDIKAT)


def same_text(a: object, b: object) -> bool:
    """Twin of Excel's '=' between two texts: case-insensitive, nothing else folded."""
    return isinstance(a, str) and isinstance(b, str) and a.lower() == b.lower()


def answer_value(table: Table, raw: object, kind: str | None) -> float | None:
    """Twin of answer_formula: the value of an answer, None when it is blank or not on the table."""
    if not isinstance(raw, str) or type(raw).__name__ == "ExcelError" or raw == "":
        return None
    hits = [v for label, v, k in table.rows if same_text(label, raw) and (kind is None or same_text(k, kind))]
    return sum(hits) if hits else None


def answer_formula(table: Table, src: str, kind: str | None) -> str:
    match = f"({table.rng(0)}={src})"
    if kind is not None:
        match += f'*({table.rng(2)}="{kind}")'
    return f'=IFERROR(IF(SUMPRODUCT({match}*1)=0,"",SUMPRODUCT({match}*{table.rng(1)})),"")'


def choices(table: Table, kind: str | None) -> list[str]:
    return [label for label, _, k in table.rows if kind is None or same_text(k, kind)]


def predikat_index(table: Table, x: float | None) -> int | None:
    """Twin of the INDEX(...,1+SUMPRODUCT(...)) of predikat_formula (0-based)."""
    if x is None:
        return None
    return sum(1 for _, op, bound, _ in table.rows[1:] if (x > bound if op == ">" else x >= bound))


def predikat_formula(table: Table, x: str, field: int) -> str:
    """The predikat (field 0) or its interpretation (field 3) of the score in cell x."""
    ops, bounds = table.rng(1, skip_first=True), table.rng(2, skip_first=True)
    count = f'SUMPRODUCT(({ops}=">")*({bounds}<{x})+({ops}=">=")*({bounds}<={x}))'
    return f'=IF(ISNUMBER({x}),INDEX({table.rng(field)},1+{count}),"")'


def write_template_tables(ws, first_row: int, styles: dict, values: dict | None = None) -> int:
    """Both tables in the template's Pengaturan; returns the row after them."""
    r = first_row
    ws.write_string(r, 0, ANSWER_TITLE, styles["label"])
    ws.write_string(r, 3, "Nilai setiap jawaban kriteria LKE (PermenPANRB 88/2021). Jenis: Y/T atau A-E, "
                          "sesuai kolom Jenis Jawaban di lembar LKE.", styles["note"])
    r += 1
    for c, h in enumerate(ANSWER_HEADERS):
        ws.write_string(r, c, h, styles["header"])
    ws.set_row(r, 30)   # "Jenis Jawaban LKE" wraps in Pengaturan's narrow third column
    for label, value, kind in ANSWER_VALUES:
        r += 1
        ws.write_string(r, 0, label, styles["input"])
        ws.write_number(r, 1, value, styles["input"])
        ws.write_string(r, 2, kind, styles["input"])
    r += 2
    ws.write_string(r, 0, PREDIKAT_TITLE, styles["label"])
    ws.write_string(r, 3, "Dari predikat terendah ke tertinggi (tanpa batas untuk yang terendah). PermenPANRB "
                          "88/2021: AA >90-100, A >80-90, BB >70-80, B >60-70, CC >50-60, C >30-50, D 0-30.",
                    styles["note"])
    r += 1
    for c, h in enumerate(PREDIKAT_HEADERS):
        ws.write_string(r, c, h, styles["header"])
    for label, op, bound, interp in PREDIKAT:
        r += 1
        ws.write_string(r, 0, label, styles["input"])
        if op is None:
            ws.write_blank(r, 1, None, styles["input"])
            ws.write_blank(r, 2, None, styles["input"])
        else:
            ws.write_string(r, 1, op, styles["input"])
            ws.write_number(r, 2, bound, styles["input"])
        ws.data_validation(r, 1, r, 1, {"validate": "list", "source": list(OPERATORS)})
        ws.write_string(r, 3, interp, styles["input"])
    return r + 1


def _find(rows: list[list], headers: tuple) -> tuple[int, list[int]] | None:
    norm = [normalize_header(h) for h in headers]
    for r, row in enumerate(rows):
        cells = [normalize_header(v) if isinstance(v, str) else "" for v in row]
        if norm[0] in cells:
            cols = [cells.index(h) if h in cells else None for h in norm]
            return r, cols
    return None


def _cell(row: list, c: int):
    return row[c] if c is not None and c < len(row) else None


class _Bad(Exception):
    """A Pengaturan table that cannot be used: the cell and why."""

    def __init__(self, r: int, c: int, detail: str):
        super().__init__(detail)
        self.r, self.c, self.detail = r, c, detail


def _read(rows: list[list], sheet: str, out: list, headers, title: str, default: Table, parse) -> Table:
    """The table under `headers` in Pengaturan, its rows read by `parse(rows, head, cols) -> data`;
    the regulation's `default` when it is absent, or (with LKE-006 at the cell) when it is unusable."""
    found = _find(rows, headers)
    if found is None:
        return default
    head, cols = found
    try:
        if None in cols:
            missing = [h for h, c in zip(headers, cols) if c is None]
            raise _Bad(head, cols[0], f"kolom '{missing[0]}' tidak ada")
        data = parse(rows, head, cols)
    except _Bad as bad:
        out.append(F.make("LKE-006", sheet, cell_address(bad.r, bad.c), tabel=title, detail=bad.detail))
        return default
    return Table(tuple(data), sheet, head + 1, tuple(cols))


def _labelled_rows(rows: list[list], head: int, col: int):
    """(row index, label) of the rows under `head` up to the first without a label."""
    for r in range(head + 1, len(rows)):
        label = _cell(rows[r], col)
        if not isinstance(label, str) or not label.strip():
            return
        yield r, label


def _answer_rows(rows: list[list], head: int, cols) -> list:
    data, seen = [], set()
    for r, label in _labelled_rows(rows, head, cols[0]):
        value = read_number(_cell(rows[r], cols[1]))
        if value.kind != NUMBER:
            raise _Bad(r, cols[1], f"nilai jawaban '{label}' bukan angka")
        kind = _cell(rows[r], cols[2])
        kind = kind.strip() if isinstance(kind, str) else ""
        if kind not in ANSWER_KINDS:
            raise _Bad(r, cols[2], f"jenis jawaban '{kind}' harus {' atau '.join(ANSWER_KINDS)}")
        key = (label.lower(), kind)
        if key in seen:
            raise _Bad(r, cols[0], f"jawaban '{label}' ganda untuk jenis {kind}")
        seen.add(key)
        data.append((label, value.value, kind))
    if not data:
        raise _Bad(head, cols[0], "tabel kosong")
    return data


def _predikat_rows(rows: list[list], head: int, cols) -> list:
    data = []
    for r, label in _labelled_rows(rows, head, cols[0]):
        op = _cell(rows[r], cols[1])
        op = op.strip() if isinstance(op, str) else ""
        bound = read_number(_cell(rows[r], cols[2]))
        interp = _cell(rows[r], cols[3])
        interp = interp.strip() if isinstance(interp, str) else ""
        if not data:
            if op or bound.kind != "blank":
                raise _Bad(r, cols[1], "predikat terendah tidak boleh memiliki batas bawah")
            data.append((label.strip(), None, None, interp))
        else:
            if op not in OPERATORS:
                raise _Bad(r, cols[1], f"syarat '{op}' harus '>' atau '>='")
            if bound.kind != NUMBER:
                raise _Bad(r, cols[2], "batas bawah harus angka")
            prev = data[-1][2]
            if prev is not None and bound.value <= prev:
                raise _Bad(r, cols[2], "batas bawah harus naik dari atas ke bawah")
            data.append((label.strip(), op, bound.value, interp))
    if len(data) < 2:
        raise _Bad(head, cols[0], "paling sedikit dua predikat")
    return data


def read_answers(rows: list[list], sheet: str, out: list) -> Table:
    return _read(rows, sheet, out, ANSWER_HEADERS, ANSWER_TITLE, DEFAULT_ANSWERS, _answer_rows)


def read_predikat(rows: list[list], sheet: str, out: list) -> Table:
    return _read(rows, sheet, out, PREDIKAT_HEADERS, PREDIKAT_TITLE, DEFAULT_PREDIKAT, _predikat_rows)
