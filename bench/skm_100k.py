"""Benchmark: `sakip-xl compute` on a 100,000-respondent SKM workbook against the read floor.

The floor is a bare python-calamine read of every sheet of the same file, in a
subprocess like the tool itself, so interpreter start-up is on both sides.
Prints the median times, their ratio (goal <= 1.5) and the peak resident memory
of each child (goal <= 400 MB for compute).

    python bench/skm_100k.py [--rows 100000] [--runs 3] [--keep]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

FLOOR = (
    "import sys, python_calamine as c\n"
    "wb = c.load_workbook(sys.argv[1])\n"
    "for name in wb.sheet_names:\n"
    "    wb.get_sheet_by_name(name).to_python(skip_empty_area=False)\n"
)

LAYANAN = ("KTP", "KK", "Akta Kelahiran", "Akta Kematian", "Surat Pindah", "Legalisir")
PENDIDIKAN = ("SD", "SMP", "SMA", "D3", "S1", "S2")
PEKERJAAN = ("Petani", "Wiraswasta", "PNS", "Ibu Rumah Tangga", "Pelajar/Mahasiswa", "Buruh", "Lainnya")


def write_settings(wb, values: dict) -> None:
    """A Pengaturan sheet with every setting's label and its value (or default)."""
    from sakip_xl.read.schema import PENGATURAN
    from sakip_xl.sections import all_settings

    ws = wb.add_worksheet(PENGATURAN.name)
    for r, s in enumerate(all_settings(), start=2):
        ws.write_string(r, 0, s.label)
        value = values.get(s.key, s.default)
        if isinstance(value, (int, float)):
            ws.write_number(r, 1, value)
        elif value:
            ws.write_string(r, 1, str(value))


def generate(path: Path, rows: int, seed: int = 14) -> None:
    """A template-shaped workbook (Pengaturan + SKM) written row by row in constant memory."""
    rnd = random.Random(seed)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False,
                                          "strings_to_formulas": False})
    write_settings(wb, {"instansi": "Kabupaten Contoh", "tahun": 2021, "skm_populasi": 950000})
    write_survey(wb, rows, rnd, slips=True)
    wb.close()


SARAN_WORDS = ("pelayanan cepat ramah lambat antrian petugas loket parkir bersih informasi jelas biaya "
               "gratis online").split()


def write_survey(wb, rows: int, rnd: random.Random, slips: bool, free_text: bool = False) -> None:
    """An SKM sheet of `rows` respondents; with `slips`, 0.05 % of answers are typing slips;
    with `free_text`, a Saran column where 60 % of respondents wrote a sentence of their own."""
    from sakip_xl.skm.schema import SKM

    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws = wb.add_worksheet(SKM.name)
    ws.write_string(0, 0, SKM.title)
    keys = [c.key for c in SKM.columns]
    for c, col in enumerate(SKM.columns):
        ws.write_string(SKM.header_row - 1, c, col.header)
    saran = len(SKM.columns)
    if free_text:
        ws.write_string(SKM.header_row - 1, saran, "Saran")
    start = dt.datetime(2021, 1, 1)
    weights = (0.03, 0.12, 0.50, 0.35)
    for i in range(rows):
        r = SKM.header_row + i
        ws.write_number(r, keys.index("no"), i + 1)
        ws.write_datetime(r, keys.index("tanggal"), start + dt.timedelta(days=rnd.randrange(365)), date)
        ws.write_string(r, keys.index("layanan"), rnd.choice(LAYANAN))
        ws.write_string(r, keys.index("jenis_kelamin"), rnd.choice("LP"))
        ws.write_number(r, keys.index("umur"), rnd.randint(17, 80))
        ws.write_string(r, keys.index("pendidikan"), rnd.choice(PENDIDIKAN))
        ws.write_string(r, keys.index("pekerjaan"), rnd.choice(PEKERJAAN))
        for j in range(1, 10):
            c = keys.index(f"u{j}")
            x = rnd.random()
            if x < 0.01:
                continue                                   # not answered
            if slips and x < 0.0105:
                ws.write_number(r, c, rnd.choice((0, 5, 2.5)))  # typing slips: findings, bounded
                continue
            ws.write_number(r, c, rnd.choices((1, 2, 3, 4), weights)[0])
        if free_text and rnd.random() < 0.6:
            words = " ".join(rnd.choice(SARAN_WORDS) for _ in range(rnd.randint(3, 12)))
            ws.write_string(r, saran, f"{words} ({i + 1})")


def run(cmd: list[str]) -> tuple[float, float, float]:
    """Wall time (s), CPU time (s, user + system) and peak RSS (MB) of one child process."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if proc.returncode not in (0,):
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}): {err}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def ensure_bytecode() -> None:
    """Compile the package's bytecode, as `pip install .` does at install time.

    An editable install (or PYTHONDONTWRITEBYTECODE=1, as on some machines) would
    otherwise compile every sakip_xl module from source at each start, a cost a
    user's installed copy never pays (about 0,06 s here).
    """
    import compileall
    compileall.compile_dir(str(ROOT / "sakip_xl"), quiet=1)


def sakip_cmd() -> list[str]:
    script = Path(sys.executable).parent / "sakip-xl"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from sakip_xl.cli import main; main()"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", action="store_true", help="keep the generated workbooks in bench/out")
    ap.add_argument("--reuse", action="store_true", help="reuse bench/out/skm-ROWS.xlsx when it exists")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    ensure_bytecode()
    src = OUT / f"skm-{args.rows}.xlsx"
    dst = OUT / f"skm-{args.rows}-hasil.xlsx"
    t = time.perf_counter()
    if not (args.reuse and src.exists()):
        generate(src, args.rows)
    print(f"generated {src.name}: {args.rows} respondents, {src.stat().st_size / 1e6:.1f} MB "
          f"in {time.perf_counter() - t:.1f} s")
    floor_cmd = [sys.executable, "-c", FLOOR, str(src)]
    compute_cmd = sakip_cmd() + ["compute", str(src), "-o", str(dst)]
    walls = {"floor": [], "compute": []}
    cpus = {"floor": [], "compute": []}
    mem = {"floor": 0.0, "compute": 0.0}
    for _ in range(args.runs):          # interleaved, so both see the same machine load
        for name, cmd in (("floor", floor_cmd), ("compute", compute_cmd)):
            wall, cpu, peak = run(cmd)
            walls[name].append(wall)
            cpus[name].append(cpu)
            mem[name] = max(mem[name], peak)
    med = {k: (statistics.median(walls[k]), statistics.median(cpus[k])) for k in walls}
    for name, label in (("floor", "floor   (calamine read of every sheet)"), ("compute", "compute (sakip-xl compute -o)")):
        print(f"{label:40s} wall {med[name][0]:5.2f} s  cpu {med[name][1]:5.2f} s  peak {mem[name]:5.0f} MB  "
              f"(wall runs {_fmt(walls[name])})")
    print(f"ratio compute/floor: wall {med['compute'][0] / med['floor'][0]:.2f}, "
          f"cpu {med['compute'][1] / med['floor'][1]:.2f}  (goal <= 1.5); "
          f"compute peak {mem['compute']:.0f} MB (goal <= 400)")
    if not args.keep:
        shutil.rmtree(OUT / "lo", ignore_errors=True)
        for p in (src, dst):
            p.unlink(missing_ok=True)


def _fmt(xs: list[float]) -> str:
    return ", ".join(f"{x:.2f}" for x in xs)


if __name__ == "__main__":
    main()
