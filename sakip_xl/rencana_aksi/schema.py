"""The Rencana Aksi input sheet: a target per quarter for each PK indicator."""
from __future__ import annotations

from sakip_xl.read.schema import Column, TableSheet

QUARTERS = ("TW I", "TW II", "TW III", "TW IV")
TARGET_KEYS = ("target_tw1", "target_tw2", "target_tw3", "target_tw4")

RENCANA_AKSI = TableSheet(
    name="Rencana Aksi",
    title="RENCANA AKSI: TARGET TRIWULAN PER INDIKATOR KINERJA",
    help="Satu baris per indikator PK, namanya persis seperti di PK. Realisasi triwulan diambil dari kolom "
         "Realisasi TW I-IV lembar PK; sifat angkanya dari kolom Cara Realisasi Tahunan di PK.",
    key_column="indikator",
    aliases=("Renaksi",),
    columns=(
        Column("no", "No", "text", aliases=("No.", "Nomor"), width=5, help="Nomor urut (boleh kosong)."),
        Column("indikator", "Indikator Kinerja", "text", required=True, aliases=("Indikator", "IKU"), width=45,
               help="Nama indikator persis seperti di PK."),
        Column("uraian", "Uraian Rencana Aksi", "text", aliases=("Rencana Aksi", "Kegiatan", "Aksi"), width=40,
               help="Opsional: kegiatan/aksi untuk mencapai target."),
    ) + tuple(
        Column(key, f"Target {q}", "number", aliases=(f"Target Triwulan {q[3:]}", f"T {q}"), width=11,
               num_format="#,##0.00",
               help=f"Target {q}. Untuk indikator kumulatif: angka kumulatif s.d. {q}; "
                    "untuk 'jumlah'/'rata-rata': angka triwulan itu saja.")
        for key, q in zip(TARGET_KEYS, QUARTERS)
    ),
)
