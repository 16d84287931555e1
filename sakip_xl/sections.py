"""The registry of sections: each owns input sheets, settings, finding codes and computed sheets.

A section is one area of the workbook (PK and capaian, SKM, anggaran, ...), a package with the
same files: `__init__` (its `SECTION` only), `schema`, `codes`, `analyze`, `sheet`, `examples`.
The engine runs every section in order; each reads its input through the context, adds
findings to it, and writes its computed sheets. Adding an area means adding a package and one
line to `_BUILT_IN`, nothing else (tests/test_contract.py shows it with a toy section).
"""
from __future__ import annotations

import contextlib

from sakip_xl.contract import Context, Section
from sakip_xl.read.reader import _without_year
from sakip_xl.read.schema import PENGATURAN, Setting, TableSheet, normalize_header

__all__ = ["Context", "Section", "sections", "all_settings", "all_input_sheets", "tool_sheets",
           "is_input_sheet_name", "known_sheet_names", "registered", "FINDINGS_SHEET"]

_extra: list[Section] = []   # sections registered at run time (the contract test's toy section)


def _built_in() -> list[Section]:
    from sakip_xl import analisis, anggaran, lke, pk, rencana_aksi, renstra, skm
    return [pk.SECTION, anggaran.SECTION, renstra.SECTION, skm.SECTION, analisis.SECTION, lke.SECTION,
            rencana_aksi.SECTION]


def sections() -> list[Section]:
    """Every section, in the order its sheets appear in the finished workbook."""
    return _built_in() + list(_extra)


@contextlib.contextmanager
def registered(section: Section):
    """Run with one more section (appended after the built-in ones)."""
    _extra.append(section)
    try:
        yield section
    finally:
        _extra.remove(section)


def all_settings() -> tuple[Setting, ...]:
    extra = tuple(s for sec in sections() for s in sec.settings)
    return PENGATURAN.settings + extra


def all_input_sheets() -> tuple[TableSheet, ...]:
    return tuple(sheet for sec in sections() for sheet in sec.input_sheets)


FINDINGS_SHEET = "Pemeriksaan"


def tool_sheets() -> tuple[str, ...]:
    return tuple(name for sec in sections() for name in sec.output_sheets) + (FINDINGS_SHEET,)


def is_input_sheet_name(name: str) -> bool:
    """A name the reader would take for an input sheet of the schema (or the template's Petunjuk):
    the splice never replaces such a sheet."""
    wanted = {normalize_header("Petunjuk")}
    for spec in (PENGATURAN,) + tuple(all_input_sheets()):
        wanted |= {normalize_header(n) for n in (spec.name,) + tuple(getattr(spec, "aliases", ()))}
    norm = normalize_header(name)
    return norm in wanted or _without_year(norm) in wanted


def known_sheet_names() -> frozenset:
    """Normalized names of every input sheet (with aliases), tool sheet, Pengaturan and Petunjuk."""
    known = {normalize_header(n) for spec in all_input_sheets() for n in (spec.name,) + spec.aliases}
    known |= {normalize_header(n) for n in tool_sheets() + ("Pengaturan", "Petunjuk")}
    return frozenset(known)
