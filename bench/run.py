"""Benchmark: `sakip-xl compute` against the cost of reading the file once.

For each size (1,000 / 10,000 / 100,000 respondents, each with 500 budget lines
and 50 PK indicators) it generates a workbook, then measures, each as a separate
process and interleaved run by run so all see the same machine load:

- floor:   a bare python-calamine read of every sheet of the same file;
- compute: `sakip-xl compute FILE -o OUT` (wall time and peak memory);
- openpyxl: load + save of the same file (what a simple tool would cost).

It prints the ratios compute/floor and openpyxl/compute, peak memory, and the
growth of compute from 10k to 100k respondents. Beside each size it also measures the
fixed cost: `compute` of the same workbook with a survey of 100 respondents, as a ratio
tetap/floor. compute/floor cannot go below it by more than what the other cores can
hide of it: the survey itself still has to be read. The package's bytecode is
compiled first, as `pip install .` does. Ratios, not times, are the
result: they are what the README records.

    python bench/run.py [--sizes 1000,10000,100000] [--runs 3] [--no-openpyxl] [--free-text] [--lean]
                        [--cap-gb 6]

--lean: the survey has only the answer columns U1-U9 (no number, date, service or profile
columns), so the fixed cost of a compute weighs most. A size of "max" is Excel's last row
(1,048,576): as many respondents as fit under the header. Every child runs under an
address-space cap (--cap-gb) and its peak RSS is read with wait4 (getrusage of the child).

With --free-text a fourth workbook is measured: 100,000 respondents with a Saran
(suggestions) column of sentences, its text in a shared-string table as Excel
writes it.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bigpk import pk_sheet, run_capped, write_programme  # noqa: E402
from skm_100k import FLOOR, OUT, ensure_bytecode, sakip_cmd, write_settings, write_survey  # noqa: E402

EXCEL_ROWS = 1_048_576

OPENPYXL = (
    "import sys, openpyxl\n"
    "wb = openpyxl.load_workbook(sys.argv[1])\n"
    "wb.save(sys.argv[2])\n"
)


def generate(path: Path, respondents: int, budget_lines: int = 500, indicators: int = 50, seed: int = 8,
             free_text: bool = False, lean: bool = False) -> None:
    """Pengaturan + PK + Anggaran + SKM, shaped like the template, in constant memory (inline
    strings). With `free_text`: a Saran column of sentences, and text in a shared-string table
    as Excel saves it (the table is then rewritten when the tool appends its own strings)."""
    from sakip_xl.anggaran.schema import ANGGARAN
    rnd = random.Random(seed)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": not free_text, "strings_to_numbers": False,
                                          "strings_to_formulas": False, "strings_to_urls": False})
    write_settings(wb, {"instansi": "Kabupaten Contoh", "tahun": 2021, "skm_populasi": 950000})

    pk_sheet(wb, rnd, indicators, mixed_polarity=True)

    ws = wb.add_worksheet(ANGGARAN.name)
    keys = [c.key for c in ANGGARAN.columns]
    for c, col in enumerate(ANGGARAN.columns):
        ws.write_string(ANGGARAN.header_row - 1, c, col.header)
    r = ANGGARAN.header_row
    programmes = max(budget_lines // 25, 1)
    for p in range(programmes):
        kegiatan = [(rnd.randrange(10, 500) * 1_000_000, 0) for _ in range(24)]
        kegiatan = [(pg, int(pg * rnd.uniform(0.6, 1.0))) for pg, _ in kegiatan]
        r = write_programme(ws, keys, r, p, f"7.01.{p + 1:02d}", f"Sasaran {p % 10 + 1}", kegiatan)

    if lean:
        write_lean_survey(wb, respondents, rnd)
    else:
        write_survey(wb, respondents, rnd, slips=False, free_text=free_text)
    wb.close()


def max_respondents() -> int:
    """Respondents from the row under the SKM header down to Excel's last row."""
    from sakip_xl.skm.schema import SKM

    return EXCEL_ROWS - SKM.header_row


def write_lean_survey(wb, rows: int, rnd: random.Random) -> None:
    """An SKM sheet of `rows` respondents holding only the answers U1-U9."""
    from sakip_xl.skm.schema import SKM

    ws = wb.add_worksheet(SKM.name)
    ws.write_string(0, 0, SKM.title)
    for j in range(9):
        ws.write_string(SKM.header_row - 1, j, f"U{j + 1}")
    weights = (0.03, 0.12, 0.50, 0.35)
    answers = rnd.choices((1, 2, 3, 4), weights, k=9 * rows)
    for i in range(rows):
        r = SKM.header_row + i
        for j in range(9):
            ws.write_number(r, j, answers[9 * i + j])


def measure(src: Path, runs: int, with_openpyxl: bool, cap: int, fixed: Path | None = None) -> dict:
    dst = src.with_name(src.stem + "-hasil.xlsx")
    cmds = {
        "floor": [sys.executable, "-c", FLOOR, str(src)],
        "compute": sakip_cmd() + ["compute", str(src), "-o", str(dst)],
    }
    if fixed is not None:     # the same workbook with 100 respondents: what compute costs besides the survey
        cmds["fixed"] = sakip_cmd() + ["compute", str(fixed), "-o", str(fixed.with_name(fixed.stem + "-hasil.xlsx"))]
    if with_openpyxl:
        cmds["openpyxl"] = [sys.executable, "-c", OPENPYXL, str(src), str(src.with_name(src.stem + "-opx.xlsx"))]
    walls = {k: [] for k in cmds}
    cpus = {k: [] for k in cmds}
    peak = {k: 0.0 for k in cmds}
    for i in range(runs):
        for name, cmd in cmds.items():
            if name == "openpyxl" and i > 0:
                continue             # one run is enough to show the order of magnitude
            wall, mem, _err, cpu = run_capped(cmd, cap, with_cpu=True)
            walls[name].append(wall)
            cpus[name].append(cpu)
            peak[name] = max(peak[name], mem)
    return {k: (statistics.median(v), peak[k], statistics.median(cpus[k])) for k, v in walls.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-openpyxl", action="store_true", help="skip the (slow) openpyxl load + save")
    ap.add_argument("--free-text", action="store_true",
                    help="also 100,000 respondents with a free-text column in a shared-string table")
    ap.add_argument("--lean", action="store_true", help="surveys with only the answers U1-U9")
    ap.add_argument("--cap-gb", type=float, default=6.0, help="address-space cap of every child (GB)")
    args = ap.parse_args()
    cap = int(args.cap_gb * 1e9)
    OUT.mkdir(parents=True, exist_ok=True)
    ensure_bytecode()
    sizes: list = [max_respondents() if s == "max" else int(s) for s in args.sizes.split(",")]
    if args.free_text:
        sizes.append("100000+saran")
    results = {}
    # The fixed cost: a compute of the same workbook (PK, Anggaran) with a survey of 100 respondents,
    # measured beside each size. fixed/floor is the share of the floor that compute spends before
    # it reads a single respondent more (start, imports, the other sections, render, splice).
    fixed = OUT / f"bench-fixed{'-lean' if args.lean else ''}.xlsx"
    generate(fixed, 100, lean=args.lean)
    for n in sizes:
        src = OUT / f"bench-{n}{'-lean' if args.lean else ''}.xlsx"
        generate(src, 100_000 if n == "100000+saran" else n, free_text=n == "100000+saran",
                 lean=args.lean and n != "100000+saran")
        results[n] = measure(src, args.runs, not args.no_openpyxl, cap, fixed=fixed)
        res = results[n]
        line = (f"{n!s:>12} responden  {src.stat().st_size / 1e6:5.1f} MB | floor {res['floor'][0]:6.2f} s "
                f"| compute {res['compute'][0]:6.2f} s {res['compute'][1]:5.0f} MB | compute/floor "
                f"{res['compute'][0] / res['floor'][0]:4.2f} (cpu {res['compute'][2] / res['floor'][2]:4.2f}) "
                f"| tetap/floor {res['fixed'][0] / res['floor'][0]:4.2f}")
        if "openpyxl" in res:
            line += (f" | openpyxl {res['openpyxl'][0]:6.1f} s {res['openpyxl'][1]:5.0f} MB "
                     f"| openpyxl/compute {res['openpyxl'][0] / res['compute'][0]:5.1f}")
        print(line, flush=True)
        for p in OUT.glob(f"bench-{n}*.xlsx"):
            p.unlink()
    for p in OUT.glob("bench-fixed*.xlsx"):
        p.unlink()
    print()
    print("| responden | compute/floor (wall) | compute/floor (cpu) | tetap/floor | puncak memori compute "
          "| openpyxl/compute |")
    print("|---|---|---|---|---|---|")
    for n, res in results.items():
        opx = f"{res['openpyxl'][0] / res['compute'][0]:.1f}" if "openpyxl" in res else "-"
        print(f"| {n if isinstance(n, str) else f'{n:,}'} | {res['compute'][0] / res['floor'][0]:.2f} "
              f"| {res['compute'][2] / res['floor'][2]:.2f} | {res['fixed'][0] / res['floor'][0]:.2f} "
              f"| {res['compute'][1]:.0f} MB | {opx} |")
    if 10000 in results and 100000 in results:
        growth = results[100000]["compute"][0] / results[10000]["compute"][0]
        print(f"\npertumbuhan compute 10k -> 100k: {growth:.1f}x (sasaran <= 12x)")
    big = [n for n in results if isinstance(n, int) and n > 100000]
    if 100000 in results and big:
        n = big[0]
        print(f"pertumbuhan compute 100k -> {n:,}: waktu {results[n]['compute'][0] / results[100000]['compute'][0]:.1f}x, "
              f"memori {results[n]['compute'][1] / results[100000]['compute'][1]:.1f}x")


if __name__ == "__main__":
    main()
