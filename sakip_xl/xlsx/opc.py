"""Open Packaging Conventions: parts, relationships and content types (private)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import unquote

from lxml import etree

from sakip_xl.xlsx.xmlutil import local, parse
from sakip_xl.xlsx.zipio import ZipArchive, ZipMember

REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL_OFFICE_DOCUMENT = REL_BASE + "officeDocument"
CONTENT_TYPES = "[Content_Types].xml"
ROOT_RELS = "_rels/.rels"


def rel_kind(rel_type: str) -> str:
    """The last segment of a relationship type: 'worksheet', 'styles', ..."""
    return rel_type.rstrip("/").rsplit("/", 1)[-1]


def rels_name(part: str) -> str:
    """Relationship part of ``part`` ('' is the package root)."""
    if not part:
        return ROOT_RELS
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve(source: str, target: str) -> str:
    """Member name addressed by ``target`` from part ``source`` (no leading slash)."""
    target = target.split("#", 1)[0]
    if target.startswith("/"):
        path = target
    else:
        path = posixpath.join("/" + posixpath.dirname(source), target)
    path = posixpath.normpath(path)
    return path.lstrip("/")


def relative(source: str, target: str) -> str:
    """Relative target from part ``source`` to member ``target``, as Excel writes it."""
    return posixpath.relpath("/" + target, "/" + posixpath.dirname(source))


def extension(name: str) -> str:
    """Lower-case extension as OPC sees it ('_rels/.rels' -> 'rels')."""
    base = posixpath.basename(name)
    return base.rsplit(".", 1)[1].lower() if "." in base else ""


@dataclass
class Rel:
    id: str
    type: str
    target: str
    external: bool
    part: str | None  # resolved member name (may not exist) or None when external
    el: etree._Element

    @property
    def kind(self) -> str:
        return rel_kind(self.type)


class Package:
    """Read access to the members of an OOXML zip (nothing is decompressed eagerly)."""

    def __init__(self, data: bytes):
        self.zip = ZipArchive(data)
        self.members: dict[str, ZipMember] = {}
        self._lower: dict[str, str] = {}
        for m in self.zip.members:
            if m.name.endswith("/"):
                continue  # directory entry
            self.members.setdefault(m.name, m)
            self._lower.setdefault(m.name.lower(), m.name)
        self._xml: dict[str, etree._Element] = {}

    def find(self, name: str | None) -> str | None:
        """Actual member name for ``name``, matched case-insensitively."""
        if name is None:
            return None
        if name in self.members:
            return name
        found = self._lower.get(name.lower())
        if found is None and "%" in name:
            found = self._lower.get(unquote(name).lower())
        return found

    def read(self, name: str) -> bytes:
        return self.zip.read(self.members[name])

    def xml(self, name: str) -> etree._Element:
        """Parsed (and cached) XML of a member; edits to the tree are kept."""
        if name not in self._xml:
            self._xml[name] = parse(self.read(name), name)
        return self._xml[name]

    def rels(self, part: str) -> list[Rel]:
        name = self.find(rels_name(part))
        if name is None:
            return []
        out = []
        for el in self.xml(name):
            if local(el) != "Relationship":
                continue
            target = el.get("Target", "")
            # "#Sheet1!A1" (an in-document hyperlink) addresses no part.
            external = el.get("TargetMode") == "External" or target.startswith("#")
            resolved = None if external else self.find(resolve(part, target)) or resolve(part, target)
            out.append(Rel(el.get("Id", ""), el.get("Type", ""), target, external, resolved, el))
        return out

    def workbook_part(self) -> str | None:
        for rel in self.rels(""):
            if rel.type == REL_OFFICE_DOCUMENT or (
                rel.kind == "officeDocument" and "purl.oclc.org" in rel.type
            ):
                return self.find(rel.part)
        return self.find("xl/workbook.xml")


class ContentTypes:
    """Parsed ``[Content_Types].xml``."""

    def __init__(self, root: etree._Element):
        self.root = root
        self.defaults: dict[str, str] = {}
        self.overrides: dict[str, str] = {}
        for el in root:
            name = local(el)
            if name == "Default":
                self.defaults.setdefault(el.get("Extension", "").lower(), el.get("ContentType", ""))
            elif name == "Override":
                key = el.get("PartName", "").lstrip("/").lower()
                self.overrides.setdefault(key, el.get("ContentType", ""))

    def of(self, member: str) -> str | None:
        key = member.lower()
        if key in self.overrides:
            return self.overrides[key]
        if "%" in key and unquote(key) in self.overrides:
            return self.overrides[unquote(key)]
        return self.defaults.get(extension(key))
