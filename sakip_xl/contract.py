"""What a section is, and what it sees while it runs: the contract between the engine and
the sections (pk/, anggaran/, renstra/, skm/, ...). It imports nothing of sakip_xl, so every
layer may name it; the registry of sections is `sakip_xl.sections`, above them all."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass
class Context:
    """What a section sees while analysing a workbook."""

    book: Any                      # read.reader.WorkbookData
    settings: Any                  # read.settings.Settings
    date1904: bool
    findings: list = field(default_factory=list)
    results: dict = field(default_factory=dict)   # section key -> result of its analyze()
    layouts: dict = field(default_factory=dict)   # section key -> layout its sheet writer returned
    known_sheets: frozenset = frozenset()         # normalized names of every input and tool sheet


@dataclass(frozen=True)
class Section:
    """One area of the workbook. `analyze` reads the section's input sheets through the
    context and returns its result (None when its sheets are absent); `render` writes its
    computed sheets and may return a layout object the later sections' writers reference."""

    key: str
    input_sheets: tuple                         # read.schema.TableSheet
    output_sheets: tuple[str, ...]
    analyze: Callable[[Context], Any]
    render: Callable[[Any, Any, Context, Any], Any]   # (workbook, formats, context, result) -> layout or None
    codes: tuple = ()                           # findings.Code, every code the section raises
    settings: tuple = ()                        # read.schema.Setting
    example_rows: dict = field(default_factory=dict)      # input sheet name -> rows for the example workbook
    example_settings: dict = field(default_factory=dict)  # setting key -> value for the example workbook
    template_rows: dict = field(default_factory=dict)     # input sheet name -> rows the blank template holds
    settings_tables: Callable | None = None               # (ws, first_row, styles, values) -> next row, in Pengaturan
