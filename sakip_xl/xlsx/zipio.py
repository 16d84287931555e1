"""Minimal zip reader and writer that can copy members as raw compressed bytes.

Python's ``zipfile`` recompresses whatever it writes; the splice must keep every
member it does not own byte-identical and must not pay for decompressing a 60 MB
sheet, so members are copied with their original compressed data, CRC and sizes.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

_LOCAL_SIG = b"PK\x03\x04"
_CENTRAL_SIG = b"PK\x01\x02"
_EOCD_SIG = b"PK\x05\x06"
_ZIP64_LOCATOR_SIG = b"PK\x06\x07"
_ZIP64_EOCD_SIG = b"PK\x06\x06"

_LOCAL_FMT = "<4sHHHHHIIIHH"  # 30 bytes
_CENTRAL_FMT = "<4sHHHHHHIIIHHHHHII"  # 46 bytes
_EOCD_FMT = "<4sHHHHIIH"  # 22 bytes

FLAG_ENCRYPTED = 0x0001
FLAG_DATA_DESCRIPTOR = 0x0008
FLAG_UTF8 = 0x0800

STORED = 0
DEFLATED = 8

# 1980-01-01 00:00:00, the earliest DOS timestamp: used for every new member so
# that the output does not depend on the clock.
FIXED_DOS_DATE = (0 << 9) | (1 << 5) | 1
FIXED_DOS_TIME = 0


class ZipFormatError(Exception):
    """The bytes are not a readable zip archive (English, internal)."""


@dataclass
class ZipMember:
    name: str
    raw_name: bytes
    flags: int
    method: int
    dos_time: int
    dos_date: int
    crc: int
    csize: int
    usize: int
    header_offset: int
    data_offset: int
    create_version: int
    extract_version: int
    internal_attr: int
    external_attr: int


def _decode_name(raw: bytes, flags: int) -> str:
    if flags & FLAG_UTF8:
        return raw.decode("utf-8", errors="replace")
    return raw.decode("cp437")


def _find_eocd(data: bytes) -> int:
    start = max(0, len(data) - 22 - 65535)
    pos = len(data)
    while True:
        pos = data.rfind(_EOCD_SIG, start, pos)
        if pos < 0:
            raise ZipFormatError("end of central directory not found")
        if pos + 22 <= len(data):
            comment_len = struct.unpack_from("<H", data, pos + 20)[0]
            if pos + 22 + comment_len == len(data):
                return pos
        # A signature inside the comment or a truncated record: keep looking.
        if pos == start:
            raise ZipFormatError("end of central directory not found")


def check_extra(extra: bytes) -> None:
    """Every extra field (tag, length, body) must fit in the extra data, as Python's zipfile requires."""
    i = 0
    while i + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, i)
        if i + 4 + size > len(extra):
            raise ZipFormatError(f"corrupt extra field {tag:04x}")
        i += 4 + size


def _zip64_values(extra: bytes, need: list[str], values: dict[str, int]) -> None:
    i = 0
    while i + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, i)
        body = extra[i + 4 : i + 4 + size]
        if tag == 0x0001:
            j = 0
            for key in need:
                if j + 8 > len(body):
                    raise ZipFormatError("short zip64 extra field")
                values[key] = struct.unpack_from("<Q", body, j)[0]
                j += 8
            return
        i += 4 + size
    if need:
        raise ZipFormatError("zip64 extra field missing")


class ZipArchive:
    """Read-only view of a zip archive held in memory."""

    def __init__(self, data: bytes):
        self.data = data
        eocd = _find_eocd(data)
        (_, disk, cd_disk, n_disk, n_total, cd_size, cd_offset, comment_len) = struct.unpack_from(
            _EOCD_FMT, data, eocd
        )
        self.comment = bytes(data[eocd + 22 : eocd + 22 + comment_len])
        if disk != 0 or cd_disk != 0 or n_disk != n_total:
            raise ZipFormatError("multi-disk archives are not supported")
        if 0xFFFF in (n_total,) or 0xFFFFFFFF in (cd_size, cd_offset):
            loc = eocd - 20
            if loc < 0 or data[loc : loc + 4] != _ZIP64_LOCATOR_SIG:
                raise ZipFormatError("zip64 locator missing")
            z64 = struct.unpack_from("<Q", data, loc + 8)[0]
            if data[z64 : z64 + 4] != _ZIP64_EOCD_SIG:
                raise ZipFormatError("zip64 end of central directory missing")
            n_total, cd_size, cd_offset = struct.unpack_from("<QQQ", data, z64 + 32)
        if cd_offset + cd_size > len(data):
            raise ZipFormatError("central directory outside the file (truncated?)")
        self.members: list[ZipMember] = []
        pos = cd_offset
        for _ in range(n_total):
            if data[pos : pos + 4] != _CENTRAL_SIG or pos + 46 > len(data):
                raise ZipFormatError("bad central directory entry")
            (
                _,
                create_version,
                extract_version,
                flags,
                method,
                dos_time,
                dos_date,
                crc,
                csize,
                usize,
                nlen,
                elen,
                clen,
                _disk_start,
                internal_attr,
                external_attr,
                offset,
            ) = struct.unpack_from(_CENTRAL_FMT, data, pos)
            raw_name = bytes(data[pos + 46 : pos + 46 + nlen])
            extra = bytes(data[pos + 46 + nlen : pos + 46 + nlen + elen])
            values = {"usize": usize, "csize": csize, "offset": offset}
            need = [k for k in ("usize", "csize", "offset") if values[k] == 0xFFFFFFFF]
            if need:
                _zip64_values(extra, need, values)
            pos += 46 + nlen + elen + clen
            off = values["offset"]
            if data[off : off + 4] != _LOCAL_SIG or off + 30 > len(data):
                raise ZipFormatError("local header missing")
            lnlen, lelen = struct.unpack_from("<HH", data, off + 26)
            check_extra(extra)
            if bytes(data[off + 30 : off + 30 + lnlen]) != raw_name:
                raise ZipFormatError(f"{_decode_name(raw_name, flags)}: local header names another member")
            check_extra(bytes(data[off + 30 + lnlen : off + 30 + lnlen + lelen]))
            data_offset = off + 30 + lnlen + lelen
            if data_offset + values["csize"] > len(data):
                raise ZipFormatError("member data truncated")
            self.members.append(
                ZipMember(
                    name=_decode_name(raw_name, flags),
                    raw_name=raw_name,
                    flags=flags,
                    method=method,
                    dos_time=dos_time,
                    dos_date=dos_date,
                    crc=crc,
                    csize=values["csize"],
                    usize=values["usize"],
                    header_offset=off,
                    data_offset=data_offset,
                    create_version=create_version,
                    extract_version=extract_version,
                    internal_attr=internal_attr,
                    external_attr=external_attr,
                )
            )

    def raw(self, member: ZipMember) -> memoryview:
        return memoryview(self.data)[member.data_offset : member.data_offset + member.csize]

    def read(self, member: ZipMember) -> bytes:
        """Decompress one member, never producing more than its declared size."""
        if member.flags & FLAG_ENCRYPTED:
            raise ZipFormatError(f"{member.name}: encrypted zip member")
        raw = self.raw(member)
        if member.method == STORED:
            out = bytes(raw)
        elif member.method == DEFLATED:
            d = zlib.decompressobj(-15)
            try:
                out = d.decompress(raw, member.usize + 1)
            except zlib.error as exc:
                raise ZipFormatError(f"{member.name}: corrupt deflate data") from exc
        else:
            raise ZipFormatError(f"{member.name}: unsupported compression {member.method}")
        if len(out) != member.usize:
            raise ZipFormatError(f"{member.name}: size does not match the directory")
        if zlib.crc32(out) != member.crc:
            raise ZipFormatError(f"{member.name}: CRC mismatch")
        return out


_BLOCK = 1 << 20
_WINDOW = 32 * 1024


def deflate(data: bytes) -> bytes:
    """Raw deflate at level 6.

    A part over 2 MB is compressed in 1 MB blocks at the same time, as pigz does: each block primed with the 32 KB before it and ended
    with a sync flush, the last one finished, so the blocks join into one valid
    stream. zlib releases the GIL, so the blocks use every core. The output depends
    only on the data (fixed block size), never on the number of cores.
    """
    if len(data) <= 2 * _BLOCK:
        comp = zlib.compressobj(6, zlib.DEFLATED, -15)
        return comp.compress(data) + comp.flush()
    from concurrent.futures import ThreadPoolExecutor

    view = memoryview(data)
    starts = range(0, len(data), _BLOCK)

    def block(lo: int) -> bytes:
        hi = min(lo + _BLOCK, len(data))
        if lo:
            comp = zlib.compressobj(6, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY, view[lo - _WINDOW:lo])
        else:
            comp = zlib.compressobj(6, zlib.DEFLATED, -15)
        return comp.compress(view[lo:hi]) + comp.flush(zlib.Z_FINISH if hi == len(data) else zlib.Z_SYNC_FLUSH)

    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="sakip-deflate") as pool:
        return b"".join(pool.map(block, starts))


class ZipWriter:
    """Writes members in the order they are added; output depends only on input."""

    def __init__(self) -> None:
        self._chunks: list[bytes | memoryview] = []
        self._central: list[bytes] = []
        self._offset = 0
        self._names: set[str] = set()

    def _add(
        self,
        raw_name: bytes,
        flags: int,
        method: int,
        dos_time: int,
        dos_date: int,
        crc: int,
        csize: int,
        usize: int,
        payload: bytes | memoryview | list,
        create_version: int,
        extract_version: int,
        internal_attr: int,
        external_attr: int,
    ) -> None:
        key = _decode_name(raw_name, flags).lower()
        if key in self._names:
            raise ValueError(f"duplicate zip member {key!r}")
        self._names.add(key)
        if max(csize, usize, self._offset) >= 0xFFFFFFFF or len(self._central) >= 0xFFFF:
            raise ValueError("archive too large for a non-zip64 writer")
        flags &= ~FLAG_DATA_DESCRIPTOR
        local = struct.pack(
            _LOCAL_FMT,
            _LOCAL_SIG,
            extract_version,
            flags,
            method,
            dos_time,
            dos_date,
            crc,
            csize,
            usize,
            len(raw_name),
            0,
        )
        central = struct.pack(
            _CENTRAL_FMT,
            _CENTRAL_SIG,
            create_version,
            extract_version,
            flags,
            method,
            dos_time,
            dos_date,
            crc,
            csize,
            usize,
            len(raw_name),
            0,
            0,
            0,
            internal_attr,
            external_attr,
            self._offset,
        )
        self._central.append(central + raw_name)
        self._chunks.append(local)
        self._chunks.append(raw_name)
        if isinstance(payload, list):
            self._chunks.extend(payload)
        else:
            self._chunks.append(payload)
        self._offset += len(local) + len(raw_name) + csize

    def copy_raw(self, archive: ZipArchive, member: ZipMember, name: str | None = None) -> None:
        """Copy a member with its compressed bytes, CRC and sizes unchanged (optionally renamed)."""
        self._add(
            member.raw_name if name is None else name.encode("ascii"),
            member.flags,
            member.method,
            member.dos_time,
            member.dos_date,
            member.crc,
            member.csize,
            member.usize,
            archive.raw(member),
            member.create_version,
            member.extract_version,
            member.internal_attr,
            member.external_attr,
        )

    def add(self, name: str, data: bytes, like: ZipMember | None = None) -> None:
        """Add a member compressed with deflate; ``like`` supplies the timestamp."""
        try:
            raw_name = name.encode("ascii")
            flags = 0
        except UnicodeEncodeError:
            raw_name = name.encode("utf-8")
            flags = FLAG_UTF8
        comp = deflate(data)
        self._add(
            raw_name,
            flags,
            DEFLATED,
            like.dos_time if like else FIXED_DOS_TIME,
            like.dos_date if like else FIXED_DOS_DATE,
            zlib.crc32(data),
            len(comp),
            len(data),
            comp,
            20,
            20,
            0,
            0,
        )

    def add_deflated(self, name: str, compressed: bytes, crc: int, size: int) -> None:
        """Add a member already compressed with raw deflate (`crc` and `size`: of its inflated bytes)."""
        try:
            raw_name, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            raw_name, flags = name.encode("utf-8"), FLAG_UTF8
        self._add(raw_name, flags, DEFLATED, FIXED_DOS_TIME, FIXED_DOS_DATE, crc, len(compressed), size,
                  compressed, 20, 20, 0, 0)

    def add_stored(self, name: str, chunks: list[bytes | memoryview]) -> None:
        """Add an uncompressed member whose data is the concatenation of `chunks` (not copied)."""
        crc = size = 0
        for chunk in chunks:
            crc = zlib.crc32(chunk, crc)
            size += len(chunk)
        self._add(name.encode("ascii"), 0, STORED, FIXED_DOS_TIME, FIXED_DOS_DATE, crc, size, size,
                  list(chunks), 10, 10, 0, 0)

    def finish(self, comment: bytes = b"") -> bytes:
        return b"".join(self.parts(comment))

    def parts(self, comment: bytes = b"") -> list[bytes | memoryview]:
        """The archive as a list of byte strings (to be written out without joining them)."""
        cd = b"".join(self._central)
        eocd = struct.pack(
            _EOCD_FMT,
            _EOCD_SIG,
            0,
            0,
            len(self._central),
            len(self._central),
            len(cd),
            self._offset,
            len(comment),
        )
        return [*self._chunks, cd, eocd, comment]
