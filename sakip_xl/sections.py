"""The registry of sections: each owns input sheets, settings and computed sheets.

A section is one area of the workbook (PK and capaian, SKM, anggaran, ...). The
engine runs every section in order; each reads its input through the context,
adds findings to it, and writes its computed sheets. Adding an area means adding
a module and one line to SECTIONS, nothing else.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from sakip_xl.read.schema import PENGATURAN, Setting, TableSheet


@dataclass
class Context:
    """What a section sees while analysing a workbook."""

    book: Any                      # reader.WorkbookData
    settings: Any                  # settings.Settings
    date1904: bool
    findings: list = field(default_factory=list)
    results: dict = field(default_factory=dict)   # section key -> result of its analyze()


@dataclass(frozen=True)
class Section:
    key: str
    input_sheets: tuple[TableSheet, ...]
    output_sheets: tuple[str, ...]
    analyze: Callable[[Context], Any]           # returns None when the section's sheets are absent
    render: Callable[[Any, Any, Context, Any], None]   # (workbook, formats, context, result)
    settings: tuple[Setting, ...] = ()
    example_rows: dict = field(default_factory=dict)      # input sheet name -> rows for the example workbook
    example_settings: dict = field(default_factory=dict)  # setting key -> value for the example workbook
    template_rows: dict = field(default_factory=dict)     # input sheet name -> rows the blank template holds
    settings_tables: Callable | None = None               # (ws, first_row, styles, values) -> next row, in Pengaturan


def _pk_section() -> Section:
    from sakip_xl.pk import analyze as pk

    return pk.section()


def sections() -> list[Section]:
    """Every section, in the order its sheets appear in the finished workbook."""
    from sakip_xl import analisis, anggaran, lke, rencana_aksi, renstra, skm
    return [_pk_section(), anggaran.SECTION, renstra.SECTION, skm.SECTION, analisis.SECTION, lke.SECTION,
            rencana_aksi.SECTION]


def all_settings() -> tuple[Setting, ...]:
    extra = tuple(s for sec in sections() for s in sec.settings)
    return PENGATURAN.settings + extra


def all_input_sheets() -> tuple[TableSheet, ...]:
    return tuple(sheet for sec in sections() for sheet in sec.input_sheets)


FINDINGS_SHEET = "Pemeriksaan"


def tool_sheets() -> tuple[str, ...]:
    return tuple(name for sec in sections() for name in sec.output_sheets) + (FINDINGS_SHEET,)
