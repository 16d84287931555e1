"""The SKM input sheets and settings, declared once (template, reader and Petunjuk use them)."""
from __future__ import annotations

from dataclasses import replace

from sakip_xl.read.schema import Column, Setting, TableSheet
from sakip_xl.skm.regimes import DEFAULT, MAX_ELEMENTS, REGIMES, WEIGHT_EXACT, WEIGHTS

PERIOD_QUARTER = "triwulan"
PERIOD_MONTH = "bulan"

SETTINGS = (
    Setting("skm_regulasi", "Regulasi SKM", "choice", DEFAULT.name, choices=tuple(r.name for r in REGIMES),
            help="PermenPANRB 14/2017 (bawaan, 9 unsur); PermenPANRB 16/2014 (9 unsur, batas mutu 2004); "
                 "KepMenPAN 25/2004 (14 unsur U1-U14)."),
    Setting("skm_bobot", "Bobot unsur SKM", "choice", WEIGHT_EXACT, choices=WEIGHTS,
            help="tepat = 1/jumlah unsur (bawaan, NIK maksimum 100). '3 desimal' (0,111 atau 0,071) dan "
                 "'2 desimal' (0,11 atau 0,07) hanya untuk mencocokkan laporan lama."),
    Setting("skm_populasi", "Populasi SKM (jumlah pengguna layanan)", "number", None,
            help="Jumlah pengguna layanan dalam periode survei; untuk sampel minimal Krejcie & Morgan."),
    Setting("skm_periode", "Periode hasil SKM", "choice", PERIOD_QUARTER, choices=(PERIOD_QUARTER, PERIOD_MONTH),
            help="Hasil per periode menurut kolom Tanggal: per triwulan (bawaan) atau per bulan."),
)

_UNSUR_HELP = {
    1: "Persyaratan (14/2017 dan 16/2014); Prosedur pelayanan (25/2004)",
    2: "Sistem, Mekanisme, dan Prosedur (14/2017); Prosedur (16/2014); Persyaratan pelayanan (25/2004)",
    3: "Waktu Penyelesaian (14/2017); Waktu Pelayanan (16/2014); Kejelasan petugas (25/2004)",
    4: "Biaya/Tarif (14/2017, 16/2014); Kedisiplinan petugas (25/2004)",
    5: "Produk Spesifikasi Jenis Pelayanan (14/2017, 16/2014); Tanggung jawab petugas (25/2004)",
    6: "Kompetensi Pelaksana (14/2017, 16/2014); Kemampuan petugas (25/2004)",
    7: "Perilaku Pelaksana (14/2017, 16/2014); Kecepatan pelayanan (25/2004)",
    8: "Sarana dan Prasarana (14/2017); Maklumat Pelayanan (16/2014); Keadilan mendapatkan pelayanan (25/2004)",
    9: "Penanganan Pengaduan, Saran dan Masukan (14/2017, 16/2014); Kesopanan dan keramahan petugas (25/2004)",
}


def _unsur_column(j: int) -> Column:
    names = {f"U{j} {r.elements[j - 1]}" for r in REGIMES if j <= r.count}
    help_text = _UNSUR_HELP.get(j, f"{KEPMENPAN_NAMES[j - 1]} (hanya KepMenPAN 25/2004)")
    return Column(
        f"u{j}", f"U{j}", "number", required=j <= DEFAULT.count,
        aliases=(f"Unsur {j}", f"U {j}", f"Unsur{j}") + ((f"U{j:02d}",) if j < 10 else ()) + tuple(sorted(names)),
        width=5, help=f"U{j} = {help_text}. Jawaban 1-4 (atau huruf a-d: a=1 ... d=4); kosongkan bila tidak dijawab.",
    )


KEPMENPAN_NAMES = REGIMES[-1].elements
ELEMENT_KEYS = tuple(f"u{j}" for j in range(1, MAX_ELEMENTS + 1))
PROFILE_KEYS = ("jenis_kelamin", "umur", "pendidikan", "pekerjaan")

_BASE_COLUMNS = (
    Column("no", "No", "text", aliases=("No.", "Nomor", "No Responden", "Nomor Responden"), width=6,
           help="Nomor responden (boleh kosong; tidak ikut dibandingkan saat mencari baris ganda)."),
    Column("tanggal", "Tanggal", "text", aliases=("Tanggal Survei", "Tanggal Pengisian", "Timestamp", "Waktu",
                                                  "Tgl", "Tanggal Layanan"), width=12, num_format="dd/mm/yyyy",
           help="Tanggal pengisian (format tanggal Excel), untuk hasil per triwulan atau per bulan."),
    Column("layanan", "Jenis Layanan", "text", aliases=("Layanan", "Jenis Pelayanan", "Pelayanan"), width=18,
           help="Mis. KTP, KK, Akta Kelahiran; untuk hasil per jenis layanan."),
    Column("jenis_kelamin", "Jenis Kelamin", "text", aliases=("JK", "L/P", "Kelamin", "Gender"), width=10,
           help="Mis. L / P."),
    Column("umur", "Umur", "text", aliases=("Usia", "Kelompok Umur", "Umur (tahun)", "Usia (tahun)"), width=8,
           help="Umur dalam tahun (angka), atau kelompok umur sebagai teks."),
    Column("pendidikan", "Pendidikan", "text", aliases=("Pendidikan Terakhir",), width=12,
           help="Mis. SD, SMP, SMA, D3, S1."),
    Column("pekerjaan", "Pekerjaan", "text", aliases=("Pekerjaan Utama",), width=14,
           help="Mis. PNS, Wiraswasta, Petani, Pelajar/Mahasiswa."),
)

SKM = TableSheet(
    name="SKM",
    title="DATA SURVEI KEPUASAN MASYARAKAT (SATU BARIS PER RESPONDEN)",
    help="Tempel jawaban kuesioner: satu baris per responden, jawaban 1-4 (a-d) di kolom U1-U9. "
         "Regulasi KepMenPAN 25/2004: tambahkan kolom U10-U14.",
    key_column="u1",
    aliases=("Survei Kepuasan Masyarakat", "Data SKM", "Responden SKM", "Kuesioner SKM"),
    columns=_BASE_COLUMNS + tuple(_unsur_column(j) for j in range(1, DEFAULT.count + 1)),
)

# The reader also knows U10-U14 (KepMenPAN 25/2004); the template shows U1-U9.
SKM_READ = replace(SKM, columns=SKM.columns + tuple(_unsur_column(j) for j in range(DEFAULT.count + 1,
                                                                                    MAX_ELEMENTS + 1)))

DISTRIBUSI = TableSheet(
    name="SKM Distribusi",
    title="DISTRIBUSI JAWABAN SKM PER UNSUR",
    help="Bila hanya ada rekap: satu baris per unsur, banyaknya (atau persentase) jawaban 1-4. "
         "Kolom Regulasi di baris pertama menentukan regulasi tabel ini (kosong = Pengaturan).",
    key_column="unsur",
    fill_down=("regulasi",),
    aliases=("Distribusi SKM", "Rekap SKM"),
    columns=(
        Column("regulasi", "Regulasi", "choice", choices=tuple(r.name for r in REGIMES), width=20,
               help="Isi di baris pertama saja; kosong = Regulasi SKM di Pengaturan."),
        Column("no", "No", "text", aliases=("No.", "Nomor"), width=5, help="Nomor unsur (boleh kosong)."),
        Column("unsur", "Unsur", "text", required=True, aliases=("Unsur Pelayanan", "Nama Unsur"), width=40,
               help="Nama unsur pelayanan."),
        Column("n1", "Tidak Baik (1)", "number", required=True, aliases=("Tidak Baik", "Nilai 1", "Jawaban 1"),
               width=11, help="Banyaknya jawaban 1 (a), atau persentasenya."),
        Column("n2", "Kurang Baik (2)", "number", required=True, aliases=("Kurang Baik", "Nilai 2", "Jawaban 2"),
               width=11, help="Banyaknya jawaban 2 (b), atau persentasenya."),
        Column("n3", "Baik (3)", "number", required=True, aliases=("Baik", "Nilai 3", "Jawaban 3"),
               width=11, help="Banyaknya jawaban 3 (c), atau persentasenya."),
        Column("n4", "Sangat Baik (4)", "number", required=True, aliases=("Sangat Baik", "Nilai 4", "Jawaban 4"),
               width=11, help="Banyaknya jawaban 4 (d), atau persentasenya."),
        Column("total", "Total", "number", aliases=("Jumlah",), width=9,
               help="Opsional: jumlah yang tertulis (100% atau banyaknya responden); sakip-xl memeriksanya."),
        Column("skor_dilaporkan", "Skor Dilaporkan", "number",
               aliases=("Skor", "Nilai Unsur", "Skor Unsur", "Nilai Dilaporkan"), width=11, num_format="0.00",
               help="Opsional: skor unsur (NRR x 25) yang tertulis di laporan; sakip-xl membandingkannya."),
    ),
)

SHEET = "Hasil SKM"                  # the computed sheets
DIST_SHEET = "Hasil SKM Distribusi"
