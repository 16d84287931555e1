"""The user's shared-string table read ahead (sst.read_user_strings) merges exactly as read in place."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from sakip_xl.xlsx.sst import merge_strings, read_user_strings
from sakip_xl.xlsx.xmlutil import NS_MAIN

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "excel-corpus"


def items(texts: list[str]) -> list[etree._Element]:
    out = []
    for text in texts:
        si = etree.Element(f"{{{NS_MAIN}}}si")
        etree.SubElement(si, f"{{{NS_MAIN}}}t").text = text
        out.append(si)
    return out


def tables() -> list[tuple[str, bytes]]:
    found = [("(none)", None), ("empty", b'<?xml version="1.0"?><sst xmlns="%s" count="0" uniqueCount="0"/>'
                                % NS_MAIN.encode())]
    if CORPUS.is_dir():
        for path in sorted(CORPUS.glob("*.xlsx")):
            with zipfile.ZipFile(path) as z:
                for name in z.namelist():
                    if name.lower().endswith("sharedstrings.xml"):
                        found.append((path.name, z.read(name)))
    return found


def test_read_ahead_gives_the_same_table_and_map_on_every_corpus_table(record_property):
    checked = 0
    for name, data in tables():
        user = read_user_strings(data)
        existing = list(user.plain)[:3]                       # strings the table already holds
        gen = items(existing + ["Capaian", "Sangat Baik", existing[0] if existing else "x", "  spasi  ", "a&b<c>"])
        plain = merge_strings(data, gen, 7)
        ahead = merge_strings(data, gen, 7, user=read_user_strings(data))
        assert ahead == plain, name
        if existing:
            assert all(plain[1][i] == user.plain[t] for i, t in enumerate(existing))
        checked += 1
    record_property("summary", f"shared strings read ahead: {checked} tables merge as before")
    if CORPUS.is_dir():
        assert checked > 100


def test_a_rich_generated_string_takes_the_full_path():
    data = (b'<sst xmlns="%s" count="2" uniqueCount="2"><si><t>a</t></si><si><r><t>b</t></r></si></sst>'
            % NS_MAIN.encode())
    rich = etree.fromstring(b'<si xmlns="%s"><r><t>b</t></r></si>' % NS_MAIN.encode())
    gen = items(["a"]) + [rich]
    assert merge_strings(data, gen, 2, user=read_user_strings(data)) == merge_strings(data, gen, 2)
    assert merge_strings(data, gen, 2)[1] == {0: 0, 1: 1}


def test_a_string_the_table_holds_twice_maps_to_its_first_item():
    data = (b'<sst xmlns="%s" count="4" uniqueCount="4"><si><t>x</t></si><si><t>a</t></si>'
            b'<si><t>a</t></si><si><t xml:space="preserve"> b </t></si></sst>' % NS_MAIN.encode())
    gen = items(["a", " b ", "baru"])
    plain = merge_strings(data, gen, 3)
    assert plain == merge_strings(data, gen, 3, user=read_user_strings(data))
    assert plain[1] == {0: 1, 1: 3, 2: 4}
