"""The command line: exit codes, Indonesian messages, stdout and stderr apart."""
from __future__ import annotations

import json

from click.testing import CliRunner

from support.builders import example, filled, free_layout
from sakip_xl.cli import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_compute_prints_findings_and_writes(tmp_path):
    src = example(tmp_path)
    res = run("compute", src, "-o", tmp_path / "hasil.xlsx")
    assert res.exit_code == 0, res.output
    assert "PK-008" in res.stdout and "PK!I5" in res.stdout
    assert (tmp_path / "hasil.xlsx").exists()


def test_check_json_and_exit_code(tmp_path):
    src = example(tmp_path)
    before = src.read_bytes()
    res = run("check", src, "--format", "json")
    assert res.exit_code == 1          # the seed's wrong capaian is an error-level finding
    data = json.loads(res.stdout)
    assert data and set(data[0]) >= {"code", "severity", "sheet", "cell", "message"}
    assert {"code": "PK-008", "sheet": "PK", "cell": "I5"}.items() <= data[0].items()
    assert src.read_bytes() == before


def test_check_clean_workbook_exits_zero(tmp_path):
    src = filled(tmp_path, [{"sasaran": "S", "indikator": "I", "target": 100, "realisasi": 90}])
    res = run("check", src)
    assert res.exit_code == 0, res.output
    assert "0 galat" in res.stdout


def test_missing_file_exit_3_message_on_stderr(tmp_path):
    res = run("compute", tmp_path / "tidak-ada.xlsx")
    assert res.exit_code == 3
    assert "tidak ditemukan" in res.stderr
    assert "Traceback" not in res.output


def test_layout_error_exit_3(tmp_path):
    src = free_layout(tmp_path, {"Lain": [["a"]]})
    res = run("check", src)
    assert res.exit_code == 3
    assert "Lembar 'PK' tidak ditemukan" in res.stderr


def test_usage_error_exit_2():
    res = run("compute")
    assert res.exit_code == 2


def test_template_command(tmp_path):
    res = run("template", tmp_path / "t.xlsx")
    assert res.exit_code == 0
    from sakip_xl.examples import template_bytes
    assert (tmp_path / "t.xlsx").read_bytes() == template_bytes()


def test_codes_lists_catalogue():
    res = run("codes", "--format", "json")
    codes = {c["code"] for c in json.loads(res.stdout)}
    assert {"PK-001", "PK-008", "SET-001"} <= codes


def test_every_command_has_indonesian_help():
    for name, cmd in main.commands.items():
        assert cmd.help and len(cmd.help) > 20, name
    assert "Kode keluar" in run("--help").stdout


def test_console_script_keeps_exit_codes_and_output(tmp_path):
    """The installed `sakip-xl` ends with os._exit: its exit codes and printed text must survive."""
    import subprocess
    import sys

    entry = [sys.executable, "-c", "from sakip_xl.cli import run; run()"]
    src = example(tmp_path)
    done = subprocess.run(entry + ["compute", str(src), "-o", str(tmp_path / "h.xlsx")], capture_output=True,
                          text=True)
    assert done.returncode == 0 and "Selesai" in done.stdout and (tmp_path / "h.xlsx").exists()
    found = subprocess.run(entry + ["check", str(src), "--format", "json"], capture_output=True, text=True)
    assert found.returncode == 1 and json.loads(found.stdout)
    missing = subprocess.run(entry + ["check", str(tmp_path / "tidak-ada.xlsx")], capture_output=True, text=True)
    assert missing.returncode == 3 and "tidak ditemukan" in missing.stderr
    assert subprocess.run(entry + ["compute"], capture_output=True, text=True).returncode == 2
