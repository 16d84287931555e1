"""A big sheet parsed in pieces (sakip_xl/read/bigsheet.py) reads exactly as python-calamine reads it whole.

The comparison is always against python-calamine's own `to_python(skip_empty_area=False)` of
the untouched workbook: rows, columns, values and types must be equal, for generated sheets
(hypothesis), hand-edited XML, and every sheet of the Excel-saved corpus that can be cut.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zipfile
from pathlib import Path

import pytest
import python_calamine
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from support.hostile_files import rezip
from sakip_xl.read import bigsheet
from sakip_xl.read import reader
from sakip_xl.xlsx import bytescan
from sakip_xl.xlsx.cells import error_cells, sheet_part
from sakip_xl.xlsx.opc import Package
from sakip_xl.read.sheetscan import scan_sheet

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "excel-corpus"


def whole(data: bytes, sheet: str) -> list[list]:
    return python_calamine.load_workbook(io.BytesIO(data)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def split(data: bytes, sheet: str, pieces: int, scanner=None):
    pkg = Package(data)
    return bigsheet.parse(pkg, sheet_part(pkg, sheet), scanner=scanner, pieces=pieces)


def columns_of(got) -> list[tuple]:
    """The split's columns as tuples of cells, after checking each column's codes against its cells."""
    out = []
    for col in got.columns:
        values = tuple(col.values)
        if col.codes is not None:
            assert [col.distinct[k] for k in col.codes.tolist()] == list(values)
        out.append(values)
    return out


def assert_same(got, data: bytes, sheet: str) -> None:
    rows = whole(data, sheet)
    assert got.rows == rows
    assert [list(map(type, r)) for r in got.rows] == [list(map(type, r)) for r in rows]
    columns = columns_of(got)
    assert columns == list(zip(*rows))
    assert [list(map(type, c)) for c in columns] == [list(map(type, c)) for c in zip(*rows)]


def survey(rows: int = 400, *, constant_memory: bool = False, date_1904: bool = False, start_col: int = 0) -> bytes:
    """Numbers, text, booleans, dates, blanks, formulas with results, gaps and ragged rows."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"constant_memory": constant_memory, "date_1904": date_1904,
                                   "strings_to_numbers": False})
    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws = wb.add_worksheet("SKM")
    ws.write_string(0, start_col, "Judul")
    for i in range(rows):
        r = 3 + i + (i // 50) * 2              # two empty rows every 50
        c = start_col + (i % 3 == 0)           # some rows start one column later
        ws.write_number(r, c, i + 1)
        ws.write_datetime(r, c + 1, dt.datetime(2021, 1, 1) + dt.timedelta(days=i % 365), date)
        ws.write_string(r, c + 2, ("KTP", "KK", "Akta", "Surat <Pindah> & lain")[i % 4])
        ws.write_boolean(r, c + 3, i % 5 == 0) if i % 7 else None
        ws.write_number(r, c + 4, (i % 4) + 1.0)
        ws.write_formula(r, c + 5, f"=E{r + 1}*2", None, ((i % 4) + 1) * 2)
        if i % 97 == 0:
            ws.write_string(r, c + 12, "catatan lebar")   # widens the sheet in one row only
    wb.close()
    return buf.getvalue()


@pytest.mark.parametrize("pieces", [2, 3, 4, 7])
@pytest.mark.parametrize("constant_memory", [False, True], ids=["shared-strings", "inline-strings"])
def test_pieces_read_as_the_whole_sheet(pieces, constant_memory):
    data = survey(constant_memory=constant_memory)
    got = split(data, "SKM", pieces)
    assert got is not None
    assert_same(got, data, "SKM")


@pytest.mark.parametrize("variant", ["1904", "from-column-C"])
def test_dates_1904_and_an_offset_table(variant):
    data = survey(date_1904=variant == "1904", start_col=2 if variant == "from-column-C" else 0)
    got = split(data, "SKM", 3)
    assert got is not None
    assert_same(got, data, "SKM")


cells = st.dictionaries(
    st.tuples(st.integers(0, 300), st.integers(0, 20)),
    st.one_of(st.floats(allow_nan=False, allow_infinity=False, width=32), st.integers(-10**6, 10**6),
              st.text(alphabet="abc <&>\"'Ü1", max_size=6), st.booleans()),
    min_size=1, max_size=400)


@settings(max_examples=60)
@given(cells, st.integers(2, 6), st.booleans())
def test_any_sparse_sheet_reads_the_same(grid, pieces, constant_memory):
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"constant_memory": constant_memory, "strings_to_numbers": False,
                                   "strings_to_formulas": False, "strings_to_urls": False})
    ws = wb.add_worksheet("S")
    for (r, c), v in sorted(grid.items()):
        if isinstance(v, str):
            ws.write_string(r, c, v)
        else:
            ws.write(r, c, v)
    wb.close()
    data = buf.getvalue()
    got = split(data, "S", pieces)
    if got is not None:        # a sheet too small to cut is parsed whole by the caller
        assert_same(got, data, "S")


def _edit_sheet(data: bytes, sheet: str, edit) -> bytes:
    pkg = Package(data)
    return rezip(data, {sheet_part(pkg, sheet): edit})


@pytest.mark.parametrize("edit", [
    lambda x: x.replace(b'<row r="200"', b'<!-- catatan --><row r="200"', 1),
    lambda x: re.sub(rb'(<row r="200"[^>]*>)', rb'\1<c r="Z200" t="inlineStr"><is><t><![CDATA[<row r="9">]]></t></is></c>',
                     x, count=1),
    lambda x: re.sub(rb'(<row) r="\d+"', rb"\1", x),
], ids=["comment", "cdata", "rows-without-r"])
def test_markup_that_could_mislead_a_cut_is_parsed_whole(edit):
    data = _edit_sheet(survey(), "SKM", edit)
    assert split(data, "SKM", 3) is None


def test_rows_out_of_order_across_the_cut_are_parsed_whole():
    """A row written last but numbered 2: calamine puts it at row 2; pieces cannot."""
    data = _edit_sheet(survey(), "SKM", lambda x: x.replace(
        b"</sheetData>", b'<row r="2"><c r="A2"><v>99</v></c></row></sheetData>'))
    got = split(data, "SKM", 3)
    assert got is None or got.rows == whole(data, "SKM")
    assert got is None


def test_a_prefixed_namespace_reads_the_same():
    def prefixed(x: bytes) -> bytes:
        x = re.sub(rb"<(/?)(?!\?)([A-Za-z]+)([\s>/])", rb"<\1x:\2\3", x)
        return x.replace(b'x:worksheet xmlns="', b'x:worksheet xmlns:x="')
    data = _edit_sheet(survey(), "SKM", prefixed)
    assert b"<x:sheetData>" in zipfile.ZipFile(io.BytesIO(data)).read(sheet_part(Package(data), "SKM"))
    got = split(data, "SKM", 3)
    assert got is not None
    assert_same(got, data, "SKM")


def test_a_crc_mismatch_is_left_to_calamine():
    data = survey()
    pkg = Package(data)
    member = pkg.members[sheet_part(pkg, "SKM")]
    buf = bytearray(data)
    struct.pack_into("<I", buf, member.header_offset + 14, member.crc ^ 1)   # local header
    central = [m.start() for m in re.finditer(rb"PK\x01\x02", bytes(buf))
               if struct.unpack_from("<I", buf, m.start() + 42)[0] == member.header_offset]
    assert len(central) == 1
    struct.pack_into("<I", buf, central[0] + 16, member.crc ^ 1)
    assert Package(bytes(buf)).members[member.name].crc == member.crc ^ 1
    assert split(bytes(buf), "SKM", 3) is None


class _Facts:
    def __init__(self):
        self.scanner = reader._FactsScanner()

    def feed(self, chunk):
        self.scanner.feed(chunk)

    def result(self):
        return self.scanner.result()


def test_the_scans_over_the_inflated_pieces_equal_the_streaming_scans():
    def mark(x: bytes) -> bytes:
        x = x.replace(b'<row r="30"', b'<row r="30" hidden="1"', 1)
        x = re.sub(rb'<c r="E250"([^>]*)><v>[^<]*</v></c>', rb'<c r="E250"\1 t="e"><f>1/0</f><v>#DIV/0!</v></c>', x)
        x = re.sub(rb'<c r="E380"([^>]*)><v>[^<]*</v></c>', rb'<c r="E380"\1><f>SUM(A1:A3)</f></c>', x)
        return x
    data = _edit_sheet(survey(), "SKM", mark)
    got = split(data, "SKM", 4, scanner=_Facts())
    assert got is not None
    facts = got.facts
    assert facts.errors == error_cells(data, "SKM") == {"E250": "#DIV/0!"}
    plain = scan_sheet(data, "SKM")
    assert facts.scan.hidden_rows == plain.hidden_rows == {29}
    assert facts.scan.unevaluated == plain.unevaluated == {"E380": "SUM(A1:A3)"}


def test_the_reader_uses_the_pieces_and_falls_back(monkeypatch):
    data = survey(2000)
    calls = []
    original = bigsheet.parse

    def spy(*args, **kwargs):
        calls.append(original(*args, **kwargs))
        return calls[-1]

    monkeypatch.setattr(bigsheet, "parse", spy)
    for cores, expect_split in ((4, True), (1, False)):
        monkeypatch.setattr(bigsheet, "cores", lambda cores=cores: cores)
        calls.clear()
        book = reader.WorkbookData(data)
        assert book.prefetch_large(min_bytes=1) == {"SKM"}
        assert book.rows("SKM") == whole(data, "SKM")
        expected = list(zip(*whole(data, "SKM")))
        assert [tuple(book.column("SKM", c).values) for c in range(len(expected))] == expected
        assert (bool(calls) and calls[0] is not None) == expect_split
        facts = book.sheet_facts("SKM")
        assert facts.errors == {} and facts.scan.hidden_rows == set()


def test_numpy_is_imported_before_the_pieces_start(tmp_path):
    """The pieces need numpy from their first step; imported by the first of them, the others
    waited on the import lock behind the main thread's imports. In a fresh interpreter: numpy
    is loaded by the time the big sheet's parse is handed to its thread."""
    import subprocess
    import sys

    src = tmp_path / "survey.xlsx"
    src.write_bytes(survey(2000))
    code = (
        "import sys, concurrent.futures as cf\n"
        "from sakip_xl.read import reader, bigsheet\n"
        "bigsheet.cores = lambda: 2\n"
        "seen = []\n"
        "submit = cf.ThreadPoolExecutor.submit\n"
        "def spy(self, *a, **k):\n"
        "    seen.append('numpy' in sys.modules)\n"
        "    return submit(self, *a, **k)\n"
        "cf.ThreadPoolExecutor.submit = spy\n"
        "assert 'numpy' not in sys.modules\n"
        "book = reader.WorkbookData(open(sys.argv[1], 'rb').read(), load=False)\n"
        "assert book.prefetch_large(min_bytes=1) == {'SKM'}\n"
        "book.load(); book.rows('SKM')\n"
        "print(seen)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(src)], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[True]"


REAL = CORPUS.parent / "real-workbooks"


def corpus_files() -> list[Path]:
    """The Excel corpus, and the real workbooks from public repositories (SKM exports, a Renja)."""
    return sorted(p for folder in (CORPUS, REAL) if folder.is_dir()
                  for p in folder.iterdir() if p.suffix.lower() in (".xlsx", ".xlsm"))


def test_every_excel_saved_sheet_that_can_be_cut_reads_the_same(record_property, monkeypatch_plain):
    files = corpus_files()
    if not files:
        pytest.skip(f"corpus not found at {CORPUS}")
    plain = monkeypatch_plain
    cut = whole_only = 0
    for path in files:
        data = path.read_bytes()
        try:
            names = python_calamine.load_workbook(io.BytesIO(data)).sheet_names
        except Exception:
            continue
        pkg = Package(data)
        for name in names:
            part = sheet_part(pkg, name)
            if part is None or part not in pkg.members:
                continue
            try:
                expected = whole(data, name)
            except Exception:
                continue
            got = bigsheet.parse(pkg, part, pieces=2)
            if got is None:
                whole_only += 1
                continue
            cut += 1
            assert got.rows == expected, (path.name, name)
            columns = columns_of(got)
            assert columns == list(zip(*expected)), (path.name, name)
            assert [list(map(type, c)) for c in columns] == [list(map(type, c)) for c in zip(*expected)], \
                (path.name, name)
    record_property("summary", f"bigsheet corpus: {cut} sheets read in pieces = whole, {whole_only} not cut, "
                               f"{sum(plain)} of {len(plain)} pieces read without calamine (plainpiece.py)")
    assert cut >= 100 and sum(plain) >= 100


def test_bytescan_finds_markup_by_a_rare_byte_and_by_plain_search_when_it_is_common():
    assert bytescan.may_hold_formula(b'<c r="A1"><f>1+1</f><v>2</v></c>')
    assert bytescan.may_hold_formula(b'<x:c r="A1"><x:f>1+1</x:f></x:c>')
    assert not bytescan.may_hold_formula(b'<c r="A1" t="inlineStr"><is><t>fasilitas f</t></is></c>')
    assert bytescan.has_declaration(b"<row><!-- x --></row>")
    assert not bytescan.has_declaration(b"<v>#DIV/0!</v> Bagus!")
    many = b"<t>f</t>" * (bytescan._FREQUENT + 10)
    assert not bytescan.may_hold_formula(many)
    assert bytescan.may_hold_formula(many + b"<f>A1</f>")
    bangs = b"!" * (bytescan._FREQUENT + 10)
    assert bytescan.has_declaration(bangs + b"<![CDATA[x]]>") and not bytescan.has_declaration(bangs)


def test_without_memfd_the_pieces_go_through_memory(monkeypatch):
    """Windows and macOS have no memfd_create: the packages are handed to calamine as bytes."""
    monkeypatch.delattr(bigsheet.os, "memfd_create", raising=False)
    loaded = []
    original = python_calamine.load_workbook

    def spy(source, *args, **kwargs):
        loaded.append(type(source).__name__)
        return original(source, *args, **kwargs)

    monkeypatch.setattr(bigsheet.python_calamine, "load_workbook", spy)
    data = survey()
    got = split(data, "SKM", 3)
    assert got is not None and loaded == ["BytesIO"] * 3
    assert_same(got, data, "SKM")


def test_a_sheet_stored_without_compression_reads_the_same():
    data = survey()
    part = sheet_part(Package(data), "SKM")
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(buf, "w") as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            zout.writestr(info.filename, body,
                          compress_type=zipfile.ZIP_STORED if info.filename == part else zipfile.ZIP_DEFLATED)
    stored = buf.getvalue()
    assert Package(stored).members[part].method == 0
    got = split(stored, "SKM", 3)
    assert got is not None
    assert_same(got, stored, "SKM")


def test_a_failing_scan_or_cut_falls_back_to_the_streaming_scan_and_the_whole_parse(monkeypatch):
    class Broken:
        def feed(self, chunk):
            raise RuntimeError("scan bug")

        def result(self):
            raise AssertionError("not reached")

    data = survey(2000)
    got = split(data, "SKM", 3, scanner=Broken())
    assert got is not None and got.facts is None
    assert_same(got, data, "SKM")

    monkeypatch.setattr(bigsheet, "cores", lambda: 4)
    monkeypatch.setattr(reader, "_FactsScanner", Broken)
    book = reader.WorkbookData(data)
    book.prefetch_large(min_bytes=1)
    assert book.rows("SKM") == whole(data, "SKM")
    assert book.sheet_facts("SKM").scan.hidden_rows == set()     # scanned again, streaming

    def crash(*args, **kwargs):
        raise RuntimeError("cut bug")

    monkeypatch.setattr(bigsheet, "parse", crash)
    book = reader.WorkbookData(data)
    book.prefetch_large(min_bytes=1)
    assert book.rows("SKM") == whole(data, "SKM")


def test_a_refused_memfd_goes_through_memory(monkeypatch):
    def refuse(*args):
        raise PermissionError("seccomp")

    monkeypatch.setattr(bigsheet.os, "memfd_create", refuse, raising=False)
    data = survey()
    got = split(data, "SKM", 3)
    assert got is not None
    assert_same(got, data, "SKM")


def test_a_comment_opening_across_two_inflated_pieces_is_seen():
    """'<' ends the first inflated half and '!--' starts the second: still a comment, not cut."""
    data = survey()
    part = sheet_part(Package(data), "SKM")
    xml = Package(data).read(part)
    comment = b'<!-- <row r="7"> -->'
    at = xml.rfind(b"<row ", 0, len(xml) // 3)
    opening = xml.find(b"<sheetData>") + len(b"<sheetData>")
    for pad in range(len(xml)):
        total = len(xml) + len(comment) + pad
        if at + pad == total // 2 - 1:
            break
    body = xml[:opening] + b" " * pad + xml[opening:at] + comment + xml[at:]
    assert body[len(body) // 2 - 1: len(body) // 2 + 3] == b"<!--"
    edited = _edit_sheet(data, "SKM", lambda x: body)
    assert Package(edited).read(part) == body
    assert split(edited, "SKM", 2) is None


def test_a_big_part_is_cut_into_bounded_pieces_and_reads_the_same(monkeypatch):
    """A part many times PIECE_BYTES is cut into that many pieces, and no more than one piece more than
    the cores is inflated and not yet parsed at any time (memory bounded whatever the sheet's size)."""
    data = survey(rows=3000)
    monkeypatch.setattr(bigsheet, "PIECE_BYTES", 16_000)
    monkeypatch.setattr(bigsheet, "cores", lambda: 2)
    state = {"made": 0, "open": 0, "peak": 0}

    class Counted(bigsheet._Piece):
        def __init__(self, *a, **k):
            super().__init__(*a, **k)
            state["made"] += 1
            state["open"] += 1
            state["peak"] = max(state["peak"], state["open"])

        def _release(self):
            if self._done is not None:
                state["open"] -= 1
            super()._release()

    monkeypatch.setattr(bigsheet, "_Piece", Counted)
    pkg = Package(data)
    part = sheet_part(pkg, "SKM")
    assert pkg.members[part].usize > 8 * 16_000
    got = bigsheet.parse(pkg, part)
    assert got is not None
    assert state["made"] > 8 and state["open"] == 0
    assert state["peak"] <= 3
    assert_same(got, data, "SKM")


def test_coded_columns_keep_codes_not_cells():
    """The pieces keep a coded column's codes only: one cell is read from them without building the
    column, and the whole column built from them equals calamine's."""
    data = survey(rows=2000)
    got = split(data, "SKM", 3)
    answers = [c for c in got.columns if c.codes is not None and c.kinds == frozenset({float, str})]
    assert answers
    col = answers[0]
    assert col._values is None
    rows = whole(data, "SKM")
    j = got.columns.index(col)
    assert [col[i] for i in range(len(rows))] == [r[j] for r in rows]
    assert col._values is None                     # read cell by cell from the codes
    assert list(col.values) == [r[j] for r in rows]


def test_column_rows_read_as_a_list_of_rows():
    from sakip_xl.read.columns import Column, ColumnRows
    rows = [[i, f"t{i % 3}", float(i % 4)] for i in range(20)]
    got = ColumnRows([Column.of([r[c] for r in rows]) for c in range(3)], len(rows))
    assert len(got) == 20 and got and not ColumnRows([], 0)
    assert got == rows and list(got) == rows
    assert got[0] == rows[0] and got[-1] == rows[-1] and got[7] == rows[7]
    assert got[3:9] == rows[3:9] and len(got[3:9]) == 6 and got[3:9][-1] == rows[8]
    assert got[3:9][1:3] == rows[4:6] and got[15:99] == rows[15:]
    assert got[::4] == rows[::4] and got[-3:] == rows[-3:]
    assert got != rows[:-1]
    with pytest.raises(IndexError):
        got[20]
    with pytest.raises(IndexError):
        got[3:9][6]
    assert "20 rows" in repr(got)


def test_a_sheet_past_row_100000_is_read_in_pieces():
    """A piece whose references have six digits (more than 50,000 of them, so `extent` only bounds
    them by 999,999) was refused as "too large" and the whole sheet was parsed on one core: the
    piece's exact span (xlsx/extent.py: span) lets it through."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"constant_memory": True})
    ws = wb.add_worksheet("SKM")
    ws.write_string(0, 0, "No")
    for r in range(1, 130_001):
        ws.write_number(r, 0, r)
        ws.write_number(r, 1, r % 4 + 1)
    wb.close()
    data = buf.getvalue()
    pkg = Package(data)
    got = bigsheet.parse(pkg, sheet_part(pkg, "SKM"), pieces=3)
    assert got is not None
    assert_same(got, data, "SKM")


refs = st.lists(st.tuples(st.integers(0, 1_048_575), st.integers(0, 16_383)), min_size=1, max_size=40)


@settings(max_examples=200, deadline=None)
@given(refs, st.booleans())
def test_span_is_the_exact_range_of_the_references(cells, with_rows):
    from sakip_xl.xlsx.extent import _number, cells as read_cells, span
    from xlsxwriter.utility import xl_rowcol_to_cell
    body = b"".join((f'<row r="{r + 1}">' if with_rows else "").encode()
                    + f'<c r="{xl_rowcol_to_cell(r, c)}" s="1"><v>1</v></c>'.encode()
                    + (b"</row>" if with_rows else b"") for r, c in cells)
    from sakip_xl.xlsx import extent as E
    got = span(body)
    rows, cols = read_cells(body)
    assert (got.first_row, got.last_row, got.first_col, got.last_col, got.count) == \
        (min(rows), max(rows), min(cols), max(cols), len(cells))
    batch, E._SPAN_BATCH = E._SPAN_BATCH, 3           # read in batches of three references
    try:
        assert span(body) == got
    finally:
        E._SPAN_BATCH = batch
    assert got.too_large() == ((max(rows) - min(rows) + 1) * (max(cols) - min(cols) + 1)
                               > max(4_000_000, 32 * len(cells)))


@pytest.mark.parametrize("ref", [b"XFDA9", b"A1234567890", b"AB", b"12A", b"A1 ", b"a1"])
def test_a_reference_not_plainly_written_gives_no_span(ref):
    from sakip_xl.xlsx.extent import span
    assert span(b'<c r="A1"/><c r="' + ref + b'"><v>1</v></c>') is None
    assert span(b'<c r = "A1"/>') is None


@pytest.mark.parametrize("spaced", [b'<c r ="B2"/>', b'<c r= "B2"/>', b'<c r\t="B2"/>', b'<c\nr\n=\n"B2"/>'])
def test_a_reference_written_with_spaces_gives_no_span(spaced):
    from sakip_xl.xlsx.extent import span
    assert span([b'<c r="A1"><f>A1 = 2</f><v>0</v></c>', spaced]) is None


def test_white_space_beside_an_equals_sign_elsewhere_still_gives_a_span():
    from sakip_xl.xlsx.extent import span
    got = span([b'<row r="3"><c r="A3" t="str"><f>IF(B3 = 1,"a","b")</f><v>b</v></c>',
                b'<c r="C3" t="inlineStr"><is><t>x = 9</t></is></c></row>'])
    assert (got.first_row, got.last_row, got.first_col, got.last_col, got.count) == (2, 2, 0, 2, 2)
