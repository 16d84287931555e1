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
from sakip_xl.rekap.model import Failure, IndicatorRow, OpdRow, Rekap, RekapFinding, SasaranRow, Skipped
from sakip_xl.rekap.report import JSON_KEYS_HELP, as_dict
from sakip_xl.rekap.run import default_jobs, recap
from sakip_xl.rekap.workbook import SHEETS, render

__all__ = ["Failure", "IndicatorRow", "JSON_KEYS_HELP", "OpdRow", "Rekap", "RekapFinding", "SHEETS", "SasaranRow",
           "Skipped", "as_dict", "default_jobs", "recap", "render"]
