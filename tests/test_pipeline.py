"""The background parse of big sheets and the early rendering change nothing in the output."""
from __future__ import annotations

from support.builders import example
from sakip_xl.read import bigsheet
from sakip_xl.read import reader
from sakip_xl.engine import analyze, compute, render


def test_prefetch_and_early_render_give_the_same_bytes(tmp_path, monkeypatch):
    src = example(tmp_path)
    plain = tmp_path / "biasa.xlsx"
    compute(src, plain)
    monkeypatch.setattr(reader, "PREFETCH_MIN_BYTES", 1)       # every sheet parsed in the background
    calls = []
    original = reader.WorkbookData.prefetch_large

    def spy(self, min_bytes=1):
        got = original(self, 1)
        calls.append(got)
        return got

    monkeypatch.setattr(reader.WorkbookData, "prefetch_large", spy)
    monkeypatch.setattr(bigsheet, "cores", lambda: 2)           # big sheets cut in pieces, on any machine
    pieces = []
    original_parse = bigsheet.parse

    def parse_spy(pkg, part, **kwargs):
        pieces.append((part, original_parse(pkg, part, **kwargs)))
        return pieces[-1][1]

    monkeypatch.setattr(bigsheet, "parse", parse_spy)
    fast = tmp_path / "cepat.xlsx"
    compute(src, fast)
    assert calls and "SKM" in calls[0] and "PK" in calls[0]
    assert sum(split is not None for _, split in pieces) >= 2      # the SKM and Anggaran sheets at least
    assert fast.read_bytes() == plain.read_bytes()


def test_early_rendering_equals_rendering_after_analysis(tmp_path):
    data = example(tmp_path).read_bytes()
    assert render(analyze(data, render_early=True)) == render(analyze(data))


def test_the_collector_is_paused_during_compute_and_restored(tmp_path, monkeypatch):
    import gc

    from sakip_xl import engine

    seen = []
    original = engine.analyze

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    monkeypatch.setattr(engine, "analyze", spy)
    assert gc.isenabled()
    compute(example(tmp_path), tmp_path / "hasil.xlsx")
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        compute(example(tmp_path), tmp_path / "hasil2.xlsx")
        assert not gc.isenabled()          # a caller's choice is kept
    finally:
        gc.enable()
