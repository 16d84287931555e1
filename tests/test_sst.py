"""Merging the tool's strings into a user's (small) shared-string table (xlsx/sst.py): existing
items are reused and kept byte for byte, new ones appended."""
from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from sakip_xl.xlsx.sst import merge_strings
from sakip_xl.xlsx.xmlutil import NS_MAIN

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "excel-corpus"
SI, T = f"{{{NS_MAIN}}}si", f"{{{NS_MAIN}}}t"


def items(texts: list[str]) -> list[etree._Element]:
    out = []
    for text in texts:
        si = etree.Element(SI)
        etree.SubElement(si, T).text = text
        out.append(si)
    return out


def tables() -> list[tuple[str, bytes | None]]:
    found = [("(none)", None), ("empty", b'<?xml version="1.0"?><sst xmlns="%s" count="0" uniqueCount="0"/>'
                                % NS_MAIN.encode())]
    if CORPUS.is_dir():
        for path in sorted(CORPUS.glob("*.xlsx")):
            with zipfile.ZipFile(path) as z:
                for name in z.namelist():
                    if name.lower().endswith("sharedstrings.xml"):
                        found.append((path.name, z.read(name)))
    return found


def _plain_firsts(data: bytes | None) -> tuple[dict[str, int], int]:
    """Each plain text of the table and the index of its first item; the number of items."""
    if data is None:
        return {}, 0
    root = etree.fromstring(data)
    firsts: dict[str, int] = {}
    sis = [el for el in root if el.tag == SI]
    for i, si in enumerate(sis):
        kids = list(si)
        if len(kids) == 1 and kids[0].tag == T and not len(kids[0]):
            firsts.setdefault(kids[0].text or "", i)
    return firsts, len(sis)


def test_merging_reuses_existing_items_and_appends_the_rest_on_every_corpus_table(record_property):
    checked = 0
    for name, data in tables():
        firsts, total = _plain_firsts(data)
        existing = [t for t in firsts if t and t == t.strip()][:3]
        new = [t for t in ["Capaian zz", "Sangat Baik zz", "a&b<c> zz"] if t not in firsts]
        gen = items(existing + new + existing[:1])
        merged, mapping = merge_strings(data, gen, 7)
        for i, text in enumerate(existing):
            assert mapping[i] == firsts[text], name
        assert [mapping[len(existing) + k] for k in range(len(new))] == list(range(total, total + len(new))), name
        after, after_total = _plain_firsts(merged)
        assert after_total == total + len(new), name
        for k, text in enumerate(new):
            assert after[text] == total + k, name
        if data is not None and b"<si" in data:       # the user's items come first, byte for byte
            first, last = data.index(b"<si"), data.rindex(b"</si>") + 5
            assert data[first:last] in merged, name
        checked += 1
    record_property("summary", f"shared strings merged: {checked} tables")
    if CORPUS.is_dir():
        assert checked > 100


def test_a_rich_generated_string_is_matched_to_a_rich_item():
    data = (b'<sst xmlns="%s" count="2" uniqueCount="2"><si><t>a</t></si><si><r><t>b</t></r></si></sst>'
            % NS_MAIN.encode())
    rich = etree.fromstring(b'<si xmlns="%s"><r><t>b</t></r></si>' % NS_MAIN.encode())
    assert merge_strings(data, items(["a"]) + [rich], 2) == (None, {0: 0, 1: 1})


def test_a_string_the_table_holds_twice_maps_to_its_first_item():
    data = (b'<sst xmlns="%s" count="4" uniqueCount="4"><si><t>x</t></si><si><t>a</t></si>'
            b'<si><t>a</t></si><si><t xml:space="preserve"> b </t></si></sst>' % NS_MAIN.encode())
    assert merge_strings(data, items(["a", " b ", "baru"]), 3)[1] == {0: 1, 1: 3, 2: 4}
