"""Findings: data problems, collected (never raised) and reported with their cell.

Every finding has a stable code from the catalogue below, so the Inspektorat can
cite it. `sakip-xl codes` prints the catalogue and docs/kode-temuan.md is
generated from it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

GALAT = "galat"            # error: a number is wrong or cannot be computed
PERINGATAN = "peringatan"  # warning: computed, but look at it
INFO = "info"

SEVERITY_ORDER = {GALAT: 0, PERINGATAN: 1, INFO: 2}


@dataclass(frozen=True)
class Code:
    code: str
    severity: str
    title: str
    template: str   # str.format template for the message
    hint: str       # one line: how to fix


CATALOGUE: dict[str, Code] = {}   # every code registered so far: each codes module registers its own


def register(codes: list[Code]) -> None:
    """Add a section's codes to the catalogue (called when its module is imported)."""
    for c in codes:
        if c.code in CATALOGUE and CATALOGUE[c.code] != c:
            raise ValueError(f"duplicate finding code {c.code}")
        CATALOGUE[c.code] = c


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    sheet: str
    cell: str
    message: str
    hint: str

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def place(self) -> str:
        if not self.cell:
            return self.sheet
        return f"{self.sheet}!{self.cell}"


_observers: list = []   # callables told of every code raised (the test suite tracks coverage)


def make(code: str, sheet: str, cell: str, **fields) -> Finding:
    """Create a finding from its catalogue entry; unknown codes are a programming error."""
    entry = CATALOGUE[code]
    for observe in _observers:
        observe(code)
    return Finding(
        code=entry.code,
        severity=entry.severity,
        sheet=sheet,
        cell=cell,
        message=entry.template.format(**fields),
        hint=entry.hint,
    )


def optional_table(ctx, spec):
    """The table of an optional section's sheet, or None: a sheet of that name with another
    layout (a user's own "Rencana Aksi", say) is skipped with SEL-013 instead of stopping the run."""
    from sakip_xl.errors import WorkbookLayoutError

    try:
        return ctx.book.table(spec, required=False)
    except WorkbookLayoutError as err:
        ctx.findings.append(make("SEL-013", spec.name, "", detail=err.message))
        return None
