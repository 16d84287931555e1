"""Mutation fuzzer (issue 16): damaged copies of real workbooks never crash `compute`.

From the example workbook, a small generated PK workbook and ~20 files of
../shared/excel-corpus (skipped when absent, located as test_fidelity.py does), each case
applies one or two seeded random mutations: byte flips, zip members deleted, duplicated or
renamed, and XML edits (an element cut short, an attribute dropped, garbage text, huge or
non-finite numbers in <v>, a cell at XFD1048576, an unknown root element). The invariant,
for every case, running `sakip-xl compute IN -o OUT` in-process (click's CliRunner):

- no Python exception escapes (no traceback), and exit 5 "galat internal" is a failure;
- the exit code is one of the documented ones for compute (0, 3, 4);
- the input's bytes are unchanged;
- an output file, when written, passes the integrity checker and opens in openpyxl.

One documented allowance: the tool never rewrites the user's parts (they are copied byte for
byte), so when openpyxl rejects a part of the *input* for a reason below the level of XML
(a <col> without its min attribute, an unexpected element in a comments part: schema details
that Excel repairs and LibreOffice ignores), the output carries the same part and openpyxl
rejects it the same way. Such a case passes when openpyxl fails on the mutated input with the
same error type; everything openpyxl rejects at the XML level (not well-formed, not UTF-8,
inf or text in a number cell, a missing part or content type) is refused by the tool with exit 3.

A few hundred cases run by default; more with `pytest tests/test_fuzz.py --fuzz-cases 5000`
or SAKIP_FUZZ_CASES=5000; another series with SAKIP_FUZZ_SEED. A failing case prints its
number, seed file and mutations, and `mutate(case)` rebuilds the same bytes.
"""
from __future__ import annotations

import io
import os
import random
import re
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from support import hostile_files as H
from sakip_xl.cli import main
from sakip_xl.xlsx.integrity import check_package

pytestmark = pytest.mark.slow   # `pytest -m "not slow"` for a quick run

DEFAULT_CASES = 200
SEED = os.environ.get("SAKIP_FUZZ_SEED", "16")
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "excel-corpus"
CORPUS_SAMPLE = 20
COMPUTE_EXITS = {0, 3, 4}


def pytest_generate_tests(metafunc):
    if "fuzz_case" in metafunc.fixturenames:
        n = metafunc.config.getoption("--fuzz-cases", None) or int(os.environ.get("SAKIP_FUZZ_CASES", DEFAULT_CASES))
        metafunc.parametrize("fuzz_case", range(n))


@lru_cache(maxsize=1)
def seeds() -> tuple[tuple[str, bytes], ...]:
    out = [("contoh", H.example()), ("pk", H.pk_workbook())]
    if CORPUS.is_dir():
        files = sorted(p for p in CORPUS.iterdir() if p.suffix.lower() in (".xlsx", ".xlsm"))
        step = max(1, len(files) // CORPUS_SAMPLE)
        out += [(p.name, p.read_bytes()) for p in files[::step][:CORPUS_SAMPLE]]
    return tuple(out)


# -- mutations: each takes (rng, data) and returns (bytes, description) ----------------------------

def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    return H.members(data)


def _rebuild(items: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    buf = io.BytesIO()
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")            # duplicate names are the point of some cases
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for info, body in items:
                z.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def flip_bytes(rng: random.Random, data: bytes):
    buf = bytearray(data)
    spots = sorted(rng.randrange(len(buf)) for _ in range(rng.randint(1, 8)))
    for i in spots:
        buf[i] ^= 1 << rng.randrange(8)
    return bytes(buf), f"flip bytes at {spots}"


def delete_member(rng, data):
    items = _members(data)
    k = rng.randrange(len(items))
    return _rebuild(items[:k] + items[k + 1:]), f"delete {items[k][0].filename}"


def duplicate_member(rng, data):
    items = _members(data)
    info, body = rng.choice(items)
    other = body if rng.random() < 0.5 else b"<x/>"
    return _rebuild(items + [(info.filename, other)]), f"duplicate {info.filename}"


def rename_member(rng, data):
    items = _members(data)
    k = rng.randrange(len(items))
    name = items[k][0].filename
    new = rng.choice([name.upper(), name + ".bak", "xl/" + name.rsplit("/", 1)[-1], name.replace(".xml", "1.xml"),
                      "[Content_Types].xml" if name != "[Content_Types].xml" else "x.xml"])
    items[k] = (new, items[k][1])
    return _rebuild(items), f"rename {name} -> {new}"


_NUMBERS = ["1e308", "-1e308", "1e20", "9e15", "1e400", "NaN", "inf", "-0", "4.9e-324", "1" * 40, "0x10", ""]


def _xml_edit(rng, data, edit, what):
    items = _members(data)
    xml = [k for k, (i, _) in enumerate(items) if i.filename.endswith((".xml", ".rels"))]
    if not xml:
        return flip_bytes(rng, data)
    sheets = [k for k in xml if "worksheets/" in items[k][0].filename]
    k = rng.choice(sheets) if sheets and rng.random() < 0.6 else rng.choice(xml)
    info, body = items[k]
    new, detail = edit(rng, body)
    items[k] = (info, new)
    return _rebuild(items), f"{what} in {info.filename}: {detail}"


def truncate_element(rng, data):
    def edit(rng, body):
        tags = [m.start() for m in re.finditer(rb"<[A-Za-z]", body)]
        at = rng.choice(tags) if tags else 0
        cut = at + rng.randint(1, 30)
        return body[:cut] + body[body.find(b">", cut) + 1 if b">" in body[cut:] else cut:], f"cut at {cut}"
    return _xml_edit(rng, data, edit, "truncate element")


def drop_attribute(rng, data):
    def edit(rng, body):
        attrs = list(re.finditer(rb'\s[\w:]+="[^"]*"', body))
        if not attrs:
            return body, "no attribute"
        m = rng.choice(attrs)
        return body[:m.start()] + body[m.end():], m.group(0).decode("utf-8", "replace")
    return _xml_edit(rng, data, edit, "drop attribute")


def garbage_text(rng, data):
    def edit(rng, body):
        at = rng.randrange(len(body) + 1)
        junk = rng.choice([b"\xff\xfe", b"&", b"<", b"]]>", b"\x00", b"&bogus;", b"<x>", "ü".encode("latin-1"),
                           bytes(rng.randrange(256) for _ in range(8))])
        return body[:at] + junk + body[at:], f"{junk!r} at {at}"
    return _xml_edit(rng, data, edit, "garbage")


def huge_number(rng, data):
    def edit(rng, body):
        values = list(re.finditer(rb"<v>([^<]*)</v>", body))
        number = rng.choice(_NUMBERS).encode()
        if not values:
            return body, "no <v>"
        chosen = rng.sample(values, min(len(values), rng.randint(1, 4)))
        for m in sorted(chosen, key=lambda m: m.start(), reverse=True):
            body = body[:m.start(1)] + number + body[m.end(1):]
        return body, f"{number!r} in {len(chosen)} <v>"
    return _xml_edit(rng, data, edit, "number")


def far_cell(rng, data):
    def edit(rng, body):
        ref = rng.choice(["XFD1048576", "A1048576", "ZZ99999", "XFD1"])
        row = re.sub("[A-Z]", "", ref)
        cell = f'<row r="{row}"><c r="{ref}"><v>1</v></c></row>'.encode()
        return body.replace(b"</sheetData>", cell + b"</sheetData>", 1), ref
    return _xml_edit(rng, data, edit, "far cell")


def unknown_root(rng, data):
    def edit(rng, body):
        m = re.search(rb"<([A-Za-z][\w:]*)[\s>/]", body[body.find(b"?>") + 2 if body.startswith(b"<?") else 0:])
        if not m:
            return b"<foo/>", "replaced by <foo/>"
        name = m.group(1)
        return body.replace(b"<" + name, b"<foo", 1).replace(b"</" + name + b">", b"</foo>"), name.decode()
    return _xml_edit(rng, data, edit, "unknown root")


MUTATIONS = [flip_bytes, delete_member, duplicate_member, rename_member, truncate_element, drop_attribute,
             garbage_text, huge_number, huge_number, far_cell, unknown_root]


def mutate(case: int) -> tuple[str, bytes, list[str]]:
    """The seed file's name, the mutated bytes and what was done, for case number `case`."""
    rng = random.Random(f"{SEED}-{case}")
    pool = seeds()
    # the example and the PK workbook reach the computations: half of the cases start there
    name, data = pool[rng.randrange(2)] if rng.random() < 0.5 or len(pool) == 2 else rng.choice(pool[2:])
    done = []
    for _ in range(1 if rng.random() < 0.7 else 2):
        try:
            data, what = rng.choice(MUTATIONS)(rng, data)
        except (zipfile.BadZipFile, zlib.error, ValueError, EOFError, IndexError, OSError) as exc:
            data, what = flip_bytes(rng, data)[0], f"flip bytes (zip unreadable after: {type(exc).__name__})"
        done.append(what)
    return name, data, done


def test_mutated_workbook_never_crashes_compute(tmp_path, fuzz_case):
    name, data, done = mutate(fuzz_case)
    where = f"case {fuzz_case} (seed {SEED}) from {name}: {'; '.join(done)}"
    src = tmp_path / "masuk.xlsx"
    src.write_bytes(data)
    out = tmp_path / "hasil.xlsx"
    res = CliRunner().invoke(main, ["compute", str(src), "-o", str(out)])
    assert res.exception is None or isinstance(res.exception, SystemExit), \
        f"{where}: unhandled {type(res.exception).__name__}: {res.exception}"
    assert "Traceback" not in res.output, where
    assert "galat internal" not in res.output, f"{where}: {res.output[-600:]}"
    assert res.exit_code in COMPUTE_EXITS, f"{where}: exit {res.exit_code}: {res.output[-600:]}"
    assert src.read_bytes() == data, f"{where}: input changed"
    if res.exit_code != 0:
        assert not out.exists(), f"{where}: refused (exit {res.exit_code}) but an output was written"
        return
    assert out.exists(), where
    problems = check_package(out.read_bytes())
    assert problems == [], f"{where}: {problems[:5]}"
    failure = _openpyxl_failure(out)
    if failure is not None and failure != _openpyxl_failure(src):
        pytest.fail(f"{where}: output does not open in openpyxl ({failure}), the input does")


def _openpyxl_failure(path: Path) -> str | None:
    import warnings

    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            openpyxl.load_workbook(path).close()
    except Exception as exc:  # noqa: BLE001
        return type(exc).__name__
    return None


def test_mutations_are_reproducible():
    assert mutate(7) == mutate(7)
    assert len({mutate(k)[1] for k in range(12)}) > 6
