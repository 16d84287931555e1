"""Broken, hostile and unusual workbooks, made from code at test time (no binary fixtures)."""
from __future__ import annotations

import io
import struct
import zipfile
import zlib

import xlsxwriter

from sakip_xl.examples import example_bytes

PK_GRID = [
    ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Realisasi"],
    [1, "Sasaran A", "Indikator satu", "%", 100, 80],
    [2, "Sasaran A", "Indikator dua", "%", 50, 55],
]


def members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i, z.read(i.filename)) for i in z.infolist()]


def rezip(data: bytes, edits: dict | None = None, add=()) -> bytes:
    """Rebuild a zip with some members replaced (bytes or a function of the bytes) or added."""
    edits = edits or {}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info, body in members(data):
            if info.filename in edits:
                edit = edits[info.filename]
                body = edit(body) if callable(edit) else edit
            z.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
        for name, body in add:
            z.writestr(name, body)
    return buf.getvalue()


def member_name(data: bytes, startswith: str) -> str:
    return next(i.filename for i, _ in members(data) if i.filename.startswith(startswith))


def sheet_member(data: bytes, sheet: str) -> str:
    from sakip_xl.xlsx.cells import sheet_part
    from sakip_xl.xlsx.opc import Package

    return sheet_part(Package(data), sheet)


def pk_workbook(grid=PK_GRID, sheet: str = "PK", vba: bytes | None = None, extra_sheets=()) -> bytes:
    """A small workbook with a PK table (xlsxwriter, as a staff member's generator would)."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False})
    for name in (sheet,) + tuple(extra_sheets):
        ws = wb.add_worksheet(name)
        if name == sheet:
            for r, row in enumerate(grid):
                for c, value in enumerate(row):
                    if value is not None:
                        ws.write(r, c, value)
    if vba is not None:
        wb.add_vba_project(io.BytesIO(vba), is_stream=True)
    wb.close()
    return buf.getvalue()


def corrupt_member(data: bytes, name: str) -> bytes:
    """Flip bytes inside one member's compressed data (the zip directory stays intact)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(name)
    buf = bytearray(data)
    nlen, xlen = struct.unpack_from("<HH", buf, info.header_offset + 26)
    start = info.header_offset + 30 + nlen + xlen
    for i in range(start + 4, start + min(info.compress_size, 64) - 4):
        buf[i] ^= 0x5A
    return bytes(buf)


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def pdf_bytes() -> bytes:
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def html_as_xls() -> bytes:
    return b"<html><body><table><tr><td>Target</td><td>100</td></tr></table></body></html>"


def legacy_xls_header() -> bytes:
    """The start of an OLE compound file holding a 'Workbook' stream (BIFF8 .xls)."""
    return bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600 + "Workbook".encode("utf-16-le") + b"\0" * 600


ENTITY_BOMB = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
               b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')
EXTERNAL_ENTITY = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>')


def with_dtd(data: bytes, member: str, dtd: bytes, entity: bytes) -> bytes:
    """Put a DTD before the root of `member` and use its entity in the first text node."""
    def edit(body: bytes) -> bytes:
        if body.startswith(b"<?xml"):
            body = body[body.index(b"?>") + 2:].lstrip()
        body = body.replace(b"<t>", b"<t>" + entity, 1) if b"<t>" in body else body
        return dtd + body
    return rezip(data, {member: edit})


def ratio_bomb(base: bytes, megabytes: int = 120) -> bytes:
    """A sheet of `megabytes` MB of blanks (declared honestly): it compresses ~1000 times."""
    name = sheet_member(base, "PK")

    def edit(body: bytes) -> bytes:
        pad = b" " * (megabytes * 1024 * 1024)
        return body.replace(b"<sheetData>", b"<sheetData>" + pad, 1)
    return rezip(base, {name: edit})


def huge_declared(data: bytes, name: str) -> bytes:
    """Patch the central directory so `name` claims 3 GiB uncompressed."""
    buf = bytearray(data)
    pos = 0
    while True:
        pos = bytes(buf).index(b"PK\x01\x02", pos)
        nlen = struct.unpack_from("<H", buf, pos + 28)[0]
        if bytes(buf[pos + 46: pos + 46 + nlen]).decode() == name:
            struct.pack_into("<I", buf, pos + 24, 3 * 1024**3)
            return bytes(buf)
        pos += 4


def lying_size(data: bytes, name: str, claimed: int = 1000) -> bytes:
    """Claim a small uncompressed size for a member that inflates to much more."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(name)
    buf = bytearray(data)
    struct.pack_into("<I", buf, info.header_offset + 22, claimed)
    pos = 0
    while True:
        pos = bytes(buf).index(b"PK\x01\x02", pos)
        nlen = struct.unpack_from("<H", buf, pos + 28)[0]
        if bytes(buf[pos + 46: pos + 46 + nlen]).decode() == name:
            struct.pack_into("<I", buf, pos + 24, claimed)
            return bytes(buf)
        pos += 4


def encrypted(data: bytes, password: str) -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def decrypted(data: bytes, password: str) -> bytes:
    import msoffcrypto

    office = msoffcrypto.OfficeFile(io.BytesIO(data))
    office.load_key(password=password)
    out = io.BytesIO()
    office.decrypt(out)
    return out.getvalue()


def example() -> bytes:
    return example_bytes()


def crc_ok(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.testzip() is None and all(zlib.crc32(z.read(i.filename)) == i.CRC for i in z.infolist())


def large_workbook(pk_rows: int = 5000, filler_rows: int = 150_000) -> bytes:
    """A PK table plus a large data sheet (~8 MB zipped), so that compute takes seconds."""
    grid = [PK_GRID[0][:1] + PK_GRID[0][1:]] + [
        [r, f"Sasaran {r % 7}", f"Indikator {r}", "%", 100, r % 150] for r in range(1, pk_rows + 1)]
    base = pk_workbook(grid, extra_sheets=("Data",))
    cells = "".join(f'<c r="{col}{{r}}"><v>{i}</v></c>' for i, col in enumerate("BCDEFGHIJKLMNOPQRST"))
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c>' + cells.replace("{r}", str(r)) + "</row>"
                   for r in range(1, filler_rows + 1))
    name = sheet_member(base, "Data")
    return rezip(base, {name: lambda body: body.replace(b"<sheetData/>", f"<sheetData>{rows}</sheetData>".encode())})


def without_member(data: bytes, name: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info, body in members(data):
            if info.filename != name:
                z.writestr(info, body)
    return buf.getvalue()
