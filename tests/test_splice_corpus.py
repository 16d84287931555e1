"""Splice into every Excel-saved workbook of ../shared/excel-corpus (skipped when absent).

One looping test, so the counts are printed once: files, parts compared, failures.
"""
from __future__ import annotations

import io
import time
from pathlib import Path

import openpyxl
import pytest
import python_calamine

from sakip_xl.xlsx.integrity import check_package
from sakip_xl.xlsx.splice import inspect_package, splice
from support.splice_fixtures import generated, unreachable_parts, untouched_differences

pytestmark = pytest.mark.slow   # `pytest -m "not slow"` for a quick run

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "excel-corpus"
OPENPYXL_SAMPLE_EVERY = 10  # openpyxl is slow: load every 10th output (~100 files)


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.iterdir() if p.suffix.lower() in (".xlsx", ".xlsm"))


@pytest.mark.corpus
def test_splice_every_corpus_workbook():
    files = corpus_files()
    if not files:
        pytest.skip(f"corpus not found at {CORPUS}")
    start = time.perf_counter()
    failures: list[str] = []
    preexisting: dict[str, list[str]] = {}
    parts = opened_openpyxl = 0
    generated_by_font: dict[tuple, bytes] = {}
    for i, path in enumerate(files):
        original = path.read_bytes()
        try:
            info = inspect_package(original)
            key = (info.default_font, info.sheet_names[0])
            if key not in generated_by_font:
                generated_by_font[key] = generated(user_sheet=info.sheet_names[0], font=info.default_font)
            gen = generated_by_font[key]
            output = splice(original, gen, tool_version="corpus")
        except Exception as exc:  # report every file, not only the first
            failures.append(f"{path.name}: {type(exc).__name__}: {exc}")
            continue
        compared, changed = untouched_differences(original, output)
        parts += compared
        failures += [f"{path.name}: {c}" for c in changed]
        before = check_package(original)
        if before:
            preexisting[path.name] = before
        new = [p for p in check_package(output) if p not in before]
        failures += [f"{path.name}: new problem: {p}" for p in new]
        orphans = unreachable_parts(output)
        orphans_before = set(unreachable_parts(original))
        failures += [f"{path.name}: new orphan part {o}" for o in orphans if o not in orphans_before]
        try:
            book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(output))
            rows = book.get_sheet_by_name("Pemeriksaan").to_python()
            if rows[0][:3] != ["Kode", "Pesan", "Tempat"]:
                failures.append(f"{path.name}: calamine read {rows[0]!r}")
        except Exception as exc:
            failures.append(f"{path.name}: calamine: {exc}")
        if i % OPENPYXL_SAMPLE_EVERY == 0:
            try:
                names = openpyxl.load_workbook(io.BytesIO(output)).sheetnames
                opened_openpyxl += 1
                if names[-2:] != ["Capaian", "Pemeriksaan"]:
                    failures.append(f"{path.name}: openpyxl sheets {names}")
            except Exception as exc:
                failures.append(f"{path.name}: openpyxl: {exc}")
        if splice(output, gen, tool_version="corpus") != output:
            failures.append(f"{path.name}: re-run is not byte-identical")
    elapsed = time.perf_counter() - start
    print(
        f"\ncorpus: {len(files)} files, {parts} untouched parts compared byte for byte, "
        f"{opened_openpyxl} opened with openpyxl, {len(preexisting)} originals with pre-existing problems, "
        f"failures: {len(failures)} ({elapsed:.1f} s)"
    )
    for name, problems in sorted(preexisting.items()):
        print(f"  pre-existing in {name}: {problems}")
    assert failures == [], "\n".join(failures[:50])
