"""The real extent of a worksheet, before python-calamine sees it (issue 16, item 5).

calamine turns a sheet into one dense range from its first to its last cell: one
value at XFD1048576 asks for 16384 x 1048576 cells (549 GB, a Rust abort), one at
Z1048576 for a gigabyte. The sheet's <dimension> may lie; the cell references do
not. `extent` bounds them with a few passes of bytes operations (exact when the long
references are few), and `prune` removes the cells that lie far outside the bulk
of the data, so that what calamine allocates grows with the cells holding values.
A pruned cell that held a value is reported by the caller (finding SEL-012).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# Dense cells python-calamine may allocate for a sheet: at least this many, and up to
# CELLS_PER_VALUE per cell reference in the sheet (an honest table is dense; the bound below
# over-estimates a wide one).
MIN_BUDGET = 4_000_000
CELLS_PER_VALUE = 32
_REFINE_MAX = 50_000       # a tier of references with more than this is bounded, not read one by one

_TIERS = bytes.maketrans(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ\t\n\r", b"0" * 10 + b"A" * 26 + b"   ")
_REF = re.compile(rb'\sr\s*=\s*"([A-Z]{1,3})([0-9]{1,9})"')


@dataclass
class Extent:
    last_row: int             # 0-based, an upper bound of the last row referenced by a cell (-1: none)
    last_col: int             # 0-based, the same for columns
    count: int                # cell references

    @property
    def area(self) -> int:
        """Cells in the range from A1 to the last row and column (what calamine may allocate)."""
        return (self.last_row + 1) * (self.last_col + 1)

    def budget(self) -> int:
        return max(MIN_BUDGET, CELLS_PER_VALUE * self.count)

    def too_large(self) -> bool:
        return self.area > self.budget()


def extent(xml: bytes) -> Extent:
    """How far the cells of a worksheet's XML reach: exact when few references are long,
    else an upper bound by the number of letters and digits of the longest references.

    One translation of the XML (letters to A, digits to 0) and a few substring counts; the
    references of the longest kind are read one by one only when they are few.
    """
    t = xml.translate(_TIERS)
    n = t.count(b' r="A')
    if not n:
        return Extent(-1, -1, 0)
    last_col = _last(xml, t, [(b' r="' + b"A" * k + b"0", 26 ** k + 26 - 1) for k in (3, 2)], 0, 25)
    last_row = _last(xml, t, [(b"0" * 7 + b'"', 10 ** 9)] + [(b"A" + b"0" * k + b'"', 10 ** k - 1)
                                                           for k in range(6, 0, -1)], 1, 0)
    return Extent(last_row, last_col, n)


def _last(xml: bytes, t: bytes, tiers: list[tuple[bytes, int]], which: int, floor: int) -> int:
    """The greatest 0-based column (which=0) or row (1) of a cell reference: from the tier of the
    longest references present, read one by one when they are few, else that tier's bound."""
    for tier, bound in tiers:
        count = t.count(tier)
        if not count:
            continue
        if count > _REFINE_MAX:
            return bound
        best = -1
        pos = t.find(tier)
        while pos >= 0:
            m = _REF.match(xml, max(0, t.rfind(b'r="', 0, pos + 4) - 1))
            if m is not None:
                best = max(best, _number(m.group(1 + which)))
            pos = t.find(tier, pos + 1)
        if best >= 0:
            return best
    return floor


def _number(part: bytes) -> int:
    """0-based: 'A' -> 0, 'XFD' -> 16383, '12' -> 11."""
    if part[:1].isdigit():
        return int(part) - 1
    n = 0
    for ch in part:
        n = n * 26 + ch - 0x40
    return n - 1


def limits(ext_rows, ext_cols, budget: int) -> tuple[int, int]:
    """(last row, last column), 0-based, of the bulk of the data, given every cell's row and
    column: beyond a jump that more than doubles the extent there are only far, stray cells.
    The box fits the budget."""
    import numpy as np

    def bulk(values, slack: int) -> int:
        u = np.unique(np.asarray(values, dtype=np.int64))
        jumps = np.flatnonzero(u[1:] > 2 * u[:-1] + slack)
        return int(u[jumps[0]]) if jumps.size else int(u[-1])

    last_row, last_col = bulk(ext_rows, 1000), bulk(ext_cols, 64)
    if (last_row + 1) * (last_col + 1) > budget:
        last_col = min(last_col, 255)
        last_row = min(last_row, max(0, budget // (last_col + 1) - 1))
    return last_row, last_col


def cells(xml: bytes) -> tuple[list[int], list[int]]:
    """Row and column (0-based) of every cell reference: the slow, exact read of a sheet that
    `extent` found too large."""
    rows, cols = [], []
    for m in _REF.finditer(xml):
        cols.append(_number(m.group(1)))
        rows.append(_number(m.group(2)))
    return rows, cols


# --- pruning: only for the rare sheet that needs it; plain regular expressions

_CELL = re.compile(rb'<((?:[A-Za-z_][\w.-]*:)?)c\b([^>]*?)(/>|>(.*?)</\1c>)', re.S)
_ROW = re.compile(rb'<((?:[A-Za-z_][\w.-]*:)?)row\b([^>]*?)(/?)>')
_R = re.compile(rb'\sr\s*=\s*"([A-Z]{1,3})([0-9]{1,7})"')
_HAS_VALUE = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?(?:v|t|f)(?:\s[^>]*)?>\s*[^<\s]', re.S)


@dataclass
class Pruned:
    xml: bytes
    far: list[str] = field(default_factory=list)        # references of the cut cells that held something


def prune(xml: bytes, last_row: int, last_col: int) -> Pruned:
    """The sheet XML without the cells beyond (last_row, last_col) (0-based)."""
    out = Pruned(b"")
    pieces: list[bytes] = []
    pos = 0
    for m in _CELL.finditer(xml):
        ref = _R.search(m.group(2))
        if ref is None:
            continue
        col = 0
        for ch in ref.group(1):
            col = col * 26 + ch - 0x40
        row = int(ref.group(2))
        if row - 1 <= last_row and col - 1 <= last_col:
            continue
        pieces.append(xml[pos:m.start()])
        pos = m.end()
        if m.group(4) and _HAS_VALUE.search(m.group(0)):
            out.far.append((ref.group(1) + ref.group(2)).decode())
    pieces.append(xml[pos:])
    out.xml = b"".join(pieces)
    return out


MAX_REPORTED = 50
WELL_FORMED_LIMIT = 4 << 20    # as package/container.py checks the other parts        # far cells named per sheet; the rest are counted


@dataclass
class Guarded:
    data: bytes                                        # the package calamine may read
    far: dict[str, list[str]] = field(default_factory=dict)   # sheet -> far cells that held a value
    pruned: set[str] = field(default_factory=set)      # sheets whose far cells were cut
    bad_number: tuple[str, str, str] | None = None     # (sheet, cell, text): a <v> no reader accepts
    malformed: tuple[str, str, str] | None = None      # (sheet, part, detail): XML not well-formed


def guard(data: bytes, parts: dict[str, str | None], skip: set[str] = frozenset()) -> Guarded:
    """`data` with the far cells of every sheet in `parts` ({sheet: member}) cut out, unless
    they are in `skip` (sheets checked elsewhere, piece by piece)."""
    from sakip_xl.xlsx.opc import Package
    from sakip_xl.xlsx.zipio import ZipWriter

    pkg = Package(data)
    out = Guarded(data)
    replaced: dict[str, bytes] = {}
    for sheet, part in parts.items():
        member = pkg.members.get(part) if part else None
        if member is None or sheet in skip:
            continue
        try:
            xml = pkg.read(part)
        except Exception:          # calamine reports a damaged part with its own message
            continue
        if out.malformed is None and len(xml) <= WELL_FORMED_LIMIT:
            from lxml import etree
            try:
                etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
            except etree.XMLSyntaxError as exc:
                text = str(exc).lower()
                detail = ("karakter bukan UTF-8" if "encoding" in text or "utf-8" in text
                          else f"baris {getattr(exc, 'lineno', 0) or 0}, kolom {getattr(exc, 'offset', 0) or 0}")
                out.malformed = (sheet, part, detail)
        if out.bad_number is None:
            bad = bad_number(xml)
            if bad is not None:
                out.bad_number = (sheet, *bad)
        cut = prune_if_needed(xml)
        if cut is None:
            continue
        replaced[part] = cut.xml
        out.pruned.add(sheet)
        if cut.far:
            out.far[sheet] = cut.far
    if replaced:
        writer = ZipWriter()
        for m in pkg.zip.members:
            if m.name in replaced:
                writer.add(m.name, replaced.pop(m.name), like=m)
            elif m.name not in replaced:
                writer.copy_raw(pkg.zip, m)
        out.data = writer.finish()
    return out


def prune_if_needed(xml: bytes) -> Pruned | None:
    """The sheet XML without its far cells, or None when calamine may read it as it is."""
    ext = extent(xml)
    if not ext.too_large() and not _spaced_refs(xml):
        return None
    rows, cols = cells(xml)
    if not rows:
        return None
    budget = max(MIN_BUDGET, CELLS_PER_VALUE * len(rows))
    if (max(rows) + 1) * (max(cols) + 1) <= budget:
        return None
    last_row, last_col = limits(rows, cols, budget)
    return prune(xml, last_row, last_col)


def _spaced_refs(xml: bytes) -> bool:
    """A reference written as r = "A1" (legal XML, never written by Excel) escapes the quick count."""
    return b'r ="' in xml or b'r= "' in xml or b'r = "' in xml or b'r\t' in xml or b'r\n' in xml


_NON_FINITE = re.compile(rb'<((?:[A-Za-z_][\w.-]*:)?)v>\s*([+-]?(?i:inf|infinity|nan)|[+-]?[0-9.]*[eE]\+?[0-9]{3,})'
                         rb'\s*</\1v>')


def bad_number(xml: bytes) -> tuple[str, str] | None:
    """(cell, text) of a stored value written as inf or NaN: calamine reads it as a number, Excel and
    openpyxl refuse the file."""
    for m in _NON_FINITE.finditer(xml):
        text = m.group(2)
        if text[-1:].isdigit():
            try:
                if abs(float(text)) != float("inf"):
                    continue              # 1e300: a large but finite double
            except ValueError:
                pass
        break
    else:
        return _bad_typed(xml)
    start = _cell_start(xml, m.start())
    ref = _REF.search(xml, start, m.start()) if start >= 0 else None
    return (ref.group(1) + ref.group(2)).decode() if ref else "?", m.group(2).decode("ascii", "replace")


_TYPED = re.compile(rb'<((?:[A-Za-z_][\w.-]*:)?)c\b([^>]*?\st="(s|b)"[^>]*)>\s*(?:<\1f\b[^>]*(?:/>|>[^<]*</\1f>)\s*)?'
                    rb'<\1v>([^<]*)</\1v>')


_ODD_VALUE = re.compile(rb'<((?:[A-Za-z_][\w.-]*:)?)v>([^<]*[^0-9.eE+\-<\s][^<]*)</\1v>')
_NUMBER = re.compile(rb'\s*[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\s*')


def _bad_typed(xml: bytes) -> tuple[str, str] | None:
    """A number cell whose value is not a number (0x10), a shared-string cell whose value is not an
    index, or a boolean cell other than 0/1."""
    for m in _ODD_VALUE.finditer(xml):
        start = _cell_start(xml, m.start())
        head = xml[start:xml.find(b">", start) + 1] if start >= 0 else b""
        kind = re.search(rb'\st="(\w+)"', head)
        if kind is None or kind.group(1) == b"n":
            ref = _REF.search(head)
            return (ref.group(1) + ref.group(2)).decode() if ref else "?", m.group(2).decode("utf-8", "replace")
    if b't="s"' not in xml and b't="b"' not in xml:
        return None
    for m in _TYPED.finditer(xml):
        text = m.group(4).strip()
        ok = text.isdigit() and int(text) < 2 ** 31 if m.group(3) == b"s" else text in (b"0", b"1")
        if not ok:
            ref = _REF.search(m.group(2))
            return (ref.group(1) + ref.group(2)).decode() if ref else "?", text.decode("utf-8", "replace")
    return None


def _cell_start(xml: bytes, pos: int) -> int:
    """Where the <c> element holding position `pos` starts (-1: none)."""
    start = xml.rfind(b"<", 0, pos)
    while start >= 0 and not re.match(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]", xml[start:start + 40]):
        start = xml.rfind(b"<", 0, start)
    return start


_SPAN_BATCH = 1 << 18        # references read at once by span: a few MB of temporaries


@dataclass
class Span:
    """The exact range of a piece of sheet XML's references (rows and cells), 0-based."""
    first_row: int
    last_row: int
    first_col: int
    last_col: int
    count: int                # cell references (with a column)

    def too_large(self) -> bool:
        """Whether the dense range calamine allocates for these cells (from the first to the last
        reference, as it does for a piece parsed with skip_empty_area) exceeds the budget."""
        if self.count == 0:
            return False
        area = (self.last_row - self.first_row + 1) * (self.last_col - self.first_col + 1)
        return area > max(MIN_BUDGET, CELLS_PER_VALUE * self.count)


_PAD = b"\0" * 16


def span(xml) -> Span | None:
    """Every ` r="..."` reference of `xml` (bytes, or a list of pieces read as one) read at once
    with numpy: the first and last row and column. None when a reference is not plain (1 to 3
    capital letters or none, 1 to 8 digits, a quote) or is written with spaces: the caller then
    takes the guarded path.

    The eight bytes after each reference's quote are gathered as one big-endian integer, from
    which its letters and digits are counted; no reference is turned into a number. Of
    references of equal length, the greatest is the one whose bytes read as an integer are
    greatest (what follows the letters or digits only breaks ties between equal ones), so only
    the shortest and longest are compared, and only the two extremes are decoded.
    """
    import numpy as np

    # one copy of the XML, padded so that eight bytes can be read from any offset in it
    data = b"".join([*(xml if isinstance(xml, list) else [xml]), _PAD])
    n = len(data) - len(_PAD)
    x = np.frombuffer(data, np.uint8)
    eq = np.flatnonzero(x[:n] == 61)                   # every "=": few, and r=" is found among them
    eq = eq[(eq >= 2) & (eq < n - 1)]
    after, before = x[eq + 1], x[eq - 1]
    # r = "A1" (legal XML, never written by Excel) puts white space beside an "=": rare, then looked for
    if ((after <= 32) | (before <= 32)).any() and _spaced_refs(data):
        return None
    ahead = x[eq - 2]
    pos = eq[(before == 114) & (after == 34)
             & ((ahead == 32) | (ahead == 9) | (ahead == 10) | (ahead == 13))] + 2
    if not pos.size:
        return Span(-1, -1, -1, -1, 0)
    words = np.ndarray((n + 1,), ">u8", data, 0, (1,))     # eight bytes from each offset
    found: list[tuple[int, int, int, int]] = []
    count = 0
    for lo in range(0, pos.size, _SPAN_BATCH):      # in batches: a few MB of temporaries per piece
        part = _span_batch(data, words, pos[lo:lo + _SPAN_BATCH])
        if part is None:
            return None
        found.append(part[:4])
        count += part[4]
    rows_lo, rows_hi, cols_lo, cols_hi = zip(*found)
    cols_lo = [c for c in cols_lo if c >= 0]
    cols_hi = [c for c in cols_hi if c >= 0]
    return Span(min(rows_lo), max(rows_hi), min(cols_lo, default=0), max(cols_hi, default=0), count)


def run_length(word, test, most: int):
    """Per big-endian word (numpy uint64): how many of its first `most` bytes in a row pass `test`
    (is_letter, is_digit), and whether all did. Shared with read/plainpiece.py."""
    import numpy as np

    length = np.zeros(len(word), np.uint8)
    going = np.ones(len(word), bool)
    for i in range(most):
        going &= test((word >> np.uint64(56 - 8 * i)) & np.uint64(0xFF))
        length += going
    return length, going


def is_letter(byte):
    """A-Z, for bytes as numpy uint64 (what is below "A" wraps around to a large number)."""
    import numpy as np

    return (byte - np.uint64(65)) < np.uint64(26)


def is_digit(byte):
    """0-9, for bytes as numpy uint64."""
    import numpy as np

    return (byte - np.uint64(48)) < np.uint64(10)


def _span_batch(data: bytes, words, pos):
    """(first row, last row, first column, last column, cells) of the references starting at `pos`,
    0-based (columns -1 when none has a column), or None when one is not plainly written."""
    import numpy as np

    head = words[pos].astype(np.uint64)
    letters, four = run_length(head, is_letter, 4)
    if four.any():
        return None                                                      # four letters or more
    at = pos + letters.astype(np.int64)
    tail = words[at].astype(np.uint64)
    digits, eight = run_length(tail, is_digit, 8)
    if not digits.all():
        return None
    short = ~eight
    end = (tail[short] >> (np.uint64(56) - np.uint64(8) * digits[short])) & np.uint64(0xFF)
    if (end != 34).any() or (np.frombuffer(data, np.uint8)[at[eight] + 8] != 34).any():
        return None
    first_row, last_row = _extremes(data, at, tail, digits)
    cells = letters > 0
    if cells.any():
        first_col, last_col = _extremes(data, pos[cells], head[cells], letters[cells])
    else:
        first_col = last_col = 0
    return first_row, last_row, first_col, last_col, int(cells.sum())


def _extremes(data: bytes, at, word, lengths) -> tuple[int, int]:
    """The smallest and greatest (0-based) of the row numbers or column letters written at `at`,
    `lengths` bytes each, `word` their first eight bytes as integers."""
    import numpy as np

    out = []
    for pick, fn in ((lengths.min(), np.argmin), (lengths.max(), np.argmax)):
        same = np.flatnonzero(lengths == pick)
        k = int(at[same[fn(word[same])]])
        out.append(_number(data[k:k + int(pick)]))
    return out[0], out[1]
