"""zipio.deflate: big parts compressed in parallel blocks still form one valid, deterministic stream."""
from __future__ import annotations

import io
import random
import zipfile
import zlib

import pytest

from sakip_xl.xlsx import zipio


def _text(n: int, seed: int) -> bytes:
    rnd = random.Random(seed)
    words = [b"pelayanan", b"cepat", b"ramah", b"<si><t>", b"</t></si>", b"&amp;", b"antrian", b"\xc3\xbc"]
    out = bytearray()
    while len(out) < n:
        out += rnd.choice(words) + str(rnd.randrange(10**6)).encode()
    return bytes(out[:n])


@pytest.mark.parametrize("size", [0, 1, 2 * zipio._BLOCK, 2 * zipio._BLOCK + 1, 5 * zipio._BLOCK + 12345])
def test_blocks_inflate_to_the_data_and_do_not_depend_on_the_run(size):
    data = _text(size, size)
    packed = zipio.deflate(data)
    assert zlib.decompressobj(-15).decompress(packed) == data
    assert zipio.deflate(data) == packed
    whole = zlib.compressobj(6, zlib.DEFLATED, -15)
    assert len(packed) <= 1.01 * len(whole.compress(data) + whole.flush()) + 64


def test_a_member_written_in_blocks_is_read_by_zipfile():
    data = _text(3 * zipio._BLOCK + 7, 1)
    w = zipio.ZipWriter()
    w.add("xl/sharedStrings.xml", data)
    with zipfile.ZipFile(io.BytesIO(w.finish())) as z:
        assert z.testzip() is None
        assert z.read("xl/sharedStrings.xml") == data
