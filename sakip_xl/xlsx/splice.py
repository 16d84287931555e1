"""Splice the tool's computed sheets into the user's workbook without rewriting it.

The tool writes its sheets with xlsxwriter into a temporary in-memory workbook
("generated"). :func:`splice` moves those sheets, with their drawings, charts,
styles and strings, into the user's original package. Only the package's index
parts are edited (``[Content_Types].xml``, ``xl/workbook.xml`` and its
relationships, ``xl/styles.xml``); every other member is copied as its raw
compressed bytes, so it stays byte-identical and a 60 MB sheet costs a memory copy.
In a workbook whose shared-string table is big (a survey's free-text answers) the
tool's text is written in its own cells (inline strings), so that table is one of
those members too. See ``shared/SPLICE-NOTES.md`` for why each rule exists.
"""

from __future__ import annotations

import posixpath
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable

from lxml import etree

from sakip_xl.errors import InputFileError, OutputError
from sakip_xl.xlsx.container import MSG_CORRUPT, MSG_UNSAFE_XML, _detail, check_container, open_package
from sakip_xl.xlsx.opc import CONTENT_TYPES, ContentTypes, Package, extension, relative, rels_name
from sakip_xl.xlsx.sheetxml import rewrite_sheet_bytes, shared_items
from sakip_xl.xlsx.sst import merge_strings
from sakip_xl.xlsx.workbook import (
    SHEET_MARKER,
    TOOL_MARKER,
    VERSION_MARKER,
    WORKBOOK_ORDER,
    Book,
    Sheet,
    encode_names,
    string_constant,
)
from sakip_xl.xlsx.xmlutil import (
    NS_R,
    UnsafeXmlError,
    child,
    children,
    excel_declaration,
    insert_in_order,
    local,
    ns_of,
    parse,
    serialize,
)
from sakip_xl.xlsx.zipio import ZipFormatError, ZipWriter, deflate
from sakip_xl.xlsx.styles import StyleMap, default_font, merge_styles, minimal_styles

__all__ = [
    "TOOL_MARKER",
    "VERSION_MARKER",
    "PackageInfo",
    "inspect_package",
    "splice",
    "check_container",
]



_SML = "application/vnd.openxmlformats-officedocument.spreadsheetml."
CONTENT_TYPE_BY_KIND = {
    "worksheet": _SML + "worksheet+xml",
    "chartsheet": _SML + "chartsheet+xml",
    "styles": _SML + "styles+xml",
    "sharedStrings": _SML + "sharedStrings+xml",
    "drawing": "application/vnd.openxmlformats-officedocument.drawing+xml",
    "chart": "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
}
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RELS_CONTENT_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
# Parts whose ids must be unique across the workbook (tables, VML shape ids):
# copying them verbatim from the temporary workbook would collide with the user's.
UNSUPPORTED_KINDS = {"table", "comments", "vmlDrawing", "pivotTable", "queryTable", "oleObject", "ctrlProp"}

MSG_CONFLICT = (
    'Lembar "{name}" sudah ada di buku kerja ini dan bukan buatan sakip-xl, '
    "sehingga tidak akan ditimpa. Ganti nama lembar tersebut di Excel (klik kanan tab "
    "lembar > Ganti Nama), simpan, lalu jalankan lagi."
)


@dataclass
class PackageInfo:
    sheet_names: list[str]
    claimed_sheets: list[str]      # marked (or, before marks, listed and noted) as the tool's
    tool_version: str | None
    default_font: tuple[str, float]
    date1904: bool
    is_xlsm: bool

    protected: Callable[[str], bool] | None = None

    @property
    def owned_sheets(self) -> list[str]:
        """The tool's sheets (see owned_sheets()), without those `protected` names."""
        if not hasattr(self, "_owned"):
            self._owned = [n for n in self.claimed_sheets if not _is_protected(n, self.protected)]
        return self._owned


def _is_protected(name: str, protected: Callable[[str], bool] | None) -> bool:
    return protected is not None and protected(name)


def _translate_errors(func):
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except UnsafeXmlError as exc:
            raise InputFileError(MSG_UNSAFE_XML.format(name=str(exc).split(":")[0])) from None
        except ZipFormatError as exc:
            raise InputFileError(MSG_CORRUPT.format(detail=_detail(exc))) from None

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper


# A user's shared-string table bigger than this is not merged with the tool's (see _Splicer._strings).
MERGE_BYTES = 1 << 20


@_translate_errors
def inspect_package(data: bytes, protected: Callable[[str], bool] | None = None) -> PackageInfo:
    """What the tool needs to know about a workbook before writing its sheets. `protected`:
    names the tool never owns, whatever the marks say (the input sheets of the schema)."""
    pkg = open_package(data)
    book = Book(pkg)
    styles_rel = book.rel_of_kind("styles")
    styles_part = pkg.find(styles_rel.part) if styles_rel else None
    styles_root = pkg.xml(styles_part) if styles_part else None
    pr = child(book.root, "workbookPr")
    date1904 = pr is not None and pr.get("date1904", "0").lower() in ("1", "true")
    ctype = ContentTypes(pkg.xml(pkg.find(CONTENT_TYPES))).of(book.part) or ""
    return PackageInfo(
        sheet_names=[s.name for s in book.sheets],
        claimed_sheets=claimed_sheets(pkg, book),
        tool_version=book.tool_version(),
        default_font=default_font(styles_root),
        date1904=date1904,
        is_xlsm="macroenabled" in ctype.lower(),
        protected=protected,
    )


def owned_sheets(pkg: Package, book: Book, protected: Callable[[str], bool] | None = None) -> list[str]:
    """The sheets the tool can prove it wrote: only these may be replaced or removed.

    - A sheet carrying the tool's sheet-scoped mark (SHEET_MARKER, holding the sheet's own
      name). The mark is deleted with the sheet, so a sheet the user makes later under the
      same name is not the tool's.
    - A workbook computed before sheets were marked (no mark anywhere): a sheet in the hidden
      list whose cell A2 holds the notice every tool sheet has there ("... sakip-xl ...").
    - Never a sheet `protected` names: the engine passes sections.is_input_sheet_name (PK,
      Pengaturan, Renstra, IKU, Anggaran, Belanja, SKM, SKM Distribusi, Petunjuk, their aliases
      and dated forms), whatever the list or the marks say.
    """
    return [n for n in claimed_sheets(pkg, book) if not _is_protected(n, protected)]


def claimed_sheets(pkg: Package, book: Book) -> list[str]:
    """The sheets marked as the tool's (or, with no mark anywhere, listed and noted in A2)."""
    marked = book.marked()
    if marked:
        return marked
    present = {s.name for s in book.sheets}
    listed = [n for n in book.owned() if n in present]
    cells = {n: _a2(pkg, book, n) for n in listed}
    indices = {int(text) for kind, text in cells.values() if kind == "s" and text and text.strip().isdigit()}
    strings = _shared_strings_at(pkg, book, indices) if indices else {}
    claimed = []
    for name in listed:
        kind, text = cells[name]
        if kind == "s":
            text = strings.get(int(text)) if text and text.strip().isdigit() else None
        if text is not None and TOOL_NOTICE in text:
            claimed.append(name)
    return claimed


TOOL_NOTICE = "sakip-xl"       # every sheet the tool writes says so in cell A2


def _a2(pkg: Package, book: Book, name: str) -> tuple[str | None, str | None]:
    """(cell type, raw text) of cell A2 of sheet `name`, read from the first rows only."""
    sheet = next((s for s in book.sheets if s.name == name), None)
    part = pkg.find(sheet.part) if sheet is not None and sheet.part else None
    if part is None:
        return None, None
    import io

    try:
        for _, el in etree.iterparse(io.BytesIO(pkg.read(part)), events=("end",), resolve_entities=False,
                                     no_network=True, huge_tree=False):
            tag = local(el)
            if tag == "row" and (el.get("r") or "").isdigit() and int(el.get("r")) >= 2:
                break
            if tag == "c" and el.get("r") == "A2":
                text = None
                for sub in el:
                    if local(sub) == "v":
                        text = sub.text
                    elif local(sub) == "is":
                        text = "".join(t.text or "" for t in sub.iter() if local(t) == "t")
                return el.get("t", "n"), text
    except etree.XMLSyntaxError:
        pass
    return None, None


def _shared_strings_at(pkg: Package, book: Book, indices: set[int]) -> dict[int, str]:
    """The shared strings at `indices` (one pass over the table, stopping after the last one)."""
    rel = book.rel_of_kind("sharedStrings")
    part = pkg.find(rel.part) if rel else None
    if part is None:
        return {}
    import io

    found: dict[int, str] = {}
    last = max(indices)
    i = 0
    try:
        for _, el in etree.iterparse(io.BytesIO(pkg.read(part)), events=("end",), resolve_entities=False,
                                     no_network=True, huge_tree=False):
            if local(el) != "si":
                continue
            if i in indices:
                found[i] = "".join(t.text or "" for t in el.iter()
                                   if local(t) == "t" and local(t.getparent()) != "rPh")
            if i >= last:
                break
            i += 1
            el.clear()
    except etree.XMLSyntaxError:
        pass
    return found


@_translate_errors
def splice(original: bytes, generated: bytes, *, tool_version: str,
           protected: Callable[[str], bool] | None = None) -> bytes:
    """Return ``original`` with the sheets of ``generated`` added or replaced; a sheet `protected`
    names is never replaced (see owned_sheets)."""
    pkg = open_package(original)
    gen = Package(generated)
    return _Splicer(pkg, gen, tool_version, protected).run()


class _Splicer:
    def __init__(self, pkg: Package, gen: Package, tool_version: str,
                 protected: Callable[[str], bool] | None = None):
        self.protected = protected
        self.pkg = pkg
        self.gen = gen
        self.tool_version = tool_version
        self.book = Book(pkg)
        self.gbook = Book(gen)
        self.ct_name = pkg.find(CONTENT_TYPES)
        self.ct_root = pkg.xml(self.ct_name)
        self.ct = ContentTypes(self.ct_root)
        self.rels_root = pkg.xml(self.book.rels_part) if pkg.find(self.book.rels_part) else None
        self.modified: dict[str, bytes] = {}
        self.new_parts: list[tuple[str, bytes]] = []
        self.new_rels: list[tuple[str, str]] = []  # (kind, member name) for workbook rels
        self.new_types: list[tuple[str, str]] = []  # (member name, content type)
        self._pool: ThreadPoolExecutor | None = None

    # -- planning -------------------------------------------------------------
    def run(self) -> bytes:
        try:
            self._plan()
            self._drop_parts()
            self._merge_styles()
            self._strings()
            self._copy_sheets()
            self._edit_workbook()
            self._edit_workbook_rels()
            self._edit_content_types()
            return self._write()
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)

    def _plan(self) -> None:
        owned = {n.casefold() for n in owned_sheets(self.pkg, self.book, self.protected)}
        self.gen_sheets = [s for s in self.gbook.sheets if s.rel is not None]
        gen_names = {s.name.casefold(): s for s in self.gen_sheets}
        for gs in self.gen_sheets:
            for us in self.book.sheets:
                if us.name.casefold() == gs.name.casefold() and us.name.casefold() not in owned:
                    raise OutputError(MSG_CONFLICT.format(name=us.name))
        self.tool_old = [s for s in self.book.sheets if s.name.casefold() in owned]
        self.replaced = {s.name.casefold(): s for s in self.tool_old if s.name.casefold() in gen_names}
        self.removed = [s for s in self.tool_old if s.name.casefold() not in gen_names]
        for gs in self.gen_sheets:
            if gs.rel.kind in UNSUPPORTED_KINDS:
                raise ValueError(f"generated sheet {gs.name!r} has unsupported kind {gs.rel.kind}")

    def _drop_parts(self) -> None:
        """Remove the old tool sheets, calcChain, and every part only they reach."""
        drop_rel_ids = {s.rel.id for s in self.tool_old if s.rel is not None}
        drop_rel_ids |= {r.id for r in self.book.rels if r.kind == "calcChain"}
        roots = [r.part for r in self.book.rels if r.id in drop_rel_ids and not r.external]
        keep = self._reachable([""], skip=(self.book.part, drop_rel_ids))
        gone = self._reachable(roots)
        self.dropped: set[str] = set()
        for part in gone:
            if part not in keep and self.pkg.find(part):
                self.dropped.add(self.pkg.find(part))
                rels = self.pkg.find(rels_name(part))
                if rels:
                    self.dropped.add(rels)
        self.drop_rel_ids = drop_rel_ids

    def _reachable(self, starts: list[str], skip: tuple[str, set[str]] | None = None) -> set[str]:
        seen: set[str] = set()
        stack = [p for p in starts if p is not None]
        while stack:
            part = stack.pop()
            if part in seen:
                continue
            seen.add(part)
            if part and self.pkg.find(part) is None:
                continue
            for rel in self.pkg.rels(part):
                if rel.external or rel.part is None:
                    continue
                if skip and part == skip[0] and rel.id in skip[1]:
                    continue
                stack.append(rel.part)
        return seen

    # -- names ------------------------------------------------------------------
    def _used(self) -> set[str]:
        if not hasattr(self, "_used_names"):
            names = {m.lower() for m in self.pkg.members if m not in self.dropped}
            # A stale Override (for a part that is not there) still claims its name.
            dropped = {d.lower() for d in self.dropped}
            names |= {p for p in self.ct.overrides if p not in dropped}
            self._used_names = names
        return self._used_names

    def _allocate(self, like: str) -> str:
        folder, base = posixpath.split(like)
        stem, ext = posixpath.splitext(base)
        stem = stem.rstrip("0123456789") or stem
        n = 1
        while True:
            name = posixpath.join(folder, f"{stem}{n}{ext}")
            if name.lower() not in self._used() and rels_name(name).lower() not in self._used():
                self._used().add(name.lower())
                return name
            n += 1

    def _claim(self, name: str) -> str:
        if name.lower() in self._used():
            return self._allocate(name)
        self._used().add(name.lower())
        return name

    # -- styles and strings -------------------------------------------------------
    def _merge_styles(self) -> None:
        grel = self.gbook.rel_of_kind("styles")
        gstyles = self.gen.xml(grel.part) if grel and self.gen.find(grel.part) else None
        if gstyles is None:
            self.style_map = StyleMap(xf={0: 0}, dxf={})
            return
        rel = self.book.rel_of_kind("styles")
        part = self.pkg.find(rel.part) if rel else None
        if part is None:
            name = self._claim(rel.part if rel else posixpath.join(posixpath.dirname(self.book.part), "styles.xml"))
            root = parse(minimal_styles(gstyles), "styles.xml")
            self.style_map = merge_styles(root, gstyles)
            self.new_parts.append((name, serialize(root)))
            self.new_types.append((name, CONTENT_TYPE_BY_KIND["styles"]))
            if rel is None:
                self.new_rels.append(("styles", name))
            return
        root = self.pkg.xml(part)
        self.style_map = merge_styles(root, gstyles)
        if self.style_map.changed:
            self.modified[part] = serialize(root)

    def _strings(self) -> None:
        """Where the generated sheets' text goes. A user's shared-string table bigger than
        MERGE_BYTES (tens of thousands of free-text survey answers) is left byte for byte as it
        is: the generated text goes into the tool's own cells (inline strings,
        sheetxml.shared_items). Otherwise the generated items are appended to the user's table
        (or become the workbook's table when it has none), as Excel keeps a workbook's text: a
        workbook whose only text is inline is rewritten by Excel at its next save. A re-run finds
        its items already there and leaves the table as it is.
        The sheets are rewritten as bytes (rewrite_sheet_bytes), not as trees: a tree of a
        100,000-row sheet costs gigabytes."""
        self.gen_trees = {gs.part for gs in self.gen_sheets}
        self.sst_map: dict = {}
        grel = self.gbook.rel_of_kind("sharedStrings")
        found = self.gen.find(grel.part) if grel else None
        if found is None:
            return
        rel = self.book.rel_of_kind("sharedStrings")
        part = self.pkg.find(rel.part) if rel else None
        if part is not None and self.pkg.members[part].usize > MERGE_BYTES:
            self.sst_map = shared_items(self.gen.read(found))
            return
        if part is not None:
            gitems = children(self.gen.xml(found), "si")
            if not gitems:
                return
            refs = sum(self._count(gs.part, b' t="s"') for gs in self.gen_sheets if gs.rel.kind == "worksheet")
            data, self.sst_map = merge_strings(self.pkg.read(part), gitems, refs)
            if data is not None:
                self.modified[part] = data
            return
        # No table: the generated one, as xlsxwriter wrote it, becomes the workbook's.
        data = self.gen.read(found)
        self.sst_map = {i: i for i in shared_items(data)}
        if not self.sst_map:
            return
        name = self._claim(rel.part if rel else posixpath.join(posixpath.dirname(self.book.part), "sharedStrings.xml"))
        self.new_parts.append((name, data))
        self.new_types.append((name, CONTENT_TYPE_BY_KIND["sharedStrings"]))
        if rel is None:
            self.new_rels.append(("sharedStrings", name))

    # -- sheets and their parts ---------------------------------------------------
    def _copy_sheets(self) -> None:
        self.sheet_parts: dict[str, str] = {}  # generated sheet part -> new member name
        gen_to_new: dict[str, str] = {}
        for gs in self.gen_sheets:
            old = self.replaced.get(gs.name.casefold())
            if old is not None and old.rel is not None and old.rel.kind == gs.rel.kind:
                name = self._claim(old.part)
            else:
                name = self._allocate(gs.part)
            gen_to_new[gs.part] = name
            self.sheet_parts[gs.part] = name
            queue = [(gs.part, gs.rel.kind)]
            while queue:
                gpart, kind = queue.pop(0)
                new = gen_to_new[gpart]
                data = self._part_bytes(gpart)
                if isinstance(data, bytes) and len(data) >= _EARLY_BYTES:
                    # zlib releases the GIL: a rewritten sheet is compressed while the next is rewritten.
                    data = self._compress_early(data)
                self.new_parts.append((new, data))
                self.new_types.append((new, self._content_type(gpart, kind)))
                rels = self.gen.rels(gpart)
                if not rels:
                    continue
                for rel in rels:
                    if rel.external:
                        continue
                    if rel.kind in UNSUPPORTED_KINDS:
                        raise ValueError(f"generated part {gpart} links unsupported {rel.kind}")
                    if rel.part not in gen_to_new:
                        if self.gen.find(rel.part) is None:
                            raise ValueError(f"generated part {gpart} links missing {rel.part}")
                        gen_to_new[rel.part] = self._allocate(rel.part)
                        queue.append((rel.part, rel.kind))
                    rel.el.set("Target", relative(new, gen_to_new[rel.part]))
                rels_root = self.gen.xml(self.gen.find(rels_name(gpart)))
                self.new_parts.append((rels_name(new), serialize(rels_root)))

    def _compress_early(self, data: bytes) -> Future:
        """deflate(data) in a thread of its own, as writer.add would compress it."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sakip-splice")
        return self._pool.submit(_deflated, data)

    def _count(self, gpart: str, pattern: bytes) -> int:
        """Occurrences of `pattern` in a generated part (a big one inflated a few MB at a time)."""
        from sakip_xl.xlsx import sheetstream

        member = self.gen.members[gpart]
        if member.usize > sheetstream.STREAM_BYTES:
            return sheetstream.count_in_member(self.gen.zip, member, pattern)
        return self.gen.read(gpart).count(pattern)

    def _part_bytes(self, gpart: str):
        if gpart in self.gen_trees:
            from sakip_xl.xlsx import sheetstream

            member = self.gen.members[gpart]
            if member.usize > sheetstream.STREAM_BYTES:     # kept compressed: see sheetstream
                return sheetstream.rewrite_member(self.gen.zip, member, self.style_map, self.sst_map)
            return rewrite_sheet_bytes(self.gen.read(gpart), self.style_map, self.sst_map)
        data = self.gen.read(gpart)
        if data.lstrip()[:5] == b"<?xml":
            return excel_declaration(data.lstrip())
        return data

    def _content_type(self, gpart: str, kind: str) -> str:
        if kind in CONTENT_TYPE_BY_KIND:
            return CONTENT_TYPE_BY_KIND[kind]
        # Only parts with no fixed type (images) take the temporary workbook's type.
        found = ContentTypes(self.gen.xml(self.gen.find(CONTENT_TYPES))).of(gpart)
        if found is None:
            raise ValueError(f"generated part {gpart} has no content type")
        return found

    # -- workbook.xml ---------------------------------------------------------------
    def _edit_workbook(self) -> None:
        root = self.book.root
        wns = ns_of(root)
        old = self.book.sheets
        removed_ids = {id(s) for s in self.removed}
        final: list[tuple[Sheet, bool]] = []  # (sheet, is_tool) in final order
        pos_map: dict[int, int] = {}
        gen_by_name = {g.name.casefold(): g for g in self.gen_sheets}
        for i, s in enumerate(old):
            if id(s) in removed_ids:
                self.book.sheets_el.remove(s.el)
                continue
            pos_map[i] = len(final)
            if s.name.casefold() in self.replaced:
                _copy_sheet_attrs(s.el, gen_by_name[s.name.casefold()].el)
            final.append((s, s.name.casefold() in self.replaced))
        max_id = max([_int(s.el.get("sheetId")) for s in old] or [0])
        kept_ids = {s.rel.id for s in self.replaced.values() if s.rel is not None}
        rel_ids = {r.id for r in self.book.rels if r.id not in self.drop_rel_ids or r.id in kept_ids}
        self.sheet_rels: list[tuple[str, str, str]] = []  # (rId, kind, member)
        gen_pos: dict[int, int] = {}
        for gi, gs in enumerate(self.gen_sheets):
            member = self.sheet_parts[gs.part]
            old_sheet = self.replaced.get(gs.name.casefold())
            if old_sheet is not None:
                gen_pos[gi] = pos_map[old.index(old_sheet)]
                self._retarget(old_sheet, gs, member)
                continue
            max_id += 1
            rid = _first_free_rid(rel_ids)
            rel_ids.add(rid)
            el = etree.SubElement(self.book.sheets_el, f"{{{wns}}}sheet")
            el.set("name", gs.name)
            el.set("sheetId", str(max_id))
            if gs.el.get("state") not in (None, "visible"):
                el.set("state", gs.el.get("state"))
            el.set(f"{{{NS_R}}}id", rid)
            self.sheet_rels.append((rid, gs.rel.type, member))
            gen_pos[gi] = len(final)
            final.append((Sheet(el, gs.name, None), True))
        self._edit_defined_names(pos_map, gen_pos)
        self._edit_views(old, pos_map, final)
        calc = child(root, "calcPr")
        if calc is None:
            calc = insert_in_order(root, "calcPr", WORKBOOK_ORDER)
        calc.set("fullCalcOnLoad", "1")
        self.modified[self.book.part] = serialize(root)

    def _retarget(self, old_sheet: Sheet, gs: Sheet, member: str) -> None:
        rel_el = old_sheet.rel.el
        rel_el.set("Type", gs.rel.type)
        target = relative(self.book.part, member)
        if rel_el.get("Target", "").startswith("/"):
            target = "/" + member
        if self.pkg.find(old_sheet.rel.part) != member:
            rel_el.set("Target", target)

    def _edit_defined_names(self, pos_map: dict[int, int], gen_pos: dict[int, int]) -> None:
        root = self.book.root
        tool_ids = {id(s) for s in self.tool_old}
        tool_positions = {i for i, s in enumerate(self.book.sheets) if id(s) in tool_ids}
        dn = child(root, "definedNames")
        for el in self.book.defined_names():
            lsid = el.get("localSheetId")
            if lsid is None:
                if el.get("name", "").lower() in (TOOL_MARKER.lower(), VERSION_MARKER.lower()):
                    dn.remove(el)
                continue
            pos = _int(lsid, -1)
            if pos in tool_positions:
                dn.remove(el)
            elif pos in pos_map:
                el.set("localSheetId", str(pos_map[pos]))
        if dn is None:
            dn = insert_in_order(root, "definedNames", WORKBOOK_ORDER)
        wns = ns_of(root)
        for gel in self.gbook.defined_names():
            lsid = gel.get("localSheetId")
            if lsid is None:
                raise ValueError(f"generated workbook-level name {gel.get('name')!r} is not supported")
            el = etree.SubElement(dn, f"{{{wns}}}definedName", attrib=dict(gel.attrib))
            el.set("localSheetId", str(gen_pos[_int(lsid)]))
            el.text = gel.text
        for gi, gs in enumerate(self.gen_sheets):
            el = etree.SubElement(dn, f"{{{wns}}}definedName", name=SHEET_MARKER, localSheetId=str(gen_pos[gi]),
                                  hidden="1")
            el.text = string_constant(gs.name)
        for name, value in (
            (TOOL_MARKER, encode_names([g.name for g in self.gen_sheets])),
            (VERSION_MARKER, self.tool_version),
        ):
            el = etree.SubElement(dn, f"{{{wns}}}definedName", name=name, hidden="1")
            el.text = string_constant(value)

    def _edit_views(self, old: list[Sheet], pos_map: dict[int, int], final) -> None:
        views = child(self.book.root, "bookViews")
        if views is None:
            return
        tool_old = {id(s) for s in self.tool_old}
        user_new = [i for i, (s, tool) in enumerate(final) if not tool and s.visible]
        visible_new = [i for i, (s, tool) in enumerate(final) if s.visible]
        fallback = (user_new or visible_new or [0])[0]
        for view in children(views, "workbookView"):
            active = _int(view.get("activeTab", "0"))
            if 0 <= active < len(old) and id(old[active]) not in tool_old and active in pos_map:
                new_active = pos_map[active]
            else:
                new_active = fallback
            if new_active != 0 or "activeTab" in view.attrib:
                view.set("activeTab", str(new_active))
            if "firstSheet" in view.attrib:
                first = _int(view.get("firstSheet"))
                later = [pos_map[i] for i in range(first, len(old)) if i in pos_map]
                new_first = later[0] if later else max(len(final) - 1, 0)
                view.set("firstSheet", str(new_first))

    # -- relationships and content types -------------------------------------------
    def _edit_workbook_rels(self) -> None:
        root = self.rels_root
        if root is None:
            raise ZipFormatError("workbook relationships missing")
        for rel in self.book.rels:
            if rel.id in self.drop_rel_ids and rel.el.getparent() is not None:
                if not any(rel.id == s.rel.id for s in self.replaced.values() if s.rel):
                    root.remove(rel.el)
        ids = {el.get("Id") for el in root}
        for rid, rel_type, member in self.sheet_rels:
            self._add_rel(root, rid, rel_type, member)
        for kind, member in self.new_rels:
            rid = _first_free_rid(ids | {r for r, _, _ in self.sheet_rels})
            ids.add(rid)
            self._add_rel(root, rid, REL_TYPE + kind, member)
        self.modified[self.book.rels_part] = serialize(root)

    def _add_rel(self, root, rid: str, rel_type: str, member: str) -> None:
        etree.SubElement(
            root,
            f"{{{ns_of(root)}}}Relationship",
            Id=rid,
            Type=rel_type,
            Target=relative(self.book.part, member),
        )

    def _edit_content_types(self) -> None:
        root = self.ct_root
        ns = ns_of(root)
        dropped = {d.lower() for d in self.dropped}
        changed = False
        for el in list(root):
            if local(el) == "Override" and el.get("PartName", "").lstrip("/").lower() in dropped:
                root.remove(el)
                changed = True
        if "rels" not in self.ct.defaults:
            self._add_default(root, "rels", RELS_CONTENT_TYPE)
            changed = True
        for member, ctype in self.new_types:
            ext = extension(member)
            if ext not in ("xml", "rels") and self._gen_default(ext) == ctype:
                if ext not in self.ct.defaults:
                    self._add_default(root, ext, ctype)
                    changed = True
                if self.ct.defaults[ext] == ctype:
                    continue
            etree.SubElement(root, f"{{{ns}}}Override", PartName="/" + member, ContentType=ctype)
            changed = True
        if changed:
            self.modified[self.ct_name] = serialize(root)

    def _add_default(self, root, ext: str, ctype: str) -> None:
        """Defaults go after the last Default (before the Overrides), so that a re-run,
        which re-appends the tool's Overrides at the end, finds the same order."""
        new = etree.Element(f"{{{ns_of(root)}}}Default", Extension=ext, ContentType=ctype)
        defaults = [i for i, el in enumerate(root) if local(el) == "Default"]
        root.insert(defaults[-1] + 1 if defaults else 0, new)
        self.ct.defaults[ext] = ctype

    def _gen_default(self, ext: str) -> str | None:
        return ContentTypes(self.gen.xml(self.gen.find(CONTENT_TYPES))).defaults.get(ext)

    # -- zip -------------------------------------------------------------------------
    def _write(self) -> bytes:
        writer = ZipWriter()
        members = list(self.pkg.zip.members)
        members.sort(key=lambda m: 0 if m.name == self.ct_name else 1)
        for m in members:
            if m.name in self.dropped:
                continue
            data = self.modified.get(m.name)
            if data is None or (len(data) == m.usize and data == self._original(m.name)):
                writer.copy_raw(self.pkg.zip, m)
            else:
                writer.add(m.name, data, like=m)
        for name, data in self.new_parts:
            if isinstance(data, Future):
                data = data.result()
            if isinstance(data, bytes):
                writer.add(name, data)
            else:          # sheetstream.Deflated
                writer.add_deflated(name, data.compressed, data.crc, data.size)
        return writer.finish(self.pkg.zip.comment)

    def _original(self, name: str) -> bytes | None:
        try:
            return self.pkg.read(name)
        except ZipFormatError:
            return None


_EARLY_BYTES = 64 << 10


def _deflated(data: bytes):
    from sakip_xl.xlsx.sheetstream import Deflated

    return Deflated(deflate(data), zlib.crc32(data), len(data))


def _copy_sheet_attrs(target: etree._Element, src: etree._Element) -> None:
    target.set("name", src.get("name", ""))
    state = src.get("state")
    if state in (None, "visible"):
        target.attrib.pop("state", None)
    else:
        target.set("state", state)


def _first_free_rid(used: set[str]) -> str:
    n = 1
    while f"rId{n}" in used:
        n += 1
    return f"rId{n}"


def _int(value, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
