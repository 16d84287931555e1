"""The analysis texts the user writes: per indicator, and the follow-up of the SKM's weakest unsur."""
from __future__ import annotations

from sakip_xl.read.schema import Column, Setting, TableSheet

TEXT_COLUMNS = (
    ("penyebab", "Penyebab Keberhasilan/Kegagalan",
     ("Penyebab Keberhasilan", "Penyebab Kegagalan", "Faktor Penyebab", "Analisis Penyebab")),
    ("upaya", "Upaya yang Dilakukan", ("Upaya", "Upaya Peningkatan")),
    ("program", "Program Pendukung", ("Program/Kegiatan Pendukung", "Program dan Kegiatan Pendukung")),
    ("tindak_lanjut", "Rencana Tindak Lanjut", ("Tindak Lanjut", "Rekomendasi", "RTL")),
)

ANALISIS = TableSheet(
    name="Analisis Kinerja",
    title="ANALISIS CAPAIAN KINERJA PER INDIKATOR",
    help="Satu baris per indikator PK (nama persis seperti di PK). Teks ini dibawa ke laporan Bab III "
         "di bawah tabel sasarannya.",
    key_column="indikator",
    aliases=(),
    columns=(
        Column("no", "No", "text", aliases=("No.", "Nomor"), width=5, help="Nomor urut (boleh kosong)."),
        Column("indikator", "Indikator Kinerja", "text", required=True, aliases=("Indikator", "IKU"), width=40,
               help="Nama indikator persis seperti di PK."),
    ) + tuple(Column(key, header, "text", aliases=aliases, width=40, help=f"{header} (teks bebas).")
              for key, header, aliases in TEXT_COLUMNS),
)

TINDAK_LANJUT_SKM = TableSheet(
    name="Tindak Lanjut SKM",
    title="RENCANA TINDAK LANJUT HASIL SKM (UNSUR DENGAN NILAI TERENDAH)",
    help="Satu baris per unsur SKM yang akan ditindaklanjuti (mis. 'U3' atau nama unsurnya). Tabel rencana "
         "tindak lanjut di Hasil SKM dan di laporan memuat unsur dengan NRR terendah.",
    key_column="unsur",
    aliases=("RTL SKM",),
    columns=(
        Column("unsur", "Unsur", "text", required=True, aliases=("Unsur Pelayanan", "Unsur SKM"), width=30,
               help="Kode unsur (U1-U9) atau nama unsur seperti di lembar SKM."),
        Column("rencana", "Rencana Tindak Lanjut", "text", aliases=("Program/Kegiatan", "Rencana Perbaikan"),
               width=45, help="Kegiatan perbaikan yang direncanakan."),
        Column("penanggung_jawab", "Penanggung Jawab", "text", aliases=("PJ", "Penanggungjawab"), width=25,
               help="Pejabat/bidang yang bertanggung jawab."),
        Column("waktu", "Waktu Pelaksanaan", "text", aliases=("Waktu", "Jadwal"), width=16,
               help="Mis. TW II 2022."),
    ),
)

SETTINGS = (
    Setting("unsur_terendah", "Unsur SKM terendah untuk tindak lanjut", "number", 3,
            aliases=("Jumlah unsur SKM terendah untuk tindak lanjut", "Unsur SKM terendah"),
            help="Banyaknya unsur SKM dengan NRR terendah yang masuk tabel rencana tindak lanjut (bawaan 3; "
                 "unsur dengan NRR sama dengan yang terakhir ikut)."),
)
