"""Input as staff really type it (issue 14): big PK sheets, a PK deleted after compute, bounds,
negative values, '-' cells, two indicators in one cell, the No column across sasaran."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl

from support.builders import JELBUK_SETTINGS, filled
from support.renstra_fixtures import renstra_workbook
from sakip_xl.read import reader
from sakip_xl.engine import compute
from support.zipedit import edit_sheet_xml, sheet_member


def pad_sheet(path: Path, sheet: str, rows: int = 30000, cols: int = 12) -> None:
    """Give `sheet` borders on `rows` empty rows below its data, as a staff member formatting a column does."""
    def edit(xml: str) -> str:
        last = max(int(m) for m in re.findall(r'<row r="(\d+)"', xml))
        style = re.search(r'<c r="[A-Z]+\d+" s="(\d+)"', xml).group(1)
        letters = [chr(65 + c) for c in range(cols)]
        pad = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}" s="{style}"/>' for c in letters) + "</row>"
                      for r in range(last + 1, last + 1 + rows))
        xml = xml.replace("</sheetData>", pad + "</sheetData>", 1)
        return re.sub(r'<dimension ref="[^"]*"/>', "", xml)

    edit_sheet_xml(path, sheet, edit)


def _codes(report) -> list[tuple[str, str, str]]:
    return sorted((f.code, f.sheet, f.cell) for f in report.findings)


# --- item 8: a big PK sheet ------------------------------------------------

def test_big_pk_sheet_keeps_perbandingan_and_its_findings(tmp_path):
    small = renstra_workbook(tmp_path, name="kecil.xlsx")
    big = renstra_workbook(tmp_path, name="besar.xlsx")
    pad_sheet(big, "PK")
    with zipfile.ZipFile(big) as z:
        assert z.getinfo(sheet_member(big, "PK")).file_size >= reader.PREFETCH_MIN_BYTES
    ref = compute(small, tmp_path / "hasil-kecil.xlsx")
    got = compute(big, tmp_path / "hasil-besar.xlsx")
    assert any(c.startswith("REN-") for c, _, _ in _codes(ref))
    assert _codes(got) == _codes(ref)
    names = openpyxl.load_workbook(tmp_path / "hasil-besar.xlsx", read_only=True).sheetnames
    assert "Perbandingan" in names and "Capaian" in names


# --- item 2: kategori at exact bounds --------------------------------------

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings as hsettings
from hypothesis import strategies as st

from sakip_xl.pk import capaian as C
from sakip_xl.read.schema import ScaleRow

DEFAULT_SCALE = (ScaleRow("Kurang", None, None), ScaleRow("Cukup", ">=", 55.0), ScaleRow("Baik", ">=", 76.0),
                 ScaleRow("Sangat Baik", ">", 100.0))
PERMENDAGRI_SCALE = (ScaleRow("Sangat Rendah", None, None), ScaleRow("Rendah", ">=", 51.0),
                     ScaleRow("Sedang", ">=", 66.0), ScaleRow("Tinggi", ">=", 76.0),
                     ScaleRow("Sangat Tinggi", ">=", 91.0))


def label_of(value: Decimal, scale) -> str:
    """The category of an exact decimal capaian (independent of the tool's float arithmetic)."""
    label = scale[0].label
    for row in scale[1:]:
        b = Decimal(str(row.bound))
        if (row.operator == ">" and value > b) or (row.operator == ">=" and value >= b):
            label = row.label
    return label


def exact_capaian(t: str, r: str, negative: bool) -> Decimal:
    T, R = Decimal(t), Decimal(r)
    return ((2 * T - R) if negative else R) / T * 100


@pytest.mark.parametrize("t, r, negative, scale", [
    ("12", "9.12", False, DEFAULT_SCALE), ("55", "41.8", False, DEFAULT_SCALE), ("3", "1.65", False, DEFAULT_SCALE),
    ("12", "14.88", True, DEFAULT_SCALE), ("55", "68.2", True, DEFAULT_SCALE), ("3", "4.35", True, DEFAULT_SCALE),
    ("33", "16.83", False, PERMENDAGRI_SCALE), ("55", "81.95", True, PERMENDAGRI_SCALE),
    ("55", "36.3", False, PERMENDAGRI_SCALE), ("7", "9.38", True, PERMENDAGRI_SCALE),
    ("3", "2.28", False, PERMENDAGRI_SCALE), ("0.7", "0.868", True, PERMENDAGRI_SCALE),
    ("55", "50.05", False, PERMENDAGRI_SCALE), ("0.7", "0.763", True, PERMENDAGRI_SCALE),
    ("3", "2.73", False, PERMENDAGRI_SCALE), ("0.7", "0.532", False, PERMENDAGRI_SCALE),
])
def test_kategori_at_a_bound_is_the_one_the_user_sees(t, r, negative, scale):
    rule = C.RULE_NEGATIVE_2T if negative else C.RULE_POSITIVE
    value = C.capaian(float(t), float(r), rule)
    assert C.kategori(value, scale) == label_of(exact_capaian(t, r, negative), scale)


BOUND_CASES = {   # scale -> (target, realisasi, negative): capaian exactly at a bound, not exact in binary
    "default": [("12", "9.12", False), ("55", "41.8", False), ("3", "1.65", False), ("12", "14.88", True),
                ("55", "68.2", True), ("3", "4.35", True), ("3", "2.28", False), ("0.7", "0.868", True),
                ("3", "3", False), ("3", "3", True), ("7", "7.07", False), ("7", "6.93", True)],
    "permendagri": [("33", "16.83", False), ("55", "81.95", True), ("55", "36.3", False), ("7", "9.38", True),
                    ("3", "2.28", False), ("0.7", "0.868", True), ("55", "50.05", False), ("0.7", "0.763", True),
                    ("3", "2.73", False), ("0.7", "0.532", False), ("12", "9.12", False), ("55", "41.8", False)],
}
SCALES = {"default": DEFAULT_SCALE, "permendagri": PERMENDAGRI_SCALE}


def _bound_workbook(tmp_path, cases, scale_name, name):
    rows = [{"sasaran": f"S{k // 4}", "indikator": f"batas {k}: T {t}, R {r}", "polaritas": "negatif" if neg else "positif",
             "target": float(t), "realisasi": float(r)} for k, (t, r, neg) in enumerate(cases)]
    return filled(tmp_path, rows, dict(JELBUK_SETTINGS, skala=SCALES[scale_name]), name=name)


def _check_bounds(tmp_path, cases, scale_name, name):
    from support.lo_oracle import compare_with_engine

    out = tmp_path / f"hasil-{name}"
    report = compute(_bound_workbook(tmp_path, cases, scale_name, name), out)
    scale = SCALES[scale_name]
    got = [i.kategori for i in report.analysis.indicators]
    assert got == [label_of(exact_capaian(t, r, neg), scale) for t, r, neg in cases]
    assert [i.tercapai for i in report.analysis.indicators] == \
        ["Ya" if exact_capaian(t, r, neg) >= 100 else "Tidak" for t, r, neg in cases]
    assert compare_with_engine(out, tmp_path / f"lo-{name}", sheets=["Capaian"]) == []


@pytest.mark.libreoffice
@pytest.mark.parametrize("scale_name", sorted(BOUND_CASES))
def test_kategori_at_every_bound_parity(tmp_path, scale_name):
    _check_bounds(tmp_path, BOUND_CASES[scale_name], scale_name, f"batas-{scale_name}.xlsx")


@st.composite
def near_bound_rows(draw, scale):
    """(target, realisasi, negative) whose exact capaian is a bound or a step or two of R away from it."""
    bounds = [row.bound for row in scale[1:]]
    rows = []
    for _ in range(draw(st.integers(20, 40))):
        b = Decimal(str(draw(st.sampled_from(bounds))))
        t = Decimal(draw(st.sampled_from(["3", "7", "12", "55", "0.7", "13", "1.1", "33", "250", "0.03", "9.5"])))
        negative = draw(st.booleans())
        exact = t * (2 - b / 100) if negative else t * b / 100
        step = Decimal("0.001") if t < 1 else Decimal("0.01")
        r = exact.quantize(step) + draw(st.integers(-2, 2)) * step
        rows.append((str(t), str(r), negative))
    return rows


@pytest.mark.libreoffice
@hsettings(max_examples=2, deadline=None, suppress_health_check=list(HealthCheck), derandomize=False)
@given(data=st.data())
def test_kategori_near_bounds_property(tmp_path_factory, data):
    """For random PK rows near every bound, the kategori Python stores equals LibreOffice's recalc
    (one workbook, so one LibreOffice launch, per example)."""
    scale_name = data.draw(st.sampled_from(sorted(SCALES)))
    cases = data.draw(near_bound_rows(SCALES[scale_name]))
    tmp = tmp_path_factory.mktemp("batas")
    _check_bounds(tmp, cases, scale_name, "acak.xlsx")


# --- item 1: percent-formatted cells ---------------------------------------

from support.renstra_fixtures import SETTINGS_2023, perbandingan
from sakip_xl.engine import analyze
from sakip_xl.xlsx.numfmt import is_percent_code


@pytest.mark.parametrize("code, percent", [
    ("0%", True), ("0.00%", True), ('0.0" %"', False), ("0\\%", False), ('#,##0.00_);[Red](#,##0.00)', False),
    ("[$%-421]#,##0", False), ("0.0%;[Red]-0.0%", True), ("General", False), ("0_%", False), ('"%"0%', True),
])
def test_percent_format_codes(code, percent):
    assert is_percent_code(code) is percent


def set_cells(path: Path, sheet: str, cells: dict[str, tuple[object, str]]) -> Path:
    """Type values into cells with a number format, as Excel stores `72%` (0.72 with '0%')."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    for address, (value, number_format) in cells.items():
        ws[address].value = value
        ws[address].number_format = number_format
    wb.save(path)
    return path


def _addresses(path: Path) -> list:
    return analyze(path.read_bytes()).indicators


def test_percent_formatted_realisasi_is_the_percentage_the_user_sees(tmp_path):
    rows = [{"sasaran": "S1", "indikator": "Persentase A", "satuan": "%", "target": 90, "realisasi": 1},
            {"indikator": "Persentase B", "satuan": "%", "target": 1, "realisasi": 1},
            {"indikator": "Biasa C", "target": 10, "realisasi": 9}]
    path = filled(tmp_path, rows)
    inds = _addresses(path)
    set_cells(path, "PK", {inds[0].realisasi.address: (0.72, "0%"),
                           inds[1].target.address: (0.9, "0%"), inds[1].realisasi.address: (0.855, "0.0%")})
    out = tmp_path / "hasil.xlsx"
    report = compute(path, out)
    a, b, c = report.analysis.indicators
    assert (a.realisasi_value, a.target.value) == (pytest.approx(72), 90)
    assert a.capaian == pytest.approx(72 / 90 * 100) and a.kategori == "Baik"
    assert (b.target.value, b.realisasi_value) == (pytest.approx(90), pytest.approx(85.5))
    assert b.capaian == pytest.approx(85.5 / 90 * 100)
    assert c.capaian == pytest.approx(90) and not c.target.percent
    info = {(f.code, f.cell): f for f in report.findings if f.code == "SEL-004"}
    assert set(info) == {("SEL-004", a.realisasi.address), ("SEL-004", b.target.address),
                         ("SEL-004", b.realisasi.address)}
    assert "72" in info[("SEL-004", a.realisasi.address)].message
    assert "0,72" in info[("SEL-004", a.realisasi.address)].message
    ws = openpyxl.load_workbook(out, data_only=True)["Capaian"]
    shown = {ws.cell(r, 3).value: (ws.cell(r, 8).value, ws.cell(r, 10).value) for r in range(5, 8)}
    assert shown["Persentase A"] == (90, pytest.approx(72))
    assert shown["Persentase B"] == (pytest.approx(90), pytest.approx(85.5))
    # the sasaran average uses the percentages
    assert report.analysis.results["pk"] is not None
    summary = report.analysis.context.results["capaian_summary"][0]
    assert summary.mean == pytest.approx((72 / 90 * 100 + 85.5 / 90 * 100 + 90) / 3)


def test_percent_cells_in_pk_and_renstra_and_the_hundredfold_mismatch(tmp_path):
    pk = [{"sasaran": "S1", "indikator": "Indeks A", "satuan": "%", "target": 1, "realisasi": 1},
          {"indikator": "Indeks B", "satuan": "%", "target": 85, "realisasi": 80},
          {"indikator": "Indeks C", "satuan": "%", "target": 70, "realisasi": 60}]
    renstra = [{"tujuan": "T", "sasaran": "S1", "indikator": "Indeks A", "satuan": "%", "target_3": 1,
                "realisasi_3": 77, "kondisi_akhir": 1},
               {"indikator": "Indeks B", "satuan": "%", "target_3": 0.85, "realisasi_3": 0.8, "kondisi_akhir": 100},
               {"indikator": "Indeks C", "satuan": "%", "target_3": 75, "realisasi_3": 60, "kondisi_akhir": 100}]
    path = renstra_workbook(tmp_path, pk=pk, renstra=renstra, iku=None)
    a = analyze(path.read_bytes())
    ren = a.results["renstra"].renstra
    ia = a.indicators[0]
    set_cells(path, "PK", {ia.target.address: (0.8, "0%"), ia.realisasi.address: (0.77, "0%")})
    set_cells(path, "Renstra", {ren[0].cell("target_3").address: (80, "0"),
                                ren[0].cell("kondisi_akhir").address: (0.9, "0%")})
    out = tmp_path / "hasil.xlsx"
    report = compute(path, out)
    codes = {(f.code, f.sheet, f.cell) for f in report.findings if f.code.startswith("REN-0")}
    ind_a, ind_b, ind_c = report.analysis.indicators
    # A: PK 80% (0,8) equals Renstra 80; realisasi 77% equals 77: no contradiction
    assert not any(c[2] in (ind_a.target.address, ind_a.realisasi.address) for c in codes)
    # B: PK 85 / 80 against Renstra 0,85 / 0,8 (no format): a x100 mismatch, said so
    assert ("REN-012", "PK", ind_b.target.address) in codes and ("REN-012", "PK", ind_b.realisasi.address) in codes
    assert ("REN-001", "PK", ind_b.target.address) not in codes
    assert ("REN-002", "PK", ind_b.realisasi.address) not in codes
    # C: a real difference stays REN-001
    assert ("REN-001", "PK", ind_c.target.address) in codes
    # Tabel 3.3: progress against the Renstra end target 90% (0,9), computed on percentages
    tables = perbandingan(out)
    t33 = tables["3.3"]["Indeks A"]
    assert t33["Target Akhir Renstra"] == pytest.approx(90)
    assert t33["Realisasi 2023"] == pytest.approx(77)
    assert t33["Tingkat Kemajuan (%)"] == pytest.approx(77 / 90 * 100)
    t32 = tables["3.2"]["Indeks A"]
    assert t32["Target 2023"] == pytest.approx(80) and t32["Realisasi 2023"] == pytest.approx(77)


@pytest.mark.libreoffice
def test_percent_cells_parity(tmp_path):
    from support.lo_oracle import compare_with_engine

    pk = [{"sasaran": "S1", "indikator": "Indeks A", "satuan": "%", "target": 1, "realisasi": 1,
           "realisasi_lalu": 1, "nasional": 1, "capaian_dilaporkan": 1},
          {"indikator": "Indeks B", "satuan": "%", "target": 1, "target_atas": 1, "realisasi": 1},
          {"indikator": "Indeks C", "satuan": "%", "target": 12, "tw1": 1, "tw2": 1}]
    renstra = [{"tujuan": "T", "sasaran": "S1", "indikator": "Indeks A", "satuan": "%", "target_3": 1,
                "realisasi_3": 1, "kondisi_awal": 1, "kondisi_akhir": 1},
               {"indikator": "Indeks C", "satuan": "%", "target_3": 1, "realisasi_2": 1, "kondisi_akhir": 1}]
    path = renstra_workbook(tmp_path, pk=pk, renstra=renstra, iku=None)
    a = analyze(path.read_bytes())
    ia, ib, ic = a.indicators
    ra, rc = a.results["renstra"].renstra
    pct = "0.00%"
    set_cells(path, "PK", {ia.target.address: (0.85, pct), ia.realisasi.address: (0.7207, pct),
                           ia.realisasi_lalu.address: (0.69, pct), ia.nasional.address: (0.5, pct),
                           ia.stated.address: (0.8479, pct),
                           ib.target.address: (0.8, pct), ib.target_atas.address: (0.9, pct),
                           ib.realisasi.address: (0.92, pct),
                           ic.quarters[0].address: (0.0912, pct), ic.quarters[1].address: (0.0912, pct)})
    set_cells(path, "Renstra", {ra.cell("target_3").address: (0.85, pct), ra.cell("realisasi_3").address: (0.7207, pct),
                                ra.cell("kondisi_awal").address: (0.6, pct), ra.cell("kondisi_akhir").address: (0.95, pct),
                                rc.cell("target_3").address: (0.12, pct), rc.cell("realisasi_2").address: (0.1, pct),
                                rc.cell("kondisi_akhir").address: (0.2, pct)})
    out = tmp_path / "hasil.xlsx"
    report = compute(path, out)
    ia, ib, ic = report.analysis.indicators
    assert ia.capaian == pytest.approx(72.07 / 85 * 100)
    assert ib.capaian == pytest.approx(92 / 90 * 100)
    assert ic.realisasi_value == pytest.approx(9.12) and ic.kategori == "Baik"     # 9,12 / 12 = 76 %
    assert not [f for f in report.findings if f.code in ("PK-008", "REN-001", "REN-002", "REN-012")]
    assert compare_with_engine(out, tmp_path / "lo", sheets=["Capaian", "Perbandingan"]) == []


def test_percent_cells_are_seen_in_a_big_pk_sheet_too(tmp_path):
    rows = [{"sasaran": "S1", "indikator": "Persentase A", "satuan": "%", "target": 90, "realisasi": 1}]
    path = filled(tmp_path, rows)
    ind = _addresses(path)[0]
    set_cells(path, "PK", {ind.realisasi.address: (0.72, "0%")})
    pad_sheet(path, "PK")
    with zipfile.ZipFile(path) as z:
        assert z.getinfo(sheet_member(path, "PK")).file_size >= reader.PREFETCH_MIN_BYTES
    report = compute(path, tmp_path / "hasil.xlsx")
    got = report.analysis.indicators[0]
    assert got.realisasi_value == pytest.approx(72) and got.capaian == pytest.approx(80)
    assert [f.cell for f in report.findings if f.code == "SEL-004"] == [ind.realisasi.address]


# --- item 9: the PK sheet deleted after a compute ---------------------------

def delete_sheet(path: Path, sheet: str) -> Path:
    """Delete a sheet the way a spreadsheet program saves it (openpyxl rewrites the package)."""
    wb = openpyxl.load_workbook(path)
    del wb[sheet]
    wb.save(path)
    return path


def test_pk_deleted_after_compute_is_said(tmp_path):
    from click.testing import CliRunner

    from sakip_xl.cli import main

    first = tmp_path / "sudah.xlsx"
    compute(renstra_workbook(tmp_path), first)
    delete_sheet(first, "PK")
    out = tmp_path / "lagi.xlsx"
    result = CliRunner().invoke(main, ["compute", str(first), "-o", str(out)])
    assert result.exit_code == 0, result.output
    names = openpyxl.load_workbook(out, read_only=True).sheetnames
    assert "Capaian" not in names and "PK" not in names
    lines = result.output.splitlines()
    done = next(i for i, line in enumerate(lines) if line.startswith("Selesai"))
    warned = [i for i, line in enumerate(lines) if "PK" in line and "Capaian" in line and "menghapus" in line]
    assert warned and warned[0] < done          # said before "Selesai", not only in the list
    found = [f for f in compute(first, tmp_path / "lagi2.xlsx").findings if f.code == "PK-023"]
    assert len(found) == 1 and found[0].severity == "galat"
    assert "Capaian" in found[0].message and "menghapus" in found[0].message


def test_a_workbook_never_computed_without_pk_gets_no_such_finding(tmp_path):
    path = renstra_workbook(tmp_path)
    delete_sheet(path, "PK")
    report = compute(path, tmp_path / "hasil.xlsx")
    assert not [f for f in report.findings if f.code == "PK-023"]


# --- item 10: negative values, '-', two indicators in one cell, No across sasaran ---------

def _by_code(report, code):
    return [f for f in report.findings if f.code == code]


def test_negative_target_and_realisasi_are_not_silent(tmp_path):
    rows = [{"sasaran": "S", "indikator": "Pertumbuhan A", "target": -100, "realisasi": -80},
            {"indikator": "Pertumbuhan B", "target": 5, "realisasi": -2},
            {"indikator": "Biasa C", "target": 5, "realisasi": 4}]
    report = compute(filled(tmp_path, rows), tmp_path / "hasil.xlsx")
    a, b, c = report.analysis.indicators
    found = {f.cell: f for f in _by_code(report, "PK-021")}
    assert set(found) == {a.target.address, a.realisasi.address, b.realisasi.address}
    assert "-100" in found[a.target.address].message and "80" in found[a.target.address].message
    assert found[a.target.address].severity == "peringatan"


def test_dash_means_not_available_in_target_and_realisasi_alike(tmp_path):
    rows = [{"sasaran": "S", "indikator": "A", "target": "-", "realisasi": 5},
            {"indikator": "B", "target": 5, "realisasi": "-"},
            {"indikator": "C", "target": "n/a", "realisasi": "n/a"}]
    report = compute(filled(tmp_path, rows), tmp_path / "hasil.xlsx")
    a, b, c = report.analysis.indicators
    got = {(f.cell, f.severity) for f in report.findings if f.code.startswith("PK-")}
    severities = {f.severity for f in report.findings
                  if f.cell in (a.target.address, b.realisasi.address, c.target.address, c.realisasi.address)}
    assert severities == {"peringatan"}, got
    assert not any(f.code == "PK-001" for f in report.findings)
    assert all(i.capaian is None for i in (a, b, c))
    hints = {f.hint for f in report.findings if f.cell in (a.target.address, b.realisasi.address)}
    assert len(hints) == 1 and "Target" in hints.pop()        # one rule, said in one hint


@pytest.mark.parametrize("name, count", [
    ("1. Nilai LHE AKIP 2. IKM", 2),
    ("1. Nilai LHE AKIP\n2. Indeks Kepuasan Masyarakat\n3. Opini BPK", 3),
    ("1) Nilai LHE AKIP; 2) IKM", 2),
    ("Persentase desa (%) tahun 2. semester", 0),
    ("Nilai SAKIP 2.0", 0),
    ("Indeks Kepuasan Masyarakat", 0),
])
def test_two_indicators_in_one_cell(tmp_path, name, count):
    rows = [{"sasaran": "S", "indikator": name, "target": 80, "realisasi": 70}]
    report = compute(filled(tmp_path, rows), tmp_path / "hasil.xlsx")
    found = _by_code(report, "PK-022")
    assert len(found) == (1 if count else 0)
    if count:
        table = report.analysis.context.results["pk_table"]
        assert found[0].cell == table.address(report.analysis.indicators[0].record, "indikator")
        assert f"{count} indikator" in found[0].message


def test_blank_no_is_not_filled_down_into_the_next_sasaran(tmp_path):
    rows = [{"no": "1", "sasaran": "Sasaran A", "indikator": "a1", "target": 1, "realisasi": 1},
            {"indikator": "a2", "target": 1, "realisasi": 1},
            {"sasaran": "Sasaran B", "indikator": "b1", "target": 1, "realisasi": 1},
            {"indikator": "b2", "target": 1, "realisasi": 1}]
    report = compute(filled(tmp_path, rows), tmp_path / "hasil.xlsx")
    assert [(i.no, i.sasaran) for i in report.analysis.indicators] == [
        ("1", "Sasaran A"), ("1", "Sasaran A"), ("", "Sasaran B"), ("", "Sasaran B")]


def test_sheet_scan_finds_percent_cells_with_a_value_wherever_the_xml_is_cut():
    from sakip_xl.read.sheetscan import scan_chunks

    xml = (b'<worksheet><sheetData><row r="1" s="7" customFormat="1"><c r="A1" s="7"/>'
           b'<c r="B1" s="7"><v>0.72</v></c><c s="7" r="C1" t="n"><v>1</v></c><c r="D1" s="3"><v>5</v></c></row>'
           b'<row r="2"><x:c r="E2" s="17"><x:v>0.5</x:v></x:c><c r="F2" s="70"><v>2</v></c></row>'
           b'</sheetData></worksheet>')
    for cut in range(1, len(xml)):
        found = scan_chunks([xml[:cut], xml[cut:]], frozenset({7, 17})).percent
        assert found == {"B1", "C1", "E2"}, cut
    assert scan_chunks([xml]).percent == set()
