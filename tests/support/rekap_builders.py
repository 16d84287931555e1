"""A folder of OPD workbooks for the rekap tests: the template filled with varied, seeded content."""
from __future__ import annotations

import random
from pathlib import Path

from sakip_xl.engine import compute
from sakip_xl.template import build_template
from support.zipedit import replace_cell

KECAMATAN = (
    "Jelbuk", "Arjasa", "Pakusari", "Kalisat", "Ledokombo", "Sumberjambe", "Sukowono", "Mayang", "Silo",
    "Mumbulsari", "Tempurejo", "Ajung", "Rambipuji", "Balung", "Umbulsari", "Semboro", "Jombang", "Sumberbaru",
    "Tanggul", "Bangsalsari", "Panti", "Sukorambi", "Puger", "Gumukmas", "Kencong", "Wuluhan", "Ambulu",
    "Jenggawah", "Kaliwates", "Patrang", "Sumbersari", "Arjasa Timur",
)
SASARAN = ("Meningkatnya Kualitas Pelayanan", "Meningkatnya Koordinasi Pemerintahan",
           "Meningkatnya Partisipasi Masyarakat", "Meningkatnya Ketertiban Umum")


def opd_name(i: int) -> str:
    return f"Kecamatan {KECAMATAN[i % len(KECAMATAN)]}"


def _pk_rows(rnd: random.Random, i: int) -> list[dict]:
    rows = []
    for s in range(1 + i % 4):
        for k in range(1 + (i + s) % 3):
            row = {"no": s + 1 if k == 0 else None, "sasaran": SASARAN[s] if k == 0 else None,
                   "indikator": f"Indikator {s + 1}.{k + 1} {opd_name(i)}", "satuan": "%",
                   "target": rnd.choice((80, 85, 90, 95, 100)), "realisasi": round(rnd.uniform(50, 120), 2)}
            kind = (i * 7 + s * 3 + k) % 11
            if kind == 1:
                row["polaritas"] = "negatif"
                row["target"], row["realisasi"] = 10, round(rnd.uniform(5, 25), 1)
            elif kind == 2:
                row["realisasi"] = f"{rnd.randint(60, 99)},{rnd.randint(10, 99)}"     # typed as text
            elif kind == 3:
                row["realisasi"] = None
            elif kind == 4:
                row["realisasi"] = "n/a"
            elif kind == 5:
                row["target"], row["target_atas"] = 80, 90
            elif kind == 6:
                row.update(skala="Predikat SAKIP", target="BB", realisasi=rnd.choice(("B", "BB", "A")), satuan="")
            elif kind == 7:
                row["target"] = 0
            rows.append(row)
    return rows


def _skm_rows(rnd: random.Random, n: int) -> list[dict]:
    rows = []
    for r in range(n):
        row = {"no": r + 1, "layanan": rnd.choice(("KTP", "KK", "Akta"))}
        for j in range(1, 10):
            if rnd.random() > 0.03:
                row[f"u{j}"] = rnd.choices((1, 2, 3, 4), weights=(1, 3, 10, 8))[0]
        rows.append(row)
    return rows


def _distribution_rows(rnd: random.Random) -> list[dict]:
    from sakip_xl.skm.regimes import DEFAULT
    return [{"no": j + 1, "unsur": name, "n1": rnd.randint(0, 3), "n2": rnd.randint(0, 8), "n3": rnd.randint(10, 30),
             "n4": rnd.randint(5, 20)} for j, name in enumerate(DEFAULT.elements)]


def _anggaran_rows(rnd: random.Random, i: int) -> list[dict]:
    rows = []
    for p in range(1 + i % 3):
        kids = []
        for k in range(1 + (i + p) % 3):
            pagu = rnd.randint(5_000, 200_000) * 1000
            kids.append({"kode": f"7.01.0{p + 1}.2.0{k + 1}", "uraian": f"Kegiatan {p + 1}.{k + 1}", "pagu": pagu,
                         "realisasi": round(pagu * rnd.uniform(0.6, 1.0), -3)})
        rows.append({"kode": f"7.01.0{p + 1}", "uraian": f"Program {p + 1}",
                     "pagu": sum(r["pagu"] for r in kids), "realisasi": sum(r["realisasi"] for r in kids),
                     "sasaran": SASARAN[p % 4]})
        rows += kids
    return rows


def opd_content(i: int) -> tuple[dict, dict]:
    """Settings and rows of OPD number i: which sections it has and their data vary with i."""
    rnd = random.Random(1000 + i)
    settings = {"instansi": opd_name(i), "kabupaten": "Kabupaten Jember", "tahun": 2021,
                "kepala": f"Kepala {i}", "nip": f"1968061619930310{i:02d}"}
    if i % 5 == 0:
        settings["rumus_negatif"] = "T/R"
    if i % 6 == 0:
        settings["batas_capaian"] = "120"
    if i % 8 == 3:
        settings["skm_regulasi"] = "PermenPANRB 16/2014"
    rows = {"PK": _pk_rows(rnd, i)}
    if i % 7 == 4:
        rows["SKM Distribusi"] = _distribution_rows(rnd)
    elif i % 3 != 0:
        rows["SKM"] = _skm_rows(rnd, 20 + i % 15)
    if i % 4 != 1:
        rows["Anggaran"] = _anggaran_rows(rnd, i)
    return settings, rows


def opd_bytes(i: int, **overrides) -> bytes:
    settings, rows = opd_content(i)
    settings.update(overrides)
    return build_template(settings, rows)


def opd_file(folder: Path, i: int, state: str = "raw", name: str | None = None, **overrides) -> Path:
    """OPD i as a workbook in `folder`: 'raw' (never computed), 'computed', or 'stale' (edited after)."""
    path = folder / (name or f"opd-{i:02d}.xlsx")
    path.write_bytes(opd_bytes(i, **overrides))
    if state in ("computed", "stale"):
        compute(path, path.with_name(path.stem + ".tmp.xlsx"))
        path.with_name(path.stem + ".tmp.xlsx").replace(path)
    if state == "stale":
        replace_cell(path, "PK", "G5", '<c r="G5"{s}><v>77</v></c>')   # first realisasi typed anew
    return path


def state_of(i: int) -> str:
    return ("raw", "computed", "stale")[i % 3]


def opd_folder(folder: Path, count: int = 30) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [opd_file(folder, i, state_of(i)) for i in range(count)]
