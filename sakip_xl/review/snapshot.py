"""The settings a workbook was computed with, kept in the workbook itself.

Several computed formulas follow a setting that is not referenced live (the
negative-polarity formula, the capaian cap, the efficiency rule, the SKM regime):
changing it after `compute` changes what a fresh rendering writes. Without
knowing the settings used at compute time, `check` would call every such cell a
formula edited by hand (WB-002), a false accusation in a Kertas Kerja Reviu.

So `compute` records the raw value of every setting cell (a JSON text in a hidden
cell of the Pemeriksaan sheet), and `check` on a workbook whose settings changed
since then compares the stored sheets with a rendering under the recorded
settings (the current data otherwise), and reports the settings change once
(WB-009).
"""
from __future__ import annotations

import datetime as dt
import json

from sakip_xl.xlsx.addresses import parse_cell

SHEET = "Pemeriksaan"
CELL = "Z1"                   # hidden column of the Pemeriksaan sheet
ROW, COL = parse_cell(CELL)


def take(analysis) -> str | None:
    """The settings cells' raw values, as JSON (None when the workbook has no Pengaturan sheet)."""
    settings = analysis.context.settings
    if settings.sheet is None:
        return None
    rows = analysis.context.book.rows(settings.sheet)
    cells = {}
    for addr in sorted(set(settings.cells.values()), key=parse_cell):
        r, c = parse_cell(addr)
        raw = rows[r][c] if r < len(rows) and c < len(rows[r]) else ""
        cells[addr] = _encode(raw)
    keys = {addr: key for key, addr in settings.cells.items()}
    return json.dumps({"lembar": settings.sheet, "sel": cells, "kunci": keys}, sort_keys=True, ensure_ascii=False)


def read(text: object) -> dict | None:
    if not isinstance(text, str) or not text.startswith("{"):
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("sel"), dict) or not isinstance(data.get("lembar"), str):
        return None
    return data


def changed(old: dict, new: dict) -> list[str]:
    """Addresses whose value differs (in sheet order); everything when the sheet was renamed."""
    if old["lembar"] != new["lembar"]:
        return sorted(set(old["sel"]) | set(new["sel"]), key=parse_cell)
    addrs = set(old["sel"]) | set(new["sel"])
    return sorted((a for a in addrs if old["sel"].get(a) != new["sel"].get(a)), key=parse_cell)


def overrides(old: dict) -> dict[tuple[str, int, int], object]:
    """(sheet, row, col) -> the raw value the cell held at compute time."""
    out = {}
    for addr, enc in old["sel"].items():
        try:
            r, c = parse_cell(addr)
        except ValueError:
            continue
        out[(old["lembar"], r, c)] = _decode(enc)
    return out


def _encode(raw: object) -> list:
    if isinstance(raw, bool):
        return ["b", raw]
    if isinstance(raw, (int, float)):
        return ["n", raw]
    if isinstance(raw, dt.datetime):
        return ["dt", raw.isoformat()]
    if isinstance(raw, dt.date):
        return ["d", raw.isoformat()]
    if isinstance(raw, dt.time):
        return ["t", raw.isoformat()]
    if isinstance(raw, dt.timedelta):
        return ["td", raw.total_seconds()]
    return ["s", str(raw)]


def _decode(enc: object) -> object:
    if not isinstance(enc, list) or len(enc) != 2:
        return ""
    kind, value = enc
    try:
        if kind == "b":
            return bool(value)
        if kind == "n":
            return value
        if kind == "dt":
            return dt.datetime.fromisoformat(value)
        if kind == "d":
            return dt.date.fromisoformat(value)
        if kind == "t":
            return dt.time.fromisoformat(value)
        if kind == "td":
            return dt.timedelta(seconds=value)
    except (TypeError, ValueError):
        return ""
    return str(value)
