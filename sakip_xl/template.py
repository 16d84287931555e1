"""The template workbook, generated from the schema (and filled, for examples)."""
from __future__ import annotations

import datetime as dt
import io
from typing import Mapping, Sequence

import xlsxwriter

from sakip_xl.read.schema import PENGATURAN, TableSheet
from sakip_xl.write.common import LINE_HEIGHT, lines_needed
from sakip_xl.sections import all_input_sheets, all_settings, sections

FIXED_DATE = dt.datetime(2024, 1, 1)
TEMPLATE_ROWS = 50          # rows prepared with dropdowns and formats
SETTINGS_FIRST_ROW = 2      # 0-based row of the first setting
PETUNJUK_WIDTHS = (16, 34, 8, 90)


def build_template(settings: Mapping[str, object] | None = None,
                   rows: Mapping[str, Sequence[Mapping[str, object]]] | None = None) -> bytes:
    """The template as bytes; `settings` and `rows` fill it (for example workbooks)."""
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False,
                                      "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": "Workbook SAKIP (sakip-xl)", "created": FIXED_DATE, "author": "sakip-xl"})
    styles = _styles(wb)
    _write_petunjuk(wb, styles)
    _write_settings(wb, styles, settings or {})
    prefilled = {name: r for sec in sections() for name, r in sec.template_rows.items()}
    for spec in all_input_sheets():
        _write_table_sheet(wb, styles, spec, (rows or {}).get(spec.name) or prefilled.get(spec.name, ()))
    for ws in wb.worksheets():     # the input sheets print on A4 too, one page wide
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
    wb.worksheets()[1].activate()
    wb.close()
    return buffer.getvalue()


def _styles(wb):
    return {
        "title": wb.add_format({"bold": True, "font_size": 13}),
        "date": wb.add_format({"num_format": "dd/mm/yyyy", "border": 1}),   # examples and tests only
        "note": wb.add_format({"italic": True, "font_color": "#595959"}),
        "header": wb.add_format({"bold": True, "text_wrap": True, "valign": "vcenter", "align": "center",
                                 "bg_color": "#FFF2CC", "border": 1}),
        "label": wb.add_format({"bold": True, "valign": "top"}),
        "wrap": wb.add_format({"text_wrap": True, "valign": "top"}),
        "input": wb.add_format({"bg_color": "#FFFBEA", "border": 1, "text_wrap": True, "valign": "top"}),
        "plain": wb.add_format({"border": 0, "pattern": 0}),   # a title row over bordered input columns
        "line": wb.add_format({"valign": "top"}),
    }


def _write_settings(wb, st, values):
    ws = wb.add_worksheet(PENGATURAN.name)
    ws.set_column(0, 0, 38)
    ws.set_column(1, 1, 34)
    ws.set_column(2, 2, 16)
    ws.set_column(3, 3, 70)
    ws.write_string(0, 0, PENGATURAN.title, st["title"])
    ws.write_string(1, 0, PENGATURAN.help, st["note"])
    r = SETTINGS_FIRST_ROW
    for s in all_settings():
        ws.write_string(r, 0, s.label, st["label"])
        value = values.get(s.key, s.default)
        _write_value(ws, r, 1, value, st["input"])
        ws.write_string(r, 3, s.help, st["note"])
        if s.kind == "choice":
            ws.data_validation(r, 1, r, 1, {"validate": "list", "source": list(s.choices)})
        r += 1
    r += 1
    ws.write_string(r, 0, PENGATURAN.scale_title, st["label"])
    ws.write_string(r, 3, "Dari kategori terendah ke tertinggi. Kategori terendah tanpa batas. "
                          "Syarat '>=' berarti 'paling sedikit', '>' berarti 'lebih dari'.", st["note"])
    r += 1
    for c, h in enumerate(PENGATURAN.scale_headers):
        ws.write_string(r, c, h, st["header"])
    scale = values.get("skala") or PENGATURAN.default_scale
    for row in scale:
        r += 1
        ws.write_string(r, 0, row.label, st["input"])
        if row.operator:
            ws.write_string(r, 1, row.operator, st["input"])
            ws.write_number(r, 2, row.bound, st["input"])
        else:
            ws.write_blank(r, 1, None, st["input"])
            ws.write_blank(r, 2, None, st["input"])
        ws.data_validation(r, 1, r, 1, {"validate": "list", "source": [">", ">="]})
    from sakip_xl.read.ordinal import DEFAULT_SCALES, write_template_table
    r = write_template_table(ws, r + 2, st, values.get("skala_kualitatif") or DEFAULT_SCALES)
    from sakip_xl.skm.labels import write_template_table as skm_labels
    r = skm_labels(ws, r + 1, st)
    for sec in sections():
        if sec.settings_tables is not None:
            r = sec.settings_tables(ws, r + 1, st, values)


def _write_value(ws, r, c, value, fmt, date_fmt=None):
    if isinstance(value, (dt.date, dt.datetime)):
        ws.write_datetime(r, c, value, date_fmt)
    elif value is None or value == "":
        ws.write_blank(r, c, None, fmt)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        ws.write_number(r, c, value, fmt)
    else:
        ws.write_string(r, c, str(value), fmt)


def _write_table_sheet(wb, st, spec: TableSheet, records):
    ws = wb.add_worksheet(spec.name)
    ws.write_string(0, 0, spec.title, st["title"])
    ws.write_string(1, 0, spec.help, st["note"])
    hr = spec.header_row - 1
    formats = {}
    prepared = max(TEMPLATE_ROWS, len(records) + 20)
    for c, col in enumerate(spec.columns):
        ws.write_string(hr, c, col.header, st["header"])
        props = {"bg_color": "#FFFBEA", "border": 1, "valign": "top"}
        if col.num_format:
            props["num_format"] = col.num_format
        if col.kind == "text":
            props["text_wrap"] = True
        formats[col.key] = wb.add_format(props)
        ws.set_column(c, c, col.width, formats[col.key])
        if col.kind == "choice":
            ws.data_validation(hr + 1, c, hr + prepared, c, {
                "validate": "list", "source": list(col.choices),
                "error_type": "warning", "error_message": f"Pilih salah satu: {', '.join(col.choices)}",
            })
        if col.help:
            ws.write_comment(hr, c, col.help, {"x_scale": 2, "y_scale": 1.2})
    ws.set_row(hr, LINE_HEIGHT * max(2, max(lines_needed(col.header, col.width) for col in spec.columns)))
    for r in range(hr):            # title and note rows: no input borders or fill from the columns
        ws.set_row(r, None, st["plain"])
    ws.freeze_panes(hr + 1, 0)
    for i, rec in enumerate(records):
        lines = 1
        for c, col in enumerate(spec.columns):
            if col.key in rec:
                _write_value(ws, hr + 1 + i, c, rec[col.key], formats[col.key], st["date"])
                if col.kind == "text" and isinstance(rec[col.key], str):
                    lines = max(lines, lines_needed(rec[col.key], col.width))
        if lines > 1:              # example rows: as tall as their wrapped texts
            ws.set_row(hr + 1 + i, LINE_HEIGHT * lines)


def _write_petunjuk(wb, st):
    ws = wb.add_worksheet("Petunjuk")
    for c, width in enumerate(PETUNJUK_WIDTHS):
        ws.set_column(c, c, width)
    data_sheets = ", ".join(spec.name for spec in all_input_sheets())
    lines = [
        "PETUNJUK PENGISIAN",
        "1. Isi lembar Pengaturan (identitas instansi, tahun, aturan perhitungan).",
        f"2. Isi lembar data yang Anda punya ({data_sheets}); lembar yang kosong dilewati.",
        "   PK: satu baris per indikator kinerja, target dan realisasi sebagai angka.",
        "3. Simpan, lalu jalankan:  sakip-xl compute NAMA-FILE.xlsx",
        "4. Buka lagi file itu: lembar hasil (Capaian, Perbandingan, Hasil Anggaran, Hasil SKM) dan",
        "   Pemeriksaan (temuan) sudah ditambahkan. Lembar hasil berisi rumus hidup; jangan diubah manual.",
        "   Ubah data, lalu jalankan compute lagi. Daftar kolom setiap lembar ada di bawah ini.",
    ]
    for i, text in enumerate(lines):      # one line each, running across the empty cells beside it
        ws.write_string(i, 0, text, st["title"] if i == 0 else st["line"])
    r = len(lines) + 1
    for c, h in enumerate(("Lembar", "Kolom", "Wajib", "Keterangan")):
        ws.write_string(r, c, h, st["header"])
    for spec in all_input_sheets():
        for col in spec.columns:
            r += 1
            ws.write_string(r, 0, spec.name, st["wrap"])
            names = col.header + (f" (juga: {', '.join(col.aliases)})" if col.aliases else "")
            ws.write_string(r, 1, names, st["wrap"])
            ws.write_string(r, 2, "ya" if col.required else "tidak", st["wrap"])
            extra = f" Pilihan: {', '.join(col.choices)}." if col.choices else ""
            ws.write_string(r, 3, col.help + extra, st["wrap"])
            _fit(ws, r, names, col.help + extra)
    for s in all_settings():
        r += 1
        ws.write_string(r, 0, PENGATURAN.name, st["wrap"])
        ws.write_string(r, 1, s.label, st["wrap"])
        ws.write_string(r, 2, "tidak", st["wrap"])
        extra = f" Pilihan: {', '.join(s.choices)}." if s.choices else ""
        ws.write_string(r, 3, s.help + extra, st["wrap"])
        _fit(ws, r, s.label, s.help + extra)


def _fit(ws, r: int, kolom: str, keterangan: str) -> None:
    """A Petunjuk row as tall as its wrapped texts (LibreOffice keeps the height it is given)."""
    lines = max(lines_needed(kolom, PETUNJUK_WIDTHS[1]), lines_needed(keterangan, PETUNJUK_WIDTHS[3]))
    if lines > 1:
        ws.set_row(r, LINE_HEIGHT * lines)
