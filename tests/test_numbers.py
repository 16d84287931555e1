import datetime as dt

import pytest

from sakip_xl.read.numbers import BLANK, INVALID, NOT_AVAILABLE, NUMBER, TEXT_NUMBER, excel_serial, format_id, read_number


@pytest.mark.parametrize(
    "cell, kind, value",
    [
        (86.44, NUMBER, 86.44),
        (100, NUMBER, 100.0),
        ("86,44", TEXT_NUMBER, 86.44),
        ("86,44 %", TEXT_NUMBER, 86.44),
        ("Rp 3.387.235.094", TEXT_NUMBER, 3387235094.0),
        ("Rp.7.600.000,-", TEXT_NUMBER, 7600000.0),
        ("1.177", TEXT_NUMBER, 1177.0),
        ("1.177,5", TEXT_NUMBER, 1177.5),
        ("3.5", TEXT_NUMBER, 3.5),
        ("-12,5", TEXT_NUMBER, -12.5),
        ("\u00a0 80\u00a0", TEXT_NUMBER, 80.0),
        ("'85", TEXT_NUMBER, 85.0),
        ("", BLANK, None),
        (None, BLANK, None),
        ("n/a", NOT_AVAILABLE, None),
        ("N/A", NOT_AVAILABLE, None),
        ("-", NOT_AVAILABLE, None),
        ("B (85)", INVALID, None),
        ("baik", INVALID, None),
        (True, INVALID, None),
        (dt.date(2021, 1, 1), INVALID, None),
    ],
)
def test_read_number(cell, kind, value):
    p = read_number(cell)
    assert p.kind == kind
    assert p.value == value


def test_percent_sign_is_remembered():
    assert read_number("86,44 %").percent
    assert not read_number("86,44").percent


def test_excel_serial_follows_excel():
    assert excel_serial(dt.date(2021, 1, 1)) == 44197
    assert excel_serial(dt.date(2021, 1, 1), date1904=True) == 44197 - 1462
    assert excel_serial(dt.time(12, 0)) == 0.5


def test_format_id():
    assert format_id(3387235094, 0) == "3.387.235.094"
    assert format_id(101.694117, 2) == "101,69"


@pytest.mark.parametrize("raw", [0.0, -0.0, 1.5, -2.25, 0.1 + 0.2, 1e300, 225_000_000.0, "", " ", "86,44", "Rp 1.177",
                                 None, float("inf"), float("nan"), True, 3, dt.datetime(2021, 3, 4), "n/a"])
@pytest.mark.parametrize("percent", [False, True])
def test_a_number_cell_read_the_quick_way_is_the_one_read_the_long_way(raw, percent):
    """number_cell's shortcut for floats and empty cells gives what read_number's path gives."""
    from sakip_xl.read.cells import NumberCell, number_cell
    from sakip_xl.read.reader import Record, Table
    from sakip_xl.pk.schema import PK

    table = Table(spec=PK, sheet="PK", header_row=2, columns={"target": 5}, records=[],
                  percent={"F8"} if percent else set())
    rec = Record(row=7, values={"target": raw})
    parsed = read_number(raw)                  # the long way, as number_cell reads any other cell
    engine = parsed.value if parsed.kind == NUMBER else excel_serial(raw, False)
    value = parsed.value if parsed.kind in (NUMBER, TEXT_NUMBER) else engine
    if parsed.kind == NUMBER and percent:
        expected = NumberCell("F8", parsed, parsed.value * 100, parsed.value * 100, percent=True)
    else:
        expected = NumberCell("F8", parsed, engine, value)
    got = number_cell(table, rec, "target", False)
    if isinstance(raw, float) and raw != raw:
        assert got.parsed.kind == expected.parsed.kind and got.value is None
    else:
        assert got == expected
    assert number_cell(table, rec, "realisasi", False) is None
