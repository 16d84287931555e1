"""The contract every section keeps (sakip_xl/contract.py), checked for each registered section,
and shown for a new one: a test-only toy section registered here gets its input sheet in the
template, its analysis and findings, its computed sheet, its codes in the catalogue and
LibreOffice parity, without a line changed anywhere else."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from sakip_xl import findings as F
from sakip_xl.catalogue import catalogue
from sakip_xl.contract import Section
from sakip_xl.engine import check, compute
from sakip_xl.examples import example_bytes, template_bytes
from sakip_xl.findings import GALAT, Code, register
from sakip_xl.read.numbers import NUMBER, read_number
from sakip_xl.read.schema import Column, TableSheet, normalize_header
from sakip_xl.sections import registered, sections, tool_sheets
from sakip_xl.template import build_template
from sakip_xl.xlsx.addresses import cell, ref
from support.lo_oracle import compare_with_engine

SECTIONS = sections()


def _sheets(data: bytes) -> dict[str, list[list]]:
    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


def _has_headers(rows: list[list], spec: TableSheet) -> bool:
    wanted = {normalize_header(c.header) for c in spec.columns}
    return any(wanted <= {normalize_header(v) for v in row if isinstance(v, str)} for row in rows[:12])


@pytest.fixture(scope="module")
def finished_example(tmp_path_factory):
    folder = tmp_path_factory.mktemp("contract")
    source = folder / "contoh.xlsx"
    source.write_bytes(example_bytes())
    out = folder / "hasil.xlsx"
    report = compute(source, out)
    return out, report, _sheets(out.read_bytes())


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.key)
def test_schema_drives_the_template(section: Section):
    sheets = _sheets(template_bytes())
    for spec in section.input_sheets:
        assert spec.name in sheets, f"template lacks input sheet {spec.name}"
        assert _has_headers(sheets[spec.name], spec), f"{spec.name}: template headers differ from the schema"


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.key)
def test_example_builds_every_section(section: Section, finished_example):
    _, report, sheets = finished_example
    assert report.analysis.results.get(section.key) is not None, f"example gives {section.key} nothing to compute"
    written = [name for name in section.output_sheets if name in sheets]
    assert written, f"no computed sheet of {section.key} in the finished example"
    assert set(section.output_sheets) <= set(tool_sheets())


@pytest.mark.libreoffice
def test_parity_of_every_section(finished_example, tmp_path):
    out, _, sheets = finished_example
    names = [n for sec in SECTIONS for n in sec.output_sheets if n in sheets]
    mismatches = compare_with_engine(out, tmp_path / "lo", sheets=names)
    by_section = {sec.key: [m for m in mismatches if any(m.startswith((n, f"'{n}'")) for n in sec.output_sheets)]
                  for sec in SECTIONS}
    assert mismatches == [], by_section


def test_codes_have_one_owner():
    owner = {}
    for sec in SECTIONS:
        for c in sec.codes:
            prefix = c.code.split("-")[0]
            assert owner.setdefault(prefix, sec.key) == sec.key, f"{prefix} codes in {owner[prefix]} and {sec.key}"
    assert {c.code for sec in SECTIONS for c in sec.codes} <= {c.code for c in catalogue()}


# --- a new section, added by this test alone ------------------------------------------------

MAINAN = TableSheet(
    name="Mainan",
    title="MAINAN: SATU NILAI PER BARIS",
    help="Lembar uji: satu nama dan satu nilai per baris.",
    key_column="nama",
    columns=(
        Column("nama", "Nama", "text", required=True, width=20, help="Nama."),
        Column("nilai", "Nilai", "number", width=12, num_format="#,##0.00", help="Sebuah angka."),
    ),
)
TOY_CODES = [Code("TOY-001", GALAT, "Nilai mainan bukan angka", "Nilai '{text}' bukan angka.", "Ketik angka.")]
register(TOY_CODES)
OUTPUT = "Hasil Mainan"


def _analyze(ctx):
    table = ctx.book.table(MAINAN, required=False)
    if table is None:
        return None
    rows = []
    for rec in table.records:
        address = table.address(rec, "nilai")
        parsed = read_number(rec.values.get("nilai"))
        if parsed.kind != NUMBER:
            ctx.findings.append(F.make("TOY-001", table.sheet, address, text=rec.values.get("nilai")))
        rows.append((rec.values.get("nama"), address, parsed.value if parsed.kind == NUMBER else None))
    return table.sheet, rows


def _render(wb, fmt, ctx, result):
    sheet, rows = result
    ws = wb.add_worksheet(OUTPUT)
    ws.write_string(0, 0, "HASIL MAINAN", fmt.title)
    ws.write_string(1, 0, "Dihitung oleh sakip-xl dari lembar Mainan.", fmt.note)
    ws.write_string(2, 0, "Nama", fmt.header)
    ws.write_string(2, 1, "Nilai x 2", fmt.header)
    for i, (name, address, value) in enumerate(rows):
        r = 3 + i
        ws.write_string(r, 0, str(name), fmt.text)
        src = ref(sheet, *_rc(address))
        ws.write_formula(r, 1, f'=IF(ISNUMBER({src}),{src}*2,"")', fmt.number, value * 2 if value is not None else "")
    total = sum(v * 2 for _, _, v in rows if v is not None)
    ws.write_formula(3 + len(rows), 1, f"=SUM({cell(3, 1)}:{cell(2 + len(rows), 1)})", fmt.number, total)
    return None


def _rc(address: str) -> tuple[int, int]:
    from sakip_xl.xlsx.addresses import parse_cell
    return parse_cell(address)


TOY = Section(key="mainan", input_sheets=(MAINAN,), output_sheets=(OUTPUT,), analyze=_analyze, render=_render,
              codes=tuple(TOY_CODES))
TOY_ROWS = [{"nama": "satu", "nilai": 1.5}, {"nama": "dua", "nilai": "dua"}, {"nama": "tiga", "nilai": 4}]


def test_a_new_section_needs_no_other_change(tmp_path):
    assert TOY not in sections()
    with registered(TOY):
        assert _has_headers(_sheets(template_bytes())[MAINAN.name], MAINAN)
        assert "TOY-001" in {c.code for c in catalogue()}
        path = tmp_path / "mainan.xlsx"
        path.write_bytes(build_template({"instansi": "Uji"}, {MAINAN.name: TOY_ROWS}))
        out = tmp_path / "hasil.xlsx"
        report = compute(path, out)
        toy = [f for f in report.findings if f.code == "TOY-001"]
        assert [(f.sheet, f.message) for f in toy] == [("Mainan", "Nilai 'dua' bukan angka.")]
        sheets = _sheets(out.read_bytes())
        assert OUTPUT in sheets and "Pemeriksaan" in sheets
        values = [row[1] for row in sheets[OUTPUT][3:7]]
        assert values == [3.0, "", 8.0, 11.0]
        # the finished workbook is the tool's: a second compute replaces the toy's sheet, check agrees
        again = compute(out, tmp_path / "lagi.xlsx")
        assert [f.code for f in again.findings if f.code == "TOY-001"] == ["TOY-001"]
        assert [f for f in check(out).findings if f.code in ("WB-001", "WB-002")] == []
    assert TOY not in sections()
    assert "TOY-001" not in {c.code for c in catalogue()}


@pytest.mark.libreoffice
def test_a_new_section_has_parity(tmp_path):
    with registered(TOY):
        path = tmp_path / "mainan.xlsx"
        path.write_bytes(build_template({"instansi": "Uji"}, {MAINAN.name: TOY_ROWS}))
        out = tmp_path / "hasil.xlsx"
        compute(path, out)
    assert compare_with_engine(out, tmp_path / "lo", sheets=[OUTPUT]) == []
