"""Finding codes of the analysis texts (ANL-)."""
from __future__ import annotations

from sakip_xl.findings import INFO, PERINGATAN, Code, register

CODES = [
    Code("ANL-001", PERINGATAN, "Indikator analisis tidak ada di PK",
         "Indikator ini tidak ditemukan di lembar {lembar}; analisisnya tidak masuk laporan.",
         "Samakan nama indikator dengan PK."),
    Code("ANL-002", PERINGATAN, "Unsur SKM tidak dikenal",
         "Unsur '{text}' tidak dikenal di hasil SKM ({daftar}); rencana tindak lanjutnya tidak dipakai.",
         "Tulis kode unsur (U1-U9) atau nama unsur seperti di lembar SKM."),
    Code("ANL-003", INFO, "Indikator belum tercapai tanpa analisis",
         "Capaian {capaian} % di bawah 100 % tetapi penyebab kegagalannya belum ditulis di lembar {lembar}.",
         "Tulis penyebab, upaya dan rencana tindak lanjutnya (PermenPANRB 53/2014: analisis capaian kinerja)."),
]

register(CODES)
