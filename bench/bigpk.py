"""Benchmark: `sakip-xl compute` on a PK or Anggaran sheet of 100,000 rows against the read floor.

Workbooks (generated in constant memory with xlsxwriter):

- pk:       a PK sheet whose first indicator is complete, then ROWS one-cell rows (only the
            indicator's name): each of them raises findings (no target, no realisation), so
            the Pemeriksaan sheet holds more findings than Excel's 65,530 hyperlinks;
- anggaran: a short PK, then an Anggaran sheet of ROWS lines (programmes of 24 activities,
            every 50th activity over its ceiling so that some findings are raised too).

Each is measured as separate processes, interleaved run by run so both see the same
machine load: the floor (a single-threaded python-calamine read of every sheet of the
same file) and `sakip-xl compute FILE -o OUT`. Peak memory is the child's peak RSS
(resource.getrusage / wait4); every child runs under an address-space cap (--cap-gb).
The result is the ratio compute/floor (goal <= 3) and compute's peak (goal <= 1 GB); the
compute child's stderr is checked for library warnings. A lower bound is printed beside it:
the time to deflate, at zlib's fastest level, the XML compute added (output_floor), as a ratio
to the floor: no writer that compresses the same sheets can do better.

    python bench/bigpk.py [--kind pk,anggaran] [--rows 100000] [--runs 3] [--cap-gb 6] [--keep]
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from skm_100k import FLOOR, OUT, ensure_bytecode, sakip_cmd, write_settings  # noqa: E402


def pk_sheet(wb, rnd: random.Random, indicators: int, mixed_polarity: bool = False):
    """The PK sheet with `indicators` rows (every 7th negative with `mixed_polarity`); returns
    (worksheet, column keys, the next free row)."""
    from sakip_xl.pk.schema import PK

    ws = wb.add_worksheet(PK.name)
    keys = [c.key for c in PK.columns]
    for c, col in enumerate(PK.columns):
        ws.write_string(PK.header_row - 1, c, col.header)
    for i in range(indicators):
        r = PK.header_row + i
        ws.write_number(r, keys.index("no"), i + 1)
        ws.write_string(r, keys.index("sasaran"), f"Sasaran {i // 5 + 1}")
        ws.write_string(r, keys.index("indikator"), f"Indikator kinerja nomor {i + 1}")
        ws.write_string(r, keys.index("satuan"), "%")
        if mixed_polarity:
            ws.write_string(r, keys.index("polaritas"), "negatif" if i % 7 == 0 else "positif")
        ws.write_number(r, keys.index("target"), 100)
        ws.write_number(r, keys.index("realisasi"), round(rnd.uniform(50, 120), 2))
    return ws, keys, PK.header_row + indicators


def generate_pk(path: Path, rows: int, seed: int = 20) -> None:
    """A PK sheet: one complete indicator, then `rows` rows holding only an indicator's name."""
    rnd = random.Random(seed)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False,
                                          "strings_to_formulas": False, "strings_to_urls": False})
    write_settings(wb, {"instansi": "Kabupaten Contoh", "tahun": 2021})
    ws, keys, r = pk_sheet(wb, rnd, 1)
    c = keys.index("indikator")
    for i in range(rows):
        ws.write_string(r + i, c, f"Indikator {i + 2}")
    wb.close()


def generate_anggaran(path: Path, rows: int, seed: int = 20) -> None:
    """A short PK, then an Anggaran sheet of `rows` lines: programmes of 24 activities."""
    from sakip_xl.anggaran.schema import ANGGARAN

    rnd = random.Random(seed)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False,
                                          "strings_to_formulas": False, "strings_to_urls": False})
    write_settings(wb, {"instansi": "Kabupaten Contoh", "tahun": 2021})
    pk_sheet(wb, rnd, 20)
    ws = wb.add_worksheet(ANGGARAN.name)
    keys = [c.key for c in ANGGARAN.columns]
    for c, col in enumerate(ANGGARAN.columns):
        ws.write_string(ANGGARAN.header_row - 1, c, col.header)
    r = ANGGARAN.header_row
    end = r + rows
    p = 0
    while r < end:
        n = min(24, end - r - 1)
        kegiatan = []
        for k in range(n):
            pg = rnd.randrange(10, 500) * 1_000_000
            rl = int(pg * rnd.uniform(0.6, 1.0)) if (p * 24 + k) % 50 else pg + 1_000_000
            kegiatan.append((pg, rl))
        r = write_programme(ws, keys, r, p, f"7.01.{p + 1:05d}", f"Sasaran {p % 4 + 1}", kegiatan)
        p += 1
    wb.close()


GENERATORS = {"pk": generate_pk, "anggaran": generate_anggaran}


def write_programme(ws, keys: list[str], r: int, p: int, code: str, sasaran: str, kegiatan) -> int:
    """One programme row (its pagu and realisasi the sums of its kegiatan) and its kegiatan rows;
    returns the next free row."""
    ws.write_string(r, keys.index("kode"), code)
    ws.write_string(r, keys.index("uraian"), f"Program {p + 1}")
    ws.write_number(r, keys.index("pagu"), sum(k[0] for k in kegiatan))
    ws.write_number(r, keys.index("realisasi"), sum(k[1] for k in kegiatan))
    ws.write_string(r, keys.index("sasaran"), sasaran)
    r += 1
    for k, (pg, rl) in enumerate(kegiatan):
        ws.write_string(r, keys.index("kode"), f"{code}.2.{k + 1:02d}")
        ws.write_string(r, keys.index("uraian"), f"Kegiatan {p + 1}.{k + 1}")
        ws.write_number(r, keys.index("pagu"), pg)
        ws.write_number(r, keys.index("realisasi"), rl)
        r += 1
    return r


def run_capped(cmd: list[str], cap_bytes: int, with_cpu: bool = False) -> tuple:
    """Wall time (s), peak RSS (MB) and stderr of one child process run under an address-space cap
    (and, with `with_cpu`, its CPU time: user + system, s, last)."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (cap_bytes, cap_bytes))

    t = time.perf_counter()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=limit, env=env)
    err = proc.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{cmd[:3]} failed ({code}) after {elapsed:.1f} s at a peak of "
                         f"{usage.ru_maxrss / 1024:.0f} MB: {err[-2000:]}")
    if with_cpu:
        return elapsed, usage.ru_maxrss / 1024, err, usage.ru_utime + usage.ru_stime
    return elapsed, usage.ru_maxrss / 1024, err


def measure(src: Path, runs: int, cap: int) -> dict:
    dst = src.with_name(src.stem + "-hasil.xlsx")
    cmds = {"floor": [sys.executable, "-c", FLOOR, str(src)],
            "compute": sakip_cmd() + ["compute", str(src), "-o", str(dst)]}
    walls = {k: [] for k in cmds}
    cpus = {k: [] for k in cmds}
    peak = {k: 0.0 for k in cmds}
    stderr = ""
    for _ in range(runs):
        for name, cmd in cmds.items():
            wall, mem, err, cpu = run_capped(cmd, cap, with_cpu=True)
            walls[name].append(wall)
            cpus[name].append(cpu)
            peak[name] = max(peak[name], mem)
            if name == "compute":
                stderr = err
    out_floor, out_mb = output_floor(src, dst)
    dst.unlink(missing_ok=True)
    return {"floor": statistics.median(walls["floor"]), "compute": statistics.median(walls["compute"]),
            "output_floor": out_floor, "output_mb": out_mb,
            "floor_cpu": statistics.median(cpus["floor"]), "compute_cpu": statistics.median(cpus["compute"]),
            "floor_mb": peak["floor"], "compute_mb": peak["compute"], "stderr": stderr,
            "runs": walls}


def output_floor(src: Path, dst: Path, runs: int = 3) -> tuple[float, float]:
    """A lower bound on writing what compute adds: the time (median of `runs`) to deflate, at
    zlib's fastest level and on one core, the XML of the parts in `dst` that are not in `src`
    (the computed sheets, their styles and strings), without making a byte of it; and that
    XML's size in MB. Any writer that compresses its output pays at least this much."""
    import zipfile
    import zlib

    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst) as b:
        before = set(a.namelist())
        parts = [b.read(i) for i in b.infolist() if i.filename not in before]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        for xml in parts:
            zlib.compress(xml, 1)
        times.append(time.perf_counter() - t)
    return statistics.median(times), sum(map(len, parts)) / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kind", default="pk,anggaran", help="pk, anggaran or both (comma-separated)")
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cap-gb", type=float, default=6.0, help="address-space cap of every child (GB)")
    ap.add_argument("--keep", action="store_true", help="keep the generated workbooks in bench/out")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    ensure_bytecode()
    cap = int(args.cap_gb * 1e9)
    rows = []
    for kind in args.kind.split(","):
        src = OUT / f"big{kind}-{args.rows}.xlsx"
        t = time.perf_counter()
        GENERATORS[kind](src, args.rows)
        print(f"generated {src.name}: {src.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - t:.1f} s",
              flush=True)
        res = measure(src, args.runs, cap)
        ratio = res["compute"] / res["floor"]
        print(f"{kind:9s} {args.rows:>8} baris | floor {res['floor']:6.2f} s {res['floor_mb']:5.0f} MB "
              f"| compute {res['compute']:6.2f} s {res['compute_mb']:5.0f} MB | compute/floor {ratio:4.2f} "
              f"(cpu {res['compute_cpu'] / res['floor_cpu']:.2f}: {res['compute_cpu']:.2f} s / {res['floor_cpu']:.2f} s) "
              f"| runs {res['runs']}", flush=True)
        print(f"          keluaran: {res['output_mb']:.0f} MB XML; deflate tercepat saja = "
              f"{res['output_floor']:.2f} s = {res['output_floor'] / res['floor']:.2f}x floor", flush=True)
        warn = [line for line in res["stderr"].splitlines() if line.strip()]
        print(f"          stderr of compute: {len(warn)} line(s)" + (f", first: {warn[0][:120]}" if warn else ""))
        rows.append((kind, res, ratio))
        if not args.keep:
            src.unlink(missing_ok=True)
    print()
    print("| lembar | baris | compute/floor (wall) | compute/floor (cpu) | deflate keluaran/floor "
          "| puncak memori compute | stderr |")
    print("|---|---|---|---|---|---|---|")
    for kind, res, ratio in rows:
        lines = len([x for x in res["stderr"].splitlines() if x.strip()])
        print(f"| {kind} | {args.rows:,} | {ratio:.2f} | {res['compute_cpu'] / res['floor_cpu']:.2f} "
              f"| {res['output_floor'] / res['floor']:.2f} ({res['output_mb']:.0f} MB XML) "
              f"| {res['compute_mb']:.0f} MB | {lines} baris |")


if __name__ == "__main__":
    main()
