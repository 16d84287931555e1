"""Tests of the LibreOffice oracle itself (tests/support/lo_oracle.py).

They prove that the oracle passes a correct workbook, fails a wrong one, fails
a formula without a stored value, really recalculates on load, and document
how LibreOffice 7.4 differs from Excel where it matters to us.
"""

from __future__ import annotations

import re
import time
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from support.lo_oracle import (
    NO_VALUE,
    CellError,
    _profile_dir,
    compare_with_engine,
    formula_cells,
    recalc,
    require_soffice,
    soffice_path,
    values_match,
)

libreoffice = pytest.mark.libreoffice

# --------------------------------------------------------------------------
# a small SAKIP-like workbook: an input sheet and a computed sheet

INPUT_ROWS = [
    # kode, unit, target, realisasi, bobot
    ("IKU-1", "Dinas A", 80, 72, 0.3),
    ("IKU-2", "Dinas B", 90, 95, 0.5),
    ("IKU-3", "Dinas A", 0, 10, 0.2),  # target 0: division by zero
    ("IKU-4", "Dinas C", 60, 45.5, 0.0),
]
DIV0 = "#DIV/0!"


def excel_round(x: float, digits: int) -> float:
    """Excel/LibreOffice ROUND: half away from zero on the decimal shown."""
    q = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(x)).quantize(q, rounding=ROUND_HALF_UP))


def expected_values(rows) -> dict[str, tuple[str, object]]:
    """Calc cell -> (formula, the value Python computes for it)."""
    cells: dict[str, tuple[str, object]] = {}
    for i, (kode, _unit, target, real, _w) in enumerate(rows):
        r = i + 2
        ratio = real / target if target else DIV0
        capaian = excel_round(real / target * 100, 2) if target else ""
        if capaian == "":
            status = ""
        else:
            status = "Tercapai" if capaian >= 100 else "Belum"
        cells[f"A{r}"] = (f"=Input!A{r}", kode)
        cells[f"B{r}"] = (f'=IFERROR(ROUND(Input!D{r}/Input!C{r}*100,2),"")', capaian)
        cells[f"C{r}"] = (f"=Input!D{r}/Input!C{r}", ratio)
        cells[f"D{r}"] = (f'=IF(B{r}="","",IF(B{r}>=100,"Tercapai","Belum"))', status)
    n = len(rows) + 1
    reals = [row[3] for row in rows]
    by_code = {row[0]: row[3] for row in rows}
    cells["F1"] = (f"=SUM(Input!C2:C{n})", sum(row[2] for row in rows))
    cells["F2"] = (f"=SUMPRODUCT(Input!D2:D{n},Input!E2:E{n})", sum(row[3] * row[4] for row in rows))
    cells["F3"] = (f'=INDEX(Input!D2:D{n},MATCH("IKU-2",Input!A2:A{n},0))', by_code["IKU-2"])
    cells["F4"] = (
        f'=COUNTIFS(Input!B2:B{n},"Dinas A",Input!D2:D{n},">5")',
        sum(1 for row in rows if row[1] == "Dinas A" and row[3] > 5),
    )
    cells["F5"] = (
        f'=IFERROR(INDEX(Input!D2:D{n},MATCH("IKU-9",Input!A2:A{n},0)),"tidak ada")',
        by_code.get("IKU-9", "tidak ada"),
    )
    cells["F6"] = (f"=ROUND(SUM(Input!D2:D{n})/COUNT(Input!D2:D{n}),3)", excel_round(sum(reals) / len(reals), 3))
    cells["F7"] = ("=Input!C2>Input!D2", rows[0][2] > rows[0][3])
    cells["F8"] = ('=IFERROR(Input!D4/Input!C4,"")', rows[2][3] / rows[2][2] if rows[2][2] else "")
    cells["F9"] = ('=Input!A2&" / "&Input!B2', f"{rows[0][0]} / {rows[0][1]}")
    return cells


def build_book(path: Path, rows=INPUT_ROWS, overrides: dict[str, object] | None = None) -> dict:
    """Write the workbook with xlsxwriter, storing Python's values (or overrides)."""
    cells = expected_values(rows)
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Input")
    ws.write_row(0, 0, ["Kode", "Unit", "Target", "Realisasi", "Bobot"])
    for i, row in enumerate(rows):
        ws.write_row(i + 1, 0, row)
    calc = wb.add_worksheet("Calc")
    for ref, (formula, value) in cells.items():
        if overrides and ref in overrides:
            value = overrides[ref]
        calc.write_formula(ref, formula, None, value)
    wb.close()
    return cells


def replace_in_part(path: Path, part: str, pattern: str, repl: str) -> None:
    """Rewrite one XML part of an xlsx with a regex substitution (exactly one hit)."""
    with zipfile.ZipFile(path) as zf:
        items = [(info, zf.read(info.filename)) for info in zf.infolist()]
    out = []
    for info, data in items:
        if info.filename == part:
            text, n = re.subn(pattern, repl, data.decode("utf-8"))
            assert n == 1, f"{pattern!r} matched {n} times in {part}"
            data = text.encode("utf-8")
        out.append((info, data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in out:
            zf.writestr(info, data)


# --------------------------------------------------------------------------
# pure tests: no LibreOffice needed


def test_values_match_rules():
    assert values_match(80.0, 80.00000000001)
    assert not values_match(80.0, 79.0)
    assert values_match(0.0, 1e-12)  # abs_tol near zero
    assert not values_match(0.0, 1e-6)
    assert values_match("", None) and values_match(None, "")
    assert values_match("Tercapai", "Tercapai") and not values_match("a", "A")
    assert values_match(True, True) and not values_match(True, False)
    assert not values_match(True, 1) and not values_match(1, True)
    assert values_match(CellError("#DIV/0!"), CellError("#DIV/0!"))
    assert not values_match(CellError("#DIV/0!"), CellError("#N/A"))
    assert not values_match("#DIV/0!", CellError("#DIV/0!"))  # a string is not an error
    assert not values_match(NO_VALUE, "") and not values_match(NO_VALUE, 0)
    assert not values_match("80", 80)


def test_formula_cells_reads_stored_values(tmp_path):
    src = tmp_path / "book.xlsx"
    cells = build_book(src)
    got = formula_cells(src)
    assert set(got) == {("Calc", ref) for ref in cells}
    for ref, (formula, value) in cells.items():
        f, v = got[("Calc", ref)]
        assert f == formula
        if value == DIV0:
            assert isinstance(v, CellError) and v == DIV0
        else:
            assert values_match(value, v), (ref, value, v)
    assert got[("Calc", "F7")][1] is True  # t="b"
    assert got[("Calc", "B4")][1] == ""  # xlsxwriter value="" -> untyped <v></v>
    assert formula_cells(src, ["Input"]) == {}
    with pytest.raises(KeyError):
        formula_cells(src, ["Nope"])


def _shared_formulas(tmp_path, b3_cell: str):
    """B1:B3 = A*2 written as one shared formula, with B3's content replaced by `b3_cell`."""
    src = tmp_path / "shared.xlsx"
    wb = xlsxwriter.Workbook(str(src))
    ws = wb.add_worksheet("S")
    ws.write_column("A1", [1, 2, 3])
    for r in range(3):
        ws.write_formula(r, 1, f"=A{r + 1}*2", None, (r + 1) * 2)
    wb.close()
    part = "xl/worksheets/sheet1.xml"
    replace_in_part(src, part, r"<f>A1\*2</f>", '<f t="shared" ref="B1:B3" si="0">A1*2</f>')
    replace_in_part(src, part, r"<f>A2\*2</f>", '<f t="shared" si="0"/>')
    replace_in_part(src, part, r"(<c r=\"B3\"[^>]*>)<f>A3\*2</f><v>6</v>", b3_cell)
    return src


def test_formula_cells_shared_formula_and_missing_v(tmp_path):
    src = _shared_formulas(tmp_path, r'\1<f t="shared" si="0"/>')
    got = formula_cells(src)
    assert got[("S", "B1")] == ("=A1*2", 2)
    assert got[("S", "B2")] == ("=A2*2", 4)
    assert got[("S", "B3")] == ("=A3*2", NO_VALUE)


def test_no_formula_cells_is_a_mismatch(tmp_path):
    src = tmp_path / "values_only.xlsx"
    wb = xlsxwriter.Workbook(str(src))
    wb.add_worksheet("Data").write_row(0, 0, [1, 2, 3])
    wb.close()
    result = compare_with_engine(src, tmp_path)
    assert len(result) == 1 and "no formula cells" in result[0]


# --------------------------------------------------------------------------
# LibreOffice tests


@libreoffice
def test_correct_stored_values_agree_with_engine(tmp_path):
    src = tmp_path / "book.xlsx"
    cells = build_book(src)
    assert len(formula_cells(src)) == len(cells) > 20
    assert compare_with_engine(src, tmp_path) == []


@libreoffice
def test_one_wrong_stored_value_is_reported(tmp_path):
    src = tmp_path / "book.xlsx"
    cells = build_book(src, overrides={"F2": 80.0})
    assert cells["F2"][1] != 80.0
    result = compare_with_engine(src, tmp_path)
    assert len(result) == 1, result
    assert result[0].startswith("Calc!F2: stored 80.0, LibreOffice ")
    assert "(formula =SUMPRODUCT(Input!D2:D5,Input!E2:E5))" in result[0]


@libreoffice
def test_wrong_kind_of_value_is_reported(tmp_path):
    src = tmp_path / "book.xlsx"
    # a string where the engine gives an error, an empty string where it gives a number
    build_book(src, overrides={"C4": "DIV0", "F3": ""})
    result = compare_with_engine(src, tmp_path)
    # mismatches come in sheet order, row by row
    assert [line.split(":")[0] for line in result] == ["Calc!F3", "Calc!C4"], result
    assert result[1] == "Calc!C4: stored 'DIV0', LibreOffice #DIV/0! (formula =Input!D4/Input!C4)"


@libreoffice
def test_formula_without_stored_value_is_reported(tmp_path):
    # openpyxl stores no results: every formula has an empty <v></v>
    src = tmp_path / "openpyxl.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Calc"
    ws["A1"], ws["A2"] = 5, 7
    ws["B1"] = "=A1*2"
    ws["B2"] = "=SUM(A1:A2)"
    ws["B3"] = '=IF(A1>100,"big","")'  # an empty-string result: empty <v> is right
    wb.save(src)
    result = compare_with_engine(src, tmp_path)
    assert result == [
        "Calc!B1: stored '' (empty), LibreOffice 10 (formula =A1*2)",
        "Calc!B2: stored '' (empty), LibreOffice 12 (formula =SUM(A1:A2))",
    ]

    # an xlsxwriter workbook whose cell has lost its <v> element altogether
    src2 = tmp_path / "no_v.xlsx"
    build_book(src2)
    replace_in_part(src2, "xl/worksheets/sheet2.xml", r"(<c r=\"F1\"[^>]*><f>[^<]*</f>)<v>[^<]*</v>", r"\1")
    assert formula_cells(src2)[("Calc", "F1")][1] is NO_VALUE
    result = compare_with_engine(src2, tmp_path)
    assert result == ["Calc!F1: no stored value, LibreOffice 230 (formula =SUM(Input!C2:C5))"]


@libreoffice
def test_stale_values_are_detected_so_recalc_happens_on_load(tmp_path):
    src = tmp_path / "stale.xlsx"
    old = build_book(src)
    # change an input behind the stored results' back: Realisasi of IKU-1 72 -> 79
    replace_in_part(src, "xl/worksheets/sheet1.xml", r"(<c r=\"D2\"[^>]*>)<v>72</v>", r"\g<1><v>79</v>")
    new_rows = [("IKU-1", "Dinas A", 80, 79, 0.3)] + INPUT_ROWS[1:]
    new = expected_values(new_rows)
    changed = {ref for ref in old if not values_match(old[ref][1], new[ref][1])}
    assert {"B2", "C2", "F2", "F6"} <= changed  # the edit matters
    result = compare_with_engine(src, tmp_path)
    assert sorted(line.split(":")[0] for line in result) == sorted(f"Calc!{ref}" for ref in changed)
    assert "Calc!B2: stored 90.0, LibreOffice 98.75 (formula" in "\n".join(result)


@libreoffice
def test_shared_formulas_are_compared(tmp_path):
    src = _shared_formulas(tmp_path, r'\1<f t="shared" si="0"/><v>7</v>')
    assert compare_with_engine(src, tmp_path) == ["S!B3: stored 7, LibreOffice 6 (formula =A3*2)"]


@libreoffice
def test_recalc_fails_loudly_when_soffice_cannot_load(tmp_path):
    good = tmp_path / "good.xlsx"
    build_book(good)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good.read_bytes()[:300])  # truncated zip
    with pytest.raises(AssertionError, match="could not be loaded|did not produce"):
        recalc(broken, tmp_path / "out")
    with pytest.raises(ValueError):
        recalc(good, tmp_path)  # would overwrite the source


@libreoffice
def test_recalc_timeout_kills_soffice(tmp_path):
    src = tmp_path / "book.xlsx"
    build_book(src)
    with pytest.raises(AssertionError, match="timed out"):
        recalc(src, tmp_path / "out", timeout=0.05, attempts=1)
    profile = str(_profile_dir())
    left = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and profile.encode() in (proc / "cmdline").read_bytes():
                left.append(proc.name)
        except OSError:
            pass
    assert left == [], f"soffice processes left running: {left}"
    # and the profile still works afterwards
    assert recalc(src, tmp_path / "out2").is_file()


@libreoffice
def test_recalc_time_of_a_small_file(tmp_path, record_property):
    src = tmp_path / "book.xlsx"
    build_book(src)
    recalc(src, tmp_path / "warm")  # the first run of a worker also creates its profile
    t0 = time.monotonic()
    out = recalc(src, tmp_path / "out")
    seconds = time.monotonic() - t0
    record_property("lo_recalc_seconds", round(seconds, 2))
    print(f"LibreOffice recalc of a small workbook: {seconds:.2f} s")
    assert out == (tmp_path / "out" / "book.xlsx").resolve() and out.is_file()
    assert seconds < 60


# --------------------------------------------------------------------------
# LibreOffice behaviour worth knowing (documents the oracle's own quirks)


@libreoffice
def test_quirk_booleans_in_ranges_are_counted_by_libreoffice(tmp_path):
    """A TRUE *cell* is the number 1 in LibreOffice; Excel ignores it in ranges.

    So SUM/COUNT/AVERAGE over a range holding TRUE disagree with Excel, and
    the oracle flags Excel-correct stored values there.  Keep booleans out of
    aggregated ranges (TRUE given directly as an argument counts in both).
    """
    src = tmp_path / "bools.xlsx"
    wb = xlsxwriter.Workbook(str(src))
    ws = wb.add_worksheet("In")
    ws.write_column("A1", [10, 20, True])
    calc = wb.add_worksheet("Calc")
    calc.write_formula("A1", "=SUM(In!A1:A3)", None, 30)  # Excel's answers
    calc.write_formula("A2", "=COUNT(In!A1:A3)", None, 2)
    calc.write_formula("A3", "=SUM(In!A1:A2,TRUE)", None, 31)
    calc.write_formula("A4", "=In!A3", None, True)
    wb.close()
    assert compare_with_engine(src, tmp_path) == [
        "Calc!A1: stored 30, LibreOffice 31 (formula =SUM(In!A1:A3))",
        "Calc!A2: stored 2, LibreOffice 3 (formula =COUNT(In!A1:A3))",
    ]


@libreoffice
def test_quirk_value_types_in_the_recalculated_file(tmp_path):
    """How LibreOffice writes results back, and Excel ROUND vs Python round()."""
    src = tmp_path / "types.xlsx"
    wb = xlsxwriter.Workbook(str(src))
    ws = wb.add_worksheet("C")
    formulas = {
        "A1": '=IF(1>2,"x","")',  # empty string
        "A2": "=1/0",
        "A3": "=NA()",
        "A4": "=1<2",
        "A5": "=ROUND(2.675,2)",
        "A6": "=ROUND(-2.5,0)",
        "A7": "=B9",  # a blank cell
        "A8": "=1/3",
        "A9": "=0.1+0.2",
    }
    for ref, f in formulas.items():
        ws.write_formula(ref, f, None, -1)
    ws.write_boolean("B1", True)
    wb.close()
    out = recalc(src, tmp_path / "out")
    got = {ref: value for (_s, ref), (_f, value) in formula_cells(out).items()}
    assert got["A1"] == "" and type(got["A1"]) is str  # t="str" with an empty <v></v>
    assert isinstance(got["A2"], CellError) and got["A2"] == "#DIV/0!"  # t="e"
    assert isinstance(got["A3"], CellError) and got["A3"] == "#N/A"
    assert got["A4"] is True  # t="b"
    assert got["A5"] == 2.68 and round(2.675, 2) == 2.67  # Python's round differs
    assert got["A6"] == -3 and round(-2.5) == -2
    assert got["A7"] == 0  # a reference to a blank cell is 0, not ""
    assert got["A8"] != 1 / 3 and values_match(got["A8"], 1 / 3)  # 15 significant digits
    assert got["A9"] == 0.3
    # a constant boolean cell comes back as the formula =TRUE()
    assert got["B1"] is True
    assert formula_cells(out)[("C", "B1")][0] == "=TRUE()"


def test_require_soffice_skips_locally_and_fails_in_ci(monkeypatch):
    monkeypatch.setenv("SOFFICE", "/nonexistent/soffice")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        require_soffice()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        require_soffice()


def test_soffice_path_is_a_string_or_none():
    p = soffice_path()
    assert p is None or Path(p).is_file()
