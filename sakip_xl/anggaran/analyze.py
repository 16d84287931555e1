"""Reading the Anggaran and Belanja sheets, and judging them (findings with their cells)."""
from __future__ import annotations

from dataclasses import dataclass, field

from sakip_xl import findings as F
from sakip_xl.pk.capaian import mean as capaian_mean
from sakip_xl.xlsx.addresses import cell as cell_address, parse_cell, ref
from sakip_xl.read.numbers import BLANK, INVALID, NOT_AVAILABLE, NUMBER, TEXT_NUMBER, excel_serial, format_id, read_number
from sakip_xl.read.cells import NumberCell, number_cell
from sakip_xl.read.reader import cell_text, ExcelError, Table
from sakip_xl.read.schema import normalize_header
from sakip_xl.anggaran import classes as K
from sakip_xl.anggaran import compute as C
from sakip_xl.anggaran.hierarchy import Issue, Structure, class_structure, structure
from sakip_xl.anggaran.schema import ANGGARAN, BELANJA, RULE_AT_LEAST

NUMBER_KEYS = ("pagu", "realisasi", "serapan_dilaporkan", "porsi_dilaporkan", "pagu_pk")
_WORD = {"pagu": "Pagu", "realisasi": "Realisasi", "serapan_dilaporkan": "Serapan dilaporkan",
         "porsi_dilaporkan": "Porsi dilaporkan", "pagu_pk": "Pagu di PK"}
NO_SASARAN = "Tanpa sasaran"


@dataclass
class Line:
    row: int                                # 0-based row in the user's sheet
    kode: str
    uraian: str
    cells: dict[str, NumberCell | None]
    tingkat: str = ""
    jenis: str = ""
    sasaran: str = ""

    def value(self, key: str) -> float | None:
        c = self.cells.get(key)
        return None if c is None else c.value


@dataclass
class BudgetTable:
    sheet: str
    table: Table
    lines: list[Line]
    struct: Structure
    result: C.TreeResult
    kelompok: list[str | None] = field(default_factory=list)   # per leaf: group, for the class shares
    jenis: list[str | None] = field(default_factory=list)      # per leaf: sub-class (or None)
    sasaran: list[str | None] = field(default_factory=list)    # per line: the sasaran it supports
    sasaran_id: list[int | None] = field(default_factory=list)  # per leaf: number of its sasaran row
    out_first: int = 0                                          # first row of its lines in Hasil Anggaran

    def is_leaf(self, i: int) -> bool:
        return not self.struct.is_total[i] and not self.struct.children(i)

    def address(self, i: int, key: str) -> str:
        key = key if self.table.has(key) else self.table.spec.key_column
        return cell_address(self.lines[i].row, self.table.columns[key])


@dataclass
class SasaranRow:
    number: int
    text: str
    key: str | None                 # normalised text; None for the lines without a sasaran
    pagu: float
    realisasi: float
    pk_rows: list[int]              # indices of its PK indicators
    capaian: float | None
    serapan: float | None = None
    share: float | None = None
    selisih: float | None = None
    verdict: str | None = None


@dataclass
class Margin:
    value: float
    source: str | None              # reference to the Pengaturan cell, for the live formula
    fallback: float                 # what the formula uses when that cell holds no number


@dataclass
class AnggaranResult:
    anggaran: BudgetTable | None
    belanja: BudgetTable | None
    class_scheme: str | None = None
    class_rows: list[tuple[str, str | None, float, float]] = field(default_factory=list)
    sasaran_rows: list[SasaranRow] = field(default_factory=list)
    rule: str = RULE_AT_LEAST
    margin: Margin = field(default_factory=lambda: Margin(0.0, None, 0.0))
    has_pk: bool = False


def analyze(ctx) -> AnggaranResult | None:
    """The Anggaran section: None when neither the Anggaran nor the Belanja sheet holds a line."""
    t_ang = ctx.book.table(ANGGARAN, required=False)
    t_bel = ctx.book.table(BELANJA, required=False)
    if not (t_ang is not None and t_ang.records) and not (t_bel is not None and t_bel.records):
        return None     # absent, or the template's empty sheets
    out = ctx.findings
    result = AnggaranResult(anggaran=None, belanja=None, rule=ctx.settings.get("efisiensi_aturan") or RULE_AT_LEAST,
                            margin=_margin(ctx), has_pk=ctx.results.get("pk") is not None)
    if t_ang is not None and t_ang.records:
        result.anggaran = _anggaran(t_ang, ctx.date1904, out)
        _classes(result, out)
        _sasaran(result, ctx.results.get("pk"), out)
    if t_bel is not None and t_bel.records:
        result.belanja = _belanja(t_bel, ctx.date1904, out)
    return result


def _text(value: object) -> str:
    return "" if isinstance(value, ExcelError) else cell_text(value)


def _lines(table: Table, date1904: bool, text_keys: dict[str, str], out: list) -> list[Line]:
    lines = []
    columns = {c.key for c in table.spec.columns}
    keys = [k for k in NUMBER_KEYS if k in columns]
    for rec in table.records:
        cells = {k: number_cell(table, rec, k, date1904) for k in keys}
        line = Line(row=rec.row, kode=_text(rec.values.get(text_keys["kode"])) if text_keys.get("kode") else "",
                    uraian=_text(rec.values.get(text_keys["uraian"])), cells=cells,
                    tingkat=_text(rec.values.get("tingkat")), jenis=_text(rec.values.get("jenis_belanja")),
                    sasaran=_text(rec.values.get("sasaran")))
        _cell_findings(table.sheet, rec, line, out)
        lines.append(line)
    _blank_findings(table.sheet, lines, out)
    return lines


def _blank_findings(sheet: str, lines: list[Line], out: list) -> None:
    """An amount left blank beside the other amount (columns left wholly blank are not asked for)."""
    for key, other in (("pagu", "realisasi"), ("realisasi", "pagu")):
        if not any(ln.value(key) is not None for ln in lines):
            continue
        for ln in lines:
            c = ln.cells.get(key)
            if c is not None and c.parsed.kind in (BLANK, NOT_AVAILABLE) and ln.value(other) is not None:
                out.append(F.make("ANG-018", sheet, c.address, kolom=_WORD[key]))


def _cell_findings(sheet: str, rec, line: Line, out: list) -> None:
    for key, c in line.cells.items():
        if c is None:
            continue
        p = c.parsed
        if p.kind == TEXT_NUMBER:
            out.append(F.make("ANG-010", sheet, c.address, text=p.text, value=format_id(p.value, p.decimals or 0)))
        elif p.kind == INVALID and not isinstance(rec.values.get(key), ExcelError):
            out.append(F.make("ANG-011", sheet, c.address, kolom=_WORD[key], text=p.text))


def _stated(line: Line, key: str) -> C.Stated | None:
    c = line.cells.get(key)
    if c is None or c.value is None:
        return None
    return C.Stated(c.value, c.parsed.kind == TEXT_NUMBER, c.parsed.decimals)


def _evaluate(table: Table, lines: list[Line], struct: Structure, out: list, extra_fields=None) -> BudgetTable:
    amounts = {k: [ln.value(k) for ln in lines] for k in C.AMOUNTS}
    res = C.evaluate(struct, amounts, [_stated(ln, "serapan_dilaporkan") for ln in lines],
                     [_stated(ln, "porsi_dilaporkan") for ln in lines])
    bt = BudgetTable(table.sheet, table, lines, struct, res)
    for issue in struct.issues + res.issues:
        _emit(bt, issue, out, extra_fields)
    return bt


def _emit(bt: BudgetTable, issue: Issue, out: list, extra_fields=None) -> None:
    fields = dict(issue.fields)
    if issue.other is not None:
        fields["first"] = bt.lines[issue.other].row + 1
    if extra_fields:
        fields.update(extra_fields.get(issue.code, {}))
    out.append(F.make(issue.code, bt.sheet, bt.address(issue.index, issue.key), **fields))


def _anggaran(table: Table, date1904: bool, out: list) -> BudgetTable:
    lines = _lines(table, date1904, {"kode": "kode", "uraian": "uraian"}, out)
    struct = structure([ln.kode for ln in lines], [ln.uraian for ln in lines], [ln.tingkat for ln in lines],
                       [ln.value("pagu") for ln in lines])
    bt = _evaluate(table, lines, struct, out)
    for i, ln in enumerate(lines):
        pk, pagu = ln.value("pagu_pk"), ln.value("pagu")
        if C.differs(pk, pagu):
            out.append(F.make("ANG-015", table.sheet, bt.address(i, "pagu_pk"), pk=C.amount_text(pk),
                              pagu=C.amount_text(pagu), diff=C.amount_text(pk - pagu)))
    return bt


def _belanja(table: Table, date1904: bool, out: list) -> BudgetTable:
    lines = _lines(table, date1904, {"kode": "no", "uraian": "jenis_belanja"}, out)
    struct, recognised, scheme = class_structure([ln.uraian for ln in lines], [ln.kode for ln in lines])
    bt = _evaluate(table, lines, struct, out)
    bt.kelompok = [K.group_of(c, scheme) if c else None for c in recognised]
    bt.jenis = [None if c is None or K.is_group(c, scheme) else c for c in recognised]
    return bt


def _ancestry(bt: BudgetTable, i: int):
    while i is not None:
        yield i
        i = bt.struct.parent[i]


def _classes(result: AnggaranResult, out: list) -> None:
    bt = result.anggaran
    n = len(bt.lines)
    recognised: list[str | None] = []
    for i, ln in enumerate(bt.lines):
        cls = K.recognise(ln.jenis) if ln.jenis else None
        if ln.jenis and cls is None:
            out.append(F.make("ANG-013", bt.sheet, bt.address(i, "jenis_belanja"), text=ln.jenis,
                              effect="baris tidak masuk porsi per jenis belanja"))
        recognised.append(cls)
    bt.kelompok, bt.jenis = [None] * n, [None] * n
    if not any(recognised):
        return
    scheme = K.scheme_of(c for c in recognised if c)
    for i in range(n):
        if not bt.is_leaf(i):
            continue
        sub = next((recognised[j] for j in _ancestry(bt, i) if recognised[j] and not K.is_group(recognised[j], scheme)), None)
        group = next((recognised[j] for j in _ancestry(bt, i) if recognised[j] and K.is_group(recognised[j], scheme)), None)
        bt.kelompok[i] = K.group_of(sub, scheme, group) if sub else (group or K.UNCLASSIFIED)
        bt.jenis[i] = sub
    pagu, real = [ln.value("pagu") for ln in bt.lines], [ln.value("realisasi") for ln in bt.lines]
    pairs = {(bt.kelompok[i], bt.jenis[i]) for i in range(n) if bt.kelompok[i]} | \
            {(bt.kelompok[i], None) for i in range(n) if bt.kelompok[i]}
    result.class_scheme = scheme
    for group, sub in K.ordered(pairs, scheme):
        keys = bt.kelompok if sub is None else [g if g == group and j == sub else None for g, j in zip(bt.kelompok, bt.jenis)]
        target = group
        result.class_rows.append((group, sub, C.sum_by(keys, pagu, target), C.sum_by(keys, real, target)))


def _sasaran(result: AnggaranResult, indicators, out: list) -> None:
    bt = result.anggaran
    n = len(bt.lines)
    bt.sasaran, bt.sasaran_id = [None] * n, [None] * n
    if not bt.table.has("sasaran") or not any(ln.sasaran for ln in bt.lines):
        return
    for i in range(n):
        if bt.struct.is_total[i]:
            continue
        bt.sasaran[i] = next((bt.lines[j].sasaran for j in _ancestry(bt, i) if bt.lines[j].sasaran), None)
    pk_groups: dict[str, tuple[str, list[int]]] = {}
    for k, ind in enumerate(indicators or []):
        key = normalize_header(ind.sasaran)
        if key:
            pk_groups.setdefault(key, (ind.sasaran, []))[1].append(k)
    linked: dict[str, str] = {}
    for i, ln in enumerate(bt.lines):
        if ln.sasaran and not bt.struct.is_total[i]:
            key = normalize_header(ln.sasaran)
            if key not in linked:
                linked[key] = ln.sasaran
                if indicators is not None and key not in pk_groups:
                    out.append(F.make("ANG-014", bt.sheet, bt.address(i, "sasaran"), text=ln.sasaran))
    order = [(pk_groups[k][0], k) for k in pk_groups] + [(t, k) for k, t in linked.items() if k not in pk_groups]
    header_addr = cell_address(bt.table.header_row, bt.table.columns["sasaran"])
    for text, key in order:
        if key not in linked:
            out.append(F.make("ANG-019", bt.sheet, header_addr, text=text))
    leaves = [i for i in range(n) if bt.is_leaf(i)]
    if any(bt.sasaran[i] is None for i in leaves):
        order.append((NO_SASARAN, None))
    number = {key: k + 1 for k, (_, key) in enumerate(order)}
    for i in leaves:
        bt.sasaran_id[i] = number[normalize_header(bt.sasaran[i]) if bt.sasaran[i] else None]
    pagu, real = [ln.value("pagu") for ln in bt.lines], [ln.value("realisasi") for ln in bt.lines]
    capaian = [ind.capaian for ind in indicators or []]
    rows = []
    for text, key in order:
        num = number[key]
        pk_rows = pk_groups[key][1] if key in pk_groups else []
        cap = capaian_mean([capaian[k] for k in pk_rows]) if pk_rows else None
        rows.append(SasaranRow(num, text, key, C.sum_by(bt.sasaran_id, pagu, num), C.sum_by(bt.sasaran_id, real, num),
                               pk_rows, cap))
    total = C.column_sum([r.pagu for r in rows])
    for r in rows:
        r.serapan = C.serapan(r.pagu, r.realisasi)
        r.share = C.share(r.pagu, total)
        r.selisih = C.difference(r.capaian, r.serapan)
        r.verdict = C.verdict(r.capaian, r.serapan, result.rule, result.margin.value)
    result.sasaran_rows = rows


def _margin(ctx) -> Margin:
    settings = ctx.settings
    default = settings.get("efisiensi_batas")
    default = 0.0 if default is None else float(default)
    addr = settings.cells.get("efisiensi_batas")
    if addr is None or settings.sheet is None:
        return Margin(default, None, default)
    r, c = parse_cell(addr)
    rows = ctx.book.rows(settings.sheet)
    raw = rows[r][c] if r < len(rows) and c < len(rows[r]) else None
    parsed = read_number(raw)
    serial = excel_serial(raw, ctx.date1904)
    value = parsed.value if parsed.kind == NUMBER else (serial if serial is not None else default)
    return Margin(value, ref(settings.sheet, r, c), default)
