"""Workbooks damaged at the byte, zip and XML level, as an attacker or a broken generator would
make them (issue 16). Built from code at test time; no binary fixtures."""
from __future__ import annotations

import io
import re
import struct
import zipfile

from support import hostile_files as H


def central_entry(data: bytes, name: str) -> int:
    """Offset of the central directory entry of member `name`."""
    pos = 0
    while True:
        pos = data.index(b"PK\x01\x02", pos)
        nlen = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46: pos + 46 + nlen] == name.encode():
            return pos
        pos += 4


def local_header(data: bytes, name: str) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.getinfo(name).header_offset


def local_name_differs(data: bytes, name: str) -> bytes:
    """The local header of `name` names another part (same length); the central directory is unchanged."""
    buf = bytearray(data)
    off = local_header(data, name)
    other = name[:-5] + ("X" if name[-5] != "X" else "Y") + name[-4:]
    buf[off + 30: off + 30 + len(name)] = other.encode()
    return bytes(buf)


def bad_extra_field(data: bytes, name: str) -> bytes:
    """The central entry of `name` gets a zip64 extra field whose declared length runs past its end."""
    pos = central_entry(data, name)
    nlen, elen, clen = struct.unpack_from("<HHH", data, pos + 28)
    extra = struct.pack("<HH", 0x0001, 24) + b"\0" * 8          # claims 24 bytes, has 8
    head = bytearray(data[pos: pos + 46 + nlen])
    struct.pack_into("<H", head, 30, elen + len(extra))
    rest = data[pos + 46 + nlen:]
    out = bytearray(data[:pos] + bytes(head) + rest[:elen] + extra + rest[elen:])
    _grow_central(out, len(extra))
    return bytes(out)


def zip64_sizes_without_extra(data: bytes, name: str) -> bytes:
    """The central entry of `name` says its size is in a zip64 extra field, which is not there."""
    buf = bytearray(data)
    pos = central_entry(data, name)
    struct.pack_into("<I", buf, pos + 24, 0xFFFFFFFF)
    return bytes(buf)


def _grow_central(buf: bytearray, by: int) -> None:
    eocd = bytes(buf).rindex(b"PK\x05\x06")
    size = struct.unpack_from("<I", buf, eocd + 12)[0]
    struct.pack_into("<I", buf, eocd + 12, size + by)


def set_method(data: bytes, name: str, method: int) -> bytes:
    """Mark member `name` as compressed with `method` (e.g. 12, bzip2) in both headers."""
    buf = bytearray(data)
    struct.pack_into("<H", buf, local_header(data, name) + 8, method)
    struct.pack_into("<H", buf, central_entry(data, name) + 10, method)
    return bytes(buf)


def with_far_cell(data: bytes, sheet: str, ref: str, value: str = "7") -> bytes:
    """A numeric cell at `ref` (e.g. XFD1048576) appended at the end of `sheet`'s data."""
    row = re.sub("[A-Z]", "", ref)
    part = H.sheet_member(data, sheet)
    cell = f'<row r="{row}"><c r="{ref}"><v>{value}</v></c></row>'.encode()
    return H.rezip(data, {part: lambda b: b.replace(b"</sheetData>", cell + b"</sheetData>", 1)})


def set_number(data: bytes, sheet: str, ref: str, value: str) -> bytes:
    """Cell `ref` of `sheet` holds the number `value` (written as is into <v>)."""
    part = H.sheet_member(data, sheet)

    def edit(body: bytes) -> bytes:
        m = re.search(rf'<c r="{ref}"([^>]*?)(/>|>.*?</c>)'.encode(), body, re.S)
        assert m, ref
        attrs = re.sub(rb'\st="\w+"', b"", m.group(1))
        return body[:m.start()] + f'<c r="{ref}"'.encode() + attrs + f"><v>{value}</v></c>".encode() + body[m.end():]
    return H.rezip(data, {part: edit})


def set_numbers(data: bytes, sheet: str, values: dict[str, str]) -> bytes:
    for ref, value in values.items():
        data = set_number(data, sheet, ref, value)
    return data


def without_overrides(data: bytes) -> bytes:
    return H.rezip(data, {"[Content_Types].xml": lambda b: re.sub(rb"<Override [^>]*/>", b"", b)})


def replaced(data: bytes, name: str, body: bytes) -> bytes:
    return H.rezip(data, {name: body})


def many_members(data: bytes, extra: int = 65_540) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for info, body in H.members(data):
            z.writestr(info, body)
        for k in range(extra):
            z.writestr(f"customXml/x{k}.bin", b"")
    return buf.getvalue()


def invalid_utf8(data: bytes, name: str, after: bytes) -> bytes:
    """Bytes that are not UTF-8 put right after the first `after` in member `name`."""
    return H.rezip(data, {name: lambda b: b.replace(after, after + b"\xff\xfe\xc3(", 1)})


def with_sheets(data: bytes, names: list[str], rename: dict[str, str] | None = None) -> bytes:
    """Empty worksheets called `names` added after the others (one value in A1 each), and sheets
    renamed as `rename` says, editing workbook.xml, its rels and the content types directly."""
    from xml.sax.saxutils import quoteattr

    rename = rename or {}
    edits = {}
    wb = H.members(data)
    body = dict((i.filename, b) for i, b in wb)
    workbook = body["xl/workbook.xml"].decode()
    for old, new in rename.items():
        workbook = workbook.replace(f'name="{old}"', f"name={quoteattr(new)}", 1)
    rels = body["xl/_rels/workbook.xml.rels"].decode()
    types = body["[Content_Types].xml"].decode()
    add = []
    for k, name in enumerate(names, start=1):
        part = f"xl/worksheets/extra{k}.xml"
        rid = f"rIdExtra{k}"
        sheet_id = 900 + k
        workbook = workbook.replace("</sheets>", f"<sheet name={quoteattr(name)} sheetId=\"{sheet_id}\" "
                                                  f'r:id="{rid}"/></sheets>')
        rels = rels.replace("</Relationships>", f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/'
                                                f'officeDocument/2006/relationships/worksheet" '
                                                f'Target="worksheets/extra{k}.xml"/></Relationships>')
        types = types.replace("</Types>", f'<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-'
                                          f'officedocument.spreadsheetml.worksheet+xml"/></Types>')
        add.append((part, ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.'
                           'openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1</v></c>'
                           '</row></sheetData></worksheet>').encode()))
    edits["xl/workbook.xml"] = workbook.encode()
    edits["xl/_rels/workbook.xml.rels"] = rels.encode()
    edits["[Content_Types].xml"] = types.encode()
    return H.rezip(data, edits, add=add)


def renamed(data: bytes, old: str, new: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info, body in H.members(data):
            z.writestr(new if info.filename == old else info, body)
    return buf.getvalue()
