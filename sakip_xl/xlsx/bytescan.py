"""Fast tests for short markup in a large XML buffer.

`b"<f" in buf` runs at about 1 GB/s: for a two-byte needle CPython's search can
skip little. A search for one byte is memchr (about 10 GB/s); when that byte is
rare in the buffer, finding it and looking at the byte before is much faster.
The letter f and the mark ! are rare in worksheet XML outside the markup looked
for (formulas, comments, CDATA), so this is the common case; when the anchor
turns out to be frequent (text-heavy XML), the plain search is used instead.
"""
from __future__ import annotations

_FREQUENT = 2000


def preceded(buf: bytes, anchor: bytes, before: tuple[bytes, ...]) -> bool:
    """Whether `buf` holds the one-byte `anchor` right after one of the one-byte `before`."""
    find = buf.find
    i = find(anchor)
    seen = 0
    while i >= 0:
        if i and buf[i - 1:i] in before:
            return True
        seen += 1
        if seen > _FREQUENT:
            return any(b + anchor in buf for b in before)
        i = find(anchor, i + 1)
    return False


def may_hold_formula(buf: bytes) -> bool:
    """True when `buf` may hold an <f> element (any namespace prefix); False means it holds none."""
    return preceded(buf, b"f", (b"<", b":"))


def has_declaration(buf: bytes) -> bool:
    """Whether `buf` holds `<!` (a comment, CDATA section or DOCTYPE)."""
    return preceded(buf, b"!", (b"<",))
