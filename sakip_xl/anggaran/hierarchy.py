"""Which budget line sits under which: from codes, from the old numbering, or from row order.

Pure functions over the typed text of each line. Three ways staff show the
hierarchy, in this order of precedence:
- codes (`7.01.02` programme, `7.01.02.2.01` kegiatan, `7.01.02.2.01.0001`
  sub-kegiatan): the longest code that is a prefix of a code is its parent;
- the level column (program / kegiatan / sub kegiatan) or the first word of the
  uraian (Program ..., Kegiatan ..., Sub Kegiatan ...);
- the old numbering (I, II, III for programmes, 1, 2, 3 for the kegiatan below).
Without a code, a line's parent is the nearest line above it with a lower level.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from sakip_xl.read.schema import normalize_choice, normalize_header
from sakip_xl.anggaran import classes as K
from sakip_xl.anggaran.infer import infer

LABELS = {1: "program", 2: "kegiatan", 3: "sub kegiatan"}
TOTAL_LABEL = "jumlah"

_ROMAN = re.compile(r"^(X{0,3})(IX|IV|V?I{0,3})$")
_ARABIC = re.compile(r"^\d{1,3}$")
_LETTER = re.compile(r"^[a-zA-Z]$")
_SEGMENT = re.compile(r"^[0-9A-Za-z]+$")
_LEVEL_WORDS = {"program": 1, "programme": 1, "kegiatan": 2, "sub kegiatan": 3, "subkegiatan": 3,
                "sub-kegiatan": 3}


@dataclass(frozen=True)
class Issue:
    code: str          # finding code
    index: int         # line the finding is about
    key: str           # input column of the cell
    fields: dict = field(default_factory=dict)
    other: int | None = None   # another line the message names (first use of a duplicate code)


@dataclass
class Structure:
    is_total: list[bool]
    level: list[int | None]            # None for total lines
    parent: list[int | None]
    issues: list[Issue]
    uncertain_total: bool = False      # no code/level and the typed total fits no reading of the sums
    _children: dict | None = field(default=None, repr=False, compare=False)

    def children(self, i: int) -> list[int]:
        if self._children is None:         # built once: asked for every line of a 500-line budget
            self._children = {}
            for j, p in enumerate(self.parent):
                if p is not None and not self.is_total[j]:
                    self._children.setdefault(p, []).append(j)
        return list(self._children.get(i, ()))

    def top(self) -> list[int]:
        return [j for j, p in enumerate(self.parent) if p is None and not self.is_total[j]]

    def label(self, i: int) -> str:
        if self.is_total[i]:
            return TOTAL_LABEL
        lv = self.level[i]
        if lv is not None and lv < 1:          # read from the sums: above the programmes
            return "bidang urusan" if lv == 0 else "urusan"
        return LABELS.get(lv, "rincian")


def clean_code(kode: str) -> str:
    return kode.strip().rstrip(".)").strip()


def segments(kode: str) -> tuple[str, ...] | None:
    """'7.01.02' -> ('7', '01', '02'); None when the text is not a dotted code."""
    parts = tuple(p.strip() for p in clean_code(kode).split("."))
    if len(parts) < 2 or not all(_SEGMENT.match(p) for p in parts):
        return None
    return tuple(p.upper() for p in parts)


def numbering(kode: str) -> int | None:
    """Level implied by old-style numbering: 1 roman, 2 arabic, 3 letter (before adjusting)."""
    k = clean_code(kode)
    if k and _ROMAN.match(k):
        return 1
    if _ARABIC.match(k):
        return 2
    if _LETTER.match(k):
        return 3
    return None


def is_total_text(kode: str, uraian: str) -> bool:
    words = normalize_header(uraian).split()
    return not kode.strip() and bool(words) and words[0] in ("jumlah", "total")


def level_word(text: str) -> int | None | str:
    """The level column: 1/2/3, 'total', None when blank, '?' when not understood."""
    norm = normalize_choice(text)
    if not norm:
        return None
    if norm in ("jumlah", "total"):
        return "total"
    return _LEVEL_WORDS.get(norm, "?")


def uraian_level(uraian: str) -> int | None:
    norm = normalize_header(uraian)
    if re.match(r"^sub ?kegiatan\b", norm):
        return 3
    if re.match(r"^kegiatan\b", norm):
        return 2
    if re.match(r"^program(me)?\b", norm):
        return 1
    return None


def structure(kodes: list[str], uraians: list[str], tingkat: list[str] | None = None,
              pagu: list | None = None) -> Structure:
    """The hierarchy of the Anggaran lines; `pagu` (per line, None when not a number) lets lines
    with no code, level or word be placed by the sums."""
    n = len(kodes)
    tingkat = tingkat or [""] * n
    issues: list[Issue] = []
    words = []
    for i in range(n):
        w = level_word(tingkat[i])
        if w == "?":
            issues.append(Issue("ANG-016", i, "tingkat", {"text": tingkat[i].strip()}))
            w = None
        words.append(w)
    is_total = [words[i] == "total" or (words[i] is None and is_total_text(kodes[i], uraians[i])) for i in range(n)]
    declared = [w if isinstance(w, int) else None for w in words]
    segs = [None if is_total[i] else segments(kodes[i]) for i in range(n)]
    _short_codes(kodes, segs, is_total)
    uncertain = False
    if any(s is not None for s in segs):
        level, parent = _by_code(segs, kodes, declared, uraians, is_total, issues)
    else:
        level, parent, uncertain = _by_numbering(kodes, declared, uraians, is_total, issues, pagu)
    return Structure(is_total, level, parent, issues, uncertain)


def _unplaced_issue(rows: list[int]) -> list[Issue]:
    """One ANG-017 for all the lines read as programmes for want of any sign, at the first of them."""
    return [Issue("ANG-017", rows[0], "uraian", {"n": len(rows)})] if rows else []


def _short_codes(kodes, segs, is_total) -> None:
    """`1 / 1.1 / 1.2 / 2`: single-segment codes are codes too (in place in `segs`) when one of them
    is followed by a two-segment code starting with it; else they stay old numbering (kegiatan 1, 2
    under a programme with a full code)."""
    single = {}
    for i, k in enumerate(kodes):
        c = clean_code(k).upper()
        if not is_total[i] and segs[i] is None and c and _SEGMENT.match(c):
            single[i] = c
    if not single:
        return
    opens = any(i + 1 < len(segs) and segs[i + 1] is not None and len(segs[i + 1]) == 2 and segs[i + 1][0] == c
                for i, c in single.items())
    if not opens:
        return
    digits = all(c.isdigit() for c in single.values())
    for i, c in single.items():
        if c.isdigit() == digits or any(s is not None and s[0] == c for s in segs):
            segs[i] = (c,)


def _by_code(segs, kodes, declared, uraians, is_total, issues):
    n = len(segs)
    first: dict[tuple, int] = {}
    for i, s in enumerate(segs):
        if s is None:
            continue
        if s in first:
            issues.append(Issue("ANG-008", i, "kode", {"kode": ".".join(s)}, other=first[s]))
        else:
            first[s] = i
    lengths = sorted({len(s) for s in segs if s is not None})
    parent: list[int | None] = [None] * n
    for i, s in enumerate(segs):
        if s is None:
            continue
        shorter = [k for k in lengths if k < len(s)]
        if shorter and s[: shorter[-1]] not in first:
            issues.append(Issue("ANG-007", i, "kode", {"kode": ".".join(s), "induk": ".".join(s[: shorter[-1]])}))
        for k in range(len(s) - 1, 0, -1):
            if s[:k] in first:
                parent[i] = first[s[:k]]
                break
    depth: dict[int, int] = {}

    def depth_of(i: int) -> int:
        if i not in depth:
            depth[i] = 1 if parent[i] is None else depth_of(parent[i]) + 1
        return depth[i]

    level: list[int | None] = [None] * n
    for i in range(n):
        if segs[i] is not None:
            level[i] = declared[i] or depth_of(i)
    unplaced = []
    for i in range(n):
        if is_total[i] or segs[i] is not None:
            continue
        lv = declared[i] or uraian_level(uraians[i]) or numbering(kodes[i])
        if lv is None:
            unplaced.append(i)
            lv = 1
        level[i] = lv
        parent[i] = _nearest_above(i, lv, level, is_total)
    issues += _unplaced_issue(unplaced)
    return level, parent


def _running(kodes, is_total) -> bool:
    """1, 2, 3 ... n down the table (a slip or two allowed): a row counter, not a hierarchy."""
    texts = [clean_code(kodes[i]) for i in range(len(kodes)) if not is_total[i]]
    nums = [int(k) for k in texts if _ARABIC.match(k)]
    if len(nums) < 4 or len(nums) < 0.8 * len(texts) or nums.count(1) > 1:
        return False
    steps = sum(1 for a, b in zip(nums, nums[1:]) if b == a + 1)
    return steps >= 0.9 * (len(nums) - 1)


def _by_numbering(kodes, declared, uraians, is_total, issues, pagu=None):
    n = len(kodes)
    counter = pagu is not None and _running(kodes, is_total)
    has_roman = any(not is_total[i] and numbering(kodes[i]) == 1 for i in range(n))
    level: list[int | None] = [None] * n
    for i in range(n):
        if is_total[i]:
            continue
        num = None if counter else numbering(kodes[i])
        if num is not None and not has_roman:
            num -= 1
        level[i] = declared[i] or uraian_level(uraians[i]) or num
    if pagu is not None and any(level[i] is None for i in range(n) if not is_total[i]):
        return _by_sums(level, pagu, kodes, uraians, is_total, issues)
    informed = any(level[i] is not None for i in range(n) if not is_total[i])
    parent: list[int | None] = [None] * n
    unplaced = []
    for i in range(n):
        if is_total[i]:
            continue
        if level[i] is None:
            if informed:
                unplaced.append(i)
            level[i] = 1
        parent[i] = _nearest_above(i, level[i], level, is_total)
    issues += _unplaced_issue(unplaced)
    return level, parent, False


def _by_sums(hint, pagu, kodes, uraians, is_total, issues):
    """Lines without any sign of their level: placed by the sums (see infer.py)."""
    n = len(hint)
    rest = [i for i in range(n) if not is_total[i]]
    last = rest[-1] if rest else None
    unnamed_total = (last is not None and not kodes[last].strip() and not uraians[last].strip()
                     and pagu[last] is not None and not any(is_total[last + 1:]))
    res = None
    if unnamed_total:          # the form's total row often has no text at all
        is_total[last] = True
        res = infer(hint, pagu, is_total)
        if not res.total_ok:
            is_total[last] = False
            res = None
    if res is None:
        res = infer(hint, pagu, is_total)
    parent = res.parent
    for i in range(n):         # worded lines the sums left on top: under the worded line above
        if not is_total[i] and parent[i] is None and hint[i] is not None:
            parent[i] = _nearest_above(i, hint[i], hint, is_total)
    level = _levels(hint, parent, is_total)
    by_sums = [i for i in range(n) if not is_total[i] and hint[i] is None and i not in res.unplaced]
    if res.parents_found and by_sums:
        issues.append(Issue("ANG-021", by_sums[0], "uraian", {"n": len(by_sums), "parents": res.parents_found}))
    if res.parents_found or any(h is not None for h in hint):
        # a top-level line the typed total confirms is no doubt; one with no pagu is
        issues += _unplaced_issue([i for i in res.unplaced if not (res.total_ok and pagu[i] is not None)])
    return level, parent, res.total_ok is False


def _levels(hint, parent, is_total) -> list[int | None]:
    """Worded lines keep their word's level; a line above worded lines is one level above the
    highest of its children (0, -1: bidang urusan, urusan); the others one below their parent."""
    n = len(hint)
    level: list[int | None] = list(hint)
    kids: dict[int, list[int]] = {}
    for i, p in enumerate(parent):
        if p is not None and not is_total[i]:
            kids.setdefault(p, []).append(i)
    for i in range(n - 1, -1, -1):
        if is_total[i] or level[i] is not None:
            continue
        known = [level[c] for c in kids.get(i, ()) if level[c] is not None]
        if known:
            level[i] = min(known) - 1
    for i in range(n):
        if is_total[i]:
            level[i] = None
        elif level[i] is None:
            p = parent[i]
            level[i] = 1 if p is None or level[p] is None else level[p] + 1
    return level


def _nearest_above(i, lv, level, is_total) -> int | None:
    for j in range(i - 1, -1, -1):
        if not is_total[j] and level[j] is not None and level[j] < lv:
            return j
    return None


def class_structure(texts: list[str], nos: list[str] | None = None) -> tuple[Structure, list[str | None], str]:
    """The hierarchy of the Belanja lines (group rows, their rincian below them, or above a
    'TOTAL <group>' row as the LRA prints them; account codes 5.2 / 5.2.01 in the No column when
    typed), the class of each line, and the classification in use."""
    n = len(texts)
    recognised = [K.recognise(t) for t in texts]
    scheme = K.scheme_of(c for c in recognised if c)
    is_total = [recognised[i] is None and is_total_text("", texts[i]) for i in range(n)]
    footer = [recognised[i] is not None and is_total_text("", texts[i]) for i in range(n)]
    issues: list[Issue] = []
    unknown_sub = [False] * n
    for i in range(n):
        cls = recognised[i]
        if is_total[i]:
            continue
        if cls is None:
            issues.append(Issue("ANG-013", i, "jenis_belanja", {"text": texts[i].strip(),
                                                                "effect": "dianggap kelompok tersendiri"}))
        elif K.is_group(cls, scheme) and not footer[i] and K.extra_words(texts[i], cls):
            unknown_sub[i] = True
            issues.append(Issue("ANG-013", i, "jenis_belanja", {"text": texts[i].strip(),
                                                                "effect": f"dibaca sebagai rincian {cls}"}))
    parent: list[int | None] = [None] * n
    for i in range(n):
        cls = recognised[i]
        if is_total[i] or cls is None or (K.is_group(cls, scheme) and not unknown_sub[i]):
            continue
        wanted = (cls,) if unknown_sub[i] else K.container_of(cls, scheme)
        parent[i] = _class_parent(i, wanted, recognised, footer, unknown_sub, is_total, scheme)
    _code_parents(nos, parent, is_total)
    for issue in issues:
        if recognised[issue.index] is None and parent[issue.index] is not None:
            issue.fields["effect"] = f"dibaca sebagai rincian baris {texts[parent[issue.index]].strip()} (dari kodenya)"
    level = _depths(parent, is_total)
    return Structure(is_total, level, parent, issues), recognised, scheme


def _class_parent(i, wanted, recognised, footer, unknown_sub, is_total, scheme) -> int | None:
    """The nearest line above of a wanted class; else the 'TOTAL <group>' line below closing this block."""
    for j in range(i - 1, -1, -1):
        if not is_total[j] and not footer[j] and not unknown_sub[j] and recognised[j] in wanted:
            return j
    for j in range(i + 1, len(recognised)):
        if is_total[j]:
            return None
        if footer[j] and recognised[j] in wanted:
            return j
        if footer[j] or (recognised[j] is not None and K.is_group(recognised[j], scheme) and not unknown_sub[j]):
            return None
    return None


def _code_parents(nos, parent, is_total) -> None:
    """Account codes typed in the No column (5.2, 5.2.01) give the parent by prefix, over the names."""
    if not nos:
        return
    segs = [None if is_total[i] else segments(k) for i, k in enumerate(nos)]
    first: dict[tuple, int] = {}
    for i, sg in enumerate(segs):
        if sg is not None:
            first.setdefault(sg, i)
    for i, sg in enumerate(segs):
        if sg is None:
            continue
        for k in range(len(sg) - 1, 0, -1):
            if sg[:k] in first:
                parent[i] = first[sg[:k]]
                break


def _depths(parent, is_total) -> list[int | None]:
    level: list[int | None] = [None] * len(parent)
    for i in range(len(parent)):
        if is_total[i]:
            continue
        d, j, seen = 1, parent[i], {i}
        while j is not None and j not in seen:
            seen.add(j)
            d, j = d + 1, parent[j]
        level[i] = d
    return level
