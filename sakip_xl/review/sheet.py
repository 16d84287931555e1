"""The `Pemeriksaan` sheet: every finding, a link to its cell, counts on top."""
from __future__ import annotations

from sakip_xl import findings as F
from sakip_xl.xlsx.addresses import col_letter
from sakip_xl.write.common import Formats, RowCells, fit_row, MAX_LINKS, internal_link, write_link
from sakip_xl.write.presentation import print_setup

SHEET = "Pemeriksaan"
HEADERS = (("No", 5), ("Kode", 9), ("Tingkat", 13), ("Lembar", 14), ("Sel", 9),
           ("Temuan", 70), ("Cara Memperbaiki", 60))
COUNT_ROW = 3
HEADER_ROW = 8
NOTE_ROW = 6              # under the counts: why the last findings have no link, when so


def write(wb, fmt: Formats, findings: list[F.Finding], sheet_names: set[str], subtitle: str,
          settings=None, snapshot: str | None = None) -> None:
    ws = wb.add_worksheet(SHEET)
    if snapshot is not None:          # the settings used, for `check` (snapshot.py): a hidden cell
        from sakip_xl.review import snapshot as S

        ws.write_string(S.ROW, S.COL, snapshot)
        ws.set_column(S.COL, S.COL, None, None, {"hidden": True})
    ws.write_string(0, 0, "PEMERIKSAAN (TEMUAN)", fmt.title)
    ws.write_string(1, 0, subtitle, fmt.note)
    for c, (name, width) in enumerate(HEADERS):
        ws.set_column(c, c, width)
    first = HEADER_ROW + 1
    last = HEADER_ROW + max(len(findings), 1)
    sev_col = col_letter(2)
    ws.write_string(COUNT_ROW - 1, 2, "Jumlah temuan", fmt.label)
    for i, sev in enumerate((F.GALAT, F.PERINGATAN, F.INFO)):
        r = COUNT_ROW + i
        ws.write_string(r, 2, sev, fmt.bold_text)
        # The whole column less the rows above the table: the formula's text does not depend on how
        # many findings there are, so `check` after an input edit reports stale counts (WB-003),
        # not an edited formula (WB-002).
        ws.write_formula(r, 3, f'=COUNTIF(${sev_col}:${sev_col},"{sev}")-COUNTIF(${sev_col}$1:${sev_col}${first},"{sev}")',
                         fmt.integer, sum(1 for f in findings if f.severity == sev))
    linked = [bool(f.cell and f.sheet in sheet_names) for f in findings]
    if sum(linked) > MAX_LINKS:        # above the header row: a big sheet is written top to bottom
        ws.write_string(NOTE_ROW, 0, f"Excel membatasi tautan sampai {MAX_LINKS:,} per lembar".replace(",", ".")
                        + ": temuan sesudahnya ditulis tanpa tautan. Untuk menuju selnya, ketik isi kolom Sel "
                        "pada Kotak Nama (Name Box) di lembar yang disebut kolom Lembar.", fmt.note)
    for c, (name, _) in enumerate(HEADERS):
        ws.write_string(HEADER_ROW, c, name, fmt.header)
    ws.freeze_panes(first, 0)
    if not findings:
        ws.write_string(first, 5, "Tidak ada temuan.", fmt.text)
    for i, f in enumerate(findings):
        r = first + i
        cells = RowCells(ws, r)       # the row's cells, written at once
        cells.write_number(r, 0, i + 1, fmt.center)
        cells.write_string(r, 1, f.code, fmt.center)
        cells.write_string(r, 2, f.severity, fmt.center)
        cells.write_string(r, 3, f.sheet, fmt.text)
        if linked[i]:
            write_link(cells, r, 4, internal_link(f.sheet, f.cell), fmt.link, f.cell, fmt.center)
        else:
            cells.write_string(r, 4, f.cell, fmt.center)
        cells.write_string(r, 5, f.message, fmt.text)
        cells.write_string(r, 6, f.hint, fmt.text)
        cells.put()
        fit_row(ws, r, [(f.message, HEADERS[5][1]), (f.hint, HEADERS[6][1]), (f.sheet, HEADERS[3][1])])
    ws.autofilter(HEADER_ROW, 0, last, len(HEADERS) - 1)
    print_setup(ws, settings, "Pemeriksaan (Temuan)", header_row=HEADER_ROW)
