"""Finding the same indicator in two documents by its name.

Two names are the same indicator when they are equal once spacing is tidied.
They are a near match, reported as a name difference rather than as missing,
when they are equal once case, spacing and punctuation are folded (and "%",
"prosentase" and "persentase" are taken for one word), or very similar.
Pairs are made one to one: exact pairs first, then near pairs, best first.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

NEAR = 0.8
_SYNONYMS = {"prosentase": "persentase", "presentase": "persentase", "persen": "persentase"}


@dataclass(frozen=True)
class Match:
    index: int        # position in the other list
    exact: bool
    score: float


def tidy(name: str) -> str:
    return " ".join(str(name).split())


def words(name: str) -> list[str]:
    s = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower()
    s = s.replace("%", " persentase ")
    return [_SYNONYMS.get(w, w) for w in re.findall(r"[a-z0-9]+", s)]


def fold(name: str) -> str:
    return "".join(words(name))


def similarity(a: str, b: str) -> float:
    """1.0 for names equal once folded; else the closer of character and word overlap."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return 0.0
    if fa == fb:
        return 1.0
    ratio = SequenceMatcher(None, fa, fb, autojunk=False).ratio()
    wa, wb = set(words(a)), set(words(b))
    contained = len(wa & wb) / min(len(wa), len(wb))
    return ratio if ratio >= contained else (ratio + contained) / 2


def match_names(names: list[str], others: list[str]) -> dict[int, Match]:
    """For each name (by position), the other name it stands for, if any."""
    result: dict[int, Match] = {}
    taken: set[int] = set()
    for i, name in enumerate(names):
        if not tidy(name):
            continue
        for j, other in enumerate(others):
            if j not in taken and tidy(other) == tidy(name):
                result[i] = Match(j, True, 1.0)
                taken.add(j)
                break
    pairs = []
    for i, name in enumerate(names):
        if i in result or not tidy(name):
            continue
        for j, other in enumerate(others):
            if j in taken:
                continue
            score = similarity(name, other)
            if score >= NEAR:
                pairs.append((-score, i, j))
    for neg, i, j in sorted(pairs):
        if i not in result and j not in taken:
            result[i] = Match(j, False, -neg)
            taken.add(j)
    return result


def same_unit(a: str, b: str) -> bool:
    """Units compared with case, spacing and the % synonyms folded."""
    return fold(a) == fold(b)
