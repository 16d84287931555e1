"""README: the two commands first, then the clerk's guide; its commands and exit codes match --help."""
from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from sakip_xl.cli import main
from sakip_xl.clitext import Group

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _help(*args) -> str:
    res = CliRunner().invoke(main, [*args, "--help"], prog_name="sakip-xl")
    assert res.exit_code == 0
    return res.output


def _help_commands() -> set[str]:
    text = _help()
    block = text[text.index("Perintah:"):]
    return {m.group(1) for m in re.finditer(r"^  ([a-z]+)\s", block, re.M)}


def _help_exit_codes() -> set[int]:
    codes = set()
    for name in [None, *sorted(main.commands)]:
        text = _help(*([name] if name else []))
        codes |= {int(m.group(1)) for m in re.finditer(r"^\s{4}(\d)\s{2}", text, re.M)}
        one_line = " ".join(text.split())
        for part in re.findall(r"Kode keluar: ([^.]*)", one_line):
            codes |= {int(n) for n in re.findall(r"(?:^|; )(\d) ", part)}
    return codes


def _section(title: str) -> str:
    start = README.index(title)
    end = README.find("\n#", start + 1)
    return README[start:end]


def test_readme_opens_with_the_two_commands_then_the_clerks_guide():
    lines = README.splitlines()
    block = lines[lines.index("```bash") + 1: lines.index("```")]
    assert lines.index("```bash") < 4
    assert block[0].startswith("python -m pip install") and " && sakip-xl compute " in block[0]
    assert "pytest" in block[1]
    guide = next(i for i, x in enumerate(lines) if x.startswith("## Panduan singkat untuk petugas"))
    assert guide < 15                                            # the first screen
    first_screen = "\n".join(lines[:guide + 60])
    for words in ("Add python.exe to PATH", "py -m pip install sakip-xl", "cmd", "tutup Excel",
                  "Pemeriksaan", "compute"):
        assert words in first_screen, words


def test_internals_live_in_docs():
    clerk_part = README[:README.index("## English")]
    for word in ("calamine", "bigsheet", "numpy", "memfd", "inflate"):
        assert word not in clerk_part, word
    internals = (Path(__file__).resolve().parent.parent / "docs" / "INTERNALS.md").read_text(encoding="utf-8")
    assert "bigsheet" in internals and "docs/INTERNALS.md" in README


def test_every_command_in_help_is_in_the_readme_and_back():
    table = _section("### Perintah dan kode keluar")
    listed = {m.group(1) for m in re.finditer(r"^\| `sakip-xl ([a-z]+)", table, re.M)}
    assert listed == _help_commands()
    # every command the README shows anywhere (in code) exists
    shown = set(re.findall(r"`sakip-xl ([a-z]+)", README))
    for block in re.findall(r"^```[a-z]*\n(.*?)^```", README, re.M | re.S):
        shown |= set(re.findall(r"(?:^|&& )sakip-xl ([a-z]+)", block, re.M))
    known = _help_commands() | set(Group.ALIASES)
    assert shown <= known, shown - known
    assert _help_commands() <= shown


def test_every_exit_code_in_help_is_in_the_readme_and_back():
    table = _section("### Perintah dan kode keluar")
    readme_codes = {int(n) for n in re.findall(r"^\| (\d) \|", table, re.M)}
    assert readme_codes == _help_exit_codes()
