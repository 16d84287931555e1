"""Structural checks of an .xlsx package: the things Excel repairs or rejects.

``check_package`` returns a list of problems (English, for tests and debugging);
an empty list means none of the checked rules is broken. It is meant for test
suites and small fixtures: it reads every worksheet.
"""

from __future__ import annotations

import io
import posixpath
from collections import Counter

from lxml import etree

from sakip_xl.xlsx.opc import CONTENT_TYPES, ContentTypes, Package
from sakip_xl.xlsx.xmlutil import NS_R, UnsafeXmlError, child, children, local
from sakip_xl.xlsx.zipio import ZipFormatError
from sakip_xl.xlsx.styles import FIRST_CUSTOM_NUMFMT, items

INVALID_SHEET_CHARS = set("[]:*?/\\")


def sheet_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be an Excel sheet name, or ``None`` when it can."""
    if not name:
        return "is empty"
    if len(name) > 31:
        return "is longer than 31 characters"
    bad = sorted(INVALID_SHEET_CHARS & set(name))
    if bad:
        return f"contains {''.join(bad)!r}"
    if name.startswith("'") or name.endswith("'"):
        return "starts or ends with an apostrophe"
    if name.casefold() == "history":
        return "is the reserved name History"
    return None


def _source_of(rels_member: str) -> str | None:
    folder, name = posixpath.split(rels_member)
    if posixpath.basename(folder) != "_rels" or not name.endswith(".rels"):
        return None
    return posixpath.join(posixpath.dirname(folder), name[: -len(".rels")])


def check_package(data: bytes) -> list[str]:
    problems: list[str] = []
    try:
        pkg = Package(data)
    except ZipFormatError as exc:
        return [f"zip: {exc}"]
    try:
        _check(pkg, problems)
    except (UnsafeXmlError, ZipFormatError) as exc:
        problems.append(f"unreadable part: {exc}")
    return problems


def _check(pkg: Package, problems: list[str]) -> None:
    counts = Counter(m.name.lower() for m in pkg.zip.members)
    problems += [f"duplicate zip member {n}" for n, k in counts.items() if k > 1]
    ct_name = pkg.find(CONTENT_TYPES)
    if ct_name is None:
        problems.append("missing [Content_Types].xml")
        return
    ct = ContentTypes(pkg.xml(ct_name))
    for name in pkg.members:
        if name != ct_name and ct.of(name) is None:
            problems.append(f"no content type for {name}")
    overrides = Counter(
        el.get("PartName", "").lstrip("/").lower() for el in pkg.xml(ct_name) if local(el) == "Override"
    )
    problems += [f"duplicate content type override /{p}" for p, k in overrides.items() if k > 1]
    for part in ct.overrides:
        if pkg.find(part) is None:
            problems.append(f"content type override for missing part /{part}")
    for name in pkg.members:
        if not name.lower().endswith(".rels"):
            continue
        source = "" if name.lower() == "_rels/.rels" else _source_of(name)
        if source is None:
            continue
        rels = pkg.rels(source)
        for rid, k in Counter(r.id for r in rels).items():
            if k > 1:
                problems.append(f"{name}: duplicate relationship id {rid}")
        for rel in rels:
            if not rel.external and pkg.find(rel.part) is None:
                problems.append(f"{name}: {rel.id} targets missing part {rel.part}")
    wb = pkg.workbook_part()
    if wb is None:
        problems.append("no workbook part")
        return
    _check_workbook(pkg, wb, problems)


def _check_workbook(pkg: Package, wb: str, problems: list[str]) -> None:
    root = pkg.xml(wb)
    rels = {r.id: r for r in pkg.rels(wb)}
    for el in root.iter():
        for attr, value in el.attrib.items():
            if attr.startswith(f"{{{NS_R}}}") and value not in rels:
                problems.append(f"workbook.xml: {local(el)} r:{attr.split('}')[1]}={value} does not resolve")
    sheets_el = child(root, "sheets")
    sheets = children(sheets_el, "sheet") if sheets_el is not None else []
    if not sheets:
        problems.append("workbook has no sheets")
    ids = Counter(s.get("sheetId") for s in sheets)
    problems += [f"duplicate sheetId {i}" for i, k in ids.items() if k > 1]
    names = Counter(s.get("name", "").casefold() for s in sheets)
    problems += [f"duplicate sheet name {n!r}" for n, k in names.items() if k > 1]
    for s in sheets:
        why = sheet_name_problem(s.get("name", ""))
        if why:
            problems.append(f"sheet name {s.get('name')!r} {why}")
    dn = child(root, "definedNames")
    seen = Counter()
    for el in children(dn, "definedName") if dn is not None else []:
        lsid = el.get("localSheetId")
        if lsid is not None and not (lsid.isdigit() and int(lsid) < len(sheets)):
            problems.append(f"defined name {el.get('name')} has localSheetId {lsid} >= {len(sheets)} sheets")
        seen[(el.get("name", "").casefold(), lsid)] += 1
    problems += [f"duplicate defined name {n} in scope {s}" for (n, s), k in seen.items() if k > 1]
    for view in root.iter(f"{{{root.nsmap.get(root.prefix)}}}workbookView"):
        active = view.get("activeTab", "0")
        if not (active.isdigit() and int(active) < max(len(sheets), 1)):
            problems.append(f"activeTab {active} out of range")
    styles = _styles_info(pkg, rels, problems)
    n_strings = _strings_info(pkg, rels, problems)
    sheet_ids = {s.get("sheetId") for s in sheets}
    for s in sheets:
        rel = rels.get(s.get(f"{{{NS_R}}}id", ""))
        if rel is None or rel.kind != "worksheet" or pkg.find(rel.part) is None:
            continue
        _check_worksheet(pkg, pkg.find(rel.part), styles, n_strings, problems)
    for rel in rels.values():
        if rel.kind == "calcChain" and pkg.find(rel.part):
            current = None
            for c in pkg.xml(pkg.find(rel.part)):
                current = c.get("i", current)
                if current not in sheet_ids:
                    problems.append(f"calcChain entry {c.get('r')} points at missing sheetId {current}")
                    break


def _styles_info(pkg: Package, rels, problems: list[str]) -> dict[str, int]:
    found = [r for r in rels.values() if r.kind == "styles" and pkg.find(r.part)]
    if not found:
        return {"cellXfs": 1, "dxfs": 0}
    root = pkg.xml(pkg.find(found[0].part))
    n = {name: len(items(root, name)) for name in ("fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "dxfs")}
    fmt_ids = Counter(nf.get("numFmtId") for nf in items(root, "numFmts"))
    problems += [f"styles: duplicate numFmtId {i}" for i, k in fmt_ids.items() if k > 1]
    for container in ("cellStyleXfs", "cellXfs"):
        for i, xf in enumerate(items(root, container)):
            nf = xf.get("numFmtId", "0")
            if not (nf.isdigit() and (int(nf) < FIRST_CUSTOM_NUMFMT or nf in fmt_ids)):
                problems.append(f"styles: {container}[{i}] numFmtId {nf} is not defined")
            for attr, limit in (("fontId", "fonts"), ("fillId", "fills"), ("borderId", "borders")):
                v = xf.get(attr, "0")
                if not (v.isdigit() and int(v) < n[limit]):
                    problems.append(f"styles: {container}[{i}] {attr} {v} >= {n[limit]} {limit}")
            if container == "cellXfs":
                v = xf.get("xfId", "0")
                if not (v.isdigit() and int(v) < max(n["cellStyleXfs"], 1)):
                    problems.append(f"styles: cellXfs[{i}] xfId {v} >= {n['cellStyleXfs']} cellStyleXfs")
    for style in items(root, "cellStyles"):
        v = style.get("xfId", "0")
        if not (v.isdigit() and int(v) < n["cellStyleXfs"]):
            problems.append(f"styles: cellStyle {style.get('name')!r} xfId {v} >= {n['cellStyleXfs']}")
    return n


def _strings_info(pkg: Package, rels, problems: list[str]) -> int:
    found = [r for r in rels.values() if r.kind == "sharedStrings" and pkg.find(r.part)]
    if not found:
        return 0
    root = pkg.xml(pkg.find(found[0].part))
    n = len(children(root, "si"))
    unique = root.get("uniqueCount")
    if unique is not None and unique != str(n):
        problems.append(f"sharedStrings: uniqueCount {unique} but {n} items")
    return n


def _check_worksheet(pkg: Package, part: str, styles: dict[str, int], n_strings: int, problems: list[str]) -> None:
    data = pkg.read(part)
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        problems.append(f"{part}: DTD in worksheet")
        return
    n_xf, n_dxf = styles.get("cellXfs", 0), styles.get("dxfs", 0)
    bad: Counter = Counter()
    first: dict[str, str] = {}
    context = etree.iterparse(
        io.BytesIO(data), events=("end",), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    for _, el in context:
        name = local(el)
        if name == "c":
            s = el.get("s")
            if s is not None and not (s.isdigit() and int(s) < n_xf):
                bad["s"] += 1
                first.setdefault("s", f"{el.get('r')} s={s}")
            if el.get("t") == "s":
                v = child(el, "v")
                text = v.text if v is not None else None
                if text is None or not text.strip().isdigit() or int(text) >= n_strings:
                    bad["string"] += 1
                    first.setdefault("string", f"{el.get('r')} string index {text}")
        elif name == "row":
            s = el.get("s")
            if s is not None and not (s.isdigit() and int(s) < n_xf):
                bad["row"] += 1
                first.setdefault("row", f"row {el.get('r')} s={s}")
            el.clear()
        elif name == "col":
            s = el.get("style")
            if s is not None and not (s.isdigit() and int(s) < n_xf):
                bad["col"] += 1
                first.setdefault("col", f"col {el.get('min')} style={s}")
        elif name == "cfRule" and el.get("dxfId") is not None:
            s = el.get("dxfId")
            if not (s.isdigit() and int(s) < n_dxf):
                bad["dxf"] += 1
                first.setdefault("dxf", f"cfRule dxfId={s} >= {n_dxf} dxfs")
    for kind, k in bad.items():
        problems.append(f"{part}: {k} bad {kind} reference(s), first {first[kind]}")
