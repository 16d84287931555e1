"""Re-checking a finished workbook: typed-over results, stale sheets, the Pemeriksaan sheet."""
