"""Sheets at Excel's limits: more findings than Excel's hyperlinks per worksheet, and the work
per row staying constant as a sheet grows (the timings themselves are bench/bigpk.py's)."""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import python_calamine
import xlsxwriter

from sakip_xl.pk.schema import PK

pytestmark = pytest.mark.slow   # `pytest -m "not slow"` for a quick run

ROOT = Path(__file__).resolve().parents[1]
EXCEL_LINKS = 65_530          # Excel's limit of hyperlinks per worksheet


def one_cell_pk(path: Path, rows: int) -> Path:
    """A PK whose first indicator is complete, then `rows` rows holding only an indicator's name
    (each raises two findings: no target, no realisation)."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet(PK.name)
    keys = [c.key for c in PK.columns]
    for c, col in enumerate(PK.columns):
        ws.write_string(PK.header_row - 1, c, col.header)
    r = PK.header_row
    ws.write_string(r, keys.index("sasaran"), "Sasaran 1")
    ws.write_string(r, keys.index("indikator"), "Indikator 1")
    ws.write_number(r, keys.index("target"), 100)
    ws.write_number(r, keys.index("realisasi"), 90)
    c = keys.index("indikator")
    for i in range(rows):
        ws.write_string(r + 1 + i, c, f"I{i + 2}")
    wb.close()
    return path


def _findings_rows(out: Path) -> list[list]:
    wb = python_calamine.load_workbook(str(out))
    return wb.get_sheet_by_name("Pemeriksaan").to_python(skip_empty_area=False)


BAD_COLUMNS = ("target", "realisasi", "realisasi_lalu", "capaian_dilaporkan", "target_atas", "tw1", "tw2", "tw3",
               "tw4", "nasional", "polaritas", "skala", "cara_tahunan")


def bad_rows_pk(path: Path, rows: int) -> Path:
    """A PK of `rows` indicators whose every number and choice cell holds "x": a finding or more
    per cell, so a few thousand rows give more findings than Excel's hyperlinks per sheet."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet(PK.name)
    keys = [c.key for c in PK.columns]
    for c, col in enumerate(PK.columns):
        ws.write_string(PK.header_row - 1, c, col.header)
    ws.write_string(PK.header_row, keys.index("sasaran"), "Sasaran 1")
    for i in range(rows):
        r = PK.header_row + i
        ws.write_string(r, keys.index("indikator"), f"I{i + 1}")
        for key in BAD_COLUMNS:
            ws.write_string(r, keys.index(key), "x")
    wb.close()
    return path


def test_findings_past_excels_hyperlink_limit_are_listed_without_link_and_no_warning(tmp_path):
    rows = EXCEL_LINKS // len(BAD_COLUMNS) + 500          # a little past the limit (>= 1 finding a cell)
    src = bad_rows_pk(tmp_path / "besar.xlsx", rows)
    out = tmp_path / "hasil.xlsx"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", "from sakip_xl.cli import run; run()", "compute", str(src),
                           "-o", str(out)], capture_output=True, text=True, env=env, timeout=1200)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "URL" not in proc.stderr and "Warning" not in proc.stderr and "limit" not in proc.stderr, \
        proc.stderr[:2000]

    table = _findings_rows(out)
    header = next(i for i, r in enumerate(table) if r[:2] == ["No", "Kode"])
    listed = [r for r in table[header + 1:] if r[1]]
    assert len(listed) > EXCEL_LINKS                        # the workbook does exceed the limit
    # Every finding is listed: the target and realisation cell of every row, the last rows too.
    keys = [c.key for c in PK.columns]
    letters = [chr(ord("A") + keys.index(k)) for k in ("target", "realisasi")]
    expected = {f"{col}{PK.header_row + 1 + i}" for i in range(rows) for col in letters}
    cells = {r[4] for r in listed if r[3] == PK.name}
    assert expected <= cells
    # The sheet holds no more links than Excel accepts, and says that the rest have none.
    with zipfile.ZipFile(out) as z:
        wbxml = z.read("xl/workbook.xml").decode()
        xml = z.read(_sheet_files(z, wbxml)["Pemeriksaan"]).decode()
    assert 0 < xml.count("<hyperlink ") <= EXCEL_LINKS
    notes = [str(v) for r in table[:header] for v in r if "tautan" in str(v).lower()]
    assert notes and any(f"{EXCEL_LINKS:,}".replace(",", ".") in n for n in notes), table[:header]


def _sheet_files(z: zipfile.ZipFile, wbxml: str) -> dict[str, str]:
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    targets = dict(re.findall(r'Id="([^"]+)"[^>]*?Target="([^"]+)"', rels))
    targets.update({k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)})
    out = {}
    for name, rid in re.findall(r'<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"', wbxml):
        t = targets[rid].lstrip("/")
        out[name] = t if t.startswith("xl/") else "xl/" + t
    return out


def test_byte_rewrite_of_a_generated_sheet_equals_the_tree_rewrite():
    """The splice rewrites a generated sheet's style and string indices on its bytes; the result
    must be the bytes the lxml tree rewrite gave, also with text that looks like markup."""
    from sakip_xl.xlsx.sheetxml import rewrite_sheet, rewrite_sheet_bytes, shared_items
    from sakip_xl.xlsx.xmlutil import parse, serialize
    from sakip_xl.xlsx.styles import StyleMap

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"strings_to_numbers": False, "strings_to_formulas": False,
                                   "strings_to_urls": False})
    ws = wb.add_worksheet("Uji")
    bold, pct = wb.add_format({"bold": True}), wb.add_format({"num_format": "0.00"})
    red = wb.add_format({"font_color": "red"})
    ws.set_column(0, 0, 20, bold)
    ws.set_row(3, 30, pct)
    tricky = ['a s="3" b', '"><v>7</v>', "<c r=\"A1\" s=\"1\">", "x >= y & z", " t=\"s\"><v>1</v>", "",
              "  spasi di tepi  ", "<si>teks</si>"]
    for r, text in enumerate(tricky):
        ws.write_string(r, 0, text, bold)
        ws.write_formula(r, 1, f'=IF(A{r + 1}>=1,"{text[:3]}","")', pct, text)
        ws.write_formula(r, 2, "=1+1", None, "")
        ws.write_number(r, 3, r, pct)
        ws.write_blank(r, 4, None, bold)
    ws.write_rich_string(len(tricky), 0, "biasa ", bold, "tebal", " lagi")
    ws.conditional_format(0, 3, 10, 3, {"type": "cell", "criteria": ">", "value": 2, "format": red})
    ws.activate()
    wb.close()
    with zipfile.ZipFile(buf) as z:
        data = z.read("xl/worksheets/sheet1.xml")
        inline = shared_items(z.read("xl/sharedStrings.xml"))
    styles = StyleMap(xf={i: i + 7 for i in range(10)}, dxf={0: 4})
    shared_cell = re.compile(rb'<c [^>]*t="s"')
    for mapping in (inline, {i: 100 + 3 * i for i in inline}):     # into the cells, or merged indexes
        root = parse(data)
        rewrite_sheet(root, styles, mapping)
        out = rewrite_sheet_bytes(data, styles, mapping)
        assert out == serialize(root)
        if mapping is inline:
            assert not shared_cell.search(out)
            assert out.count(b't="inlineStr"') == len(shared_cell.findall(data)) > len(tricky)
            assert b"<is><r><t" in out and b'<is><t xml:space="preserve">  spasi di tepi  </t></is>' in out
        else:
            assert b"<v>100</v>" in out and b"inlineStr" not in out
    assert b"tabSelected" in data and b"tabSelected" not in rewrite_sheet_bytes(data, styles, mapping)


def _calls(fn) -> int:
    """Python function calls (and calls into C) made while `fn` runs: a measure of work that does
    not depend on the machine's load."""
    count = 0

    def prof(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(prof)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return count


def _anggaran_book(path: Path, rows: int) -> Path:
    from sakip_xl.anggaran.schema import ANGGARAN

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet(PK.name)
    keys = [c.key for c in PK.columns]
    for c, col in enumerate(PK.columns):
        ws.write_string(PK.header_row - 1, c, col.header)
    ws.write_string(PK.header_row, keys.index("sasaran"), "Sasaran 1")
    ws.write_string(PK.header_row, keys.index("indikator"), "Indikator 1")
    ws.write_number(PK.header_row, keys.index("target"), 100)
    ws.write_number(PK.header_row, keys.index("realisasi"), 90)
    ws = wb.add_worksheet(ANGGARAN.name)
    akeys = [c.key for c in ANGGARAN.columns]
    for c, col in enumerate(ANGGARAN.columns):
        ws.write_string(ANGGARAN.header_row - 1, c, col.header)
    r = ANGGARAN.header_row
    for p in range(rows // 10):
        ws.write_string(r, akeys.index("kode"), f"7.01.{p + 1:04d}")
        ws.write_string(r, akeys.index("uraian"), f"Program {p + 1}")
        ws.write_number(r, akeys.index("pagu"), 9 * 1000)
        ws.write_number(r, akeys.index("realisasi"), 9 * 900 + p % 3)      # some sums differ: findings
        r += 1
        for k in range(9):
            ws.write_string(r, akeys.index("kode"), f"7.01.{p + 1:04d}.2.{k + 1:02d}")
            ws.write_string(r, akeys.index("uraian"), f"Kegiatan {p + 1}.{k + 1}")
            ws.write_number(r, akeys.index("pagu"), 1000)
            ws.write_number(r, akeys.index("realisasi"), 900 if k else 1100)  # over its ceiling: a finding
            r += 1
    wb.close()
    return path


def _work(path: Path) -> int:
    from sakip_xl import engine

    data = path.read_bytes()

    def run():
        with engine.gc_paused():
            analysis = engine.analyze(data, render_early=True)
            generated = engine.render(analysis)
            engine.splice(data, generated, tool_version="uji")

    return _calls(run)


def test_work_per_pk_row_is_constant(tmp_path):
    """A PK four times as long costs at most about four times the calls (quadratic loops over
    rows or findings would cost sixteen times)."""
    n = 400
    small = _work(one_cell_pk(tmp_path / "kecil.xlsx", n))
    big = _work(one_cell_pk(tmp_path / "besar.xlsx", 4 * n))
    assert big <= 4.4 * small, (small, big, big / small)


def test_work_per_anggaran_row_is_constant(tmp_path):
    n = 400
    small = _work(_anggaran_book(tmp_path / "kecil.xlsx", n))
    big = _work(_anggaran_book(tmp_path / "besar.xlsx", 4 * n))
    assert big <= 4.4 * small, (small, big, big / small)
