"""Merge the styles of a generated (xlsxwriter) workbook into a user's styles.xml.

Only appends: every existing index keeps its meaning, so the user's cells look
exactly as before. What is already there (by canonical XML) is reused, which makes
a re-run add nothing and leave styles.xml byte-identical.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from lxml import etree

from sakip_xl.xlsx.xmlutil import NS_MAIN, canon, child, children, clone_into, insert_in_order, serialize

STYLE_ORDER = [
    "numFmts",
    "fonts",
    "fills",
    "borders",
    "cellStyleXfs",
    "cellXfs",
    "cellStyles",
    "dxfs",
    "tableStyles",
    "colors",
    "extLst",
]
ITEM = {
    "numFmts": "numFmt",
    "fonts": "font",
    "fills": "fill",
    "borders": "border",
    "cellStyleXfs": "xf",
    "cellXfs": "xf",
    "cellStyles": "cellStyle",
    "dxfs": "dxf",
}
FIRST_CUSTOM_NUMFMT = 164


@dataclass
class StyleMap:
    """Generated index -> index in the merged styles.xml."""

    xf: dict[int, int] = field(default_factory=dict)
    dxf: dict[int, int] = field(default_factory=dict)
    changed: bool = False


def items(root: etree._Element, container: str) -> list[etree._Element]:
    el = child(root, container)
    return [] if el is None else children(el, ITEM[container])


def _int(el: etree._Element, attr: str, default: int = 0) -> int:
    try:
        return int(el.get(attr, default))
    except (TypeError, ValueError):
        return default


def normal_xf_id(root: etree._Element) -> int:
    """cellStyleXfs index of the Normal style (builtinId 0), 0 when not declared."""
    for style in items(root, "cellStyles"):
        if style.get("builtinId") == "0":
            return _int(style, "xfId")
    return 0


def normal_font_id(root: etree._Element) -> int:
    xfs = items(root, "cellStyleXfs")
    idx = normal_xf_id(root)
    if idx < len(xfs):
        return _int(xfs[idx], "fontId")
    return 0


def default_font(root: etree._Element | None) -> tuple[str, float]:
    """(name, size) of the Normal style's font."""
    name, size = "Calibri", 11.0
    if root is None:
        return name, size
    fonts = items(root, "fonts")
    fid = normal_font_id(root)
    if fid >= len(fonts):
        fid = 0
    if fonts:
        font = fonts[fid]
        name_el, sz_el = child(font, "name"), child(font, "sz")
        if name_el is not None and name_el.get("val"):
            name = name_el.get("val")
        if sz_el is not None:
            try:
                size = float(sz_el.get("val"))
            except (TypeError, ValueError):
                pass
    return name, size


def minimal_styles(gen: etree._Element) -> bytes:
    """A styles.xml for a package that has none: defaults taken from the generated one."""
    m = f"{{{NS_MAIN}}}"
    root = etree.Element(m + "styleSheet", nsmap={None: NS_MAIN})
    fonts = etree.SubElement(root, m + "fonts", count="1")
    gfonts = items(gen, "fonts")
    if gfonts:
        clone_into(fonts, gfonts[0])
    else:
        font = etree.SubElement(fonts, m + "font")
        etree.SubElement(font, m + "sz", val="11")
        etree.SubElement(font, m + "name", val="Calibri")
    fills = etree.SubElement(root, m + "fills", count="2")
    for pattern in ("none", "gray125"):
        fill = etree.SubElement(fills, m + "fill")
        etree.SubElement(fill, m + "patternFill", patternType=pattern)
    borders = etree.SubElement(root, m + "borders", count="1")
    border = etree.SubElement(borders, m + "border")
    for side in ("left", "right", "top", "bottom", "diagonal"):
        etree.SubElement(border, m + side)
    zeros = {"numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0"}
    csx = etree.SubElement(root, m + "cellStyleXfs", count="1")
    etree.SubElement(csx, m + "xf", **zeros)
    cx = etree.SubElement(root, m + "cellXfs", count="1")
    etree.SubElement(cx, m + "xf", **zeros, xfId="0")
    cs = etree.SubElement(root, m + "cellStyles", count="1")
    etree.SubElement(cs, m + "cellStyle", name="Normal", xfId="0", builtinId="0")
    etree.SubElement(root, m + "dxfs", count="0")
    etree.SubElement(root, m + "tableStyles", count="0")
    return serialize(root)


class _Merger:
    def __init__(self, orig: etree._Element, gen: etree._Element):
        self.o = orig
        self.g = gen
        self.result = StyleMap()
        self._index: dict[str, dict[tuple, int]] = {}
        self._touched: set[str] = set()
        self._created: set[str] = set()
        self._init_numfmts()

    # -- containers ---------------------------------------------------------
    def _container(self, name: str) -> etree._Element:
        el = child(self.o, name)
        if el is None:
            el = insert_in_order(self.o, name, STYLE_ORDER)
            self._created.add(name)
        return el

    def _ensure_index(self, name: str) -> dict[tuple, int]:
        if name not in self._index:
            index: dict[tuple, int] = {}
            for i, el in enumerate(items(self.o, name)):
                index.setdefault(canon(el), i)
            self._index[name] = index
        return self._index[name]

    def _append(self, name: str, src: etree._Element) -> int:
        index = self._ensure_index(name)
        container = self._container(name)
        idx = len(children(container, ITEM[name]))
        clone_into(container, src)
        self._touched.add(name)
        self.result.changed = True
        index.setdefault(canon(src), idx)
        return idx

    def _find_or_append(self, name: str, src: etree._Element) -> int:
        key = canon(src)
        index = self._ensure_index(name)
        if key in index:
            return index[key]
        return self._append(name, src)

    def _fix_counts(self) -> None:
        for name in self._touched | self._created:
            el = child(self.o, name)
            if el is not None and ("count" in el.attrib or name in self._created):
                el.set("count", str(len(children(el, ITEM[name]))))

    # -- number formats -----------------------------------------------------
    def _init_numfmts(self) -> None:
        self.codes: dict[str, int] = {}
        self.dxf_codes: dict[str, int] = {}
        self.global_ids: set[int] = set()
        used: set[int] = set()
        for nf in items(self.o, "numFmts"):
            nid = _int(nf, "numFmtId", -1)
            self.codes.setdefault(nf.get("formatCode", ""), nid)
            self.global_ids.add(nid)
            used.add(nid)
        for name in ("cellXfs", "cellStyleXfs"):
            used.update(_int(xf, "numFmtId") for xf in items(self.o, name))
        for dxf in items(self.o, "dxfs"):
            nf = child(dxf, "numFmt")
            if nf is not None:
                nid = _int(nf, "numFmtId", -1)
                used.add(nid)
                self.dxf_codes.setdefault(nf.get("formatCode", ""), nid)
        self.next_id = max(used | {FIRST_CUSTOM_NUMFMT - 1}) + 1
        self.gen_codes = {_int(nf, "numFmtId", -1): nf.get("formatCode", "") for nf in items(self.g, "numFmts")}

    def _allocate(self) -> int:
        nid = self.next_id
        self.next_id += 1
        return nid

    def _numfmt_for_xf(self, gid: int) -> int:
        if gid < FIRST_CUSTOM_NUMFMT:
            return gid
        if gid not in self.gen_codes:
            raise ValueError(f"generated styles use undefined numFmtId {gid}")
        code = self.gen_codes[gid]
        if code in self.codes:
            return self.codes[code]
        nid = self.dxf_codes.get(code)
        if nid is None or nid in self.global_ids:
            nid = self._allocate()
        nf = etree.Element(f"{{{NS_MAIN}}}numFmt", numFmtId=str(nid), formatCode=code)
        self._append("numFmts", nf)
        self.codes[code] = nid
        self.global_ids.add(nid)
        return nid

    def _numfmt_for_dxf(self, gid: int, code: str) -> int:
        if gid < FIRST_CUSTOM_NUMFMT:
            return gid
        if code in self.codes:
            return self.codes[code]
        if code not in self.dxf_codes:
            self.dxf_codes[code] = self._allocate()
        return self.dxf_codes[code]

    # -- merge --------------------------------------------------------------
    def run(self) -> StyleMap:
        fonts = self._map_list("fonts", fixed={0: normal_font_id(self.o)})
        fills = self._map_fills()
        borders = self._map_list("borders")
        style_xfs = self._map_style_xfs(fonts, fills, borders)
        for gi, gxf in enumerate(items(self.g, "cellXfs")):
            if gi == 0:
                self.result.xf[0] = 0
                continue
            new = self._remap_xf(gxf, fonts, fills, borders, style_xfs)
            self.result.xf[gi] = self._find_or_append("cellXfs", new)
        for gi, gdxf in enumerate(items(self.g, "dxfs")):
            new = copy.deepcopy(gdxf)
            nf = child(new, "numFmt")
            if nf is not None:
                nf.set("numFmtId", str(self._numfmt_for_dxf(_int(nf, "numFmtId"), nf.get("formatCode", ""))))
            self.result.dxf[gi] = self._find_or_append("dxfs", new)
        self._fix_counts()
        return self.result

    def _map_list(self, name: str, fixed: dict[int, int] | None = None) -> dict[int, int]:
        out = dict(fixed or {})
        for gi, el in enumerate(items(self.g, name)):
            if gi not in out:
                out[gi] = self._find_or_append(name, el)
        return out

    def _map_fills(self) -> dict[int, int]:
        existing = items(self.o, "fills")
        m = f"{{{NS_MAIN}}}"
        for pattern in ("none", "gray125")[len(existing) :]:
            # Excel reserves fills 0 and 1; a package lacking them gets them first.
            fill = etree.Element(m + "fill")
            etree.SubElement(fill, m + "patternFill", patternType=pattern)
            self._append("fills", fill)
        return self._map_list("fills", fixed={0: 0, 1: 1})

    def _remap_xf(self, gxf, fonts, fills, borders, style_xfs=None) -> etree._Element:
        new = copy.deepcopy(gxf)
        new.tail = None
        mapping = [
            ("numFmtId", self._numfmt_for_xf(_int(gxf, "numFmtId"))),
            ("fontId", fonts.get(_int(gxf, "fontId"), 0)),
            ("fillId", fills.get(_int(gxf, "fillId"), 0)),
            ("borderId", borders.get(_int(gxf, "borderId"), 0)),
        ]
        if style_xfs is not None:
            mapping.append(("xfId", style_xfs.get(_int(gxf, "xfId"), 0)))
        for attr, value in mapping:
            if attr in new.attrib or value != 0:
                new.set(attr, str(value))
        return new

    def _map_style_xfs(self, fonts, fills, borders) -> dict[int, int]:
        out: dict[int, int] = {}
        gen_styles = items(self.g, "cellStyles")
        orig_styles = items(self.o, "cellStyles")
        for gi, gxf in enumerate(items(self.g, "cellStyleXfs")):
            named = [s for s in gen_styles if _int(s, "xfId") == gi]
            target = None
            for style in named:
                match = _match_style(style, orig_styles)
                if match is not None:
                    target = _int(match, "xfId")
                    break
            if target is None and gi == 0:
                target = normal_xf_id(self.o)
            if target is None:
                new = self._remap_xf(gxf, fonts, fills, borders)
                if named:
                    target = self._append("cellStyleXfs", new)
                    style = copy.deepcopy(named[0])
                    style.set("xfId", str(target))
                    self._append("cellStyles", style)
                else:
                    target = self._find_or_append("cellStyleXfs", new)
            out[gi] = target
        return out


def _match_style(style: etree._Element, orig_styles: list[etree._Element]) -> etree._Element | None:
    builtin = style.get("builtinId")
    if builtin is not None:
        for s in orig_styles:
            if s.get("builtinId") == builtin:
                return s
    name = (style.get("name") or "").casefold()
    for s in orig_styles:
        if (s.get("name") or "").casefold() == name:
            return s
    return None


def merge_styles(orig: etree._Element, gen: etree._Element) -> StyleMap:
    """Append what ``gen`` needs to ``orig`` (edited in place) and return the index maps."""
    return _Merger(orig, gen).run()
