"""Fidelity beyond the splice unit tests: the REAL computed sheets (the example workbook's
Capaian, Pemeriksaan, ...) spliced into every Excel-made workbook of ../shared/excel-corpus,
and the full `compute` pipeline over LibreOffice-made workbooks built at test time.

tests/test_splice_corpus.py splices a small synthetic sheet pair and opens every 10th output
with openpyxl; here every output is opened with openpyxl and python-calamine, a sample of 40
goes through LibreOffice, and integrity.check_package must find nothing new.
"""
from __future__ import annotations

import io
import shutil
import subprocess
import time
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
import python_calamine

from sakip_xl import __version__
from sakip_xl.engine import analyze, compute, render, tool_sheet_names
from sakip_xl.examples import example_bytes
from sakip_xl.xlsx.integrity import check_package
from sakip_xl.xlsx.splice import splice
from support.splice_fixtures import untouched_differences

pytestmark = pytest.mark.slow   # `pytest -m "not slow"` for a quick run

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "excel-corpus"
LO_SAMPLE = 40


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.iterdir() if p.suffix.lower() in (".xlsx", ".xlsm"))


@pytest.fixture(scope="module")
def example_sheets() -> tuple[bytes, list[str]]:
    generated = render(analyze(example_bytes()))
    return generated, tool_sheet_names(generated)


def _splice_all(files, generated):
    for path in files:
        original = path.read_bytes()
        yield path, original, splice(original, generated, tool_version=__version__)


CHUNKS = 4   # the corpus is split so that pytest-xdist spreads it over the CI cores


@pytest.mark.corpus
def test_corpus_is_complete(record_property):
    files = corpus_files()
    if not files:
        pytest.skip(f"corpus not found at {CORPUS}")
    chunks = [files[i::CHUNKS] for i in range(CHUNKS)]
    assert sorted(p for c in chunks for p in c) == files
    record_property("summary", f"fidelity corpus: {len(files)} files in {CHUNKS} chunks")
    assert len(files) > 900


@pytest.mark.corpus
@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_example_sheets_spliced_into_every_corpus_workbook(example_sheets, chunk, record_property):
    files = corpus_files()[chunk::CHUNKS]
    if not files:
        pytest.skip(f"corpus not found at {CORPUS}")
    generated, names = example_sheets
    start = time.perf_counter()
    failures: list[str] = []
    parts = clean = 0
    warnings.simplefilter("ignore")
    for path, original, output in _splice_all(files, generated):
        compared, changed = untouched_differences(original, output)
        parts += compared
        failures += [f"{path.name}: {c}" for c in changed]
        before = set(check_package(original))
        after = check_package(output)
        failures += [f"{path.name}: new integrity problem: {p}" for p in after if p not in before]
        clean += not after
        try:
            book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(output))
            if book.sheet_names[-len(names):] != names:
                failures.append(f"{path.name}: calamine sheets {book.sheet_names}")
            book.get_sheet_by_name("Capaian").to_python()
        except Exception as exc:
            failures.append(f"{path.name}: calamine: {type(exc).__name__}: {exc}")
        try:
            wb = openpyxl.load_workbook(io.BytesIO(output))
            if wb.sheetnames[-len(names):] != names:
                failures.append(f"{path.name}: openpyxl sheets {wb.sheetnames}")
        except Exception as exc:
            failures.append(f"{path.name}: openpyxl: {type(exc).__name__}: {exc}")
    elapsed = time.perf_counter() - start
    summary = (f"fidelity corpus chunk {chunk + 1}/{CHUNKS}: {len(files)} files, {parts} untouched parts compared "
               f"byte for byte, {len(files)} opened with openpyxl and calamine, {clean} with no integrity problem "
               f"at all, failures: {len(failures)} ({elapsed:.1f} s)")
    print("\n" + summary)
    record_property("summary", summary)
    assert failures == [], "\n".join(failures[:50])
    assert len(files) > 900 // CHUNKS and parts > 5 * len(files)


def _soffice() -> str:
    from support.lo_oracle import require_soffice
    return require_soffice()


def _convert(paths: list[Path], outdir: Path, profile: Path, fmt: str = "xlsx") -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run([_soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", fmt, "--outdir", str(outdir)] + [str(p) for p in paths],
                   check=True, capture_output=True, timeout=600)


@pytest.mark.corpus
@pytest.mark.libreoffice
def test_libreoffice_opens_a_sample_of_spliced_corpus_workbooks(tmp_path, example_sheets, record_property):
    files = corpus_files()
    if not files:
        pytest.skip(f"corpus not found at {CORPUS}")
    sample = files[:: max(1, len(files) // LO_SAMPLE)][:LO_SAMPLE]
    generated, names = example_sheets
    src = tmp_path / "src"
    src.mkdir()
    written = []
    for path, _, output in _splice_all(sample, generated):
        target = src / path.name
        target.write_bytes(output)
        written.append(target)
    start = time.perf_counter()
    _convert(written, tmp_path / "lo", tmp_path / "profile")
    failures = []
    for path in written:
        result = tmp_path / "lo" / (path.stem + ".xlsx")
        if not result.exists() or result.stat().st_size == 0:
            failures.append(f"{path.name}: LibreOffice wrote nothing")
            continue
        got = openpyxl.load_workbook(result, read_only=True).sheetnames
        if not set(names) <= set(got):
            failures.append(f"{path.name}: LibreOffice kept {got}")
    summary = (f"fidelity LibreOffice: {len(written)} spliced corpus files converted, failures: {len(failures)} "
               f"({time.perf_counter() - start:.1f} s)")
    print("\n" + summary)
    record_property("summary", summary)
    assert failures == [], "\n".join(failures)
    assert len(written) >= 35


# -- the project's own LibreOffice-made fixtures (run in a clone without ../shared) ------------------


PK_ROWS = [["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Realisasi"],
           [1, "Meningkatnya pelayanan", "Indeks kepuasan", "indeks", 80, 82.5],
           [2, None, "Persentase layanan tepat waktu", "%", 95, 90],
           [3, "Tata kelola", "Nilai SAKIP", "nilai", 70, "n/a"]]


def _xlsxwriter_with_pk() -> bytes:
    """A PK table with a comment, a validation, an image, a chart, a defined name and rich text."""
    import xlsxwriter

    from support.splice_fixtures import tiny_png
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = book.add_worksheet("PK")
    for r, row in enumerate(PK_ROWS):
        for c, v in enumerate(row):
            if v is not None:
                ws.write(r, c, v)
    ws.write_comment("C2", "Komentar pengguna")
    ws.data_validation("E2:E4", {"validate": "decimal", "criteria": ">=", "value": 0})
    ws.insert_image("H2", "logo.png", {"image_data": io.BytesIO(tiny_png())})
    chart = book.add_chart({"type": "column"})
    chart.add_series({"values": "='PK'!$E$2:$E$4"})
    ws.insert_chart("H8", chart)
    book.define_name("TotalTarget", "=SUM('PK'!$E$2:$E$4)")
    other = book.add_worksheet("Lain")
    other.write_rich_string("A1", "Teks ", book.add_format({"bold": True}), "tebal")
    book.close()
    return buf.getvalue()


@pytest.fixture(scope="module")
def libreoffice_made(tmp_path_factory) -> dict[str, Path]:
    """The same rich workbook saved by LibreOffice as .xlsx, .xls and .ods."""
    folder = tmp_path_factory.mktemp("lo-made")
    src = folder / "src" / "buatan-lo.xlsx"
    src.parent.mkdir()
    src.write_bytes(_xlsxwriter_with_pk())
    made = {}
    for fmt, ext in (("xlsx:Calc MS Excel 2007 XML", "xlsx"), ("xls", "xls"), ("ods", "ods")):
        _convert([src], folder / ext, folder / "profile", fmt)
        made[ext] = folder / ext / f"buatan-lo.{ext}"
        assert made[ext].exists() and made[ext].stat().st_size > 0
    return made


@pytest.mark.libreoffice
def test_full_compute_on_a_libreoffice_made_workbook(tmp_path, libreoffice_made):
    from support.lo_oracle import compare_with_engine

    src = tmp_path / "asli.xlsx"
    shutil.copy(libreoffice_made["xlsx"], src)
    original = src.read_bytes()
    with zipfile.ZipFile(src) as z:
        kinds = " ".join(z.namelist())
    assert "xl/media/" in kinds and "xl/charts/" in kinds and "comments" in kinds   # LibreOffice kept them
    out = tmp_path / "hasil.xlsx"
    report = compute(src, out)
    assert len(report.analysis.indicators) == 3
    result = out.read_bytes()
    compared, problems = untouched_differences(original, result)
    assert problems == [] and compared >= 8
    assert [p for p in check_package(result) if p not in check_package(original)] == []
    assert openpyxl.load_workbook(out).sheetnames[:2] == ["PK", "Lain"]
    assert "Capaian" in python_calamine.load_workbook(str(out)).sheet_names
    assert compare_with_engine(out, tmp_path / "lo", sheets=["Capaian", "Pemeriksaan"]) == []
    compute(out, tmp_path / "lagi.xlsx")
    assert (tmp_path / "lagi.xlsx").read_bytes() == result                           # re-run identical


@pytest.mark.libreoffice
@pytest.mark.parametrize("ext, words", [("xls", "Excel lama"), ("ods", "OpenDocument")])
def test_libreoffice_made_legacy_and_ods_files_are_refused_with_the_fix(tmp_path, libreoffice_made, ext, words):
    from click.testing import CliRunner

    from sakip_xl.cli import main

    src = tmp_path / f"laporan.{ext}"
    shutil.copy(libreoffice_made[ext], src)
    renamed = tmp_path / "laporan.xlsx"
    shutil.copy(libreoffice_made[ext], renamed)
    for path in (src, renamed):
        res = CliRunner().invoke(main, ["compute", str(path)])
        assert res.exit_code == 3 and words in res.stderr and ".xlsx" in res.stderr, res.output
        assert "Traceback" not in res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([src.name, renamed.name])


# -- a second opinion: the openxml-audit validator on a handful of small outputs ------------------------


def _audit_errors(data: bytes, tmp_path: Path, name: str) -> list[str]:
    from openxml_audit import OpenXmlValidator

    path = tmp_path / name
    path.write_bytes(data)
    result = OpenXmlValidator().validate(str(path))
    return sorted(str(e) for e in (result.errors or []))


def test_openxml_audit_finds_nothing_new_in_small_outputs(tmp_path, record_property):
    pytest.importorskip("openxml_audit")
    from support import hostile_files as H

    cases = {"contoh.xlsx": example_bytes(), "pk.xlsx": H.pk_workbook(), "makro.xlsm": H.pk_workbook(vba=b"x" * 512)}
    for path in corpus_files()[::250]:
        cases[path.name] = path.read_bytes()
    for name, original in cases.items():
        src = tmp_path / f"asli-{name}"
        src.write_bytes(original)
        out = tmp_path / f"hasil-{name}"
        if "contoh" in name or name in ("pk.xlsx", "makro.xlsm"):
            compute(src, out)
            result = out.read_bytes()
        else:
            result = splice(original, render(analyze(example_bytes())), tool_version=__version__)
        before = _audit_errors(original, tmp_path, f"a-{name}")
        after = _audit_errors(result, tmp_path, f"b-{name}")
        assert [e for e in after if e not in before] == [], name
    record_property("summary", f"openxml-audit: {len(cases)} outputs checked, nothing new")
