"""LibreOffice recalculates the SKM sheets: every formula must give the value Python stored,
for any content of the input cells (blanks, letters, out-of-range numbers, text, Excel errors)."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.builders import example
from support.lo_oracle import compare_with_engine
from support.skm_helpers import answers, skm_bytes, write
from sakip_xl.engine import compute
from sakip_xl.skm import compute as C
from sakip_xl.skm.examples import SEED_2019, SEED_2019_REGIME

pytestmark = pytest.mark.libreoffice

SHEETS = ("Hasil SKM", "Hasil SKM Distribusi", "Pemeriksaan")
ERROR = ("=1/0", "#DIV/0!")           # a formula whose cached result is an Excel error
EMPTY = ('=""', "")                   # a formula returning the empty string


def _parity(tmp_path, data: bytes, name: str = "uji.xlsx"):
    src = write(tmp_path / name, data)
    out = tmp_path / ("hasil-" + name)
    report = compute(src, out)
    present = [s for s in SHEETS if s in report.analysis.sheet_names or _written(out, s)]
    mismatches = compare_with_engine(out, tmp_path / "lo", sheets=present)
    assert mismatches == [], "\n".join(mismatches[:20])
    return report


def _written(path, sheet):
    import zipfile
    with zipfile.ZipFile(path) as z:
        return f'name="{sheet}"'.encode() in z.read("xl/workbook.xml")


def test_example_parity(tmp_path):
    _parity(tmp_path, example(tmp_path).read_bytes())


MESSY = [
    dict(answers("3434343-3"), no=1, layanan="KTP", tanggal=dt.datetime(2021, 1, 5), jenis_kelamin="L", umur=25),
    dict(answers("444444444"), no=2, layanan="ktp", tanggal=dt.datetime(2021, 3, 31, 23, 59), umur=61,
         jenis_kelamin="l"),
    {"no": 3, "layanan": "KK", "tanggal": dt.datetime(2021, 4, 1), "u1": "a", "u2": "B", "u3": "c", "u4": "D",
     "u5": 5, "u6": 0, "u7": 2.5, "u8": "3", "u9": "baik", "umur": "30-39"},
    {"no": 4, "layanan": " ", "tanggal": "12/03/2021", "u1": ERROR, "u2": EMPTY, "u3": " a", "u4": -1, "u5": 3.7,
     "u6": 4, "u7": "2,5", "u8": 1, "u9": 2, "pendidikan": ERROR},
    {"no": 5, "layanan": ERROR, "tanggal": 44300, "u1": 1, "u2": 1, "u3": 1, "u4": 1, "u5": 1, "u6": 1, "u7": 1,
     "u8": 1, "u9": 1, "pekerjaan": "PNS"},
    {"no": 6, "layanan": 7, "tanggal": ERROR, "u1": 2, "u9": "d", "umur": ERROR},
    {"no": 7, "layanan": "Akta", "pendidikan": "SMA"},                       # a row without answers
    dict(answers("343434343"), no=8, layanan="Akta", tanggal=dt.datetime(2021, 12, 31), pekerjaan="pns"),
    dict(answers("343434343"), no=9, layanan="Akta", tanggal=dt.datetime(2021, 12, 31), pekerjaan="pns"),
]


@pytest.mark.parametrize("settings_", [
    {"skm_populasi": 40, "skm_periode": "bulan"},
    {"skm_bobot": "3 desimal", "skm_populasi": "1.000", "skm_regulasi": "PermenPANRB 16/2014"},
    {"skm_bobot": "2 desimal", "skm_populasi": ERROR},
])
def test_messy_responses_parity(tmp_path, settings_):
    report = _parity(tmp_path, skm_bytes(MESSY, settings=settings_))
    assert report.analysis.results["skm"].survey.respondents == 8


def test_periods_in_a_1904_workbook_parity(tmp_path):
    rows = [dict(answers("343434343"), layanan="KK", tanggal=dt.datetime(2021, m, 28 if m == 2 else 30), umur=30 + m)
            for m in range(1, 13)]
    rows.append(dict(answers("444444444"), tanggal=dt.datetime(2021, 7, 1, 0, 0, 1)))
    report = _parity(tmp_path, skm_bytes(rows, settings={"skm_periode": "bulan"}, date1904=True))
    assert report.analysis.context.date1904
    assert [g.respondents for g in report.analysis.results["skm"].survey.periods] == [1] * 6 + [2] + [1] * 5


def test_fourteen_elements_parity(tmp_path):
    rows = [answers("34343434343434"), answers("4444444444444a"), dict(answers("1234123412341-"), layanan="KK")]
    _parity(tmp_path, skm_bytes(rows, elements=14, settings={"skm_regulasi": "KepMenPAN 25/2004"}))


def test_missing_element_column_parity(tmp_path):
    rows = [dict(answers("34343434"), layanan="KTP", tanggal=dt.datetime(2021, 5, 5))]
    report = _parity(tmp_path, skm_bytes(rows, elements=8))
    assert report.analysis.results["skm"].survey.index.ikm is None


def test_seed_distribution_parity(tmp_path):
    rows = []
    for i, (name, shares, printed) in enumerate(SEED_2019):
        rows.append({"regulasi": SEED_2019_REGIME if i == 0 else None, "no": i + 1, "unsur": name,
                     "n1": f"{shares[0]}%", "n2": shares[1] / 100, "n3": f"{shares[2]} %", "n4": shares[3] / 100,
                     "total": 1, "skor_dilaporkan": str(printed).replace(".", ",")})
    rows[2]["n1"] = ERROR
    rows[3]["n2"] = "nol"
    report = _parity(tmp_path, skm_bytes(rows=None, distribution=rows))
    assert report.analysis.results["skm"].distribution.index.nik_rounded == 66.43


def _edge_rows(scores):
    """Distribution rows whose NRR × 25 is exactly each score: counts of 3s and 4s out of 10,000."""
    rows = []
    for i, score in enumerate(scores):
        total = round(score / 25 * 10000)              # Σ answers over 10,000 respondents
        fours = total - 3 * 10000
        threes, low = (10000 - fours, 0) if fours >= 0 else (0, 0)
        if fours < 0:                                   # below 75: mix 2s and 3s
            threes = total - 2 * 10000
            rows.append({"unsur": f"U{i}", "n1": 0, "n2": 10000 - threes, "n3": threes, "n4": 0})
        else:
            rows.append({"unsur": f"U{i}", "n1": low, "n2": 0, "n3": threes, "n4": fours})
    return rows


@pytest.mark.parametrize("regime, edges", [
    ("PermenPANRB 14/2017", [88.30, 88.31, 76.60, 76.61, 64.99, 65.00, 70.0, 99.99, 88.305, 50.0]),
    ("KepMenPAN 25/2004", [81.25, 81.26, 62.50, 62.51, 43.75, 43.76, 70.0, 99.99, 81.255, 55.0, 60.0, 90.0,
                           75.0, 62.505]),
])
def test_band_edges_parity(tmp_path, regime, edges):
    rows = _edge_rows(edges)
    rows[0]["regulasi"] = regime
    report = _parity(tmp_path, skm_bytes(rows=None, distribution=rows))
    dist = report.analysis.results["skm"].distribution
    expected = [C.mutu(x, dist.index.regime) for x in edges]
    assert [r.element.mutu for r in dist.rows] == expected


ANSWER = st.one_of(
    st.sampled_from([1, 2, 3, 4]), st.sampled_from([1, 2, 3, 4]), st.none(),
    st.sampled_from(["a", "b", "c", "d", "A", "D", 0, 5, 2.5, 3.7, -1, 100, "3", "2,5", "baik", " a", "x", "",
                     ERROR, EMPTY]),
)
TEXT = st.sampled_from(["KTP", "ktp", "KK", "Akta Kelahiran", " ", None, 3, ERROR])
DATE = st.one_of(st.datetimes(min_value=dt.datetime(2020, 11, 1), max_value=dt.datetime(2022, 2, 1)),
                 st.sampled_from([None, "12/03/2021", 44300, 44561.75]))
AGE = st.one_of(st.integers(10, 80), st.sampled_from([None, "30-39", 19.5, ERROR]))


@st.composite
def surveys(draw):
    regime = draw(st.sampled_from(["PermenPANRB 14/2017", "PermenPANRB 16/2014", "KepMenPAN 25/2004"]))
    elements = 14 if regime.startswith("Kep") else draw(st.sampled_from([9, 9, 14]))
    rows = []
    for i in range(draw(st.integers(0, 14))):
        row = {"no": i + 1, "layanan": draw(TEXT), "tanggal": draw(DATE), "umur": draw(AGE),
               "jenis_kelamin": draw(st.sampled_from(["L", "P", "p", None]))}
        for j in range(1, elements + 1):
            row[f"u{j}"] = draw(ANSWER)
        rows.append(row)
    cfg = {"skm_regulasi": regime, "skm_bobot": draw(st.sampled_from(["tepat", "3 desimal", "2 desimal"])),
           "skm_periode": draw(st.sampled_from(["triwulan", "bulan"])),
           "skm_populasi": draw(st.sampled_from([None, 10, 250, "1.000"]))}
    return rows, cfg, elements


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                HealthCheck.too_slow, HealthCheck.data_too_large])
@given(surveys())
def test_generated_messy_surveys_parity(tmp_path_factory, case):
    rows, cfg, elements = case
    tmp = tmp_path_factory.mktemp("skm")
    if not rows:
        rows = [{"no": 1, "u1": 3}]
    _parity(tmp, skm_bytes(rows, settings=cfg, elements=elements))


def test_round_twin_agrees_with_libreoffice(tmp_path):
    """ROUND(x,2) and ROUND(x,0) in LibreOffice and compute.round_half_up, at and around halves.

    x is computed in the sheet from short literals, as NIK is, so both sides start from the same double.
    """
    import xlsxwriter
    cases = [(k, d) for k in range(0, 20001, 37) for d in ("0", "1E-13", "-1E-13", "5E-16", "-5E-16", "2E-15")]
    cases += [(k, "0") for k in (17661, 17662, 15321, 12999, 16251, 12501, 8751, 57, 201, 535)]
    path = tmp_path / "round.xlsx"
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("R")
    for i, (k, d) in enumerate(cases):
        x = k / 200 + float(d)
        ws.write_formula(i, 0, f"={k}/200+{d}", None, x)
        ws.write_formula(i, 1, f"=ROUND(A{i + 1},2)", None, C.round_half_up(x, 2))
        ws.write_formula(i, 2, f"=ROUND(A{i + 1}*100,0)", None, C.round_half_up(x * 100, 0))
    wb.close()
    assert compare_with_engine(path, tmp_path / "lo", sheets=["R"]) == []   # a wrong rounding is off by >= 0.01


def test_pk_realisasi_pointing_at_the_nik(tmp_path):
    """The SKM indicator's realisasi typed as ='Hasil SKM'!C10 follows the survey, in Python and in LibreOffice."""
    import openpyxl
    from support.lo_oracle import recalc
    from sakip_xl.skm.codes import NIK_CELL
    first = tmp_path / "1.xlsx"
    compute(example(tmp_path), first)
    wb = openpyxl.load_workbook(first)
    ws = wb["PK"]
    target = next(c for row in ws.iter_rows() for c in row if c.value == 86.44 and c.column_letter == "G")
    target.value = f"='Hasil SKM'!{NIK_CELL}"
    wb.save(tmp_path / "2.xlsx")
    saved = recalc(tmp_path / "2.xlsx", tmp_path / "lo-save")          # as if opened and saved in an office suite
    out = tmp_path / "3.xlsx"
    report = compute(saved, out)
    assert not [f for f in report.findings if f.code in ("SKM-015", "SEL-002")]
    skm = next(i for i in report.analysis.indicators if "SKM" in i.indikator)
    assert skm.realisasi.value == 86.44
    assert compare_with_engine(out, tmp_path / "lo", sheets=["Capaian", "Hasil SKM"]) == []
