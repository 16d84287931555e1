"""Cell addresses written into formulas."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip_xl.xlsx.addresses import address_ref, cell, col_letter, parse_cell, quote_sheet, ref


@pytest.mark.parametrize("address", ["B7", "b7", "$B$7", "$b7", "A07", "XFD1048576", "AAAA1", "Z0", "A10000000"])
def test_an_address_becomes_the_reference_parse_cell_gives(address):
    assert address_ref("PK", address) == ref("PK", *parse_cell(address))


def test_a_sheet_name_is_quoted_with_inner_quotes_doubled():
    assert address_ref("Data 'lama'", "C3") == "'Data ''lama'''!C3"
    assert quote_sheet("PK") == "'PK'"


@given(st.integers(0, 1_048_575), st.integers(0, 16_383))
def test_any_cell_of_a_sheet_round_trips(row, col):
    address = cell(row, col)
    assert parse_cell(address) == (row, col)
    assert address_ref("S", address) == f"'S'!{col_letter(col)}{row + 1}" == ref("S", row, col)
