"""The SKM section on whole workbooks: sheets written, findings raised and bounded, the seed's table."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from support.skm_helpers import answers, skm_bytes, write
from sakip_xl.engine import check, compute
from sakip_xl.skm.codes import LIMIT, NIK_CELL
from sakip_xl.skm.examples import SEED_2019, SEED_2019_REGIME, seed_distribution_rows


def _codes(report, prefix=("SKM", "SEL")):
    return [(f.code, f.cell) for f in report.findings if f.code.startswith(prefix)]


def _values(path, sheet):
    wb = openpyxl.load_workbook(path, data_only=True)
    return wb[sheet]


def test_seed_distribution_scores_average_and_wrong_printed_scores(tmp_path):
    path = write(tmp_path / "seed.xlsx", skm_bytes(rows=None, distribution=seed_distribution_rows()))
    out = tmp_path / "hasil.xlsx"
    report = compute(path, out)
    dist = report.analysis.results["skm"].distribution
    assert dist.index.regime.name == SEED_2019_REGIME
    scores = [round(r.element.nrr25, 9) for r in dist.rows]
    assert scores == [75, 75, 75, 100, 75, 47.5, 67.5, 70, 45, 40, 40, 57.5, 67.5, 95]
    assert (dist.index.nik_rounded, dist.index.mutu, dist.index.kinerja) == (66.43, "B", "Baik")
    wrong = [f for f in report.findings if f.code == "SKM-016"]
    assert [(f.cell, f.message) for f in wrong] == [
        ("I14", "Skor U10 (Kejelasan alur pembagian petugas pelayanan) tertulis 30, seharusnya 40,00."),
        ("I17", "Skor U13 (Kecepatan dan ketepatan waktu) tertulis 62,5, seharusnya 67,50."),
    ]
    ws = _values(out, "Hasil SKM Distribusi")
    assert ws[NIK_CELL].value == 66.43 and ws["C11"].value == "B" and ws["C12"].value == "Baik"


def test_seed_distribution_typed_as_text_percentages(tmp_path):
    rows = []
    for i, (name, shares, printed) in enumerate(SEED_2019):
        row = {"unsur": name, "n1": f"{shares[0]}%", "n2": f"{shares[1]}%", "n3": f"{shares[2]}%",
               "n4": "0" if shares[3] == 0 and i == 5 else f"{shares[3]}%", "total": "100%", "skor_dilaporkan": printed}
        rows.append(row)
    path = write(tmp_path / "seed.xlsx", skm_bytes(rows=None, distribution=rows,
                                                   settings={"skm_regulasi": SEED_2019_REGIME}))
    report = check(path)
    dist = report.analysis.results["skm"].distribution
    assert dist.index.nik_rounded == 66.43
    assert [f.cell for f in report.findings if f.code == "SKM-016"] == ["I14", "I17"]
    assert sum(f.code == "SKM-020" for f in report.findings) > 0       # text numbers are reported


def _respondents(n, pattern="444444444", **extra):
    return [dict(answers(pattern), no=i + 1, **extra) for i in range(n)]


@pytest.mark.parametrize("mode, nik", [("tepat", 100.0), ("3 desimal", 99.9), ("2 desimal", 99.0)])
def test_all_fours_give_100_with_the_exact_weight(tmp_path, mode, nik):
    rows = [dict(r, layanan="KTP", tanggal=dt.datetime(2021, 1 + i % 12, 3)) for i, r in enumerate(_respondents(12))]
    path = write(tmp_path / "a.xlsx", skm_bytes(rows, settings={"skm_bobot": mode}))
    out = tmp_path / "h.xlsx"
    report = compute(path, out)
    survey = report.analysis.results["skm"].survey
    assert survey.index.nik_rounded == nik
    assert _values(out, "Hasil SKM")[NIK_CELL].value == nik
    assert ("SKM-012" in [f.code for f in report.findings]) == (mode != "tepat")


def test_invalid_answers_are_findings_with_their_cell(tmp_path):
    # Text digits 1-4, letters with spaces and the questionnaire's words are answers now (issue 15);
    # text numbers outside 1-4, off-scale words and booleans are not.
    rows = [dict(answers("3333333-3"), no=1), {"no": 2, "u1": 5, "u2": "5", "u3": "lumayan", "u4": 2.5, "u5": 0,
                                               "u6": "c", "u7": True, "u8": "x", "u9": 4},
            {"no": 3, "u1": " a", "u2": "3", "u3": "baik"}]
    report = check(write(tmp_path / "x.xlsx", skm_bytes(rows)))
    got = _codes(report)
    assert ("SKM-001", "H6") in got and ("SKM-001", "K6") in got and ("SKM-001", "L6") in got
    assert ("SKM-002", "I6") in got
    assert ("SKM-003", "J6") in got and ("SKM-003", "N6") in got and ("SKM-003", "O6") in got
    lumayan = next(f for f in report.findings if f.code == "SKM-003" and f.cell == "J6")
    assert "tidak cepat / kurang cepat / cepat / sangat cepat" in lumayan.message      # the U3 scale tried
    assert "tidak baik / kurang baik / baik / sangat baik" in lumayan.message
    survey = report.analysis.results["skm"].survey
    assert survey.elements[5].counts == (0, 0, 2, 0)          # "c" counts as 3
    assert survey.elements[1].counts == (0, 0, 2, 0)          # "3" typed as text counts as 3
    assert survey.elements[2].counts == (0, 0, 2, 0)          # "baik" is 3
    assert survey.elements[0].counts == (1, 0, 1, 0)          # " a" is 1, the 5 is left out
    assert survey.elements[7].counts == (0, 0, 0, 0)          # the blank and "x" are left out
    assert ("SKM-007", "O4") in got                           # U8 has no valid answer: no IKM
    assert survey.index.ikm is None


def test_findings_stay_bounded_on_a_large_messy_survey(tmp_path):
    rows = [dict(answers("333333333"), no=i, u1=7, u2="x") for i in range(LIMIT * 3)]
    report = check(write(tmp_path / "big.xlsx", skm_bytes(rows)))
    by_code = {}
    for f in report.findings:
        by_code.setdefault(f.code, []).append(f)
    assert len(by_code["SKM-001"]) == LIMIT and len(by_code["SKM-003"]) == LIMIT
    summaries = {f.message.split("temuan ")[1][:7]: f for f in by_code["SKM-004"]}
    assert "seluruhnya 150 sel" in summaries["SKM-001"].message
    assert summaries["SKM-001"].cell == f"H{5 + LIMIT}"
    assert "SKM-006" in by_code and len(by_code["SKM-006"]) == LIMIT   # identical rows but for No


def test_rows_without_answers_duplicates_and_error_cells(tmp_path):
    rows = [dict(answers("343434343"), no=1, layanan="KTP"), dict(answers("343434343"), no=2, layanan="KTP"),
            {"no": 3, "layanan": "KK"}, {"no": 4}, dict(answers("44444444"), no=5, u9=("=1/0", "#DIV/0!"))]
    report = check(write(tmp_path / "r.xlsx", skm_bytes(rows)))
    got = _codes(report)
    assert ("SKM-006", "B6") in got            # row 6 repeats row 5 (the No differs)
    assert ("SKM-005", "B7") in got            # a respondent without answers
    assert not any(c == "SKM-005" and cell.endswith("8") for c, cell in got)   # only a number: not a respondent
    assert ("SEL-001", "P9") in got
    survey = report.analysis.results["skm"].survey
    assert survey.respondents == 3 and survey.elements[8].counts == (0, 0, 2, 0)


def test_missing_and_extra_element_columns(tmp_path):
    rows = [answers("4444444444444")]
    report = check(write(tmp_path / "m.xlsx", skm_bytes(rows, elements=13,
                                                          settings={"skm_regulasi": "KepMenPAN 25/2004"})))
    got = [c for c, _ in _codes(report)]
    assert got.count("SKM-008") == 1 and report.analysis.results["skm"].survey.index.ikm is None
    report = check(write(tmp_path / "e.xlsx", skm_bytes(rows, elements=13)))
    assert [c for c, _ in _codes(report)].count("SKM-009") == 4


def test_fourteen_elements_under_kepmenpan_2004(tmp_path):
    rows = [answers("34343434343434"), answers("44444444444444")]
    report = check(write(tmp_path / "k.xlsx", skm_bytes(rows, elements=14,
                                                          settings={"skm_regulasi": "KepMenPAN 25/2004"})))
    survey = report.analysis.results["skm"].survey
    assert len(survey.elements) == 14 and survey.index.bobot == 1 / 14
    assert survey.index.nik_rounded == pytest.approx(C_nik([3.5, 4.0] * 7, 14), abs=0.005)
    assert survey.index.mutu == "A"


def C_nik(nrrs, n):
    return sum(x / n for x in nrrs) * 25


@pytest.mark.parametrize("population, code", [(None, "SKM-011"), (100, "SKM-010"), (3, None)])
def test_sample_size_check(tmp_path, population, code):
    report = check(write(tmp_path / "s.xlsx", skm_bytes(_respondents(5, "343434343"),
                                                          settings={"skm_populasi": population})))
    sample = report.analysis.results["skm"].sample
    codes = {c for c, _ in _codes(report)}
    assert ({"SKM-010", "SKM-011"} & codes) == ({code} if code else set())
    if population == 100:
        assert (sample.minimum, sample.verdict) == (80, "Kurang")


def test_population_typed_as_text(tmp_path):
    report = check(write(tmp_path / "s.xlsx", skm_bytes(_respondents(3), settings={"skm_populasi": "1.000"})))
    assert report.analysis.results["skm"].sample.minimum == 278
    assert "SKM-020" in {c for c, _ in _codes(report)}


def test_results_per_service_period_and_profile(tmp_path):
    rows = []
    for i in range(24):
        rows.append(dict(answers("444433332" if i % 2 else "333344443"), no=i + 1,
                         layanan=("KTP", "ktp", "KK")[i % 3], tanggal=dt.datetime(2021, 1 + i // 2, 5),
                         jenis_kelamin="LP"[i % 2], umur=18 + i * 2, pendidikan="SMA", pekerjaan="Petani"))
    rows.append(dict(answers("333333333"), no=25, tanggal="bukan tanggal", umur="tua"))
    report = check(write(tmp_path / "g.xlsx", skm_bytes(rows, settings={"skm_periode": "bulan"})))
    survey = report.analysis.results["skm"].survey
    assert [g.label for g in survey.layanan] == ["KTP", "KK"]
    assert [g.respondents for g in survey.layanan] == [16, 8]
    assert [g.label for g in survey.periods][:2] == ["Januari 2021", "Februari 2021"] and len(survey.periods) == 12
    umur = next(p for p in survey.profile if p.key == "umur")
    assert umur.numeric and sum(c.count for c in umur.categories) + umur.remainder == 25
    assert ("SKM-013", "B29") in _codes(report)


def test_too_many_services_are_capped(tmp_path):
    rows = [dict(answers("333333333"), no=i, layanan=f"Layanan {i}") for i in range(35)]
    report = check(write(tmp_path / "c.xlsx", skm_bytes(rows)))
    assert len(report.analysis.results["skm"].survey.layanan) == 30
    assert "SKM-014" in {c for c, _ in _codes(report)}


def test_pk_realisasi_of_the_skm_indicator_is_compared_with_the_nik(tmp_path):
    pk = [{"sasaran": "Meningkatnya Kualitas Pelayanan", "indikator": "Nilai SKM dalam Bidang Pelayanan Publik",
           "target": 85, "realisasi": 90},
          {"sasaran": "S2", "indikator": "Persentase desa tertib", "target": 100, "realisasi": 80}]
    report = check(write(tmp_path / "p.xlsx", skm_bytes(_respondents(4, "343434343"), pk_rows=pk)))
    got = [(f.code, f.sheet, f.cell) for f in report.findings if f.code == "SKM-015"]
    assert got == [("SKM-015", "PK", "G5")]
    pk[0]["realisasi"] = report.analysis.results["skm"].survey.index.nik_rounded
    report = check(write(tmp_path / "p2.xlsx", skm_bytes(_respondents(4, "343434343"), pk_rows=pk)))
    assert not [f for f in report.findings if f.code == "SKM-015"]


def test_distribution_problems(tmp_path):
    rows = [{"regulasi": "PermenPANRB 99/2099", "unsur": "A", "n1": 1, "n2": "x", "n3": 3, "n4": -1, "total": 10},
            {"unsur": "B", "n1": 0, "n2": 0, "n3": 0, "n4": 0},
            {"unsur": "C", "n1": 1, "n2": 1, "n3": 1, "n4": "2"}]
    report = check(write(tmp_path / "d.xlsx", skm_bytes(rows=None, distribution=rows)))
    got = {c for c, _ in _codes(report)}
    assert {"SKM-017", "SKM-018", "SKM-019", "SKM-020", "SKM-021", "SKM-022"} <= got
    dist = report.analysis.results["skm"].distribution
    assert dist.index.regime.name == "PermenPANRB 14/2017"
    assert dist.rows[0].element.nrr == pytest.approx((1 + 9 - 4) / 3)   # 'x' counts as 0, -1 is kept


def test_example_workbook_has_the_skm_sheets_and_matches_the_pk(tmp_path):
    from support.builders import example
    out = tmp_path / "hasil.xlsx"
    report = compute(example(tmp_path), out)
    wb = openpyxl.load_workbook(out, data_only=True)
    assert {"Hasil SKM", "Hasil SKM Distribusi"} <= set(wb.sheetnames)
    assert wb["Hasil SKM"][NIK_CELL].value == 86.44
    codes = [f.code for f in report.findings]
    assert "SKM-015" not in codes and codes.count("SKM-016") == 2
    survey = report.analysis.results["skm"].survey
    assert survey.respondents == 30 and [g.label for g in survey.layanan] == ["KTP", "KK", "Akta Kelahiran"]
    assert len(survey.periods) == 4


def test_no_skm_sheet_means_no_skm_output(tmp_path):
    from support.builders import filled, JELBUK_PK
    report = check(filled(tmp_path, JELBUK_PK))
    assert report.analysis.results["skm"] is None


def test_skm_sheet_without_element_columns(tmp_path):
    from support.builders import free_layout
    path = free_layout(tmp_path, {"SKM": [["No", "Nama"], [1, "Budi"]], "PK": [
        ["Sasaran Strategis", "Indikator Kinerja", "Target", "Realisasi"], ["S", "I", 1, 1]]})
    report = check(path)
    assert ("SKM-008", "") in _codes(report)


def test_formulas_without_results_and_hidden_rows_are_reported(tmp_path):
    rows = [dict(answers("34343434-"), u9=("=1+2", "")), dict(answers("343434343"), _hidden=True)]
    report = check(write(tmp_path / "f.xlsx", skm_bytes(rows)))
    got = _codes(report)
    assert ("SEL-002", "P5") in got and ("SEL-003", "A6") in got
