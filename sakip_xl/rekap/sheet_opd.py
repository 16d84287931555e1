"""The `Rekap OPD` sheet (a row per workbook, a live total row) and the `Grafik` chart."""
from __future__ import annotations

from sakip_xl.xlsx.addresses import cell
from sakip_xl.findings import GALAT, INFO, PERINGATAN
from sakip_xl.write.common import stored
from sakip_xl.rekap import aggregate
from sakip_xl.rekap.cells import RekapFormats, put, write_file
from sakip_xl.rekap.model import OpdRow

SHEET = "Rekap OPD"
CHART_SHEET = "Grafik"
HEADER_ROW = 3
FIRST_ROW = HEADER_ROW + 1

# (header, width, key): the fixed columns; the sasaran columns follow them.
COLUMNS = (
    ("No", 5, "no"), ("Instansi", 34, "instansi"), ("Kabupaten/Kota", 18, "kabupaten"), ("Tahun", 7, "tahun"),
    ("File", 28, "file"), ("Nilai IKM (NIK)", 10, "nik"), ("Mutu Pelayanan", 9, "mutu"),
    ("Kinerja Unit", 12, "kinerja"), ("Responden SKM", 11, "responden"),
    ("Jawaban Sah Unsur Terendah", 11, "sah_min"), ("Jawaban Sah Unsur Tertinggi", 11, "sah_max"),
    ("Baris SKM Tanpa Jawaban", 10, "tanpa_jawaban"), ("Rata-rata Capaian (%)", 11, "capaian"), ("Kategori Capaian", 13, "kategori"),
    ("Pagu (Rp)", 17, "pagu"), ("Realisasi (Rp)", 17, "realisasi"), ("Serapan (%)", 10, "serapan"),
    ("Temuan Galat", 9, GALAT), ("Temuan Peringatan", 11, PERINGATAN), ("Temuan Info", 8, INFO),
    ("Hasil Usang", 8, "usang"), ("Keterangan Hasil", 26, "keterangan"),
)
COL = {key: i for i, (_, _, key) in enumerate(COLUMNS)}
SASARAN_FIELDS = (("Sasaran {k}", 34), ("Capaian Sasaran {k} (%)", 11), ("Kategori Sasaran {k}", 13))
YES, NO = "Ya", "Tidak"


def write(wb, fmt: RekapFormats, rows: list[OpdRow], base_dir: str | None, subtitle: str, title: str) -> None:
    ws = wb.add_worksheet(SHEET)
    ws.write_string(0, 0, title, fmt.title)
    ws.write_string(1, 0, subtitle, fmt.note)
    width = max((len(r.sasaran) for r in rows), default=0)
    headers = [(h, w) for h, w, _ in COLUMNS]
    for k in range(1, width + 1):
        headers += [(h.format(k=k), w) for h, w in SASARAN_FIELDS]
    for c, (h, w) in enumerate(headers):
        ws.set_column(c, c, w)
        ws.write_string(HEADER_ROW, c, h, fmt.header)
    ws.set_row(HEADER_ROW, 45)
    ws.freeze_panes(FIRST_ROW, 2)
    ws.repeat_rows(HEADER_ROW)
    _print_pages(ws, [w for _, w in headers])
    if not rows:
        ws.write_string(FIRST_ROW, 1, "Tidak ada workbook yang berhasil dibaca (lihat lembar Gagal).", fmt.text)
        return
    for i, row in enumerate(rows):
        _row(ws, fmt, FIRST_ROW + i, i + 1, row, base_dir)
    last = FIRST_ROW + len(rows) - 1
    ws.autofilter(HEADER_ROW, 0, last, len(headers) - 1)
    sums = aggregate.totals(rows)
    _total_row(ws, fmt, last + 1, rows, sums)
    _mutu_block(ws, fmt, last + 3, len(rows), sums)
    _chart(wb, len(rows))


PAGE_WIDTH = 150          # column width units an A4 landscape page prints readably (about 90 % scale)
REPEATED = (0, 1)         # No and Instansi are printed on every page


def pages_wide(widths: list[float]) -> int:
    """A4 landscape pages across for columns of these widths, No and Instansi repeated on each page."""
    fixed = sum(widths[REPEATED[0]:REPEATED[1] + 1])
    rest = sum(widths) - fixed
    return max(1, -(-int(rest) // int(PAGE_WIDTH - fixed)))


def _print_pages(ws, widths: list[float]) -> None:
    """A4 landscape, readable: as many pages across as the columns need (not 24 columns squeezed on
    one page), No and Instansi repeated on each, pages numbered across then down."""
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(pages_wide(widths), 0)
    ws.repeat_columns(*REPEATED)
    ws.print_across()


def _row(ws, fmt: RekapFormats, r: int, number: int, row: OpdRow, base_dir: str | None) -> None:
    ws.write_number(r, COL["no"], number, fmt.center)
    ws.write_string(r, COL["instansi"], row.label, fmt.text)
    ws.write_string(r, COL["kabupaten"], row.kabupaten, fmt.text)
    put(ws, r, COL["tahun"], row.tahun, fmt.year, fmt.center)
    write_file(ws, r, COL["file"], row.file, row.path, base_dir, fmt)
    put(ws, r, COL["nik"], row.nik, fmt.percent, fmt.text)
    put(ws, r, COL["mutu"], row.mutu, fmt.center, fmt.center)
    put(ws, r, COL["kinerja"], row.kinerja, fmt.center, fmt.text)
    valid = [n for n in row.jawaban_sah or () if n is not None]
    put(ws, r, COL["responden"], row.responden, fmt.integer, fmt.text)
    put(ws, r, COL["sah_min"], min(valid) if valid else None, fmt.integer, fmt.text)
    put(ws, r, COL["sah_max"], max(valid) if valid else None, fmt.integer, fmt.text)
    put(ws, r, COL["tanpa_jawaban"], row.baris_tanpa_jawaban, fmt.integer, fmt.text)
    put(ws, r, COL["capaian"], row.capaian, fmt.percent, fmt.text)
    put(ws, r, COL["kategori"], row.kategori, fmt.center, fmt.center)
    put(ws, r, COL["pagu"], row.pagu, fmt.amount, fmt.text)
    put(ws, r, COL["realisasi"], row.realisasi, fmt.amount, fmt.text)
    put(ws, r, COL["serapan"], row.serapan, fmt.percent, fmt.text)
    for sev in (GALAT, PERINGATAN, INFO):
        ws.write_number(r, COL[sev], row.counts.get(sev, 0), fmt.integer)
    ws.write_string(r, COL["usang"], YES if row.stale else NO, fmt.center)
    put(ws, r, COL["keterangan"], row.stale_reason, fmt.text, fmt.text)
    c = len(COLUMNS)
    for s in row.sasaran:
        ws.write_string(r, c, s.sasaran, fmt.text)
        put(ws, r, c + 1, s.capaian, fmt.percent, fmt.text)
        put(ws, r, c + 2, s.kategori, fmt.center, fmt.center)
        c += len(SASARAN_FIELDS)


def column_range(key: str, n: int) -> str:
    c = COL[key]
    return f"{cell(FIRST_ROW, c, True)}:{cell(FIRST_ROW + n - 1, c, True)}"


def _total_row(ws, fmt: RekapFormats, r: int, rows: list[OpdRow], sums: dict) -> None:
    n = len(rows)
    ws.write_blank(r, COL["no"], None, fmt.bold_text)
    ws.write_string(r, COL["instansi"], f"Jumlah / rata-rata ({n} workbook)", fmt.bold_text)
    for key in ("nik", "capaian"):
        rng = column_range(key, n)
        ws.write_formula(r, COL[key], f'=IF(COUNT({rng})=0,"",AVERAGE({rng}))', fmt.bold_number,
                         stored(sums[key]))
    for key in ("pagu", "realisasi"):
        rng = column_range(key, n)
        ws.write_formula(r, COL[key], f'=IF(COUNT({rng})=0,"",SUM({rng}))', fmt.bold_amount, stored(sums[key]))
    p, q = cell(r, COL["pagu"]), cell(r, COL["realisasi"])
    ws.write_formula(r, COL["serapan"], f'=IF(AND(ISNUMBER({p}),ISNUMBER({q})),IF({p}=0,"",{q}/{p}*100),"")',
                     fmt.bold_number, stored(sums["serapan"]))
    for sev in (GALAT, PERINGATAN, INFO):
        ws.write_formula(r, COL[sev], f"=SUM({column_range(sev, n)})", fmt.bold_integer, sums[sev])
    ws.write_formula(r, COL["usang"], f'=COUNTIF({column_range("usang", n)},"{YES}")', fmt.bold_integer,
                     sums["stale"])
    ws.write_string(r, COL["keterangan"], "banyaknya workbook dengan hasil usang", fmt.note)


def _mutu_block(ws, fmt: RekapFormats, r: int, n: int, sums: dict) -> None:
    rng = column_range("mutu", n)
    ws.write_string(r, COL["instansi"], "SEBARAN MUTU PELAYANAN (IKM)", fmt.label)
    ws.write_string(r + 1, COL["instansi"], "Mutu", fmt.header)
    ws.write_string(r + 1, COL["kabupaten"], "Banyaknya OPD", fmt.header)
    for i, grade in enumerate(aggregate.MUTU_GRADES):
        ws.write_string(r + 2 + i, COL["instansi"], grade, fmt.center)
        ws.write_formula(r + 2 + i, COL["kabupaten"], f'=COUNTIF({rng},"{grade}")', fmt.integer,
                         sums["mutu"][grade])
    k = r + 2 + len(aggregate.MUTU_GRADES)
    ws.write_string(k, COL["instansi"], "Tanpa hasil SKM", fmt.center)
    ws.write_formula(k, COL["kabupaten"], f"={n}-COUNT({column_range('nik', n)})", fmt.integer, sums["no_nik"])


def _chart(wb, n: int) -> None:
    ws = wb.add_worksheet(CHART_SHEET)
    ws.write_string(0, 0, "NILAI IKM DAN SERAPAN ANGGARAN PER OPD", None)
    chart = wb.add_chart({"type": "bar"})
    last = FIRST_ROW + n - 1
    cats = [SHEET, FIRST_ROW, COL["instansi"], last, COL["instansi"]]
    for key, name, color in (("nik", "Nilai IKM (NIK)", "#4472C4"), ("serapan", "Serapan anggaran (%)", "#ED7D31")):
        chart.add_series({"name": name, "categories": cats, "values": [SHEET, FIRST_ROW, COL[key], last, COL[key]],
                          "fill": {"color": color}, "gap": 60})
    chart.set_title({"name": "Nilai IKM dan serapan anggaran per OPD"})
    chart.set_x_axis({"min": 0, "num_format": "0", "major_gridlines": {"visible": True}})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"position": "top"})
    chart.set_size({"width": 960, "height": max(320, 90 + 26 * n)})
    ws.insert_chart(2, 0, chart)
    ws.fit_to_pages(1, 1)
    ws.write_string(1, 0, f"Data: lembar {SHEET}, kolom Nilai IKM (NIK) dan Serapan (%).", None)
