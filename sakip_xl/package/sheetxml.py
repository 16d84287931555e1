"""Rewrite a generated worksheet so its indices point into the merged package (private)."""

from __future__ import annotations

from lxml import etree

from ..splice_styles import StyleMap
from .xmlutil import ns_of


def rewrite_sheet(root: etree._Element, styles: StyleMap, strings: dict[int, int]) -> None:
    """Remap style and string indices of a generated sheet; drop tabSelected."""
    ns = ns_of(root)
    tag = (lambda name: f"{{{ns}}}{name}") if ns else (lambda name: name)
    c_tag, v_tag, row_tag, col_tag = tag("c"), tag("v"), tag("row"), tag("col")
    cf_tag, view_tag = tag("cfRule"), tag("sheetView")
    xf = styles.xf
    for el in root.iter(c_tag, row_tag, col_tag, cf_tag, view_tag):
        t = el.tag
        if t == c_tag:
            s = el.get("s")
            if s is not None:
                el.set("s", str(_lookup(xf, s, "style")))
            if el.get("t") == "s":
                v = el.find(v_tag)
                if v is not None and v.text is not None:
                    v.text = str(_lookup(strings, v.text, "shared string"))
        elif t == row_tag:
            if el.get("s") is not None:
                el.set("s", str(_lookup(xf, el.get("s"), "style")))
        elif t == col_tag:
            if el.get("style") is not None:
                el.set("style", str(_lookup(xf, el.get("style"), "style")))
        elif t == cf_tag:
            if el.get("dxfId") is not None:
                el.set("dxfId", str(_lookup(styles.dxf, el.get("dxfId"), "dxf")))
        elif t == view_tag:
            el.attrib.pop("tabSelected", None)


def _lookup(mapping: dict[int, int], raw: str, what: str) -> int:
    try:
        return mapping[int(raw)]
    except (KeyError, ValueError):
        raise ValueError(f"generated sheet uses unknown {what} index {raw!r}") from None
