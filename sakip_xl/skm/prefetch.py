"""Work done while python-calamine parses the SKM sheet.

Parsing a 100,000-row sheet takes about a second, during which python-calamine
releases the GIL. A helper thread uses that time to import numpy and the
computing modules, and to scan the sheet's XML for Excel error cells (which
python-calamine reads as blanks). The thread is always joined before the
analysis goes on, and its exception, if any, is raised in the caller.
"""
from __future__ import annotations

import threading


class Prefetch:
    def __init__(self, book, sheet: str | None):
        self._book, self._sheet = book, sheet
        self._errors: dict[str, str] = {}
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="sakip-skm-prefetch", daemon=True)

    def _run(self) -> None:
        try:
            from . import distribution, hasil, responses  # noqa: F401  (numpy and the writers)
            if self._sheet is not None:
                from ..package.cells import error_cells
                data = getattr(self._book, "_data", None)      # the workbook bytes the reader keeps
                if data is not None:
                    self._errors = error_cells(data, self._sheet)
        except BaseException as exc:  # re-raised in the caller by errors()
            self._failure = exc

    def start(self) -> "Prefetch":
        self._thread.start()
        return self

    def errors(self) -> dict[str, str]:
        """{'F5': '#DIV/0!'}: the error cells of the SKM sheet (waits for the thread)."""
        self._thread.join()
        if self._failure is not None:
            raise self._failure
        return self._errors
