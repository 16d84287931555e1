"""Rewrite a generated worksheet so its indices point into the merged package (private)."""

from __future__ import annotations

import re

from lxml import etree

from sakip_xl.xlsx.styles import StyleMap
from sakip_xl.xlsx.xmlutil import excel_declaration, ns_of


def rewrite_sheet(root: etree._Element, styles: StyleMap, strings: dict) -> None:
    """Remap the style indices of a generated sheet and its shared strings: `strings` maps an
    index of the generated table to its index in the merged table (an int), or to the item's XML
    (bytes, see shared_items), which then goes into the cell as an inline string; drop tabSelected."""
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
                    item = _lookup(strings, v.text, "shared string")
                    if isinstance(item, int):
                        v.text = str(item)
                        continue
                    inline = etree.fromstring(b'<is xmlns="%s">' % (ns or "").encode() + item + b"</is>")
                    el.set("t", "inlineStr")
                    el.replace(v, inline)
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


def _lookup(mapping: dict, raw: str, what: str):
    try:
        return mapping[int(raw)]
    except (KeyError, ValueError):
        raise ValueError(f"generated sheet uses unknown {what} index {raw!r}") from None


# The start tags a generated sheet's indices sit in, and a shared-string cell's value right
# after its start tag. xlsxwriter writes these without prefixes, with double quotes, one
# attribute each; text and formulas are escaped ("<" and ">" as entities), so no tag or
# '"><v>' can appear inside them.
_TAG = re.compile(rb'<(c|row|col|cfRule|sheetView)(\s[^>]*?)?(/?)>(?:<v>(\d+)</v>)?')
_ATTR = {b"c": re.compile(rb'\ss="(\d+)"'), b"row": re.compile(rb'\ss="(\d+)"'),
         b"col": re.compile(rb'\sstyle="(\d+)"'), b"cfRule": re.compile(rb'\sdxfId="(\d+)"')}
_TAB_SELECTED = re.compile(rb'\stabSelected="[^"]*"')
_SHARED = b't="s"'
_INLINE = b't="inlineStr"'
_EMPTY = re.compile(rb'<([A-Za-z]\w*)(\s[^<>]*?)?></\1>')      # <v></v>: lxml writes <v/>
_SHEET_DATA = re.compile(rb'<sheetData\b[^>]*?(/?)>')
# Inside <sheetData>: a cell's or a row's style, a shared-string cell's value.
_CELL_STYLE = re.compile(rb'(<(?:c|row) r="\d*[A-Z]*\d+"(?: [A-Za-z]+="[^"]*")*? s=")(\d+)"')
_SHARED_VALUE = re.compile(rb' t="s"><v>(\d+)</v>')
_ITEM = re.compile(rb'<si>(.*?)</si>', re.S)
_UNIQUE = re.compile(rb'<sst\b[^>]*?\suniqueCount="(\d+)"')


def shared_items(data: bytes) -> dict[int, bytes]:
    """The items of the shared-string table xlsxwriter wrote, by index: the XML inside each
    <si> (a <t>, or the runs of a rich text), as it goes inside an inline string's <is>: the
    splice puts the tool's text in its cells when the user's table is big (splice.MERGE_BYTES),
    so that table stays byte for byte as the user saved it, neither parsed nor compressed again."""
    items = _ITEM.findall(data)
    unique = _UNIQUE.search(data)
    if unique is None or int(unique.group(1)) != len(items) or data.count(b"<si") != len(items):
        raise ValueError("generated shared-string table is not as xlsxwriter writes it")
    return dict(enumerate(items))


def rewrite_sheet_bytes(data: bytes, styles: StyleMap, strings: dict) -> bytes:
    """rewrite_sheet on the bytes of a sheet written by xlsxwriter, without building its tree:
    the same output as parsing, rewriting and serialising it, in a fraction of the time and
    of the memory (a tree costs hundreds of bytes a cell). The cells are rewritten with one
    dictionary lookup each; the few tags around them as in rewrite_sheet."""
    tags, cells = rewriters(styles, strings)
    start = _SHEET_DATA.search(data)
    end = data.find(b"</sheetData>") if start is not None and not start.group(1) else -1
    if end < 0 or end == start.end():          # no rows (an empty <sheetData></sheetData> is closed too)
        return excel_declaration(drop_empty(tags(data)).lstrip())
    body = drop_empty(tags(data[:start.end()])) + cells(data[start.end():end]) + drop_empty(tags(data[end:]))
    return excel_declaration(body.lstrip())


def drop_empty(body: bytes) -> bytes:
    """<v></v> as lxml writes it: <v/>."""
    return _EMPTY.sub(lambda m: m.group(0)[: m.end(2) - m.start(0) if m.group(2) else len(m.group(1)) + 1]
                      + b"/>", body)


def rewriters(styles: StyleMap, strings: dict):
    """(tags, cells): rewrite the tags outside <sheetData> (any bytes), and the rows inside it
    (whole rows: what lies between <sheetData> and </sheetData>, or any run of whole rows)."""
    xf, dxf = styles.xf, styles.dxf

    def one(m: re.Match) -> bytes:
        name, attrs, close, value = m.group(1), m.group(2) or b"", m.group(3), m.group(4)
        if name == b"sheetView":
            attrs = _TAB_SELECTED.sub(b"", attrs)
        else:
            table, what = (dxf, "dxf") if name == b"cfRule" else (xf, "style")
            attrs = _ATTR[name].sub(lambda a: a.group(0)[: a.start(1) - a.start(0)]
                                    + str(_lookup(table, a.group(1), what)).encode() + b'"', attrs, count=1)
        if value is not None and name == b"c" and _SHARED in attrs:
            item = _lookup(strings, value, "shared string")
            if not isinstance(item, int):
                return b"<c" + attrs.replace(_SHARED, _INLINE) + close + b"><is>" + item + b"</is>"
            value = str(item).encode()
        out = b"<" + name + attrs + close + b">"
        if value is not None:
            out += b"<v>" + value + b"</v>"
        return out

    # A style index as written -> the new index and the closing quote; the split below cuts
    # a row into [text, start of a tag up to s=", index, text, ...]: one lookup a cell.
    style_attr = {b"%d" % old: b'%d"' % new for old, new in xf.items()}

    def restyle(data: bytes) -> bytes:
        parts = _CELL_STYLE.split(data)
        indexes = parts[2::3]
        try:
            parts[2::3] = [style_attr[raw] for raw in indexes]
        except KeyError:
            for raw in indexes:
                if raw not in style_attr:
                    style_attr[raw] = b'%d"' % _lookup(xf, raw, "style")     # b"07", or unknown: raises
            parts[2::3] = [style_attr[raw] for raw in indexes]
        return b"".join(parts)

    def shared(m: re.Match) -> bytes:
        item = _lookup(strings, m.group(1), "shared string")
        if isinstance(item, int):
            return b' t="s"><v>%d</v>' % item
        return b' t="inlineStr"><is>' + item + b"</is>"

    def tags(data: bytes) -> bytes:
        return _TAG.sub(one, data)

    def cells(data: bytes) -> bytes:
        # Inside xlsxwriter's rows the only empty elements are a formula's empty result and an empty
        # text (xlsxwriter refuses an empty formula or rich-text run, and closes an empty cell or row
        # itself): closed here as drop_empty would, without its search through every tag.
        data = _SHARED_VALUE.sub(shared, restyle(data))
        return data.replace(b"<v></v>", b"<v/>").replace(b"<t></t>", b"<t/>")

    return tags, cells
