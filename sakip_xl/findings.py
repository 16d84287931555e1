"""Findings: data problems, collected (never raised) and reported with their cell.

Every finding has a stable code from the catalogue below, so the Inspektorat can
cite it. `sakip-xl codes` prints the catalogue and docs/kode-temuan.md is
generated from it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

GALAT = "galat"            # error: a number is wrong or cannot be computed
PERINGATAN = "peringatan"  # warning: computed, but look at it
INFO = "info"

SEVERITY_ORDER = {GALAT: 0, PERINGATAN: 1, INFO: 2}


@dataclass(frozen=True)
class Code:
    code: str
    severity: str
    title: str
    template: str   # str.format template for the message
    hint: str       # one line: how to fix


NA_HINT = ("'-' atau 'n/a' berarti data tidak tersedia, sama di kolom Target maupun Realisasi: capaian tidak "
           "dihitung dan baris tidak ikut dirata-rata (peringatan, bukan galat). Isi angkanya bila datanya sudah ada.")

_CODES = [
    # --- PK: the performance agreement and its realisation
    Code("PK-001", GALAT, "Target bukan angka",
         "Target '{text}' bukan angka, capaian tidak dihitung.",
         "Ketik target sebagai angka saja, mis. 85 (bukan 'B (85)')."),
    Code("PK-002", GALAT, "Target nol",
         "Target 0: capaian tidak dapat dihitung (pembagian dengan nol).",
         "Periksa target di PK; target 0 tidak dapat diukur dengan rumus capaian."),
    Code("PK-003", PERINGATAN, "Realisasi kosong",
         "Realisasi belum diisi, capaian tidak dihitung dan baris tidak ikut dirata-rata.",
         "Isi realisasi, atau tulis n/a bila data memang tidak tersedia."),
    Code("PK-004", PERINGATAN, "Realisasi tidak tersedia",
         "Realisasi '{text}': data tidak tersedia, capaian tidak dihitung.",
         NA_HINT),
    Code("PK-005", GALAT, "Realisasi bukan angka",
         "Realisasi '{text}' bukan angka, capaian tidak dihitung.",
         "Ketik realisasi sebagai angka, mis. 86,44."),
    Code("PK-006", PERINGATAN, "Angka diketik sebagai teks",
         "Sel berisi teks '{text}', dibaca sebagai {value}.",
         "Ketik ulang sebagai angka (tanpa 'Rp', titik ribuan atau tanda %), agar Excel dapat menghitungnya."),
    Code("PK-007", PERINGATAN, "Polaritas tidak dikenal",
         "Polaritas '{text}' tidak dikenal; dianggap positif.",
         "Pilih 'positif' atau 'negatif' dari daftar."),
    Code("PK-008", GALAT, "Capaian dilaporkan salah",
         "Capaian tertulis {stated} %, seharusnya {computed} %.",
         "Ganti capaian yang dilaporkan dengan hasil di lembar Capaian."),
    Code("PK-009", PERINGATAN, "Capaian dilaporkan tanpa dasar",
         "Capaian tertulis {stated} %, padahal capaian tidak dapat dihitung dari target dan realisasi.",
         "Lengkapi target dan realisasi, atau hapus capaian yang dilaporkan."),
    Code("PK-010", PERINGATAN, "Realisasi nol dengan rumus T/R",
         "Realisasi 0 pada indikator negatif dengan rumus T/R: capaian tak terhingga, tidak dihitung.",
         "Gunakan rumus (2T-R)/T di Pengaturan untuk indikator ini."),
    Code("PK-012", PERINGATAN, "Indikator tanpa nama",
         "Baris berisi angka tetapi nama indikator kosong.",
         "Isi nama indikator kinerja."),
    Code("PK-023", GALAT, "Lembar PK hilang setelah compute",
         "Workbook ini sudah pernah dihitung, tetapi lembar {lembar} tidak ada lagi, jadi capaian kinerja tidak "
         "dihitung. {akibat}: angka lamanya tidak dapat diperiksa lagi tanpa lembar {lembar}.",
         "Kembalikan lembar PK (dari file .bak.xlsx atau salinan sebelumnya; bila namanya diganti, kembalikan "
         "namanya menjadi 'PK'), lalu jalankan compute lagi."),
    # --- SEL: any input cell
    Code("SEL-001", GALAT, "Sel berisi galat Excel",
         "Sel berisi nilai galat Excel {text}; nilainya tidak dapat dipakai.",
         "Perbaiki rumus di sel tersebut atau ketik nilainya."),
    Code("SEL-002", GALAT, "Rumus tanpa hasil tersimpan",
         "Sel berisi rumus ={formula} tanpa hasil tersimpan (file disimpan oleh program selain Excel); "
         "nilainya dibaca kosong.",
         "Buka file di Excel atau LibreOffice, simpan ulang (hasil rumus ikut tersimpan), lalu jalankan lagi."),
    Code("SEL-003", INFO, "Baris tersembunyi ikut dihitung",
         "Baris {row} disembunyikan tetapi tetap ikut dihitung.",
         "Tampilkan baris itu (klik kanan nomor baris > Unhide) dan pastikan memang harus dihitung; "
         "bila tidak, hapus barisnya."),
    Code("SEL-004", INFO, "Angka berformat persen",
         "Sel berformat persen: tersimpan {stored}, tampil {shown}%; dihitung sebagai {shown} (seperti yang "
         "terlihat), juga di rumus lembar hasil (sel x 100).",
         "Tidak perlu diubah bila angka persen itu memang maksudnya. Bila yang dimaksud angka tersimpannya "
         "(mis. 0,72, bukan 72 %), ubah format sel menjadi Number atau General."),
    Code("SEL-011", GALAT, "Angka di luar batas wajar",
         "Sel berisi angka {value}, di luar batas wajar (lebih dari 1.000 triliun); rumus tetap memakainya, "
         "hasil yang melampaui batas angka Excel ditulis sebagai #NUM!.",
         "Periksa angka di sel itu (mungkin salah ketik atau tertempel dari kolom lain) dan ketik nilai yang benar."),
    Code("SEL-012", PERINGATAN, "Sel jauh di luar area data tidak dibaca",
         "Sel ini berisi nilai tetapi letaknya jauh di luar area data lembar ini{more}; nilainya tidak dibaca "
         "(membacanya akan memakan memori sebesar seluruh lembar sampai sel itu).",
         "Hapus isi sel itu (Ctrl+End menuju sel terakhir yang terpakai), atau pindahkan datanya ke dalam tabel."),
    Code("SEL-013", PERINGATAN, "Lembar tambahan tidak berbentuk isian sakip-xl",
         "{detail} Lembar ini dilewati; bagian lain tetap dihitung.",
         "Bila lembar ini memang isian sakip-xl, samakan judul kolomnya dengan template; bila bukan, "
         "abaikan temuan ini atau ganti nama lembarnya."),
    # --- SET: Pengaturan
    Code("SET-001", GALAT, "Skala kategori tidak valid",
         "Skala kategori tidak valid: {detail}. Skala bawaan dipakai.",
         "Urutkan skala dari kategori terendah; batas bawah naik, syarat '>' atau '>='."),
    Code("SET-002", PERINGATAN, "Pilihan pengaturan tidak dikenal",
         "Nilai '{text}' untuk '{label}' tidak dikenal; dipakai '{default}'.",
         "Pilih salah satu nilai dari daftar pilihan di sel tersebut."),
    Code("SET-003", INFO, "Pengaturan tidak ditemukan",
         "Lembar Pengaturan tidak ada; dipakai pengaturan bawaan.",
         "Buat workbook dari template 'sakip-xl template' agar pengaturan dapat diubah."),
]

CATALOGUE: dict[str, Code] = {c.code: c for c in _CODES}


def register(codes: list[Code]) -> None:
    """Add a section's codes to the catalogue (called when its module is imported)."""
    for c in codes:
        if c.code in CATALOGUE and CATALOGUE[c.code] != c:
            raise ValueError(f"duplicate finding code {c.code}")
        CATALOGUE[c.code] = c


def catalogue() -> list[Code]:
    """Every code of every section, sorted."""
    from sakip_xl.check import reviu  # noqa: F401  (registers the WB- codes)
    from sakip_xl.rekap import codes as _rekap  # noqa: F401  (registers the REK- codes)
    from sakip_xl.sections import sections
    sections()   # imports every section module, which registers its codes
    return sorted(CATALOGUE.values(), key=lambda c: (c.code.split("-")[0], c.code))


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    sheet: str
    cell: str
    message: str
    hint: str

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def place(self) -> str:
        if not self.cell:
            return self.sheet
        return f"{self.sheet}!{self.cell}"


_observers: list = []   # callables told of every code raised (the test suite tracks coverage)


def make(code: str, sheet: str, cell: str, **fields) -> Finding:
    """Create a finding from its catalogue entry; unknown codes are a programming error."""
    entry = CATALOGUE[code]
    for observe in _observers:
        observe(code)
    return Finding(
        code=entry.code,
        severity=entry.severity,
        sheet=sheet,
        cell=cell,
        message=entry.template.format(**fields),
        hint=entry.hint,
    )


def sort_key(sheet_order: dict[str, int]):
    from sakip_xl.xlsx.addresses import cell_sort_key

    def key(f: Finding):
        return (SEVERITY_ORDER[f.severity], sheet_order.get(f.sheet, 999), cell_sort_key(f.cell), f.code)

    return key


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


def optional_table(ctx, spec):
    """The table of an optional section's sheet, or None: a sheet of that name with another
    layout (a user's own "Rencana Aksi", say) is skipped with SEL-013 instead of stopping the run."""
    from sakip_xl.errors import WorkbookLayoutError

    try:
        return ctx.book.table(spec, required=False)
    except WorkbookLayoutError as err:
        ctx.findings.append(make("SEL-013", spec.name, "", detail=err.message))
        return None
