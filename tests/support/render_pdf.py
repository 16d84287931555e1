"""Print a workbook or document to PDF with LibreOffice headless, and look at the pages.

Used by the presentation and report tests: pages as RGB arrays (pdftoppm, PPM),
page text (pdftotext), and pixel counts of a colour.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import numpy as np
import pytest

from support.lo_oracle import require_soffice

TIMEOUT = 180


def require_poppler() -> None:
    missing = [tool for tool in ("pdftoppm", "pdftotext") if shutil.which(tool) is None]
    if missing:
        msg = f"{', '.join(missing)} not installed (apt-get install poppler-utils)"
        if os.environ.get("CI") == "true":
            pytest.fail(msg + " (CI=true: required in CI)", pytrace=False)
        pytest.skip(msg)


def to_pdf(src: Path, out_dir: Path, profile: Path) -> Path:
    """Convert with a private LibreOffice profile; the PDF must exist afterwards."""
    soffice = require_soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    cmd = [soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--invisible",
           "--norestore", "--nolockcheck", "--nologo", "--nodefault", "--convert-to", "pdf", "--outdir",
           str(out_dir), str(src)]
    env = dict(os.environ, HOME=str(profile.parent))
    env.pop("DISPLAY", None)
    pdf = out_dir / (src.stem + ".pdf")
    for _attempt in range(2):
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True, env=env)
        try:
            out, err = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
        if pdf.is_file() and pdf.stat().st_size > 0:
            return pdf
    raise AssertionError(f"LibreOffice made no PDF from {src}: {out.decode(errors='replace')} "
                         f"{err.decode(errors='replace')}")


def page_count(pdf: Path) -> int:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    return text.count(b"\f")


def page_text(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, check=True, text=True).stdout


def page_image(pdf: Path, page: int, out_dir: Path, dpi: int = 50) -> np.ndarray:
    """The page as an (height, width, 3) uint8 array."""
    prefix = out_dir / f"page{page}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf), str(prefix)],
                   check=True, capture_output=True)
    path, = out_dir.glob(f"page{page}-*.ppm")
    data = path.read_bytes()
    path.unlink()
    fields, pos = [], 0
    while len(fields) < 4:             # P6 <width> <height> <maxval>, whitespace separated
        while data[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b"P6" and fields[3] == b"255"
    width, height = int(fields[1]), int(fields[2])
    return np.frombuffer(data[pos + 1:pos + 1 + width * height * 3], dtype=np.uint8).reshape(height, width, 3)


def hex_rgb(colour: str) -> tuple[int, int, int]:
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def colour_pixels(image: np.ndarray, colour: str, tolerance: int = 16) -> int:
    """Pixels within `tolerance` (per channel) of the colour."""
    target = np.array(hex_rgb(colour), dtype=np.int16)
    return int((np.abs(image.astype(np.int16) - target) <= tolerance).all(axis=2).sum())


def ink(image: np.ndarray) -> float:
    """Share of the page that is not white."""
    return float((image < 230).any(axis=2).mean())
