"""The facts of PermenPANRB 88/2021 (evaluasi AKIP) the LKE section starts from.

Sources (facts only, no code copied; see docs/lke.md for what could not be confirmed):
- Components, sub-components, their weights and the criteria list: the LKE of the regulation's
  attachment as transcribed in workspacericky-dot/t-SEMAR, src/lib/data/criteria.ts (generated there
  from the LKE Excel files): 4 components (Perencanaan 30, Pengukuran 30, Pelaporan 15, Evaluasi
  Internal 25), each split 20/30/50 % into three sub-components (6/9/15, 6/9/15, 3/4,5/7,5,
  5/7,5/12,5), 80 criteria of equal weight within their sub-component.
- Answer values Y/T = 1/0 and A/B/C/D/E = 1/0,75/0,5/0,25/0, and the score of a sub-component =
  mean of its criteria's values (unanswered = 0) x its weight: agusnurwanto/wp-eval-sakip,
  public/class-wp-eval-sakip-public-lke.php (answer options, 'metode_penilaian' 1 = average).
- Predikat bounds: AA > 90, A > 80, BB > 70, B > 60, CC > 50, C > 30, D the rest, with their
  interpretations (Sangat Memuaskan ... Sangat Kurang); yudhis55/kke-sakip-trenggalek,
  app/Livewire/Dashboard/EksporLaporan.php uses the same bounds with '>=' instead of '>'.
  Both are in the Pengaturan table, where the operator can be changed.
"""
from __future__ import annotations

YT = "Y/T"
AE = "A-E"
ANSWER_KINDS = (YT, AE)

# (answer, value, kind): the default 'NILAI JAWABAN LKE' table of Pengaturan
ANSWER_VALUES = (
    ("Y", 1.0, YT), ("T", 0.0, YT),
    ("A", 1.0, AE), ("B", 0.75, AE), ("C", 0.5, AE), ("D", 0.25, AE), ("E", 0.0, AE),
)

# (predikat, operator, lower bound, interpretation), lowest first: the default 'PREDIKAT LKE' table
PREDIKAT = (
    ("D", None, None, "Sangat Kurang"),
    ("C", ">", 30.0, "Kurang"),
    ("CC", ">", 50.0, "Cukup (Memadai)"),
    ("B", ">", 60.0, "Baik"),
    ("BB", ">", 70.0, "Sangat Baik"),
    ("A", ">", 80.0, "Memuaskan"),
    ("AA", ">", 90.0, "Sangat Memuaskan"),
)

# Workbook facts a criterion can be checked against (column 'Cek Data' of the LKE sheet)
CEK_IKU = "IKU"
CEK_RENSTRA = "Renstra"
CEK_PK = "PK"
CEK_REALISASI = "Realisasi PK"
CEK_LALU = "Realisasi Tahun Lalu"
CEK_TRIWULAN = "Realisasi Triwulan"
CEK_CHOICES = (CEK_IKU, CEK_RENSTRA, CEK_PK, CEK_REALISASI, CEK_LALU, CEK_TRIWULAN)

_K1 = "1. Perencanaan Kinerja"
_K2 = "2. Pengukuran Kinerja"
_K3 = "3. Pelaporan Kinerja"
_K4 = "4. Evaluasi Akuntabilitas Kinerja Internal"

# (component, sub-component, weight, [(criterion, data check or None)]); the first sub-component
# of each component (keberadaan/pemenuhan) is answered Y/T, the others A-E (an assumption: see docs/lke.md)
STRUCTURE = (
    (_K1, "1.a Dokumen perencanaan kinerja telah tersedia", 6.0, [
        ("Terdapat pedoman teknis perencanaan kinerja.", None),
        ("Terdapat dokumen perencanaan kinerja jangka panjang.", None),
        ("Terdapat dokumen perencanaan kinerja jangka menengah.", CEK_RENSTRA),
        ("Terdapat dokumen perencanaan kinerja jangka pendek.", CEK_PK),
        ("Terdapat dokumen perencanaan aktivitas yang mendukung kinerja.", None),
        ("Terdapat dokumen perencanaan anggaran yang mendukung kinerja.", None),
        ("Setiap unit/satuan kerja merumuskan dan menetapkan perencanaan kinerja.", None),
    ]),
    (_K1, "1.b Dokumen perencanaan kinerja telah memenuhi standar yang baik (SMART, cascading, crosscutting)",
     9.0, [
        ("Dokumen perencanaan kinerja telah diformalkan.", None),
        ("Dokumen perencanaan kinerja telah dipublikasikan tepat waktu.", None),
        ("Dokumen perencanaan kinerja telah menggambarkan kebutuhan atas kinerja sebenarnya yang perlu dicapai.",
         None),
        ("Kualitas rumusan hasil (tujuan/sasaran) telah jelas menggambarkan kondisi kinerja yang akan dicapai.",
         None),
        ("Ukuran keberhasilan (indikator kinerja) telah memenuhi kriteria SMART.", None),
        ("Indikator Kinerja Utama (IKU) telah menggambarkan kondisi kinerja utama yang harus dicapai, "
         "tertuang secara berkelanjutan.", CEK_IKU),
        ("Target yang ditetapkan dalam perencanaan kinerja dapat dicapai (achievable), menantang, dan realistis.",
         None),
        ("Setiap dokumen perencanaan kinerja menggambarkan hubungan yang berkesinambungan dan selaras di setiap "
         "level jabatan (cascading).", None),
        ("Perencanaan kinerja memberikan informasi hubungan kinerja, strategi, kebijakan dan aktivitas antar "
         "bidang (crosscutting).", None),
        ("Setiap pegawai merumuskan dan menetapkan perencanaan kinerja.", None),
    ]),
    (_K1, "1.c Perencanaan kinerja telah dimanfaatkan untuk mewujudkan hasil yang berkesinambungan", 15.0, [
        ("Anggaran yang ditetapkan telah mengacu pada kinerja yang ingin dicapai.", None),
        ("Aktivitas yang dilaksanakan telah mendukung kinerja yang ingin dicapai.", None),
        ("Target yang ditetapkan dalam perencanaan kinerja telah dicapai dengan baik, atau setidaknya masih "
         "on the right track.", CEK_REALISASI),
        ("Rencana aksi kinerja dapat berjalan dinamis karena capaian kinerja selalu dipantau secara berkala.",
         CEK_TRIWULAN),
        ("Terdapat perbaikan/penyempurnaan dokumen perencanaan kinerja dari hasil analisis perbaikan kinerja "
         "sebelumnya.", None),
        ("Terdapat perbaikan/penyempurnaan dokumen perencanaan kinerja dalam mewujudkan kondisi/hasil yang "
         "lebih baik.", None),
        ("Setiap unit/satuan kerja memahami dan peduli, serta berkomitmen dalam mencapai kinerja yang telah "
         "direncanakan.", None),
        ("Setiap pegawai memahami dan peduli, serta berkomitmen dalam mencapai kinerja yang telah direncanakan.",
         None),
    ]),
    (_K2, "2.a Pengukuran kinerja telah dilakukan", 6.0, [
        ("Terdapat pedoman teknis pengukuran kinerja dan pengumpulan data kinerja.", None),
        ("Terdapat definisi operasional yang jelas atas kinerja dan cara mengukur indikator kinerja.", CEK_IKU),
        ("Terdapat mekanisme yang jelas terhadap pengumpulan data kinerja yang dapat diandalkan.", None),
    ]),
    (_K2, "2.b Pengukuran kinerja telah menjadi kebutuhan dan dilakukan secara berjenjang dan berkelanjutan",
     9.0, [
        ("Pimpinan selalu terlibat sebagai pengambil keputusan dalam mengukur capaian kinerja.", None),
        ("Data kinerja yang dikumpulkan telah relevan untuk mengukur capaian kinerja yang diharapkan.", None),
        ("Data kinerja yang dikumpulkan telah mendukung capaian kinerja yang diharapkan.", CEK_REALISASI),
        ("Pengukuran kinerja telah dilakukan secara berkala.", CEK_TRIWULAN),
        ("Setiap level organisasi melakukan pemantauan atas pengukuran capaian kinerja unit di bawahnya secara "
         "berjenjang.", None),
        ("Pengumpulan data kinerja telah memanfaatkan teknologi informasi (aplikasi).", None),
        ("Pengukuran capaian kinerja telah memanfaatkan teknologi informasi (aplikasi).", None),
    ]),
    (_K2, "2.c Pengukuran kinerja telah dijadikan dasar reward dan punishment serta penyesuaian strategi", 15.0, [
        ("Pengukuran kinerja telah menjadi dasar dalam penyesuaian (pemberian/pengurangan) tunjangan "
         "kinerja/penghasilan.", None),
        ("Pengukuran kinerja telah menjadi dasar dalam penempatan/penghapusan jabatan struktural maupun "
         "fungsional.", None),
        ("Pengukuran kinerja telah mempengaruhi penyesuaian (refocusing) organisasi.", None),
        ("Pengukuran kinerja telah mempengaruhi penyesuaian strategi dalam mencapai kinerja.", None),
        ("Pengukuran kinerja telah mempengaruhi penyesuaian kebijakan dalam mencapai kinerja.", None),
        ("Pengukuran kinerja telah mempengaruhi penyesuaian aktivitas dalam mencapai kinerja.", None),
        ("Pengukuran kinerja telah mempengaruhi penyesuaian anggaran dalam mencapai kinerja.", None),
        ("Terdapat efisiensi atas penggunaan anggaran dalam mencapai kinerja.", None),
        ("Setiap unit/satuan kerja memahami dan peduli atas hasil pengukuran kinerja.", None),
        ("Setiap pegawai memahami dan peduli atas hasil pengukuran kinerja.", None),
    ]),
    (_K3, "3.a Terdapat dokumen laporan yang menggambarkan kinerja", 3.0, [
        ("Dokumen laporan kinerja telah disusun.", None),
        ("Dokumen laporan kinerja telah disusun secara berkala.", None),
        ("Dokumen laporan kinerja telah diformalkan.", None),
        ("Dokumen laporan kinerja telah direviu.", None),
        ("Dokumen laporan kinerja telah dipublikasikan.", None),
        ("Dokumen laporan kinerja telah disampaikan tepat waktu.", None),
    ]),
    (_K3, "3.b Dokumen laporan kinerja telah memenuhi standar (kualitas capaian, keberhasilan/kegagalan, "
          "upaya perbaikan)", 4.5, [
        ("Dokumen laporan kinerja disusun secara berkualitas sesuai dengan standar.", None),
        ("Dokumen laporan kinerja telah mengungkap seluruh informasi tentang pencapaian kinerja.", CEK_REALISASI),
        ("Dokumen laporan kinerja telah menginfokan perbandingan realisasi kinerja dengan target tahunan.",
         CEK_REALISASI),
        ("Dokumen laporan kinerja telah menginfokan perbandingan realisasi kinerja dengan target jangka menengah.",
         CEK_RENSTRA),
        ("Dokumen laporan kinerja telah menginfokan perbandingan realisasi kinerja dengan realisasi tahun-tahun "
         "sebelumnya.", CEK_LALU),
        ("Dokumen laporan kinerja telah menginfokan perbandingan realisasi kinerja di level nasional/internasional "
         "(benchmark).", None),
        ("Dokumen laporan kinerja telah menginfokan kualitas atas capaian kinerja beserta upaya nyata dan/atau "
         "hambatannya.", None),
        ("Dokumen laporan kinerja telah menginfokan efisiensi atas penggunaan sumber daya dalam mencapai kinerja.",
         None),
        ("Dokumen laporan kinerja telah menginfokan upaya perbaikan dan penyempurnaan kinerja ke depan.", None),
    ]),
    (_K3, "3.c Pelaporan kinerja telah memberikan dampak dalam penyesuaian strategi/kebijakan", 7.5, [
        ("Informasi dalam laporan kinerja selalu menjadi perhatian utama pimpinan.", None),
        ("Penyajian informasi dalam laporan kinerja menjadi kepedulian seluruh pegawai.", None),
        ("Informasi dalam laporan kinerja berkala telah digunakan dalam penyesuaian aktivitas untuk mencapai "
         "kinerja.", None),
        ("Informasi dalam laporan kinerja berkala telah digunakan dalam penyesuaian penggunaan anggaran untuk "
         "mencapai kinerja.", None),
        ("Informasi dalam laporan kinerja telah digunakan dalam evaluasi pencapaian keberhasilan kinerja.", None),
        ("Informasi dalam laporan kinerja telah digunakan dalam penyesuaian perencanaan kinerja berikutnya.", None),
        ("Informasi dalam laporan kinerja selalu mempengaruhi perubahan budaya kinerja organisasi.", None),
    ]),
    (_K4, "4.a Evaluasi akuntabilitas kinerja internal telah dilaksanakan", 5.0, [
        ("Terdapat pedoman teknis evaluasi AKIP internal.", None),
        ("Evaluasi AKIP internal telah dilaksanakan pada seluruh unit kerja/perangkat daerah.", None),
        ("Evaluasi AKIP internal telah dilaksanakan secara berjenjang.", None),
    ]),
    (_K4, "4.b Evaluasi AKIP internal telah dilaksanakan secara berkualitas dengan sumber daya yang memadai", 7.5, [
        ("Evaluasi AKIP internal telah dilaksanakan sesuai standar.", None),
        ("Evaluasi AKIP internal telah dilaksanakan oleh SDM yang memadai.", None),
        ("Evaluasi AKIP internal telah dilaksanakan dengan pendalaman yang memadai.", None),
        ("Evaluasi AKIP internal telah dilaksanakan pada seluruh unit kerja/perangkat daerah.", None),
        ("Evaluasi AKIP internal telah dilaksanakan menggunakan teknologi informasi (aplikasi).", None),
    ]),
    (_K4, "4.c Implementasi SAKIP telah meningkat karena evaluasi AKIP internal (dampak nyata)", 12.5, [
        ("Seluruh rekomendasi atas hasil evaluasi AKIP internal telah ditindaklanjuti.", None),
        ("Telah terjadi peningkatan implementasi SAKIP dengan melaksanakan tindak lanjut atas rekomendasi hasil "
         "evaluasi AKIP internal.", None),
        ("Hasil evaluasi AKIP internal telah dimanfaatkan untuk perbaikan dan peningkatan akuntabilitas kinerja.",
         None),
        ("Hasil evaluasi AKIP internal telah dimanfaatkan dalam mendukung efektivitas dan efisiensi kinerja.", None),
        ("Telah terjadi perbaikan dan peningkatan kinerja dengan memanfaatkan hasil evaluasi AKIP internal.", None),
    ]),
)


def template_rows() -> list[dict]:
    """The LKE sheet of the template: every criterion, its weights and answer kind, no answer yet."""
    rows = []
    for komponen, sub, weight, criteria in STRUCTURE:
        first_of_component = not rows or rows[-1]["_komponen"] != komponen
        kind = YT if sub[2] == "a" else AE
        for i, (text, cek) in enumerate(criteria, start=1):
            row = {"_komponen": komponen, "no": f"{sub[:3]}.{i}", "kriteria": text, "jenis": kind}
            if i == 1:
                row["sub_komponen"] = sub
                row["bobot"] = weight
                if first_of_component:
                    row["komponen"] = komponen
            if cek:
                row["cek"] = cek
            rows.append(row)
    for row in rows:
        del row["_komponen"]
    return rows
