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
compute child's stderr is checked for library warnings. Lower bounds are printed beside it
(output_floor), from the XML compute added: deflating it at zlib's fastest level and at level
6 (the level the finished file is written with), and making its cells again with one f-string
each from strings already cut out. "batas bawah CPython" = the read floor + the larger of the
last two (the cells made on one core while the second deflates them): no CPython writer of the
same sheets, compressed as now, does better, before it computes a single value.

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
    bounds = output_floor(src, dst)
    dst.unlink(missing_ok=True)
    return {"floor": statistics.median(walls["floor"]), "compute": statistics.median(walls["compute"]),
            "output_floor": bounds["deflate_1"], "output_mb": bounds["mb"], "bounds": bounds,
            "floor_cpu": statistics.median(cpus["floor"]), "compute_cpu": statistics.median(cpus["compute"]),
            "floor_mb": peak["floor"], "compute_mb": peak["compute"], "stderr": stderr,
            "runs": walls}


_CELL = None


def output_floor(src: Path, dst: Path, runs: int = 3) -> dict:
    """Lower bounds on writing what compute adds, from the parts in `dst` that are not in `src`
    (the computed sheets, their styles and strings), each the median of `runs`, on one core:

    - deflate_1: deflating that XML at zlib's fastest level, without making a byte of it;
    - deflate_6: the same at level 6, the level the finished file is written with;
    - emit: making that XML's cells again with one f-string per cell, from their attributes
      and contents already cut out as strings (cut before the clock starts): what the cheapest
      CPython loop pays to produce these cells, before computing any value.

    Also the XML's size in MB and its number of cells."""
    import re
    import zipfile
    import zlib

    global _CELL
    _CELL = _CELL or re.compile(r"<c ([^>]*?)(?:/>|>(.*?)</c>)", re.S)
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst) as b:
        before = set(a.namelist())
        names = [i.filename for i in b.infolist() if i.filename not in before]
        size = sum(b.getinfo(n).file_size for n in names)
        times = {"deflate_1": [], "deflate_6": [], "emit": []}
        cells = 0
        for run in range(runs):
            spent = dict.fromkeys(times, 0.0)
            for name in names:
                xml = b.read(name)
                for level in (1, 6):
                    t = time.perf_counter()
                    zlib.compress(xml, level)
                    spent[f"deflate_{level}"] += time.perf_counter() - t
                text = xml.decode("utf-8")
                del xml
                k = 0
                while k < len(text):             # ~16 MB of XML at a time, cut after a row: bounded memory
                    end = text.find("</row>", k + (16 << 20))
                    end = len(text) if end < 0 else end + len("</row>")
                    parts = _CELL.findall(text, k, end)
                    k = end
                    if run == 0:
                        cells += len(parts)
                    t = time.perf_counter()
                    "".join([f"<c {attrs}>{inner}</c>" if inner else f"<c {attrs}/>" for attrs, inner in parts])
                    spent["emit"] += time.perf_counter() - t
                del text
            for key in times:
                times[key].append(spent[key])
    out = {key: statistics.median(v) for key, v in times.items()}
    out.update(mb=size / 1e6, cells=cells)
    return out


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
        b, fl = res["bounds"], res["floor"]
        least = fl + max(b["emit"], b["deflate_6"])
        print(f"          keluaran: {b['mb']:.0f} MB XML, {b['cells']:,} sel; deflate tercepat = "
              f"{b['deflate_1']:.2f} s = {b['deflate_1'] / fl:.2f}x floor; deflate tingkat 6 (seperti file hasil) = "
              f"{b['deflate_6']:.2f} s = {b['deflate_6'] / fl:.2f}x; satu f-string per sel (nilai sudah jadi) = "
              f"{b['emit']:.2f} s = {b['emit'] / fl:.2f}x", flush=True)
        print(f"          batas bawah CPython (baca, lalu buat sel sambil inti kedua mengompres): "
              f"{least:.2f} s = {least / fl:.2f}x floor", flush=True)
        warn = [line for line in res["stderr"].splitlines() if line.strip()]
        print(f"          stderr of compute: {len(warn)} line(s)" + (f", first: {warn[0][:120]}" if warn else ""))
        rows.append((kind, res, ratio))
        if not args.keep:
            src.unlink(missing_ok=True)
    print()
    print("| lembar | baris | compute/floor (wall) | compute/floor (cpu) | deflate keluaran/floor "
          "| batas bawah CPython/floor | puncak memori compute | stderr |")
    print("|---|---|---|---|---|---|---|---|")
    for kind, res, ratio in rows:
        lines = len([x for x in res["stderr"].splitlines() if x.strip()])
        b, fl = res["bounds"], res["floor"]
        print(f"| {kind} | {args.rows:,} | {ratio:.2f} | {res['compute_cpu'] / res['floor_cpu']:.2f} "
              f"| {b['deflate_1'] / fl:.2f} ({b['mb']:.0f} MB XML) "
              f"| {(fl + max(b['emit'], b['deflate_6'])) / fl:.2f} "
              f"| {res['compute_mb']:.0f} MB | {lines} baris |")


if __name__ == "__main__":
    main()
