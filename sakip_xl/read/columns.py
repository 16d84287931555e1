"""A sheet column as the analyses read it: its cells, and the same cells as codes into
the column's distinct values.

A survey column of 100,000 answers holds a handful of distinct values (1, 2, 3, 4,
""; a few service names; dates of one year). Judging each distinct value once and
spreading the verdict with numpy (`table`) replaces a Python call per cell by a
dictionary lookup per cell, done once per column, and for a big sheet that is done
in the threads that parse it (bigsheet.py), while the rest of the sheet is still
being parsed.

Values that are equal in Python share a code (1 == 1.0): `fn` given to `table`
must give equal results for equal values. Booleans (True == 1) and anything but
the plain types python-calamine returns are never coded: a column holding one is
judged cell by cell.
"""
from __future__ import annotations

import datetime as _dt
from itertools import chain, repeat
from typing import Callable, Iterable, Sequence

import numpy as np

CODED_KINDS = frozenset({str, float, int, _dt.datetime, _dt.date, _dt.time, _dt.timedelta})
_MIN_DISTINCT_LIMIT = 64
_SAMPLE = 2048


def rebuildable(kinds) -> bool:
    """Whether a coded column's cells can be rebuilt from its codes: not when ints and floats
    share codes (1 == 1.0 keeps the first one seen)."""
    return kinds is not None and not (int in kinds and float in kinds)


def factorize(values: Sequence) -> tuple[frozenset | None, list | None, np.ndarray | None]:
    """(the types present, distinct values in order of first appearance, int32 code per cell);
    the last two are None when the column holds other types or too many distinct values, and
    the types are None when a sample already shows too many distinct values (a No or a
    free-text column: not worth coding, judged cell by cell)."""
    if len(values) > 2 * _SAMPLE and len(dict.fromkeys(values[:_SAMPLE])) > _SAMPLE // 2:
        return None, None, None
    kinds = frozenset(map(type, values))
    if not kinds <= CODED_KINDS:
        return kinds, None, None
    distinct = dict.fromkeys(values)
    if len(distinct) > max(_MIN_DISTINCT_LIMIT, len(values) // 4):
        return kinds, None, None
    index = dict(zip(distinct, range(len(distinct))))
    return kinds, list(distinct), np.fromiter(map(index.__getitem__, values), np.int32, len(values))


class Column:
    """The cells of one column, top to bottom (from a given row down, after `below`)."""

    def __init__(self, length: int, kinds: frozenset | None, distinct: list | None, codes: np.ndarray | None,
                 values: Sequence | None = None, build: Callable[[], Sequence] | None = None):
        self._n = length
        self.kinds = kinds
        self.distinct = distinct if codes is not None else None
        self.codes = codes if distinct is not None else None
        self._values = values
        self._build = build

    @classmethod
    def of(cls, values: Sequence) -> "Column":
        kinds, distinct, codes = factorize(values)
        return cls(len(values), kinds, distinct, codes, values=values)

    @classmethod
    def joined(cls, parts: Iterable[tuple[int, tuple | None]]) -> "Column":
        """A column made of consecutive parts: (length, (kinds, distinct, codes, values)) or
        (length, None) for a run of empty cells. A part's values may be None when its codes
        rebuild them (`rebuildable`)."""
        parts = list(parts)
        n = sum(length for length, _ in parts)
        kinds = frozenset(chain.from_iterable(p[0] or () for _, p in parts if p is not None))
        if any(length and p is None for length, p in parts):
            kinds |= {str}
        coded = kinds <= CODED_KINDS and all(p is None or (p[0] is not None and p[2] is not None) for _, p in parts)
        distinct = codes = None
        if coded:
            index: dict = {}
            chunks = []
            for length, p in parts:
                if p is None:
                    chunks.append(np.full(length, index.setdefault("", len(index)), np.int32))
                else:
                    remap = np.fromiter((index.setdefault(v, len(index)) for v in p[1]), np.int32, len(p[1]))
                    chunks.append(remap[p[2]])
            distinct, codes = list(index), np.concatenate(chunks) if chunks else np.zeros(0, np.int32)

        def cells(p):
            if p[3] is not None:
                return p[3]
            return map(p[1].__getitem__, p[2].tolist())

        def build() -> tuple:
            return tuple(chain.from_iterable(repeat("", length) if p is None else cells(p) for length, p in parts))

        return cls(n, kinds, distinct, codes, build=build)

    @property
    def values(self) -> Sequence:
        if self._values is None:
            self._values, self._build = self._build(), None
        return self._values

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: int):
        if self._values is None and self.codes is not None and rebuildable(self.kinds):
            return self.distinct[self.codes[i]]       # one cell, without building the whole column
        return self.values[i]

    def __iter__(self):
        return iter(self.values)

    def below(self, first: int) -> "Column":
        """The cells from row `first` (0-based) down."""
        if first == 0:
            return self
        n = max(self._n - first, 0)
        codes = self.codes[first:] if self.codes is not None else None
        if self._values is not None:
            return Column(n, self.kinds, self.distinct, codes, values=self._values[first:])
        return Column(n, self.kinds, self.distinct, codes, build=lambda: self.values[first:])

    def head(self, n: int) -> "Column":
        """The first `n` cells (the rows above a table's summary rows)."""
        if n >= self._n:
            return self
        codes = self.codes[:n] if self.codes is not None else None
        if self._values is not None:
            return Column(n, self.kinds, self.distinct, codes, values=self._values[:n])
        return Column(n, self.kinds, self.distinct, codes, build=lambda: self.values[:n])

    def table(self, fn: Callable[[object], object], dtype) -> np.ndarray:
        """fn of every cell, as an array: fn runs once per distinct value when the column is coded."""
        if self.codes is not None:
            return np.fromiter(map(fn, self.distinct), dtype, len(self.distinct))[self.codes] \
                if self.distinct else np.zeros(0, dtype)
        return np.fromiter(map(fn, self.values), dtype, self._n)

    def first_seen(self, mask: np.ndarray | None = None) -> list:
        """The distinct values in the order they first appear (among the masked cells), coded columns only."""
        codes = self.codes if mask is None else self.codes[mask]
        present, first = np.unique(codes, return_index=True)
        return [self.distinct[c] for c in present[np.argsort(first, kind="stable")].tolist()]

    def any_nonblank(self) -> bool:
        """Whether any cell holds something other than ''."""
        if self.codes is not None:
            if "" not in self.distinct:
                return self._n > 0
            return bool(np.any(self.codes != self.distinct.index("")))
        return any(v != "" for v in self.values)


class ColumnRows:
    """A sheet's rows read from its columns, built one row at a time when asked.

    A big sheet's pieces keep their cells as coded columns only (bigsheet.py): a
    million rows of lists would cost gigabytes. This reads like the list of rows
    calamine gives (len, index, slice, iteration, ==), each row a fresh list.
    """

    def __init__(self, columns: list, length: int, start: int = 0):
        self._columns = columns
        self._n = length
        self._start = start

    def __len__(self) -> int:
        return self._n

    def __bool__(self) -> bool:
        return self._n > 0

    def _row(self, i: int) -> list:
        return [col[i] for col in self._columns]

    def column(self, c: int) -> Sequence:
        """Column `c`'s cells in these rows ('' past the sheet's last column), without building rows."""
        if c >= len(self._columns):
            return ("",) * self._n
        return self._columns[c].values[self._start:self._start + self._n]

    def __getitem__(self, i):
        if isinstance(i, slice):
            start, stop, step = i.indices(self._n)
            if step != 1:
                return [self._row(self._start + k) for k in range(start, stop, step)]
            return ColumnRows(self._columns, max(stop - start, 0), self._start + start)
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError("row index out of range")
        return self._row(self._start + i)

    def __iter__(self):
        for i in range(self._start, self._start + self._n):
            yield self._row(i)

    def __eq__(self, other) -> bool:
        if isinstance(other, (ColumnRows, list)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __repr__(self) -> str:
        return f"ColumnRows({self._n} rows x {len(self._columns)} columns)"
