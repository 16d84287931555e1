"""The keys of `sakip-xl recap --format json`, apart from the rekap package so the CLI's
--help does not import it (start-up time counts for every command)."""

JSON_KEYS_HELP = """\b
Kunci JSON (--format json):
  workbooks[]: file, instansi, kabupaten, tahun, ikm (1-4), nik (25-100), mutu,
    kinerja, ikm_source (survei/distribusi), responden (responden SKM yang dihitung),
    jawaban_sah [jawaban sah U1, U2, ...], baris_tanpa_jawaban (baris SKM tanpa
    jawaban unsur, tidak dihitung),
    capaian (rata-rata %), kategori,
    sasaran[] {sasaran, indicators, measured, capaian, kategori},
    pagu, realisasi, serapan, findings {galat, peringatan, info},
    computed, stale, stale_reason
  indicators[]: file, instansi, tahun, sasaran, indikator, satuan, polaritas,
    target, target_atas, realisasi, capaian, capaian_dibatasi, kategori, status
  totals: nik, capaian, pagu, realisasi, serapan, galat, peringatan, info,
    stale, no_nik, mutu {A, B, C, D}
  rekap_findings[]: code, severity, file, sheet, cell, message, hint
  failed[]: file, reason, error_type, internal, kind_text
  skipped[]: file, reason
"""
