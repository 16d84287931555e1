"""Which cell styles show a number as a percentage (styles.xml), read without calamine.

Excel stores `72%` typed in a cell as 0.72 with a percent number format; python-calamine
gives 0.72 and says nothing about the format. A style (an index into cellXfs, the `s`
attribute of a `<c>`) is a percent style when its numFmtId is the built-in 9 (`0%`) or
10 (`0.00%`), or a custom format whose code holds a `%` that is not quoted ("%"), escaped
(\\%), a fill/space character (*% _%) or inside brackets ([Red], [$%-421]).
"""
from __future__ import annotations

from sakip_xl.xlsx.opc import Package
from sakip_xl.xlsx.xmlutil import local

BUILTIN_PERCENT = frozenset({9, 10})


def is_percent_code(code: str) -> bool:
    """Whether a number format code scales the number by 100 (an active `%`)."""
    i, n = 0, len(code)
    while i < n:
        ch = code[i]
        if ch == '"':
            end = code.find('"', i + 1)
            i = n if end < 0 else end + 1
            continue
        if ch == "[":
            end = code.find("]", i + 1)
            i = n if end < 0 else end + 1
            continue
        if ch in "\\_*":
            i += 2
            continue
        if ch == "%":
            return True
        i += 1
    return False


def percent_styles(pkg: Package) -> frozenset[int]:
    """The cellXfs indexes whose number format is a percentage (empty when there is no styles part)."""
    try:
        wb = pkg.workbook_part()
        styles = next((r.part for r in pkg.rels(wb) if r.kind == "styles" and r.part), None) if wb else None
        styles = pkg.find(styles) or pkg.find("xl/styles.xml")
        if styles is None:
            return frozenset()
        root = pkg.xml(styles)
    except Exception:      # a damaged styles part: no percent cell is assumed (as before)
        return frozenset()
    percent_ids = set(BUILTIN_PERCENT)
    for fmt in (f for el in root if local(el) == "numFmts" for f in el if local(f) == "numFmt"):
        fid = _int(fmt.get("numFmtId"))
        if fid is None:
            continue
        if is_percent_code(fmt.get("formatCode", "")):
            percent_ids.add(fid)
        else:
            percent_ids.discard(fid)     # a custom code given to a built-in id
    xfs = [xf for el in root if local(el) == "cellXfs" for xf in el if local(xf) == "xf"]
    return frozenset(i for i, xf in enumerate(xfs) if _int(xf.get("numFmtId", "0")) in percent_ids)


def _int(text: str | None) -> int | None:
    try:
        return int(text)
    except (TypeError, ValueError):
        return None
