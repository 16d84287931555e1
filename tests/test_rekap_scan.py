"""Which files of the folder are read, skipped, refused or ignored; failures never stop the rekap."""
from __future__ import annotations

import os

import pytest

from support.rekap_builders import opd_bytes, opd_file
from sakip_xl.errors import InputFileError
from sakip_xl.rekap import recap
from sakip_xl.rekap.scan import NOT_A_WORKBOOK, scan


@pytest.mark.parametrize("name, where", [
    ("a.xlsx", "workbooks"),
    ("B.XLSX", "workbooks"),
    ("makro.xlsm", "workbooks"),
    ("lama.xls", "failures"),
    ("catatan.txt", "skipped"),
    ("laporan.pdf", "skipped"),
    ("tanpa-akhiran", "skipped"),
    ("~$a.xlsx", None),                 # Excel lock file
    (".~lock.a.xlsx#", None),           # LibreOffice lock file
    (".tersembunyi.xlsx", None),        # hidden file
    (".DS_Store", None),
])
def test_each_file_goes_where_it_belongs(tmp_path, name, where):
    (tmp_path / "dasar.xlsx").write_bytes(b"x")          # so the folder is never empty of workbooks
    (tmp_path / name).write_bytes(b"x")
    listing = scan(tmp_path)
    places = {"workbooks": [p.name for p in listing.workbooks], "failures": [f.file for f in listing.failures],
              "skipped": [s.file for s in listing.skipped]}
    for key, names in places.items():
        assert (name in names) == (key == where), (key, names)


def test_subfolders_are_not_read(tmp_path):
    (tmp_path / "dasar.xlsx").write_bytes(b"x")
    (tmp_path / "arsip").mkdir()
    (tmp_path / "arsip" / "lama.xlsx").write_bytes(b"x")
    listing = scan(tmp_path)
    assert [p.name for p in listing.workbooks] == ["dasar.xlsx"] and not listing.skipped


def test_order_is_by_file_name_case_folded(tmp_path):
    for name in ("b.xlsx", "A.xlsx", "c.xlsm", "a2.xlsx"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in scan(tmp_path).workbooks] == ["A.xlsx", "a2.xlsx", "b.xlsx", "c.xlsm"]


def test_xls_gets_the_save_as_hint(tmp_path):
    (tmp_path / "dasar.xlsx").write_bytes(b"x")
    (tmp_path / "lama.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    failure = scan(tmp_path).failures[0]
    assert "simpan sebagai" in failure.reason and "(*.xlsx)" in failure.reason


def test_the_output_file_inside_the_folder_is_not_an_input(tmp_path):
    (tmp_path / "a.xlsx").write_bytes(b"x")
    (tmp_path / "rekap.xlsx").write_bytes(b"x")
    assert [p.name for p in scan(tmp_path, exclude=(tmp_path / "rekap.xlsx",)).workbooks] == ["a.xlsx"]


@pytest.mark.parametrize("make, words", [
    (lambda p: p / "tidak-ada", "tidak ditemukan"),
    (lambda p: (p / "a.xlsx").write_bytes(b"x") and p / "a.xlsx", "bukan folder"),
    (lambda p: p, "tidak berisi workbook"),
    (lambda p: (p / "lama.xls").write_bytes(b"x") and (p / "~$b.xlsx").write_bytes(b"x") and p, "sebagai .xlsx"),
])
def test_nothing_to_rekap_is_an_input_error(tmp_path, make, words):
    with pytest.raises(InputFileError) as err:
        scan(make(tmp_path))
    assert words in err.value.message
    assert err.value.exit_code == 3


def _failure(rekap, name):
    return next(f for f in rekap.failures if f.file == name)


def test_broken_encrypted_and_foreign_files_become_failures(tmp_path):
    pytest.importorskip("msoffcrypto")
    from support.hostile_files import encrypted, pdf_bytes, truncated
    opd_file(tmp_path, 0)
    good = opd_bytes(1)
    (tmp_path / "bersandi.xlsx").write_bytes(encrypted(good, "rahasia"))
    (tmp_path / "terpotong.xlsx").write_bytes(truncated(good))
    (tmp_path / "pdf.xlsx").write_bytes(pdf_bytes())
    (tmp_path / "kosong.xlsx").write_bytes(b"")
    (tmp_path / "tanpa-pk.xlsx").write_bytes(_foreign_workbook())
    rekap = recap(tmp_path, jobs=2)
    assert [r.file for r in rekap.rows] == ["opd-00.xlsx"]
    assert [f.file for f in rekap.failures] == ["bersandi.xlsx", "kosong.xlsx", "pdf.xlsx", "tanpa-pk.xlsx",
                                                "terpotong.xlsx"]
    assert "sandi" in _failure(rekap, "bersandi.xlsx").reason
    assert "PK" in _failure(rekap, "tanpa-pk.xlsx").reason
    assert not any(f.internal for f in rekap.failures)


def _foreign_workbook() -> bytes:
    import io

    import xlsxwriter
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.add_worksheet("Daftar Hadir").write_string(0, 0, "Nama")
    wb.close()
    return buf.getvalue()


def test_an_unexpected_exception_in_one_file_is_a_failure_with_its_type(tmp_path, monkeypatch):
    from sakip_xl import engine
    real = engine.check

    def flaky(path, *a, **kw):
        if path.name == "opd-01.xlsx":
            raise ZeroDivisionError("division by zero")
        return real(path, *a, **kw)
    monkeypatch.setattr(engine, "check", flaky)
    for i in range(3):
        opd_file(tmp_path, i)
    for jobs in (1, 2):             # in this process, and in forked workers
        rekap = recap(tmp_path, jobs=jobs)
        assert [r.file for r in rekap.rows] == ["opd-00.xlsx", "opd-02.xlsx"]
        failure = _failure(rekap, "opd-01.xlsx")
        assert failure.internal and failure.kind == "ZeroDivisionError"
        assert "ZeroDivisionError" in failure.reason and "galat internal" in failure.reason


@pytest.mark.skipif(os.name != "posix", reason="a worker killed with os._exit")
def test_a_worker_that_dies_only_fails_its_own_file(tmp_path, monkeypatch):
    from sakip_xl import engine
    real = engine.check

    def dying(path, *a, **kw):
        if path.name == "opd-02.xlsx":
            os._exit(9)             # as when the system kills a process out of memory
        return real(path, *a, **kw)
    monkeypatch.setattr(engine, "check", dying)
    for i in range(5):
        opd_file(tmp_path, i)
    rekap = recap(tmp_path, jobs=2)
    assert [r.file for r in rekap.rows] == ["opd-00.xlsx", "opd-01.xlsx", "opd-03.xlsx", "opd-04.xlsx"]
    failure = _failure(rekap, "opd-02.xlsx")
    assert failure.internal and failure.kind == "BrokenProcessPool"


def test_progress_is_reported_once_per_workbook(tmp_path):
    for i in range(3):
        opd_file(tmp_path, i)
    (tmp_path / "rusak.xlsx").write_bytes(b"PK\x03\x04")
    seen = []
    recap(tmp_path, jobs=2, progress=lambda done, total, name: seen.append((done, total, name)))
    assert [d for d, _, _ in seen] == [1, 2, 3, 4] and {t for _, t, _ in seen} == {4}
    assert sorted(n for _, _, n in seen) == ["opd-00.xlsx", "opd-01.xlsx", "opd-02.xlsx", "rusak.xlsx"]


def test_not_a_workbook_reason_is_indonesian(tmp_path):
    (tmp_path / "a.xlsx").write_bytes(b"x")
    (tmp_path / "b.docx").write_bytes(b"x")
    assert scan(tmp_path).skipped[0].reason == NOT_A_WORKBOOK
