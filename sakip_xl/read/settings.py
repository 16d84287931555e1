"""The Pengaturan sheet: identity of the unit and the rules of computation."""
from __future__ import annotations

from dataclasses import dataclass, field

from sakip_xl import findings as F
from sakip_xl.xlsx.addresses import cell as cell_address
from sakip_xl.read.numbers import NUMBER, TEXT_NUMBER, read_number
from sakip_xl.read.reader import WorkbookData
from sakip_xl.read.schema import OPERATORS, PENGATURAN, ScaleRow, Setting, normalize_choice, normalize_header


@dataclass
class ScaleRef:
    """Where the category scale stands in the workbook, for formulas."""

    sheet: str
    first_row: int      # 0-based row of the lowest category
    label_col: int
    operator_col: int
    bound_col: int
    count: int


@dataclass
class Settings:
    values: dict[str, object]
    scale: tuple[ScaleRow, ...]
    scale_ref: ScaleRef | None          # None: the default scale is used (no live formula)
    cells: dict[str, str] = field(default_factory=dict)  # setting key -> address of its value
    sheet: str | None = None

    def get(self, key: str):
        return self.values.get(key)


def defaults(known: tuple[Setting, ...]) -> Settings:
    values = {s.key: s.default for s in known}
    return Settings(values=values, scale=PENGATURAN.default_scale, scale_ref=None)


def read_settings(book: WorkbookData, out: list, known: tuple[Setting, ...]) -> Settings:
    """The settings of the Pengaturan sheet; `known`: every setting of every section
    (sections.all_settings()), found by its label or an alias."""
    sheet = book.find_sheet(PENGATURAN.name)
    if sheet is None:
        out.append(F.make("SET-003", PENGATURAN.name, ""))
        return defaults(known)
    rows = book.rows(sheet)
    result = defaults(known)
    result.sheet = sheet
    labels = {}
    for s in known:
        for name in (s.label,) + s.aliases:
            labels[normalize_header(name)] = s
    for r, row in enumerate(rows):
        for c, value in enumerate(row[:-1]):
            if not isinstance(value, str):
                continue
            setting = labels.get(normalize_header(value))
            if setting is None or setting.key in result.cells:
                continue
            raw = row[c + 1]
            addr = cell_address(r, c + 1)
            result.cells[setting.key] = addr
            result.values[setting.key] = _setting_value(setting, raw, sheet, addr, out)
    scale = _read_scale(rows, sheet, out)
    if scale is not None:
        result.scale, result.scale_ref = scale
    return result


def _setting_value(setting, raw, sheet, addr, out):
    if setting.kind == "number":
        parsed = read_number(raw)
        return parsed.value if parsed.kind in (NUMBER, TEXT_NUMBER) else setting.default
    text = "" if raw is None else str(raw).strip()
    if isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))   # a choice such as "120" picked from a dropdown is stored as a number
    if setting.kind == "choice":
        if not text:
            return setting.default
        for choice in setting.choices:
            if normalize_choice(choice).replace(" ", "") == normalize_choice(text).replace(" ", ""):
                return choice
        out.append(F.make("SET-002", sheet, addr, text=text, label=setting.label, default=setting.default))
        return setting.default
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return text


def _read_scale(rows, sheet, out):
    heads = [normalize_header(h) for h in PENGATURAN.scale_headers]
    for r, row in enumerate(rows):
        norm = [normalize_header(v) if isinstance(v, str) else "" for v in row]
        if heads[0] in norm and heads[2] in norm:
            label_col = norm.index(heads[0])
            bound_col = norm.index(heads[2])
            op_col = norm.index(heads[1]) if heads[1] in norm else None
            if op_col is None:
                out.append(F.make("SET-001", sheet, cell_address(r, label_col),
                                  detail=f"kolom '{PENGATURAN.scale_headers[1]}' tidak ada"))
                return None
            return _scale_rows(rows, sheet, r, label_col, op_col, bound_col, out)
    return None


def _scale_rows(rows, sheet, header_row, label_col, op_col, bound_col, out):
    scale: list[ScaleRow] = []
    r = header_row + 1
    while r < len(rows):
        row = rows[r]
        label = row[label_col] if label_col < len(row) else ""
        if not isinstance(label, str) or not label.strip():
            break
        op = str(row[op_col]).strip() if op_col < len(row) and row[op_col] is not None else ""
        bound = read_number(row[bound_col] if bound_col < len(row) else "")
        if not scale:
            if op or bound.kind != "blank":
                return _bad_scale(sheet, r, label_col, "kategori terendah tidak boleh memiliki batas bawah", out)
            scale.append(ScaleRow(label.strip(), None, None))
        else:
            if op not in OPERATORS:
                return _bad_scale(sheet, r, op_col, f"syarat '{op}' harus '>' atau '>='", out)
            if bound.kind != NUMBER:
                return _bad_scale(sheet, r, bound_col, "batas bawah harus angka", out)
            prev = scale[-1]
            if prev.bound is not None and (bound.value < prev.bound or
                                           (bound.value == prev.bound and not (prev.operator == ">=" and op == ">"))):
                return _bad_scale(sheet, r, bound_col, "batas bawah harus naik dari atas ke bawah", out)
            scale.append(ScaleRow(label.strip(), op, bound.value))
        r += 1
    if len(scale) < 2:
        return _bad_scale(sheet, header_row, label_col, "paling sedikit dua kategori", out)
    ref = ScaleRef(sheet=sheet, first_row=header_row + 1, label_col=label_col, operator_col=op_col,
                   bound_col=bound_col, count=len(scale))
    return tuple(scale), ref


def _bad_scale(sheet, r, c, detail, out):
    out.append(F.make("SET-001", sheet, cell_address(r, c), detail=detail))
    return None
