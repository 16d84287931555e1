"""Example data: a small 2021 survey of Kecamatan Jelbuk, and the seed's 2019 distribution.

The 30 responses are invented (9 elements, PermenPANRB 14/2017) so that their
NIK is the 86,44 the LKjIP reports as the SKM realisasi; one answer is typed as a
letter and one is left blank, as happens. The distribution is the seed's table
"Hasil Survey Kepuasan Masyarakat Bidang Pelayanan umum" (2019, 14 unsur,
KepMenPAN 25/2004) with the scores it prints, two of which are wrong (30 and 62,5).
"""
from __future__ import annotations

import datetime as dt

# One string per respondent: the answers to U1..U9, "-" = not answered.
ANSWERS = (
    "234443234", "323423444", "443332344", "443434333", "433444334", "443444433", "443443443", "344443333",
    "343434434", "444433334", "432444433", "333423434", "334434422", "334443434", "433434443", "333434434",
    "424444434", "43344334-", "344444444", "433333434", "244433333", "442333433", "344344433", "443434444",
    "433444334", "443433333", "343432433", "344433344", "433444434", "333344224",
)
LETTER_AT = (5, 4)        # respondent 6 answered U4 with the letter "d"
LAYANAN = ("KTP", "KK", "Akta Kelahiran")
PENDIDIKAN = ("SMA", "SD", "SMP", "S1", "SMA", "D3", "SMP", "SD", "SMA", "S1")
PEKERJAAN = ("Petani", "Wiraswasta", "Ibu Rumah Tangga", "PNS", "Pelajar/Mahasiswa", "Petani", "Buruh",
             "Wiraswasta", "Petani", "Ibu Rumah Tangga", "Lainnya")
UMUR = (34, 45, 27, 52, 19, 38, 61, 29, 43, 36, 24, 57, 31, 48, 66, 22, 40, 35, 50, 28, 44, 33, 59, 26, 39, 47,
        21, 55, 37, 30)


def _respondent(i: int, answers: str) -> dict:
    row = {
        "no": i + 1,
        "tanggal": dt.datetime(2021, 2 + (i * 10) // 30, 1 + (i * 7) % 27),
        "layanan": LAYANAN[(i * 7) % 3] if i % 5 else LAYANAN[i % 3],
        "jenis_kelamin": "P" if (i * 3) % 5 in (1, 3) else "L",
        "umur": UMUR[i],
        "pendidikan": PENDIDIKAN[(i * 3) % len(PENDIDIKAN)],
        "pekerjaan": PEKERJAAN[(i * 5) % len(PEKERJAAN)],
    }
    for j, a in enumerate(answers, start=1):
        if a != "-":
            row[f"u{j}"] = int(a)
    if i == LETTER_AT[0]:
        row[f"u{LETTER_AT[1]}"] = "abcd"[row[f"u{LETTER_AT[1]}"] - 1]
    return row


RESPONSES = [_respondent(i, a) for i, a in enumerate(ANSWERS)]

# Seed, LKjIP Kecamatan Jelbuk 2021, Bab III: percentages of answers 1..4 and the printed score.
SEED_2019 = (
    ("Persyaratan", (0, 0, 100, 0), 75),
    ("Kemudahan Prosedur", (0, 0, 100, 0), 75),
    ("Kecepatan Pelayanan", (0, 0, 100, 0), 75),
    ("Biaya lain (pungutan)", (0, 0, 0, 100), 100),
    ("Kesesuaian antara hasil pelayanan dengan ketentuan yang ada", (0, 10, 80, 10), 75),
    ("Kemampuan memberikan pelayanan", (10, 90, 0, 0), 47.5),
    ("Kesopanan petugas", (10, 10, 80, 0), 67.5),
    ("Kesesuaian pelaksanaan pelayanan dengan standart", (0, 20, 80, 0), 70),
    ("Penanganan Pengaduan dan Saran", (20, 80, 0, 0), 45),
    ("Kejelasan alur pembagian petugas pelayanan", (80, 0, 0, 20), 30),
    ("Waktu pelaksanaan", (80, 0, 0, 20), 40),
    ("Kenyamanan", (20, 40, 30, 10), 57.5),
    ("Kecepatan dan ketepatan waktu", (10, 10, 80, 0), 62.5),
    ("Keamanan", (0, 10, 0, 90), 95),
)
SEED_2019_REGIME = "KepMenPAN 25/2004"


def seed_distribution_rows() -> list[dict]:
    rows = []
    for i, (name, shares, printed) in enumerate(SEED_2019):
        row = {"no": i + 1, "unsur": name, "n1": shares[0], "n2": shares[1], "n3": shares[2], "n4": shares[3],
               "total": 100, "skor_dilaporkan": printed}
        if i == 0:
            row["regulasi"] = SEED_2019_REGIME
        rows.append(row)
    return rows


EXAMPLE_ROWS = {"SKM": RESPONSES, "SKM Distribusi": seed_distribution_rows()}
# KK 4.000 + KTP 1.600 + akta 1.500 services a year (seed, Renja table): the 30 respondents are too few.
EXAMPLE_SETTINGS = {"skm_populasi": 7100}
