"""The LKE section's analysis: answers to values, sub-component, component and final scores.

Scoring (PermenPANRB 88/2021 as the e-SAKIP applications implement it, see regulation.py):
value of an answer from the Pengaturan table; score of a sub-component = its weight x the sum of
its criteria's values / its number of criteria (an unanswered or out-of-scale criterion counts 0);
component = sum of its sub-components; final score = sum of the components; predikat from the
Pengaturan table on the unrounded final score. Each number has its formula twin in sheet.py.
"""
from __future__ import annotations

from sakip_xl.findings import optional_table

from dataclasses import dataclass, field

from sakip_xl import findings as F
from sakip_xl.read.numbers import BLANK, NUMBER, TEXT_NUMBER, format_id, read_number
from sakip_xl.read.reader import Record, cell_text
from sakip_xl.lke import tables as T
from sakip_xl.lke.regulation import (ANSWER_KINDS, CEK_CHOICES, CEK_IKU, CEK_LALU, CEK_PK, CEK_REALISASI, CEK_RENSTRA,
                         CEK_TRIWULAN)
from sakip_xl.lke.schema import LKE

SELF, EVAL = "mandiri", "evaluator"


@dataclass
class Answer:
    raw: object
    address: str
    value: float | None           # None: blank or not on the table


@dataclass
class Criterion:
    record: Record
    no: str
    kriteria: str
    kind: str | None              # Y/T, A-E, or None (any answer on the table)
    self: Answer
    eval: Answer | None           # None when the sheet has no evaluator column
    bukti: str
    cek: str | None
    address: str                  # the criterion's cell in LKE

    @property
    def gap(self) -> float | None:
        if self.eval is None or self.eval.value is None or self.self.value is None:
            return None
        return self.eval.value - self.self.value


@dataclass
class Group:
    komponen: str
    sub: str
    criteria: list[Criterion] = field(default_factory=list)
    weight: float | None = None
    weight_address: str | None = None     # the LKE cell the weight is read from
    weight_fallback: float | None = None  # a weight typed as text
    self_score: float | None = None
    eval_score: float | None = None


@dataclass
class Component:
    name: str
    groups: list[Group] = field(default_factory=list)
    self_score: float | None = None
    eval_score: float | None = None

    @property
    def weight(self) -> float | None:
        ws = [g.weight for g in self.groups]
        return None if None in ws else sum(ws)


@dataclass
class Result:
    sheet: str
    answers: T.Table
    predikat: T.Table
    components: list[Component]
    has_eval: bool                       # any evaluator answer at all
    self_total: float | None = None
    eval_total: float | None = None
    lalu: float | None = None
    lalu_ref: str | None = None          # Pengaturan cell of last year's score
    settings_sheet: str | None = None

    @property
    def groups(self) -> list[Group]:
        return [g for c in self.components for g in c.groups]

    def predikat_of(self, x: float | None) -> tuple[str, str] | tuple[None, None]:
        i = T.predikat_index(self.predikat, x)
        if i is None:
            return None, None
        row = self.predikat.rows[i]
        return row[0], row[3]

    @property
    def weight_total(self) -> float | None:
        ws = [c.weight for c in self.components]
        return None if None in ws else sum(ws)


def _kind(raw, address, sheet, out) -> str | None:
    text = cell_text(raw)
    if not text:
        return None
    for k in ANSWER_KINDS:
        if text.replace(" ", "").lower() == k.lower():
            return k
    out.append(F.make("LKE-007", sheet, address, text=text))
    return None


def _shown(raw) -> str:
    if isinstance(raw, float):
        return format_id(raw, next((d for d in range(5) if round(raw, d) == raw), 4))
    return str(raw)


def analyze(ctx) -> Result | None:
    table = optional_table(ctx, LKE)
    if table is None:
        return None
    answered = [rec for rec in table.records if cell_text(rec.values.get("kriteria")) and
                 any(cell_text(rec.values.get(k)) for k in ("jawaban", "evaluator") if table.has(k))]
    if not answered:
        return None       # the template's criteria with no answer yet: nothing to evaluate
    out = ctx.findings
    rows = ctx.book.rows(ctx.settings.sheet) if ctx.settings.sheet else []
    answers = T.read_answers(rows, ctx.settings.sheet, out) if rows else T.DEFAULT_ANSWERS
    predikat = T.read_predikat(rows, ctx.settings.sheet, out) if rows else T.DEFAULT_PREDIKAT
    has_eval_col = table.has("evaluator")
    has_eval = has_eval_col and any(cell_text(rec.values.get("evaluator")) for rec in table.records)
    components: list[Component] = []
    groups: dict[tuple, Group] = {}
    weights: dict[tuple, list] = {}
    for rec in table.records:
        kriteria = cell_text(rec.values.get("kriteria"))
        if not kriteria:
            continue
        komponen = cell_text(rec.values.get("komponen"))
        sub = cell_text(rec.values.get("sub_komponen"))
        key = (komponen.lower(), sub.lower())
        if key not in groups:
            groups[key] = Group(komponen, sub)
            comp = next((c for c in components if c.name.lower() == komponen.lower()), None)
            if comp is None:
                comp = Component(komponen)
                components.append(comp)
            comp.groups.append(groups[key])
        group = groups[key]
        if table.has("bobot") and cell_text(rec.values.get("bobot")):
            weights.setdefault(key, []).append((rec, table.address(rec, "bobot")))
        kind = _kind(rec.values.get("jenis"), table.address(rec, "jenis"), table.sheet, out) \
            if table.has("jenis") else None
        own = Answer(rec.values.get("jawaban"), table.address(rec, "jawaban"), None) if table.has("jawaban") else \
            Answer(None, "", None)
        own.value = T.answer_value(answers, own.raw, kind)
        ev = None
        if has_eval_col:
            ev = Answer(rec.values.get("evaluator"), table.address(rec, "evaluator"), None)
            ev.value = T.answer_value(answers, ev.raw, kind)
        cek = cell_text(rec.values.get("cek")) if table.has("cek") else ""
        cek = next((c for c in CEK_CHOICES if c.lower() == cek.lower()), None)
        crit = Criterion(rec, cell_text(rec.values.get("no")), kriteria, kind, own, ev,
                         cell_text(rec.values.get("bukti")) if table.has("bukti") else "", cek,
                         table.address(rec, "kriteria"))
        group.criteria.append(crit)
        _check_answer(crit, crit.self, SELF, answers, table.sheet, out, required=table.has("jawaban"))
        if has_eval and ev is not None:
            _check_answer(crit, ev, EVAL, answers, table.sheet, out, required=True)
    if has_eval_col and not has_eval and table.records:
        out.append(F.make("LKE-005", table.sheet, cell_address_of(table, "evaluator")))
    for key, group in groups.items():
        _weight(group, weights.get(key, []), table.sheet, out)
    result = Result(table.sheet, answers, predikat, components, has_eval)
    _scores(result)
    total = result.weight_total
    if total is not None and components and abs(total - 100) > 1e-9:
        out.append(F.make("LKE-008", table.sheet, cell_address_of(table, "bobot"), total=format_id(total, 2)))
    lalu = ctx.settings.get("nilai_lke_lalu")
    result.lalu = float(lalu) if isinstance(lalu, (int, float)) else None
    if ctx.settings.sheet and "nilai_lke_lalu" in ctx.settings.cells:
        result.lalu_ref = ctx.settings.cells["nilai_lke_lalu"]
        result.settings_sheet = ctx.settings.sheet
    _check_evidence(result, ctx, table.sheet, out)
    return result


def cell_address_of(table, key: str) -> str:
    from sakip_xl.xlsx.addresses import cell
    return cell(table.header_row, table.columns[key]) if key in table.columns else ""


def _check_answer(crit: Criterion, ans: Answer, who: str, answers: T.Table, sheet: str, out: list,
                  required: bool) -> None:
    if ans.value is not None or not required:
        return
    raw = ans.raw
    if type(raw).__name__ != "ExcelError" and (raw is None or (isinstance(raw, str) and not raw.strip())):
        out.append(F.make("LKE-001", sheet, ans.address, siapa=who))
        return
    out.append(F.make("LKE-002", sheet, ans.address, siapa=who, text=_shown(raw),
                      pilihan=", ".join(T.choices(answers, crit.kind))))


def _weight(group: Group, typed: list, sheet: str, out: list) -> None:
    where = group.criteria[0].address
    if not typed:
        out.append(F.make("LKE-003", sheet, where, sub=group.sub, detail="kosong"))
        return
    rec, address = typed[0]
    parsed = [read_number(r.values.get("bobot")) for r, _ in typed]
    if parsed[0].kind not in (NUMBER, TEXT_NUMBER):
        out.append(F.make("LKE-003", sheet, address, sub=group.sub, detail=f"'{parsed[0].text}' bukan angka"))
        return
    others = [(p, a) for p, (_, a) in zip(parsed[1:], typed[1:]) if p.kind == BLANK or p.value != parsed[0].value]
    if others:
        out.append(F.make("LKE-003", sheet, others[0][1], sub=group.sub,
                          detail=f"diisi berbeda ({_shown(parsed[0].value)} di {address})"))
        return
    group.weight = parsed[0].value
    group.weight_address = address
    group.weight_fallback = parsed[0].value if parsed[0].kind == TEXT_NUMBER else None


def _sub_score(group: Group, values: list) -> float | None:
    if group.weight is None:
        return None
    s = 0.0
    for v in values:
        if v is not None:
            s += v
    return group.weight * s / len(values)


def _scores(result: Result) -> None:
    self_comps, eval_comps = [], []
    for comp in result.components:
        for g in comp.groups:
            g.self_score = _sub_score(g, [c.self.value for c in g.criteria])
            if result.has_eval:
                g.eval_score = _sub_score(g, [c.eval.value for c in g.criteria])
        comp.self_score = _sum([g.self_score for g in comp.groups])
        comp.eval_score = _sum([g.eval_score for g in comp.groups]) if result.has_eval else None
        self_comps.append(comp.self_score)
        eval_comps.append(comp.eval_score)
    result.self_total = _sum(self_comps) if self_comps else None
    result.eval_total = _sum(eval_comps) if result.has_eval and eval_comps else None


def _sum(values: list) -> float | None:
    """Twin of IF(COUNT(cells)=n,SUM(cells),"")."""
    if not values or any(v is None for v in values):
        return None
    s = 0.0
    for v in values:
        s += v
    return s


# --- answers the workbook itself contradicts

def _evidence_gaps(ctx) -> dict[str, str]:
    """For each data check, why the workbook contradicts a positive answer ('' when it does not)."""
    gaps = {}
    ren = ctx.results.get("renstra")
    indicators = ctx.results.get("pk")
    pk_table = ctx.results.get("pk_table")
    iku = ren.iku if ren is not None else []
    renstra = ren.renstra if ren is not None else []
    gaps[CEK_IKU] = "" if any(r.indikator for r in iku) else "lembar IKU tidak ada atau tidak berisi indikator"
    gaps[CEK_RENSTRA] = "" if any(r.indikator for r in renstra) else \
        "lembar Renstra tidak ada atau tidak berisi indikator"
    named = [i for i in (indicators or []) if i.indikator]
    gaps[CEK_PK] = "" if named else "lembar PK tidak ada atau tidak berisi indikator"

    def missing(cells, what):
        if not named:
            return gaps[CEK_PK]
        lacking = [a for a in cells if a]
        if not lacking:
            return ""
        shown = ", ".join(lacking[:3]) + (" ..." if len(lacking) > 3 else "")
        return f"{len(lacking)} dari {len(named)} indikator PK tanpa {what} ({pk_table.sheet if pk_table else 'PK'}: {shown})"

    gaps[CEK_REALISASI] = missing(
        [i.realisasi.address if i.realisasi_value is None else "" for i in named], "realisasi")
    def name_cell(i):
        return pk_table.address(i.record, "indikator") if pk_table is not None else i.target.address

    gaps[CEK_LALU] = missing(
        [(i.realisasi_lalu.address if i.realisasi_lalu else name_cell(i))
         if (i.realisasi_lalu is None or i.realisasi_lalu.value is None) else "" for i in named],
        "realisasi tahun lalu")
    gaps[CEK_TRIWULAN] = missing(
        [name_cell(i) if not any(q is not None and q.value is not None for q in i.quarters) else ""
         for i in named], "realisasi triwulan")
    return gaps


def _check_evidence(result: Result, ctx, sheet: str, out: list) -> None:
    checked = [c for g in result.groups for c in g.criteria if c.cek]
    if not checked:
        return
    gaps = _evidence_gaps(ctx)
    for crit in checked:
        why = gaps.get(crit.cek)
        if not why:
            continue
        for who, ans in ((SELF, crit.self), (EVAL, crit.eval)):
            if ans is not None and ans.value is not None and ans.value > 0:
                out.append(F.make("LKE-004", sheet, ans.address, text=_shown(ans.raw), siapa=who, bukti=why))
