"""Small writing helpers shared by the rekap's sheets: formats, values, links to the files."""
from __future__ import annotations

import math
import os
import warnings

from sakip_xl.write.common import Formats

MAX_URL = 2000                      # Excel refuses longer link targets


class RekapFormats(Formats):
    def __init__(self, wb):
        super().__init__(wb)
        self.amount = wb.add_format({"num_format": "#,##0", "valign": "top", "border": 1})
        self.year = wb.add_format({"num_format": "0", "align": "center", "valign": "top", "border": 1})
        self.bold_amount = wb.add_format({"bold": True, "num_format": "#,##0", "border": 1})
        self.bold_integer = wb.add_format({"bold": True, "num_format": "#,##0", "border": 1})
        self.bold_center = wb.add_format({"bold": True, "align": "center", "border": 1})


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def put(ws, r: int, c: int, value: object, fmt_number, fmt_text) -> None:
    """A plain value copied from a workbook: a number, a text (never a formula), or blank."""
    if is_number(value):
        ws.write_number(r, c, value, fmt_number)
    elif value is None or value == "":
        ws.write_blank(r, c, None, fmt_number)
    else:
        ws.write_string(r, c, str(value), fmt_text)


def link_target(path: str, base_dir: str | None, anchor: str = "") -> str | None:
    """An `external:` link relative to the rekap's folder, or None when Excel could not follow it."""
    if base_dir is None:
        return None
    try:
        rel = os.path.relpath(path, base_dir)
    except ValueError:              # another drive (Windows)
        return None
    if "#" in rel or "%" in rel or len(rel) > MAX_URL:
        return None                 # xlsxwriter would read '#' as the anchor and '%xx' as escaped
    return "external:" + rel + (f"#{anchor}" if anchor else "")


def write_file(ws, r: int, c: int, name: str, path: str, base_dir: str | None, fmt: RekapFormats,
               anchor: str = "") -> None:
    """The file name, as a link to the file when possible (the name is only the link's text)."""
    target = link_target(path, base_dir, anchor)
    if target is not None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if ws.write_url(r, c, target, fmt.link, name) == 0:
                    return
        except ValueError:
            pass
    ws.write_string(r, c, name, fmt.text)
