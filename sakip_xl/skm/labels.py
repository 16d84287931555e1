"""Answers written as words: the official options of each unsur, read as their score 1-4.

PermenPANRB 14/2017 gives each of the nine unsur four options (a-d, worst first);
KepMenPAN 25/2004 did the same for its fourteen. Google Forms and SKM applications
export the option text ("Sangat Sesuai", "d. Sangat Baik", " 4 ") instead of the
score. A text is read case-, space- and punctuation-insensitively; a leading
letter or number ("d. Sangat Baik", "4 - Sangat baik") must agree with the words.
A text that fits no scale is not an answer (SKM-003 names the scales tried).

The spreadsheet twin: every distinct text read as a label is listed on Hasil SKM
with its score, and counted per unsur by {=SUM(IFERROR(--(range=label),0))}
(an exact, case-insensitive comparison: what `key` below folds).
"""
from __future__ import annotations

import re
import unicodedata

BLANK = 0
INVALID = -1


def _adjective(word: str) -> tuple[str, str, str, str]:
    return (f"tidak {word}", f"kurang {word}", word, f"sangat {word}")


GENERIC = (
    ("umum (baik)", _adjective("baik")),
    ("umum (puas)", _adjective("puas")),
)

# PermenPANRB 14/2017, the options of each unsur (Lampiran, kuesioner).
SCALES_2017 = {
    1: ("persyaratan", _adjective("sesuai")),
    2: ("prosedur", _adjective("mudah")),
    3: ("waktu", _adjective("cepat")),
    4: ("biaya", ("sangat mahal", "cukup mahal", "murah", "gratis")),
    5: ("produk", _adjective("sesuai")),
    6: ("kompetensi", _adjective("kompeten")),
    7: ("perilaku", _adjective("sopan dan ramah")),
    8: ("sarana", ("buruk", "cukup", "baik", "sangat baik")),
    9: ("pengaduan", ("tidak ada", "ada tetapi tidak berfungsi", "berfungsi kurang maksimal",
                      "dikelola dengan baik")),
}
# PermenPANRB 16/2014 used the same wording for its nine unsur (U8 is the maklumat).
SCALES_2014 = dict(SCALES_2017)
SCALES_2014[8] = ("maklumat", _adjective("sesuai"))

# KepMenPAN 25/2004, the options of its fourteen unsur.
SCALES_2004 = {
    1: ("prosedur", _adjective("mudah")),
    2: ("persyaratan", _adjective("sesuai")),
    3: ("kejelasan petugas", _adjective("jelas")),
    4: ("kedisiplinan", _adjective("disiplin")),
    5: ("tanggung jawab", _adjective("bertanggung jawab")),
    6: ("kemampuan", _adjective("mampu")),
    7: ("kecepatan", _adjective("cepat")),
    8: ("keadilan", _adjective("adil")),
    9: ("kesopanan", _adjective("sopan dan ramah")),
    10: ("kewajaran biaya", _adjective("wajar")),
    11: ("kepastian biaya", _adjective("sesuai")),
    12: ("kepastian jadwal", ("selalu tidak tepat", "kadang kadang tepat", "banyak tepatnya", "selalu tepat")),
    13: ("kenyamanan", _adjective("nyaman")),
    14: ("keamanan", _adjective("aman")),
}

SCALES_BY_REGIME = {"PermenPANRB 14/2017": SCALES_2017, "PermenPANRB 16/2014": SCALES_2014,
                    "KepMenPAN 25/2004": SCALES_2004}


def normalize(text: str) -> str:
    """Case, accents, punctuation and spacing folded: ' d. Sangat  Baik!' -> 'd sangat baik'."""
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return " ".join(s.split())


def _builtin() -> dict[str, int]:
    table: dict[str, int] = {}
    every = [s for _, s in GENERIC]
    for scales in SCALES_BY_REGIME.values():
        every += [s for _, s in scales.values()]
    for scale in every:
        for k, label in enumerate(scale, start=1):
            key = normalize(label)
            if table.setdefault(key, k) != k:          # one score per wording, whatever the unsur
                raise ValueError(f"label {label!r} has two scores")
    return table


BUILTIN = _builtin()
LETTERS = "abcd"
_LETTER_PREFIX = re.compile(r"^\(?([a-d])(?:\s*[.):\-]\s*|\s+)(.+)$")
_NUMBER_PREFIX = re.compile(r"^\(?([1-4])\s*[.):\-]?\s*(?=[^\d.,\s])(.+)$")
_NUMBER_SUFFIX = re.compile(r"^(.+?)\s*[(\[]\s*([1-4a-d])\s*[)\]]$")


def key(text: str) -> str:
    """The form under which equal labels are counted together (the formulas compare case-insensitively)."""
    return text.lower()


def is_plain_letter(text: str) -> bool:
    """'a' ... 'd' in either case: counted by COUNTIF(range,"a") on Hasil SKM, not as a label."""
    return len(text) == 1 and text.lower() in LETTERS


def score(text: str, table: dict[str, int] | None = None) -> int:
    """The score 1-4 a text answer stands for, or INVALID."""
    table = BUILTIN if table is None else table
    raw = " ".join(text.replace("\u00a0", " ").split()).lower()
    if not raw:
        return BLANK if text == "" else INVALID
    norm = normalize(raw)
    if norm in ("1", "2", "3", "4"):
        return int(norm)
    if norm in LETTERS and len(norm) == 1:
        return LETTERS.index(norm) + 1
    if norm in table:
        return table[norm]
    for pattern, first in ((_LETTER_PREFIX, True), (_NUMBER_PREFIX, True), (_NUMBER_SUFFIX, False)):
        m = pattern.match(raw)
        if not m:
            continue
        mark, words = (m.group(1), m.group(2)) if first else (m.group(2), m.group(1))
        k = int(mark) if mark.isdigit() else LETTERS.index(mark) + 1
        if table.get(normalize(words)) == k:
            return k
        return INVALID                                  # unknown words, or a mark that disagrees with them
    return INVALID


def scales_tried(number: int, regime_name: str) -> str:
    """The scales a text of unsur `number` was compared with, for SKM-003."""
    scales = SCALES_BY_REGIME.get(regime_name, SCALES_2017)
    shown = []
    if number in scales:
        name, words = scales[number]
        shown.append(f"U{number} {name} ({' / '.join(words)})")
    shown += [f"{' / '.join(words)}" for _, words in GENERIC]
    return "; ".join(shown)


# --- the user's own labels: a table in Pengaturan -------------------------------------------------------------

TABLE_TITLE = "LABEL JAWABAN SKM"
TEXT_HEADER = "Jawaban SKM (tulisan)"
SCORE_HEADER = "Nilai SKM (1-4)"
TEMPLATE_ROWS = 8


def read_table(rows: list[list], sheet: str, out: list) -> dict[str, int]:
    """BUILTIN extended by the Pengaturan table 'Jawaban SKM (tulisan)' / 'Nilai SKM (1-4)' (findings to out)."""
    from sakip_xl import findings as F
    from sakip_xl.xlsx.addresses import cell
    from sakip_xl.read.numbers import NUMBER, TEXT_NUMBER, read_number
    from sakip_xl.read.schema import normalize_header
    head = normalize_header(TEXT_HEADER)
    table = dict(BUILTIN)
    for r, row in enumerate(rows):
        for c, value in enumerate(row[:-1]):
            if not (isinstance(value, str) and normalize_header(value) == head):
                continue
            for rr in range(r + 1, len(rows)):
                text = rows[rr][c] if c < len(rows[rr]) else ""
                raw = rows[rr][c + 1] if c + 1 < len(rows[rr]) else ""
                if not isinstance(text, str) or not text.strip():
                    if text in ("", None) and raw in ("", None):
                        break
                    continue
                p = read_number(raw)
                if p.kind not in (NUMBER, TEXT_NUMBER) or p.value not in (1, 2, 3, 4):
                    out.append(F.make("SKM-030", sheet, cell(rr, c + 1), label=text.strip(),
                                      text="" if raw is None else str(raw)))
                    continue
                k = int(p.value)
                key = normalize(text)
                if BUILTIN.get(key, k) != k:
                    out.append(F.make("SKM-031", sheet, cell(rr, c + 1), label=text.strip(), k=k, builtin=BUILTIN[key]))
                table[key] = k
            return table
    return table


def write_template_table(ws, first_row: int, styles: dict) -> int:
    """The table in the template's Pengaturan (empty rows to fill); returns the row after it."""
    r = first_row
    ws.write_string(r, 0, TABLE_TITLE, styles["label"])
    ws.write_string(r, 3, "Pilihan jawaban resmi PermenPANRB 14/2017 dan KepMenPAN 25/2004 (mis. Sangat Sesuai, "
                          "d. Sangat Baik) sudah dikenal. Tambahkan di sini tulisan lain yang dipakai kuesioner Anda "
                          "dan nilainya, mis. Memuaskan = 3.", styles["note"])
    r += 1
    ws.write_string(r, 0, TEXT_HEADER, styles["header"])
    ws.write_string(r, 1, SCORE_HEADER, styles["header"])
    for _ in range(TEMPLATE_ROWS):
        r += 1
        ws.write_blank(r, 0, None, styles["input"])
        ws.write_blank(r, 1, None, styles["input"])
        ws.data_validation(r, 1, r, 1, {"validate": "list", "source": ["1", "2", "3", "4"]})
    return r + 1
