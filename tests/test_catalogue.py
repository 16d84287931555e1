"""The findings catalogue: documented, citable, and in step with what the code raises."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from support.builders import example
from sakip_xl import findings as F
from sakip_xl.catalogue import catalogue, catalogue_markdown
from sakip_xl.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "contoh-check.json"


def test_docs_are_generated_from_the_catalogue():
    doc = (ROOT / "docs" / "kode-temuan.md").read_text(encoding="utf-8")
    assert doc == catalogue_markdown(), "docs/kode-temuan.md is stale: sakip-xl codes --format markdown"


def test_codes_are_stable_and_well_formed():
    for c in catalogue():
        assert re.fullmatch(r"[A-Z]{2,4}-\d{3}", c.code), c.code
        assert c.severity in F.SEVERITY_ORDER
        assert c.title and c.template and c.hint


def test_unknown_code_is_a_programming_error():
    with pytest.raises(KeyError):
        F.make("XX-999", "PK", "A1")


def test_example_findings_match_golden(tmp_path):
    """The seed example's findings, as the Inspektorat's JSON, are pinned in a golden file.

    Regenerate deliberately with SAKIP_UPDATE_GOLDEN=1 after reviewing the change.
    """
    res = CliRunner().invoke(main, ["check", str(example(tmp_path)), "--format", "json"])
    assert res.exit_code in (0, 1), res.output
    got = json.loads(res.stdout)
    if os.environ.get("SAKIP_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))
