"""The Renstra and IKU input sheets, and the Renstra period setting."""
from __future__ import annotations

from sakip_xl.read.schema import POLARITY_NEGATIVE, POLARITY_POSITIVE, Column, Setting, TableSheet

YEARS = 5

SETTINGS = (
    Setting("tahun_awal_renstra", "Tahun pertama Renstra", "number", None, aliases=("Tahun awal Renstra",),
            help="Tahun untuk kolom 'Target Tahun 1' di lembar Renstra, mis. 2021 untuk Renstra 2021-2026 "
                 "(Target Tahun 1 = 2021, Target Tahun 5 = 2025)."),
)


def _year_columns(kind: str, label: str, help_text: str) -> tuple[Column, ...]:
    return tuple(
        Column(f"{kind}_{k}", f"{label} Tahun {k}", "number",
               aliases=(f"{label} Th {k}", f"{label} Tahun ke-{k}", f"{label} Tahun ke {k}"),
               width=11, num_format="#,##0.00", help=help_text.format(k=k))
        for k in range(1, YEARS + 1)
    )


RENSTRA = TableSheet(
    name="Renstra",
    title="RENCANA STRATEGIS (RENSTRA): TUJUAN, SASARAN, INDIKATOR DAN TARGET LIMA TAHUN",
    help="Satu baris per indikator sasaran. Target Tahun 1 = 'Tahun pertama Renstra' di Pengaturan. "
         "Sel tujuan/sasaran yang digabung atau kosong mengikuti baris di atasnya.",
    key_column="indikator",
    fill_down=("no", "tujuan", "indikator_tujuan", "sasaran"),
    aliases=("Rencana Strategis",),
    columns=(
        Column("no", "No", "text", aliases=("No.", "Nomor"), width=5, help="Nomor urut (boleh kosong)."),
        Column("tujuan", "Tujuan", "text", aliases=("Tujuan OPD", "Tujuan Renstra"), width=30,
               help="Tujuan Renstra yang didukung sasaran."),
        Column("indikator_tujuan", "Indikator Tujuan", "text", width=30, help="Indikator tujuan (boleh kosong)."),
        Column("sasaran", "Sasaran", "text", required=True, aliases=("Sasaran Strategis", "Sasaran OPD"), width=32,
               help="Sasaran strategis."),
        Column("indikator", "Indikator Sasaran", "text", required=True,
               aliases=("Indikator Kinerja", "Indikator Kinerja Sasaran", "Indikator"), width=45,
               help="Nama indikator persis seperti di PK dan IKU."),
        Column("satuan", "Satuan", "text", width=9, help="Mis. %, indeks."),
        Column("polaritas", "Polaritas", "choice", choices=(POLARITY_POSITIVE, POLARITY_NEGATIVE), width=10,
               help="positif atau negatif; kosong = mengikuti PK."),
        Column("kondisi_awal", "Kondisi Awal", "number", aliases=("Kondisi Awal (Baseline)", "Baseline"),
               width=11, num_format="#,##0.00", help="Capaian sebelum periode Renstra."),
    ) + _year_columns("target", "Target", "Target tahun ke-{k} periode Renstra.") + (
        Column("kondisi_akhir", "Kondisi Akhir", "number",
               aliases=("Target Akhir Renstra", "Kondisi Akhir Periode Renstra", "Target Akhir"),
               width=11, num_format="#,##0.00", help="Target pada akhir periode Renstra."),
    ) + _year_columns("realisasi", "Realisasi", "Realisasi tahun ke-{k}; diisi setelah tahunnya berlalu."),
)

IKU = TableSheet(
    name="IKU",
    title="INDIKATOR KINERJA UTAMA (IKU)",
    help="Satu baris per IKU, sesuai Keputusan Kepala OPD tentang IKU.",
    key_column="indikator",
    fill_down=("sasaran",),
    aliases=("Indikator Kinerja Utama",),
    columns=(
        Column("no", "No", "text", aliases=("No.", "Nomor"), width=5, help="Nomor urut (boleh kosong)."),
        Column("sasaran", "Sasaran Strategis", "text", aliases=("Sasaran",), width=32,
               help="Sasaran strategis yang diukur IKU."),
        Column("indikator", "Indikator Kinerja Utama", "text", required=True,
               aliases=("IKU", "Indikator Kinerja", "Indikator"), width=45,
               help="Nama indikator persis seperti di Renstra dan PK."),
        Column("satuan", "Satuan", "text", width=9, help="Mis. %, indeks."),
        Column("formulasi", "Formulasi", "text", aliases=("Formula", "Rumus", "Formulasi Perhitungan"), width=45,
               help="Cara menghitung indikator."),
        Column("penanggung_jawab", "Penanggung Jawab", "text",
               aliases=("Bidang Penanggung Jawab", "Penanggungjawab", "PJ"), width=25,
               help="Bidang/seksi yang bertanggung jawab."),
        Column("sumber_data", "Sumber Data", "text", width=25, help="Dokumen atau instansi sumber data."),
    ),
)
