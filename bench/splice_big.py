"""Time the splice into a big workbook against just reading the workbook's zip.

    python bench/splice_big.py [ROWS] [COLS]

Builds (once, cached under bench/out/) a user workbook with one sheet of ROWS x COLS
(default 100,000 x 18) with xlsxwriter's constant_memory mode, then times
splice() of two small generated sheets into it, and the time to read every member
of the original with zipfile (decompressing all of them). The splice copies the
big sheet as raw compressed bytes, so it should cost a small fraction of that.
"""
from __future__ import annotations

import io
import statistics
import sys
import time
import zipfile
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from sakip_xl.xlsx.splice import splice  # noqa: E402
from support.splice_fixtures import generated, untouched_differences  # noqa: E402


def big_workbook(rows: int, cols: int, unique_text: bool = False) -> bytes:
    """ROWS x COLS of numbers and two categories; with ``unique_text`` two columns
    hold a different text on every row (a shared-string table of 2 x ROWS items)."""
    cache = ROOT / "bench" / "out" / f"big_{rows}x{cols}{'_text' if unique_text else ''}.xlsx"
    if cache.exists():
        return cache.read_bytes()
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "constant_memory": True})
    ws = wb.add_worksheet("PK")
    ws.write_row(0, 0, [f"Kolom {c}" for c in range(cols)])
    for r in range(1, rows + 1):
        if unique_text:
            head = [f"Responden nomor {r}", f"Alamat jalan {r * 7} desa", "Ya" if r % 2 else "Tidak"]
        else:
            head = [r, r * 0.5, "Ya" if r % 2 else "Tidak"]
        ws.write_row(r, 0, head + [(r * c) % 97 for c in range(3, cols)])
    wb.close()
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(buf.getvalue())
    return buf.getvalue()


def best_of(func, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    cols = int(sys.argv[2]) if len(sys.argv) > 2 else 18
    for unique_text in (False, True):
        run(big_workbook(rows, cols, unique_text), rows, cols, unique_text)


def run(original: bytes, rows: int, cols: int, unique_text: bool) -> None:
    gen = generated()
    with zipfile.ZipFile(io.BytesIO(original)) as z:
        unpacked = sum(i.file_size for i in z.infolist())

    def read_all():
        with zipfile.ZipFile(io.BytesIO(original)) as z:
            for name in z.namelist():
                z.read(name)

    output = splice(original, gen, tool_version="bench")
    assert untouched_differences(original, output)[1] == []
    splice_min, splice_med = best_of(lambda: splice(original, gen, tool_version="bench"))
    read_min, read_med = best_of(read_all)
    with zipfile.ZipFile(io.BytesIO(original)) as z:
        strings = z.getinfo("xl/sharedStrings.xml").file_size
    print(f"original: {rows:,} rows x {cols} cols, {len(original) / 1e6:.1f} MB zipped, "
          f"{unpacked / 1e6:.1f} MB unpacked, shared strings {strings / 1e6:.2f} MB"
          + (" (a different text on every row)" if unique_text else ""))
    print(f"splice:            best {splice_min * 1000:7.1f} ms   median {splice_med * 1000:7.1f} ms")
    print(f"read zip members:  best {read_min * 1000:7.1f} ms   median {read_med * 1000:7.1f} ms")
    print(f"ratio splice/read: {splice_min / read_min:.3f}\n")


if __name__ == "__main__":
    main()
