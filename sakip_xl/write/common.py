"""Shared pieces for writing the computed sheets with xlsxwriter."""
from __future__ import annotations

import datetime as dt
import functools
import io
import math
import re
import zipfile

import xlsxwriter
import xlsxwriter.worksheet

from sakip_xl.xlsx.addresses import col_letter, quote_sheet


class _Worksheet(xlsxwriter.worksheet.Worksheet):
    """A worksheet that writes formulas as given.

    xlsxwriter runs some thirty regular expressions over every formula to add the
    `_xlfn.` prefix of post-2007 functions; the tool's formulas use only functions
    that need none (tests/test_formula_functions.py holds them to that list), and
    skipping the expansion halves the time to write a 500-line budget sheet.
    """

    def _prepare_formula(self, formula, expand_future_functions=False):
        if formula.startswith("{"):
            formula = formula[1:]
        if formula.startswith("="):
            formula = formula[1:]
        if formula.endswith("}"):
            formula = formula[:-1]
        return formula

    # A result too large for a double (1e308 + 1e308) is what Excel shows as #NUM!: never store inf/nan.
    def _write_formula(self, row, col, formula, cell_format=None, value=0):
        if isinstance(value, float) and not math.isfinite(value):
            value = "#NUM!"
        return super()._write_formula(row, col, formula, cell_format, value)

    # A sheet written row by row (bigsheet_out) cannot take a cell above the rows already written:
    # xlsxwriter would drop it silently.
    def _check_dimensions(self, row, col, ignore_row=False, ignore_col=False):
        if self.constant_memory and not ignore_row and not ignore_col and 0 <= row < self.previous_row:
            raise RuntimeError(f"{self.name}: row {row + 1} written after row {self.previous_row + 1} "
                               "in a sheet written row by row")
        return super()._check_dimensions(row, col, ignore_row, ignore_col)

    def _write_number(self, row, col, number, cell_format=None):
        if isinstance(number, float) and not math.isfinite(number):
            return self._write_string(row, col, "#NUM!", cell_format)
        return super()._write_number(row, col, number, cell_format)


    # A sheet written row by row (bigsheet_out) writes each cell's XML as its row is flushed; the
    # cells it holds by the million (numbers, plain text, formulas, blanks, all with a format) are
    # written here with one f-string each, byte for byte what xlsxwriter writes
    # (tests/test_bigsheet_out.py), and anything else by xlsxwriter itself.
    _fast_cells = True

    # In a sheet written row by row, a cell of the row being written or a later one, given by its
    # row and column numbers, is stored here in one step: what xlsxwriter's write_* do for it
    # (bounds, dimensions, flushing the rows above, the cell tuple) without its layers of calls
    # (A1 notation, two dimension checks, formula checks our formulas never need). Anything else,
    # and every sheet kept whole, goes through xlsxwriter as before.
    _spot_row = _spot_lo = _spot_hi = -1

    def _fast_spot(self, row, col) -> bool:
        # Most cells fall in the row of the cell before, within the columns already spanned:
        # nothing to check or update then (the row is forgotten whenever a row is flushed).
        if (row == self._spot_row and row.__class__ is int and col.__class__ is int
                and self._spot_lo <= col <= self._spot_hi):
            return True
        if not (self.constant_memory and self._fast_cells and row.__class__ is int and col.__class__ is int
                and 0 <= col < self.xls_colmax and self.previous_row <= row < self.xls_rowmax):
            return False
        if self.dim_rowmin is None:
            self.dim_rowmin = self.dim_rowmax = row
            self.dim_colmin = self.dim_colmax = col
        else:
            if row < self.dim_rowmin:
                self.dim_rowmin = row
            elif row > self.dim_rowmax:
                self.dim_rowmax = row
            if col < self.dim_colmin:
                self.dim_colmin = col
            elif col > self.dim_colmax:
                self.dim_colmax = col
        if row > self.previous_row:
            self._write_single_row(row)
        self._spot_row, self._spot_lo, self._spot_hi = row, self.dim_colmin, self.dim_colmax
        return True

    def write_formula(self, row, col, formula=None, cell_format=None, value=0):
        if not _plain_formula(formula, value) or not self._fast_spot(row, col):
            return super().write_formula(row, col, formula, cell_format, value)
        self.table[row][col] = _FormulaCell(self._prepare_formula(formula), cell_format, value)
        return 0

    def write_string(self, row, col, string=None, cell_format=None):
        if not _plain_text(string) or not self._fast_spot(row, col):
            return super().write_string(row, col, string, cell_format)
        self.table[row][col] = _StringCell(string, cell_format)
        return 0

    def write_number(self, row, col, number=None, cell_format=None):
        if not _plain_number(number) or not self._fast_spot(row, col):
            return super().write_number(row, col, number, cell_format)
        self.table[row][col] = _NumberCell(number, cell_format)
        return 0

    def write_blank(self, row, col, blank=None, cell_format=None):
        if cell_format is None or not self._fast_spot(row, col):
            return super().write_blank(row, col, blank, cell_format)
        self.table[row][col] = _BlankCell(cell_format)
        return 0

    def put_row(self, row: int, cells: "RowCells") -> None:
        """The cells gathered in `cells` (RowCells.put), all in row `row`, written in one step.

        In a sheet written row by row they are stored at once: what their write_* calls would
        store (tests/test_bigsheet_out.py), with the checks made once per row instead of once
        per cell. Otherwise, or when one of them needs xlsxwriter's own path, each is written
        by its write_*, in the order gathered."""
        items = cells.items
        if items and self._put_fast(row, items):
            return
        for kind, col, a, fmt, b in items:
            if kind is _TEXT:
                self.write_string(row, col, a, fmt)
            elif kind is _FORMULA:
                self.write_formula(row, col, a, fmt, b)
            elif kind is _NUMBER:
                self.write_number(row, col, a, fmt)
            elif kind is _LINK:
                self.write_url(row, col, a, fmt, b)
            else:
                self.write_blank(row, col, None, fmt)

    def _put_fast(self, row: int, items: list) -> bool:
        """put_row's one step: the row's cells rendered to XML at once, byte for byte what
        `_cells_xml` and xlsxwriter write for them (tests/test_bigsheet_out.py), and stored as
        pieces, one per run of cells between links (each link written by xlsxwriter); False,
        having stored nothing, when a cell needs xlsxwriter's own path."""
        if not (self.constant_memory and self._fast_cells and row.__class__ is int):
            return False
        cells = {}
        for item in items:
            col = item[1]
            if col.__class__ is not int:
                return False
            if col in cells and (item[0] is _LINK or cells[col][0] is _LINK):
                return False                      # a link and a value in one cell: as xlsxwriter does it
            cells[col] = item                     # a column written twice: the later write holds
        cols = sorted(cells)
        first, last = cols[0], cols[-1]
        if not (self._fast_spot(row, first) and self._fast_spot(row, last)):
            return False
        here = self.table[row]
        if any(first <= col <= last for col in here):
            return False
        rowstr = str(row + 1)
        pieces, run = [], None          # runs of cells [first col, last col, XML parts], and links
        for col in cols:
            item = cells[col]
            kind, _, a, fmt, b = item
            if kind is _LINK:
                if a.__class__ is not str:
                    return False
                (fmt or self.default_url_format)._get_xf_index()     # styles numbered in the cells' order
                pieces.append(item)
                run = None
                continue
            if fmt is None:
                return False
            if kind is _TEXT:
                if not _plain_text(a):
                    return False
            elif kind is _FORMULA:
                if not _plain_formula(a, b):
                    return False
                a = self._prepare_formula(a)
            elif kind is _NUMBER:
                if not _plain_number(a):
                    return False
            if run is None:
                run = [col, col, []]
                pieces.append(run)
            xf = fmt.xf_index
            if not _cell_xml(run[2].append, _LETTERS[col] + rowstr if col < 702 else col_letter(col) + rowstr,
                             fmt._get_xf_index() if xf is None else xf, kind, a, b):
                return False
            run[1] = col
        for piece in pieces:
            if piece[0] is _LINK:
                _, col, url, fmt, text = piece
                self._write_url(row, col, url, fmt, text)
            else:
                here[piece[0]] = _Written("".join(piece[2]), piece[1])
        return True

    def _write_single_row(self, current_row_num=0):
        """xlsxwriter's _write_single_row (a sheet written row by row) with one write to the row
        file per row, and the cells it holds by the million (numbers, plain text, formulas and
        blanks, each with a format) written with one f-string each, byte for byte what
        xlsxwriter's _write_cell writes (tests/test_bigsheet_out.py); any other cell by
        xlsxwriter itself."""
        self._spot_row = -1
        if not self._fast_cells:
            return super()._write_single_row(current_row_num)
        row_num = self.previous_row
        self.previous_row = current_row_num
        table = self.table
        cells = table[row_num] if row_num in table else None
        if cells or row_num in self.row_info or row_num in self.comments:
            fh, parts = self.fh, []
            self.fh = _Collect(parts)
            try:
                if cells:
                    info = self.row_info.get(row_num)
                    if (info is None and self.default_row_height == self.original_row_height
                            and self.excel_version != 2010):
                        parts.append(f'<row r="{row_num + 1}">')     # what _write_row writes for it
                    else:
                        self._write_row(row_num, None, info)
                    self._cells_xml(row_num, cells, parts)
                    parts.append("</row>")
                else:
                    self._write_empty_row(row_num, None, self.row_info[row_num])
            finally:
                self.fh = fh
            fh.write("".join(parts))
        table.clear()

    def _cells_xml(self, row_num: int, cells: dict, parts: list) -> None:
        add, lo, hi, rowstr = parts.append, self.dim_colmin, self.dim_colmax, str(row_num + 1)
        written = -1
        for col in sorted(cells):
            if col < lo or col > hi:
                continue
            cell = cells[col]
            if col <= written:
                raise RuntimeError(f"{self.name}: cell {col_letter(col)}{rowstr} written inside a row put at once")
            if cell.__class__ is _Written:
                add(cell.xml)
                written = cell.last
                continue
            fmt = cell.format
            kind = _KINDS.get(cell.__class__)
            if fmt is None or kind is None:
                super()._write_cell(row_num, col, cell)
                continue
            xf = fmt.xf_index
            if not _cell_xml(add, _LETTERS[col] + rowstr if col < 702 else col_letter(col) + rowstr,
                             fmt._get_xf_index() if xf is None else xf, kind, cell[0],
                             cell.value if kind is _FORMULA else None):
                super()._write_cell(row_num, col, cell)


# What write_* store themselves in a sheet written row by row (and put_row at once); anything
# else goes through xlsxwriter: a long text it truncates, an array formula, a dynamic array, a
# result too large for a double, a value that is no number.
_STRMAX = 32767          # Excel's longest text (xlsxwriter's Worksheet.xls_strmax)


def _plain_text(text) -> bool:
    # past half the limit xlsxwriter measures the text in UTF-16 units, and may cut it
    return text.__class__ is str and len(text) <= _STRMAX // 2


def _plain_formula(formula, value) -> bool:
    return bool(formula) and formula[0] != "{" and not _dynamic(formula) \
        and not (value.__class__ is float and not math.isfinite(value))


def _plain_number(number) -> bool:
    return number.__class__ in (int, float) and math.isfinite(number)


def _cell_xml(add, ref: str, xf: int, kind: str, a, b) -> bool:
    """Adds the XML xlsxwriter's _write_cell writes for a cell of a sheet written row by row
    (`kind`: text `a`; formula `a`, without its '=', and its value `b`; number `a`; blank) with a
    format of index `xf`, byte for byte (tests/test_bigsheet_out.py); False, adding nothing,
    for a cell only xlsxwriter writes (a text it escapes, a boolean result)."""
    if kind is _TEXT:
        if _needs_care(a):
            return False
        add(f'<c r="{ref}" s="{xf}" t="inlineStr"><is><t>{a}</t></is></c>')
    elif kind is _FORMULA:
        if b.__class__ is str:
            t = "" if b == "" else ' t="e"' if b in _ERROR_CODES else ' t="str"'
            b = _escape(b)
        elif b.__class__ is bool:
            return False
        else:
            t = ""
        add(f'<c r="{ref}" s="{xf}"{t}><f>{_escape(a)}</f><v>{b}</v></c>')
    elif kind is _NUMBER:
        add(f'<c r="{ref}" s="{xf}"><v>{a:.16G}</v></c>')
    else:
        add(f'<c r="{ref}" s="{xf}"/>')
    return True


_DYNAMIC = xlsxwriter.worksheet.re_dynamic_function
_FormulaCell = xlsxwriter.worksheet.CellFormulaTuple
_StringCell = xlsxwriter.worksheet.CellStringTuple
_NumberCell = xlsxwriter.worksheet.CellNumberTuple
_BlankCell = xlsxwriter.worksheet.CellBlankTuple


_TEXT, _FORMULA, _NUMBER, _BLANK, _LINK = "text", "formula", "number", "blank", "link"
_KINDS = {_StringCell: _TEXT, _FormulaCell: _FORMULA, _NumberCell: _NUMBER, _BlankCell: _BLANK}
_LETTERS = [col_letter(c) for c in range(702)]       # A .. ZZ, looked up for every cell written


class _Written:
    """The XML of a run of cells put at once (put_row), stored at its first column."""

    __slots__ = ("xml", "last")

    def __init__(self, xml: str, last: int):
        self.xml, self.last = xml, last


class RowCells:
    """Stands in for a worksheet while one row is written: its write_string, write_formula,
    write_number, write_blank and write_url calls (with xlsxwriter's arguments) are gathered,
    and `put` writes them in one step (`_Worksheet.put_row`)."""

    __slots__ = ("ws", "row", "items")

    def __init__(self, ws, row: int):
        self.ws, self.row, self.items = ws, row, []

    def _elsewhere(self, row: int):
        raise ValueError(f"row {row + 1} written among the cells of row {self.row + 1}")

    def write_string(self, row: int, col: int, string, cell_format=None) -> None:
        if row != self.row:
            self._elsewhere(row)
        self.items.append((_TEXT, col, string, cell_format, None))

    def write_formula(self, row: int, col: int, formula, cell_format=None, value=0) -> None:
        if row != self.row:
            self._elsewhere(row)
        self.items.append((_FORMULA, col, formula, cell_format, value))

    def write_number(self, row: int, col: int, number, cell_format=None) -> None:
        if row != self.row:
            self._elsewhere(row)
        self.items.append((_NUMBER, col, number, cell_format, None))

    def write_blank(self, row: int, col: int, blank=None, cell_format=None) -> None:
        if row != self.row:
            self._elsewhere(row)
        self.items.append((_BLANK, col, None, cell_format, None))

    def write_url(self, row: int, col: int, url: str, cell_format=None, string=None) -> None:
        if row != self.row:
            self._elsewhere(row)
        self.items.append((_LINK, col, url, cell_format, string))

    def set_row(self, row: int, height=None, cell_format=None, options=None):
        """The worksheet's set_row, at once (a row's height and format are read when it is written out)."""
        return self.ws.set_row(row, height, cell_format, options)

    @property
    def hlink_count(self) -> int:
        """The worksheet's links, those gathered here included (write_link keeps to Excel's limit)."""
        return self.ws.hlink_count + sum(1 for item in self.items if item[0] is _LINK)

    def put(self) -> None:
        """Write the cells gathered (then none are left)."""
        self.ws.put_row(self.row, self)
        self.items = []


class _Collect:
    """A file-like object that keeps what is written in a list."""

    def __init__(self, parts: list):
        self.write = parts.append


_ERROR_CODES = frozenset(("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"))
# A text xlsxwriter writes otherwise than as is: what it escapes in an inline string (XML's
# specials, control characters, _xHHHH_, non-characters), and a leading or trailing space
# (xml:space="preserve"; its own test: utility.RE_LEADING_WHITESPACE, RE_TRAILING_WHITESPACE).
_CARE = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_|^\s|\s$")
# The characters any such text holds (its leading or trailing space aside), found five times
# faster than with _CARE itself, which tries its anchors at every position.
_CARE_QUICK = re.compile(r"[&<>\x00-\x08\x0b-\x1f_\ufffe\uffff]")


def _needs_care(text: str) -> bool:
    """Whether _CARE finds something in `text`. (str.strip gives back the very string it was
    given when there is no leading or trailing whitespace, as _CARE's anchors mean it.)"""
    return (_CARE_QUICK.search(text) is not None or text.strip() is not text) and _CARE.search(text) is not None


_DIGITS = b"0123456789"
_dynamic_shapes: dict[bytes, bool] = {}


def _dynamic(formula: str) -> bool:
    """Whether xlsxwriter would write `formula` as a dynamic array (its re_dynamic_function),
    decided once per shape: the formula without its digits, which the tool's formulas share row
    after row. No function name in that list holds a digit, and removing digits (word
    characters) can only add a word boundary before a name, never take one away: a shape
    matches whenever its formula does (a false alarm only takes xlsxwriter's own path)."""
    shape = formula.encode("utf-8", "surrogatepass").translate(None, _DIGITS)
    found = _dynamic_shapes.get(shape)
    if found is None:
        if len(_dynamic_shapes) >= 4096:
            _dynamic_shapes.clear()
        found = _dynamic_shapes[shape] = _DYNAMIC.search(shape.decode("utf-8", "surrogatepass")) is not None
    return found


def _escape(text: str) -> str:
    """xlsxwriter's escaping of a cell's data (formula, cached string): &, < and >."""
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


class _LeveledZip(zipfile.ZipFile):
    """A zip file whose every member is deflated at its `compresslevel`, also those xlsxwriter
    adds with a ZipInfo of its own (in memory), which would otherwise take zlib's default."""

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        level = self.compresslevel if compresslevel is None else compresslevel
        return super().writestr(zinfo_or_arcname, data, compress_type, level)


class _Workbook(xlsxwriter.Workbook):
    worksheet_class = _Worksheet
    zip_level: int | None = None       # None: xlsxwriter's own (zlib's default, level 6)

    def _store_workbook(self) -> None:
        """xlsxwriter's packaging, its zip members deflated at `zip_level`."""
        if self.zip_level is None:
            return super()._store_workbook()
        import xlsxwriter.workbook as xw

        # xlsxwriter opens its zip file with no compression level; the name is looked up when it
        # does, so it is replaced for this call only (one thread writes a workbook at a time).
        zip_file = xw.ZipFile
        xw.ZipFile = functools.partial(_LeveledZip, compresslevel=self.zip_level)
        try:
            return super()._store_workbook()
        finally:
            xw.ZipFile = zip_file


def new_workbook(buffer: io.BytesIO, font: tuple[str, float] = ("Calibri", 11.0),
                 zip_level: int | None = None) -> xlsxwriter.Workbook:
    """A workbook for the tool's sheets. Text is never turned into formulas, numbers or links.

    It uses the user's Normal font, so its default font matches the user's
    (a whole size is passed as an int: xlsxwriter writes 11.0 as "11.0"). `zip_level`: how
    hard its parts are deflated; the engine's workbook is only read back by the splice, which
    compresses the parts it keeps again, so it takes zlib's fastest level (1).
    """
    size = int(font[1]) if float(font[1]).is_integer() else font[1]
    wb = _Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "default_format_properties": {"font_name": font[0], "font_size": size},
        },
    )
    # A fixed date: the temporary workbook's bytes then depend only on its content.
    wb.set_properties({"created": _FIXED_DATE})
    wb.zip_level = zip_level
    return wb


_FIXED_DATE = dt.datetime(2024, 1, 1)


class Formats:
    """The handful of cell formats the computed sheets use, made once per workbook."""

    def __init__(self, wb: xlsxwriter.Workbook):
        self.title = wb.add_format({"bold": True, "font_size": 13})
        self.note = wb.add_format({"italic": True, "font_color": "#595959"})
        self.header = wb.add_format({
            "bold": True, "text_wrap": True, "valign": "vcenter", "align": "center",
            "bg_color": "#D9E1F2", "border": 1,
        })
        self.text = wb.add_format({"text_wrap": True, "valign": "top", "border": 1})
        self.center = wb.add_format({"align": "center", "valign": "top", "border": 1})
        self.center_wrap = wb.add_format({"align": "center", "valign": "top", "border": 1, "text_wrap": True})
        self.number = wb.add_format({"num_format": "#,##0.00", "valign": "top", "border": 1})
        self.integer = wb.add_format({"num_format": "#,##0", "valign": "top", "border": 1})
        self.percent = wb.add_format({"num_format": "0.00", "valign": "top", "border": 1})
        self.link = wb.add_format({"font_color": "#0563C1", "underline": 1, "valign": "top", "border": 1})
        self.label = wb.add_format({"bold": True})
        self.bold_number = wb.add_format({"bold": True, "num_format": "0.00", "border": 1})
        self.bold_text = wb.add_format({"bold": True, "border": 1, "text_wrap": True})


def num_literal(value: float) -> str:
    """A float as a formula literal that reads back as the same double."""
    if not math.isfinite(value):
        raise ValueError(value)
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value)).upper()


def percent_of(src: str, percent: bool) -> str:
    """A reference to an input cell as the number the user sees: x 100 when the cell is percent-formatted."""
    return f"{src}*100" if percent else src


def number_or_fallback(src: str, fallback: float | None, percent: bool = False) -> str:
    """=IF(ISNUMBER(src),src,"") — or the number Python read from text in that cell.

    `percent`: the cell has a percent number format (0,72 shown as 72%): src*100, as pk.number_cell reads it.
    """
    other = '""' if fallback is None else num_literal(fallback)
    return f"=IF(ISNUMBER({src}),{percent_of(src, percent)},{other})"


def stored(value):
    """The value stored with a formula: numbers as they are, nothing as ''."""
    return "" if value is None else value


def internal_link(sheet: str, address: str) -> str:
    return f"internal:{quote_sheet(sheet)}!{address}"


# Excel keeps at most this many hyperlinks per worksheet; xlsxwriter drops the cell (text and
# all) of any link past it, with an English warning on stderr.
MAX_LINKS = 65_530


def write_link(ws, r: int, c: int, target: str, style, text: str, plain=None) -> bool:
    """A hyperlink, or, once the worksheet holds Excel's limit of links, the same text without
    one (in `plain`, default `style`). Returns whether the link was written."""
    if ws.hlink_count >= MAX_LINKS:
        ws.write_string(r, c, text, plain if plain is not None else style)
        return False
    ws.write_url(r, c, target, style, text)
    return True


LINE_HEIGHT = 15.0


@functools.lru_cache(maxsize=4096)      # the same hints and sasaran on thousands of rows
def lines_needed(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column `width` characters wide (an estimate:
    xlsxwriter cannot measure text, and LibreOffice does not re-fit rows on load)."""
    if not text:
        return 1
    per_line = int(max(width * 1.15 - 1, 1))
    lines = 0
    for part in str(text).split("\n"):
        lines += _wrapped_lines(part, per_line)
    return lines


def _wrapped_lines(text: str, per_line: int) -> int:
    """Lines of a greedy word wrap (as spreadsheets wrap: at spaces, long words broken)."""
    lines, used = 1, 0
    for word in text.split():
        size = len(word)
        need = size if used == 0 else used + 1 + size
        if need <= per_line:
            used = need
            continue
        if used:
            lines += 1
        lines += (size - 1) // per_line
        used = size - ((size - 1) // per_line) * per_line
    return lines


def fit_row(ws, row: int, cells: list[tuple[str, float]], fmt=None) -> None:
    """Give a row the height its wrapped texts need (`cells`: text and column width)."""
    lines = max((lines_needed(t, w) for t, w in cells), default=1)
    if lines > 1:
        ws.set_row(row, LINE_HEIGHT * lines, fmt)
