"""SKM answers as they arrive (issue 15, issue 14 items 6-7): Google Forms exports with question headers
and answer labels, application exports in `Sheet1` with summary rows below, text dates."""
from __future__ import annotations

import datetime as dt
import io
import random
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from support.skm_helpers import skm_bytes, write
from sakip_xl.engine import check, compute
from sakip_xl.read.schema import PENGATURAN
from sakip_xl.sections import all_settings
from sakip_xl.skm import compute as C
from sakip_xl.skm.codes import NIK_CELL

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real-workbooks"

# The official options (a-d) of each unsur, PermenPANRB 14/2017 (Lampiran, kuesioner), worst first.
OFFICIAL_2017 = {
    1: ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    2: ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    3: ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    4: ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    5: ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    6: ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    7: ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"),
    8: ("Buruk", "Cukup", "Baik", "Sangat Baik"),
    9: ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"),
}
# KepMenPAN 25/2004: the options of its fourteen unsur.
OFFICIAL_2004 = {
    1: ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    2: ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    3: ("Tidak jelas", "Kurang jelas", "Jelas", "Sangat jelas"),
    4: ("Tidak disiplin", "Kurang disiplin", "Disiplin", "Sangat disiplin"),
    5: ("Tidak bertanggung jawab", "Kurang bertanggung jawab", "Bertanggung jawab", "Sangat bertanggung jawab"),
    6: ("Tidak mampu", "Kurang mampu", "Mampu", "Sangat mampu"),
    7: ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    8: ("Tidak adil", "Kurang adil", "Adil", "Sangat adil"),
    9: ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"),
    10: ("Tidak wajar", "Kurang wajar", "Wajar", "Sangat wajar"),
    11: ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    12: ("Selalu tidak tepat", "Kadang-kadang tepat", "Banyak tepatnya", "Selalu tepat"),
    13: ("Tidak nyaman", "Kurang nyaman", "Nyaman", "Sangat nyaman"),
    14: ("Tidak aman", "Kurang aman", "Aman", "Sangat aman"),
}
GENERIC = (("Tidak baik", "Kurang baik", "Baik", "Sangat baik"), ("Tidak puas", "Kurang puas", "Puas", "Sangat puas"))

CASES = [(f"2017 U{j}", label, k) for j, opts in OFFICIAL_2017.items() for k, label in enumerate(opts, 1)]
CASES += [(f"2004 U{j}", label, k) for j, opts in OFFICIAL_2004.items() for k, label in enumerate(opts, 1)]
CASES += [("umum", label, k) for opts in GENERIC for k, label in enumerate(opts, 1)]


@pytest.mark.parametrize("where, label, k", CASES)
def test_every_official_label_maps_to_its_score(where, label, k):
    letter = "abcd"[k - 1]
    for text in (label, label.upper(), label.lower(), f"  {label}  ", label.replace(" ", "  "),
                 f"{letter}. {label}", f"{letter.upper()}) {label}", f"({letter}) {label}", f"{k}. {label}",
                 f"{label} ({k})", f"{label}."):
        assert C.answer_score(text) == k, (where, text)
    wrong = "abcd"[k % 4]
    assert C.answer_score(f"{wrong}. {label}") == C.INVALID        # a letter that disagrees with the words


@pytest.mark.parametrize("text, k", [(" 4 ", 4), ("3", 3), ("1", 1), ("d", 4), (" B ", 2), ("d. Sangat Baik", 4),
                                     ("a) Tidak Sesuai", 1), ("Sangat Sesuai", 4), ("SANGAT  BAIK", 4)])
def test_issue_examples(text, k):
    assert C.answer_score(text) == k


@pytest.mark.parametrize("text", ["Lumayan", "Cukup baik", "5", "0", "2,5", "e. Sangat baik", "sangat",
                                  "a. Lumayan", "Sangat baik sekali"])
def test_off_scale_texts_are_not_answers(text):
    assert C.answer_score(text) == C.INVALID


# --- a generated Google Forms export --------------------------------------------------------------------------

QUESTIONS = (
    "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
    "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
    "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
    "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
    "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar "
    "pelayanan dengan hasil yang diberikan?",
    "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
    "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
    "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
    "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
)
PROFILE = ("Jenis Kelamin", "Usia", "Pendidikan Terakhir", "Pekerjaan Utama", "Jenis layanan yang diterima")
BANDS_2017 = ((88.31, "A"), (76.61, "B"), (65.00, "C"), (None, "D"))


def _generated(n=400, seed=15):
    rnd = random.Random(seed)
    people = []
    for i in range(n):
        quality = rnd.choice((2, 3, 3, 4))
        scores = [min(4, max(1, quality + rnd.choice((-1, 0, 0, 0, 1)))) for _ in range(9)]
        when = dt.datetime(2023, 1, 1, 8) + dt.timedelta(days=rnd.randrange(0, 364), minutes=rnd.randrange(0, 480),
                                                         seconds=rnd.randrange(60))
        people.append({"scores": scores, "when": when, "jk": rnd.choice("LP"), "usia": rnd.randrange(18, 70),
                       "pend": rnd.choice(("SMA", "S1", "SMP")), "kerja": rnd.choice(("Petani", "PNS", "Swasta")),
                       "layanan": rnd.choice(("KTP", "KK", "Akta"))})
    blanks = {(3, 0), (50, 4), (51, 4), (199, 8), (350, 2)}
    off_scale = (120, 6)
    return people, blanks, off_scale


def _label(j: int, k: int, i: int) -> str:
    """The option text as a Google Form would export it, in a few spellings."""
    words = OFFICIAL_2017[j][k - 1]
    style = i % 5
    if style == 1:
        return f"{'abcd'[k - 1]}. {words}"
    if style == 2:
        return words.upper()
    if style == 3:
        return f" {k} "
    return words


def _settings_sheet(wb, values=None):
    ws = wb.add_worksheet(PENGATURAN.name)
    values = values or {}
    for r, s in enumerate(all_settings(), start=2):
        ws.write_string(r, 0, s.label)
        v = values.get(s.key, s.default)
        if isinstance(v, (int, float)):
            ws.write_number(r, 1, v)
        elif v is not None:
            ws.write_string(r, 1, str(v))


def _forms_bytes(people, blanks, off_scale, sheet="SKM", settings=None) -> bytes:
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                      "strings_to_urls": False})
    _settings_sheet(wb, settings)
    ws = wb.add_worksheet(sheet)
    heads = ("Timestamp",) + PROFILE + QUESTIONS
    for c, h in enumerate(heads):
        ws.write_string(0, c, h)
    for i, p in enumerate(people):
        r = i + 1
        ws.write_string(r, 0, p["when"].strftime("%d/%m/%Y %H:%M:%S"))       # a CSV export pasted: text
        ws.write_string(r, 1, "Laki-laki" if p["jk"] == "L" else "Perempuan")
        ws.write_number(r, 2, p["usia"])
        ws.write_string(r, 3, p["pend"])
        ws.write_string(r, 4, p["kerja"])
        ws.write_string(r, 5, p["layanan"])
        for j, k in enumerate(p["scores"], start=1):
            if (i, j - 1) in blanks:
                continue
            text = "Lumayan" if (i, j - 1) == off_scale else _label(j, k, i + j)
            ws.write_string(r, 5 + j, text)
    wb.close()
    return buffer.getvalue()


def _typed_rows(people, blanks, off_scale):
    rows = []
    for i, p in enumerate(people):
        row = {"no": i + 1, "tanggal": p["when"], "layanan": p["layanan"], "umur": p["usia"],
               "jenis_kelamin": "Laki-laki" if p["jk"] == "L" else "Perempuan", "pendidikan": p["pend"],
               "pekerjaan": p["kerja"]}
        for j, k in enumerate(p["scores"]):
            if (i, j) not in blanks and (i, j) != off_scale:
                row[f"u{j + 1}"] = k
        rows.append(row)
    return rows


def _independent(people, blanks, off_scale):
    nrr = []
    for j in range(9):
        got = [p["scores"][j] for i, p in enumerate(people) if (i, j) not in blanks and (i, j) != off_scale]
        nrr.append(sum(got) / len(got))
    ikm = sum(x / 9 for x in nrr)
    nik = ikm * 25
    mutu = next(m for low, m in BANDS_2017 if low is None or round(nik + 1e-12, 2) >= low)
    return nrr, ikm, nik, mutu


@pytest.mark.libreoffice
def test_google_forms_export_equals_typed_answers_and_libreoffice(tmp_path):
    from support.lo_oracle import compare_with_engine
    people, blanks, off_scale = _generated()
    src = write(tmp_path / "forms.xlsx", _forms_bytes(people, blanks, off_scale))
    out = tmp_path / "hasil-forms.xlsx"
    forms = compute(src, out)
    typed = compute(write(tmp_path / "typed.xlsx", skm_bytes(_typed_rows(people, blanks, off_scale))),
                    tmp_path / "hasil-typed.xlsx")
    a, b = forms.analysis.results["skm"].survey, typed.analysis.results["skm"].survey
    nrr, ikm, nik, mutu = _independent(people, blanks, off_scale)
    for s in (a, b):
        assert [e.nrr for e in s.elements] == pytest.approx(nrr, abs=1e-12)
        assert s.index.ikm == pytest.approx(ikm, abs=1e-12) and s.index.nik == pytest.approx(nik, abs=1e-10)
        assert s.index.mutu == mutu and s.respondents == len(people)
    assert [e.counts for e in a.elements] == [e.counts for e in b.elements]
    assert (a.index.nik_rounded, a.index.mutu, a.index.kinerja) == (b.index.nik_rounded, b.index.mutu, b.index.kinerja)
    # the text timestamps give the same periods as real dates
    assert [(g.label, g.respondents, g.n, g.s) for g in a.periods] == [(g.label, g.respondents, g.n, g.s)
                                                                       for g in b.periods]
    assert [(g.label, g.respondents) for g in a.layanan] == [(g.label, g.respondents) for g in b.layanan]
    # findings: the one off-scale label names its cell and the scales tried; the headers read are reported
    off = [f for f in forms.findings if f.code == "SKM-003"]
    assert [(f.sheet, f.cell) for f in off] == [("SKM", f"{'GHIJKLMNO'[off_scale[1]]}{off_scale[0] + 2}")]
    assert "tidak sopan dan ramah / kurang sopan dan ramah" in off[0].message
    guessed = [f for f in forms.findings if f.code == "SKM-024"]    # the exact names (Timestamp, Usia ...) are not
    assert [f.cell for f in guessed] == [f"{c}1" for c in "FGHIJKLMNO"]
    assert "sebagai U7 (Perilaku Pelaksana)" in guessed[7].message
    assert any(f.code == "SKM-029" for f in forms.findings)
    assert not any(f.code in ("SKM-002", "SKM-013", "SKM-005", "SKM-008") for f in forms.findings)
    # Hasil SKM: the stored counts, the respondents and the mapping of the columns read
    ws = openpyxl.load_workbook(out, data_only=True)["Hasil SKM"]
    assert ws["C7"].value == len(people) and ws[NIK_CELL].value == round(nik, 2) and ws["C16"].value == 0
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert QUESTIONS[6] in texts and "Timestamp" in texts
    # the same counts everywhere: Hasil SKM, the Word report and the rekap
    valid = [len(people) - sum(1 for i, j in blanks if j == n) - (off_scale[1] == n) for n in range(9)]
    assert [e.total for e in a.elements] == valid
    assert [ws[f"G{18 + n}"].value for n in range(9)] == valid and [ws[f"H{18 + n}"].value for n in range(9)] == \
        [int(off_scale[1] == n) for n in range(9)]
    from sakip_xl.report import skm as R
    paras = [b for b in R.section(forms.analysis) if type(b).__name__ == "Para"]
    assert f"{len(people)} responden; jawaban sah per unsur {min(valid)}-{max(valid)}, 1 jawaban tidak sah" \
        in paras[0].text
    from sakip_xl.rekap.summary import process
    assert process(str(out)).responden == len(people)
    mismatches = compare_with_engine(out, tmp_path / "lo", sheets=["Hasil SKM"])
    assert mismatches == [], "\n".join(mismatches[:20])


def test_google_forms_sheet_under_its_own_name_is_found(tmp_path):
    people, blanks, off_scale = _generated(n=30)
    report = check(write(tmp_path / "f.xlsx", _forms_bytes(people, blanks, off_scale, sheet="Form Responses 1")))
    survey = report.analysis.results["skm"].survey
    assert survey.sheet == "Form Responses 1" and survey.respondents == 30
    found = [f for f in report.findings if f.code == "SKM-025"]
    assert len(found) == 1 and "'Form Responses 1'" in found[0].message
    out = tmp_path / "hasil.xlsx"
    compute(tmp_path / "f.xlsx", out)
    again = check(out)          # the finished workbook reads the same: nothing stale or edited
    assert not [f.code for f in again.findings if f.code.startswith("WB-")]
    assert again.analysis.results["skm"].survey.index.nik == survey.index.nik


def _two_survey_sheets(tmp_path, with_pk: bool) -> Path:
    people, blanks, off_scale = _generated(n=5)
    one = openpyxl.load_workbook(io.BytesIO(_forms_bytes(people, blanks, off_scale, sheet="Sheet1")))
    copy = one.copy_worksheet(one["Sheet1"])
    copy.title = "Sheet2"
    if with_pk:
        from sakip_xl.pk.schema import PK
        pk = one.create_sheet("PK")
        for c, col in enumerate(PK.columns, start=1):
            pk.cell(row=4, column=c, value=col.header)
    path = tmp_path / "two.xlsx"
    one.save(path)
    return path


def test_two_survey_like_sheets_are_named_not_guessed(tmp_path):
    report = check(_two_survey_sheets(tmp_path, with_pk=True))
    assert report.analysis.results["skm"] is None
    msg = [f.message for f in report.findings if f.code == "SKM-027"]
    assert msg and "'Sheet1'" in msg[0] and "'Sheet2'" in msg[0]


def test_two_survey_like_sheets_and_nothing_else_is_a_clear_message(tmp_path):
    from sakip_xl.errors import WorkbookLayoutError
    with pytest.raises(WorkbookLayoutError, match="Lembar 'Sheet1', 'Sheet2' tampak berisi jawaban survei SKM"):
        check(_two_survey_sheets(tmp_path, with_pk=False))


def test_labels_added_in_pengaturan(tmp_path):
    from sakip_xl.skm.labels import SCORE_HEADER, TEXT_HEADER
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    _settings_sheet(wb)
    ws = wb.worksheets()[0]
    top = len(all_settings()) + 4
    ws.write_string(top, 0, TEXT_HEADER)
    ws.write_string(top + 1, 0, "Memuaskan")
    ws.write_number(top + 1, 1, 3)
    ws.write_string(top + 2, 0, "Sangat Memuaskan")
    ws.write_string(top + 2, 1, "4")
    ws.write_string(top + 3, 0, "Baik")                 # the user's questionnaire gives Baik 2
    ws.write_number(top + 3, 1, 2)
    ws.write_string(top + 4, 0, "Istimewa")
    ws.write_number(top + 4, 1, 7)                      # not a score
    ws.write_string(top, 1, SCORE_HEADER)
    skm = wb.add_worksheet("SKM")
    for j in range(9):
        skm.write_string(0, j, f"U{j + 1}")
    answers = ["Memuaskan", "c. Memuaskan", "Sangat Memuaskan", "baik", "Istimewa", "4"]
    for i, a in enumerate(answers):
        for j in range(9):
            skm.write_string(i + 1, j, a)
    wb.close()
    out = tmp_path / "h.xlsx"
    report = compute(write(tmp_path / "p.xlsx", buffer.getvalue()), out)
    survey = report.analysis.results["skm"].survey
    assert survey.elements[0].counts == (0, 1, 2, 2)
    assert [f.cell for f in report.findings if f.code == "SKM-030"] == [f"B{top + 5}"]
    assert [f.cell for f in report.findings if f.code == "SKM-031"] == [f"B{top + 4}"]
    assert sum(f.code == "SKM-003" for f in report.findings) == 9        # 'Istimewa' in each unsur
    hasil = openpyxl.load_workbook(out, data_only=True)["Hasil SKM"]
    assert [hasil[f"{c}18"].value for c in "CDEF"] == [0, 1, 2, 2]      # U1 in the element table (stored)


# --- summary rows under the answers (issue 14 item 6) and text dates (item 7) ----------------------------------

def test_summary_rows_under_the_answers_are_not_respondents(tmp_path):
    answers = [[4, 3, 4, 3, 4, 3, 4, 3, 4], [3, 3, 3, 3, 3, 3, 3, 3, 3], [2, 3, 4, 4, 3, 2, 3, 4, 4],
               [4, 4, 4, 4, 4, 4, 4, 4, 4], [3, 2, 3, 2, 3, 2, 3, 2, 3]]
    rows = [dict({f"u{j + 1}": a for j, a in enumerate(ans)}, no=i + 1) for i, ans in enumerate(answers)]
    sums = [sum(a[j] for a in answers) for j in range(9)]
    nrrs = [s / 5 for s in sums]
    rows.append(dict({f"u{j + 1}": s for j, s in enumerate(sums)}, no="Jumlah"))
    rows.append(dict({f"u{j + 1}": s for j, s in enumerate(sums)}, no="Semua Nilai Unsur"))
    rows.append(dict({f"u{j + 1}": x for j, x in enumerate(nrrs)}, no="NRR / Unsur"))
    rows.append(dict({f"u{j + 1}": round(x / 9, 3) for j, x in enumerate(nrrs)}, no="NRR Tertimbang / Unsur"))
    rows.append({"no": "Nilai IKM", "u1": sum(nrrs) / 9 * 25})
    report = check(write(tmp_path / "f.xlsx", skm_bytes(rows, columns=("no",))))
    survey = report.analysis.results["skm"].survey
    assert survey.respondents == 5
    assert survey.index.nik == pytest.approx(sum(nrrs) / 9 * 25, abs=1e-9)
    assert not [f for f in report.findings if f.severity == "galat"]
    info = [f for f in report.findings if f.code == "SKM-026"]
    assert len(info) == 1 and info[0].cell == "A10" and "'Jumlah'" in info[0].message


@pytest.mark.parametrize("text, day, ambiguous", [
    ("2023-06-18", dt.date(2023, 6, 18), False),
    ("2023-06-18 10:15:42", dt.date(2023, 6, 18), False),
    ("18/06/2023", dt.date(2023, 6, 18), False),
    ("18-06-2023", dt.date(2023, 6, 18), False),
    ("18 Juni 2023", dt.date(2023, 6, 18), False),
    ("Minggu, 18 Juni 2023", dt.date(2023, 6, 18), False),
    ("05/06/2023", dt.date(2023, 6, 5), True),
])
def test_text_dates_are_read_into_the_periods(tmp_path, text, day, ambiguous):
    rows = [{"no": 1, "tanggal": text, **{f"u{j}": 3 for j in range(1, 10)}},
            {"no": 2, "tanggal": dt.datetime(2023, 2, 1), **{f"u{j}": 4 for j in range(1, 10)}}]
    report = check(write(tmp_path / "d.xlsx", skm_bytes(rows)))
    survey = report.analysis.results["skm"].survey
    quarter = ("TW I", "TW II", "TW III", "TW IV")[(day.month - 1) // 3] + f" {day.year}"
    assert {g.label: g.respondents for g in survey.periods} == {"TW I 2023": 1, quarter: 1}
    assert not any(f.code == "SKM-013" for f in report.findings)
    info = [f for f in report.findings if f.code == "SKM-029"]
    assert len(info) == 1 and f"{day.day} " in info[0].message
    assert ("urutan Indonesia" in info[0].message) == ambiguous


def test_month_first_texts_are_read_month_first(tmp_path):
    rows = [{"no": 1, "tanggal": "06/18/2023 10:15:42", "u1": 3},
            {"no": 2, "tanggal": "02/01/2023 10:15:42", "u1": 4}]
    report = check(write(tmp_path / "d.xlsx", skm_bytes(rows, elements=1, columns=("no", "tanggal"))))
    survey = report.analysis.results["skm"].survey
    assert [g.label for g in survey.periods] == ["TW I 2023", "TW II 2023"]
    assert "bulan/hari/tahun" in next(f.message for f in report.findings if f.code == "SKM-029")


# --- the real application exports in ../shared/real-workbooks --------------------------------------------------

def _real(name):
    path = REAL / name
    if not path.is_file():
        pytest.skip(f"real workbook not found at {path}")
    return path


DPMPTSP = ["skm-dpmptsp-sulteng-1532881879.xlsx", "skm-dpmptsp-sulteng-1556289293.xlsx",
           "skm-dpmptsp-sulteng-1556298884.xlsx"]


def _independent_nik(path):
    """Read the respondents' cells with openpyxl: rows under the 'No / Kode Peserta / Umur / U1..' header whose
    Kode Peserta is a participant code; each unsur's mean of its answers 1-4; 14 unsur weighted 1/14 each."""
    ws = openpyxl.load_workbook(path, data_only=True).worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    h = next(i for i, r in enumerate(rows) if tuple(r[:2]) == ("No", "Kode Peserta"))
    cols = {int(str(v)[1:]): c for c, v in enumerate(rows[h]) if isinstance(v, str) and v[:1] == "U" and v[1:].isdigit()}
    people = [r for r in rows[h + 1:] if isinstance(r[1], str) and r[1].startswith("PS")]
    nrr = []
    for j in range(1, 15):
        got = [r[cols[j]] for r in people if r[cols[j]] in (1, 2, 3, 4)]
        nrr.append(sum(got) / len(got))
    answered = sum(1 for r in people if any(r[cols[j]] not in (None, "") for j in range(1, 15)))
    return sum(x / 14 for x in nrr) * 25, answered


def _without_answers(path):
    """Participant rows (a 'PS...' Kode Peserta) with no answer in U1-U14: rows left out of the respondents."""
    ws = openpyxl.load_workbook(path, data_only=True).worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    h = next(i for i, r in enumerate(rows) if tuple(r[:2]) == ("No", "Kode Peserta"))
    cols = [c for c, v in enumerate(rows[h]) if isinstance(v, str) and v[:1] == "U" and v[1:].isdigit()]
    return sum(1 for r in rows[h + 1:] if isinstance(r[1], str) and r[1].startswith("PS")
               and all(r[c] in (None, "") for c in cols))


def _nik(report):
    return report.analysis.results["skm"].survey.index


@pytest.mark.parametrize("name", DPMPTSP)
def test_application_export_as_it_is(tmp_path, name):
    path = _real(name)
    nik, answered = _independent_nik(path)
    out = tmp_path / "hasil.xlsx"
    report = compute(path, out)
    survey = report.analysis.results["skm"].survey
    assert survey.sheet == "Sheet1" and survey.index.regime.name == "KepMenPAN 25/2004"
    assert survey.index.nik == pytest.approx(nik, abs=1e-9) and survey.respondents == answered
    codes = [f.code for f in report.findings]
    assert "SKM-025" in codes and "SKM-026" in codes and "SKM-028" in codes
    assert not [f for f in report.findings if f.severity == "galat"]
    hasil = openpyxl.load_workbook(out, data_only=True)["Hasil SKM"]
    assert hasil[NIK_CELL].value == round(nik, 2)
    # the participant rows without answers: left out, each named by SKM-005, counted on Hasil SKM (C16)
    left = _without_answers(path)
    assert survey.rejected == left == codes.count("SKM-005") and hasil["C7"].value == answered
    assert hasil["B16"].value.startswith("Baris tanpa jawaban") and hasil["C16"].value == left


@pytest.mark.parametrize("name", DPMPTSP)
def test_application_export_renamed_skm(tmp_path, name):
    path = _real(name)
    nik, answered = _independent_nik(path)
    wb = openpyxl.load_workbook(path)
    wb.worksheets[0].title = "SKM"
    renamed = tmp_path / "renamed.xlsx"
    wb.save(renamed)
    report = check(renamed)
    assert _nik(report).nik == pytest.approx(nik, abs=1e-9)
    assert report.analysis.results["skm"].survey.respondents == answered
    assert not [f for f in report.findings if f.severity == "galat"]


@pytest.mark.parametrize("name", DPMPTSP)
def test_application_export_copied_into_the_template(tmp_path, name):
    from sakip_xl.template import build_template
    path = _real(name)
    nik, answered = _independent_nik(path)
    wb = openpyxl.load_workbook(io.BytesIO(build_template()))
    source = openpyxl.load_workbook(path, data_only=True).worksheets[0]
    del wb["SKM"]
    target = wb.create_sheet("SKM")
    for row in source.iter_rows():
        for c in row:
            if c.value is not None:
                target.cell(row=c.row, column=c.column, value=c.value)
    pengaturan = wb["Pengaturan"]
    for row in pengaturan.iter_rows(min_col=1, max_col=2):
        if row[0].value == "Regulasi SKM":
            row[1].value = "KepMenPAN 25/2004"          # as a staff member picks it from the dropdown
    copied = tmp_path / "template.xlsx"
    wb.save(copied)
    report = check(copied)
    assert _nik(report).regime.name == "KepMenPAN 25/2004"
    assert _nik(report).nik == pytest.approx(nik, abs=1e-9)
    assert report.analysis.results["skm"].survey.respondents == answered
    assert not [f for f in report.findings if f.severity == "galat" and f.code.startswith("SKM")]


def test_sisukma_import_template_with_iso_text_dates(tmp_path):
    path = _real("skm-sisukma-template-import.xlsx")
    report = check(path)
    survey = report.analysis.results["skm"].survey
    assert survey.respondents == 1
    ws = openpyxl.load_workbook(path, data_only=True).worksheets[0]
    head = [c.value for c in ws[1]]
    answers = [ws.cell(2, head.index(f"U{j}") + 1).value for j in range(1, 10)]
    assert all(a in (1, 2, 3, 4) for a in answers)
    assert survey.index.nik == pytest.approx(sum(answers) / 9 * 25, abs=1e-9)    # one respondent: NRR = answer
    assert survey.rejected == 0                    # the legend of allowed values beside the table is no row
    assert [(g.label, g.respondents) for g in survey.periods] == [("TW II 2023", 1)]
    assert any(f.code == "SKM-029" and "'2023-06-18'" in f.message for f in report.findings)
    assert not any(f.code in ("SKM-005", "SKM-013") for f in report.findings)   # the legend at W:X is no respondent


def test_empty_survey_template_says_which_sheet(tmp_path):
    from sakip_xl.errors import WorkbookLayoutError
    path = _real("skm-template-two-row-header.xlsx")
    with pytest.raises(WorkbookLayoutError, match="Lembar 'Template' berisi judul kolom survei SKM"):
        check(path)


def test_a_plan_table_with_time_and_cost_columns_is_not_a_survey(tmp_path):
    """Waktu, Biaya, Hasil in a sheet's header are three unsur keywords, but no survey."""
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    _settings_sheet(wb)
    ws = wb.add_worksheet("Rencana Aksi")
    ws.write_row(0, 0, ["Kegiatan", "Waktu Pelaksanaan", "Biaya", "Hasil yang diharapkan", "Sarana"])
    ws.write_row(1, 0, ["Sosialisasi", "Maret", 15000000, "Laporan", "Aula"])
    wb.close()
    from sakip_xl.errors import WorkbookLayoutError
    with pytest.raises(WorkbookLayoutError, match="Lembar 'PK' tidak ditemukan"):
        check(write(tmp_path / "r.xlsx", buffer.getvalue()))


def test_fourteen_answered_unsur_without_a_chosen_regulation_use_kepmenpan_2004(tmp_path):
    rows = [{f"u{j}": 3 + (j % 2) for j in range(1, 15)}, {f"u{j}": 4 for j in range(1, 15)}]
    report = check(write(tmp_path / "k.xlsx", skm_bytes(rows, elements=14, columns=("no",),
                                                          settings={"skm_regulasi": None})))
    index = report.analysis.results["skm"].survey.index
    expected = sum(((3 + (j % 2)) + 4) / 2 / 14 for j in range(1, 15)) * 25
    assert index.regime.name == "KepMenPAN 25/2004" and index.nik == pytest.approx(expected, abs=1e-9)
    assert [f.code for f in report.findings if f.code in ("SKM-028", "SKM-009")] == ["SKM-028"]
    chosen = check(write(tmp_path / "c.xlsx", skm_bytes(rows, elements=14, columns=("no",))))
    assert chosen.analysis.results["skm"].survey.index.regime.name == "PermenPANRB 14/2017"   # the user's choice
    assert "SKM-009" in [f.code for f in chosen.findings]
