"""Spending classes (jenis belanja): recognising what staff type, in either classification.

Current (Permendagri 90/2019, 77/2020): Belanja Operasi (pegawai, barang dan jasa,
bunga, subsidi, hibah, bantuan sosial), Belanja Modal, Belanja Tidak Terduga,
Belanja Transfer (bagi hasil, bantuan keuangan). Older reports: Belanja Tidak
Langsung / Belanja Langsung (pegawai, barang dan jasa, modal). Pure functions.
"""
from __future__ import annotations

import re

from sakip_xl.read.schema import normalize_header

OPERASI = "Belanja Operasi"
MODAL = "Belanja Modal"
TIDAK_TERDUGA = "Belanja Tidak Terduga"
TRANSFER = "Belanja Transfer"
LANGSUNG = "Belanja Langsung"
TIDAK_LANGSUNG = "Belanja Tidak Langsung"
PEGAWAI = "Belanja Pegawai"
BARANG_JASA = "Belanja Barang dan Jasa"
BUNGA = "Belanja Bunga"
SUBSIDI = "Belanja Subsidi"
HIBAH = "Belanja Hibah"
BANSOS = "Belanja Bantuan Sosial"
BAGI_HASIL = "Belanja Bagi Hasil"
BANTUAN_KEUANGAN = "Belanja Bantuan Keuangan"
# Rincian of Belanja Modal (Permendagri 90/2019, 77/2020: 5.2.01 ... 5.2.06).
TANAH = "Belanja Modal Tanah"
PERALATAN = "Belanja Modal Peralatan dan Mesin"
GEDUNG = "Belanja Modal Gedung dan Bangunan"
JALAN = "Belanja Modal Jalan, Irigasi dan Jaringan"
ASET_TETAP = "Belanja Modal Aset Tetap Lainnya"
ASET_LAIN = "Belanja Modal Aset Lainnya"
MODAL_RINCIAN = (TANAH, PERALATAN, GEDUNG, JALAN, ASET_TETAP, ASET_LAIN)
UNCLASSIFIED = "Tidak diisi"

SCHEME_CURRENT = "Permendagri 90/2019"
SCHEME_OLD = "Belanja Langsung/Tidak Langsung"

# Order of the groups and, within each, of their sub-classes, per classification.
GROUPS = {
    SCHEME_CURRENT: {
        OPERASI: (PEGAWAI, BARANG_JASA, BUNGA, SUBSIDI, HIBAH, BANSOS),
        MODAL: MODAL_RINCIAN,
        TIDAK_TERDUGA: (),
        TRANSFER: (BAGI_HASIL, BANTUAN_KEUANGAN),
    },
    SCHEME_OLD: {
        TIDAK_LANGSUNG: (PEGAWAI, BUNGA, SUBSIDI, HIBAH, BANSOS, BAGI_HASIL, BANTUAN_KEUANGAN, TIDAK_TERDUGA),
        LANGSUNG: (PEGAWAI, BARANG_JASA, MODAL),
    },
}

# Where a sub-class goes when nothing above it names its group.
_DEFAULT_GROUP = {
    SCHEME_CURRENT: {PEGAWAI: OPERASI, BARANG_JASA: OPERASI, BUNGA: OPERASI, SUBSIDI: OPERASI, HIBAH: OPERASI,
                     BANSOS: OPERASI, BAGI_HASIL: TRANSFER, BANTUAN_KEUANGAN: TRANSFER,
                     **{c: MODAL for c in MODAL_RINCIAN}},
    SCHEME_OLD: {PEGAWAI: LANGSUNG, BARANG_JASA: LANGSUNG, MODAL: LANGSUNG, BUNGA: TIDAK_LANGSUNG,
                 SUBSIDI: TIDAK_LANGSUNG, HIBAH: TIDAK_LANGSUNG, BANSOS: TIDAK_LANGSUNG,
                 BAGI_HASIL: TIDAK_LANGSUNG, BANTUAN_KEUANGAN: TIDAK_LANGSUNG, TIDAK_TERDUGA: TIDAK_LANGSUNG,
                 **{c: LANGSUNG for c in MODAL_RINCIAN}},
}

# The words a group's own name may hold besides 'belanja' (others make it a rincian of that group).
_GROUP_WORDS = {
    OPERASI: {"operasi", "operasional"}, MODAL: {"modal"}, TIDAK_TERDUGA: {"tidak", "terduga", "btt"},
    TRANSFER: {"transfer", "bantuan", "keuangan", "bagi", "hasil"}, LANGSUNG: {"langsung", "bl"},
    TIDAK_LANGSUNG: {"tidak", "langsung", "btl"},
}
_FILLER = {"belanja", "dan", "daerah", "total", "jumlah", "sub", "subtotal"}

# (pattern on the normalised text, class); first match wins, so the longer names come first.
_PATTERNS = [
    (r"\btransfer\b(?!.*\bbagi hasil\b.*\bbantuan keuangan\b|.*\bbantuan keuangan\b.*\bbagi hasil\b)"
     r"(?=.*\bbagi hasil\b)", BAGI_HASIL),
    (r"\btransfer\b(?!.*\bbagi hasil\b.*\bbantuan keuangan\b|.*\bbantuan keuangan\b.*\bbagi hasil\b)"
     r"(?=.*\bbantuan keuangan\b)", BANTUAN_KEUANGAN),
    (r"\btransfer\b", TRANSFER),
    (r"\btidak langsung\b|^btl$", TIDAK_LANGSUNG),
    (r"\btidak terduga\b|^btt$", TIDAK_TERDUGA),
    (r"\blangsung\b|^bl$", LANGSUNG),
    (r"\boperasi(onal)?\b", OPERASI),
    (r"\bpegawai\b", PEGAWAI),
    (r"\bbarang\b|\bjasa\b", BARANG_JASA),
    (r"\bmodal\b", MODAL),
    (r"\bbunga\b", BUNGA),
    (r"\bsubsidi\b", SUBSIDI),
    (r"\bhibah\b", HIBAH),
    (r"\bbantuan sosial\b|\bbansos\b", BANSOS),
    (r"\bbagi hasil\b", BAGI_HASIL),
    (r"\bbantuan keuangan\b", BANTUAN_KEUANGAN),
]
# Rincian of Belanja Modal: by its words after 'modal', or alone as the whole name (as the LRA prints
# them: TANAH, PERALATAN DAN MESIN, GEDUNG DAN BANGUNAN ...); not 'Belanja Pemeliharaan Gedung'.
_MODAL_RINCIAN = [
    (r"tanah", TANAH),
    (r"peralatan( dan)? mesin|peralatan|mesin", PERALATAN),
    (r"gedung( dan)? bangun\w*|gedung|bangunan", GEDUNG),
    (r"jalan( irigasi)?( dan)? (irigasi )?(dan )?jaringan|jalan irigasi|jalan|irigasi|jaringan", JALAN),
    (r"aset tetap( lainnya| lain)?", ASET_TETAP),
    (r"aset lainnya|aset lain|aset", ASET_LAIN),
]
# Account codes of the current classification (5.1, 5.1.02 ...), typed instead of names.
_CODES = {"5 1": OPERASI, "5 2": MODAL, "5 3": TIDAK_TERDUGA, "5 4": TRANSFER, "5 1 1": PEGAWAI,
          "5 1 2": BARANG_JASA, "5 1 3": BUNGA, "5 1 4": SUBSIDI, "5 1 5": HIBAH, "5 1 6": BANSOS,
          "5 4 1": BAGI_HASIL, "5 4 2": BANTUAN_KEUANGAN, "5 2 1": TANAH, "5 2 2": PERALATAN, "5 2 3": GEDUNG,
          "5 2 4": JALAN, "5 2 5": ASET_TETAP, "5 2 6": ASET_LAIN}
_LEADING_NUMBER = re.compile(r"^([a-z]|[0-9]+|[ivx]+)\s+(?=\D)")


def recognise(text: object) -> str | None:
    """The class a typed text names, or None ('Belanja Barang/Jasa' -> Belanja Barang dan Jasa)."""
    norm = normalize_header(text) if text is not None else ""
    if not norm:
        return None
    code = " ".join(str(int(part)) if part.isdigit() else part for part in norm.split())
    if code in _CODES:
        return _CODES[code]
    norm = _LEADING_NUMBER.sub("", norm)
    rest = re.sub(r"^(belanja )?(modal )?", "", norm)
    for pattern, cls in _MODAL_RINCIAN:
        if re.fullmatch(pattern, rest) or (re.search(r"\bmodal\b", norm) and re.search(rf"\b({pattern})\b", rest)):
            return cls
    for pattern, cls in _PATTERNS:
        if re.search(pattern, norm):
            return cls
    return None


def extra_words(text: object, cls: str) -> bool:
    """A group's name with more words than its own ('Belanja Modal Kendaraan'): an unknown rincian of it."""
    allowed = _GROUP_WORDS.get(cls)
    if allowed is None:
        return False
    norm = _LEADING_NUMBER.sub("", normalize_header(text) if text is not None else "")
    words = [w for w in norm.split() if not w.isdigit()]
    return any(w not in allowed and w not in _FILLER for w in words)


def container_of(cls: str, scheme: str) -> tuple[str, ...]:
    """The classes a line of class `cls` may sit under: its group(s), and Belanja Modal for its rincian."""
    if cls in MODAL_RINCIAN and scheme == SCHEME_OLD:
        return (MODAL, LANGSUNG)
    return tuple(g for g, subs in GROUPS[scheme].items() if cls in subs)


def scheme_of(classes) -> str:
    """The old classification when any class names Belanja (Tidak) Langsung, else the current one."""
    return SCHEME_OLD if any(c in (LANGSUNG, TIDAK_LANGSUNG) for c in classes) else SCHEME_CURRENT


def is_group(cls: str, scheme: str) -> bool:
    return cls in GROUPS[scheme]


def group_of(cls: str, scheme: str, inherited_group: str | None = None) -> str:
    """The group a class belongs to: itself for a group, else the group named above it, else its default."""
    if is_group(cls, scheme):
        return cls
    if inherited_group is not None and cls in GROUPS[scheme].get(inherited_group, ()):
        return inherited_group
    return _DEFAULT_GROUP[scheme][cls]


def ordered(groups_and_subs: set[tuple[str, str | None]], scheme: str) -> list[tuple[str, str | None]]:
    """(group, sub) pairs in the classification's order, each group before its subs."""
    known = GROUPS[scheme]
    out: list[tuple[str, str | None]] = []
    group_names = [g for g in known if any(p[0] == g for p in groups_and_subs)]
    if any(p[0] == UNCLASSIFIED for p in groups_and_subs):
        group_names.append(UNCLASSIFIED)
    for g in group_names:
        out.append((g, None))
        for sub in known.get(g, ()):
            if (g, sub) in groups_and_subs:
                out.append((g, sub))
    return out
