"""The hierarchy of budget lines typed with no code and no level: read from the sums.

A real Renja form (Permendagri 86/2017) has urusan, bidang, programme, kegiatan and
sub-kegiatan rows with no code at all; the hierarchy is only in its SUM formulas. A line
whose pagu equals the sum of the lines below it (up to where its block ends) is their
parent. Among all the readings that make every parent equal to the sum of its children,
the one with the fewest top-level lines is taken; when a typed total is there, the top-level
lines must add up to it. The words of the uraian (Program ..., Kegiatan ...) constrain the
reading: a line can sit under a worded line only when its word is lower.

Amounts are compared in whole cents (exact); a line with no pagu, a pagu of 0 or a negative
pagu is never a parent here (zero lines may still be children).
"""
from __future__ import annotations

from dataclasses import dataclass

MAX_STATES = 50_000        # per line: beyond it the line is left a leaf (and the table "uncertain")
MAX_ENDS = 16              # readings kept per line (where its block may end); more: ambiguous amounts
MAX_OPEN = 64              # partial readings kept per row position


@dataclass
class Inferred:
    parent: list[int | None]      # over all lines (total lines: None)
    parents_found: int            # lines found to be the sum of the lines below them
    unplaced: list[int]           # lines with no word, no children and no parent (read as programmes)
    total_ok: bool | None         # the typed total equals the top-level sum (None: no typed total)
    truncated: bool = False


def _cents(v) -> int | None:
    if v is None:
        return None
    return int(round(v * 100))


def infer(hint: list[int | None], pagu: list, is_total: list[bool]) -> Inferred:
    """Parents of the non-total lines from their pagu; `hint` is the level a word gives (or None)."""
    n = len(hint)
    idx = [i for i in range(n) if not is_total[i]]
    m = len(idx)
    cents = [_cents(pagu[i]) for i in idx]
    h = [hint[i] for i in idx]
    typed_total = None
    for i in range(n - 1, -1, -1):
        if is_total[i] and pagu[i] is not None:
            if not idx or i > idx[-1]:
                typed_total = _cents(pagu[i])
            break
    block_min: dict[tuple[int, int], int | None] = {}

    def min_hint(a: int, e: int) -> int | None:
        key = (a, e)
        if key not in block_min:
            vals = [x for x in h[a:e + 1] if x is not None]
            block_min[key] = min(vals) if vals else None
        return block_min[key]

    truncated = False
    # subtrees[k]: end -> (edges, children [(child, child_end)]), built from the last line up
    subtrees: list[dict[int, tuple[int, list]]] = [dict() for _ in range(m)]
    for k in range(m - 1, -1, -1):
        subtrees[k][k] = (0, [])
        if cents[k] is None or cents[k] <= 0:
            continue
        frontier: dict[int, dict[int, tuple[int, list]]] = {k + 1: {cents[k]: (0, [])}}
        states = 0
        for pos in range(k + 1, m + 1):
            here = frontier.pop(pos, None)
            if not here:
                continue
            if len(here) > MAX_OPEN:
                here, truncated = _keep_best(here, MAX_OPEN), True
            for r, (edges, kids) in here.items():
                if r == 0 and kids:
                    end = pos - 1
                    if end not in subtrees[k] or subtrees[k][end][0] < edges:
                        subtrees[k][end] = (edges, kids)
                if pos == m:
                    continue
                c = cents[pos]
                if c is None or c < 0 or c > r:
                    continue
                for end, (sub_edges, _) in subtrees[pos].items():
                    if h[k] is not None:
                        mh = min_hint(pos, end)
                        if mh is not None and mh <= h[k]:
                            continue
                    nxt = frontier.setdefault(end + 1, {})
                    cand = (edges + 1 + sub_edges, kids + [(pos, end)])
                    if r - c not in nxt or nxt[r - c][0] < cand[0]:
                        nxt[r - c] = cand
                        states += 1
            if states > MAX_STATES:
                truncated = True
                break
        if len(subtrees[k]) > MAX_ENDS:       # the line alone (a leaf) is always kept
            subtrees[k], truncated = {k: subtrees[k][k], **_keep_best(subtrees[k], MAX_ENDS - 1)}, True
    forest = _forest(subtrees, cents, m, typed_total)
    total_ok = None
    if typed_total is not None:
        total_ok = forest is not None
    if forest is None:
        forest = _forest(subtrees, cents, m, None)
    parent_c: list[int | None] = [None] * m
    has_kids = [False] * m

    def place(k: int, end: int) -> None:
        stack = [(k, end)]
        while stack:
            a, e = stack.pop()
            for child, child_end in subtrees[a][e][1]:
                parent_c[child] = a
                has_kids[a] = True
                stack.append((child, child_end))

    for k, end in forest:
        place(k, end)
    parent: list[int | None] = [None] * n
    for k in range(m):
        if parent_c[k] is not None:
            parent[idx[k]] = idx[parent_c[k]]
    unplaced = [idx[k] for k in range(m) if parent_c[k] is None and not has_kids[k] and h[k] is None]
    return Inferred(parent, sum(has_kids), unplaced, total_ok, truncated)


def _forest(subtrees, cents, m: int, total: int | None) -> list[tuple[int, int]] | None:
    """Top-level blocks covering every line with the most edges (top-level pagu adding up to
    `total` when given); None when no reading adds up to it."""
    # best[pos][remaining] = (edges, blocks); remaining is None without a total
    best: dict[int, dict] = {0: {total: (0, [])}}
    for pos in range(m):
        here = best.pop(pos, None)
        if not here:
            continue
        if len(here) > MAX_OPEN:               # and the reading with the most top-level lines so far
            flat = min((r for r in here if r is not None), default=None)
            kept = _keep_best(here, MAX_OPEN - 1)
            if flat is not None:
                kept[flat] = here[flat]
            here = kept
        for r, (edges, blocks) in here.items():
            c = cents[pos] or 0
            if r is not None and (c < 0 or c > r):
                continue
            nr = None if r is None else r - c
            for end, (sub_edges, _) in subtrees[pos].items():
                nxt = best.setdefault(end + 1, {})
                cand = (edges + sub_edges, blocks + [(pos, end)])
                if nr not in nxt or nxt[nr][0] < cand[0]:
                    nxt[nr] = cand
    done = best.get(m, {})
    key = 0 if total is not None else None
    if key not in done:
        return None
    return done[key][1]


def _keep_best(options: dict, limit: int) -> dict:
    """The `limit` options with the most edges (ties: the first found)."""
    ranked = sorted(options.items(), key=lambda kv: -kv[1][0])[:limit]
    return dict(ranked)
