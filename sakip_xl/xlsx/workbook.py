"""The workbook part of a package: sheets, defined names and the tool's markers (private)."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from sakip_xl.xlsx.opc import Package, Rel, rels_name
from sakip_xl.xlsx.xmlutil import NS_R, child, children
from sakip_xl.xlsx.zipio import ZipFormatError

TOOL_MARKER = "_sakip_xl_sheets"  # hidden workbook-level name listing the tool's sheets
VERSION_MARKER = "_sakip_xl_version"  # hidden name holding the version that wrote them
# Hidden sheet-scoped name on every sheet the tool wrote, holding that sheet's own name. It
# lives and dies with the sheet (Excel and LibreOffice delete a sheet's names with it and keep
# them on save), so a sheet the user makes later under the same name does not carry it.
SHEET_MARKER = "_sakip_xl_sheet"

WORKBOOK_ORDER = [
    "fileVersion",
    "fileSharing",
    "workbookPr",
    "workbookProtection",
    "bookViews",
    "sheets",
    "functionGroups",
    "externalReferences",
    "definedNames",
    "calcPr",
    "oleSize",
    "customWorkbookViews",
    "pivotCaches",
    "smartTagPr",
    "smartTagTypes",
    "webPublishing",
    "fileRecoveryPr",
    "webPublishObjects",
    "extLst",
]


def string_constant(value: str) -> str:
    """An Excel formula string constant; long values are joined with & (255 max each)."""
    chunks = [value[i : i + 255] for i in range(0, len(value), 255)] or [""]
    return "&".join('"' + c.replace('"', '""') + '"' for c in chunks)


def parse_string_constant(formula: str | None) -> str | None:
    """Inverse of :func:`_string_constant`; ``None`` when it is not a string constant."""
    if formula is None:
        return None
    text = formula.strip()
    if text.startswith("="):
        text = text[1:].lstrip()
    out, i = [], 0
    while True:
        if i >= len(text) or text[i] != '"':
            return None
        i += 1
        while True:
            j = text.find('"', i)
            if j < 0:
                return None
            out.append(text[i:j])
            if text[j + 1 : j + 2] == '"':
                out.append('"')
                i = j + 2
                continue
            i = j + 1
            break
        rest = text[i:].lstrip()
        if not rest:
            return "".join(out)
        if rest[0] != "&":
            return None
        text, i = rest[1:].lstrip(), 0


def encode_names(names: list[str]) -> str:
    # "\" can never be part of a sheet name, so "\|" escapes a "|" inside one.
    return "|".join(n.replace("|", "\\|") for n in names)


def decode_names(value: str) -> list[str]:
    names, cur, i = [], [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and value[i + 1 : i + 2] == "|":
            cur.append("|")
            i += 2
            continue
        if ch == "|":
            names.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    names.append("".join(cur))
    return [n for n in names if n]




@dataclass
class Sheet:
    el: etree._Element
    name: str
    rel: Rel | None

    @property
    def visible(self) -> bool:
        return self.el.get("state", "visible") == "visible"

    @property
    def part(self) -> str | None:
        return self.rel.part if self.rel is not None else None


class Book:
    """The workbook part of a package and what hangs off it."""

    def __init__(self, pkg: Package):
        self.pkg = pkg
        self.part = pkg.workbook_part()
        if self.part is None:
            raise ZipFormatError("workbook part missing")
        self.root = pkg.xml(self.part)
        self.rels_part = pkg.find(rels_name(self.part)) or rels_name(self.part)
        self.rels = pkg.rels(self.part)
        by_id = {r.id: r for r in self.rels}
        self.sheets_el = child(self.root, "sheets")
        if self.sheets_el is None:
            raise ZipFormatError("workbook without <sheets>")
        self.sheets = [
            Sheet(el, el.get("name", ""), by_id.get(el.get(f"{{{NS_R}}}id", "")))
            for el in children(self.sheets_el, "sheet")
        ]

    def rel_of_kind(self, kind: str) -> Rel | None:
        for r in self.rels:
            if r.kind == kind and not r.external:
                return r
        return None

    def defined_names(self) -> list[etree._Element]:
        dn = child(self.root, "definedNames")
        return [] if dn is None else children(dn, "definedName")

    def global_name(self, name: str) -> str | None:
        for el in self.defined_names():
            if el.get("localSheetId") is None and el.get("name", "").lower() == name.lower():
                return el.text
        return None

    def owned(self) -> list[str]:
        """The sheets named in the hidden list the tool writes (a claim, not a proof: see splice)."""
        value = parse_string_constant(self.global_name(TOOL_MARKER))
        return decode_names(value) if value else []

    def marked(self) -> list[str]:
        """The sheets carrying the tool's sheet-scoped mark whose value is their own name."""
        out = []
        for el in self.defined_names():
            if el.get("name", "").lower() != SHEET_MARKER.lower():
                continue
            pos = el.get("localSheetId")
            if pos is None or not pos.isdigit() or int(pos) >= len(self.sheets):
                continue
            sheet = self.sheets[int(pos)]
            if parse_string_constant(el.text) == sheet.name and sheet.name not in out:
                out.append(sheet.name)
        return out

    def tool_version(self) -> str | None:
        return parse_string_constant(self.global_name(VERSION_MARKER))
