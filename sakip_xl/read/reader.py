"""Reading the user's workbook with python-calamine.

Values only, never the package structure. Every value keeps its Excel address.
Tables are found by their header text, so moved or extra columns, a title above
the header, blank rows and notes below the table are all tolerated.
"""
from __future__ import annotations

import io
import re
import threading
from operator import itemgetter
from typing import Iterable, Sequence
from dataclasses import dataclass, field

import python_calamine

from sakip_xl.xlsx.addresses import cell as cell_address
from sakip_xl.errors import InputFileError, WorkbookLayoutError
from sakip_xl.read.numbers import LIMIT, out_of_range
from sakip_xl.read.schema import TableSheet, normalize_header

HEADER_SCAN_ROWS = 40
_FAR_LOCK = threading.Lock()
PREFETCH_MIN_BYTES = 4 << 20     # sheets with more XML than this are parsed in the background


def _parse(wb, name: str) -> list[list]:
    return wb.get_sheet_by_name(name).to_python(skip_empty_area=False)


@dataclass
class Record:
    row: int                       # 0-based sheet row
    values: dict[str, object]      # column key -> raw calamine value
    filled_from_above: set = field(default_factory=set)


class ExcelError(str):
    """An input cell holding an Excel error value (#DIV/0!, #N/A ...)."""


@dataclass
class Table:
    spec: TableSheet
    sheet: str                     # the sheet name as it is in the workbook
    header_row: int                # 0-based
    columns: dict[str, int]        # column key -> 0-based column index
    records: list[Record]
    errors: dict[str, str] = field(default_factory=dict)   # address -> error text, inside the table
    unevaluated: dict[str, str] = field(default_factory=dict)  # address -> formula saved without its result
    hidden: list[Record] = field(default_factory=list)         # records in rows the user hid
    percent: set[str] = field(default_factory=set)   # addresses, inside the table, with a percent number format
    extreme: dict[str, object] = field(default_factory=dict)   # address -> a number beyond numbers.LIMIT

    def address(self, record: Record, key: str) -> str:
        return cell_address(record.row, self.columns[key])

    def has(self, key: str) -> bool:
        return key in self.columns


class WorkbookData:
    """The values of a workbook, sheet by sheet, loaded lazily."""

    def __init__(self, data: bytes, load: bool = True, overrides: dict | None = None):
        """With load=False the calamine workbook is opened by `load()`: analyze() first starts
        the big sheets' parse (prefetch_large), then loads, so that python-calamine's reading of
        the shared-string table overlaps the parse."""
        self._wb = None
        self._overrides = overrides or {}       # (sheet, row, col) -> value read instead of the cell's
        self.sheet_names: list[str] = []
        self._rows: dict[str, list[list]] = {}
        self._facts: dict[str, SheetFacts] = {}
        self._columns: dict[str, dict] = {}
        self._data = data
        self._percent_styles: frozenset | None = None
        self.far_cells: dict[str, list[str]] = {}      # sheet -> cells cut because they lie far outside
        self.tables_read: list[Table] = []
        if load:
            self.load()

    def load(self) -> None:
        if self._wb is not None:
            return
        readable = self._guarded(skip=set(getattr(self, "_prefetched", {})))
        try:
            self._wb = python_calamine.load_workbook(io.BytesIO(readable))
        except Exception as exc:  # calamine raises several unrelated types
            raise InputFileError(_unreadable_package(self._data, exc)) from exc
        self.sheet_names = list(self._wb.sheet_names)

    def _guarded(self, skip: set[str] = frozenset(), only: str | None = None) -> bytes:
        """The package python-calamine may read: far cells cut from the sheets not in `skip`
        (or from sheet `only`), so that no sheet asks calamine for a huge dense range
        (xlsx/extent.py). The cut cells that held a value are kept in far_cells."""
        from sakip_xl.xlsx.cells import sheet_parts
        from sakip_xl.xlsx.extent import guard
        from sakip_xl.xlsx.opc import Package

        try:
            parts = sheet_parts(Package(self._data))
        except Exception:          # calamine reports a damaged package with its own message
            return self._data
        if only is not None:
            parts = {only: parts.get(only)}
        result = guard(self._data, parts, skip)
        if result.malformed is not None:
            from sakip_xl.xlsx.container import MSG_MALFORMED

            sheet, part, detail = result.malformed
            raise InputFileError(MSG_MALFORMED.format(name=part, sheet=f" (lembar '{sheet}')", detail=detail))
        if result.bad_number is not None:
            sheet, ref, text = result.bad_number
            raise InputFileError(
                f"Lembar '{sheet}' sel {ref} menyimpan angka '{text}' yang tidak sah di file Excel (bukan angka "
                "terhingga); Excel akan menolak atau \"memperbaiki\" file ini. Buka di Excel atau LibreOffice, "
                "ketik ulang nilai sel itu, simpan, lalu jalankan lagi.")
        with _FAR_LOCK:
            for sheet, refs in result.far.items():
                self.far_cells[sheet] = refs
        return result.data

    def far(self) -> dict[str, list[str]]:
        """far_cells, once every background parse is done (a sheet no section reads included)."""
        for future in getattr(self, "_prefetched", {}).values():
            concurrent_wait(future)
        return self.far_cells

    def find_sheet(self, name: str, aliases: tuple[str, ...] = ()) -> str | None:
        """The sheet called `name` or one of its aliases, ignoring case, spacing and punctuation.

        A year after the name is accepted too ("PK 2021", "PK'21", "PK Th. 2021",
        "Perjanjian Kinerja 2021"), unless several sheets differ only by it: then the
        user must say which one to use.
        """
        wanted = {normalize_header(n) for n in (name,) + aliases}
        for actual in self.sheet_names:
            if normalize_header(actual) in wanted:
                return actual
        dated = [actual for actual in self.sheet_names if _without_year(normalize_header(actual)) in wanted]
        if len(dated) > 1:
            raise WorkbookLayoutError(
                f"Ada beberapa lembar {name}: {', '.join(repr(d) for d in dated)}. sakip-xl tidak dapat memilih "
                f"sendiri: ganti nama lembar yang dipakai menjadi '{name}' (klik kanan tab > Ganti Nama), "
                "simpan, lalu jalankan lagi."
            )
        return dated[0] if dated else None

    def rows(self, sheet: str) -> list[list]:
        """The sheet's rows as calamine gives them (a big sheet's: columns.ColumnRows, which reads alike)."""
        if sheet not in self._rows:
            future = getattr(self, "_prefetched", {}).get(sheet)
            try:
                if future is not None:
                    self._rows[sheet] = future.result()
                else:
                    self._rows[sheet] = self._wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            except Exception as exc:
                raise InputFileError(
                    f"Lembar '{sheet}' tidak dapat dibaca ({_reason(exc)}). Simpan ulang file dari Excel lalu coba lagi."
                ) from exc
            self._override(sheet)
        return self._rows[sheet]

    def _override(self, sheet: str) -> None:
        rows = self._rows[sheet]
        for (name, r, c), value in self._overrides.items():
            if name != sheet:
                continue
            if not isinstance(rows, list):        # a big sheet's rows read from its columns (bigsheet.py)
                rows = self._rows[sheet] = list(rows)
                self._columns.pop(sheet, None)    # built again from the rows, with the values read instead
            width = max([len(rows[0]) if rows else 0, c + 1])
            while len(rows) <= r:
                rows.append([""] * width)
            if len(rows[r]) <= c:
                rows[r] = rows[r] + [""] * (c + 1 - len(rows[r]))
            rows[r][c] = value

    def percent_styles(self, pkg=None) -> frozenset:
        """The cell styles (cellXfs indexes) that show a number as a percentage."""
        if self._percent_styles is None:
            from sakip_xl.xlsx.numfmt import percent_styles
            from sakip_xl.xlsx.opc import Package

            self._percent_styles = percent_styles(pkg if pkg is not None else Package(self._data))
        return self._percent_styles

    def prefetch_large(self, min_bytes: int = PREFETCH_MIN_BYTES) -> set[str]:
        """Start parsing the big sheets in a background thread; returns their names.

        python-calamine releases the GIL while it parses, so a 100,000-row survey is
        read while the small sheets are analysed. On a machine with several cores
        a big sheet is cut into pieces parsed at the same time (bigsheet.py); its
        scans (error cells, hidden rows, formulas without results) then read the
        XML inflated for the parse instead of inflating it again.
        """
        import concurrent.futures

        from sakip_xl.xlsx.cells import sheet_parts
        from sakip_xl.xlsx.opc import Package

        pkg = Package(self._data)
        big = {}
        for name, part in sheet_parts(pkg).items():     # from workbook.xml: calamine may not be loaded yet
            member = pkg.members.get(part) if part else None
            if member is not None and member.usize >= min_bytes:
                big[name] = part
        if not big:
            return set()
        self.percent_styles(pkg)
        # numpy, which every piece needs from its first step (bigsheet.py), is imported here, before
        # the pieces start: imported by the first piece instead, it kept the others waiting on the
        # import lock behind the main thread's own imports (0.25 s of a 1.4 s compute, bench/run.py).
        import sakip_xl.read.columns, sakip_xl.xlsx.extent  # noqa: F401
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="sakip-read")
        self._prefetched = {name: pool.submit(self._parse_big, pkg, name, part) for name, part in big.items()}
        pool.shutdown(wait=False)
        return set(big)

    def _parse_big(self, pkg, name: str, part: str) -> list[list]:
        from sakip_xl.read import bigsheet

        if bigsheet.cores() > 1:
            try:
                split = bigsheet.parse(pkg, part, scanner=_FactsScanner(self.percent_styles(pkg)))
            except Exception:    # never let the fast path make a readable sheet unreadable
                split = None
            if split is not None:
                self._facts[name] = split.facts
                self._columns[name] = dict(enumerate(split.columns))
                return split.rows
        # One calamine workbook cannot parse two sheets at once: the thread has its own.
        readable = self._guarded(only=name)
        return _parse(python_calamine.load_workbook(io.BytesIO(readable)), name)

    def column(self, sheet: str, c: int) -> "Column":
        """Column `c` (0-based) of `sheet`, as long as rows(sheet) (columns.py; a big sheet's
        are built while it is parsed)."""
        from sakip_xl.read.columns import Column      # numpy: imported only when a sheet is read by column

        rows = self.rows(sheet)
        cols = self._columns.setdefault(sheet, {})
        if c not in cols:
            try:
                cols[c] = Column.of(list(map(itemgetter(c), rows)))
            except IndexError:
                cols[c] = Column.of([r[c] if c < len(r) else "" for r in rows])
        return cols[c]

    def sheet_facts(self, sheet: str) -> SheetFacts:
        """What python-calamine does not say about a sheet: its error cells, the formulas
        saved without a result and the hidden rows."""
        future = getattr(self, "_prefetched", {}).get(sheet)
        if future is not None:
            concurrent_wait(future)
        facts = self._facts.get(sheet)
        if facts is None:
            from sakip_xl.xlsx.cells import error_cells
            from sakip_xl.read.sheetscan import scan_sheet

            facts = self._facts[sheet] = SheetFacts(error_cells(self._data, sheet),
                                                    scan_sheet(self._data, sheet, self.percent_styles()))
        return facts

    def table(self, spec: TableSheet, required: bool = True) -> Table | None:
        sheet = self.find_sheet(spec.name, spec.aliases)
        if sheet is None:
            if not required:
                return None
            raise WorkbookLayoutError(
                f"Lembar '{spec.name}' tidak ditemukan. Lembar yang ada: {', '.join(self.sheet_names) or '(tidak ada)'}. "
                f"Tambahkan lembar '{spec.name}' (lihat template: sakip-xl template template.xlsx)."
            )
        table = read_table(spec, sheet, self.rows(sheet))
        self._mark_errors(table)
        self.tables_read.append(table)
        return table

    def _mark_errors(self, table: Table) -> None:
        """calamine reads error cells as '': put the error back so it is not taken for a blank.

        Formula cells saved without a result (also read as '') and hidden rows are noted too.
        """
        facts = self.sheet_facts(table.sheet)
        scan, errors = facts.scan, facts.errors
        table.hidden = [rec for rec in table.records if rec.row in scan.hidden_rows]
        if getattr(scan, "percent", None):
            for rec in table.records:
                for key, c in table.columns.items():
                    addr = cell_address(rec.row, c)
                    if addr in scan.percent:
                        table.percent.add(addr)
        if scan.unevaluated:
            for rec in table.records:
                for key, c in table.columns.items():
                    addr = cell_address(rec.row, c)
                    if addr in scan.unevaluated:
                        table.unevaluated[addr] = scan.unevaluated[addr]
        if not errors:
            return
        for rec in table.records:
            for key, c in table.columns.items():
                addr = cell_address(rec.row, c)
                if addr in errors:
                    rec.values[key] = ExcelError(errors[addr])
                    table.errors[addr] = errors[addr]


def _reason(exc: Exception) -> str:
    """What a python-calamine error says, in Bahasa Indonesia where it is known."""
    text = str(exc)
    low = text.lower()
    if "utf-8" in low or "utf8" in low or "decode" in low:
        return "berisi karakter yang bukan UTF-8; teks XML Excel selalu UTF-8"
    if "compression method" in low:
        return "dimampatkan dengan metode kompresi yang tidak dipakai Excel"
    if "cannot detect file format" in low:
        return "salah satu bagian XML-nya rusak"
    return f"rincian teknis: {type(exc).__name__}: {text}"


def _unreadable_package(data: bytes, exc: Exception) -> str:
    """The message for a workbook python-calamine refuses to open: names the part at fault when it can."""
    from sakip_xl.xlsx.container import MSG_NOT_UTF8
    from sakip_xl.xlsx.opc import Package
    from sakip_xl.xlsx.xmlutil import parse

    try:
        pkg = Package(data)
        for name, member in pkg.members.items():
            if not name.lower().endswith((".xml", ".rels")) or name.lower().startswith("xl/worksheets/"):
                continue
            if member.usize > (64 << 20):
                continue
            body = pkg.read(name)
            try:
                body.decode("utf-16" if body[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8")
            except UnicodeDecodeError:
                return MSG_NOT_UTF8.format(name=name)
            try:
                parse(body, name)
            except Exception:
                return (f'File .xlsx ini rusak: bagian "{name}" berisi XML yang tidak utuh. '
                        "Buka file di Excel, simpan ulang sebagai 'Excel Workbook (*.xlsx)', lalu coba lagi.")
    except Exception:
        pass
    return (f"Isi workbook tidak dapat dibaca ({_reason(exc)}). "
            "Buka file di Excel, simpan ulang sebagai 'Excel Workbook (*.xlsx)', lalu coba lagi.")


@dataclass
class SheetFacts:
    errors: dict[str, str]          # 'F5' -> '#DIV/0!'
    scan: object                    # sheetscan.SheetScan: hidden rows, formulas without results


class _FactsScanner:
    """Error cells, hidden rows and formulas without results, from the XML inflated for the parse."""

    def __init__(self, percent_styles: frozenset = frozenset()) -> None:
        from sakip_xl.xlsx.cells import ErrorScanner
        from sakip_xl.read.sheetscan import SheetScanner

        self._errors, self._sheet = ErrorScanner(), SheetScanner(percent_styles)

    def feed(self, chunk: bytes) -> None:
        self._errors.feed(chunk)
        self._sheet.feed(chunk)

    def result(self) -> SheetFacts:
        return SheetFacts(self._errors.found, self._sheet.close())


def concurrent_wait(future) -> None:
    """Wait for a background parse; its failure is raised where its rows are asked for."""
    try:
        future.result()
    except Exception:
        pass


_YEAR_SUFFIX = re.compile(r"^(.*?)\s+(?:(?:th|thn|tahun)\s+)?(?:19|20)?\d{2}$")


def _without_year(norm: str) -> str | None:
    """'pk 2021' -> 'pk'; 'pk th 21' -> 'pk'; None when no year ends the (normalised) name."""
    m = _YEAR_SUFFIX.match(norm)
    return m.group(1) if m and m.group(1) else None


def find_header(spec: TableSheet, rows: list[list]) -> tuple[int, dict[str, int]]:
    """The row that names the most of the spec's columns, and where each column is.

    A header of two rows (a merged group title such as "Kinerja" above "Target" and
    "Realisasi") is read as one: the second row adds the columns the first lacks,
    and the table starts below it.
    """
    names = {col.key: {normalize_header(n) for n in col.all_names()} for col in spec.columns}
    required = [col.key for col in spec.columns if col.required]
    scan = rows[:HEADER_SCAN_ROWS + 1]
    matched = [_match_row(row, names) for row in scan]
    best_row, best_map = -1, {}

    def score(found):
        return (sum(1 for k in required if k in found), len(found))

    for r in range(min(len(scan), HEADER_SCAN_ROWS)):
        found = matched[r]
        row, candidate = r, found
        if any(k not in found for k in required) and r + 1 < len(scan) and found:
            used = set(found.values())
            extra = {k: c for k, c in matched[r + 1].items() if k not in found and c not in used}
            if any(k in extra for k in required):
                row, candidate = r + 1, {**found, **extra}
        if score(candidate) > score(best_map):
            best_row, best_map = row, candidate
    return best_row, best_map


def _match_row(row: list, names: dict[str, set[str]]) -> dict[str, int]:
    found: dict[str, int] = {}
    for c, value in enumerate(row):
        if not isinstance(value, str) or not value.strip():
            continue
        norm = normalize_header(value)
        for key, options in names.items():
            if key not in found and norm in options:
                found[key] = c
                break
    return found


def read_table(spec: TableSheet, sheet: str, rows: list[list]) -> Table:
    header_row, columns = find_header(spec, rows)
    missing = [col for col in spec.columns if col.required and col.key not in columns]
    if header_row < 0 or missing:
        where = f"baris {header_row + 1}" if header_row >= 0 else f"{HEADER_SCAN_ROWS} baris pertama"
        names = ", ".join(f"'{col.header}'" for col in missing)
        raise WorkbookLayoutError(
            f"Lembar '{sheet}': kolom {names} tidak ditemukan pada judul tabel ({where}). "
            f"Tambahkan kolom dengan judul tersebut di baris judul tabel."
        )
    numeric_keys = [c.key for c in spec.columns if c.kind == "number" and c.key in columns]
    keys = list(columns)
    # Column by column, only the table's columns: a big sheet's rows are never built whole.
    first = header_row + 1
    cells = [_column_cells(rows, c, first) for c in columns.values()]
    record_at = [keys.index(k) for k in [spec.key_column] + numeric_keys if k in columns]
    records: list[Record] = []
    previous: dict[str, object] = {}
    for r, found in enumerate(zip(*cells), first):
        if not any(not _blank(found[i]) for i in record_at) or _is_numbering(found):
            continue
        values = dict(zip(keys, found))
        rec = Record(row=r, values=values)
        # A group (sasaran, tujuan) typed anew on this row starts a new group: a blank No is not the
        # number of the group above.
        new_group = any(key != "no" and key in values and not _blank(values[key]) and values[key] != previous.get(key)
                        for key in spec.fill_down)
        if new_group and "no" in previous and _blank(values.get("no", "")):
            del previous["no"]
        for key in spec.fill_down:
            if key in values and _blank(values[key]) and not _blank(previous.get(key, "")):
                values[key] = previous[key]
                rec.filled_from_above.add(key)
        for key in spec.fill_down:
            if key in values and not _blank(values[key]):
                previous[key] = values[key]
        records.append(rec)
    table = Table(spec=spec, sheet=sheet, header_row=header_row, columns=columns, records=records)
    for rec in records:
        for key in numeric_keys:
            v = rec.values[key]
            if (v.__class__ is float and -LIMIT <= v <= LIMIT) or v == "":
                continue            # the usual cells, without a call
            if out_of_range(v):
                table.extreme[cell_address(rec.row, columns[key])] = v
    return table


def cell_text(value: object) -> str:
    """A cell's value as text: 7.0 -> '7', None -> '', surrounding spaces dropped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _column_cells(rows, c: int, first: int) -> Sequence:
    """Column `c`'s cells from row `first` down ('' where a row is shorter)."""
    below = rows[first:]
    if hasattr(below, "column"):          # a big sheet's rows, read from its columns (columns.ColumnRows)
        return below.column(c)
    return [row[c] if c < len(row) else "" for row in below]


_NUMBERING = re.compile(r"^\(?\d{1,2}\)?$")


def _is_numbering(values: Iterable) -> bool:
    """The '(1) (2) (3) ...' row many reports put under the header: at least three cells filled,
    each with such a number as text."""
    filled = 0
    for v in values:
        if v is None:
            continue
        if not isinstance(v, str):
            return False
        v = v.strip()
        if not v:
            continue
        if not _NUMBERING.match(v):
            return False
        filled += 1
    return filled >= 3
