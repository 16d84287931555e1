"""Parsing one big worksheet on every core.

python-calamine parses a sheet on one core (releasing the GIL while it does), and
for a 100,000-respondent survey (a 56 MB XML part) that parse is most of the cost
of `compute`. Here the part is inflated piece by piece; each piece is cut at the
start of its last row (the rest goes with the next piece) and handed, as soon as
it is inflated, to its own calamine workbook: a small stored (uncompressed)
package holding the piece, the styles and the shared strings of the original. The
pieces are parsed at the same time, each in its own thread, which also turns its
rows into columns coded by distinct value (columns.py). A piece of plain cells (numbers,
texts, whole-day dates: a survey's rows) is read with numpy instead, straight into coded
columns (plainpiece.py); the first piece is kept short (HEAD_BYTES), so that a title or
header calamine must read (a rich text, a formula) sends little to it. The rows and columns are
joined exactly as calamine returns the whole sheet: the same row and column
positions, the same padding with "". The inflated XML is also what the scans for
error cells, hidden rows and formulas without a result read (in one more thread),
so the part is inflated once instead of three times.

Whenever the part is not shaped as expected (no row to cut at, a row without an
`r` attribute, comments or CDATA, rows out of order, a size or CRC mismatch, a
cell far outside the piece's data (xlsx/extent.py: span), any calamine error), `parse` returns None and the caller parses the sheet whole, so a
damaged sheet still gets calamine's own diagnosis.
"""
from __future__ import annotations

import io
import os
import queue
import re
import threading
import zlib
from dataclasses import dataclass
import python_calamine

from sakip_xl.xlsx.bytescan import has_declaration
from sakip_xl.xlsx.opc import Package
from sakip_xl.xlsx.zipio import DEFLATED, FLAG_ENCRYPTED, STORED, ZipWriter
from sakip_xl.xlsx.xmlutil import local

_SHEET_DATA = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)sheetData\b[^>]*?(/?)>")
_ROOT = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?worksheet)[\s>/]")
_ROW_NUMBER = re.compile(rb'\sr\s*=\s*["\']\d+["\']')

_NS = b'xmlns="http://schemas.openxmlformats.org/'
_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types ' + _NS + b'package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b'<Override PartName="/xl/styles.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    b'<Override PartName="/xl/sharedStrings.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
_REL = b'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
_ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships ' + _NS
    + b'package/2006/relationships"><Relationship Id="rId1" Type="' + _REL
    + b'officeDocument" Target="xl/workbook.xml"/></Relationships>')
_PIECE_SHEET = "S"
# One piece more than the cores, so that inflating and parsing overlap. Measured on 2 cores
# (bench/run.py): 3 pieces as fast as 4 with 60 MB less peak memory, 2 pieces 5 % slower.
MAX_PIECES = 8
# A bigger part is cut into more pieces, each of about this much XML, so that the memory held
# while parsing (the XML, calamine's copy, the piece's Python cells) does not grow with the sheet.
PIECE_BYTES = 24 << 20
# The first piece of a big part: its header rows, and the first rows of data.
HEAD_BYTES = 1 << 20


def _piece_count(usize: int, shared: dict) -> int:
    """How many pieces a part of `usize` bytes is cut into. Each piece's package carries the
    shared strings, which calamine parses once per piece: a piece is kept at least four times
    the size of that table."""
    sst = shared.get("sharedStrings")
    floor = max(PIECE_BYTES, 4 * (sst.usize if sst is not None else 0))
    return max(min(MAX_PIECES, cores() + 1), -(-usize // floor))


@dataclass
class Split:
    rows: "ColumnRows"            # columns.ColumnRows: the rows, read from the columns when asked
    columns: list                 # columns.Column: the same cells column by column
    facts: object = None          # what the scanner found in the inflated XML


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def parse(pkg: Package, part: str, scanner=None, pieces: int | None = None) -> Split | None:
    """The rows of the worksheet in `part`, as `to_python(skip_empty_area=False)` gives them.

    The part is inflated piece by piece and each piece is parsed as soon as it is
    inflated, so inflating and parsing overlap too. `scanner`, when given, is fed
    the part's XML (`feed(chunk)`, in order, in its own thread) while the pieces are
    being parsed; its `result()` is `Split.facts`.
    """
    member = pkg.members.get(part)
    if member is None or member.flags & FLAG_ENCRYPTED or member.method not in (STORED, DEFLATED):
        return None
    shared = _shared_members(pkg)
    from sakip_xl.read.plainpiece import SharedStrings, plain_styles
    plain = (plain_styles(pkg), SharedStrings(pkg))
    if "sharedStrings" in shared:
        plain[1].preload()
    count = max(2, pieces or _piece_count(member.usize, shared))
    ends = [member.usize * (k + 1) // count for k in range(count - 1)]     # where each piece but the last ends
    head = pieces is None and member.usize > 4 * HEAD_BYTES * count
    if head:
        # The first piece holds the sheet's title and header, the cells most likely to need calamine
        # (a rich text, a formula): kept short, so that the rows below go to plainpiece.py whatever it holds.
        ends = [HEAD_BYTES] + [HEAD_BYTES + (member.usize - HEAD_BYTES) * (k + 1) // count for k in range(count - 1)]
        count += 1
    raw = pkg.zip.raw(member)
    inflater = zlib.decompressobj(-15) if member.method == DEFLATED else None
    # At most this many pieces inflated and not yet parsed: a part of hundreds of megabytes is
    # never held whole, as XML or as Python cells (each piece keeps only its coded columns).
    in_flight = threading.BoundedSemaphore(min(count, cores() + 1))
    started: list[_Piece] = []
    feeder = _Feeder(scanner) if scanner is not None else None
    size, pending, carry, shape, last, crc = 0, raw, b"", None, b"", 0
    try:
        for k in range(count):
            want = ends[k] - size if k < count - 1 else member.usize - size + 1
            # The short head piece holds no slot: while the main thread is busy it can take as long
            # as a full piece (every numpy step waits for the GIL), and the last piece waited for it.
            slot = not (head and k == 0)
            if slot:
                in_flight.acquire()
            piece = _Piece(top=k == 0, done=in_flight.release if slot else None, plain=plain)
            started.append(piece)
            if inflater is not None:
                chunk = inflater.decompress(pending, want)
                pending = inflater.unconsumed_tail
            else:
                chunk, pending = bytes(pending[:want]), pending[want:]
            size += len(chunk)
            if has_declaration(chunk) or (last[-1:] == b"<" and chunk[:1] == b"!"):
                raise _Unsplittable          # a comment or CDATA could hide a "<row" where the cut falls
            crc = zlib.crc32(chunk, crc)
            last = chunk
            if feeder is not None:
                feeder.put(chunk)
            if shape is None:
                shape = _shape(chunk)
                if shape is None:
                    raise _Unsplittable
                pre, body_start, prefix, close_tags = shape
                body = [memoryview(chunk)[body_start:]]
            else:
                body = [carry, chunk]
            if k < count - 1:
                cut = _last_row_start(chunk, prefix, body_start if k == 0 else 0)
                if cut is None:
                    raise _Unsplittable
                body[-1] = memoryview(chunk)[body_start if k == 0 else 0:cut]
                carry = chunk[cut:]
            else:
                closing = chunk.rfind(b"</" + prefix + b"sheetData>")
                if closing < 0 or (inflater is not None and not (inflater.eof and not pending)) \
                        or size != member.usize:
                    raise _Unsplittable
                body[-1] = memoryview(chunk)[:closing]
            piece.start(pre, body, close_tags, pkg, shared)
            del body, chunk
    except BaseException as exc:
        for piece in started:
            piece.cancel()
        if feeder is not None:
            try:
                feeder.finish()
            except Exception:
                pass
        if isinstance(exc, (_Unsplittable, zlib.error)):
            return None
        raise
    ok = crc == member.crc
    del raw, pending, carry, last
    try:
        facts = feeder.finish() if feeder is not None else None
    except Exception:        # the scans are done again, streaming, by WorkbookData.sheet_facts
        facts = None
    for piece in started:
        piece.join()
    if not ok or any(piece.failed for piece in started):
        return None
    joined = _join(started)
    return None if joined is None else Split(*joined, facts)


class _Unsplittable(Exception):
    pass


class _Feeder:
    """Runs a scanner in its own thread over the chunks put to it."""

    SLICE = 1 << 20      # fed in slices, so that no search holds the GIL for long

    def __init__(self, scanner):
        self._scanner = scanner
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="sakip-scan", daemon=True)
        self._thread.start()

    def put(self, chunk: bytes) -> None:
        self._queue.put(chunk)

    def _run(self) -> None:
        try:
            for chunk in iter(self._queue.get, None):
                for i in range(0, len(chunk), self.SLICE):
                    self._scanner.feed(chunk[i:i + self.SLICE])
        except BaseException as exc:  # raised in the caller by finish()
            self._failure = exc
            for _ in iter(self._queue.get, None):
                pass

    def finish(self):
        self._queue.put(None)
        self._thread.join()
        if self._failure is not None:
            raise self._failure
        return self._scanner.result()


def _last_row_start(chunk: bytes, prefix: bytes, lo: int) -> int | None:
    """Where the last complete `<row ...>` start tag of `chunk` (after `lo`) begins, when it
    has an r attribute; None when there is no such tag past the first one."""
    tag = b"<" + prefix + b"row"
    cut = len(chunk)
    while True:
        cut = chunk.rfind(tag, lo, cut)
        if cut <= lo:
            return None
        if chunk[cut + len(tag): cut + len(tag) + 1] not in (b" ", b"\t", b"\r", b"\n", b">", b"/"):
            continue                        # <rowBreaks> or the like
        end = chunk.find(b">", cut)
        if end < 0:
            continue                        # the tag runs past the chunk: cut at the row before
        return cut if _ROW_NUMBER.search(chunk, cut, end) else None


def _shape(first: bytes):
    """(text before the rows, where the rows start, the namespace prefix, the closing tags),
    or None when the part does not start as a worksheet with rows."""
    m = _SHEET_DATA.search(first)
    root = _ROOT.search(first)
    if m is None or m.group(2) or root is None or root.start() > m.start():
        return None
    prefix = m.group(1)
    close_tags = b"</" + prefix + b"sheetData></" + root.group(1) + b">"
    return first[:m.end()], m.end(), prefix, close_tags


def _shared_members(pkg: Package) -> dict[str, object]:
    """The workbook-level parts a sheet's values depend on: styles (dates), shared strings,
    and the workbookPr attributes (date1904)."""
    out: dict[str, object] = {"workbookPr": b""}
    wb = pkg.workbook_part()
    if wb is None:
        return out
    for rel in pkg.rels(wb):
        if rel.part is not None and rel.part in pkg.members and rel.kind in ("styles", "sharedStrings"):
            out[rel.kind] = pkg.members[rel.part]
    for el in pkg.xml(wb):
        if local(el) == "workbookPr" and el.get("date1904") is not None:
            value = el.get("date1904").replace('"', "")
            out["workbookPr"] = f'<workbookPr date1904="{value}"/>'.encode()
    return out


def _package(pre: bytes, body: list, close_tags: bytes, pkg: Package, shared: dict) -> bytes:
    rels = [b'<Relationship Id="rId1" Type="' + _REL + b'worksheet" Target="worksheets/sheet1.xml"/>']
    z = ZipWriter()
    z.add_stored("[Content_Types].xml", [_CONTENT_TYPES])
    z.add_stored("_rels/.rels", [_ROOT_RELS])
    z.add_stored("xl/workbook.xml", [
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook ' + _NS
        + b'spreadsheetml/2006/main" xmlns:r="' + _REL.rstrip(b"/") + b'">' + shared["workbookPr"]
        + b'<sheets><sheet name="' + _PIECE_SHEET.encode() + b'" sheetId="1" r:id="rId1"/></sheets></workbook>'])
    for i, (kind, name) in enumerate((("styles", "xl/styles.xml"), ("sharedStrings", "xl/sharedStrings.xml")), 2):
        if kind in shared:
            z.copy_raw(pkg.zip, shared[kind], name)
            rels.append(f'<Relationship Id="rId{i}" Type="'.encode() + _REL + kind.encode()
                        + f'" Target="{name[3:]}"/>'.encode())
    z.add_stored("xl/_rels/workbook.xml.rels", [
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships ' + _NS
        + b'package/2006/relationships">' + b"".join(rels) + b"</Relationships>"])
    z.add_stored("xl/worksheets/sheet1.xml", [pre, *body, close_tags])
    return z.parts()


def _load(parts: list):
    """A calamine workbook over the package `parts`.

    Given a path, calamine reads the file itself; given a file object it copies the
    bytes through Python (about 0,05 s for 28 MB, holding the GIL). On Linux the
    package goes to an anonymous in-memory file, never to disk.
    """
    memfd = getattr(os, "memfd_create", None)
    if memfd is not None and os.path.isdir("/proc/self/fd"):
        try:
            fd = memfd("sakip-xl-piece", getattr(os, "MFD_CLOEXEC", 0))
        except OSError:        # refused by a sandbox (seccomp) or an old kernel
            fd = None
        if fd is not None:
            try:
                for part in parts:
                    view = memoryview(part)
                    while view:
                        view = view[os.write(fd, view):]
                return python_calamine.load_workbook(f"/proc/self/fd/{fd}")
            except OSError:    # out of memory for the file, or /proc not readable: through Python instead
                pass
            finally:
                os.close(fd)
    return python_calamine.load_workbook(io.BytesIO(b"".join(parts)))


class _Piece:
    """One piece of the sheet, read in its own thread: by plainpiece.py when its cells are plain,
    else by calamine. Once read it keeps its cells as coded columns only (columns.py): its rows
    are rebuilt from them when asked."""

    def __init__(self, top: bool, done=None, plain=None):
        self.top = top
        self._plain = plain                     # (Styles, SharedStrings): a piece of plain cells is read by plainpiece
        self.first: tuple[int, int] | None = None     # calamine's start (row, col) of the piece
        self.last: tuple[int, int] | None = None
        self.nrows = 0
        self.columns: list[tuple] = []          # per column: (kinds, distinct, codes, values or None)
        self.failed = False
        self._thread: threading.Thread | None = None
        self._job: tuple | None = None
        self._done = done                       # called once when the piece is parsed (or never will be)

    def start(self, *job) -> None:
        self._job = job       # handed over, not kept as thread arguments: the XML is freed once packaged
        self._thread = threading.Thread(target=self._run, name="sakip-piece", daemon=True)
        self._thread.start()

    def join(self) -> None:
        if self._thread is not None:
            self._thread.join()

    def cancel(self) -> None:
        """Wait for a started piece; release the slot of one that never started."""
        if self._thread is not None:
            self._thread.join()
        else:
            self._release()

    def _release(self) -> None:
        done, self._done = self._done, None
        if done is not None:
            done()

    def _run(self) -> None:
        try:
            job, self._job = self._job, None
            from sakip_xl.read import plainpiece
            try:
                plain = plainpiece.read(job[1], self.top, *self._plain) if self._plain else None
            except Exception:           # never worse than calamine: the piece is parsed by it
                plain = None
            if plain is not None:       # only plain numbers, within the budget: read without calamine
                self.first, self.last, self.nrows, self.columns = plain
                return
            from sakip_xl.xlsx.extent import span
            # A far cell, or a reference not plainly written: the whole sheet is guarded and parsed.
            # The piece's own span, not A1 to its last cell: calamine's range starts at its first cell.
            reach = span(job[1])
            if reach is None or reach.too_large():
                self.failed = True
                return
            parts = _package(*job)
            del job
            sheet = _load(parts).get_sheet_by_name(_PIECE_SHEET)
            del parts
            self.first, self.last = sheet.start, sheet.end
            # The top piece keeps the empty area above and left of its first cell, as the whole sheet would.
            rows = sheet.to_python(skip_empty_area=not self.top)
            del sheet
            self.nrows = len(rows)
            # Transposed and coded here, while the other pieces are still being parsed (readers work
            # by column, and judge each distinct value once: columns.py); the rows are then dropped.
            from sakip_xl.read.columns import factorize, rebuildable
            columns = []
            for col in zip(*rows):
                kinds, distinct, codes = factorize(col)
                columns.append((kinds, distinct, codes, None if codes is not None and rebuildable(kinds) else col))
            del rows
            self.columns = columns
        except Exception:  # calamine raises several types; the whole sheet is parsed again instead
            self.failed = True
        finally:
            self._release()


def _join(pieces: list[_Piece]) -> tuple["ColumnRows", list] | None:
    """The pieces' columns (columns.Column) put together as the whole sheet's, and its rows
    read from them, or None when the pieces overlap."""
    from sakip_xl.read.columns import Column, ColumnRows

    filled = [p for p in pieces if p.first is not None]
    if not filled:
        return ColumnRows([], 0), []
    width = max(p.last[1] for p in filled) + 1
    n = 0
    parts: list[list] = [[] for _ in range(width)]      # per column: (length, piece column or None)
    for p in filled:
        row0, col0 = (0, 0) if p.top else p.first
        if row0 < n or p.last[0] + 1 - row0 != p.nrows:
            return None                     # rows out of order across the cut
        gap = row0 - n
        if gap:
            n += gap
            for col in parts:
                col.append((gap, None))
        n += p.nrows
        for j, col in enumerate(parts):
            k = j - col0
            col.append((p.nrows, p.columns[k] if 0 <= k < len(p.columns) else None))
    columns = [Column.joined(col) for col in parts]
    return ColumnRows(columns, n), columns
