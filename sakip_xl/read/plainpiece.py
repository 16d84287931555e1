"""A piece of sheet XML that holds only plain cells, read with numpy instead of calamine.

A survey is, in its XML, mostly rows of plain cells:

    <row r="5"><c r="A5"><v>3</v></c><c r="B5" s="1"><v>44539</v></c>
    <c r="C5" t="inlineStr"><is><t>Akta Kematian</t></is></c>...</row>

For such a piece, python-calamine parses the XML (0.7 s for 100,000 respondents of U1-U9),
builds a Python object per cell, and the piece then transposes and codes those cells by distinct
value (columns.py), holding the GIL. Here the same cells are found with a few numpy passes over
the bytes, and each column's codes are made from the distinct value texts: what the piece keeps
(its range and coded columns) is exactly what calamine and `factorize` would give.

Only the plainest XML is read this way; anything else returns None and the piece is parsed by
calamine as before. Read here: tags `<row ...>`, `</row>`, `<row .../>`; cells written as
`<c r="REF"[ s="N"][ t="inlineStr" or t="s"]>` with, in this order and nothing between,
`<v>NUMBER</v></c>` (a number, or a date when its style shows a date only),
`<is><t>TEXT</t></is></c>` (an inline text), `<v>INDEX</v></c>` (a text of the shared-string
table, `SharedStrings`), or self-closing (an empty cell, which calamine leaves out of the
range). A number's text is at most eight bytes, and its style shows it as a number (a built-in
number format or a custom code without letters) or as a date only (then the number is a whole
day from 1 March 1900 to 31 December 9999, in a workbook on the 1900 date system). An inline
text is at most 64 bytes of UTF-8, with no entity, no `_xHHHH_` escape and no white space at
either end; a shared text is one plain `<t>` with no escape, line break or white space at
either end. Anything else, such as a rich text, a boolean, an error, a formula, a namespace
prefix, an attribute in another order, cells out of order or repeated, a comment, goes to
calamine. tests/test_plainpiece.py compares every piece read here with calamine's reading.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

import numpy as np

from sakip_xl.xlsx.extent import CELLS_PER_VALUE, MIN_BUDGET, is_digit, is_letter, run_length
from sakip_xl.xlsx.opc import Package
from sakip_xl.xlsx.xmlutil import local

# Built-in number formats that show a number as a number: General, 0, 0.00, #,##0, #,##0.00,
# 0%, 0.00%, 0.00E+00, the #,##0 ;(#,##0) family and ##0.0E+0. Never a date or a time.
PLAIN_FORMATS = frozenset({0, 1, 2, 3, 4, 9, 10, 11, 37, 38, 39, 40, 48})
# Built-in formats of a date without a time: m/d/yyyy, d-mmm-yy, d-mmm, mmm-yy.
DATE_FORMATS = frozenset({14, 15, 16, 17})
# A custom code of digit placeholders, separators and % only (no letter, so never a date or a time).
_DIGITS_ONLY = re.compile(r"[0#?,.% ]+")
# A custom code of a date without a time: days, months, years and separators, maybe a locale.
_DATE_ONLY = re.compile(r"(?:\[\$-[0-9A-Fa-f]+\])?[dmy]+(?:[/\-. ,]+[dmy]+)*(?:;@)?")
_NUMBER_BYTES = np.zeros(256, bool)
_NUMBER_BYTES[np.frombuffer(b"0123456789.-+Ee", np.uint8)] = True
_TEXT_WIDTH = 64
_SLICE = 1 << 20
_PAD = b"\0" * (_TEXT_WIDTH + 16)
_DAY0 = dt.date(1899, 12, 30)              # serial 61 is 1 March 1900 (Excel counts a 29 February 1900)
_FIRST_DAY, _LAST_DAY = 61, 2_958_465       # 1 March 1900 .. 31 December 9999


@dataclass(frozen=True)
class Styles:
    number: frozenset = frozenset()     # cellXfs indexes that show a number as a number
    date: frozenset = frozenset()       # ... as a date without a time (1900 date system only)


def plain_styles(pkg: Package) -> Styles:
    """The cellXfs indexes by what they make of a number; empty when there is no readable styles
    part (then no piece is read here)."""
    try:
        root = _workbook_part(pkg, "styles")
        if root is None:
            return Styles()
        date1904 = any(local(el) == "workbookPr" and (el.get("date1904") or "0").strip().lower() not in ("0", "false")
                       for el in pkg.xml(pkg.workbook_part()))
    except Exception:
        return Styles()
    numbers, dates = set(PLAIN_FORMATS), set(DATE_FORMATS)
    for fmt in (f for el in root if local(el) == "numFmts" for f in el if local(f) == "numFmt"):
        try:
            fid = int(fmt.get("numFmtId"))
        except (TypeError, ValueError):
            return Styles()
        code = fmt.get("formatCode", "")
        numbers.discard(fid)
        dates.discard(fid)
        if _DIGITS_ONLY.fullmatch(code):
            numbers.add(fid)                    # 0.0, #,##0.0, 0.0%: no letter, so never a date
        elif _DATE_ONLY.fullmatch(code):
            dates.add(fid)                      # dd/mm/yyyy, [$-421]dd mmmm yyyy;@
    by_number, by_date = set(), set()
    for i, xf in enumerate(xf for el in root if local(el) == "cellXfs" for xf in el if local(xf) == "xf"):
        try:
            fid = int(xf.get("numFmtId", "0"))
        except ValueError:
            continue
        if fid in numbers:
            by_number.add(i)
        elif fid in dates and not date1904:
            by_date.add(i)
    return Styles(frozenset(by_number), frozenset(by_date))


def read(parts: list, top: bool, styles: Styles, strings: "SharedStrings | None" = None):
    """((first row, first col), (last row, last col), rows, columns) as the piece keeps them from
    calamine (`skip_empty_area=not top`) and `factorize`, or None when the XML is not plain.
    `strings`: the workbook's shared strings, read once for all the pieces."""
    if styles is None or not styles.number:
        return None
    data = b"".join([*parts, _PAD])     # padded: eight bytes, or a text's width, can be read from any offset
    n = len(data) - len(_PAD)
    x = np.frombuffer(data, np.uint8)
    words = np.ndarray((n + 1,), ">u8", data, 0, (1,))             # eight bytes from each offset
    # every "<", found a megabyte at a time (int32: a piece is far below 2 GB)
    lt = np.concatenate([np.flatnonzero(x[i:min(i + _SLICE, n)] == 60).astype(np.int32) + np.int32(i)
                         for i in range(0, n, _SLICE)] or [np.zeros(0, np.int32)])
    after = x[lt + 1], x[lt + 2]
    at = lt[(after[0] == 99) & (after[1] == 32)]                     # every "<c "
    if not at.size:
        return None
    # the start tag: <c r="REF"[ s="N"][ t="inlineStr"]>, or self-closing
    if ((x[at + 3] != 114) | (x[at + 4] != 61) | (x[at + 5] != 34)).any():
        return None
    head = words[at + 6].astype(np.uint64)
    letters, four = run_length(head, is_letter, 4)
    if four.any() or not letters.all():
        return None
    row_at = at + 6 + letters
    tail = words[row_at].astype(np.uint64)
    digits, eight = run_length(tail, is_digit, 8)
    if eight.any() or not digits.all():
        return None
    quote = row_at + digits
    if (x[quote] != 34).any():
        return None
    end = quote + 1                                                   # where ">" or "/>" must be
    style = np.zeros(at.size, np.int32)
    styled = np.flatnonzero((x[end] == 32) & (x[end + 1] == 115))
    if styled.size:
        s_at = end[styled]
        if ((x[s_at + 2] != 61) | (x[s_at + 3] != 34)).any():
            return None
        s_word = words[s_at + 4].astype(np.uint64)
        s_digits, s_eight = run_length(s_word, is_digit, 8)
        if s_eight.any() or not s_digits.all():
            return None
        s_end = s_at + 4 + s_digits.astype(np.int64)
        if (x[s_end] != 34).any():
            return None
        end[styled] = s_end + 1
        style[styled] = _decimal(s_word, s_digits)
    typed = np.flatnonzero((x[end] == 32) & (x[end + 1] == 116))
    inline = np.zeros(at.size, bool)
    shared = np.zeros(at.size, bool)
    if typed.size:
        t_at = end[typed]
        is_inline = (words[t_at + 1] == _INLINE[0]) & ((words[t_at + 9] >> np.uint64(24)) == _INLINE[1])
        is_shared = (words[t_at + 1] >> np.uint64(24)) == _SHARED
        if not (is_inline | is_shared).all():
            return None
        inline[typed[is_inline]] = True
        shared[typed[is_shared]] = True
        end[typed] = np.where(is_inline, t_at + 14, t_at + 6)
    empty = x[end] == 47
    if (empty & (inline | shared)).any():
        return None
    end[empty] += 1
    if (x[end] != 62).any():
        return None
    # a number, or a shared string's index: <v>DIGITS</v></c>, nothing between
    kn = np.flatnonzero(~empty & ~inline)
    v_start = end[kn] + 4
    if kn.size and (words[end[kn] + 1] >> np.uint64(40) != _V_OPEN).any():
        return None
    v_end = lt[np.searchsorted(lt, v_start)]                          # the "<" after the value
    if (words[v_end] != _V_CLOSE).any():                              # "</v></c>"
        return None
    # a text: <is><t>TEXT</t></is></c>
    kt = np.flatnonzero(inline)
    t_start = end[kt] + 8
    if kt.size and (words[end[kt] + 1] >> np.uint64(8) != _IS_OPEN).any():
        return None
    t_end = lt[np.searchsorted(lt, t_start)]
    if ((words[t_end] != _IS_CLOSE[0]) | ((words[t_end + 8] >> np.uint64(24)) != _IS_CLOSE[1])).any():
        return None
    # every "<" is one of: <row ...>, </row>, a cell's start, a number's <v>, </v>, </c>, and a
    # text's <is>, <t>, </t>, </is>, </c> (so no formula, comment or other element is left unread)
    row = lt[(after[0] == 114) | ((after[0] == 47) & (after[1] == 114))]
    del after
    if lt.size != row.size + at.size + 3 * kn.size + 5 * kt.size:
        return None
    tag = words[row + 1] >> np.uint64(32)                               # four bytes after "<"
    if not np.isin(tag, _ROW_TAGS).all() or (x[row[tag == _ROW_END] + 5] != 62).any():
        return None
    cells = at.size
    del lt, at, row, tag, row_at, quote, end      # a piece's arrays are let go as soon as they are read
    # each number's style shows it as a number or as a date (a shared string is text whatever its style)
    texted = shared[kn]
    used = np.flatnonzero(np.bincount(style[kn[~texted]])).tolist()       # styles are small indexes
    if not set(used) <= styles.number | styles.date:
        return None
    dated = np.isin(style[kn], [s for s in used if s in styles.date]) & ~texted
    del style
    # positions of the cells with a value, in document order, none repeated
    kv = np.flatnonzero(~empty)
    if not kv.size:
        return None
    rows = _decimal(tail[kv], digits[kv]) - 1
    cols = _letters(head[kv], letters[kv]) - 1
    if rows.min() < 0 or rows.max() > 1_048_575 or cols.max() > 16_383:
        return None
    if (np.diff(rows * 16_384 + cols) <= 0).any():
        return None
    del head, tail, letters, digits, empty, inline, shared
    first = (int(rows.min()), int(cols.min()))
    last = (int(rows.max()), int(cols.max()))
    area = (last[0] - first[0] + 1) * (last[1] - first[1] + 1)
    if area > max(MIN_BUDGET, CELLS_PER_VALUE * kv.size):
        return None                         # a far cell: the guarded path (xlsx/extent.py) reads the sheet
    # the values, coded by their text, each distinct text read once
    values: list = []
    index: dict = {}                        # value -> code; equal values (3 == 3.0) share one
    code = np.empty(cells, np.int32)
    for mine, read_one in ((~dated & ~texted, _number), (dated, _day)):
        if mine.any():
            got = _code_texts(words, v_start[mine], v_end[mine], read_one, values, index)
            if got is None:
                return None
            code[kn[mine]] = got
    if texted.any():
        got = None if strings is None else _code_shared(words, v_start[texted], v_end[texted], strings, values, index)
        if got is None:
            return None
        code[kn[texted]] = got
    if kt.size:
        got = _code_strings(x, t_start, t_end, values, index)
        if got is None:
            return None
        code[kt] = got
    code = code[kv]
    r0, c0 = (0, 0) if top else first
    nrows = last[0] - r0 + 1
    order = np.argsort(cols.astype(np.int16), kind="stable")            # column by column, rows in order
    bounds = np.searchsorted(cols[order], np.arange(c0, last[1] + 2))
    columns = []
    for j in range(last[1] - c0 + 1):
        mine = order[bounds[j]:bounds[j + 1]]
        columns.append(_column(rows[mine] - r0, code[mine], values, nrows))
    return first, last, nrows, columns


def _number(text: bytes):
    v = float(text)
    if not math.isfinite(v) or (v == 0 and text.startswith(b"-")):
        raise ValueError(text)              # -0 would share a code with 0: left to calamine
    return v


def _day(text: bytes):
    if not text.isdigit() or not _FIRST_DAY <= int(text) <= _LAST_DAY:
        raise ValueError(text)              # a time of day, or the days calamine reads its own way
    return _DAY0 + dt.timedelta(days=int(text))


def _code_texts(words, start, stop, read_one, values: list, index: dict):
    """Codes of the values written from `start` to `stop` (at most eight bytes each), read by
    `read_one` once per distinct text; None when one is not plainly written."""
    length = stop - start
    if length.min() < 1 or length.max() > 8:
        return None
    key = words[start].astype(np.uint64) >> (np.uint64(64) - np.uint64(8) * length.astype(np.uint64))
    texts, which = _distinct(key)
    # every byte of every distinct text is a digit, a sign, a point or an exponent's E; a text's
    # bytes are never 0, so its length is the count of its non-zero bytes (right-aligned)
    grid = texts.astype(">u8").view(np.uint8).reshape(-1, 8)        # right-aligned, zeros before
    size = (grid != 0).sum(1)
    if not (_NUMBER_BYTES[grid] | ((grid == 0) & (np.arange(8) < 8 - size[:, None]))).all():
        return None
    remap = np.empty(len(texts), np.int32)
    rest = np.arange(len(texts))
    if read_one is _number:
        # whole numbers written plainly (no sign, point, exponent or leading zero): one value each,
        # read at once; "3.0" or "03" below still shares the code of 3
        whole = (((grid >= 48) & (grid <= 57)) | (np.arange(8) < 8 - size[:, None])).all(1) \
            & ((grid[np.arange(len(texts)), 8 - size] != 48) | (size == 1))
        if whole.any():
            numbers = _decimal(texts[whole] << (np.uint64(64) - np.uint64(8) * size[whole].astype(np.uint64)),
                               size[whole]).astype(np.float64).tolist()
            start_code = len(values)
            if not index:                   # numbers are coded first: no value seen before to share
                remap[whole] = np.arange(start_code, start_code + len(numbers), dtype=np.int32)
                index.update(zip(numbers, range(start_code, start_code + len(numbers))))
                values.extend(numbers)
                rest = np.flatnonzero(~whole)
    try:
        for i in rest.tolist():
            text = int(texts[i]).to_bytes(8, "big").lstrip(b"\0")
            remap[i] = _code_of(read_one(text), values, index)
    except ValueError:
        return None
    return remap[which]


def _distinct(key):
    """np.unique(key, return_inverse=True); keys below 2**16 (texts of one or two bytes: survey
    answers, ages) are counted instead of sorted."""
    if key.size and int(key.max()) < 1 << 16:
        small = key.astype(np.int32)
        texts = np.flatnonzero(np.bincount(small))
        lookup = np.zeros(int(texts[-1]) + 1, np.intp)
        lookup[texts] = np.arange(texts.size)
        return texts.astype(np.uint64), lookup[small]
    texts, which = np.unique(key, return_inverse=True)
    return texts, which.ravel()


def _code_shared(words, start, stop, strings: "SharedStrings", values: list, index: dict):
    """Codes of the shared strings whose indexes are written from `start` to `stop`; None when
    one is not read here (SharedStrings). Each distinct index is looked up once; the texts are
    coded at once when they are all new (no text coded before in this piece, none twice in the
    table), else one by one."""
    length = stop - start
    if length.min() < 1 or length.max() > 8:
        return None
    word = words[start].astype(np.uint64)
    digits, _ = run_length(word, is_digit, 8)
    if (digits != length).any():
        return None
    used, which = _distinct(_decimal(word, length))
    table = strings.texts()
    if int(used[-1]) >= len(table):
        return None
    texts = [table[i] for i in used.tolist()]
    if None in texts:
        return None
    first = len(values)
    if not any(isinstance(v, str) for v in values) and len(dict.fromkeys(texts)) == len(texts):
        index.update(zip(texts, range(first, first + len(texts))))
        values.extend(texts)
        remap = np.arange(first, first + len(texts), dtype=np.int32)
    else:
        remap = np.fromiter((_code_of(text, values, index) for text in texts), np.int32, len(texts))
    return remap[which]


def _code_strings(x, start, stop, values: list, index: dict):
    """Codes of the inline texts from `start` to `stop`; None when one is not plain."""
    length = stop - start
    if length.min() < 1 or length.max() > _TEXT_WIDTH:
        return None
    width = int(length.max())
    grid = np.lib.stride_tricks.as_strided(x, (len(x) - len(_PAD) + 1, width), (1, 1))[start]
    grid = np.where(np.arange(width) < length[:, None], grid, 0)
    texts, which = np.unique(grid.view(f"S{width}").ravel(), return_inverse=True)
    remap = np.empty(len(texts), np.int32)
    for i, raw in enumerate(texts.tolist()):
        if b"&" in raw or b"_x" in raw or raw[:1].isspace() or raw[-1:].isspace() or b"\0" in raw:
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
        remap[i] = _code_of(text, values, index)
    return remap[which.ravel()]


def _code_of(value, values: list, index: dict) -> int:
    """The code of `value`, shared with an equal value seen before (3.0 from "3" and "3.0"), as
    the dictionary of columns.factorize shares it."""
    code = index.setdefault(value, len(values))
    if code == len(values):
        values.append(value)
    return code


_ROW_TAGS = np.array([int.from_bytes(t, "big") for t in (b"row ", b"row>", b"row/", b"/row")], np.uint64)
_ROW_END = np.uint64(int.from_bytes(b"/row", "big"))
_V_OPEN = np.uint64(int.from_bytes(b"<v>", "big"))
_IS_OPEN = np.uint64(int.from_bytes(b"<is><t>", "big"))
_IS_CLOSE = (np.uint64(int.from_bytes(b"</t></is", "big")), np.uint64(int.from_bytes(b"></c>", "big")))
_INLINE = (np.uint64(int.from_bytes(b't="inlin', "big")), np.uint64(int.from_bytes(b'eStr"', "big")))
_V_CLOSE = np.uint64(int.from_bytes(b"</v></c>", "big"))
_SHARED = np.uint64(int.from_bytes(b't="s"', "big"))


class SharedStrings:
    """The workbook's shared strings, read once (by the first piece that holds one) for every piece.

    An item is read here only when it is one plain `<t>` (no rich text runs, no phonetic guide),
    not empty, with no `_xHHHH_` escape, no line break and no white space at either end; a cell
    pointing at any other item sends its piece to calamine."""

    def __init__(self, pkg: Package):
        import threading

        self._pkg = pkg
        self._lock = threading.Lock()
        self._texts: list | None = None

    def preload(self) -> None:
        """Read the table in a thread of its own now (lxml parses it without the GIL), while the
        first pieces are inflated, instead of in the first piece that needs it."""
        import threading

        threading.Thread(target=self._load, name="sakip-sst", daemon=True).start()

    def _load(self) -> None:
        with self._lock:
            if self._texts is None:
                self._texts = _shared_texts(self._pkg)

    def texts(self) -> list:
        """The table's items: the plain text of each, or None for one not read here."""
        if self._texts is None:
            self._load()
        return self._texts


def _part_name(pkg: Package, kind: str) -> str | None:
    """The member name of the workbook's part of relationship `kind`, or None."""
    wb = pkg.workbook_part()
    part = next((r.part for r in pkg.rels(wb) if r.kind == kind and r.part), None) if wb else None
    return pkg.find(part) if part else None


def _workbook_part(pkg: Package, kind: str):
    """The parsed XML of the workbook's part of relationship `kind`, or None."""
    part = _part_name(pkg, kind)
    return pkg.xml(part) if part is not None else None


def _shared_texts(pkg: Package) -> list:
    try:
        part = _part_name(pkg, "sharedStrings")
        if part is None:
            return []
        data = pkg.read(part)
    except Exception:
        return []
    texts = _plain_items(data)
    return texts if texts is not None else _tree_items(pkg, part)


def _tree_items(pkg: Package, part: str) -> list:
    """_shared_texts of a table, read with lxml whatever its bytes look like."""
    try:
        root = pkg.xml(part)
    except Exception:
        return []
    out: list = []
    for si in root:
        if not isinstance(si.tag, str):
            continue
        kids = [k for k in si if isinstance(k.tag, str)]
        text = kids[0].text if len(kids) == 1 and local(kids[0]) == "t" and not len(kids[0]) \
            and local(si) == "si" else None
        out.append(text if _plain(text) else None)
    return out


def _plain(text: str | None) -> bool:
    return bool(text) and "_x" not in text and "\r" not in text and "\n" not in text \
        and not text[0].isspace() and not text[-1].isspace()


_PLAIN_ITEM = re.compile(rb'<si><t(?: xml:space="preserve")?>([^<]*)</t></si>')
_ITEM_TEXT = re.compile(rb'<t(?: xml:space="preserve")?>([^<]*)</t>')
_ENTITIES = ((b"&lt;", b"<"), (b"&gt;", b">"), (b"&quot;", b'"'), (b"&apos;", b"'"), (b"&amp;", b"&"))


def _plain_items(data: bytes) -> list | None:
    """The table's texts as _shared_texts reads them, found in its bytes when it is written the
    usual way (Excel, LibreOffice, xlsxwriter): `<sst ...>` and items `<si>...</si>` without a
    prefix or attribute, no comment, CDATA or declaration of entities. An item is read when it
    is one `<t>` holding plain text (the five named entities decoded; a character reference, or
    anything else, leaves the item to calamine). None: the table is read by lxml instead.
    A table of 60,000 free-text answers takes 0.05 s here, 0.13 s with lxml (both holding the GIL)."""
    if b"<!" in data or (b"<sst " not in data and b"<sst>" not in data):
        return None
    count = data.count(b"<si")
    raws = _PLAIN_ITEM.findall(data)         # a text holds no "<": one match is one whole item
    if len(raws) != count:                   # some are not one plain <t>: item by item, in order
        if data.count(b"<si>") != count or data.count(b"</si>") != count:
            return None      # an empty <si/>, an item with attributes
        raws = []
        for part in data.split(b"<si>")[1:]:
            m = _ITEM_TEXT.fullmatch(part, 0, part.find(b"</si>"))
            raws.append(m.group(1) if m else None)
    try:
        texts = [raw.decode("utf-8") if raw is not None and b"&" not in raw else _unescape(raw) for raw in raws]
    except UnicodeDecodeError:
        return None
    return [text if _plain(text) else None for text in texts]


def _unescape(raw: bytes | None) -> str | None:
    """The text of a <t> with the five named entities decoded; None when it holds a character
    reference (left to calamine)."""
    if raw is None:
        return None
    if b"&" in raw:
        if raw.count(b"&") != sum(raw.count(entity) for entity, _ in _ENTITIES):
            return None
        for entity, char in _ENTITIES:
            raw = raw.replace(entity, char)
    return raw.decode("utf-8")


def _column(at, code, values: list, nrows: int):
    """What a piece keeps of one column (bigsheet._Piece.columns): `code` at rows `at`, "" elsewhere,
    coded as columns.factorize codes the same cells (distinct values in order of first appearance),
    or the cells themselves where factorize would not code them."""
    from sakip_xl.read.columns import _MIN_DISTINCT_LIMIT, _SAMPLE

    blank = len(values)                                               # the last slot: ""
    if at.size == nrows:
        full = code
    else:
        full = np.full(nrows, blank, np.int32)
        full[at] = code
    cells = values + [""]
    if nrows > 2 * _SAMPLE and np.unique(full[:_SAMPLE]).size > _SAMPLE // 2:
        return None, None, None, tuple(map(cells.__getitem__, full.tolist()))
    used = np.flatnonzero(np.bincount(full, minlength=blank + 1))
    kinds = frozenset(type(cells[c]) for c in used.tolist())
    if used.size > max(_MIN_DISTINCT_LIMIT, nrows // 4):
        return kinds, None, None, tuple(map(cells.__getitem__, full.tolist()))
    first = np.array([int(np.argmax(full == c)) for c in used.tolist()], np.int64)
    order = used[np.argsort(first, kind="stable")]
    lookup = np.zeros(blank + 1, np.int32)
    lookup[order] = np.arange(len(order), dtype=np.int32)
    return kinds, [cells[c] for c in order.tolist()], lookup[full], None


def _decimal(word, length):
    """The numbers written in the first `length` bytes of each big-endian `word` (digits)."""
    return _positional(word, length, 8, 10, 48)


def _letters(word, length):
    """The 1-based column numbers written in the first `length` bytes of each `word` (A-Z)."""
    return _positional(word, length, 3, 26, 64)


def _positional(word, length, most: int, base: int, zero: int):
    out = np.zeros(len(word), np.int64)
    for i in range(most):
        figure = ((word >> np.uint64(56 - 8 * i)) & np.uint64(0xFF)).astype(np.int64) - zero
        out = np.where(i < length, out * base + figure, out)
    return out
