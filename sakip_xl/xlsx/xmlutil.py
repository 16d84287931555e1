"""Safe XML parsing and Excel-style serialisation (private helpers)."""

from __future__ import annotations

from lxml import etree

XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_XML = "http://www.w3.org/XML/1998/namespace"
STRICT_MARK = b"purl.oclc.org/ooxml"


class UnsafeXmlError(Exception):
    """The XML declares a DTD or entities, or is not well-formed (English, internal)."""


def _parser() -> etree.XMLParser:
    # A new parser per call: lxml parsers are not safe to share between threads.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
        remove_pis=False,
    )


def parse(data: bytes, what: str = "XML") -> etree._Element:
    """Parse bytes, refusing any DTD (so entity bombs are never expanded)."""
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head or b"<!doctype" in head:
        raise UnsafeXmlError(f"{what}: DTD or entity declaration")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise UnsafeXmlError(f"{what}: {exc}") from exc
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise UnsafeXmlError(f"{what}: DTD or entity declaration")
    for node in root.iter(etree.Entity):
        raise UnsafeXmlError(f"{what}: entity reference {node}")
    return root


def serialize(root: etree._Element) -> bytes:
    """Serialise a tree with the declaration Excel writes (and CRLF after it)."""
    before = []
    node = root.getprevious()
    while node is not None:
        before.append(etree.tostring(node, encoding="UTF-8"))
        node = node.getprevious()
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=False, with_tail=False)
    return XML_DECLARATION + b"".join(reversed(before)) + body


def excel_declaration(data: bytes) -> bytes:
    """Replace a leading XML declaration (if any) with the one Excel writes."""
    if data.startswith(b"<?xml"):
        end = data.find(b"?>")
        if end > 0:
            rest = data[end + 2 :].lstrip(b"\r\n")
            return XML_DECLARATION + rest
    return XML_DECLARATION + data


def local(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def ns_of(el: etree._Element) -> str:
    tag = el.tag
    if isinstance(tag, str) and tag.startswith("{"):
        return tag[1:].split("}", 1)[0]
    return ""


def children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if local(c) == name]


def child(el: etree._Element, name: str) -> etree._Element | None:
    for c in el:
        if local(c) == name:
            return c
    return None


def canon(el: etree._Element) -> tuple:
    """A hashable key for an element that ignores prefixes and attribute order."""
    return (
        local(el),
        ns_of(el),
        tuple(sorted(el.attrib.items())),
        (el.text or "").strip() if len(el) else (el.text or ""),
        tuple(canon(c) for c in el if isinstance(c.tag, str)),
    )


def clone_into(parent: etree._Element, src: etree._Element, index: int | None = None) -> etree._Element:
    """Copy ``src`` under ``parent`` rebuilding elements so the parent's prefixes apply."""
    new = etree.Element(src.tag, attrib=dict(src.attrib))
    if index is None:
        parent.append(new)
    else:
        parent.insert(index, new)
    new.text = src.text
    for c in src:
        if isinstance(c.tag, str):
            copied = clone_into(new, c)
            copied.tail = c.tail
    return new


def insert_in_order(parent: etree._Element, name: str, order: list[str]) -> etree._Element:
    """Create child ``name`` at its schema position given the sibling ``order``."""
    rank = order.index(name)
    ns = ns_of(parent)
    new = etree.Element(f"{{{ns}}}{name}" if ns else name)
    for i, c in enumerate(parent):
        name_c = local(c)
        if name_c in order and order.index(name_c) > rank:
            parent.insert(i, new)
            return new
        if name_c == "AlternateContent":
            continue
    parent.append(new)
    return new
