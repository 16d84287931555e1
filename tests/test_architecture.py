"""The package's floor plan (docs/ARCHITECTURE.md): layers that only import downward, no import
cycle, and one shape for every section."""
from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from sakip_xl.contract import Section
from sakip_xl.sections import sections
from support.imports import LAYERS, cycles, graph, layer_of, modules, upward

ROOT = Path(__file__).resolve().parents[1]
SECTION_FILES = ("__init__", "schema", "codes", "analyze", "sheet", "examples")


@pytest.fixture(scope="module")
def edges():
    return graph(ROOT)


def test_the_graph_sees_every_kind_of_import(edges):
    # The checks below are only as good as the graph: a top-level relative import, a function-level
    # import and the implicit import of a package's __init__ must all be edges.
    assert "sakip_xl.read.reader" in edges["sakip_xl.engine"]                 # module level
    assert "sakip_xl.skm.hasil" in edges["sakip_xl.skm"]                      # inside a function
    assert "sakip_xl.pk" in edges["sakip_xl.renstra.sheet"]                   # pk/__init__ runs first
    assert "sakip_xl.pk" not in edges["sakip_xl.pk.sheet"]                    # but not from inside pk/


def test_no_import_cycle(edges):
    assert cycles(edges) == []


def test_no_layer_imports_a_higher_one(edges):
    assert upward(edges) == []


def test_every_module_has_a_layer():
    for name in modules(ROOT):
        layer_of(name)      # raises for a module no layer claims


def test_the_checks_can_fail():
    # A planted upward import and a planted cycle are found.
    planted = {"sakip_xl.findings": {"sakip_xl.engine"}, "sakip_xl.engine": {"sakip_xl.findings"}}
    assert upward(planted) == [("sakip_xl.findings", "sakip_xl.engine")]
    assert cycles(planted) == [["sakip_xl.engine", "sakip_xl.findings"]]
    assert [name for name, _ in LAYERS][:3] == ["core", "xlsx", "read"]


@pytest.mark.parametrize("section", sections(), ids=lambda s: s.key)
def test_every_section_has_the_same_files(section: Section):
    package = _package_of(section)
    folder = ROOT / "sakip_xl" / package.split(".")[-1]
    missing = [f for f in SECTION_FILES if not (folder / f"{f}.py").exists()]
    assert missing == [], f"{package} lacks {missing}"
    init = importlib.import_module(package)
    codes = importlib.import_module(package + ".codes")
    assert init.SECTION is section
    assert tuple(codes.CODES) == section.codes and section.codes, "the section declares the codes of its codes.py"
    prefixes = {c.code.split("-")[0] for c in section.codes}
    assert len(prefixes) == 1, f"one code prefix per section, found {sorted(prefixes)}"


def _package_of(section: Section) -> str:
    return section.analyze.__module__.rsplit(".", 1)[0]


def _loaded_by(statement: str) -> set[str]:
    import subprocess
    import sys
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=ROOT, env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    return set(done.stdout.split())


def test_the_command_line_starts_light():
    # Every command pays the CLI's import: --help must not load the engine, a section, the
    # rekap's workers or the heavy libraries (they come with the command that needs them).
    loaded = _loaded_by("import sakip_xl.cli")
    heavy = {"xlsxwriter", "numpy", "lxml", "python_calamine", "docx", "sakip_xl.engine", "sakip_xl.sections",
             "sakip_xl.rekap.run", "sakip_xl.catalogue"}
    assert loaded & heavy == set()


def test_the_engine_loads_no_writer_before_it_reads():
    # A big sheet's background parse starts before the writers load (engine.analyze): importing the
    # engine loads no section and no xlsxwriter.
    loaded = _loaded_by("import sakip_xl.engine")
    assert {m for m in loaded if m.split(".")[:2] == ["sakip_xl", "pk"] or m in ("xlsxwriter", "numpy")} == set()
