"""Input as staff really type it (issue 14): big PK sheets, a PK deleted after compute, bounds,
negative values, '-' cells, two indicators in one cell, the No column across sasaran."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl

from builders import JELBUK_SETTINGS, filled
from renstra_fixtures import renstra_workbook
from sakip_xl import reader
from sakip_xl.engine import compute
from zipedit import sheet_member


def pad_sheet(path: Path, sheet: str, rows: int = 30000, cols: int = 12) -> None:
    """Give `sheet` borders on `rows` empty rows below its data, as a staff member formatting a column does."""
    member = sheet_member(path, sheet)
    with zipfile.ZipFile(path) as z:
        items = [(info, z.read(info.filename)) for info in z.infolist()]
    out = []
    for info, data in items:
        if info.filename == member:
            xml = data.decode("utf-8")
            last = max(int(m) for m in re.findall(r'<row r="(\d+)"', xml))
            style = re.search(r'<c r="[A-Z]+\d+" s="(\d+)"', xml).group(1)
            letters = [chr(65 + c) for c in range(cols)]
            pad = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}" s="{style}"/>' for c in letters) + "</row>"
                          for r in range(last + 1, last + 1 + rows))
            xml = xml.replace("</sheetData>", pad + "</sheetData>", 1)
            xml = re.sub(r'<dimension ref="[^"]*"/>', "", xml)
            data = xml.encode("utf-8")
        out.append((info, data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in out:
            z.writestr(info, data)


def _codes(report) -> list[tuple[str, str, str]]:
    return sorted((f.code, f.sheet, f.cell) for f in report.findings)


# --- item 8: a big PK sheet ------------------------------------------------

def test_big_pk_sheet_keeps_perbandingan_and_its_findings(tmp_path):
    small = renstra_workbook(tmp_path, name="kecil.xlsx")
    big = renstra_workbook(tmp_path, name="besar.xlsx")
    pad_sheet(big, "PK")
    with zipfile.ZipFile(big) as z:
        assert z.getinfo(sheet_member(big, "PK")).file_size >= reader.PREFETCH_MIN_BYTES
    ref = compute(small, tmp_path / "hasil-kecil.xlsx")
    got = compute(big, tmp_path / "hasil-besar.xlsx")
    assert any(c.startswith("REN-") for c, _, _ in _codes(ref))
    assert _codes(got) == _codes(ref)
    names = openpyxl.load_workbook(tmp_path / "hasil-besar.xlsx", read_only=True).sheetnames
    assert "Perbandingan" in names and "Capaian" in names
