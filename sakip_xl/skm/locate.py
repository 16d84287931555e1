"""Finding the survey answers as they arrive: any sheet name, question-text headers, summary rows below.

- A Google Forms export heads each answer column with the question's text ("Bagaimana
  pendapat Saudara tentang kesesuaian persyaratan pelayanan ...?"): the keywords of each
  unsur's standard question tell which unsur it is (a header naming two unsur equally
  is left unread).
- An SKM application exports the answers to `Sheet1`: a sheet whose header names survey
  columns (U1..Un or the questions) is used when no sheet is called SKM.
- The same applications write summary rows under the answers (`Jumlah`, `Keterangan`,
  `Semua Nilai Unsur`, `NRR / Unsur`, `Nilai IKM`): the data ends above the first one.
"""
from __future__ import annotations

import re

from sakip_xl.read.reader import HEADER_SCAN_ROWS, _match_row, find_header
from sakip_xl.read.schema import normalize_header
from sakip_xl.skm.schema import ELEMENT_KEYS, SKM_READ

# Keywords (normalize_header words) of each unsur's question, per numbering.
_KEYWORDS_2017 = {
    1: ("persyaratan",),
    2: ("prosedur", "alur", "mekanisme", "sistem"),
    3: ("waktu", "kecepatan", "cepat", "lama"),
    4: ("biaya", "tarif", "pungutan"),
    5: ("produk", "spesifikasi", "hasil"),
    6: ("kompetensi", "kemampuan", "kompeten", "keahlian"),
    7: ("perilaku", "kesopanan", "keramahan", "sopan", "ramah"),
    8: ("sarana", "prasarana", "fasilitas"),
    9: ("pengaduan", "keluhan", "saran", "masukan"),
}
_KEYWORDS_2014 = dict(_KEYWORDS_2017)
_KEYWORDS_2014[8] = ("maklumat",)
_KEYWORDS_2004 = {
    1: ("prosedur", "alur"),
    2: ("persyaratan",),
    3: ("kejelasan", "jelas"),
    4: ("kedisiplinan", "disiplin"),
    5: ("tanggung", "jawab"),
    6: ("kemampuan", "mampu"),
    7: ("kecepatan", "cepat"),
    8: ("keadilan", "adil"),
    9: ("kesopanan", "keramahan", "sopan", "ramah"),
    10: ("kewajaran", "wajar"),
    11: ("kepastian biaya",),
    12: ("jadwal",),
    13: ("kenyamanan", "nyaman"),
    14: ("keamanan", "aman"),
}
KEYWORDS = {"PermenPANRB 14/2017": _KEYWORDS_2017, "PermenPANRB 16/2014": _KEYWORDS_2014,
            "KepMenPAN 25/2004": _KEYWORDS_2004}

# Profile and date columns by their usual question texts.
_OTHER = (
    ("tanggal", ("timestamp", "cap waktu", "stempel waktu", "tanggal")),
    ("jenis_kelamin", ("jenis kelamin", "kelamin", "gender")),
    ("umur", ("usia", "umur")),
    ("pendidikan", ("pendidikan",)),
    ("pekerjaan", ("pekerjaan",)),
    ("layanan", ("jenis layanan", "jenis pelayanan", "layanan yang", "pelayanan yang diterima",
                 "layanan yang diterima")),
)
MIN_QUESTIONS = 3         # a row is a question header when it names this many unsur


def _has(norm: str, phrase: str) -> bool:
    return f" {phrase} " in f" {norm} "


def classify(text: str, keywords: dict) -> str | None:
    """The column key a header text stands for ('u3', 'umur' ...), or None when none or two fit."""
    norm = normalize_header(text)
    if not norm:
        return None
    hits = {j: sum(_has(norm, k) for k in words) for j, words in keywords.items()}
    best = max(hits.values()) if hits else 0
    for key, phrases in _OTHER:                   # profile questions first: 'Usia Anda?' has no unsur word
        if any(_has(norm, p) for p in phrases) and (best == 0 or key == "tanggal" and len(norm.split()) <= 3):
            return key
    if best == 0:
        return None
    top = [j for j, n in hits.items() if n == best]
    return f"u{top[0]}" if len(top) == 1 else None


def question_header(rows: list[list], regime_name: str) -> tuple[int, dict[str, int], set[str]]:
    """The row whose texts name the most unsur (exact headers first, then question keywords):
    (row, {key: col}, keys read from keywords), or (-1, {}, set())."""
    keywords = KEYWORDS.get(regime_name, _KEYWORDS_2017)
    names = {col.key: {normalize_header(n) for n in col.all_names()} for col in SKM_READ.columns}
    best = (-1, {}, set())
    best_score = (0, 0)
    for r, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        exact = _match_row(row, names)
        found = dict(exact)
        guessed = set()
        used = set(found.values())
        for c, value in enumerate(row):
            if c in used or not isinstance(value, str):
                continue
            key = classify(value, keywords)
            if key is not None and key not in found:
                found[key] = c
                used.add(c)
                guessed.add(key)
        n = sum(k in found for k in ELEMENT_KEYS)
        score = (n, len(found))
        if n >= MIN_QUESTIONS and guessed and score > best_score:
            best, best_score = (r, found, guessed), score
    return best


def header(rows: list[list], regime_name: str) -> tuple[int, dict[str, int], set[str]]:
    """The header of a survey sheet: exact names (find_header), or question texts when they name more unsur."""
    row, cols = find_header(SKM_READ, rows)
    exact = sum(k in cols for k in ELEMENT_KEYS) if row >= 0 else 0
    q_row, q_cols, guessed = question_header(rows, regime_name)
    if q_row >= 0 and sum(k in q_cols for k in ELEMENT_KEYS) > exact:
        return q_row, q_cols, guessed
    return row, cols, set()


MIN_GUESSED = 5          # a sheet not called SKM needs this many unsur read from question texts


def looks_like_survey(rows: list[list], regime_name: str) -> bool:
    """Whether a sheet not called SKM holds survey answers: a header naming U1, U2, U3 ... (or five
    unsur's questions), and answers below that are mostly 1-4, a-d or questionnaire words."""
    from sakip_xl.skm.compute import answer_score
    row, cols, guessed = header(rows, regime_name)
    answer_cols = [c for k, c in cols.items() if k in ELEMENT_KEYS]
    if row < 0 or len(answer_cols) < MIN_QUESTIONS:
        return False
    if len([k for k in guessed if k in ELEMENT_KEYS]) > len(answer_cols) - MIN_QUESTIONS and \
            len(answer_cols) < MIN_GUESSED:
        return False
    filled = valid = 0
    for r in rows[row + 1:row + 201]:
        for c in answer_cols:
            v = r[c] if c < len(r) else ""
            if v != "":
                filled += 1
                valid += answer_score(v) > 0
    return filled == 0 or valid * 2 >= filled


# Rows that SKM applications write under the answers.
FOOTER_LABELS = frozenset(normalize_header(t) for t in (
    "Jumlah", "Total", "Keterangan", "Semua Nilai Unsur", "Nilai Unsur", "Jumlah Nilai", "Jumlah Nilai Unsur",
    "Jumlah Nilai Per Unsur", "NRR", "NRR / Unsur", "NRR Per Unsur", "NRR Tertimbang", "NRR Tertimbang / Unsur",
    "NRR Tertimbang Per Unsur", "Nilai IKM", "IKM", "IKM Unit Pelayanan", "Nilai Rata-rata", "Rata-rata",
    "Rata Rata", "Nilai Konversi", "NIK", "Mutu Pelayanan", "Kinerja Unit Pelayanan", "Jumlah Responden",
    "Nilai Rata-rata Unsur", "Nilai Rata-Rata Tertimbang", "Bobot", "Nilai Indeks",
))


_FIRST_WORDS = frozenset(label.split()[0] for label in FOOTER_LABELS)
_WORD = re.compile(r"\s*([A-Za-z]+)")


def _is_footer(text: str) -> bool:
    m = _WORD.match(text)           # a cheap test first: a timestamp or a name is no summary label
    return bool(m) and m.group(1).lower() in _FIRST_WORDS and normalize_header(text) in FOOTER_LABELS


def footer_row(rows: list[list], first: int, answer_cols: list[int], column=None) -> tuple[int, str] | None:
    """The first row at or below `first` that is a summary row: (row, its label), or None.

    A row is a summary row when one of the (up to three) cells left of the answers, or the first cell
    when the answers start the row, holds such a label. `column(c)`: the sheet's column c as a
    columns.Column (each distinct text is then tested once), else the rows are read."""
    left = min(answer_cols) if answer_cols else 0
    best = None
    for c in range(min(left, 3) or 1):
        if column is not None:
            values = column(c).below(first)
            distinct = values.distinct if values.codes is not None else dict.fromkeys(values)
        else:
            values = [r[c] if c < len(r) else "" for r in rows[first:]]
            distinct = dict.fromkeys(values)
        labels = {v for v in distinct if type(v) is str and v and _is_footer(v)}
        if not labels:
            continue
        for i, v in enumerate(values.values if hasattr(values, "values") else values):
            if best is not None and first + i >= best[0]:
                break
            if type(v) is str and v in labels:
                best = (first + i, v.strip())
                break
    return best
