import os
import sys

import pytest

# Test helpers live in tests/support: `from support.lo_oracle import ...`.
_TESTS_DIR = os.path.dirname(os.path.abspath(__file__))
if _TESTS_DIR not in sys.path:
    sys.path.insert(0, _TESTS_DIR)


def pytest_runtest_setup(item):
    # Every @pytest.mark.libreoffice test needs soffice: skip without it, fail in CI.
    if item.get_closest_marker("libreoffice") is not None:
        from support.lo_oracle import require_soffice

        require_soffice()


# --- Every code in the findings catalogue must be raised by at least one test.
# Each worker records the codes raised while it ran; the controlling process
# checks the union when the whole suite ran (not when a subset was selected).
import json as _json
import tempfile as _tempfile
from pathlib import Path as _Path

_RAISED: set = set()
_ENV = "SAKIP_RAISED_CODES_DIR"


def pytest_configure(config):
    from sakip_xl import findings

    findings._observers.append(_RAISED.add)
    if not hasattr(config, "workerinput") and _ENV not in os.environ:
        os.environ[_ENV] = _tempfile.mkdtemp(prefix="sakip-codes-")


def _whole_suite(config) -> bool:
    args = [a for a in config.args if a]
    root = _Path(str(config.rootpath))
    full = (not args) or all(_Path(a).resolve() in (root, root / "tests") for a in args)
    return full and not config.option.keyword and not config.option.markexpr and not getattr(config.option, "lf", False)


def pytest_sessionfinish(session, exitstatus):
    folder = os.environ.get(_ENV)
    if not folder:
        return
    worker = getattr(session.config, "workerinput", {}).get("workerid", "main")
    (_Path(folder) / f"{worker}.json").write_text(_json.dumps(sorted(_RAISED)))
    if hasattr(session.config, "workerinput") or exitstatus != 0 or not _whole_suite(session.config):
        return
    from sakip_xl.catalogue import catalogue

    raised = set()
    for f in _Path(folder).glob("*.json"):
        raised |= set(_json.loads(f.read_text()))
    never = sorted(c.code for c in catalogue() if c.code not in raised)
    if never:
        session.config._sakip_never_raised = never
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    never = getattr(config, "_sakip_never_raised", None)
    if never:
        terminalreporter.write_line(
            f"FAILED catalogue coverage: codes never raised by any test: {', '.join(never)}", red=True)
    # Counts a test reported with record_property("summary", ...) (the corpus runs): shown even under xdist.
    lines = [value for key in ("passed", "failed") for rep in terminalreporter.stats.get(key, [])
             if getattr(rep, "when", "") == "call" for name, value in getattr(rep, "user_properties", [])
             if name == "summary"]
    if lines:
        terminalreporter.write_sep("-", "counts")
        for line in sorted(lines):
            terminalreporter.write_line(line)


# --- Hypothesis: no per-example deadline (CI machines are shared and slow);
# a test that needs a budget sets max_examples itself.
from hypothesis import settings as _hyp_settings

_hyp_settings.register_profile("sakip", deadline=None)
_hyp_settings.load_profile("sakip")


# --- The mutation fuzzer (tests/test_fuzz.py): how many cases; SAKIP_FUZZ_CASES does the same.
def pytest_addoption(parser):
    parser.addoption("--fuzz-cases", type=int, default=None,
                     help="number of mutated workbooks tests/test_fuzz.py runs (default 300)")


@pytest.fixture
def monkeypatch_plain(monkeypatch):
    """Whether each piece of a big sheet was read by read/plainpiece.py (True) or left to
    calamine (False), in the order the pieces finished."""
    from sakip_xl.read import plainpiece

    seen: list[bool] = []
    original = plainpiece.read

    def spy(*args):
        out = original(*args)
        seen.append(out is not None)
        return out

    monkeypatch.setattr(plainpiece, "read", spy)
    return seen
