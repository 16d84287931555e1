"""A filled LKE for the example workbook: every criterion of the regulation, answered.

The answers are made up (the seed LKjIP has no LKE); they follow a fixed pattern so the
example is reproducible, and the evaluator is a little stricter than the unit itself.
"""
from __future__ import annotations

from sakip_xl.lke.regulation import YT, template_rows

_SELF_AE = ("A", "B", "B", "C", "A", "B", "C", "D")
_EVAL_AE = ("B", "B", "C", "C", "A", "C", "D", "D")


def _rows() -> list[dict]:
    rows = []
    for i, row in enumerate(template_rows()):
        row = dict(row)
        if row["jenis"] == YT:
            row["jawaban"] = "T" if i % 4 == 3 else "Y"
            row["evaluator"] = "T" if i % 4 == 3 or i % 5 == 0 else "Y"
        else:
            row["jawaban"] = _SELF_AE[i % len(_SELF_AE)]
            row["evaluator"] = _EVAL_AE[i % len(_EVAL_AE)]
        row["bukti"] = f"https://drive.example.go.id/lke/{row['no']}"
        rows.append(row)
    return rows


EXAMPLE_ROWS = _rows()
EXAMPLE_SETTINGS = {"nilai_lke_lalu": 58.75}
