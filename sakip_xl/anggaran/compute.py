"""Budget arithmetic: pure functions over plain numbers.

Each function mirrors one formula of the `Hasil Anggaran` sheet, in the same
order of operations, so Python and the spreadsheet engine store the same value:
- serapan:  =IF(AND(ISNUMBER(P),ISNUMBER(R)),IF(P=0,"",R/P*100),"")
- rollup:   =IF(COUNT(children)=n,SUM(children),"")
- column_sum (SUM / SUMIF over cells that hold a number or ""):  blanks skipped
- total_of: =IF(COUNT(cells)=0,"",SUM(cells))
- share:    =IF(AND(ISNUMBER(X),ISNUMBER(T)),IF(T=0,"",X/T*100),"")
- verdict:  =IF(AND(ISNUMBER(C),ISNUMBER(S)),IF(ROUND(C-S,6)>=M,"Efisien","Tidak efisien"),"")
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from sakip_xl.read.numbers import format_id, fsum, quantize, tolerance_for
from sakip_xl.anggaran.hierarchy import Issue, Structure
from sakip_xl.anggaran.schema import RULE_ABOVE

AMOUNT_TOLERANCE = 0.005     # amounts are rupiah; sums that differ by less are equal
EFFICIENT = "Efisien"
NOT_EFFICIENT = "Tidak efisien"

Number = float | None


def serapan(pagu: Number, realisasi: Number) -> Number:
    """Realisasi / pagu x 100; nothing for pagu 0 (never 100 %)."""
    if pagu is None or realisasi is None or pagu == 0:
        return None
    return realisasi / pagu * 100


def rollup(values: Sequence[Number]) -> Number:
    """The sum of the children, when every child has a number."""
    if not values or any(v is None for v in values):
        return None
    return fsum(values)


def column_sum(values: Sequence[Number]) -> float:
    """SUM over cells holding a number or "": the numbers' sum, 0 when there are none."""
    return fsum(v for v in values if v is not None)


def total_of(values: Sequence[Number]) -> Number:
    """=IF(COUNT(cells)=0,"",SUM(cells)): nothing when no cell holds a number."""
    nums = [v for v in values if v is not None]
    return fsum(nums) if nums else None


def sum_by(keys: Sequence[object], values: Sequence[Number], key: object) -> float:
    """SUMIF(keys, key, values)."""
    return fsum(v for k, v in zip(keys, values) if k == key and v is not None)


def share(value: Number, total: Number) -> Number:
    if value is None or total is None or total == 0:
        return None
    return value / total * 100


def difference(typed: Number, computed: Number) -> Number:
    if typed is None or computed is None:
        return None
    return typed - computed


def differs(typed: Number, computed: Number) -> bool:
    return typed is not None and computed is not None and abs(typed - computed) > AMOUNT_TOLERANCE


def round_half_up(value: float, digits: int) -> float:
    """Spreadsheet ROUND: half away from zero, on the shortest decimal form of the double."""
    return quantize(value, digits)


def verdict(capaian: Number, serapan_: Number, rule: str, margin: float) -> str | None:
    if capaian is None or serapan_ is None:
        return None
    diff = round_half_up(capaian - serapan_, 6)
    ok = diff > margin if rule == RULE_ABOVE else diff >= margin
    return EFFICIENT if ok else NOT_EFFICIENT


@dataclass(frozen=True)
class Stated:
    """A percentage as typed: its value, whether it was text, and the decimals written."""

    value: float
    is_text: bool
    decimals: int | None


def judge_stated(stated: Stated | None, computed: Number) -> tuple[str | None, float | None]:
    """('wrong' | 'baseless' | None, the stated value as a percentage)."""
    if stated is None:
        return None, None
    shown = stated.value
    if not stated.is_text and abs(shown) <= 2 and computed is not None and abs(computed) > 2:
        shown = shown * 100   # typed as 87,54% in a percent-formatted cell
    if computed is None:
        return "baseless", shown
    tol = tolerance_for(stated.decimals if stated.is_text else 2)
    return ("wrong" if abs(shown - computed) > tol else None), shown


def amount_text(value: float) -> str:
    return format_id(value, 0 if float(value).is_integer() else 2)


def percent_text(value: float, stated: Stated | None = None) -> str:
    decimals = max(2, stated.decimals or 0) if stated is not None else 2
    return format_id(value, decimals)


@dataclass
class TreeResult:
    rincian: dict[str, list[Number]]      # "pagu"/"realisasi" -> per line (None: no children or a gap)
    serapan: list[Number]
    share: list[Number]                   # pagu share of the sum of the top-level lines
    total: dict[str, Number]              # "pagu"/"realisasi" -> sum of the top-level lines
    issues: list[Issue] = field(default_factory=list)


AMOUNTS = ("pagu", "realisasi")
_COLUMN_WORD = {"pagu": "Pagu", "realisasi": "Realisasi"}


def evaluate(struct: Structure, amounts: dict[str, list[Number]],
             stated_serapan: list[Stated | None], stated_share: list[Stated | None]) -> TreeResult:
    """Roll-ups, serapan, shares, and the issues found in one budget table."""
    n = len(struct.is_total)
    top = struct.top()
    issues: list[Issue] = []
    total = {k: total_of([amounts[k][j] for j in top]) for k in AMOUNTS}
    rincian: dict[str, list[Number]] = {k: [None] * n for k in AMOUNTS}
    for i in range(n):
        kids = top if struct.is_total[i] else struct.children(i)
        if not kids:
            continue
        for k in AMOUNTS:
            rincian[k][i] = rollup([amounts[k][j] for j in kids])
            typed = amounts[k][i]
            if differs(typed, rincian[k][i]):
                fields = dict(kolom=_COLUMN_WORD[k], tingkat=struct.label(i), n=len(kids),
                              stated=amount_text(typed), computed=amount_text(rincian[k][i]),
                              diff=amount_text(typed - rincian[k][i]))
                code = "ANG-001"
                if struct.is_total[i]:      # no code or level and no reading fits: not a galat
                    code = "ANG-020" if struct.uncertain_total else "ANG-002"
                issues.append(Issue(code, i, k, fields))
    ser = [serapan(amounts["pagu"][i], amounts["realisasi"][i]) for i in range(n)]
    shares = [share(amounts["pagu"][i], total["pagu"]) for i in range(n)]
    for i in range(n):
        issues += _amount_issues(i, amounts["pagu"][i], amounts["realisasi"][i], ser[i])
        issues += _stated_issues(i, "serapan_dilaporkan", stated_serapan[i], ser[i], amounts, total, False)
        issues += _stated_issues(i, "porsi_dilaporkan", stated_share[i], shares[i], amounts, total, True)
    return TreeResult(rincian=rincian, serapan=ser, share=shares, total=total, issues=issues)


def _amount_issues(i: int, pagu: Number, realisasi: Number, ser: Number) -> list[Issue]:
    out = []
    for key, v in (("pagu", pagu), ("realisasi", realisasi)):
        if v is not None and v < 0:
            out.append(Issue("ANG-009", i, key, {"kolom": _COLUMN_WORD[key], "value": amount_text(v)}))
    if pagu == 0 and realisasi not in (None, 0):
        out.append(Issue("ANG-006", i, "pagu", {"realisasi": amount_text(realisasi)}))
    elif pagu is not None and realisasi is not None and pagu > 0 and realisasi > 0 and realisasi - pagu > AMOUNT_TOLERANCE:
        out.append(Issue("ANG-005", i, "realisasi", {"realisasi": amount_text(realisasi), "pagu": amount_text(pagu),
                                                     "serapan": format_id(ser, 2)}))
    return out


def _stated_issues(i, key, stated, computed, amounts, total, is_share) -> list[Issue]:
    verdict_, shown = judge_stated(stated, computed)
    if verdict_ == "wrong":
        code = "ANG-012" if is_share else "ANG-003"
        return [Issue(code, i, key, {"stated": percent_text(shown, stated), "computed": format_id(computed, 2)})]
    if verdict_ == "baseless":
        return [Issue("ANG-004", i, key, {"stated": percent_text(shown, stated),
                                          "reason": _why_not(i, amounts, total, is_share)})]
    return []


def _why_not(i, amounts, total, is_share) -> str:
    pagu, realisasi = amounts["pagu"][i], amounts["realisasi"][i]
    if pagu is None:
        return "pagu kosong atau bukan angka"
    if is_share:
        return "jumlah pagu 0" if total["pagu"] == 0 else "jumlah pagu tidak dapat dihitung"
    if pagu == 0:
        return "pagu 0"
    return "realisasi kosong atau bukan angka" if realisasi is None else "tidak dapat dihitung"
