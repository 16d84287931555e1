"""A big generated sheet rewritten and compressed piece by piece (private to the splice).

`sheetxml.rewrite_sheet_bytes` needs the whole inflated sheet and makes a few copies of
it; the sheets of a PK of 100,000 indicators are over 200 MB each when inflated. Here the
generated member is inflated a few MB at a time, cut after a whole row (`</row>`), each
run of rows rewritten by the same functions (`sheetxml.rewriters`), and deflated at once,
so that only the compressed result is kept. The inflated bytes are exactly those of
rewrite_sheet_bytes (tests/test_bigsheet_out.py); compression runs in a second thread
(zlib releases the GIL) while the next rows are rewritten.
"""
from __future__ import annotations

import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from sakip_xl.xlsx.sheetxml import _SHEET_DATA, drop_empty, rewrite_sheet_bytes, rewriters
from sakip_xl.xlsx.xmlutil import excel_declaration
from sakip_xl.xlsx.zipio import DEFLATED, STORED, ZipArchive, ZipFormatError, ZipMember

STREAM_BYTES = 8 << 20      # a generated sheet bigger than this (inflated) is rewritten as a stream
CHUNK = 4 << 20             # inflated bytes taken at a time
_END = b"</sheetData>"
_ROW_END = b"</row>"


@dataclass
class Deflated:
    """A part already compressed: raw deflate data, the CRC and size of what it inflates to."""

    compressed: bytes
    crc: int
    size: int


def inflate_chunks(archive: ZipArchive, member: ZipMember, chunk: int | None = None):
    """The member's bytes, `chunk` (default CHUNK) at a time, checked against its declared size and CRC."""
    chunk = chunk or CHUNK
    raw = archive.raw(member)
    if member.method == STORED:
        pieces = (bytes(raw[i:i + chunk]) for i in range(0, len(raw), chunk))
    elif member.method == DEFLATED:
        pieces = _inflate(raw, member, chunk)
    else:
        raise ZipFormatError(f"{member.name}: unsupported compression {member.method}")
    size = crc = 0
    for piece in pieces:
        size += len(piece)
        if size > member.usize:
            raise ZipFormatError(f"{member.name}: size does not match the directory")
        crc = zlib.crc32(piece, crc)
        yield piece
    if size != member.usize:
        raise ZipFormatError(f"{member.name}: size does not match the directory")
    if crc != member.crc:
        raise ZipFormatError(f"{member.name}: CRC mismatch")


def _inflate(raw, member: ZipMember, chunk: int):
    d = zlib.decompressobj(-15)
    data = raw
    try:
        while data:
            out = d.decompress(data, chunk)
            data = d.unconsumed_tail
            if out:
                yield out
            elif not data:
                break
        rest = d.flush()
    except zlib.error as exc:
        raise ZipFormatError(f"{member.name}: corrupt deflate data") from exc
    if rest:
        yield rest


def count_in_member(archive: ZipArchive, member: ZipMember, pattern: bytes, chunk: int | None = None) -> int:
    """How often `pattern` occurs in the member's bytes, inflating a chunk at a time."""
    count, tail = 0, b""
    for piece in inflate_chunks(archive, member, chunk):
        data = tail + piece
        count += data.count(pattern)
        tail = data[-(len(pattern) - 1):] if len(pattern) > 1 else b""
    return count


def rewrite_sheet_stream(pieces, styles, strings):
    """The bytes of rewrite_sheet_bytes(b"".join(pieces), ...), as a sequence of byte strings.

    Returns None when the sheet has no rows to stream (no <sheetData> with content): the caller
    then rewrites it whole."""
    tags, cells = rewriters(styles, strings)
    it = iter(pieces)
    buf = b""
    start = None
    for piece in it:
        buf += piece
        start = _SHEET_DATA.search(buf)
        if start is not None and buf.find(b"<row", start.end()) >= 0:
            break
    if start is None or start.group(1) or buf.find(b"<row", start.end()) != start.end():
        return None
    head = excel_declaration(drop_empty(tags(buf[:start.end()])).lstrip())
    return _stream_rows(head, buf[start.end():], it, tags, cells)


def _stream_rows(head: bytes, buf: bytes, it, tags, cells):
    yield head
    for piece in it:
        buf += piece
        end = buf.find(_END)
        if end >= 0:
            break
        cut = buf.rfind(_ROW_END)
        if cut >= 0:
            cut += len(_ROW_END)
            yield cells(buf[:cut])
            buf = buf[cut:]
    end = buf.find(_END)
    if end < 0:
        for piece in it:
            buf += piece
        end = buf.find(_END)
        if end < 0:
            raise ValueError("generated sheet has no </sheetData>")
    for piece in it:
        buf += piece
    yield cells(buf[:end])
    yield drop_empty(tags(buf[end:]))


def deflate_stream(pieces) -> Deflated:
    """Raw deflate (level 6) of the concatenated pieces, compressed in a second thread while the
    next piece is made."""
    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    out: list[bytes] = []
    crc = size = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sakip-deflate") as pool:
        pending = None
        for piece in pieces:
            crc = zlib.crc32(piece, crc)
            size += len(piece)
            if pending is not None:
                out.append(pending.result())
            pending = pool.submit(comp.compress, piece)
        if pending is not None:
            out.append(pending.result())
    out.append(comp.flush())
    return Deflated(b"".join(out), crc, size)


def rewrite_member(archive: ZipArchive, member: ZipMember, styles, strings, chunk: int | None = None) -> Deflated:
    """A generated sheet member rewritten into the merged package, compressed."""
    stream = rewrite_sheet_stream(inflate_chunks(archive, member, chunk), styles, strings)
    if stream is None:
        data = rewrite_sheet_bytes(archive.read(member), styles, strings)
        return deflate_stream([data])
    return deflate_stream(stream)
