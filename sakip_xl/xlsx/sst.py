"""Append-only merge of shared string tables (private).

The user's ``sharedStrings.xml`` is never re-serialised: new ``<si>`` items are
inserted as text before the closing tag and the counts are patched in the start
tag, so every existing item (rich text, phonetics) stays byte-identical.
"""

from __future__ import annotations

import re

from lxml import etree

from sakip_xl.xlsx.xmlutil import NS_MAIN, XML_DECLARATION, canon, local, ns_of, parse

_START_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sst\b[^>]*?(/?)>")
_END_TAG = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?sst\s*>")
_SI = f"{{{NS_MAIN}}}si"
_MAIN_DECL = b' xmlns="' + NS_MAIN.encode() + b'"'


def _plain_text(si: etree._Element) -> str | None:
    """Text of an item that is a single <t> (the common case), else ``None``."""
    if len(si) == 1:
        t = si[0]
        if isinstance(t.tag, str) and local(t) == "t" and not len(t):
            return t.text or ""
    elif len(si) > 1:
        kids = [c for c in si if isinstance(c.tag, str)]  # comments between elements
        if len(kids) == 1 and local(kids[0]) == "t" and not len(kids[0]):
            return kids[0].text or ""
    return None


def string_key(si: etree._Element) -> tuple:
    """Plain strings compare by text; rich or phonetic items by canonical XML."""
    text = _plain_text(si)
    return ("t", text) if text is not None else canon(si)


def empty_table() -> bytes:
    return XML_DECLARATION + f'<sst xmlns="{NS_MAIN}" count="0" uniqueCount="0"></sst>'.encode()


def _set_attr(tag: bytes, name: bytes, value: int, add: bool) -> bytes:
    pattern = re.compile(rb"(\s" + name + rb"\s*=\s*)([\"'])[^\"']*\2")
    if pattern.search(tag):
        return pattern.sub(lambda m: m.group(1) + m.group(2) + str(value).encode() + m.group(2), tag, count=1)
    if not add:
        return tag
    end = len(tag) - (2 if tag.endswith(b"/>") else 1)
    return tag[:end] + b" " + name + b'="' + str(value).encode() + b'"' + tag[end:]


def merge_strings(
    orig_data: bytes | None, gen_items: list[etree._Element], references: int
) -> tuple[bytes | None, dict[int, int]]:
    """Map generated string indices into the user's table.

    Returns the new table bytes (``None`` when nothing had to be appended, so the
    part stays untouched) and the generated index -> merged index map.
    ``references`` is the number of string cells in the generated sheets (for ``count``).
    """
    wanted = [string_key(si) for si in gen_items]
    want_rich = any(key[0] != "t" for key in wanted)
    wanted_set = set(wanted)
    data = orig_data if orig_data is not None else empty_table()
    root = parse(data, "sharedStrings.xml")
    # The user's table can hold hundreds of thousands of items: only the keys the
    # generated sheets ask for are kept, and rich items are canonicalised only
    # when a generated item is rich too.
    index: dict[tuple, int] = {}
    wanted_texts = {key[1] for key in wanted if key[0] == "t"}
    t_tag = f"{{{ns_of(root)}}}t"
    total = 0
    for total, si in enumerate(root.iterchildren(f"{{{ns_of(root)}}}si"), start=1):
        if len(si) == 1 and si[0].tag == t_tag:  # fast path: a plain item
            text = si[0].text or ""
            if text not in wanted_texts or not (_plain_text(si) == text):
                continue
            key = ("t", text)
        else:
            text = _plain_text(si)
            if text is not None:
                key = ("t", text)
            elif want_rich:
                key = canon(si)
            else:
                continue
        if key in wanted_set and key not in index:
            index[key] = total - 1
    return _append(orig_data, data, root, total, index, gen_items, wanted, references)


def _append(orig_data, data, root, total, index, gen_items, wanted, references):
    """Append the generated items the table lacks; patch the counts in the start tag."""
    mapping: dict[int, int] = {}
    new_items: list[bytes] = []
    for gi, (si, key) in enumerate(zip(gen_items, wanted)):
        if key not in index:
            index[key] = total
            total += 1
            new_items.append(_serialize_item(si, root))
        mapping[gi] = index[key]
    if not new_items and orig_data is not None:
        return None, mapping
    start = _START_TAG.search(data)
    if start is None:
        raise ValueError("sharedStrings.xml has no <sst> start tag")
    tag = data[start.start() : start.end()]
    old_count = root.get("count")
    tag = _set_attr(tag, b"uniqueCount", total, add=True)
    if old_count is not None:
        try:
            count = max(int(old_count) + references, total)
        except ValueError:
            count = total
        tag = _set_attr(tag, b"count", count, add=False)
    body = b"".join(new_items)
    prefix = data[start.start() + 1 : start.start() + 1 + _prefix_len(data, start.start())]
    if start.group(1):  # self-closing <sst .../>
        tag = tag[:-2].rstrip() + b">"
        out = data[: start.start()] + tag + body + b"</" + prefix + b"sst>" + data[start.end() :]
    else:
        end = _END_TAG.match(data, data.rfind(b"</"))  # the root's end tag is the last one
        if end is None:
            ends = list(_END_TAG.finditer(data))
            if not ends:
                raise ValueError("sharedStrings.xml has no </sst> end tag")
            end = ends[-1]
        out = data[: start.start()] + tag + data[start.end() : end.start()] + body + data[end.start() :]
    return out, mapping


def _prefix_len(data: bytes, pos: int) -> int:
    m = re.match(rb"<([A-Za-z_][\w.-]*:)?sst", data[pos:])
    return len(m.group(1)) if m and m.group(1) else 0


def _serialize_item(si: etree._Element, orig_root: etree._Element) -> bytes:
    """Serialise a generated <si> in the user's table's namespace and prefix."""
    prefix = orig_root.prefix
    ns = orig_root.nsmap.get(prefix)
    if prefix is None and ns == NS_MAIN and si.tag == _SI and si.prefix is None:
        # The common case (both tables in the main namespace, unprefixed): the item as it is.
        return etree.tostring(si, encoding="UTF-8", with_tail=False).replace(_MAIN_DECL, b"", 1)
    holder = etree.Element(orig_root.tag, nsmap={prefix: ns})
    _rebuild(holder, si, ns)
    text = etree.tostring(holder[0], encoding="UTF-8")
    # tostring() repeats the namespace declaration on a detached element; the
    # declaration on <sst> already covers it.
    decl = b" xmlns" + (b":" + prefix.encode() if prefix else b"") + b'="' + ns.encode() + b'"'
    return text.replace(decl, b"", 1)


def _rebuild(parent: etree._Element, src: etree._Element, ns: str) -> None:
    tag = f"{{{ns}}}{local(src)}" if src.tag.startswith(f"{{{NS_MAIN}}}") else src.tag
    new = etree.SubElement(parent, tag, attrib=dict(src.attrib))
    new.text = src.text
    for c in src:
        if isinstance(c.tag, str):
            _rebuild(new, c, ns)
            new[-1].tail = c.tail
