"""What a clerk reads on the console is Indonesian, and findings come most severe first, grouped.

Click prints its own English ("Usage:", "Missing argument", "Show this message and exit.")
unless sakip_xl/clitext.py translates it: every --help and the usual mistakes are run here
and checked against a list of known English offenders.
"""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from support.builders import example
from sakip_xl import findings as F
from sakip_xl.catalogue import catalogue, catalogue_markdown
from sakip_xl.cli import main
from sakip_xl.console import compress_places, lines

# Words and phrases that have reached users in English before (click's texts, class names, typos).
OFFENDERS = [
    "Usage", "Options", "Commands", "Error", "Missing", "No such", "Try ", "for help", "does not exist",
    "Invalid value", "Show this message", "Show the version", "and exit", "Did you mean", "is not one of",
    "is not a valid", "Got unexpected", "requires an argument", "does not take a value", "default:",
    "required]", "[OPTIONS]", "COMMAND", "ARGS", "INTEGER", "RANGE", "PATH", "OUTPUT", "Aborted",
    "not in the range", "Traceback", "Exception", "berkata sandi", ", version",
]


def _offenders(text: str) -> list[str]:
    return [w for w in OFFENDERS if re.search(r"(?<![A-Za-z])" + re.escape(w), text)]


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="sakip-xl", env=env)


COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("name", [""] + COMMANDS)
def test_every_help_is_indonesian(name):
    res = run(*([name] if name else []), "--help")
    assert res.exit_code == 0
    assert not _offenders(res.output), (name, _offenders(res.output), res.output)
    assert "Cara pakai: sakip-xl" in res.output and "Opsi:" in res.output
    assert "Tampilkan bantuan ini lalu keluar." in res.output


BAD = [
    ([], 2),                                   # no command: the group's help (click: exit 2)
    (["compute"], 2),                          # missing WORKBOOK
    (["comput", "x.xlsx"], 2),                 # no such command, close to one
    (["hitungan"], 2),                         # no such command at all
    (["compute", "--foo", "x.xlsx"], 2),       # no such option
    (["check", "--format", "xml", "x.xlsx"], 2),
    (["check", "--tingkat", "berat", "x.xlsx"], 2),
    (["check", "a.xlsx", "b.xlsx"], 2),        # extra argument
    (["codes", "--format"], 2),                # option without its value
    (["recap", "-j", "0", "."], 2),            # out of range
    (["recap", "-j", "dua", "."], 2),          # not a number
    (["rekap"], 2),                            # the Indonesian name of recap, missing FOLDER
    (["template"], 2),
    (["report"], 2),
    (["check", "tidak-ada.xlsx"], 3),
    (["recap", "tidak-ada"], 3),
]


@pytest.mark.parametrize("args,code", BAD, ids=[" ".join(a) or "(none)" for a, _ in BAD])
def test_bad_invocations_answer_in_indonesian(args, code, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = run(*args)
    assert res.exit_code == code, res.output
    assert not _offenders(res.output), (args, _offenders(res.output), res.output)
    if code == 2 and args:
        assert "Galat:" in res.output


def test_rekap_is_recap():
    assert run("rekap", "--help").output == run("recap", "--help").output


def test_password_help_of_read_only_commands_does_not_promise_re_encryption():
    for name in ("check", "report"):
        text = " ".join(run(name, "--help").output.split())
        sandi = text[text.index("--sandi"):]
        sandi = sandi[:sandi.index("SAKIP_XL_SANDI")]
        assert "dienkripsi" not in sandi and "tidak diubah" in sandi, name
    # the report itself is protected with the workbook's password (a .docx, not the workbook)
    assert "Laporan Word dilindungi dengan sandi yang sama" in " ".join(run("report", "--help").output.split())
    assert "dienkripsi lagi" in " ".join(run("compute", "--help").output.split())


def test_version_text():
    res = run("--version")
    assert res.exit_code == 0 and res.output.startswith("sakip-xl ")


def test_catalogue_texts_have_no_click_english():
    for c in catalogue():
        for text in (c.title, c.template, c.hint):
            assert not _offenders(text.replace("Google Form", "")), (c.code, text)


# --- ordering and grouping ----------------------------------------------------------------

def _finding(code, severity, sheet, cell, message="m", hint="h"):
    return F.Finding(code, severity, sheet, cell, message, hint)


def test_places_compress_consecutive_rows_per_column():
    found = [_finding("SKM-003", F.PERINGATAN, "SKM", f"I{r}") for r in range(5, 55)]
    found += [_finding("SKM-003", F.PERINGATAN, "SKM", "I60"), _finding("SKM-003", F.PERINGATAN, "SKM", "J7"),
              _finding("SKM-003", F.PERINGATAN, "PK", "C5"), _finding("SKM-003", F.PERINGATAN, "SKM", "")]
    assert compress_places(found) == "SKM!I5–I54, I60, J7; PK!C5; SKM"


def test_console_orders_by_severity_and_groups_repeats():
    found = [_finding("SKM-003", F.PERINGATAN, "SKM", f"I{r}", f"jawaban baris {r}", "isi 1-4") for r in range(5, 55)]
    found.append(_finding("SET-003", F.INFO, "Pengaturan", "", "info", "buat template"))
    found.append(_finding("PK-008", F.GALAT, "PK", "I5", "capaian salah", "ganti capaian"))
    found.append(_finding("WB-001", F.GALAT, "Capaian", "J5", "diketik", "jalankan compute"))
    text = lines(found, {F.GALAT: 2, F.PERINGATAN: 50, F.INFO: 1})
    heads = [x for x in text if not x.startswith(" ")]
    assert heads[1:] == ["GALAT:", "PERINGATAN:", "INFO:"]
    assert text.index("  PK-008 PK!I5: capaian salah") < text.index("  WB-001 Capaian!J5: diketik") \
        < text.index("  SKM-003 × 50: SKM!I5–I54") < text.index("  SET-003 Pengaturan: info")
    assert sum("SKM-003" in x for x in text) == 1
    assert sum("jawaban baris" in x for x in text) == 3            # a few examples, the rest counted
    assert any("dan 47 lainnya" in x for x in text)
    for hint in ("isi 1-4", "buat template", "ganti capaian", "jalankan compute"):
        assert text.count(f"      Perbaikan: {hint}") == 1


def test_check_on_a_workbook_with_mixed_findings(tmp_path):
    src = example(tmp_path)
    every = json.loads(run("check", src, "--format", "json").stdout)
    res = run("check", src)
    assert res.exit_code == 1
    out = res.stdout.splitlines()
    assert not _offenders(res.stdout)
    # severities in order, each at most once
    heads = [x for x in out[1:] if not x.startswith(" ")]
    order = [s.upper() + ":" for s in (F.GALAT, F.PERINGATAN, F.INFO) if any(f["severity"] == s for f in every)]
    assert heads == order and len(order) == 3
    # each code is one group, under its severity, counted as in the JSON list
    for code in {f["code"] for f in every}:
        members = [f for f in every if f["code"] == code]
        group = [x for x in out if re.match(rf"  {re.escape(code)}[ :]", x)]
        assert len(group) == 1, code
        if len(members) > 1:
            assert group[0].startswith(f"  {code} × {len(members)}: ")
        head = [x for x in out[: out.index(group[0])] if not x.startswith(" ")][-1]
        assert head == members[0]["severity"].upper() + ":"
    # the hint of each code once
    for code in {f["code"] for f in every}:
        hint = next(f["hint"] for f in every if f["code"] == code)
        at = out.index(next(x for x in out if re.match(rf"  {re.escape(code)}[ :]", x)))
        following = out[at + 1:]
        end = next((i for i, x in enumerate(following) if not x.startswith("      ")), len(following))
        assert following[:end].count(f"      Perbaikan: {hint}") == 1, code
