"""Rekap: one kabupaten view over many OPD workbooks.

    rekap = recap("folder-opd")              # read every workbook (in parallel), never change one
    data = render(rekap, base_dir="out")     # the rekap workbook's bytes (links relative to out/)
    as_dict(rekap)                           # the same table as plain data (JSON)

Each workbook is read with the library API (engine.check), so the rekap's numbers
are the single-workbook results. Aggregation (aggregate.py) is pure and apart
from writing (workbook.py and the sheet modules).
"""
from __future__ import annotations

from sakip_xl.rekap import codes  # noqa: F401  (registers the REK codes)

# The names below are imported on first use, so that `rekap.keys` (the CLI's --help) and
# `rekap.codes` (the catalogue) load without the engine and the writers.
_LAZY = {
    "Failure": "model", "IndicatorRow": "model", "OpdRow": "model", "Rekap": "model", "RekapFinding": "model",
    "SasaranRow": "model", "Skipped": "model", "JSON_KEYS_HELP": "keys", "as_dict": "report",
    "default_jobs": "run", "recap": "run", "SHEETS": "workbook", "render": "workbook",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'sakip_xl.rekap' has no attribute {name!r}")
    import importlib
    return getattr(importlib.import_module(f"sakip_xl.rekap.{module}"), name)
