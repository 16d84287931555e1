"""Rencana aksi: quarterly targets beside the PK's quarterly realisasi, capaian per quarter and to date."""
from __future__ import annotations

import openpyxl
import pytest

from sakip_xl.engine import compute
from sakip_xl.seed_data import JELBUK_SETTINGS
from sakip_xl.template import build_template

SHEET = "Hasil Rencana Aksi"

PK = [
    # positive, cumulative figures (e.g. % of villages done so far)
    {"sasaran": "S1", "indikator": "Persentase desa tertib administrasi", "satuan": "%", "polaritas": "positif",
     "target": 100, "tw1": 20, "tw2": 45, "tw3": 70, "tw4": 96, "cara_tahunan": "kumulatif"},
    # positive, per-quarter counts summed over the year
    {"sasaran": "S1", "indikator": "Jumlah rapat koordinasi", "satuan": "kali", "polaritas": "positif",
     "target": 12, "tw1": 2, "tw2": 4, "tw3": 3, "cara_tahunan": "jumlah"},
    # negative (lower is better), per-quarter figures averaged
    {"sasaran": "S2", "indikator": "Rata-rata waktu layanan KTP", "satuan": "hari", "polaritas": "negatif",
     "target": 3, "tw1": 4, "tw2": 3.5, "tw3": 2.5, "tw4": 2, "cara_tahunan": "rata-rata"},
    # negative, cumulative
    {"sasaran": "S2", "indikator": "Jumlah pengaduan tidak selesai", "satuan": "kasus", "polaritas": "negatif",
     "target": 10, "tw1": 2, "tw2": 5, "tw3": 9, "tw4": 12, "cara_tahunan": "kumulatif"},
    {"sasaran": "S2", "indikator": "Indikator tanpa rencana aksi", "target": 1, "realisasi": 1},
]

RA = [
    {"indikator": "Persentase desa tertib administrasi", "uraian": "Pembinaan desa",
     "target_tw1": 25, "target_tw2": 50, "target_tw3": 75, "target_tw4": 100},
    {"indikator": "Jumlah rapat koordinasi", "target_tw1": 3, "target_tw2": 3, "target_tw3": 3, "target_tw4": 3},
    {"indikator": "Rata-rata waktu layanan KTP", "target_tw1": 4, "target_tw2": 3.5, "target_tw3": 3,
     "target_tw4": 2.5},
    {"indikator": "Jumlah pengaduan tidak selesai", "target_tw1": 3, "target_tw3": 8, "target_tw4": 10},
    {"indikator": "Indikator yang tidak ada di PK", "target_tw1": 1},
]


def _independent(pk: dict, ra: dict) -> tuple[list, list]:
    """Capaian per quarter and to date, from the rules in the module docstring, written anew."""
    t = [ra.get(f"target_tw{q}") for q in range(1, 5)]
    r = [pk.get(f"tw{q}") for q in range(1, 5)]
    neg = pk.get("polaritas") == "negatif"

    def cap(tv, rv):
        if tv is None or rv is None or tv == 0:
            return None
        return (2 * tv - rv) / tv * 100 if neg else rv / tv * 100

    per = [cap(t[q], r[q]) for q in range(4)]
    sd = []
    for q in range(4):
        if pk["cara_tahunan"] == "kumulatif":
            sd.append(per[q])
        elif None in t[:q + 1] or None in r[:q + 1]:
            sd.append(None)
        else:
            k = 1 if pk["cara_tahunan"] == "jumlah" else q + 1
            sd.append(cap(sum(t[:q + 1]) / k, sum(r[:q + 1]) / k))
    return per, sd


def _workbook(tmp_path, pk=PK, ra=RA, name="ra.xlsx"):
    path = tmp_path / name
    path.write_bytes(build_template(JELBUK_SETTINGS, {"PK": pk, "Rencana Aksi": ra}))
    return path


def _rows(out):
    ws = openpyxl.load_workbook(out, data_only=True)[SHEET]
    rows = {}
    for row in ws.iter_rows(min_row=5, values_only=True):
        if row[1]:
            rows[row[1]] = row
    return rows


def _num(v):
    return None if v in (None, "") else v


@pytest.mark.parametrize("k", range(4), ids=["positif-kumulatif", "positif-jumlah", "negatif-rata-rata",
                                             "negatif-kumulatif"])
def test_quarterly_capaian(tmp_path, k):
    out = tmp_path / "hasil.xlsx"
    compute(_workbook(tmp_path), out)
    row = _rows(out)[PK[k]["indikator"]]
    per, sd = _independent(PK[k], RA[k])
    assert _approx_list([_num(v) for v in row[13:17]], per)
    assert _approx_list([_num(v) for v in row[17:21]], sd)
    assert any(v is not None for v in sd)


def _approx_list(got, want):
    return len(got) == len(want) and all(
        (g is None and w is None) or (g is not None and w is not None and abs(g - w) < 1e-9) for g, w in zip(got, want))


def test_findings_for_quarters_without_target_or_realisasi(tmp_path):
    report = compute(_workbook(tmp_path), tmp_path / "hasil.xlsx")
    codes = {(f.code, f.sheet, f.cell) for f in report.findings if f.code.startswith("RA-")}
    assert ("RA-001", "Rencana Aksi", "E8") in codes          # pengaduan: no target for TW II
    assert ("RA-002", "PK", "O6") in codes                    # rapat koordinasi: no realisasi for TW IV
    assert ("RA-004", "Rencana Aksi", "B9") in codes          # not in the PK
    assert ("RA-007", "PK", "C9") in codes                    # PK indicator without rencana aksi


def test_pk_without_quarter_columns(tmp_path):
    pk = [{"sasaran": "S", "indikator": "A", "target": 10, "realisasi": 9}]
    ra = [{"indikator": "A", "target_tw1": "2,5", "target_tw2": "x", "target_tw3": 0, "target_tw4": 10}]
    path = tmp_path / "ra.xlsx"
    from sakip_xl.pk.schema import PK as PK_SPEC
    import dataclasses
    # a PK sheet with no Realisasi TW column at all
    spec_cols = tuple(c for c in PK_SPEC.columns if not c.key.startswith("tw"))
    from sakip_xl import template as T
    original = T.all_input_sheets

    def without_quarters():
        return tuple(dataclasses.replace(s, columns=spec_cols) if s.name == "PK" else s for s in original())

    T.all_input_sheets = without_quarters
    try:
        path.write_bytes(build_template(JELBUK_SETTINGS, {"PK": pk, "Rencana Aksi": ra}))
    finally:
        T.all_input_sheets = original
    report = compute(path, tmp_path / "hasil.xlsx")
    codes = {(f.code, f.cell) for f in report.findings if f.code.startswith("RA-")}
    assert ("RA-003", "") in codes
    assert ("RA-006", "D5") in codes and ("RA-005", "E5") in codes and ("RA-005", "F5") in codes


def test_qualitative_indicator_is_not_computed(tmp_path):
    pk = [{"sasaran": "S", "indikator": "Nilai SAKIP", "target": "BB", "realisasi": "B",
           "skala": "Predikat SAKIP"}]
    ra = [{"indikator": "Nilai SAKIP", "target_tw4": 1}]
    report = compute(_workbook(tmp_path, pk, ra), tmp_path / "hasil.xlsx")
    assert any(f.code == "RA-008" for f in report.findings)


def test_chart_is_drawn(tmp_path):
    out = tmp_path / "hasil.xlsx"
    compute(_workbook(tmp_path), out)
    import zipfile
    names = zipfile.ZipFile(out).namelist()
    charts = [n for n in names if n.startswith("xl/charts/chart")]
    xml = "".join(zipfile.ZipFile(out).read(n).decode() for n in charts)
    assert "Capaian Kinerja s.d. Triwulan" in xml


def test_a_users_own_rencana_aksi_sheet_of_another_layout_is_skipped_with_a_finding(tmp_path):
    """Many OPD keep a 'Rencana Aksi' sheet of their own (kegiatan, waktu, biaya): it must not stop
    the run; the section is skipped with SEL-013 and the rest is computed."""
    import io

    import xlsxwriter

    from sakip_xl.engine import check

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = wb.add_worksheet("PK")
    ws.write_row(0, 0, ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Realisasi"])
    ws.write_row(1, 0, [1, "S1", "Persentase desa tertib administrasi", "%", 80, 60])
    ws = wb.add_worksheet("Rencana Aksi")
    ws.write_row(0, 0, ["Kegiatan", "Waktu Pelaksanaan", "Biaya", "Hasil yang diharapkan"])
    ws.write_row(1, 0, ["Sosialisasi", "Maret", 15000000, "Laporan"])
    wb.close()
    path = tmp_path / "ra.xlsx"
    path.write_bytes(buffer.getvalue())
    report = check(path)
    sel = [f for f in report.findings if f.code == "SEL-013"]
    assert len(sel) == 1 and sel[0].sheet == "Rencana Aksi" and "Indikator Kinerja" in sel[0].message
    assert report.analysis.results.get("pk") and report.analysis.results.get("rencana_aksi") is None
    out = tmp_path / "hasil.xlsx"
    compute(path, out)
    names = openpyxl.load_workbook(out, read_only=True).sheetnames
    assert "Capaian" in names and SHEET not in names and "Rencana Aksi" in names
