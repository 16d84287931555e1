"""The catalogue of finding codes: every code of reading (SEL-, SET-), re-checking (WB-), the rekap
(REK-) and every registered section. `sakip-xl codes` prints it; docs/kode-temuan.md is made from
it. It sits above the registry, so nothing below has to import upward to list the codes."""
from __future__ import annotations

from sakip_xl.review import codes as check_codes
from sakip_xl.findings import Code
from sakip_xl.read import codes as read_codes
from sakip_xl.rekap import codes as rekap_codes
from sakip_xl.sections import sections


def catalogue() -> list[Code]:
    """Every code, sorted by prefix and number; a code defined twice differently is an error."""
    found: dict[str, Code] = {}
    lists = [read_codes.CODES, check_codes.CODES, rekap_codes.CODES] + [sec.codes for sec in sections()]
    for codes in lists:
        for c in codes:
            if found.setdefault(c.code, c) != c:
                raise ValueError(f"duplicate finding code {c.code}")
    return sorted(found.values(), key=lambda c: (c.code.split("-")[0], c.code))


def catalogue_markdown() -> str:
    """docs/kode-temuan.md, generated from the catalogue (a test keeps it in step)."""
    lines = [
        "# Katalog kode temuan sakip-xl",
        "",
        "Dibuat otomatis dari katalog (`sakip-xl codes --format markdown`); jangan diubah manual.",
        "Tingkat: **galat** = angka salah atau tidak dapat dihitung; **peringatan** = dihitung, tetapi",
        "perlu diperiksa; **info** = keterangan.",
        "",
        "| Kode | Tingkat | Judul | Pesan | Cara memperbaiki |",
        "|---|---|---|---|---|",
    ]
    for c in catalogue():
        cells = (c.code, c.severity, c.title, c.template, c.hint)
        lines.append("| " + " | ".join(x.replace("|", "\\|") for x in cells) + " |")
    return "\n".join(lines) + "\n"
