"""The findings as printed on the console (`compute`, `check` in text form).

What a clerk must act on comes first: findings are ordered by severity (galat,
peringatan, info), then by where their code first appears in the workbook.
Findings of one code are printed as one group: a single finding on one line; a
repeated one as "SKM-003 × 50" with its cells compressed into ranges
("SKM!I5–I54, J7") and its first messages. The hint ("Perbaikan") of each code
is printed once, under its group. The Pemeriksaan sheet and --format json keep
every finding on its own row.
"""
from __future__ import annotations

from sakip_xl import findings as F
from sakip_xl.xlsx.addresses import col_letter, parse_cell

SHOWN_MESSAGES = 3   # messages printed for a repeated code; the rest are counted


def lines(findings: list[F.Finding], counts: dict[str, int]) -> list[str]:
    """The console text for `findings` (already filtered), ordered and grouped."""
    out = [f"Temuan: {counts.get(F.GALAT, 0)} galat, {counts.get(F.PERINGATAN, 0)} peringatan, "
           f"{counts.get(F.INFO, 0)} info"]
    for severity, groups in ordered_groups(findings):
        out.append(f"{severity.upper()}:")
        for code, members in groups:
            out.extend(_group_lines(code, members))
    return out


def ordered_groups(findings: list[F.Finding]) -> list[tuple[str, list[tuple[str, list[F.Finding]]]]]:
    """[(severity, [(code, findings of that code in workbook order), ...]), ...], most severe first."""
    by_code: dict[tuple[str, str], list[F.Finding]] = {}
    for f in findings:                       # dicts keep first-appearance order
        by_code.setdefault((f.severity, f.code), []).append(f)
    out = []
    for severity in sorted({s for s, _ in by_code}, key=lambda s: F.SEVERITY_ORDER.get(s, 99)):
        out.append((severity, [(code, members) for (s, code), members in by_code.items() if s == severity]))
    return out


def _group_lines(code: str, members: list[F.Finding]) -> list[str]:
    hint = members[0].hint
    if len(members) == 1:
        f = members[0]
        out = [f"  {code} {f.place or '(seluruh workbook)'}: {f.message}"]
    else:
        out = [f"  {code} × {len(members)}: {compress_places(members)}"]
        for f in members[:SHOWN_MESSAGES]:
            out.append(f"      {f.place or '(seluruh workbook)'}: {f.message}")
        rest = len(members) - SHOWN_MESSAGES
        if rest > 0:
            out.append(f"      … dan {rest} lainnya (daftar lengkap: lembar Pemeriksaan hasil compute, "
                       "atau dengan --format json)")
    if hint:
        out.append(f"      Perbaikan: {hint}")
    return out


def compress_places(members: list[F.Finding]) -> str:
    """'SKM!I5–I54, I60, J7; PK!C5' for the cells of `members` (consecutive rows of a column joined)."""
    sheets: dict[str, list[tuple[int, int]]] = {}
    whole: list[str] = []
    for f in members:
        cells = sheets.setdefault(f.sheet, []) if f.sheet else None
        try:
            row, col = parse_cell(f.cell) if f.cell else (None, None)
        except (ValueError, KeyError):
            row = col = None
        if row is None or cells is None:
            label = f.place or "(seluruh workbook)"
            if label not in whole:
                whole.append(label)
            continue
        cells.append((col, row))
    parts = []
    for sheet, cells in sheets.items():
        if not cells:
            continue
        runs = []
        for col, start, end in _runs(sorted(set(cells))):
            letter = col_letter(col)
            runs.append(f"{letter}{start + 1}" if start == end else f"{letter}{start + 1}–{letter}{end + 1}")
        parts.append(f"{sheet}!{', '.join(runs)}")
    return "; ".join(parts + whole)


def _runs(cells: list[tuple[int, int]]):
    """(col, first row, last row) for each run of consecutive rows in one column (0-based)."""
    run = None
    for col, row in cells:
        if run and run[0] == col and row == run[2] + 1:
            run[2] = row
            continue
        if run:
            yield tuple(run)
        run = [col, row, row]
    if run:
        yield tuple(run)
