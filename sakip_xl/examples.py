"""The example workbook (the seed LKjIP: Kecamatan Jelbuk, 2021) and the template.

`python -m sakip_xl.examples` rewrites templates/ and workbooks/ from the schema;
a test fails when the committed files are out of date.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .template import build_template

TEMPLATE_NAME = "templates/sakip-xl-template.xlsx"
EXAMPLE_NAME = "workbooks/contoh-kecamatan-jelbuk-2021.xlsx"

JELBUK_SETTINGS = {
    "instansi": "Kecamatan Jelbuk",
    "kabupaten": "Kabupaten Jember",
    "tahun": 2021,
    "kepala": "MUHAMMAD ZAMRONI, SH, M.Si",
    "nip": "19680616 199303 1 006",
}

_SASARAN_2 = ("Meningkatnya Koordinasi bidang Pemerintahan, Pembangunan dan Penyelenggaraan "
              "Pemerintahan Wilayah Kecamatan")

# LKjIP 2021 Tabel 3.1, typed as staff type it: the second sasaran cell is left
# blank under the first (a merged cell in the report), the printed capaian kept;
# realisasi n-1 from Tabel 3.2, the national figure "not available" of Tabel 3.4.
JELBUK_PK = [
    {"no": 1, "sasaran": "Meningkatnya Kualitas Pelayanan",
     "indikator": "Nilai SKM dalam Bidang Pelayanan Publik", "satuan": "indeks", "polaritas": "positif",
     "target": 85, "realisasi": 86.44, "realisasi_lalu": 65.3, "capaian_dilaporkan": 86.44, "nasional": "-"},
    {"no": 2, "sasaran": _SASARAN_2,
     "indikator": "Prosentase Rekomendasi Hasil Koordinasi Bidang Pemerintahan, Ketertiban dan Keamanan "
                  "Pemberdayaan masyarakat dan Kesos yang ditindak lanjuti dalam 1 tahun",
     "satuan": "%", "polaritas": "positif", "target": 100, "realisasi": 80, "realisasi_lalu": 85,
     "capaian_dilaporkan": 80},
    {"indikator": "Prosentase Desa yang sudah menyusun dokumen Perencanaan Penganggaran dan pelaporan "
                  "dengan benar dan tepat waktu",
     "satuan": "%", "polaritas": "positif", "target": 100, "realisasi": 80, "realisasi_lalu": 85,
     "capaian_dilaporkan": 80},
]


def template_bytes() -> bytes:
    return build_template()


def example_bytes() -> bytes:
    from .sections import sections
    settings, rows = dict(JELBUK_SETTINGS), {"PK": JELBUK_PK}
    for sec in sections():
        settings.update(sec.example_settings)
        rows.update(sec.example_rows)
    return build_template(settings, rows)


def write_all(root: Path) -> list[Path]:
    written = []
    for name, data in ((TEMPLATE_NAME, template_bytes()), (EXAMPLE_NAME, example_bytes())):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()
    for p in write_all(root):
        print(p)
