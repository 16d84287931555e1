"""Pieces of plain numbers read with numpy (read/plainpiece.py) give exactly what calamine and
columns.factorize give; anything less plain is left to calamine."""
from __future__ import annotations

import datetime as dt
import io

import pytest
import python_calamine
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sakip_xl.read import bigsheet, plainpiece
from sakip_xl.xlsx.cells import sheet_part
from sakip_xl.xlsx.opc import Package
from test_bigsheet import assert_same, split

# numbers whose shortest text fits in eight bytes, as survey answers, ages and counts do (longer
# ones send their piece to calamine: NUMBERS below has both)
SHORT = st.one_of(st.integers(-999_999, 9_999_999), st.sampled_from([0.5, 2.25, -1.5e-7, 1e21, 4.0, 3.75, -0.125]))
NUMBERS = st.one_of(st.integers(-5, 5), st.sampled_from([0.5, 2.25, -1.5e-7, 1e21, 123456.75, 4.0, 1 / 3]),
                    st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: round(v, 3)))


def workbook(cells, header: bool, offset: int, inline: bool = True) -> bytes:
    """A sheet of numbers (some with a bold or percent style), styled empty cells between them,
    and a text header when `header` (an inline text, or a shared string)."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"constant_memory": inline})
    bold, pct = wb.add_format({"bold": True}), wb.add_format({"num_format": "0%"})
    ws = wb.add_worksheet("SKM")
    if header:
        ws.write_string(0, offset, "U1")
    for (r, c), (value, style) in sorted(cells.items()):
        fmt = (None, bold, pct)[style]
        if value is None:
            ws.write_blank(r + 1, c + offset, None, bold)
        else:
            ws.write_number(r + 1, c + offset, value, fmt)
    wb.close()
    return buf.getvalue()


grids = st.dictionaries(st.tuples(st.integers(0, 400), st.integers(0, 30)),
                        st.tuples(st.one_of(st.none(), NUMBERS), st.integers(0, 2)), min_size=1, max_size=300)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(grids, st.booleans(), st.integers(0, 3), st.integers(2, 5))
def test_plain_pieces_read_as_calamine_reads_the_sheet(monkeypatch_plain, cells, header, offset, pieces):
    data = workbook(cells, header, offset)
    monkeypatch_plain.clear()
    got = split(data, "SKM", pieces)
    if got is None:
        return                              # too few rows to cut: parsed whole (test_bigsheet covers it)
    assert_same(got, data, "SKM")


@pytest.mark.parametrize("inline", [True, False], ids=["inline-header", "shared-string-header"])
def test_the_plain_path_is_taken(monkeypatch_plain, inline):
    """A grid of numbers cut in four, its header an inline text or a shared string: every piece
    read here, not by calamine."""
    cells = {(r, c): (float((r * 7 + c) % 4 + 1), r % 3) for r in range(3000) for c in range(9)}
    cells.update({(r, 12): (None, 1) for r in range(0, 3000, 5)})        # styled empty cells
    data = workbook(cells, header=True, offset=1, inline=inline)
    monkeypatch_plain.clear()
    got = split(data, "SKM", 4)
    assert_same(got, data, "SKM")
    assert monkeypatch_plain == [True] * 4


STYLES = plainpiece.Styles(frozenset({0, 1}), frozenset({3}))
PLAIN = b'<row r="7" spans="1:3"><c r="A7"><v>3</v></c><c r="B7" s="1"><v>4.5</v></c><c r="C7" s="1"/></row>' \
        b'<row r="8"><c r="B8"><v>-2</v></c><c r="C8" s="3"><v>44539</v></c>' \
        b'<c r="D8" s="1" t="inlineStr"><is><t>Akta Kematian</t></is></c></row>'


def test_a_plain_piece():
    first, last, nrows, columns = plainpiece.read([PLAIN], False, STYLES)
    assert (first, last, nrows) == ((6, 0), (7, 3), 2)          # the empty C7 is not a value, as in calamine
    assert [(k, d, c.tolist(), v) for k, d, c, v in columns] == [
        (frozenset({float, str}), [3.0, ""], [0, 1], None), (frozenset({float}), [4.5, -2.0], [0, 1], None),
        (frozenset({str, dt.date}), ["", dt.date(2021, 12, 9)], [0, 1], None),
        (frozenset({str}), ["", "Akta Kematian"], [0, 1], None)]


@pytest.mark.parametrize("edit", [
    (b's="1"><v>4.5', b's="2"><v>4.5'),                 # a style that is not a plain number (a date)
    (b'<c r="A7">', b'<c r="A7" t="s">'),              # a shared string
    (b'<c r="A7">', b'<c r="A7" t="n">'),              # a type, even a number's
    (b'<v>3</v>', b'<f>1+2</f><v>3</v>'),               # a formula
    (b'<v>3</v>', b'<v>-0</v>'),                         # minus zero
    (b'<v>3</v>', b'<v>1.234567890123457E+19</v>'),     # a value longer than eight bytes
    (b'<v>3</v>', b'<v> 3</v>'),                         # white space in a value
    (b'<v>3</v>', b'<v>3e400</v>'),                      # not finite
    (b'<v>3</v>', b'<v>1e</v>'),                         # not a number
    (b'<v>3</v>', b'<v></v>'),                           # empty
    (b'<c r="A7">', b'<c  r="A7">'),                     # two spaces
    (b'<c r="A7">', b'<c s="0" r="A7">'),                # attributes in another order
    (b'<c r="B8">', b'<c r="A7">'),                      # a cell repeated
    (b'<c r="B8">', b'<c r="A6">'),                      # out of order
    (b'<c r="B8">', b'<c r="8">'),                       # a reference without a column
    (b'<c r="B8">', b'<c r="b8">'),                      # lower case
    (b'<c r="B8">', b'<c r="XFDA8">'),                   # four letters
    (b'</row><row r="8">', b'</row><!-- x --><row r="8">'),
    (b'<row r="8">', b'<row r="8"><is><t>x</t></is>'),
    (b'<c r="A7">', b'<x:c r="A7">'),
    (b'<c r="A7">', b'<c r="A7" t="b">'),              # a boolean
    (b'<v>44539</v>', b'<v>44539.5</v>'),               # a date with a time of day
    (b'<v>44539</v>', b'<v>60</v>'),                    # the days calamine counts its own way
    (b'<t>Akta Kematian</t>', b'<t>Akta &amp; Surat</t>'),          # an entity
    (b'<t>Akta Kematian</t>', b'<t xml:space="preserve"> Akta</t>'),
    (b'<t>Akta Kematian</t>', b'<t>Akta_x000D_</t>'),              # an escape
    (b'<t>Akta Kematian</t>', b'<t>' + b'x' * 65 + b'</t>'),       # longer than 64 bytes
    (b'<t>Akta Kematian</t>', b'<t></t>'),
    (b'<t>Akta Kematian</t>', b'<t>\xff</t>'),                     # not UTF-8
    (b'<is><t>Akta Kematian</t></is>', b'<is><r><t>Akta</t></r></is>'),   # rich text
    (b's="1" t="inlineStr"', b't="inlineStr" s="1"'),
])
def test_anything_less_plain_is_left_to_calamine(edit):
    assert plainpiece.read([PLAIN], False, STYLES) is not None
    assert plainpiece.read([PLAIN.replace(*edit, 1)], False, STYLES) is None


def test_equal_numbers_written_differently_share_a_code():
    xml = b"".join(b'<row r="%d"><c r="A%d"><v>%s</v></c></row>' % (r, r, v)
                   for r, v in enumerate([b"3", b"3.5", b"3.0", b"03", b"7", b"1E+0", b"1", b"0", b".5"], 2))
    _, _, nrows, [(kinds, distinct, codes, cells)] = plainpiece.read([xml], False, STYLES)
    assert (nrows, kinds, distinct, codes.tolist(), cells) == \
        (9, {float}, [3.0, 3.5, 7.0, 1.0, 0.0, 0.5], [0, 1, 0, 0, 2, 3, 3, 4, 5], None)


def sheet_of(cells: dict, inline: bool) -> bytes:
    """A sheet of the cells {(row, col): (kind, value)}: numbers, texts (inline, or in the shared
    strings, every other row bold), dates and booleans, with rows enough below to cut it."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"constant_memory": inline, "strings_to_numbers": False})
    date, bold = wb.add_format({"num_format": "dd/mm/yyyy"}), wb.add_format({"bold": True})
    ws = wb.add_worksheet("SKM")
    cells = {**{(k, 13): ("n", k % 4 + 1) for k in range(320)}, **cells}
    for (r, c), (kind, value) in sorted(cells.items()):
        if kind == "n":
            ws.write_number(r, c, value)
        elif kind == "s":
            ws.write_string(r, c, value, bold if r % 2 and not inline else None)
        elif kind == "d":
            ws.write_number(r, c, value, date)
        else:
            ws.write_boolean(r, c, value)
    wb.close()
    return buf.getvalue()


TEXTS = st.one_of(st.sampled_from(["Akta Kematian", "L", "P", "Ibu Rumah Tangga", "Rp 5.000", "ÉÈ ü — 中文"]),
                  st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=70))
CELLS = st.one_of(SHORT.map(lambda v: ("n", v)), TEXTS.map(lambda v: ("s", v)),
                  st.integers(1, 2_958_466).map(lambda v: ("d", v)), st.floats(0, 50_000).map(lambda v: ("d", v)),
                  st.booleans().map(lambda v: ("b", v)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.tuples(st.integers(0, 300), st.integers(0, 12)), CELLS, min_size=1, max_size=250),
       st.integers(2, 5))
def test_mixed_pieces_read_as_calamine_reads_the_sheet(monkeypatch_plain, cells, pieces):
    """Numbers, inline texts, dates and booleans as a writer of inline strings (xlsxwriter's
    constant_memory) writes them: each piece, read here or by calamine, as calamine reads it."""
    data = sheet_of(cells, inline=True)
    monkeypatch_plain.clear()
    got = split(data, "SKM", pieces)
    assert got is not None
    assert_same(got, data, "SKM")


def test_the_styles_of_plain_numbers():
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf)
    ws = wb.add_worksheet("S")
    formats = [wb.add_format({"bold": True}), wb.add_format({"num_format": "0%"}),
               wb.add_format({"num_format": "dd/mm/yyyy"}), wb.add_format({"num_format": "0.0"}),
               wb.add_format({"num_format": "h:mm"}), wb.add_format({"num_format": "#,##0.00"})]
    for c, fmt in enumerate(formats):
        ws.write_number(0, c, 1, fmt)
    wb.close()
    pkg = Package(buf.getvalue())
    xf = {fmt.num_format: fmt.xf_index for fmt in formats}
    styles = plainpiece.plain_styles(pkg)
    assert {0, xf["0%"], xf["#,##0.00"], xf["0.0"], formats[0].xf_index} <= styles.number
    assert styles.date == {xf["dd/mm/yyyy"]}                            # not the time
    assert not {xf["dd/mm/yyyy"], xf["h:mm"]} & styles.number
    # what calamine gives for each: a number for the plain styles only
    sheet = python_calamine.load_workbook(io.BytesIO(buf.getvalue())).get_sheet_by_name("S").to_python()[0]
    for fmt, value in zip(formats, sheet):
        assert (fmt.xf_index in styles.number) <= isinstance(value, float)
        assert (fmt.xf_index in styles.date) <= isinstance(value, dt.date)


def test_no_date_is_read_here_in_a_workbook_on_the_1904_date_system():
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"date_1904": True})
    ws = wb.add_worksheet("S")
    ws.write_number(0, 0, 44000, wb.add_format({"num_format": "dd/mm/yyyy"}))
    wb.close()
    styles = plainpiece.plain_styles(Package(buf.getvalue()))
    assert 0 in styles.number and styles.date == frozenset()


def test_a_big_plain_survey_is_read_in_pieces_without_calamine(monkeypatch_plain):
    """100,000 rows of U1-U9, as the lean benchmark writes them: every piece past the header's."""
    import random
    rnd = random.Random(3)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"constant_memory": True})
    ws = wb.add_worksheet("SKM")
    ws.write_string(0, 0, "Survei")
    for r in range(1, 100_001):
        for c in range(9):
            ws.write_number(r, c, rnd.choice((1, 2, 3, 4)))
    wb.close()
    data = buf.getvalue()
    pkg = Package(data)
    assert bigsheet._piece_count(pkg.members[sheet_part(pkg, "SKM")].usize, {}) >= 2
    got = split(data, "SKM", 3)
    assert_same(got, data, "SKM")
    assert monkeypatch_plain == [True, True, True]


def test_a_survey_with_profile_columns_is_read_here(monkeypatch_plain):
    """Number, date of the visit, service, sex, age, education, job and U1-U9, as an application's
    export (inline texts) writes them: every piece read here, and as calamine reads it."""
    import random
    rnd = random.Random(5)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"constant_memory": True})
    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws = wb.add_worksheet("SKM")
    for c, h in enumerate(["No", "Tanggal", "Layanan", "JK", "Umur", "Pendidikan", "Pekerjaan"]
                          + [f"U{j}" for j in range(1, 10)]):
        ws.write_string(0, c, h)
    for r in range(1, 6001):
        ws.write_number(r, 0, r)
        ws.write_number(r, 1, 44197 + rnd.randrange(365), date)
        ws.write_string(r, 2, rnd.choice(["Akta Kelahiran", "Akta Kematian", "KTP-el", "Kartu Keluarga"]))
        ws.write_string(r, 3, rnd.choice("LP"))
        ws.write_number(r, 4, rnd.randrange(17, 80))
        ws.write_string(r, 5, rnd.choice(["SD", "SMP", "SMA", "D3", "S1", "S2"]))
        if r % 11:
            ws.write_string(r, 6, rnd.choice(["PNS", "Wiraswasta", "Pelajar/Mahasiswa", "Ibu Rumah Tangga"]))
        for j in range(9):
            ws.write_number(r, 7 + j, rnd.choice((1, 2, 3, 4)))
    wb.close()
    data = buf.getvalue()
    got = split(data, "SKM", 4)
    assert_same(got, data, "SKM")
    assert monkeypatch_plain == [True] * 4
    dates = got.columns[1]
    assert dates.kinds == {dt.date, str} and dates.distinct[0] == "Tanggal"     # coded, with the header


SHARED_TEXTS = st.one_of(
    st.sampled_from(["Akta Kematian", "L", "P", " spasi di depan", "spasi di belakang ", "baris\nbaru",
                     "A & B", "Rp_x000D_", "<tag>", "ÉÈ ü — 中文", "x" * 200]),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=40))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.tuples(st.integers(0, 300), st.integers(0, 12)),
                       st.one_of(SHORT.map(lambda v: ("n", v)), SHARED_TEXTS.map(lambda v: ("s", v)),
                                 st.integers(1, 60_000).map(lambda v: ("d", v))),
                       min_size=1, max_size=250),
       st.integers(2, 5))
def test_shared_strings_read_as_calamine_reads_them(monkeypatch_plain, cells, pieces):
    """Texts in the shared-string table, as Excel saves them (some with white space at an end, a
    line break, an entity or an escape; rich text: test_a_survey_saved_by_excel_is_read_here):
    each piece as calamine reads it."""
    data = sheet_of(cells, inline=False)
    got = split(data, "SKM", pieces)
    assert got is not None
    assert_same(got, data, "SKM")


def test_a_survey_saved_by_excel_is_read_here(monkeypatch_plain):
    """The same survey with its texts in the shared-string table (as Excel saves any workbook):
    read here, the header included, and as calamine reads it; a rich text sends its piece back."""
    import random
    rnd = random.Random(6)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf)
    date, bold = wb.add_format({"num_format": "dd/mm/yyyy"}), wb.add_format({"bold": True})
    ws = wb.add_worksheet("SKM")
    for c, h in enumerate(["No", "Tanggal", "Layanan", "JK", "Saran"] + [f"U{j}" for j in range(1, 10)]):
        ws.write_string(0, c, h, bold)
    for r in range(1, 6001):
        ws.write_number(r, 0, r)
        ws.write_number(r, 1, 44197 + rnd.randrange(365), date)
        ws.write_string(r, 2, rnd.choice(["Akta Kelahiran", "Akta Kematian", "KTP-el", "Kartu Keluarga"]))
        ws.write_string(r, 3, rnd.choice("LP"))
        if r % 3 == 0:
            ws.write_string(r, 4, f"Pelayanan sudah baik, mohon antrean nomor {r} dipercepat & ramah")
        for j in range(9):
            ws.write_number(r, 5 + j, rnd.choice((1, 2, 3, 4)))
    ws.write_rich_string(5990, 4, "sangat ", bold, "puas")        # in the last piece only
    wb.close()
    data = buf.getvalue()
    got = split(data, "SKM", 4)
    assert_same(got, data, "SKM")
    assert sorted(monkeypatch_plain) == [False, True, True, True]
    assert "Akta Kematian" in got.columns[2].distinct


def test_shared_texts_read_here_and_those_left_to_calamine():
    from sakip_xl.read.plainpiece import _shared_texts
    sst = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="8" uniqueCount="8">'
           b'<si><t>Akta</t></si><si><t>A &amp; B</t></si><si><t xml:space="preserve"> depan</t></si>'
           b'<si><r><t>ka</t></r><r><rPr><b/></rPr><t>ya</t></r></si><si><t>x_x000D_</t></si>'
           b'<si><t/></si><si><t>baris&#10;baru</t><rPh sb="0" eb="1"><t>p</t></rPh></si><si><t>\xc3\xa9\xe4\xb8\xad</t></si></sst>')
    assert _shared_texts(_with_table(sst)) == ["Akta", "A & B", None, None, None, None, None, "é中"]


def _with_table(sst: bytes) -> Package:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf)
    wb.add_worksheet("S").write_string(0, 0, "x")
    wb.close()
    import zipfile
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            z.writestr(item, sst if item.filename == "xl/sharedStrings.xml" else src.read(item))
    return Package(out.getvalue())


def _both_ways(pkg: Package):
    """The table read from its bytes (None: not written the usual way) and read by lxml."""
    part = plainpiece._part_name(pkg, "sharedStrings")
    return plainpiece._plain_items(pkg.read(part)), plainpiece._tree_items(Package(pkg.zip.data), part)


def _agree(fast, tree) -> None:
    """What is read from the bytes is what lxml reads; an item may be left to calamine there only."""
    assert len(fast) == len(tree)
    for got, want in zip(fast, tree):
        assert got is None or got == want


ITEM_TEXT = st.text(st.sampled_from(list("ab &<>\"'_x0D\t\n\r é中")), max_size=12)


def _item(kind: str, text: str) -> bytes:
    esc = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode()
    if kind == "plain":
        return b"<si><t>" + esc + b"</t></si>"
    if kind == "preserve":
        return b'<si><t xml:space="preserve">' + esc + b"</t></si>"
    if kind == "quoted":       # a character reference, and a named entity XML needs no escape for
        esc = "".join({"a": "&#97;", "b": "&quot;", "&": "&amp;", "<": "&lt;", ">": "&gt;"}.get(c, c)
                      for c in text).encode()
        return b"<si><t>" + esc + b"</t></si>"
    if kind == "rich":
        return b"<si><r><t>" + esc + b"</t></r><r><rPr><b/></rPr><t>z</t></r></si>"
    return b"<si><t>" + esc + b'</t><rPh sb="0" eb="1"><t>p</t></rPh></si>'


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["plain", "preserve", "quoted", "rich", "phonetic"]), ITEM_TEXT),
                min_size=1, max_size=30))
def test_the_shared_texts_read_from_the_bytes_are_those_lxml_reads(items):
    body = b"".join(_item(kind, text) for kind, text in items)
    sst = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxml'
           b'formats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (len(items), len(items))
           + body + b"</sst>")
    fast, tree = _both_ways(_with_table(sst))
    assert fast is not None
    _agree(fast, tree)
    for (kind, text), got in zip(items, fast):
        if kind == "plain" and text and "&" not in text and text == text.strip() and "_x" not in text \
                and "\n" not in text and "\r" not in text:
            assert got == text               # the common case is read from the bytes, not left to lxml


@pytest.mark.parametrize("edit", [
    lambda t: t.replace(b"<si>", b"<x:si>").replace(b"</si>", b"</x:si>").replace(b"<sst ", b"<x:sst "),
    lambda t: t.replace(b"<si><t>Akta</t></si>", b"<si/>"),
    lambda t: t.replace(b"<si><t>Akta</t></si>", b'<si foo="1"><t>Akta</t></si>'),
    lambda t: t.replace(b"<si><t>Akta</t></si>", b"<!-- c --><si><t>Akta</t></si>"),
    lambda t: t.replace(b"<t>Akta</t>", b"<t><![CDATA[Akta]]></t>"),
], ids=["prefix", "empty-item", "attribute", "comment", "cdata"])
def test_a_table_written_otherwise_is_read_by_lxml(edit):
    sst = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxml'
           b'formats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>Akta</t></si>'
           b"<si><t>KTP</t></si></sst>")
    pkg = _with_table(edit(sst))
    fast, tree = _both_ways(pkg)
    assert fast is None
    assert plainpiece._shared_texts(pkg) == tree


def test_every_corpus_table_is_read_from_its_bytes_as_lxml_reads_it(record_property):
    from test_bigsheet import CORPUS, REAL

    books = sorted(CORPUS.glob("*.xlsx")) + sorted(REAL.rglob("*.xlsx"))
    if not books:
        pytest.skip("../shared/excel-corpus is absent")
    fast_tables = tables = 0
    for path in books:
        try:
            pkg = Package(path.read_bytes())
            part = plainpiece._part_name(pkg, "sharedStrings")
        except Exception:
            continue
        if part is None:
            continue
        tables += 1
        fast, tree = _both_ways(pkg)
        if fast is not None:
            fast_tables += 1
            _agree(fast, tree)
            assert sum(t is not None for t in fast) == sum(t is not None for t in tree), path.name
    record_property("tables", f"{fast_tables} of {tables} read from their bytes")
    assert tables > 100 and fast_tables > 0.9 * tables


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.integers(0, 70_000), st.integers(0, 2**64 - 1)), min_size=1, max_size=300))
def test_distinct_keys_are_those_of_numpy_unique(keys):
    import numpy as np

    key = np.array(keys, np.uint64)
    texts, which = plainpiece._distinct(key)
    want, inverse = np.unique(key, return_inverse=True)
    assert texts.tolist() == want.tolist() and which.tolist() == inverse.ravel().tolist()
