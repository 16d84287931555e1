"""Editing a workbook at the zip level, as a tamperer without a spreadsheet program would."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from sakip_xl.xlsx.opc import Package
from sakip_xl.xlsx.cells import sheet_part as _sheet_part


def sheet_member(path: Path, sheet: str) -> str:
    return _sheet_part(Package(path.read_bytes()), sheet)


def edit_sheet_xml(path: Path, sheet: str, edit) -> None:
    """Rewrite the XML of `sheet` in the package at `path` with `edit(xml) -> xml`."""
    member = sheet_member(path, sheet)
    with zipfile.ZipFile(path) as z:
        items = [(info, z.read(info.filename)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            if info.filename == member:
                data = edit(data.decode("utf-8")).encode("utf-8")
            z.writestr(info, data)


def replace_cell(path: Path, sheet: str, ref: str, new_cell_xml: str) -> None:
    """Replace the whole <c r="REF"> element of a sheet with `new_cell_xml` (keeps the style)."""
    def edit(xml: str) -> str:
        pattern = re.compile(rf'<c r="{ref}"([^>]*?)(/>|>.*?</c>)', re.S)
        m = pattern.search(xml)
        assert m, f"{ref} not found in {sheet}"
        style = re.search(r'\ss="(\d+)"', m.group(1))
        cell = new_cell_xml.replace("{s}", f' s="{style.group(1)}"' if style else "")
        return xml[: m.start()] + cell + xml[m.end():]

    edit_sheet_xml(path, sheet, edit)
