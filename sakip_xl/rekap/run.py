"""Processing the workbooks of a folder in parallel, in a stable order."""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable

from sakip_xl.rekap import aggregate
from sakip_xl.rekap.model import Failure, OpdRow, Rekap
from sakip_xl.rekap.scan import order_key, scan
from sakip_xl.rekap.summary import internal_failure, process

Progress = Callable[[int, int, str], None]   # (done, total, file name)


def default_jobs() -> int:
    return os.cpu_count() or 1


def recap(folder: str | Path, jobs: int | None = None, progress: Progress | None = None,
          exclude: tuple[Path, ...] = ()) -> Rekap:
    """Read every workbook of `folder` (never changing one) and aggregate them.

    `jobs` worker processes (default: the machine's cores; 1 = in this process);
    `progress(done, total, file_name)` is called as each workbook is done. Raises InputFileError
    when the folder does not exist or holds no workbook.
    """
    listing = scan(Path(folder), exclude)
    paths = [str(p) for p in listing.workbooks]
    tick = _counter(len(paths), progress)
    results = _process_all(paths, jobs or default_jobs(), tick)
    rows = [r for r in results if isinstance(r, OpdRow)]
    failures = listing.failures + [r for r in results if isinstance(r, Failure)]
    failures.sort(key=lambda f: order_key(f.file))
    return Rekap(rows=rows, failures=failures, skipped=listing.skipped, findings=aggregate.findings(rows))


def _counter(total: int, progress: Progress | None) -> Callable[[str], None]:
    state = {"done": 0}

    def tick(name: str) -> None:
        state["done"] += 1
        if progress is not None:
            progress(state["done"], total, name)
    return tick


def _process_all(paths: list[str], jobs: int, progress: Callable[[str], None]) -> list[OpdRow | Failure]:
    if jobs <= 1 or len(paths) <= 1:
        out = []
        for p in paths:
            out.append(process(p))
            progress(Path(p).name)
        return out
    done: dict[str, OpdRow | Failure] = {}
    suspects: list[str] = []
    with ProcessPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
        futures = {pool.submit(process, p): p for p in paths}
        for fut in as_completed(futures):
            p = futures[fut]
            try:
                done[p] = fut.result()
            except BrokenProcessPool:
                suspects.append(p)      # a worker died (killed, out of memory): retried alone below
                continue
            except Exception as exc:  # noqa: BLE001  (e.g. a result that cannot be sent back)
                done[p] = internal_failure(p, exc)
            progress(Path(p).name)
    for p in sorted(suspects):
        done[p] = _alone(p)
        progress(Path(p).name)
    return [done[p] for p in paths]


def _alone(path: str) -> OpdRow | Failure:
    """One workbook in its own process, so a crash names the file that caused it."""
    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(process, path).result()
    except BrokenProcessPool as exc:
        return Failure(Path(path).name, path,
                       "proses pembaca berhenti mendadak saat membuka file ini (mis. kehabisan memori). "
                       "Laporkan kepada pengelola sakip-xl beserta file ini.", type(exc).__name__, internal=True)
    except Exception as exc:  # noqa: BLE001
        return internal_failure(path, exc)
