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

from sakip_xl import findings as F
from sakip_xl.xlsx.addresses import parse_cell
from sakip_xl.review import codes  # noqa: F401  (registers the WB- codes)
from sakip_xl.xlsx.cells import sheet_part as _sheet_part
from sakip_xl.xlsx.opc import Package
from sakip_xl.xlsx.xmlutil import local

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
    stale: list[_Stale] = []
    for sheet in sheets:
        want = sheet_cells(new_pkg, sheet) or {}
        have = sheet_cells(old_pkg, sheet) if sheet in owned else None
        if have is None:
            out.append(F.make("WB-005", sheet, "", name=sheet))
            continue
        out.extend(_compare_sheet(sheet, want, have, stale))
    out.extend(_stale_findings(stale, set(sheets)))
    return out


@dataclass(frozen=True)
class _Stale:
    sheet: str
    ref: str
    formula: str
    found: object     # stored result
    expected: object  # fresh result


def _compare_sheet(sheet: str, want: dict[str, CellState], have: dict[str, CellState],
                   stale: list[_Stale]) -> list[F.Finding]:
    """Hand edits of one sheet as findings; stale cells are added to `stale` (grouped later)."""
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
            stale.append(_Stale(sheet, ref, cell.formula, got.value, cell.value))
        if finding is None:
            continue
        if len(found) < MAX_PER_SHEET:
            found.append(finding)
        else:
            extra += 1
    if extra:
        found.append(F.make("WB-006", sheet, "", count=extra))
    return found


_REF = re.compile(
    r"(?<![\w.$'])(?:'((?:[^']|'')+)'!|([A-Za-z_][A-Za-z0-9_.]*)!)?"
    r"(?:\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?|\$?([A-Z]{1,3}):\$?([A-Z]{1,3}))(?![\w(!])")


def _references(formula: str, own_sheet: str):
    """(sheet, first row, first col, last row, last col, text) of every reference of a formula (0-based;
    a whole-column reference spans every row)."""
    body = _STRING.sub('""', formula)
    for m in _REF.finditer(body):
        quoted, bare, c1, r1, c2, r2, col_a, col_b = m.groups()
        sheet = quoted.replace("''", "'") if quoted else (bare or own_sheet)
        if c1:
            top, left = parse_cell(f"{c1}{r1}")
            bottom, right = parse_cell(f"{c2}{r2}") if c2 else (top, left)
            text = f"{c1}{r1}" + (f":{c2}{r2}" if c2 else "")
        else:
            _, left = parse_cell(f"{col_a}1")
            _, right = parse_cell(f"{col_b}1")
            top, bottom = 0, 10**7
            text = f"{col_a}:{col_b}"
        yield sheet, top, left, bottom, right, text


def _stale_findings(stale: list[_Stale], tool_sheets: set[str]) -> list[F.Finding]:
    """One WB-003 per edited input, naming the computed cells it made stale.

    A stale cell whose formula reads input cells (sheets the tool does not own) is
    where an edit entered; the input cells it reads are the edited input (one cell
    when the result echoes it, as the Realisasi column of Capaian does). Every other
    stale cell is traced back through the stale cells its formula reads. Stale cells
    reached from no input (the finding counts of Pemeriksaan, which follow the
    findings) go with the only edited input when there is one, else in a finding of
    their own.
    """
    if not stale:
        return []
    index = {(s.sheet, s.ref): s for s in stale}
    cells_of: dict[str, list[tuple[int, int, _Stale]]] = {}
    for s in stale:
        row, col = parse_cell(s.ref)
        cells_of.setdefault(s.sheet, []).append((row, col, s))
    direct: dict[tuple[str, str], tuple[str, ...]] = {}
    parents: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for s in stale:
        inputs, ups = [], []
        for sheet, top, left, bottom, right, text in _references(s.formula, s.sheet):
            if sheet not in tool_sheets:
                label = f"{sheet}!{text}"
                if label not in inputs:
                    inputs.append(label)
                continue
            for row, col, other in cells_of.get(sheet, ()):
                if top <= row <= bottom and left <= col <= right and other is not s:
                    ups.append((other.sheet, other.ref))
        direct[(s.sheet, s.ref)] = tuple(inputs)
        parents[(s.sheet, s.ref)] = ups

    memo: dict[tuple[str, str], frozenset] = {}

    def sources(key, visiting=()):
        if key in memo:
            return memo[key]
        if key in visiting:
            return frozenset()
        found = set()
        for up in parents[key]:
            found |= sources(up, visiting + (key,))
        if not found and direct[key]:    # not explained by a stale cell it reads: the edit entered here
            found = {direct[key]}
        memo[key] = frozenset(found)
        return memo[key]

    groups: dict[tuple[str, ...], list[_Stale]] = {}
    orphans: list[_Stale] = []
    for s in stale:
        reached = sources((s.sheet, s.ref))
        if not reached:
            orphans.append(s)
        for unit in sorted(reached):
            groups.setdefault(unit, []).append(s)
    if orphans and groups:
        for members in groups.values():
            members.extend(orphans)
    elif orphans:
        groups[()] = orphans
    out = []
    for unit, members in groups.items():
        first = next((m for m in members if direct[(m.sheet, m.ref)] == unit), members[0])
        sheet, cell = _place_of(unit, first)
        out.append(F.make("WB-003", sheet, cell, inputs=" atau ".join(unit) if unit else "isian",
                          count=len(members), cells=_cell_list(members),
                          first=f"{first.sheet}!{first.ref}", found=_show(first.found),
                          expected=_show(first.expected)))
    return out


def _place_of(unit: tuple[str, ...], first: _Stale) -> tuple[str, str]:
    """Where a stale group's finding points: the edited input cell, or the first stale cell."""
    if unit:
        sheet, cell = unit[0].rsplit("!", 1)
        cell = cell.split(":")[0]
        return sheet, (cell if any(ch.isdigit() for ch in cell) else "")
    return first.sheet, first.ref


def _cell_list(members: list[_Stale], limit: int = 12) -> str:
    """'Capaian!J5, L5; Perbandingan!H6 ...' for the first `limit` cells."""
    by_sheet: dict[str, list[str]] = {}
    for m in members[:limit]:
        by_sheet.setdefault(m.sheet, []).append(m.ref)
    text = "; ".join(f"{sheet}!{', '.join(refs)}" for sheet, refs in by_sheet.items())
    return text + (f" dan {len(members) - limit} sel lain" if len(members) > limit else "")


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
    from sakip_xl.read.numbers import format_id
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
