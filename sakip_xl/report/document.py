"""The report laid out with python-docx: A4, tables with repeated headers, deterministic bytes."""
from __future__ import annotations

import datetime as _dt
import io
import zipfile

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from sakip_xl.write.report_model import Heading, Para, Report, Table

FONT = "Arial"
BODY_PT, TABLE_PT, HEAD_PT, SMALL_PT = 11, 9, 8, 8
HEADER_FILL = "D9E1F2"
# Fixed document dates: the same workbook gives the same bytes whenever the report is made.
FIXED_DATE = _dt.datetime(2000, 1, 1, 0, 0, 0)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_ALIGN = {"l": WD_ALIGN_PARAGRAPH.LEFT, "c": WD_ALIGN_PARAGRAPH.CENTER, "r": WD_ALIGN_PARAGRAPH.RIGHT}


def render(report: Report) -> bytes:
    doc = Document()
    _page(doc)
    _styles(doc)
    _properties(doc, report.title)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(report.title)
    run.bold = True
    run.font.size = Pt(12)
    for block in report.blocks:
        if isinstance(block, Heading):
            doc.add_heading(block.text, level=min(block.level, 3))
        elif isinstance(block, Para):
            _para(doc, block)
        elif isinstance(block, Table):
            _table(doc, block)
    buffer = io.BytesIO()
    doc.save(buffer)
    return _normalized_zip(buffer.getvalue())


def _page(doc) -> None:
    for section in doc.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.0)
        section.top_margin = section.bottom_margin = Cm(2.0)


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    for level, size in ((1, 13), (2, 12), (3, 11)):
        style = doc.styles[f"Heading {level}"]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        rfonts = style.element.rPr.rFonts
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attr), None)
        rfonts.set(qn("w:ascii"), FONT)
        rfonts.set(qn("w:hAnsi"), FONT)


CORE_PROPERTY_MAX = 255       # Word (and python-docx) refuse a longer core property


def _properties(doc, title: str) -> None:
    props = doc.core_properties
    # the heading keeps the whole title; the file's title property is cut to what Word accepts
    props.title = title if len(title) <= CORE_PROPERTY_MAX else title[: CORE_PROPERTY_MAX - 1].rstrip() + "…"
    props.subject = "LKjIP Bab III"
    props.author = "sakip-xl"
    props.last_modified_by = "sakip-xl"
    props.comments = "Dibuat oleh sakip-xl dari workbook SAKIP."
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    props.last_printed = FIXED_DATE
    props.revision = 1


def _para(doc, block: Para) -> None:
    p = doc.add_paragraph()
    run = p.add_run(block.text)
    run.bold = block.bold
    run.italic = block.italic
    if block.small:
        run.font.size = Pt(SMALL_PT)


def _caption(doc, table: Table) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.keep_with_next = True
    p.paragraph_format.space_after = Pt(4)
    run = p.add_run(f"{table.title}\n{table.caption}")
    run.bold = True
    run.font.size = Pt(10)


HEAD_CHAR_CM, BODY_CHAR_CM, PAD_CM, MIN_TEXT_CM = 0.2, 0.18, 0.45, 2.4


def fitted_widths(table: Table) -> list[float]:
    """Column widths (cm) widened so no header word and no number breaks, taken from the text columns."""
    widths = list(table.widths)
    need = [0.0] * table.columns
    spanned = {(r, c) for r0, c0, r1, c1 in table.header_merges if c1 > c0 for r in range(r0, r1 + 1)
               for c in range(c0, c1 + 1)}
    for r, row in enumerate(table.header):
        for c, value in enumerate(row):
            if value and (r, c) not in spanned:
                need[c] = max(need[c], max(len(w) for w in value.split()) * HEAD_CHAR_CM + PAD_CM)
    for row in table.rows:
        for c, value in enumerate(row):
            words = [value] if table.align[c] == "r" else (value.split() or [""])
            need[c] = max(need[c], max(len(w) for w in words) * BODY_CHAR_CM + PAD_CM)
    extra = 0.0
    for c in range(table.columns):
        if table.align[c] != "l" and need[c] > widths[c]:
            extra += need[c] - widths[c]
            widths[c] = need[c]
    text_cols = [c for c in range(table.columns) if table.align[c] == "l"]
    room = sum(max(0.0, widths[c] - MIN_TEXT_CM) for c in text_cols)
    if extra and room:
        take = min(1.0, extra / room)
        for c in text_cols:
            widths[c] -= max(0.0, widths[c] - MIN_TEXT_CM) * take
    return [round(w, 2) for w in widths]


def _table(doc, table: Table) -> None:
    _caption(doc, table)
    widths = fitted_widths(table)
    numbered = 1 if table.numbered else 0
    n_head = len(table.header) + numbered
    t = doc.add_table(rows=n_head + len(table.rows), cols=table.columns)
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for c, col in enumerate(t._tbl.tblGrid.findall(qn("w:gridCol"))):
        col.set(qn("w:w"), str(round(Cm(widths[c]).emu / 635)))
    for r, values in enumerate(table.header):
        for c, value in enumerate(values):
            if value is not None:
                _write(t.cell(r, c), value, "c", bold=True, size=HEAD_PT)
    if numbered:
        for c in range(table.columns):
            _write(t.cell(len(table.header), c), f"({c + 1})", "c", italic=True)
    for r, values in enumerate(table.rows):
        for c, value in enumerate(values):
            _write(t.cell(n_head + r, c), value, table.align[c], bold=r in table.bold_rows)
    for r, row in enumerate(t.rows):
        _cant_split(row)
        for c, cell in enumerate(row.cells):
            cell.width = Cm(widths[c])
        if r < n_head:
            _header_row(row)
    for r0, c0, r1, c1 in table.header_merges:
        _merge(t, r0, c0, r1, c1)
    for r0, c0, r1, c1 in table.merges:
        _merge(t, n_head + r0, c0, n_head + r1, c1)
    if table.note:
        _para(doc, Para(table.note, italic=True, small=True))
    doc.add_paragraph()


def _write(cell, value: str, align: str, bold: bool = False, italic: bool = False, size: int = TABLE_PT) -> None:
    p = cell.paragraphs[0]
    p.alignment = _ALIGN[align]
    p.paragraph_format.space_after = Pt(0)
    _no_hyphenation(p)
    run = p.add_run(value)
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP


def _no_hyphenation(p) -> None:
    """A narrow column must not hyphenate its words (KOORDI-NASI): the paragraph says so itself,
    whatever the reader's hyphenation setting."""
    ppr = p._p.get_or_add_pPr()
    if ppr.find(qn("w:suppressAutoHyphens")) is None:
        el = ppr.makeelement(qn("w:suppressAutoHyphens"), {})
        # CT_PPr order: pStyle, keepNext, keepLines, pageBreakBefore, framePr, widowControl, numPr,
        # suppressLineNumbers, pBdr, shd, tabs, suppressAutoHyphens, ... , jc, ...
        later = {qn(t) for t in ("w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
                                 "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing",
                                 "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                                 "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                                 "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")}
        after = next((child for child in ppr if child.tag in later), None)
        if after is None:
            ppr.append(el)
        else:
            after.addprevious(el)


def _merge(t, r0: int, c0: int, r1: int, c1: int) -> None:
    """Merge a block, keeping the text of its first cell only."""
    first = t.cell(r0, c0)
    keep = first.text
    for r in range(r0, r1 + 1):
        for c in range(c0, c1 + 1):
            if (r, c) != (r0, c0) and t.cell(r, c).text == keep:
                t.cell(r, c).paragraphs[0].clear()
    merged = first.merge(t.cell(r1, c1))
    paragraphs = merged.paragraphs
    for extra in paragraphs[1:]:
        if not extra.text:
            extra._element.getparent().remove(extra._element)


def _header_row(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)
    for cell in row.cells:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), HEADER_FILL)
        cell._tc.get_or_add_tcPr().insert_element_before(shading, *_AFTER_SHD)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers",
              "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")


def _cant_split(row) -> None:
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


def _normalized_zip(data: bytes) -> bytes:
    """The same members in the same order with fixed timestamps: equal input, equal bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
