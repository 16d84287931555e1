"""`sakip-xl report`: the Word tables hold the numbers the computed workbook stores."""
from __future__ import annotations

import datetime as dt
import math

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, strategies as st

from support.anggaran_builders import budget_workbook
from support.builders import JELBUK_SETTINGS, example, filled
from test_anggaran_parity import PK_ROWS, TRICKY_CODES
from sakip_xl.cli import main
from sakip_xl.engine import analyze, compute
from sakip_xl.read.numbers import TEXT_NUMBER, read_number, tolerance_for
from sakip_xl.report import build, render_bytes, write
from sakip_xl.report.document import FIXED_DATE
from sakip_xl.write.report_model import amount, number, percent, rupiah
from sakip_xl.skm import sheet as SKM_SHEET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# --- reading both sides -------------------------------------------------------------

def same(shown: str, stored) -> bool:
    """Whether a docx cell shows the stored value (numbers parsed back from Indonesian formatting)."""
    if stored is None or stored == "":
        return shown == "-"
    if isinstance(stored, str):
        return shown == stored
    parsed = read_number(shown)
    assert parsed.kind == TEXT_NUMBER, shown
    return abs(parsed.value - stored) <= tolerance_for(parsed.decimals) + 1e-9 * abs(stored)


def docx_tables(path, analysis):
    """{key: [body rows as text]} in document order, the same keys repeated per sasaran concatenated."""
    document = docx.Document(str(path))
    model = build(analysis).tables()
    assert len(document.tables) == len(model)
    out: dict[str, list[list[str]]] = {}
    for spec, table in zip(model, document.tables):
        skip = len(spec.header) + (1 if spec.numbered else 0)
        rows = [[c.text for c in row.cells] for row in table.rows[skip:]]
        out.setdefault(spec.key, []).extend(rows)
    return out, document


def sheet_block(ws, first_cell_text: str, stop_col: int = 3):
    """Rows (as dicts by header) of the block whose heading in column A starts with `first_cell_text`."""
    for r in range(1, ws.max_row + 1):
        v = ws.cell(r, 1).value
        if isinstance(v, str) and v.startswith(first_cell_text):
            head = [ws.cell(r + 1, c).value for c in range(1, ws.max_column + 1)]
            rows, x = [], r + 2
            while ws.cell(x, stop_col).value not in (None, ""):
                rows.append(dict(zip(head, [ws.cell(x, c).value for c in range(1, ws.max_column + 1)])))
                x += 1
            return rows
    raise AssertionError(f"no block {first_cell_text!r}")


def table_rows(ws, header_row: int):
    head = [ws.cell(header_row, c).value for c in range(1, ws.max_column + 1)]
    rows, x = [], header_row + 1
    while ws.cell(x, 3).value not in (None, "") or ws.cell(x, 2).value not in (None, ""):
        rows.append(dict(zip(head, [ws.cell(x, c).value for c in range(1, ws.max_column + 1)])))
        x += 1
    return rows


@pytest.fixture(scope="module")
def jelbuk(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    out = tmp / "hasil.xlsx"
    compute(example(tmp), out)
    doc = tmp / "laporan.docx"
    write(out, doc)
    analysis = analyze(out.read_bytes())
    return out, doc, analysis, openpyxl.load_workbook(out, data_only=True)


# --- the numbers --------------------------------------------------------------------

def test_tabel_31_matches_the_capaian_sheet(jelbuk):
    out, doc, analysis, wb = jelbuk
    tables, _ = docx_tables(doc, analysis)
    stored = table_rows(wb["Capaian"], 4)[:len(analysis.indicators)]
    assert len(tables["3.1"]) == len(stored) == 3
    for shown, row in zip(tables["3.1"], stored):
        assert shown[2] == row["Indikator Kinerja"]
        assert same(shown[4], row["Target"]) and same(shown[5], row["Realisasi"])
        assert same(shown[6], row["Capaian (%)"]) and shown[7] == row["Kategori"]
    assert tables["3.1"][0][6] == "101,69 %"          # not the 86,44 % the seed prints


def test_tabel_32_to_34_match_the_perbandingan_sheet(jelbuk):
    out, doc, analysis, wb = jelbuk
    tables, _ = docx_tables(doc, analysis)
    ws = wb["Perbandingan"]
    t32, t33, t34 = (sheet_block(ws, f"Tabel 3.{k}") for k in (2, 3, 4))
    assert len(tables["3.2"]) == len(t32) == 3
    for shown, row in zip(tables["3.2"], t32):
        assert same(shown[3], row["Target 2021"]) and same(shown[4], row["Realisasi 2020"])
        assert same(shown[5], row["Realisasi 2021"]) and shown[6] == row["Perkembangan"]
    for shown, row in zip(tables["3.3"], t33):
        assert same(shown[3], row["Target Akhir Renstra"]) and same(shown[4], row["Realisasi 2021"])
        assert same(shown[5], row["Tingkat Kemajuan (%)"])
    for shown, row in zip(tables["3.4"], t34):
        assert same(shown[3], row["Realisasi 2021"]) and same(shown[4], row["Realisasi Nasional"])
        assert same(shown[5], row["Selisih"]) and shown[6] == row["Keterangan"]


def test_sasaran_averages_match_the_capaian_summary(jelbuk):
    out, doc, analysis, wb = jelbuk
    ws = wb["Capaian"]
    texts = [p.text for p in docx.Document(str(doc)).paragraphs]
    averages = [t for t in texts if t.startswith("Dari tabel di atas, rata-rata capaian sasaran")]
    from sakip_xl.pk.sheet import COL
    rows = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value in ("1", "2") and ws.cell(r, COL["Kategori"] + 1).value
            and ws.cell(r, 3).value is None]
    assert len(averages) == len(rows) == 2
    for text, r in zip(averages, rows):
        shown = text.split("sebesar ")[1].split(" dengan")[0]
        assert same(shown, ws.cell(r, COL["Capaian (%)"] + 1).value)
        assert f"kategori {ws.cell(r, COL['Kategori'] + 1).value} " in text


def _skm_rows(ws):
    header = SKM_SHEET.TABLE_HEADER + 1
    return [r for r in table_rows(ws, header) if isinstance(r.get("No"), (int, float))]


@pytest.mark.parametrize("key, sheet, counts, total", [
    ("skm", "Hasil SKM", ("1 (a)", "2 (b)", "3 (c)", "4 (d)"), "Jumlah jawaban sah"),
    ("skm-distribusi", "Hasil SKM Distribusi", ("1", "2", "3", "4"), "Jumlah"),
])
def test_skm_table_matches_the_skm_sheet(jelbuk, key, sheet, counts, total):
    out, doc, analysis, wb = jelbuk
    tables, _ = docx_tables(doc, analysis)
    ws = wb[sheet]
    stored = _skm_rows(ws)
    shown_rows = tables[key]
    assert len(shown_rows) == len(stored) + 1
    for shown, row in zip(shown_rows, stored):
        for k, name in enumerate(counts):
            assert same(shown[2 + k], row[name] / row[total] * 100)
        assert same(shown[6], row["NRR"]) and same(shown[7], row["NRR × 25"])
        assert shown[8] == row["Mutu"] and shown[9] == row["Kinerja"]
    last = shown_rows[-1]
    value = lambda k: ws.cell(SKM_SHEET.ROW[k] + 1, SKM_SHEET.VALUE_COL + 1).value
    assert same(last[6], value("ikm")) and same(last[7], value("nik_bulat"))
    assert (last[8], last[9]) == (value("mutu"), value("kinerja"))
    if key == "skm":
        assert last[7] == "86,44"


def test_budget_tables_match_the_hasil_anggaran_sheet(jelbuk):
    out, doc, analysis, wb = jelbuk
    tables, _ = docx_tables(doc, analysis)
    ws = wb["Hasil Anggaran"]
    lines = sheet_block(ws, "RINCIAN ANGGARAN", stop_col=2)
    typed = [r for r in lines if r["Tingkat"] not in ("jumlah", None)]
    computed_total = lines[-1]
    shown = tables["anggaran"]
    assert len(shown) == len(typed) + 1
    for s, row in zip(shown, typed + [computed_total]):
        assert same(s[2], row["Pagu (Rp)"]) and same(s[3], row["Realisasi (Rp)"]) and same(s[4], row["Serapan (%)"])
    assert shown[-1][:4] == ["", "JUMLAH", "427.148.800", "316.968.470"]
    belanja = sheet_block(ws, "ALOKASI ANGGARAN PER JENIS BELANJA", stop_col=2)
    typed = [r for r in belanja if r["Tingkat"] not in ("jumlah", None)] + [belanja[-1]]
    for s, row in zip(tables["belanja"], typed, strict=True):
        assert same(s[2], row["Pagu (Rp)"]) and same(s[3], row["Realisasi (Rp)"])
        assert same(s[4], row["Serapan (%)"]) and same(s[5], row["Porsi Pagu (%)"])
    sasaran = sheet_block(ws, "ANGGARAN PER SASARAN", stop_col=2)
    for s, row in zip(tables["sasaran"], sasaran, strict=True):
        assert same(s[2], row["Pagu (Rp)"]) and same(s[3], row["Realisasi (Rp)"]) and same(s[4], row["Serapan (%)"])
        assert same(s[5], row["Porsi Pagu (%)"])
        if row["No"] is not None:
            assert same(s[6], row["Capaian Kinerja (%)"]) and same(s[7], row["Efisiensi"])


def test_serapan_per_spending_class_table(tmp_path):
    out = tmp_path / "hasil.xlsx"
    compute(budget_workbook(tmp_path, TRICKY_CODES, pk=PK_ROWS), out)
    doc = write(out, tmp_path / "lap.docx")
    analysis = analyze(out.read_bytes())
    tables, _ = docx_tables(doc, analysis)
    ws = openpyxl.load_workbook(out, data_only=True)["Hasil Anggaran"]
    classes = sheet_block(ws, "PORSI PER JENIS BELANJA", stop_col=2)
    for s, row in zip(tables["jenis-belanja"], classes, strict=True):
        assert same(s[2], row["Pagu (Rp)"]) and same(s[3], row["Realisasi (Rp)"])
        assert same(s[4], row["Serapan (%)"]) and same(s[5], row["Porsi Pagu (%)"])


# --- the file -----------------------------------------------------------------------

def test_same_bytes_from_computed_and_uncomputed_workbook_and_workbook_untouched(tmp_path):
    src = example(tmp_path)
    before = src.read_bytes()
    first = write(src, tmp_path / "a.docx").read_bytes()
    assert src.read_bytes() == before and not list(tmp_path.glob("*.bak.xlsx"))
    assert write(src, tmp_path / "b.docx").read_bytes() == first
    out = tmp_path / "hasil.xlsx"
    compute(src, out)
    assert write(out, tmp_path / "c.docx").read_bytes() == first


def test_docx_properties_and_repeated_headers(jelbuk):
    out, doc, analysis, wb = jelbuk
    document = docx.Document(str(doc))
    props = document.core_properties
    assert props.created.replace(tzinfo=None) == props.modified.replace(tzinfo=None) == FIXED_DATE
    assert props.author == "sakip-xl"
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    first = document.tables[0]
    assert first.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert [c.text for c in first.rows[1].cells] == [f"({k})" for k in range(1, 9)]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Rp 3.387.235.094" in text and "temuan tingkat galat" in text


def test_pk_only_workbook_with_range_and_qualitative_targets(tmp_path):
    rows = [
        {"sasaran": "S1", "indikator": "rentang", "target": 80, "target_atas": 90, "realisasi": 92},
        {"indikator": "predikat", "target": "BB", "realisasi": "A", "skala": "Predikat SAKIP"},
        {"indikator": "kosong", "target": 100},
    ]
    src = filled(tmp_path, rows)
    analysis = analyze(src.read_bytes())
    report = build(analysis)
    assert not report.tables("anggaran") and not report.tables("skm")
    t31 = report.tables("3.1")[0].rows
    assert t31[0][4] == "80 – 90" and t31[0][6] == "102,22 %"
    assert t31[1][4:6] == ["BB", "A"]
    assert t31[2][5:7] == ["-", "-"]
    assert render_bytes(analysis)[:2] == b"PK"


# --- formatting ----------------------------------------------------------------------

@pytest.mark.parametrize("fn, value, expected", [
    (number, 85, "85"), (number, 86.44, "86,44"), (number, 1177, "1.177"), (number, 0.125, "0,125"),
    (number, -5.5, "-5,5"), (number, None, "-"), (number, "B", "B"), (number, 3.0000001, "3"),
    (percent, 101.69411764705882, "101,69 %"), (percent, 80, "80,00 %"), (percent, None, "-"),
    (amount, 3387235094, "3.387.235.094"), (amount, 7434000.5, "7.434.001"), (amount, None, "-"),
    (rupiah, 3387235094, "Rp 3.387.235.094"), (rupiah, None, "-"),
])
def test_indonesian_formatting(fn, value, expected):
    assert fn(value) == expected


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_formatted_numbers_read_back(value):
    for fn, places in ((number, 4), (percent, 2), (amount, 0)):
        parsed = read_number(fn(value))
        assert parsed.kind == TEXT_NUMBER
        assert math.isclose(parsed.value, value, abs_tol=0.5 * 10 ** -places + 1e-6 * abs(value))


# --- command line ---------------------------------------------------------------------

def test_cli_report_writes_default_name_and_refuses_bad_names(tmp_path):
    src = example(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["report", str(src)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "contoh-bab3.docx").is_file() and "Laporan dibuat" in result.output
    result = runner.invoke(main, ["report", str(src), "-o", str(tmp_path / "laporan.xlsx")])
    assert result.exit_code == 4 and ".docx" in result.output
    result = runner.invoke(main, ["report", str(tmp_path / "tidak-ada.xlsx"), "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 3
    result = runner.invoke(main, ["report", str(src), "-o", str(tmp_path / "folder-tidak-ada" / "x.docx")])
    assert result.exit_code == 4


def test_cli_report_refuses_an_open_document_unless_forced(tmp_path):
    src = example(tmp_path)
    target = tmp_path / "laporan.docx"
    target.write_bytes(b"old")
    (tmp_path / "~$laporan.docx").write_bytes(b"")
    runner = CliRunner()
    result = runner.invoke(main, ["report", str(src), "-o", str(target)])
    assert result.exit_code == 4 and target.read_bytes() == b"old"
    result = runner.invoke(main, ["report", str(src), "-o", str(target), "--paksa"])
    assert result.exit_code == 0 and target.read_bytes()[:2] == b"PK"


@given(st.text(max_size=60))
def test_any_user_text_fits_in_a_word_document(value):
    from sakip_xl.write.report_model import text
    shown = text(value)
    assert shown == "-" or (shown == shown.strip() and "\n" not in shown)
    document = docx.Document()
    document.add_paragraph(shown)          # python-docx refuses characters XML cannot hold


def test_control_characters_in_the_workbook_do_not_break_the_report(tmp_path):
    rows = [{"sasaran": "S\x01atu", "indikator": "Indikator\x0b baru\x1f", "target": 100, "realisasi": 90}]
    settings = dict(JELBUK_SETTINGS, instansi="Dinas A\x02B & C")
    doc = write(filled(tmp_path, rows, settings), tmp_path / "lap.docx")
    document = docx.Document(str(doc))
    assert document.tables[0].rows[2].cells[2].text == "Indikator baru"
    assert "DINAS A B & C" in document.paragraphs[0].text


def test_a_very_long_agency_name_fits_the_report(tmp_path):
    """Issue 16.8: a ~230-character agency name made the document title overflow Word's 255-character
    property limit (exit 5). The heading keeps the whole name; the file's title property is shortened."""
    rows = [{"sasaran": "Satu", "indikator": "Indikator satu", "target": 100, "realisasi": 90}]
    name = ("Dinas Pemberdayaan Masyarakat dan Desa, Kependudukan dan Pencatatan Sipil, Pengendalian "
            "Penduduk dan Keluarga Berencana, Pemberdayaan Perempuan dan Perlindungan Anak Kabupaten "
            "Contoh, Kecamatan Sukamaju, Provinsi Jawa Timur")
    assert 220 <= len(name) <= 240
    src = filled(tmp_path, rows, dict(JELBUK_SETTINGS, instansi=name))
    res = CliRunner().invoke(main, ["report", str(src), "-o", str(tmp_path / "lap.docx")])
    assert res.exit_code == 0, res.output
    document = docx.Document(str(tmp_path / "lap.docx"))
    assert name.upper() in document.paragraphs[0].text
    title = document.core_properties.title
    assert len(title) <= 255 and title.startswith("TABEL BAB III LAPORAN KINERJA DINAS PEMBERDAYAAN")
    res = CliRunner().invoke(main, ["compute", str(src), "-o", str(tmp_path / "hasil.xlsx")])
    assert res.exit_code == 0, res.output


def test_report_of_an_encrypted_workbook_is_encrypted_with_the_same_password(tmp_path):
    """Issue 16.12: the report of a password-protected workbook was written as plain .docx."""
    import io

    from support import hostile_files as H
    from sakip_xl.xlsx.encryption import is_encrypted

    src = tmp_path / "laporan.xlsx"
    src.write_bytes(H.encrypted(H.example(), "Rahasia 2021"))
    before = src.read_bytes()
    res = CliRunner().invoke(main, ["report", str(src), "--sandi", "Rahasia 2021", "-o", str(tmp_path / "lap.docx")])
    assert res.exit_code == 0, res.output
    data = (tmp_path / "lap.docx").read_bytes()
    assert is_encrypted(data), "the report must be password-protected like its workbook"
    plain = H.decrypted(data, "Rahasia 2021")
    document = docx.Document(io.BytesIO(plain))
    assert "TABEL BAB III" in document.paragraphs[0].text and document.tables
    assert src.read_bytes() == before
    # the same tables as the report of the unprotected workbook
    open_src = tmp_path / "terbuka.xlsx"
    open_src.write_bytes(H.example())
    assert plain == (write(open_src, tmp_path / "terbuka.docx")).read_bytes()


def test_report_that_cannot_be_encrypted_is_refused_without_paksa(tmp_path, monkeypatch):
    from support import hostile_files as H
    from sakip_xl.xlsx import encryption
    from sakip_xl.errors import OutputError

    def broken(data, password):
        raise OutputError("tidak dapat dienkripsi")
    monkeypatch.setattr(encryption, "encrypt", broken)
    src = tmp_path / "laporan.xlsx"
    src.write_bytes(H.encrypted(H.example(), "abc"))
    res = CliRunner().invoke(main, ["report", str(src), "--sandi", "abc", "-o", str(tmp_path / "lap.docx")])
    assert res.exit_code == 4 and "--paksa" in res.output
    assert not (tmp_path / "lap.docx").exists()
    res = CliRunner().invoke(main, ["report", str(src), "--sandi", "abc", "-o", str(tmp_path / "lap.docx"), "--paksa"])
    assert res.exit_code == 0, res.output
    assert docx.Document(str(tmp_path / "lap.docx")).tables
