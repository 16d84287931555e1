"""The library API: analyse a workbook, and write the computed sheets into it.

The CLI is a thin layer over `compute` and `check`.
"""
from __future__ import annotations

import contextlib
import gc
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sakip_xl._version import __version__
from sakip_xl import findings as F
from sakip_xl.errors import OutputError
from sakip_xl.read.reader import WorkbookData
from sakip_xl.xlsx.encryption import encrypt, open_bytes
from sakip_xl.xlsx.safeio import (
    MSG_CHANGED,
    Identity,
    check_writable,
    identity_before_read,
    lock_file_for,
    read_input,
    real_target,
    run_lock,
    write_atomic,
)
from sakip_xl.read.settings import Settings, read_settings
from sakip_xl.sections import Context, all_settings, is_input_sheet_name, known_sheet_names, sections
from sakip_xl.xlsx.splice import check_container, inspect_package, splice

if TYPE_CHECKING:
    from sakip_xl.pk.model import Indicator

# The writers (xlsxwriter) and reviu are imported where they are used: a big sheet's
# background parse starts before them (see analyze), so their import time overlaps it.


@dataclass
class Analysis:
    """Everything computed from a workbook, before anything is written."""

    sheet_names: list[str]
    context: Context
    results: dict                      # section key -> its result (None: its sheets are absent)
    findings: list[F.Finding]
    font: tuple[str, float] = ("Calibri", 11.0)
    owned_sheets: list[str] = field(default_factory=list)   # the tool's sheets already in the file
    tool_version: str | None = None                         # the version that wrote them

    @property
    def settings(self) -> Settings:
        return self.context.settings

    @property
    def indicators(self) -> list[Indicator]:
        return self.results.get("pk") or []


@dataclass
class Report:
    path: Path
    output: Path | None
    findings: list[F.Finding]
    analysis: Analysis | None = None
    written: bool = False
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def has_errors(self) -> bool:
        return self.counts.get(F.GALAT, 0) > 0


def _finding_order(sheet_order: dict[str, int]):
    """Findings by severity, then by the user's sheet order, then by cell (row, column)."""
    from sakip_xl.xlsx.addresses import cell_sort_key

    def key(f: F.Finding):
        return (F.SEVERITY_ORDER[f.severity], sheet_order.get(f.sheet, 999), cell_sort_key(f.cell), f.code)

    return key


def analyze(data: bytes, render_early: bool = False, overrides: dict | None = None) -> Analysis:
    """Read and compute; raises SakipError for fatal problems, collects the rest.

    With `render_early`, the computed sheets of the sections that are ready are
    written while the big sheets are still being parsed in the background;
    `render(analysis)` then finishes the same workbook. `overrides`: {(sheet, row, col): value}
    read instead of what those cells hold (check: the settings used at compute time).
    """
    check_container(data)
    info = inspect_package(data, protected=is_input_sheet_name)
    book = WorkbookData(data, load=False, overrides=overrides)
    big = book.prefetch_large()
    book.load()
    ctx = Context(book=book, settings=None, date1904=info.date1904, known_sheets=known_sheet_names())
    ctx.settings = read_settings(book, ctx.findings, all_settings())
    results = {}
    secs = sections()
    # Sections whose input is still being parsed in the background go last. Every
    # section after the PK reads the PK's result (Perbandingan, anggaran per sasaran,
    # SKM against its indicator): when the PK itself is late, they all wait for it.
    late = [sec for sec in secs if _reads(book, sec, big)]
    if any(sec.key == "pk" for sec in late):
        late = list(secs)
    renderer = _Renderer(info.default_font) if render_early else None
    for section in secs:
        if section not in late:
            results[section.key] = ctx.results[section.key] = section.analyze(ctx)
    if renderer is not None:
        renderer.advance(secs, results, ctx)
    for section in late:
        results[section.key] = ctx.results[section.key] = section.analyze(ctx)
    if all(r is None for r in results.values()):
        from sakip_xl.skm.analyze import empty_survey_message
        message = empty_survey_message(ctx)
        if message:
            from sakip_xl.errors import WorkbookLayoutError
            raise WorkbookLayoutError(message)
        pk_spec = next(sec for sec in secs if sec.key == "pk").input_sheets[0]
        book.table(pk_spec)   # raises the message that names the PK sheet and the sheets found
    if results.get("pk") is None and info.owned_sheets:
        _pk_gone(secs, results, info.owned_sheets, ctx.findings)
    for sheet, refs in book.far().items():
        from sakip_xl.xlsx.extent import MAX_REPORTED
        shown = refs[:MAX_REPORTED]
        for i, ref in enumerate(shown):
            more = len(refs) - len(shown) if i == len(shown) - 1 else 0
            ctx.findings.append(F.make("SEL-012", sheet, ref,
                                       more=f" (dan {more} sel jauh lainnya di lembar ini)" if more else ""))
    for table in book.tables_read:
        for address, text in table.errors.items():
            ctx.findings.append(F.make("SEL-001", table.sheet, address, text=text))
        for address, formula in table.unevaluated.items():
            ctx.findings.append(F.make("SEL-002", table.sheet, address, formula=formula))
        for address, value in table.extreme.items():
            ctx.findings.append(F.make("SEL-011", table.sheet, address, value=_shown_number(value)))
        for rec in table.hidden:
            ctx.findings.append(F.make("SEL-003", table.sheet, table.address(rec, table.spec.key_column),
                                       row=rec.row + 1))
    user_sheets = [s for s in book.sheet_names if s not in info.owned_sheets]
    order = {name: i for i, name in enumerate(user_sheets)}
    ctx.findings.sort(key=_finding_order(order))
    analysis = Analysis(sheet_names=book.sheet_names, context=ctx, results=results, findings=ctx.findings,
                        font=info.default_font, owned_sheets=list(info.owned_sheets),
                        tool_version=info.tool_version)
    analysis._renderer = renderer
    return analysis


def _pk_gone(secs, results: dict, owned: list[str], out: list) -> None:
    """A workbook computed before (the tool's sheets are there) whose PK sheet is gone: say so (PK-023).

    The old computed sheets made from the PK are not kept: their formulas point at a sheet that no
    longer exists (#REF! at the next recalculation) and their numbers can no longer be checked.
    """
    if not any(name in owned for sec in secs if sec.key == "pk" for name in sec.output_sheets):
        return      # the PK was never computed here (an SKM-only workbook): nothing of it is gone
    removed = [name for sec in secs if results.get(sec.key) is None for name in sec.output_sheets if name in owned]
    kept = [name for sec in secs if sec.key != "pk" and results.get(sec.key) is not None
            for name in sec.output_sheets if name in owned]
    if not removed and not kept:
        return
    parts = []
    if removed:
        parts.append(f"Lembar {', '.join(removed)} hasil compute sebelumnya tidak dipertahankan (compute "
                     "menghapusnya dari file hasil)")
    if kept:
        parts.append(f"lembar {', '.join(kept)} dihitung ulang tanpa indikator PK")
    text = "; ".join(parts)
    pk_sheet = next(sec for sec in secs if sec.key == "pk").input_sheets[0].name
    out.append(F.make("PK-023", "", "", lembar=pk_sheet, akibat=text[0].upper() + text[1:]))


def _shown_number(value) -> str:
    if isinstance(value, float):
        return f"{value:.6g}".replace(".", ",")
    return str(value)


def _reads(book, section, sheets: set[str]) -> bool:
    if not sheets:
        return False
    return any(book.find_sheet(spec.name, spec.aliases) in sheets for spec in section.input_sheets)


class _Renderer:
    """Writes the computed sheets, section by section in workbook order."""

    def __init__(self, font: tuple[str, float]):
        from sakip_xl.write.common import Formats, new_workbook

        self.buffer = io.BytesIO()
        self.wb = new_workbook(self.buffer, font, zip_level=1)
        self.fmt = Formats(self.wb)
        self.done = 0          # sections of sections() already written (or skipped)
        self.warnings: list[str] = []   # what the writer library warned about (never on stderr)

    @contextlib.contextmanager
    def _quiet(self):
        """xlsxwriter reports what it refuses with English warnings on stderr; the sheets avoid
        every one of them (e.g. common.write_link), and any left is kept here instead."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
        self.warnings += [f"{w.category.__name__}: {w.message}" for w in caught]

    def advance(self, secs, results: dict, ctx: Context) -> None:
        """Write every section whose turn has come and whose result is known."""
        while self.done < len(secs) and secs[self.done].key in results:
            section = secs[self.done]
            if results[section.key] is not None:
                with self._quiet(), self._rows_in_order(section.key in _ROWS_IN_ORDER):
                    layout = section.render(self.wb, self.fmt, ctx, results[section.key])
                if layout is not None:
                    ctx.layouts[section.key] = layout
            self.done += 1

    @contextlib.contextmanager
    def _rows_in_order(self, on: bool):
        """The sheets added meanwhile are written row by row (xlsxwriter's constant_memory) when
        `on` (see bigsheet_out)."""
        from sakip_xl.write import bigsheet_out

        with bigsheet_out.streamed(self.wb, on):
            yield

    def finish(self, analysis: Analysis) -> bytes:
        self.advance(sections(), analysis.results, analysis.context)
        subtitle = f"Dibuat oleh sakip-xl {__version__}. Klik sel di kolom Sel untuk menuju sel yang dimaksud."
        from sakip_xl.review import sheet as pemeriksaan_sheet

        from sakip_xl.review import snapshot

        from sakip_xl.write import bigsheet_out

        with self._quiet():
            with self._rows_in_order(True):
                pemeriksaan_sheet.write(self.wb, self.fmt, analysis.findings, set(analysis.sheet_names), subtitle,
                                        analysis.settings, snapshot.take(analysis))
            bigsheet_out.close(self.wb)
        return self.buffer.getvalue()


# The sections whose sheets are written top to bottom, row by row as they are rendered (while a big
# survey is still being read), and Pemeriksaan: a sheet written row by row refuses a cell above
# the rows already written (tests/test_bigsheet_out.py). The SKM sheets (aggregates, whatever the
# number of respondents) and the LKE sheet (a fixed size) are written whole when the workbook closes.
_ROWS_IN_ORDER = {"pk", "anggaran", "renstra", "analisis", "rencana_aksi"}


def render(analysis: Analysis) -> bytes:
    """The tool's sheets as a standalone xlsxwriter workbook (to be spliced)."""
    renderer = getattr(analysis, "_renderer", None)
    analysis._renderer = None          # a workbook is finished once
    return (renderer or _Renderer(analysis.font)).finish(analysis)


@contextlib.contextmanager
def gc_paused():
    """No cyclic garbage collection while a workbook is read and written.

    A 100,000-respondent survey is millions of long-lived objects (rows, cells,
    findings) that the collector would rescan again and again as they are created
    (0,05 s in the parse of the rows alone); the tool makes no reference cycles
    worth collecting in that time. The previous state is restored afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _counts(findings: list[F.Finding]) -> dict[str, int]:
    counts = {F.GALAT: 0, F.PERINGATAN: 0, F.INFO: 0}
    for f in findings:
        counts[f.severity] += 1
    return counts


def check(path: str | Path, password: str | None = None) -> Report:
    """Report the findings of a workbook without writing anything.

    On a finished workbook (one that holds the tool's sheets) it also reports
    computed cells that were overwritten or edited by hand, and results that are
    stale because the inputs changed after the last `compute`. A workbook
    protected with a password is decrypted in memory with `password`.
    """
    path = Path(path)
    data, _ = open_bytes(read_input(path), password)
    with gc_paused():
        analysis = analyze(data)
        found = list(analysis.findings)
        from sakip_xl.review import reviu          # registers the WB- codes

        fresh = render(analysis)
        expected = [s for s in tool_sheet_names(fresh)]
        if analysis.owned_sheets:
            basis, note = _basis_of_comparison(data, analysis, fresh)
            if basis is not fresh:
                found.append(note)
                expected = tool_sheet_names(basis)
            found += reviu.compare(data, basis, expected, analysis.owned_sheets, analysis.tool_version,
                                   __version__)
        else:     # a workbook sent without `compute`: the auditor should know nothing was computed
            found.append(F.make("WB-008", "", "", names=", ".join(expected)))
    return Report(path=path, output=None, findings=found, analysis=analysis, counts=_counts(found))


def _basis_of_comparison(data: bytes, analysis: Analysis, fresh: bytes):
    """What the stored sheets are compared with: the fresh rendering, or, when the settings were
    changed after compute, a rendering of the current data under the settings used then."""
    from sakip_xl.review import reviu
    from sakip_xl.review import snapshot

    old = snapshot.read(reviu.stored_value(data, snapshot.SHEET, snapshot.CELL))
    now = snapshot.read(snapshot.take(analysis))
    if old is None or now is None:
        return fresh, None
    changed = snapshot.changed(old, now)
    if not changed:
        return fresh, None
    past = analyze(data, overrides=snapshot.overrides(old))
    keys = {**old.get("kunci", {}), **now.get("kunci", {})}
    labels = _setting_labels()
    names = ", ".join(f"{labels.get(keys.get(a), a)} ({a})" for a in changed)
    note = F.make("WB-009", now["lembar"], changed[0], names=names)
    return render(past), note


def _setting_labels() -> dict[str, str]:
    return {s.key: s.label for s in all_settings()}


def tool_sheet_names(generated: bytes) -> list[str]:
    return inspect_package(generated).sheet_names


def compute(path: str | Path, output: str | Path | None = None, force: bool = False,
            password: str | None = None) -> Report:
    """Add the computed sheets to a workbook.

    Without `output` the file is updated in place and the previous version is kept
    beside it as NAME.bak.xlsx; with `output` the input is left untouched. A
    workbook protected with a password is decrypted in memory with `password` and
    the result is encrypted again with it.
    """
    path = Path(path)
    target = real_target(Path(output) if output is not None else path)
    before = identity_before_read(path)
    raw = read_input(path)
    in_place = target.resolve() == path.resolve()
    check_writable(target)
    _check_name_length(target)
    data, reencrypt = open_bytes(raw, password)
    if not force:
        lock = lock_file_for(target) if target.exists() else None
        if lock is not None:
            raise OutputError(
                f"'{target.name}' sedang dibuka di Excel/LibreOffice (ada file kunci '{lock.name}'). "
                "Tutup file itu lalu jalankan lagi, atau pakai --paksa bila yakin file tidak sedang dibuka."
            )
    if not in_place:
        _check_output_name(target, inspect_package(data).is_xlsm)
    with run_lock(target):
        # the file must still be what was read: a run that held the lock may just have replaced it
        expect = Identity(real_target(path), *before, raw) if before is not None else None
        if in_place and expect is not None and not expect.unchanged(quick=True):
            raise OutputError(MSG_CHANGED.format(name=path.name))
        with gc_paused():
            check_container(data)              # before anything is inflated in the background
            analysis = analyze(data, render_early=True)
            generated = render(analysis)
            result = splice(data, generated, tool_version=__version__, protected=is_input_sheet_name)
        if reencrypt is not None:
            result = encrypt(result, reencrypt)
        if in_place:
            write_atomic(target, result, backup_of=target, backup_data=raw, expect=expect,
                         keep_backup=lambda old: _worth_keeping(old, password))
        else:
            write_atomic(target, result)
    return Report(path=path, output=target if output is not None else path, findings=analysis.findings,
                  analysis=analysis, written=True, counts=_counts(analysis.findings))


def _worth_keeping(old_backup: bytes, password: str | None = None) -> bool:
    """An existing backup is kept (as NAME.asli.xlsx) unless it is provably an earlier result of
    sakip-xl (its sheets carry the tool's marks): then its user data is all in the file being
    backed up now. A backup that is the workbook before its first compute, or
    anything unreadable (an encrypted one that does not open with this run's password) is the only
    copy of something and is never overwritten."""
    try:
        return not inspect_package(open_bytes(old_backup, password)[0], protected=is_input_sheet_name).owned_sheets
    except Exception:       # noqa: BLE001 - unreadable: keep it
        return True


SIDE_FILE_ROOM = 40      # ".NAME.PID.RANDOM.sakip-tmp", ".~lock.NAME#", NAME.bak.xlsx beside the result


def _check_name_length(target: Path) -> None:
    """The temporary, lock and backup files beside the result must have legal names too."""
    import os

    try:
        limit = os.pathconf(target.parent, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        limit = 255
    most = limit - SIDE_FILE_ROOM
    if len(os.fsencode(target.name)) > most:
        raise OutputError(
            f"Nama file '{target.name[:40]}...' terlalu panjang ({len(target.name)} karakter): sakip-xl perlu "
            f"membuat file sementara dan cadangan di sampingnya. Perpendek nama file menjadi paling banyak "
            f"{most} karakter, atau simpan hasil ke nama lain dengan -o.")


def _check_output_name(target: Path, is_xlsm: bool) -> None:
    """Excel refuses a file whose extension does not match its kind: say so before writing."""
    want = ".xlsm" if is_xlsm else ".xlsx"
    if target.suffix.lower() == want:
        return
    what = "berisi makro (.xlsm)" if is_xlsm else "tanpa makro (.xlsx)"
    raise OutputError(
        f"Nama file hasil '{target.name}' harus berakhiran {want}, karena workbook ini {what}; "
        f"Excel menolak membuka file yang akhirannya tidak sesuai. Pakai mis. -o {target.stem}{want}."
    )


def write_template(path: str | Path, force: bool = False) -> Path:
    """Write the empty template to `path` (a new .xlsx file).

    An existing file is never replaced without `force`; with it, the old version is
    first kept as NAME.bak.xlsx, as compute does. A file open in Excel/LibreOffice
    (lock file beside it), a pipe or a device is never replaced.
    """
    import os

    from sakip_xl.xlsx.safeio import MSG_NOT_REGULAR
    from sakip_xl.template import build_template

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise OutputError(
            f"Nama file template '{path.name}' harus berakhiran .xlsx (workbook Excel tanpa makro), "
            f"mis. {path.stem or 'template'}.xlsx.")
    target = real_target(path)
    if target.is_dir():
        check_writable(target)
    exists = os.path.lexists(target)
    if exists and not target.is_file():
        raise OutputError(MSG_NOT_REGULAR.format(path=path))
    if exists:
        lock = lock_file_for(target)
        if lock is not None:
            raise OutputError(
                f"'{target.name}' sedang dibuka di Excel/LibreOffice (ada file kunci '{lock.name}') dan tidak "
                "ditimpa dengan template. Tutup file itu (hapus file kuncinya bila Excel sudah ditutup), "
                "atau pilih nama lain untuk template.")
        if not force:
            raise OutputError(
                f"File '{path.name}' sudah ada dan tidak ditimpa dengan template kosong. Pilih nama lain, "
                "atau pakai --paksa untuk menggantinya (versi lamanya disimpan dulu sebagai "
                f"{target.stem}.bak.xlsx).")
    check_writable(target)
    data = build_template()
    with run_lock(target):
        if not exists:
            return write_atomic(target, data)
        before = identity_before_read(target)
        old = read_input(target)
        expect = Identity(target, *before, old) if before is not None else None
        return write_atomic(target, data, backup_of=target, backup_data=old, expect=expect,
                            keep_backup=_worth_keeping)
