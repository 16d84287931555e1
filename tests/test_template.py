"""The committed template and example are generated from the schema and stay in step with it."""
from pathlib import Path

import openpyxl

from sakip_xl.examples import EXAMPLE_NAME, TEMPLATE_NAME, example_bytes, template_bytes
from sakip_xl.sections import all_input_sheets

ROOT = Path(__file__).resolve().parents[1]


def test_committed_template_is_up_to_date():
    assert (ROOT / TEMPLATE_NAME).read_bytes() == template_bytes(), \
        "templates/ is stale: run python -m sakip_xl.examples"


def test_committed_example_is_up_to_date():
    assert (ROOT / EXAMPLE_NAME).read_bytes() == example_bytes(), \
        "workbooks/ is stale: run python -m sakip_xl.examples"


def test_template_has_every_column_and_help(tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_bytes(template_bytes())
    wb = openpyxl.load_workbook(path)
    petunjuk = " ".join(str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row if c.value)
    for spec in all_input_sheets():
        ws = wb[spec.name]
        headers = [c.value for c in ws[spec.header_row]]
        assert headers[: len(spec.columns)] == [c.header for c in spec.columns]
        for col in spec.columns:
            assert col.header in petunjuk
        assert ws.freeze_panes is not None
        assert ws.data_validations.dataValidation or not any(c.choices for c in spec.columns)
