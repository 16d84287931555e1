"""LibreOffice as the oracle for stored formula results.

The project writes workbooks whose computed sheets hold live formulas together
with the result Python computed (xlsxwriter ``write_formula(..., value=...)``).
This module lets a test recalculate such a workbook in LibreOffice headless and
compare every formula's engine result with the value Python stored.

Public API::

    soffice_path() -> str | None
    require_soffice() -> str
    recalc(src, out_dir) -> Path
    formula_cells(path, sheets=None) -> {(sheet, "B7"): (formula, stored value)}
    compare_with_engine(path, tmp_dir, sheets=None, rel=1e-9, abs_tol=1e-9) -> [mismatch, ...]

Value model (read straight from the sheet XML, so nothing is lost on the way):

* numbers -> ``int`` / ``float``; booleans (``t="b"``) -> ``bool``;
  strings (``t="str"``, ``t="s"``, ``t="inlineStr"``) -> ``str``;
  error values (``t="e"``) -> :class:`CellError` (a ``str`` subclass, e.g.
  ``CellError("#DIV/0!")``), so an error is never confused with a string.
* a formula cell with an *empty, untyped* cached value ``<v></v>`` -> ``""``.
  That is what xlsxwriter writes for ``value=""`` (the only way it can store
  an empty-string result) and what openpyxl writes for every formula.  It
  matches an engine result of ``""`` and mismatches anything else.
* a formula cell with no ``<v>`` element at all -> :data:`NO_VALUE`, which is
  always reported as a mismatch.

Known LibreOffice 7.4 behaviour that differs from Excel (see the tests): a
boolean *cell* is a number with a boolean format in LibreOffice, so SUM, COUNT,
AVERAGE, SUMIF... over a range that contains TRUE count it as 1 where Excel
ignores it.  Keep booleans out of ranges that are aggregated.
"""

from __future__ import annotations

import atexit
import fcntl
import math
import os
import posixpath
import re
import shutil
import signal
import subprocess
import threading
import time
import zipfile
from pathlib import Path
from typing import Iterable, Iterator

try:  # defusedxml is an install requirement of the project; stdlib as fallback
    from defusedxml.ElementTree import iterparse as _iterparse
    from defusedxml.ElementTree import fromstring as _fromstring
except ImportError:  # pragma: no cover
    from xml.etree.ElementTree import iterparse as _iterparse  # noqa: S405
    from xml.etree.ElementTree import fromstring as _fromstring  # noqa: S405

__all__ = [
    "CellError",
    "NO_VALUE",
    "RECALC_TIMEOUT",
    "soffice_path",
    "require_soffice",
    "recalc",
    "formula_cells",
    "compare_with_engine",
    "values_match",
]

RECALC_TIMEOUT = 120  # seconds for one soffice run

_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_M = "{%s}" % _NS_MAIN


# --------------------------------------------------------------------------
# values


class CellError(str):
    """An Excel error value such as ``#DIV/0!`` or ``#N/A``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return str(self)


class _NoValue:
    """Marker for a formula cell that has no cached value at all."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "<no stored value>"

    def __bool__(self) -> bool:
        return False


NO_VALUE = _NoValue()


def _is_number(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def values_match(stored: object, engine: object, rel: float = 1e-9, abs_tol: float = 1e-9) -> bool:
    """Whether a stored cached value agrees with the engine's value.

    Numbers within ``rel`` relative tolerance (``abs_tol`` near zero), strings
    and booleans exactly, errors by their text (an error never equals a string),
    ``None`` (blank) and ``""`` equal.  :data:`NO_VALUE` never matches.
    """
    if stored is NO_VALUE or engine is NO_VALUE:
        return False
    if stored is None:
        stored = ""
    if engine is None:
        engine = ""
    if isinstance(stored, CellError) or isinstance(engine, CellError):
        return (
            isinstance(stored, CellError)
            and isinstance(engine, CellError)
            and str(stored).upper() == str(engine).upper()
        )
    if isinstance(stored, bool) or isinstance(engine, bool):
        return isinstance(stored, bool) and isinstance(engine, bool) and stored == engine
    if _is_number(stored) and _is_number(engine):
        a, b = float(stored), float(engine)
        if math.isnan(a) or math.isnan(b):
            return False
        return math.isclose(a, b, rel_tol=rel, abs_tol=abs_tol)
    if isinstance(stored, str) and isinstance(engine, str):
        return stored == engine
    return False


def _fmt(v: object) -> str:
    if v is NO_VALUE:
        return "no value"
    if v is None:
        return "blank"
    if isinstance(v, CellError):
        return str(v)
    if v == "" and isinstance(v, str):
        return "'' (empty)"
    return repr(v)


# --------------------------------------------------------------------------
# LibreOffice


def soffice_path() -> str | None:
    """Path of the LibreOffice ``soffice`` binary, or None when absent.

    ``$SOFFICE`` overrides the search.
    """
    env = os.environ.get("SOFFICE")
    if env:
        return env if os.path.isfile(env) and os.access(env, os.X_OK) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates = ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"]
    candidates += sorted(str(p) for p in Path("/opt").glob("libreoffice*/program/soffice"))
    for c in candidates:
        if os.path.isfile(c) and os.access(c, os.X_OK):
            return c
    return None


def require_soffice() -> str:
    """Return the soffice path; skip the test without it (fail when CI=true)."""
    import pytest

    path = soffice_path()
    if path is None:
        msg = "LibreOffice (soffice) is not installed: the engine-parity oracle cannot run"
        if os.environ.get("CI") == "true":
            pytest.fail(msg + " (CI=true: LibreOffice is required in CI)", pytrace=False)
        pytest.skip(msg)
    return path


_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
{items}
</oor:items>
"""
# 0 = always recalculate on load, 1 = never, 2 = ask.
_RECALC_ITEMS = [
    '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
    '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>',
    '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
    '<prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>',
]
_RECALC_RE = [
    re.compile(r'oor:name="OOXMLRecalcMode"[^>]*>\s*<value>0</value>'),
    re.compile(r'oor:name="ODFRecalcMode"[^>]*>\s*<value>0</value>'),
]

_thread_lock = threading.Lock()
_profiles_made: set[Path] = set()


def _profile_dir() -> Path:
    worker = os.environ.get("PYTEST_XDIST_WORKER") or "main"
    worker = re.sub(r"[^A-Za-z0-9_.-]", "_", worker)
    return Path(f"/tmp/sakip-lo-profile-{worker}-{os.getpid()}")


def _remove_profile(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
    try:
        os.unlink(f"{path}.lock")
    except OSError:
        pass


def _ensure_profile(profile: Path) -> Path:
    """Create the private profile with recalc-on-load forced; return the xcu path."""
    xcu = profile / "user" / "registrymodifications.xcu"
    xcu.parent.mkdir(parents=True, exist_ok=True)
    if profile not in _profiles_made:
        _profiles_made.add(profile)
        atexit.register(_remove_profile, profile)
    if not xcu.exists():
        xcu.write_text(_XCU.format(items="\n".join(_RECALC_ITEMS)), encoding="utf-8")
        return xcu
    text = xcu.read_text(encoding="utf-8", errors="replace")
    missing = [item for item, rx in zip(_RECALC_ITEMS, _RECALC_RE) if not rx.search(text)]
    if missing:
        # LibreOffice rewrote the file without our settings (or someone else's
        # value wins): append ours; later items override earlier ones.
        if "</oor:items>" in text:
            text = text.replace("</oor:items>", "\n".join(missing) + "\n</oor:items>")
        else:
            text = _XCU.format(items="\n".join(_RECALC_ITEMS))
        xcu.write_text(text, encoding="utf-8")
    return xcu


def _run_soffice(cmd: list[str], timeout: float) -> tuple[int | None, str, str, bool]:
    env = dict(os.environ)
    env.setdefault("HOME", "/tmp")
    env.pop("DISPLAY", None)  # headless, never talk to an X server
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # own process group: kill oosplash + soffice.bin together
        env=env,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
        return proc.returncode, out.decode(errors="replace"), err.decode(errors="replace"), False
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
        return None, out.decode(errors="replace"), err.decode(errors="replace"), True


def recalc(src: Path, out_dir: Path, *, timeout: float = RECALC_TIMEOUT, attempts: int = 2) -> Path:
    """Open ``src`` in LibreOffice headless, recalculate everything, save as xlsx.

    Returns ``out_dir / src.name``.  Uses a private profile per pytest worker
    and process (``/tmp/sakip-lo-profile-<worker>-<pid>``) with
    OOXMLRecalcMode/ODFRecalcMode = 0 (always recalculate on load), a lock
    per profile, a timeout that kills the whole process group, and checks the
    output file exists: soffice exits 0 even when it could not load the file.
    """
    soffice = soffice_path()
    if soffice is None:
        raise AssertionError("LibreOffice (soffice) is not installed")
    src = Path(src).resolve()
    out_dir = Path(out_dir).resolve()
    if not src.is_file():
        raise FileNotFoundError(src)
    if src.parent == out_dir:
        raise ValueError(f"out_dir must differ from the source's folder (would overwrite {src})")
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / (src.stem + ".xlsx")

    profile = _profile_dir()
    cmd = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nolockcheck",
        "--nologo",
        "--nodefault",
        "--convert-to",
        "xlsx",
        "--outdir",
        str(out_dir),
        str(src),
    ]
    reports = []
    with _thread_lock:
        profile.parent.mkdir(parents=True, exist_ok=True)
        with open(f"{profile}.lock", "w") as lockf:
            fcntl.flock(lockf, fcntl.LOCK_EX)
            try:
                for attempt in range(1, max(1, attempts) + 1):
                    _ensure_profile(profile)
                    if out.exists():
                        out.unlink()
                    t0 = time.monotonic()
                    rc, stdout, stderr, timed_out = _run_soffice(cmd, timeout)
                    elapsed = time.monotonic() - t0
                    if not timed_out and out.is_file() and zipfile.is_zipfile(out):
                        return out
                    reports.append(
                        f"attempt {attempt}: "
                        + (f"timed out after {timeout:.0f} s" if timed_out else f"exit code {rc}")
                        + f" after {elapsed:.1f} s\n--- stdout ---\n{stdout.strip()}"
                        f"\n--- stderr ---\n{stderr.strip()}"
                    )
            finally:
                fcntl.flock(lockf, fcntl.LOCK_UN)
    raise AssertionError(
        f"LibreOffice did not produce {out} from {src}\ncommand: {' '.join(cmd)}\n" + "\n".join(reports)
    )


# --------------------------------------------------------------------------
# reading cells from the package XML


_REF_RE = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def _col_letters(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, absolute part name) for ``part``."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in zf.namelist():
        return {}
    root = _fromstring(zf.read(rels_name))
    result = {}
    for rel in root.iter("{%s}Relationship" % _NS_PKG_REL):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        if target.startswith("/"):
            resolved = target.lstrip("/")
        else:
            resolved = posixpath.normpath(posixpath.join(folder, target))
        result[rel.get("Id")] = (rel.get("Type", ""), resolved)
    return result


def _workbook_part(zf: zipfile.ZipFile) -> str:
    for _id, (typ, target) in _rels(zf, "").items():
        if typ.endswith("/officeDocument"):
            return target
    return "xl/workbook.xml"


def _sheet_parts(zf: zipfile.ZipFile) -> tuple[list[tuple[str, str]], str | None]:
    """[(sheet name, part)] in workbook order, and the shared strings part."""
    wb_part = _workbook_part(zf)
    rels = _rels(zf, wb_part)
    root = _fromstring(zf.read(wb_part))
    sheets = []
    for sh in root.iter(_M + "sheet"):
        rid = sh.get("{%s}id" % _NS_REL)
        if rid in rels:
            sheets.append((sh.get("name"), rels[rid][1]))
    sst = next((t for typ, t in rels.values() if typ.endswith("/sharedStrings")), None)
    return sheets, sst


def _shared_strings(zf: zipfile.ZipFile, part: str | None) -> list[str]:
    if not part or part not in zf.namelist():
        return []
    out = []
    with zf.open(part) as fh:
        for _ev, el in _iterparse(fh, events=("end",)):
            if el.tag == _M + "si":
                out.append(_rich_text(el))
                el.clear()
    return out


def _rich_text(el) -> str:
    """Text of an <si>/<is> element: its <t> and <r><t>, not phonetic <rPh>."""
    parts = []
    for child in el:
        if child.tag == _M + "t":
            parts.append(child.text or "")
        elif child.tag == _M + "r":
            for t in child.iter(_M + "t"):
                parts.append(t.text or "")
    return "".join(parts)


def _decode(t: str, v_el, is_el, shared: list[str]) -> object:
    if t == "inlineStr":
        return _rich_text(is_el) if is_el is not None else NO_VALUE
    if v_el is None:
        return NO_VALUE
    text = v_el.text or ""
    if t == "b":
        return text.strip().lower() in ("1", "true")
    if t == "e":
        return CellError(text)
    if t == "str":
        return text
    if t == "s":
        try:
            return shared[int(text)]
        except (ValueError, IndexError):
            return CellError(f"#BADSST({text})")
    if t == "d":
        return text
    # numeric (t="n" or absent)
    s = text.strip()
    if s == "":
        return ""  # <v></v>: empty cached result (xlsxwriter value="", openpyxl)
    try:
        if re.fullmatch(r"[+-]?\d+", s):
            return int(s)
        return float(s)
    except ValueError:
        return s


def _iter_cells(zf: zipfile.ZipFile, part: str, shared: list[str]) -> Iterator[tuple[str, str | None, object]]:
    """Yield (ref, formula or None, value) for every <c> of a worksheet part."""
    masters: dict[str, tuple[str, str]] = {}  # shared formula si -> (master ref, text)
    row_num = 0
    col_num = 0
    with zf.open(part) as fh:
        for ev, el in _iterparse(fh, events=("start", "end")):
            tag = el.tag
            if ev == "start":
                if tag == _M + "row":
                    r = el.get("r")
                    row_num = int(r) if r else row_num + 1
                    col_num = 0
                continue
            if tag != _M + "c":
                if tag == _M + "row":
                    el.clear()
                continue
            ref = el.get("r")
            m = _REF_RE.match(ref or "")
            if m:
                col_num = _col_number(m.group(1))
                ref = f"{m.group(1)}{m.group(2)}"
            else:
                col_num += 1
                ref = f"{_col_letters(col_num)}{row_num}"
            f_el = el.find(_M + "f")
            formula = None
            if f_el is not None:
                ftype = f_el.get("t", "normal")
                text = f_el.text or ""
                if ftype == "shared":
                    si = f_el.get("si")
                    if text:
                        masters[si] = (ref, text)
                    elif si in masters:
                        from openpyxl.formula.translate import Translator

                        mref, mtext = masters[si]
                        text = Translator("=" + mtext, origin=mref).translate_formula(ref)[1:]
                formula = "=" + text
            value = _decode(el.get("t", "n"), el.find(_M + "v"), el.find(_M + "is"), shared)
            yield ref, formula, value
            el.clear()


def _read(path: Path, sheets: Iterable[str] | None, formulas_only: bool, strict: bool = True):
    path = Path(path)
    result: dict[tuple[str, str], tuple[str | None, object]] = {}
    with zipfile.ZipFile(path) as zf:
        parts, sst = _sheet_parts(zf)
        if sheets is not None:
            wanted = list(sheets)
            known = {name for name, _ in parts}
            unknown = [s for s in wanted if s not in known]
            if unknown and strict:
                raise KeyError(f"{path.name}: no sheet(s) {unknown}; sheets are {sorted(known)}")
            parts = [(n, p) for n, p in parts if n in set(wanted)]
        shared = _shared_strings(zf, sst)
        for name, part in parts:
            if part not in zf.namelist():  # chartsheet / missing part
                continue
            for ref, formula, value in _iter_cells(zf, part, shared):
                if formulas_only and formula is None:
                    continue
                result[(name, ref)] = (formula, value)
    return result


def formula_cells(path: Path, sheets: Iterable[str] | None = None) -> dict[tuple[str, str], tuple[str, object]]:
    """(sheet, "B7") -> (formula text with leading "=", stored cached value).

    Reads the sheet XML directly (one pass, streaming).  See the module
    docstring for the value model; a cell without ``<v>`` maps to NO_VALUE.
    Unknown sheet names raise KeyError.
    """
    return _read(path, sheets, formulas_only=True)  # type: ignore[return-value]


def _sheet_ref(sheet: str, ref: str) -> str:
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", sheet):
        return f"{sheet}!{ref}"
    return "'" + sheet.replace("'", "''") + f"'!{ref}"


def compare_with_engine(
    path: Path,
    tmp_dir: Path,
    sheets: Iterable[str] | None = None,
    rel: float = 1e-9,
    abs_tol: float = 1e-9,
) -> list[str]:
    """Recalculate ``path`` in LibreOffice; list every formula cell whose stored
    value differs from the engine's.  An empty list means full agreement.

    Also reports formula cells with no stored value, and a single line when
    there is no formula cell at all to compare (a parity check over nothing
    must fail).
    """
    path = Path(path)
    sheets = list(sheets) if sheets is not None else None
    stored = formula_cells(path, sheets)
    if not stored:
        return [f"{path.name}: no formula cells to compare (sheets={sheets!r})"]
    out = recalc(path, Path(tmp_dir) / "lo-recalc")
    engine = _read(out, sorted({s for s, _ in stored}), formulas_only=False, strict=False)
    mismatches = []
    for (sheet, ref), (formula, value) in stored.items():
        _eformula, evalue = engine.get((sheet, ref), (None, None))
        if value is NO_VALUE:
            mismatches.append(
                f"{_sheet_ref(sheet, ref)}: no stored value, LibreOffice {_fmt(evalue)} (formula {formula})"
            )
        elif not values_match(value, evalue, rel=rel, abs_tol=abs_tol):
            mismatches.append(
                f"{_sheet_ref(sheet, ref)}: stored {_fmt(value)}, LibreOffice {_fmt(evalue)} (formula {formula})"
            )
    return mismatches
