"""Workbooks for the splice tests: users' originals of several makes and a generated one.

Everything is built here from code (no binary fixtures), so the tests also run in
a clone without ../shared.
"""
from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections import deque

import openpyxl
import xlsxwriter
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from sakip_xl.xlsx.opc import Package, rels_name

# Parts the splice may edit (lower case); every other member must stay byte-identical.
EDITABLE = {
    "[content_types].xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/styles.xml",
    "xl/sharedstrings.xml",
}
DROPPED = {"xl/calcchain.xml"}


def tiny_png() -> bytes:
    """A valid 2x2 red PNG (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


# -- generated (the tool's sheets) -------------------------------------------------


def generated(
    sheets=("Capaian", "Pemeriksaan"),
    user_sheet: str = "PK",
    font: tuple[str, float] = ("Calibri", 11.0),
    extra_string: str | None = None,
) -> bytes:
    """The tool's sheets as xlsxwriter writes them (formulas refer to ``user_sheet``)."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buf,
        {
            "in_memory": True,
            "default_format_properties": {"font_name": font[0], "font_size": font[1]},
        },
    )
    quoted = "'" + user_sheet.replace("'", "''") + "'"
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center"})
    pct = wb.add_format({"num_format": "0.00%", "font_color": "#1F4E78"})
    money = wb.add_format({"num_format": "#,##0.00", "italic": True})
    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    red = wb.add_format({"font_color": "#9C0006", "bg_color": "#FFC7CE", "num_format": "0.0%"})
    for name in sheets:
        ws = wb.add_worksheet(name)
        if name == "Capaian":
            ws.write_row(0, 0, ["Indikator", "Target", "Realisasi", "Capaian", "Tanggal"], bold)
            for i in range(1, 6):
                ws.write_string(i, 0, f"Indikator {i}")
                ws.write_formula(i, 1, f"={quoted}!B{i + 1}", money, i * 10)
                ws.write_formula(i, 2, f"={quoted}!C{i + 1}", money, i * 9)
                ws.write_formula(i, 3, f"=IF(B{i + 1}=0,0,C{i + 1}/B{i + 1})", pct, 0.9)
                ws.write_number(i, 4, 45000 + i, date)
            ws.conditional_format("D2:D6", {"type": "cell", "criteria": "<", "value": 0.95, "format": red})
            ws.write_url("F2", f"internal:{quoted}!F12", string="Lihat PK!F12")
            ws.write_rich_string("F3", "Catatan ", bold, "penting", " di sini")
            ws.merge_range("A8:E8", "Ringkasan capaian", bold)
            ws.autofilter("A1:E6")
            ws.freeze_panes(1, 1)
            ws.repeat_rows(0)
            ws.print_area("A1:F8")
            ws.set_landscape()
            ws.set_header("&CCapaian Kinerja")
            ws.set_footer("&RHalaman &P")
            ws.data_validation("E2:E6", {"validate": "date", "criteria": ">", "value": 40000})
            ws.set_column(0, 0, 24)
            chart = wb.add_chart({"type": "column"})
            chart.add_series({"name": "Capaian", "categories": f"='{name}'!$A$2:$A$6", "values": f"='{name}'!$D$2:$D$6"})
            ws.insert_chart("H2", chart)
            ws.insert_image("H20", "logo.png", {"image_data": io.BytesIO(tiny_png())})
        else:
            ws.write_row(0, 0, ["Kode", "Pesan", "Tempat"], bold)
            ws.write_row(1, 0, ["PK-001", "Target kosong", f"{user_sheet}!B3"])
            ws.write_row(2, 0, ["PK-002", "Realisasi negatif", f"{user_sheet}!C4"])
            ws.write_formula(3, 1, f"=COUNTA({quoted}!A:A)", None, 6)
            if extra_string:
                ws.write_string(4, 0, extra_string)
            chart = wb.add_chart({"type": "pie"})
            chart.add_series({"values": f"='{name}'!$B$4:$B$4"})
            ws.insert_chart("E2", chart)
            ws.set_column("B:B", 30, pct)
    wb.close()
    return buf.getvalue()


# -- users' originals ----------------------------------------------------------------


def original_xlsxwriter(
    sheets=("PK", "Lain"), vba: bytes | None = None, activate: str | None = None, date_1904: bool = False,
    font: tuple[str, float] | None = None,
) -> bytes:
    """A user's workbook made with xlsxwriter: image, chart, comment, validation, names, rich text."""
    buf = io.BytesIO()
    options = {"in_memory": True, "date_1904": date_1904}
    if font:
        options["default_format_properties"] = {"font_name": font[0], "font_size": font[1]}
    wb = xlsxwriter.Workbook(buf, options)
    head = wb.add_format({"bold": True, "num_format": "0.000"})
    for n, name in enumerate(sheets):
        ws = wb.add_worksheet(name)
        ws.write_row(0, 0, ["Indikator", "Target", "Realisasi"], head)
        for i in range(1, 6):
            ws.write_row(i, 0, [f"Indikator {i}", i * 10, i * 9])
        if n == 0:
            ws.write_rich_string("E1", "Teks ", head, "tebal", " biasa")
            ws.write_comment("A2", "Komentar pengguna")
            ws.data_validation("B2:B6", {"validate": "integer", "criteria": ">=", "value": 0})
            ws.conditional_format("C2:C6", {"type": "cell", "criteria": ">", "value": 40,
                                            "format": wb.add_format({"num_format": "0.0000", "bold": True})})
            ws.insert_image("H10", "logo.png", {"image_data": io.BytesIO(tiny_png())})
            chart = wb.add_chart({"type": "line"})
            chart.add_series({"values": f"='{name}'!$B$2:$B$6"})
            ws.insert_chart("H20", chart)
            ws.write_url("E3", "https://example.org/sakip", string="Tautan")
            ws.print_area("A1:C6")
        if activate == name:
            ws.activate()
    wb.define_name("TargetTotal", f"=SUM('{sheets[0]}'!$B$2:$B$6)")
    if vba is not None:
        wb.add_vba_project(io.BytesIO(vba), is_stream=True)
    wb.close()
    return buf.getvalue()


def original_openpyxl() -> bytes:
    """A user's workbook saved by openpyxl: chart, comment, validation, names, rich text."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "PK"
    ws.append(["Indikator", "Target", "Realisasi"])
    for i in range(1, 6):
        ws.append([f"Indikator {i}", i * 10, i * 9])
    ws["E1"] = CellRichText(["Teks ", TextBlock(InlineFont(b=True), "tebal"), " biasa"])
    ws["A2"].comment = Comment("Komentar", "Pengguna")
    dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
    ws.add_data_validation(dv)
    dv.add("B2:B6")
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=6), titles_from_data=True)
    ws.add_chart(chart, "H2")
    ws["B7"] = "=SUM(B2:B6)"
    wb.defined_names["TargetTotal"] = DefinedName("TargetTotal", attr_text="PK!$B$2:$B$6")
    ws2 = wb.create_sheet("Lain")
    ws2["A1"] = "Target"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def original_prefixed(source: bytes | None = None) -> bytes:
    """The xlsxwriter original re-written the way some producers do: ``x:`` prefixes
    on SpreadsheetML parts and absolute relationship targets."""
    source = source or original_xlsxwriter()
    names = {"xl/workbook.xml", "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml",
             "xl/worksheets/sheet2.xml"}

    def prefix(data: bytes) -> bytes:
        text = data.decode()
        text = text.replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                            'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', 1)
        text = re.sub(r"<(/?)([A-Za-z][\w]*)(?=[\s>/])", r"<\1x:\2", text)
        return text.encode()

    def absolute(data: bytes) -> bytes:
        return re.sub(rb'Target="(?!/|https?:)([^"]+)"', rb'Target="/xl/\1"', data)

    return rewrite(source, {**{n: prefix for n in names}, "xl/_rels/workbook.xml.rels": absolute})


def original_without_styles() -> bytes:
    """A minimal valid package with no styles.xml and no sharedStrings.xml."""
    ct = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    )
    wb = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="PK" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    wb_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>'
    )
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>'
        '<row r="2"><c r="A2"><v>3</v></c><c r="B2"><f>A2*2</f><v>6</v></c></row>'
        "</sheetData></worksheet>"
    )
    return make_zip(
        [
            ("[Content_Types].xml", ct.encode()),
            ("_rels/.rels", rels.encode()),
            ("xl/workbook.xml", wb.encode()),
            ("xl/_rels/workbook.xml.rels", wb_rels.encode()),
            ("xl/worksheets/sheet1.xml", sheet.encode()),
        ]
    )


# -- zip helpers ------------------------------------------------------------------------


def make_zip(members, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, compress_type=compression)
    return buf.getvalue()


def members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def rewrite(data: bytes, edits: dict, add=(), drop=()) -> bytes:
    """Rebuild a zip: ``edits`` maps a member name to bytes or to a function of its bytes."""
    out = []
    for name, body in members(data):
        if name in drop:
            continue
        if name in edits:
            edit = edits[name]
            body = edit(body) if callable(edit) else edit
        out.append((name, body))
    out.extend(add)
    return make_zip(out)


def read_member(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name)


def raw_entries(data: bytes) -> dict[str, tuple[int, int, int, bytes]]:
    """name -> (crc, compressed size, size, compressed bytes), read straight from the zip."""
    pkg = Package(data)
    return {
        m.name: (m.crc, m.csize, m.usize, bytes(pkg.zip.raw(m)))
        for m in pkg.zip.members
    }


def untouched_differences(original: bytes, output: bytes) -> tuple[int, list[str]]:
    """(number of members compared, problems) for members the splice must not touch.

    Compares the raw compressed bytes, CRC and sizes, so a recompressed copy fails too.
    """
    before, after = raw_entries(original), raw_entries(output)
    after_lower = {n.lower(): n for n in after}
    problems, compared = [], 0
    for name, entry in before.items():
        key = name.lower()
        if key in EDITABLE or key in DROPPED:
            continue
        if key not in after_lower:
            problems.append(f"{name} missing from output")
            continue
        compared += 1
        if after[after_lower[key]] != entry:
            problems.append(f"{name} changed")
    return compared, problems


def unreachable_parts(data: bytes) -> list[str]:
    """Members no relationship chain from the package root reaches (orphans)."""
    pkg = Package(data)
    seen, queue = {""}, deque([""])
    while queue:
        part = queue.popleft()
        for rel in pkg.rels(part):
            if rel.external or rel.part is None or rel.part in seen:
                continue
            seen.add(rel.part)
            queue.append(rel.part)
    out = []
    for name in pkg.members:
        if name == "[Content_Types].xml" or name.endswith(".rels"):
            if name.endswith(".rels"):
                source = name.replace("_rels/", "")[: -len(".rels")]
                if name != "_rels/.rels" and pkg.find(source) and source not in seen:
                    out.append(name)
            continue
        if name not in seen:
            out.append(name)
    return out


def rels_of(data: bytes, part: str):
    return Package(data).rels(part)


__all__ = [
    "EDITABLE",
    "generated",
    "original_xlsxwriter",
    "original_openpyxl",
    "original_prefixed",
    "original_without_styles",
    "make_zip",
    "rewrite",
    "read_member",
    "raw_entries",
    "untouched_differences",
    "unreachable_parts",
    "rels_of",
    "rels_name",
    "tiny_png",
]
