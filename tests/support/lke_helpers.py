"""LKE workbooks for tests, and an independent computation of the LKE score.

The independent computation reads the LKE sheet with openpyxl and applies the
regulation's rules as written in docs/lke.md, sharing no code with sakip_xl.lke.
"""
from __future__ import annotations

from pathlib import Path

import openpyxl

from sakip_xl.seed_data import JELBUK_PK, JELBUK_SETTINGS
from sakip_xl.template import build_template

VALUES = {"Y/T": {"Y": 1.0, "T": 0.0}, "A-E": {"A": 1.0, "B": 0.75, "C": 0.5, "D": 0.25, "E": 0.0}}
# PermenPANRB 88/2021: AA >90-100, A >80-90, BB >70-80, B >60-70, CC >50-60, C >30-50, D 0-30
BOUNDS = ((90, "AA"), (80, "A"), (70, "BB"), (60, "B"), (50, "CC"), (30, "C"))


def predikat(score: float) -> str:
    for bound, label in BOUNDS:
        if score > bound:
            return label
    return "D"


def lke_workbook(tmp_path: Path, lke_rows, settings=None, pk_rows=None, extra=None, name="lke.xlsx") -> Path:
    rows = {"PK": JELBUK_PK if pk_rows is None else pk_rows, "LKE": lke_rows}
    rows.update(extra or {})
    path = tmp_path / name
    path.write_bytes(build_template(dict(JELBUK_SETTINGS, **(settings or {})), rows))
    return path


def independent_scores(path: Path) -> dict:
    """Self and evaluator final scores of the LKE sheet of `path`, computed from its cells."""
    ws = openpyxl.load_workbook(path, data_only=True)["LKE"]
    header = [c.value for c in ws[4]]
    col = {h: i for i, h in enumerate(header)}
    groups: dict[tuple, dict] = {}
    komponen = sub = None
    for row in ws.iter_rows(min_row=5, values_only=True):
        if not row[col["Kriteria"]]:
            continue
        komponen = row[col["Komponen"]] or komponen
        sub = row[col["Sub-komponen"]] or sub
        g = groups.setdefault((komponen, sub), {"w": None, "self": [], "eval": []})
        if row[col["Bobot Sub-komponen"]] is not None:
            g["w"] = float(row[col["Bobot Sub-komponen"]])
        table = VALUES[row[col["Jenis Jawaban"]]]
        g["self"].append(table.get(row[col["Jawaban Mandiri"]], 0.0))
        g["eval"].append(table.get(row[col["Jawaban Evaluator"]], 0.0))
    out = {}
    for who in ("self", "eval"):
        out[who] = sum(g["w"] * sum(g[who]) / len(g[who]) for g in groups.values())
    out["components"] = {}
    for (k, _), g in groups.items():
        c = out["components"].setdefault(k, {"self": 0.0, "eval": 0.0})
        for who in ("self", "eval"):
            c[who] += g["w"] * sum(g[who]) / len(g[who])
    return out


def hasil(path: Path) -> dict:
    """Label in column B -> (value in D, value in E) of the Hasil LKE summary, as stored."""
    ws = openpyxl.load_workbook(path, data_only=True)["Hasil LKE"]
    out = {}
    for row in ws.iter_rows(min_row=5, max_row=20, values_only=True):
        if isinstance(row[1], str):
            out[row[1]] = (row[3], row[4])
    return out
