"""Re-checking a finished workbook: were the computed sheets edited or left stale?

`check` renders the computed sheets afresh from the current inputs and compares
them, cell by cell, with the computed sheets stored in the file:
- a cell that should hold a formula but holds a typed value was overwritten by hand;
- a formula whose text differs was edited by hand;
- a formula whose stored result differs from the fresh result is stale: the
  inputs changed after the last `compute`.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from lxml import etree

from . import findings as F
from .findings import GALAT, INFO, PERINGATAN, Code
from .package.cells import sheet_part as _sheet_part
from .package.opc import Package
from .package.xmlutil import local

F.register([
    Code("WB-001", GALAT, "Hasil hitung ditimpa ketikan",
         "Sel ini seharusnya berisi rumus sakip-xl, tetapi berisi nilai yang diketik.",
         "Jangan mengubah lembar hasil; jalankan sakip-xl compute untuk memulihkannya."),
    Code("WB-002", GALAT, "Rumus hasil diubah",
         "Rumus di sel ini berbeda dari rumus sakip-xl (tertulis {found}, seharusnya {expected}).",
         "Jangan mengubah lembar hasil; jalankan sakip-xl compute untuk memulihkannya."),
    Code("WB-003", PERINGATAN, "Hasil belum diperbarui",
         "Hasil tersimpan {found} tidak sesuai data saat ini ({expected}): data diubah setelah compute.",
         "Hasil belum diperbarui, jalankan sakip-xl compute."),
    Code("WB-004", INFO, "Dibuat versi sakip-xl lain",
         "Lembar hasil dibuat oleh sakip-xl {found}; versi yang memeriksa {expected}.",
         "Jalankan sakip-xl compute dengan versi ini agar hasil dan pemeriksaan sejalan."),
    Code("WB-005", PERINGATAN, "Lembar hasil hilang atau belum dibuat",
         "Lembar hasil '{name}' belum ada atau telah dihapus.",
         "Jalankan sakip-xl compute untuk membuat lembar hasil."),
    Code("WB-007", PERINGATAN, "Susunan lembar hasil tidak sesuai data",
         "Susunan lembar hasil tidak sesuai lagi dengan data (baris data ditambah atau dihapus setelah compute); "
         "sel-selnya tidak dibandingkan satu per satu.",
         "Hasil belum diperbarui, jalankan sakip-xl compute."),
    Code("WB-006", PERINGATAN, "Terlalu banyak sel berbeda",
         "{count} sel lain di lembar ini juga berbeda (tidak dicantumkan satu per satu).",
         "Jalankan sakip-xl compute untuk memperbarui lembar hasil."),
    Code("WB-009", PERINGATAN, "Pengaturan diubah setelah compute",
         "Pengaturan berikut diubah setelah compute: {names}. Lembar hasil masih dihitung dengan pengaturan "
         "lama; lembar hasil diperiksa terhadap pengaturan lama itu.",
         "Jalankan sakip-xl compute agar hasil memakai pengaturan yang baru."),
    Code("WB-008", INFO, "Workbook belum diproses sakip-xl",
         "Workbook ini belum berisi lembar hasil sakip-xl ({names}): yang diperiksa hanya data isiannya.",
         "Jalankan sakip-xl compute, lalu kirim workbook hasilnya."),
])

MAX_PER_SHEET = 20


@dataclass(frozen=True)
class CellState:
    formula: str | None
    value: object      # float, str, bool, or None when no value is stored


def sheet_cells(pkg: Package, sheet_name: str) -> dict[str, CellState] | None:
    """Formula text and stored value of every cell of a worksheet, or None when absent."""
    part = _sheet_part(pkg, sheet_name)
    if part is None:
        return None
    strings = _shared_strings(pkg)
    cells: dict[str, CellState] = {}
    for _, el in etree.iterparse(_stream(pkg.read(part)), events=("end",), resolve_entities=False,
                                 no_network=True, huge_tree=False):
        if local(el) != "c":
            continue
        ref = el.get("r")
        formula = value = None
        kind = el.get("t", "n")
        for sub in el:
            name = local(sub)
            if name == "f":
                formula = sub.text or ""
            elif name == "v":
                value = _typed(sub.text, kind, strings)
            elif name == "is":
                value = "".join(t.text or "" for t in sub.iter() if local(t) == "t")
        if ref:
            cells[ref] = CellState(formula, value)
        el.clear()
    return cells


def stored_value(data: bytes, sheet: str, ref: str):
    """The value stored in one cell of a sheet of the workbook, or None."""
    cells = sheet_cells(Package(data), sheet)
    cell = cells.get(ref) if cells else None
    return cell.value if cell is not None else None


def compare(existing: bytes, fresh: bytes, sheets: list[str], owned: list[str],
            version: str | None, current_version: str) -> list[F.Finding]:
    """Findings about the computed sheets of `existing` against a fresh rendering."""
    old_pkg, new_pkg = Package(existing), Package(fresh)
    out: list[F.Finding] = []
    if version and version != current_version:
        out.append(F.make("WB-004", sheets[0] if sheets else "", "", found=version, expected=current_version))
    for sheet in sheets:
        want = sheet_cells(new_pkg, sheet) or {}
        have = sheet_cells(old_pkg, sheet) if sheet in owned else None
        if have is None:
            out.append(F.make("WB-005", sheet, "", name=sheet))
            continue
        out.extend(_compare_sheet(sheet, want, have))
    return out


def _compare_sheet(sheet: str, want: dict[str, CellState], have: dict[str, CellState]) -> list[F.Finding]:
    if _layout_changed(want, have):
        return [F.make("WB-007", sheet, "")]
    found: list[F.Finding] = []
    extra = 0
    for ref, cell in want.items():
        if cell.formula is None:
            continue
        got = have.get(ref)
        finding = None
        if got is None or got.formula is None:
            finding = F.make("WB-001", sheet, ref)
        elif _norm_formula(got.formula) != _norm_formula(cell.formula):
            finding = F.make("WB-002", sheet, ref, found=_short("=" + got.formula), expected=_short("=" + cell.formula))
        elif not _same(got.value, cell.value):
            finding = F.make("WB-003", sheet, ref, found=_show(got.value), expected=_show(cell.value))
        if finding is None:
            continue
        if len(found) < MAX_PER_SHEET:
            found.append(finding)
        else:
            extra += 1
    if extra:
        found.append(F.make("WB-006", sheet, "", count=extra))
    return found


def _layout_changed(want: dict[str, CellState], have: dict[str, CellState]) -> bool:
    """True when rows were added or removed since compute, rather than cells edited.

    A typed value over a formula leaves the cell in place (without its formula); a
    sheet rendered from more or fewer input rows has formulas where the stored
    sheet has no cell at all, or the stored sheet has formulas where the fresh one
    has none.
    """
    for ref, cell in want.items():
        if cell.formula is not None and ref not in have:
            return True
    return any(cell.formula is not None and (ref not in want or want[ref].formula is None)
               for ref, cell in have.items())


def _same(a, b) -> bool:
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)
    return a == b


_NEEDLESS_QUOTES = re.compile(r"'([A-Za-z_][A-Za-z0-9_.]*)'!")
_STRING = re.compile(r'"(?:[^"]|"")*"')


def _norm_formula(text: str) -> str:
    """A formula as compared: how a program spells it, not what it computes.

    Excel and LibreOffice rewrite a formula on save: `'PK'!F5` becomes `PK!F5`,
    spaces go, function prefixes appear. None of that is a hand edit. String
    literals are compared as they are.
    """
    out, pos = [], 0
    body = text.lstrip("=")
    for m in _STRING.finditer(body):
        out.append(_norm_code(body[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(_norm_code(body[pos:]))
    return "".join(out)


def _norm_code(code: str) -> str:
    code = code.replace("_xlfn.", "").replace("_xlws.", "").replace(" ", "")
    return _NEEDLESS_QUOTES.sub(r"\1!", code).upper()


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _show(value) -> str:
    from .numbers import format_id
    if value in (None, ""):
        return "(kosong)"
    if isinstance(value, float):
        return format_id(value, 2)
    return str(value)


def _typed(text: str | None, kind: str, strings: list[str]):
    if text is None:
        return None
    if kind == "s":
        try:
            return strings[int(text)]
        except (ValueError, IndexError):
            return None
    if kind in ("str", "inlineStr", "e"):
        return text
    if kind == "b":
        return text == "1"
    if text == "":
        return ""
    try:
        return float(text)
    except ValueError:
        return text


def _shared_strings(pkg: Package) -> list[str]:
    part = pkg.find("xl/sharedStrings.xml")
    if part is None:
        return []
    out = []
    for si in pkg.xml(part):
        if local(si) == "si":
            out.append("".join(t.text or "" for t in si.iter() if local(t) == "t"))
    return out


def _stream(data: bytes):
    import io
    return io.BytesIO(data)
