"""Budget tables as staff really type them (issue 14 items 3-5): short codes `1 / 1.1 / 2`,
the Permendagri 90 rincian of Belanja Modal and Transfer, and rows with no code or level at all.

Expected numbers are computed here from the typed rows, independently of the tool.
"""
from __future__ import annotations

from fractions import Fraction

import pytest

from support.anggaran_builders import budget_workbook
from sakip_xl.engine import check
from sakip_xl.findings import GALAT
from sakip_xl.report.anggaran import programme_table
from sakip_xl.write.report_model import amount


def codes_of(report, sheet=None):
    return [f.code for f in report.findings if sheet is None or f.sheet == sheet]


def galat(report, prefix="ANG-"):
    return [(f.code, f.cell, f.message) for f in report.findings if f.severity == GALAT and f.code.startswith(prefix)]


def pct(part, whole) -> float:
    return float(Fraction(part) / Fraction(whole) * 100)


# --- item 3: short dotted codes ----------------------------------------------------

# (code, uraian, pagu, realisasi, parent code or None)
SHORT = [("1", "Program Satu", 300_000, 250_000, None),
         ("1.1", "Kegiatan Satu A", 100_000, 90_000, "1"),
         ("1.2", "Kegiatan Satu B", 120_000, 100_000, "1"),
         ("1.3", "Kegiatan Satu C", 80_000, 60_000, "1"),
         ("2", "Program Dua", 50_000, 40_000, None),
         ("2.1", "Kegiatan Dua A", 50_000, 40_000, "2")]


def _short_rows(style: str):
    rows = []
    for kode, uraian, pagu, real, parent in SHORT:
        k = kode + "." if style == "trailing" else kode
        row = {"kode": k, "uraian": uraian.split(" ", 1)[1] if style == "bare" else uraian, "pagu": pagu,
               "realisasi": real}
        if style == "tingkat":
            row["tingkat"] = "program" if parent is None else "kegiatan"
        rows.append(row)
    total_p = sum(p for _, _, p, _, parent in SHORT if parent is None)
    total_r = sum(r for _, _, _, r, parent in SHORT if parent is None)
    rows.append({"uraian": "JUMLAH", "pagu": total_p, "realisasi": total_r})
    return rows, total_p, total_r


@pytest.mark.parametrize("style", ["dotted", "trailing", "tingkat", "bare"])
def test_short_dotted_codes_nest_under_single_segment_codes(tmp_path, style):
    rows, total_p, total_r = _short_rows(style)
    report = check(budget_workbook(tmp_path, rows, pk=[]))
    bt = report.analysis.results["anggaran"].anggaran
    # independent: parents by code prefix; programmes are the single-segment codes
    expected_parent = [None if parent is None else [k for k, *_ in SHORT].index(parent)
                       for _, _, _, _, parent in SHORT] + [None]
    assert bt.struct.parent == expected_parent
    assert bt.struct.top() == [i for i, (*_, parent) in enumerate(SHORT) if parent is None]
    assert bt.struct.level[:6] == [1 if parent is None else 2 for *_, parent in SHORT]
    assert bt.result.total == {"pagu": total_p, "realisasi": total_r}
    for i, (_, _, pagu, _, _) in enumerate(SHORT):
        assert bt.result.share[i] == pytest.approx(pct(pagu, total_p), abs=1e-9)
    assert galat(report) == []
    assert "ANG-017" not in codes_of(report)
    table = programme_table(bt)
    assert table.rows[-1][2] == amount(total_p) and table.rows[-1][3] == amount(total_r)
    assert table.bold_rows == {0, 4, len(table.rows) - 1}


def test_a_single_segment_code_is_never_a_child_of_the_code_above():
    from sakip_xl.anggaran.hierarchy import structure
    s = structure(["1", "1.1", "1.2", "1.3", "2", "2.1", "3"], ["a"] * 7)
    assert s.parent == [None, 0, 0, 0, None, 4, None]
    assert s.issues == []


def test_short_codes_keep_old_numbering_below_full_codes():
    """Kegiatan numbered 1, 2 under a programme with a full code stay kegiatan."""
    from sakip_xl.anggaran.hierarchy import structure
    s = structure(["1.01.01", "1", "2", "1.01.02", "1"], ["Program A", "Kegiatan a", "Kegiatan b", "Program B",
                                                          "Kegiatan c"])
    assert s.parent == [None, 0, 0, None, 3]


# --- item 4: the Permendagri 90 rincian, from the national LRA export ------------------

import csv
from pathlib import Path

from support.anggaran_builders import bel

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real-workbooks"
LRA = REAL / "lra-djpk-acehbaratdaya-excerpt.csv"


def lra_belanja():
    """The BELANJA DAERAH part of the LRA export, read here (exact decimals): [(group, total pagu, total realisasi,
    [(rincian, pagu, realisasi)])] in the export's order, and the TOTAL BELANJA DAERAH pair."""
    if not LRA.is_file():
        pytest.skip(f"real workbook not found at {LRA}")
    rows = list(csv.reader(LRA.open(encoding="utf-8")))
    header, data = rows[:5], rows[6]
    kinds = rows[5]
    start = header[0].index("BELANJA DAERAH")
    end = header[0].index("TOTAL BELANJA DAERAH")
    groups, current = [], None
    for c in range(start, end):
        if kinds[c] != "ANGGARAN":
            continue
        names = [header[k][c] for k in range(5) if header[k][c]]
        pagu, real = Fraction(data[c]), Fraction(data[c + 1])
        name = names[-1]
        if name.startswith("TOTAL "):
            if current is None or current[0] != name[len("TOTAL "):]:
                current = [name[len("TOTAL "):], None, None, []]
                groups.append(current)
            current[1], current[2] = pagu, real
            current = None
            continue
        if len(names) >= 2 and names[-2] not in ("BELANJA DAERAH",) and names[-2].startswith("BELANJA"):
            current = [names[-2], None, None, []]
            groups.append(current)
        current[3].append((name, pagu, real))
    total = (Fraction(data[end]), Fraction(data[end + 1]))
    return [tuple(g) for g in groups], total


def test_lra_reading_adds_up():
    """The export itself: every group total is the sum of its rincian, the grand total the sum of the groups."""
    groups, total = lra_belanja()
    assert [g[0] for g in groups] == ["BELANJA OPERASI", "BELANJA MODAL", "BELANJA TIDAK TERDUGA",
                                      "BELANJA TRANSFER BANTUAN KEUANGAN DAN BAGI HASIL"]
    for name, pagu, real, subs in groups:
        if subs:
            assert sum(p for _, p, _ in subs) == pagu, name
            assert sum(r for _, _, r in subs) == real, name
    assert sum(g[1] for g in groups) == total[0]
    assert [len(g[3]) for g in groups] == [6, 6, 0, 2]


def _belanja_rows(layout):
    groups, total = lra_belanja()
    rows = []
    for gi, (name, pagu, real, subs) in enumerate(groups):
        group_code = f"5.{gi + 1}"
        sub_rows = [{"no": f"{group_code}.{k + 1:02d}", "jenis_belanja": s, "pagu": float(p), "realisasi": float(r)}
                    for k, (s, p, r) in enumerate(subs)]
        head = {"no": group_code, "jenis_belanja": name, "pagu": float(pagu), "realisasi": float(real)}
        if layout == "footer":              # as the export lays it out: rincian first, then TOTAL ...
            head["jenis_belanja"] = "TOTAL " + name
            rows += sub_rows + [head]
        else:
            rows += [head] + sub_rows
    rows.append({"jenis_belanja": "TOTAL BELANJA DAERAH", "pagu": float(total[0]), "realisasi": float(total[1])})
    if layout != "codes":
        for r in rows:
            r.pop("no", None)
    return rows, groups, total


@pytest.mark.parametrize("layout", ["header", "footer", "codes"])
def test_lra_belanja_rincian_nest_under_their_group(tmp_path, layout):
    rows, groups, total = _belanja_rows(layout)
    report = check(budget_workbook(tmp_path, belanja=rows, pk=[]))
    bt = report.analysis.results["anggaran"].belanja
    assert galat(report) == []
    assert "ANG-013" not in codes_of(report)
    assert bt.result.total["pagu"] == pytest.approx(float(total[0]), abs=0.005)
    assert bt.result.total["realisasi"] == pytest.approx(float(total[1]), abs=0.005)
    group_lines = [i for i, ln in enumerate(bt.lines) if any(ln.uraian.endswith(g[0]) for g in groups)]
    assert sorted(bt.struct.top()) == group_lines
    for i in group_lines:
        g = next(g for g in groups if bt.lines[i].uraian.endswith(g[0]))
        assert bt.result.share[i] == pytest.approx(pct(g[1], total[0]), abs=1e-9)
        assert len(bt.struct.children(i)) == len(g[3])
    operasi = next(i for i in group_lines if bt.lines[i].uraian.endswith("OPERASI"))
    assert round(bt.result.share[operasi], 2) == 66.94          # the issue: 60,10 % before
    total_line = next(i for i in range(len(bt.lines)) if bt.struct.is_total[i])
    assert bt.result.share[total_line] == pytest.approx(100.0)
    from sakip_xl.report.anggaran import belanja_table     # the Word table of Alokasi Anggaran
    table = belanja_table(bt)
    assert table.rows[-1][2] == amount(float(total[0])) and table.rows[-1][5] == "100,00 %"
    assert {table.rows[k][1] for k in table.bold_rows} == {bt.lines[i].uraian for i in group_lines} | {"JUMLAH"}


def test_lra_rows_in_the_anggaran_sheet_with_account_codes(tmp_path):
    groups, total = lra_belanja()
    rows = []
    for gi, (name, pagu, real, subs) in enumerate(groups):
        rows.append({"kode": f"5.{gi + 1}", "uraian": name, "pagu": float(pagu), "realisasi": float(real)})
        rows += [{"kode": f"5.{gi + 1}.{k + 1:02d}", "uraian": s, "pagu": float(p), "realisasi": float(r)}
                 for k, (s, p, r) in enumerate(subs)]
    rows.append({"uraian": "JUMLAH", "pagu": float(total[0]), "realisasi": float(total[1])})
    report = check(budget_workbook(tmp_path, rows, pk=[]))
    bt = report.analysis.results["anggaran"].anggaran
    assert galat(report) == []
    assert [bt.lines[i].uraian for i in bt.struct.top()] == [g[0] for g in groups]
    for i in bt.struct.top():
        g = next(g for g in groups if g[0] == bt.lines[i].uraian)
        assert bt.result.share[i] == pytest.approx(pct(g[1], total[0]), abs=1e-9)


def test_unknown_rincian_of_belanja_modal_is_flagged_and_stays_under_it(tmp_path):
    rows = [{"jenis_belanja": "Belanja Operasi", "pagu": 700},
            {"jenis_belanja": "Belanja Pegawai", "pagu": 700},
            {"jenis_belanja": "Belanja Modal", "pagu": 300},
            {"jenis_belanja": "Belanja Modal Peralatan dan Mesin", "pagu": 200},
            {"jenis_belanja": "Belanja Modal Kendaraan Dinas", "pagu": 100},
            {"jenis_belanja": "Jumlah", "pagu": 1000}]
    report = check(budget_workbook(tmp_path, belanja=rows, pk=[]))
    bt = report.analysis.results["anggaran"].belanja
    assert [f.cell for f in report.findings if f.code == "ANG-013"] == [bel("jenis_belanja", 4)]
    assert bt.struct.top() == [0, 2]
    assert bt.struct.children(2) == [3, 4]
    assert bt.result.total["pagu"] == 1000
    assert galat(report) == []


@pytest.mark.parametrize("text, expected", [
    ("Belanja Modal Tanah", "Belanja Modal Tanah"), ("TANAH", "Belanja Modal Tanah"),
    ("Belanja Modal Peralatan dan Mesin", "Belanja Modal Peralatan dan Mesin"),
    ("GEDUNG DAN BANGUNGAN", "Belanja Modal Gedung dan Bangunan"),
    ("JALAN, IRIGASI, DAN JARINGAN", "Belanja Modal Jalan, Irigasi dan Jaringan"),
    ("Belanja Modal Aset Tetap Lainnya", "Belanja Modal Aset Tetap Lainnya"),
    ("ASET TETAP", "Belanja Modal Aset Tetap Lainnya"), ("Aset Lainnya", "Belanja Modal Aset Lainnya"),
    ("5.2.01", "Belanja Modal Tanah"), ("5.2", "Belanja Modal"), ("Belanja Modal", "Belanja Modal"),
    ("BELANJA TRANSFER BANTUAN KEUANGAN DAN BAGI HASIL", "Belanja Transfer"),
    ("Belanja Transfer Bagi Hasil", "Belanja Bagi Hasil"),
])
def test_recognise_modal_and_transfer_rincian(text, expected):
    from sakip_xl.anggaran import classes as K
    assert K.recognise(text) == expected


# --- item 5: rows with no code and no level: the real Renja form -------------------------

import functools
import re

RENJA = REAL / "renja-deliserdang-bappedalitbang-2025.xlsx"
R_FIRST, R_LAST = 11, 113            # the budget rows of the form, its unnamed total row included


def renja_rows():
    if not RENJA.is_file():
        pytest.skip(f"real workbook not found at {RENJA}")
    return _renja_rows()


@functools.lru_cache(maxsize=1)
def _renja_rows():
    """(row, uraian, pagu, realisasi, children rows by its SUM formula or None) for each budget row:
    uraian in G, the Renja pagu of the year in O, its realisasi in AC (cached values)."""
    import openpyxl
    formulas = openpyxl.load_workbook(RENJA)["Realisasi TW IV"]
    values = openpyxl.load_workbook(RENJA, data_only=True)["Realisasi TW IV"]
    out = []
    for r in range(R_FIRST, R_LAST + 1):
        f = formulas[f"O{r}"].value
        kids = None
        if isinstance(f, str) and f.startswith("=SUM("):
            kids = set()
            for a, b in re.findall(r"O(\d+)(?::O(\d+))?", f):
                kids |= set(range(int(a), int(b or a) + 1))
        out.append((r, (values[f"G{r}"].value or "").strip(), values[f"O{r}"].value, values[f"AC{r}"].value, kids))
    return out


def _renja_workbook(tmp_path, total_text=""):
    rows = renja_rows()
    lines = [{"uraian": u or (total_text if r == R_LAST else u), "pagu": p, "realisasi": q} for r, u, p, q, _ in rows]
    return rows, budget_workbook(tmp_path, lines, pk=[])


@pytest.mark.parametrize("total_text", ["", "JUMLAH"])
def test_renja_rows_pasted_into_the_template(tmp_path, total_text):
    rows, path = _renja_workbook(tmp_path, total_text)
    report = check(path)
    bt = report.analysis.results["anggaran"].anggaran
    index = {r: i for i, (r, *_) in enumerate(rows)}
    # independent: the total is the sum of the rows no SUM formula adds up (the sub kegiatan)...
    summed = set().union(*(k for *_, k in rows if k))
    parents = {r for r, *_, k in rows if k}
    leaves = [(p, q) for r, u, p, q, k in rows if r not in parents and u and p is not None]
    total_p = sum(Fraction(p) for p, _ in leaves)
    total_r = sum(Fraction(q) for _, q in leaves)
    assert rows[-1][2] == total_p                    # ... which the form's own total row says too
    assert bt.struct.is_total[index[R_LAST]]
    assert bt.result.total == {"pagu": float(total_p), "realisasi": float(total_r)}
    # the tree is the one of the form's SUM formulas (rows of 0 outside any formula may sit anywhere)
    for r, u, p, q, kids in rows:
        if kids and r != R_LAST:
            got = {rows[j][0] for j in bt.struct.children(index[r])}
            assert kids <= got, r
            assert all(rows[index[x]][2] in (0, None) for x in got - kids), r
    top = [rows[i][0] for i in bt.struct.top()]
    assert top[0] == R_FIRST and all(x not in summed for x in top)
    for i, (r, u, p, q, _) in enumerate(rows):
        if p is not None and not bt.struct.is_total[i]:
            assert bt.result.share[i] == pytest.approx(pct(p, total_p), abs=1e-9)
    programmes = [i for i, (r, u, *_) in enumerate(rows) if u.startswith("Program")]
    assert [bt.struct.label(i) for i in programmes] == ["program"] * len(programmes)
    assert [c for c in codes_of(report) if c in ("ANG-001", "ANG-002")] == []
    assert codes_of(report).count("ANG-017") <= 1
    assert galat(report) == []


def test_renja_rows_with_the_form_running_number_as_kode(tmp_path):
    """Column A of the form (1, 2, 3 ... down every row) pasted into Kode/No is a row counter, not levels."""
    if not RENJA.is_file():
        pytest.skip(f"real workbook not found at {RENJA}")
    import openpyxl
    values = openpyxl.load_workbook(RENJA, data_only=True)["Realisasi TW IV"]
    rows = renja_rows()
    lines = []
    for r, u, p, q, _ in rows:
        a = values[f"A{r}"].value
        lines.append({"kode": a if isinstance(a, int) else None, "uraian": u, "pagu": p, "realisasi": q})
    numbered = [x["kode"] for x in lines if x["kode"] is not None]
    assert numbered[:-1] == list(range(1, len(numbered))) and numbered[-1] == 0    # the form's own slip
    report = check(budget_workbook(tmp_path, lines, pk=[]))
    bt = report.analysis.results["anggaran"].anggaran
    leaves = [(p, q) for r, u, p, q, k in rows if not k and u and p is not None]
    assert bt.result.total["pagu"] == float(sum(Fraction(p) for p, _ in leaves))
    assert galat(report) == []


def test_renja_sheet_copied_in_as_is_gives_a_clear_message(tmp_path):
    """The form copied into the template and renamed Anggaran: its headers are not the template's."""
    if not RENJA.is_file():
        pytest.skip(f"real workbook not found at {RENJA}")
    import io
    import openpyxl
    from support.builders import JELBUK_SETTINGS
    from sakip_xl.read.reader import WorkbookLayoutError
    from sakip_xl.template import build_template
    src = openpyxl.load_workbook(RENJA, data_only=True)["Realisasi TW IV"]
    wb = openpyxl.load_workbook(io.BytesIO(build_template(JELBUK_SETTINGS, {"PK": []})))
    at = wb.sheetnames.index("Anggaran")
    del wb["Anggaran"]
    ws = wb.create_sheet("Anggaran", at)
    for row in src.iter_rows():
        for c in row:
            if c.value is not None:
                ws.cell(c.row, c.column, c.value)
    path = tmp_path / "salin.xlsx"
    wb.save(path)
    with pytest.raises(WorkbookLayoutError) as err:
        check(path)
    msg = str(err.value)
    assert "Lembar 'Anggaran'" in msg and "'Pagu (Rp)'" in msg and "'Realisasi (Rp)'" in msg


# --- item 5: the rules on small tables -------------------------------------------------

def _struct(uraian, pagu, kode=None, tingkat=None):
    from sakip_xl.anggaran.hierarchy import structure
    return structure(kode or [""] * len(uraian), uraian, tingkat, pagu)


def test_parent_is_the_line_equal_to_the_sum_below_it():
    s = _struct(["Dinas", "Urusan A", "Urusan B", "Lain", "Lain 2"], [300, 100, 200, 50, 70])
    assert s.parent == [None, 0, 0, None, None]
    assert [(i.code, i.index, i.fields) for i in s.issues] == [("ANG-021", 0, {"n": 3, "parents": 1}),
                                                               ("ANG-017", 3, {"n": 2})]


def test_typed_total_picks_the_reading_that_adds_up():
    # 300 = 100 + 200 could be a parent; the typed total says the three are siblings
    s = _struct(["A", "B", "C", "JUMLAH"], [300, 100, 200, 600])
    assert s.parent == [None, None, None, None] and s.top() == [0, 1, 2]
    s = _struct(["A", "B", "C", "JUMLAH"], [300, 100, 200, 300])
    assert s.parent == [None, 0, 0, None]


def test_flat_table_with_amounts_and_no_sums_is_not_a_finding():
    s = _struct(["A", "B", "C"], [300, 100, 250])
    assert s.top() == [0, 1, 2] and s.issues == [] and not s.uncertain_total


def test_worded_lines_constrain_the_sums():
    # 'Program B' cannot sit under 'Kegiatan A1' even though 50 = 50
    s = _struct(["Program A", "Kegiatan A1", "Program B", "Kegiatan B1"], [50, 50, 50, 50])
    assert s.parent == [None, 0, None, 2]
    # unworded sub lines go under the worded kegiatan that their sum matches
    s = _struct(["Program A", "Kegiatan A1", "rincian 1", "rincian 2", "Kegiatan A2", "rincian 3"],
                [100, 60, 20, 40, 40, 40])
    assert s.parent == [None, 0, 1, 1, 0, 4]
    assert [s.label(i) for i in range(6)] == ["program", "kegiatan", "sub kegiatan", "sub kegiatan", "kegiatan",
                                              "sub kegiatan"]


def test_worded_kegiatan_stays_under_its_programme_when_the_sum_is_wrong(tmp_path):
    lines = [{"uraian": "Program A", "pagu": 100, "realisasi": 80},
             {"uraian": "Kegiatan A1", "pagu": 60, "realisasi": 50},
             {"uraian": "rincian", "pagu": 60, "realisasi": 50},
             {"uraian": "Kegiatan A2", "pagu": 30, "realisasi": 30},
             {"uraian": "JUMLAH", "pagu": 100, "realisasi": 80}]
    report = check(budget_workbook(tmp_path, lines, pk=[]))
    bt = report.analysis.results["anggaran"].anggaran
    assert bt.struct.parent[:4] == [None, 0, 1, 0]
    assert [(c, cell) for c, cell, _ in galat(report)] == [("ANG-001", "E5")]


def test_no_reading_fits_the_total_one_warning_no_galat(tmp_path):
    lines = [{"uraian": "Pembangunan jalan", "pagu": 300, "realisasi": 200},
             {"uraian": "Rehabilitasi kantor", "pagu": 120, "realisasi": 100},
             {"uraian": "Pengadaan mebel", "pagu": 80, "realisasi": 60},
             {"uraian": "TOTAL", "pagu": 450, "realisasi": 360}]
    report = check(budget_workbook(tmp_path, lines, pk=[]))
    assert galat(report) == []
    found = [(f.code, f.cell) for f in report.findings if f.code.startswith("ANG-")]
    assert found == [("ANG-020", "E8")]
    bt = report.analysis.results["anggaran"].anggaran
    assert bt.result.total == {"pagu": 500, "realisasi": 360}


# --- LibreOffice recalculates the roll-ups of the new hierarchies ---------------------------

def _parity(path, tmp_path):
    from support.lo_oracle import compare_with_engine
    from sakip_xl.anggaran.sheet import SHEET
    from sakip_xl.engine import compute
    out = tmp_path / "hasil.xlsx"
    report = compute(path, out)
    assert compare_with_engine(out, tmp_path / "lo", sheets=[SHEET]) == []
    return report


@pytest.mark.libreoffice
def test_parity_short_codes_lra_and_renja(tmp_path):
    rows, _, _ = _short_rows("trailing")
    belanja, _, _ = _belanja_rows("footer")
    renja = [{"uraian": u, "pagu": p, "realisasi": q} for _, u, p, q, _ in renja_rows()]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _parity(budget_workbook(tmp_path / "a", rows, belanja, pk=[]), tmp_path / "a")
    report = _parity(budget_workbook(tmp_path / "b", renja, pk=[]), tmp_path / "b")
    assert galat(report) == []


def test_renja_report_tables(tmp_path):
    """Word table of programmes and kegiatan: every line once, the programmes and the rows above them
    bold, the JUMLAH of the form; the programme-share summary lists the programmes."""
    from sakip_xl.report.anggaran import programme_table
    rows, path = _renja_workbook(tmp_path)
    report = check(path)
    bt = report.analysis.results["anggaran"].anggaran
    table = programme_table(bt)
    typed = [x for x in rows if x[0] != R_LAST]
    assert len(table.rows) == len(typed) + 1
    assert table.rows[-1][2] == amount(rows[-1][2]) and table.rows[-1][3] == amount(rows[-1][3])
    bold_text = {table.rows[k][1] for k in table.bold_rows}
    for r, u, *_ in typed:
        if u.startswith("Program") or u in ("UNSUR PENUNJANG URUSAN PEMERINTAHAN", "PERENCANAAN", "Keuangan"):
            assert u in bold_text, u
    assert "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah" not in bold_text
    labels = {u: bt.struct.label(i) for i, (r, u, *_) in enumerate(rows)}
    assert labels["UNSUR PENUNJANG URUSAN PEMERINTAHAN"] == "urusan"
    assert labels["PERENCANAAN"] == "bidang urusan"
    assert labels["Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"] == "kegiatan"
    assert labels["Penyusunan Dokumen Perencanaan Perangkat Daerah"] == "sub kegiatan"


def test_many_equal_amounts_with_a_total_stay_flat():
    n = 400
    s = _struct(["x"] * n + ["JUMLAH"], [100.0] * n + [100.0 * n])
    assert s.top() == list(range(n)) and not s.uncertain_total


def test_modal_rincian_in_the_jenis_belanja_column_count_as_belanja_modal(tmp_path):
    lines = [{"kode": "I", "uraian": "Program A", "pagu": 1000, "realisasi": 900},
             {"kode": 1, "uraian": "Kegiatan gaji", "jenis_belanja": "Belanja Pegawai", "pagu": 600, "realisasi": 550},
             {"kode": 2, "uraian": "Kegiatan mobil", "jenis_belanja": "Belanja Modal Peralatan dan Mesin",
              "pagu": 300, "realisasi": 300},
             {"kode": 3, "uraian": "Kegiatan kantor", "jenis_belanja": "Gedung dan Bangunan", "pagu": 100,
              "realisasi": 50}]
    report = check(budget_workbook(tmp_path, lines, pk=[]))
    rows = report.analysis.results["anggaran"].class_rows
    assert rows == [("Belanja Operasi", None, 600, 550), ("Belanja Operasi", "Belanja Pegawai", 600, 550),
                    ("Belanja Modal", None, 400, 350),
                    ("Belanja Modal", "Belanja Modal Peralatan dan Mesin", 300, 300),
                    ("Belanja Modal", "Belanja Modal Gedung dan Bangunan", 100, 50)]
    assert "ANG-013" not in codes_of(report)


@pytest.mark.parametrize("with_total", [True, False])
def test_lra_rows_in_the_anggaran_sheet_without_codes(tmp_path, with_total):
    """Names only, as pasted from the export: the groups are found from the sums."""
    groups, total = lra_belanja()
    rows = []
    for name, pagu, real, subs in groups:
        rows.append({"uraian": name, "pagu": float(pagu), "realisasi": float(real)})
        rows += [{"uraian": s, "pagu": float(p), "realisasi": float(r)} for s, p, r in subs]
    if with_total:
        rows.append({"uraian": "JUMLAH", "pagu": float(total[0]), "realisasi": float(total[1])})
    report = check(budget_workbook(tmp_path, rows, pk=[]))
    bt = report.analysis.results["anggaran"].anggaran
    assert galat(report) == []
    assert [bt.lines[i].uraian for i in bt.struct.top()] == [g[0] for g in groups]
    assert bt.result.total["pagu"] == pytest.approx(float(total[0]), abs=0.005)
    for i in bt.struct.top():
        g = next(g for g in groups if g[0] == bt.lines[i].uraian)
        assert bt.result.share[i] == pytest.approx(pct(g[1], total[0]), abs=1e-9)
    assert "ANG-021" in codes_of(report)
    # BELANJA TIDAK TERDUGA has no rincian: top level for sure only when the typed total confirms it
    assert codes_of(report).count("ANG-017") == (0 if with_total else 1)


def test_unknown_belanja_name_under_an_account_code_says_where_it_went(tmp_path):
    rows = [{"no": "5.2", "jenis_belanja": "Belanja Modal", "pagu": 300},
            {"no": "5.2.01", "jenis_belanja": "Tanah", "pagu": 100},
            {"no": "5.2.07", "jenis_belanja": "Honor tim pengadaan", "pagu": 200},
            {"jenis_belanja": "Jumlah", "pagu": 300}]
    report = check(budget_workbook(tmp_path, belanja=rows, pk=[]))
    msgs = [f.message for f in report.findings if f.code == "ANG-013"]
    assert msgs == ["Jenis belanja 'Honor tim pengadaan' tidak dikenal; dibaca sebagai rincian baris Belanja Modal "
                    "(dari kodenya)."]
    assert galat(report) == []
