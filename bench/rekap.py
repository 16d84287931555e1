"""Time the rekap of a folder of OPD workbooks against computing the same workbooks one by one.

    python bench/rekap.py [COUNT] [JOBS]

Builds (once, cached under bench/out/rekap-COUNT/) COUNT generated OPD workbooks
(default 100) of varied content: PK, SKM responses or distribution, Anggaran;
a third never computed, a third computed, a third edited after compute. Then,
in the same run, times:
- compute: `engine.compute` of every workbook to a scratch file, one after the other
  (what a user would run per file);
- rekap: `recap()` of the folder plus writing the rekap workbook, with JOBS worker
  processes (default: every core) and with 1;
and prints the time per workbook of each and the ratio rekap / compute.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from support.rekap_builders import opd_folder  # noqa: E402
from sakip_xl.engine import compute  # noqa: E402
from sakip_xl.rekap import recap, render  # noqa: E402


def folder_of(count: int) -> Path:
    folder = ROOT / "bench" / "out" / f"rekap-{count}"
    if not folder.exists() or len(list(folder.glob("*.xlsx"))) != count:
        shutil.rmtree(folder, ignore_errors=True)
        opd_folder(folder, count)
    return folder


def time_compute(paths: list[Path]) -> float:
    with tempfile.TemporaryDirectory() as scratch:
        start = time.perf_counter()
        for p in paths:
            compute(p, Path(scratch) / p.name)
        return time.perf_counter() - start


def time_rekap(folder: Path, jobs: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as scratch:
        start = time.perf_counter()
        rekap = recap(folder, jobs=jobs)
        out = Path(scratch) / "rekap.xlsx"
        out.write_bytes(render(rekap, scratch))
        elapsed = time.perf_counter() - start
    assert not rekap.failures, rekap.failures
    return elapsed, len(rekap.rows)


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("count", nargs="?", type=int, default=100, help="number of OPD workbooks (default 100)")
    ap.add_argument("jobs", nargs="?", type=int, default=os.cpu_count() or 1, help="worker processes")
    args = ap.parse_args()
    count, jobs = args.count, args.jobs
    folder = folder_of(count)
    paths = sorted(folder.glob("*.xlsx"))
    time_compute(paths[:3])                       # warm up imports and caches
    single = time_compute(paths) / count
    print(f"{count} workbooks, {os.cpu_count()} cores")
    print(f"compute, one file at a time:  {single * 1000:7.1f} ms per workbook")
    for j in sorted({jobs, 1}, reverse=True):
        elapsed, rows = time_rekap(folder, j)
        assert rows == count
        per = elapsed / count
        print(f"rekap, {j} job(s):              {per * 1000:7.1f} ms per workbook  "
              f"(total {elapsed:.2f} s; ratio rekap/compute {per / single:.2f})")


if __name__ == "__main__":
    main()
