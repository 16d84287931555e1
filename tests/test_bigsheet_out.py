"""Big computed sheets written row by row (sheets/bigsheet_out.py) and spliced as a stream
(package/sheetstream.py): the same cells, formulas and stored values as the normal path.

The thresholds are lowered so that the example workbook (every section, every kind of
indicator) takes the big-sheet path; bench/bigpk.py measures the real sizes.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib

import pytest
from hypothesis import given, settings, strategies as st
import python_calamine

from support.builders import example
from support.lo_oracle import compare_with_engine, formula_cells
from sakip_xl import engine
from sakip_xl.xlsx import sheetstream
from sakip_xl.xlsx.sheetxml import rewrite_sheet_bytes
from sakip_xl.xlsx.zipio import ZipArchive, ZipFormatError
from sakip_xl.write import bigsheet_out
from sakip_xl.write.common import Formats, new_workbook
from sakip_xl.xlsx.styles import StyleMap

# the sheets written row by row (engine._ROWS_IN_ORDER, and Pemeriksaan)
TOOL_SHEETS = ("Capaian", "Hasil Anggaran", "Perbandingan", "Analisis Capaian", "Hasil Rencana Aksi", "Pemeriksaan")


def _lower_thresholds(monkeypatch, chunk: int = 700) -> None:
    monkeypatch.setattr(sheetstream, "STREAM_BYTES", 0)
    monkeypatch.setattr(sheetstream, "CHUNK", chunk)


def _values(path) -> dict:
    wb = python_calamine.load_workbook(str(path))
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


def _sheet_xml(path, sheet: str) -> bytes:
    """The XML of `sheet` in a finished workbook (found through workbook.xml and its rels)."""
    import re

    with zipfile.ZipFile(path) as z:
        book = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        rid = re.search(rf'<sheet [^>]*name="{re.escape(sheet)}"[^>]*r:id="(rId\d+)"', book).group(1)
        target = re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels) or \
            re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
        part = target.group(1).lstrip("/")
        return z.read(part if part.startswith("xl/") else "xl/" + part)


@pytest.fixture
def both(tmp_path, monkeypatch):
    """The example workbook computed the normal way and with the splice's stream path taken."""
    src = example(tmp_path)
    normal = tmp_path / "biasa.xlsx"
    engine.compute(src, normal)
    _lower_thresholds(monkeypatch)
    streamed = tmp_path / "baris.xlsx"
    engine.compute(src, streamed)
    return normal, streamed


def test_streamed_sheets_hold_the_same_cells(both):
    normal, streamed = both
    a, b = _values(normal), _values(streamed)
    assert list(a) == list(b)
    for sheet in TOOL_SHEETS:
        assert sheet in a
    for sheet in a:
        assert a[sheet] == b[sheet], sheet
    fa, fb = formula_cells(normal), formula_cells(streamed)
    assert len(fa) > 500
    assert fa == fb
    # the sheets written row by row keep their text in their cells (inline strings)
    for path in (normal, streamed):
        for sheet in TOOL_SHEETS:
            assert b't="inlineStr"' in _sheet_xml(path, sheet), (path.name, sheet)


@pytest.mark.libreoffice
def test_streamed_sheets_recalculate_to_their_stored_values(both, tmp_path):
    _, streamed = both
    assert compare_with_engine(streamed, tmp_path / "lo", sheets=list(TOOL_SHEETS)) == []


def test_the_sheets_written_top_to_bottom_are_written_row_by_row_at_any_size(tmp_path):
    """Even the example's small sheets: written as they are rendered (inline strings in the
    generated package), while the SKM sheets are written whole at the end (shared strings)."""
    gen = _generated(tmp_path)
    names = re.findall(rb'<sheet name="([^"]+)"', gen.read(next(m for m in gen.members if m.name == "xl/workbook.xml")))
    sheets = sorted((m for m in gen.members if m.name.startswith("xl/worksheets/sheet")),
                    key=lambda m: int(re.search(r"(\d+)\.xml$", m.name).group(1)))
    xml = {name.decode(): gen.read(m) for name, m in zip(names, sheets)}
    for sheet in TOOL_SHEETS:
        assert b't="inlineStr"' in xml[sheet] and not re.search(rb'<c [^>]*t="s"', xml[sheet]), sheet
    assert any(re.search(rb'<c [^>]*t="s"', data) for name, data in xml.items() if name not in TOOL_SHEETS)


def _generated(tmp_path) -> ZipArchive:
    data = example(tmp_path).read_bytes()
    analysis = engine.analyze(data, render_early=True)
    return ZipArchive(engine.render(analysis))


@pytest.mark.parametrize("chunk", [1, 7, 300, 1 << 20])
def test_stream_rewrite_is_the_whole_rewrite(tmp_path, chunk):
    """Rewritten a few bytes at a time, every generated sheet is byte for byte what the whole
    rewrite makes (styles and shared strings remapped, empty elements closed, declaration)."""
    gen = _generated(tmp_path)
    styles = StyleMap(xf={i: i + 7 for i in range(500)}, dxf={i: i + 2 for i in range(50)})
    strings = {i: b"<t>teks %d</t>" % i for i in range(5000)}
    sheets = [m for m in gen.members if m.name.startswith("xl/worksheets/sheet")]
    assert len(sheets) >= 4
    for member in sheets:
        whole = rewrite_sheet_bytes(gen.read(member), styles, strings)
        stream = sheetstream.rewrite_sheet_stream(sheetstream.inflate_chunks(gen, member, chunk), styles, strings)
        assert stream is not None, member.name
        assert b"".join(stream) == whole, member.name
        packed = sheetstream.rewrite_member(gen, member, styles, strings, chunk)
        assert zlib.decompress(packed.compressed, -15) == whole
        assert packed.crc == zlib.crc32(whole) and packed.size == len(whole)


def test_a_damaged_member_is_refused_while_streaming(tmp_path):
    gen = _generated(tmp_path)
    member = next(m for m in gen.members if m.name.startswith("xl/worksheets/sheet"))
    member.crc ^= 1
    with pytest.raises(ZipFormatError):
        b"".join(sheetstream.inflate_chunks(gen, member, 100))


def _big_sheet():
    """A workbook with one sheet written row by row: (its buffer, workbook, formats, sheet)."""
    buf = io.BytesIO()
    wb = new_workbook(buf)
    fmt = Formats(wb)
    with bigsheet_out.streamed(wb, True):
        ws = wb.add_worksheet("Besar")
    return buf, wb, fmt, ws


def test_a_row_written_above_the_flushed_rows_is_refused():
    """In a sheet written row by row xlsxwriter would drop such a cell silently; the tool stops."""
    _, wb, fmt, ws = _big_sheet()
    ws.write_string(5, 0, "baris 6", fmt.text)
    ws.write_string(6, 0, "baris 7", fmt.text)
    with pytest.raises(RuntimeError):
        ws.write_number(2, 1, 3)
    # the row of the cells before, once a cell xlsxwriter writes itself (a link) has flushed it
    ws.write_string(7, 0, "baris 8", fmt.text)
    ws.write_string(7, 2, "baris 8", fmt.text)
    ws.write_url(9, 0, "internal:'Besar'!A1", fmt.link, "tautan")
    for write in (lambda: ws.write_string(7, 1, "hilang?", fmt.text), lambda: ws.write_number(7, 1, 1, fmt.number),
                  lambda: ws.write_formula(7, 1, "=1+1", fmt.number, 2), lambda: ws.write_blank(7, 1, None, fmt.text)):
        with pytest.raises(RuntimeError):
            write()
    bigsheet_out.close(wb)


CELLS = [
    ("number", 3), ("number", -0.1), ("number", 1e-300), ("number", 12345678901234567),
    ("string", "Indikator kinerja"), ("string", "a & b < c > d"), ("string", " spasi di depan"),
    ("string", "spasi di belakang "), ("string", "baris\nbaru"), ("string", "kontrol \x07"),
    ("string", "_x0041_ harfiah"), ("string", "<r>bukan rich</r>"), ("string", "\ufffe"), ("string", ""),
    ("string", 'kutip "ganda"'), ("string", "ümlaut – é"),
    ("formula", ('=IF(A1>0,"Ya","Tidak")', "Ya")), ("formula", ("=A1&B1", "")), ("formula", ("=1/0", "#DIV/0!")),
    ("formula", ("=A1*2", 4.25)), ("formula", ("=A1", 7)), ("formula", ("=A1>0", True)),
    ("formula", ('=IF(A1<>"","<&>","")', "<&>")), ("blank", None),
    ("string", "tab\t"), ("string", "\u3000lebar"), ("string", "x\u2028"), ("formula", ("=FILTER(A1:A2,A1:A2>0)", 1)),
    ("formula", ("=A1+1", None)), ("number", 0.1 + 0.2),
]


def _sheet_bytes(fast: bool, monkeypatch, by_row: bool = False, streamed: bool = True) -> bytes:
    """A sheet of CELLS in every style, written cell by cell or (`by_row`) a row at a time with put_row."""
    from sakip_xl.write import common

    monkeypatch.setattr(common._Worksheet, "_fast_cells", fast)
    buf = io.BytesIO()
    wb = new_workbook(buf)
    fmt = Formats(wb)
    styles = [fmt.text, fmt.number, fmt.center, None]
    with bigsheet_out.streamed(wb, streamed):
        real = wb.add_worksheet("Besar")
    ws = _RowWriter(real) if by_row else real
    ws.set_row(1, 30)                           # a row with a height, one with a format, one empty
    ws.set_row(2, None, fmt.label)
    ws.set_row(4, 45)
    for r in (0, 1, 2, 3, 6, 8, 9):
        if r == 6:                              # a sparse row far to the right
            ws.write_string(r, 40, "AO7", fmt.text)
            ws.write_number(r, 3, 1.5)
            continue
        for c, (kind, value) in enumerate(CELLS):
            style = styles[(r + c) % len(styles)]
            if r >= 8:                          # rows without a cell only xlsxwriter writes
                if kind == "formula" and (value[1] is None or value[1] is True or "FILTER" in value[0]):
                    continue
                if kind == "string" and common._CARE.search(value):
                    continue
                style = style or fmt.number

            if kind == "number":
                ws.write_number(r, c, value, style)
            elif kind == "string":
                ws.write_string(r, c, value, style)
            elif kind == "formula":
                ws.write_formula(r, c, value[0], style, value[1])
            else:
                ws.write_blank(r, c, None, style or fmt.text)
        # links: one between the cells, one replacing a cell, one after them; in row 9 a value
        # written over a link (the link stays, the value shows)
        for c in (7, 12, len(CELLS) + 1):
            ws.write_url(r, c, f"internal:'Besar'!A{c}", fmt.link, f"tautan {c}")
        if r == 9:
            ws.write_string(r, 12, "di atas tautan", fmt.text)
    if by_row:
        ws.flush()
    bigsheet_out.close(wb)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        return z.read("xl/worksheets/sheet1.xml")


class _RowWriter:
    """The write_* calls of one row gathered in a RowCells and put at once when the row changes."""

    def __init__(self, ws):
        self.ws, self.cells = ws, None

    def _at(self, r):
        from sakip_xl.write.common import RowCells

        if self.cells is None or self.cells.row != r:
            self.flush()
            self.cells = RowCells(self.ws, r)
        return self.cells

    def flush(self):
        if self.cells is not None:
            self.cells.put()
        self.cells = None

    def set_row(self, *args):
        self.flush()
        self.ws.set_row(*args)

    def write_number(self, r, c, value, style=None):
        self._at(r).write_number(r, c, value, style)

    def write_string(self, r, c, value, style=None):
        self._at(r).write_string(r, c, value, style)

    def write_formula(self, r, c, formula, style=None, value=0):
        self._at(r).write_formula(r, c, formula, style, value)

    def write_blank(self, r, c, _, style=None):
        self._at(r).write_blank(r, c, None, style)

    def write_url(self, r, c, url, style=None, text=None):
        self._at(r).write_url(r, c, url, style, text)


@pytest.mark.parametrize("streamed", [True, False])
def test_a_row_put_at_once_is_the_row_written_cell_by_cell(monkeypatch, streamed):
    """put_row stores what the write_* calls would (a cell xlsxwriter writes itself included)."""
    from sakip_xl.write import common

    slow = _sheet_bytes(False, monkeypatch, streamed=streamed)
    taken = []
    put_fast = common._Worksheet._put_fast

    def spy(self, row, items):
        taken.append((row, put_fast(self, row, items)))
        return taken[-1][1]

    monkeypatch.setattr(common._Worksheet, "_put_fast", spy)
    assert _sheet_bytes(True, monkeypatch, by_row=True, streamed=streamed) == slow
    # rows holding a cell xlsxwriter writes itself (a dynamic array, a bool or None result, a text
    # it escapes, a cell without a format) take its path, cell by cell; the others one step
    assert taken == [(r, streamed and r == 8) for r in (0, 1, 2, 3, 6, 8, 9)]
    assert slow.count(b"<hyperlink ") == 3 * 6 and (b"di atas tautan" in slow) == streamed   # else: shared
    assert _sheet_bytes(True, monkeypatch, streamed=streamed) == slow


def test_a_row_put_at_once_widens_the_sheet_to_its_first_and_last_column(monkeypatch):
    from sakip_xl.write.common import RowCells

    def sheet(by_row):
        buf, wb, fmt, ws = _big_sheet()
        ws.write_number(0, 4, 1, fmt.number)
        cells = RowCells(ws, 1) if by_row else ws
        for c in (6, 1, 3, 9):
            cells.write_formula(1, c, f"=E1+{c}", fmt.number, 1 + c)
        if by_row:
            cells.put()
        bigsheet_out.close(wb)
        with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
            return z.read("xl/worksheets/sheet1.xml")

    one = sheet(True)
    assert b'<dimension ref="B1:J2"/>' in one and one.count(b"<f>") == 4
    assert one == sheet(False)


def test_a_row_put_at_once_numbers_its_styles_in_the_order_of_its_cells():
    """The styles a row uses first are numbered as xlsxwriter numbers them when it writes the row:
    column by column, its link included."""
    from sakip_xl.write.common import RowCells

    def package(by_row):
        buf, wb, fmt, ws = _big_sheet()
        out = RowCells(ws, 0) if by_row else ws
        out.write_string(0, 0, "teks", fmt.text)
        out.write_url(0, 1, "internal:'Besar'!A1", fmt.link, "tautan")
        out.write_number(0, 2, 1.5, fmt.number)
        if by_row:
            out.put()
        bigsheet_out.close(wb)
        with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
            return z.read("xl/styles.xml"), z.read("xl/worksheets/sheet1.xml")

    assert package(True) == package(False)


def test_a_row_put_at_once_around_a_cell_already_written_keeps_it():
    from sakip_xl.write.common import RowCells

    buf, wb, fmt, ws = _big_sheet()
    ws.write_string(0, 2, "sudah ada", fmt.text)
    cells = RowCells(ws, 0)
    cells.write_number(0, 0, 1, fmt.number)
    cells.write_number(0, 3, 2, fmt.number)
    cells.put()
    ws.write_string(1, 0, "baris 2", fmt.text)
    bigsheet_out.close(wb)
    assert python_calamine.load_workbook(io.BytesIO(buf.getvalue())).get_sheet_by_name("Besar").to_python() == \
        [[1.0, "", "sudah ada", 2.0], ["baris 2", "", "", ""]]


def test_a_row_put_at_once_is_still_refused_above_the_flushed_rows():
    from sakip_xl.write.common import RowCells

    _, wb, fmt, ws = _big_sheet()
    ws.write_string(5, 0, "baris 6", fmt.text)
    ws.write_string(6, 0, "baris 7", fmt.text)
    cells = RowCells(ws, 2)
    cells.write_string(2, 0, "hilang?", fmt.text)
    cells.write_number(2, 3, 1, fmt.number)
    with pytest.raises(RuntimeError):
        cells.put()
    with pytest.raises(ValueError):          # a cell of another row among them
        cells.write_number(3, 1, 1, fmt.number)
    # a cell written later inside the columns of a row put at once would be written twice
    ws.put_row(8, cells)
    ws.write_number(8, 2, 5, fmt.number)
    with pytest.raises(RuntimeError):
        ws.write_string(9, 0, "baris 10", fmt.text)
    bigsheet_out.close(wb)


@pytest.mark.parametrize("formula", [
    "=FILTER(A1:A9,B1:B9>0)", "=A1+FILTER(A1:A9,B1:B9>0)", "=SUM(A1:A9)", "=X1FILTER(A1)", "=A1&\"FILTER(\"",
    "=IF(SORT1(A1),1,2)", "=1+SORT(A1:A3)", "=IF(A1,UNIQUE(B1:B9),0)", "=TEXT(A1,\"0\")&\"\udc80\"",
])
def test_the_dynamic_array_test_by_shape_misses_nothing_xlsxwriter_would_catch(formula):
    from sakip_xl.write import common

    common._dynamic_shapes.clear()
    expected = common._DYNAMIC.search(formula) is not None
    assert common._dynamic(formula) >= expected
    assert common._dynamic(formula) >= expected          # from the cache


def test_fast_cell_writer_writes_what_xlsxwriter_writes(monkeypatch):
    fast, slow = _sheet_bytes(True, monkeypatch), _sheet_bytes(False, monkeypatch)
    assert b"inlineStr" in slow and b"_x0007_" in slow
    assert fast == slow


def test_no_temporary_row_file_is_left_behind(tmp_path, monkeypatch):
    """The rows of a streamed sheet go through temporary files: none is left after compute."""
    import tempfile

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    _lower_thresholds(monkeypatch)
    src = example(tmp_path)
    engine.compute(src, tmp_path / "hasil.xlsx")
    assert list(temp.iterdir()) == []


@pytest.mark.parametrize("chunk", [1, 5, 6, 7, 1000])
def test_counting_in_a_streamed_member_counts_across_chunks(chunk):
    text = b'<c r="A1" t="s"><v>0</v></c><c t="s"/> t="s" t="s"t="s"' * 7
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.xml", text)
    archive = ZipArchive(buf.getvalue())
    member = archive.members[0]
    assert sheetstream.count_in_member(archive, member, b' t="s"', chunk) == text.count(b' t="s"') == 4 * 7


def test_the_temporary_workbook_is_zipped_at_the_fastest_level_and_xlsxwriter_is_left_as_it_was():
    import xlsxwriter.workbook as xw

    before = xw.ZipFile

    def written(level):
        buf = io.BytesIO()
        wb = new_workbook(buf, zip_level=level)
        ws = wb.add_worksheet("Uji")
        for r in range(3000):
            ws.write_number(r, 0, r * 7919 % 10007)
            ws.write_formula(r, 1, f"=A{r + 1}*2", None, r * 7919 % 10007 * 2)
        wb.close()
        return ZipArchive(buf.getvalue())

    fast, normal = written(1), written(None)
    assert xw.ZipFile is before
    sheet = {m.name: m for m in fast.members}["xl/worksheets/sheet1.xml"]
    same = {m.name: m for m in normal.members}["xl/worksheets/sheet1.xml"]
    assert fast.read(sheet) == normal.read(same)
    assert sheet.csize > same.csize             # deflated less hard: level 1, not xlsxwriter's 6
    assert engine._Renderer(("Calibri", 11.0)).wb.zip_level == 1


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab _xX09fF&<>\n\t\r\x07\x0b\x1f\x85\xa0\u2028\u3000\ufffe\uffffé")),
               max_size=12))
def test_the_quick_test_for_text_xlsxwriter_escapes_is_its_full_test(text):
    from sakip_xl.write import common

    assert common._needs_care(text) == (common._CARE.search(text) is not None)


def test_a_closed_workbook_lets_go_of_its_sheets_while_the_collector_is_paused():
    """The engine pauses the cyclic collector through the splice; xlsxwriter's sheets, links and
    charts refer to each other, so without close() releasing them they would stay in memory."""
    import gc
    import weakref

    enabled = gc.isenabled()
    gc.disable()
    try:
        buf, wb, fmt, ws = _big_sheet()
        for r in range(50):
            ws.write_number(r, 0, r, fmt.number)
            ws.write_url(r, 1, f"internal:'Besar'!A{r + 1}", fmt.link, "tautan")
        chart = wb.add_chart({"type": "column"})
        chart.add_series({"values": ["Besar", 0, 0, 49, 0]})
        ws.insert_chart(0, 3, chart)
        link, sheet, graph = weakref.ref(ws.hyperlinks[49][1]), weakref.ref(ws), weakref.ref(chart)
        del ws, chart
        bigsheet_out.close(wb)
        assert link() is None
        for part in (sheet(), graph()):        # gone, or an empty shell in a cycle
            assert part is None or not vars(part)
        assert python_calamine.load_workbook(io.BytesIO(buf.getvalue())).get_sheet_by_name("Besar").to_python()[49] \
            == [49.0, "tautan"]
    finally:
        if enabled:
            gc.enable()


def test_the_longest_plain_text_is_xlsxwriters_limit():
    from sakip_xl.write import common

    _, wb, _, ws = _big_sheet()
    assert common._STRMAX == ws.xls_strmax
    bigsheet_out.close(wb)
