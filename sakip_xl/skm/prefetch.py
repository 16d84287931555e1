"""Work done while python-calamine parses the SKM sheet.

Parsing a 100,000-row sheet takes most of a second, during which python-calamine
releases the GIL. A helper thread uses that time to import numpy and the
computing modules, and to get what python-calamine does not report about the
sheet: Excel error cells and formulas saved without a result (both read as
blanks) and hidden rows (WorkbookData.sheet_facts; for a big sheet they come
from the XML inflated for its parse). The thread is always joined before the
analysis goes on, and its exception, if any, is raised in the caller.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field


class Prefetch:
    def __init__(self, book, sheet: str | None):
        self._book, self._sheet = book, sheet
        self._errors: dict[str, str] = {}
        self._scan = None
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="sakip-skm-prefetch", daemon=True)

    def _run(self) -> None:
        try:
            from sakip_xl.skm import distribution, hasil, responses  # noqa: F401  (numpy and the writers)
            if self._sheet is not None and hasattr(self._book, "sheet_facts"):
                facts = self._book.sheet_facts(self._sheet)
                self._errors, self._scan = facts.errors, facts.scan
        except BaseException as exc:  # re-raised in the caller by errors()
            self._failure = exc

    def start(self) -> "Prefetch":
        self._thread.start()
        return self

    def result(self) -> "SheetFacts":
        """What python-calamine does not say about the SKM sheet (waits for the thread)."""
        self._thread.join()
        if self._failure is not None:
            raise self._failure
        scan = self._scan
        return SheetFacts(self._errors, dict(scan.unevaluated) if scan else {}, set(scan.hidden_rows) if scan else set())


@dataclass
class SheetFacts:
    errors: dict[str, str] = field(default_factory=dict)        # 'F5' -> '#DIV/0!'
    unevaluated: dict[str, str] = field(default_factory=dict)   # 'F5' -> formula saved without its result
    hidden_rows: set[int] = field(default_factory=set)          # 0-based
