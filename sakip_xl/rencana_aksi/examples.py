"""Quarterly targets for the seed's three indicators (the seed LKjIP prints no rencana aksi: made up)."""
from __future__ import annotations

from sakip_xl.seed_data import JELBUK_PK

EXAMPLE_ROWS = [
    {"no": "1", "indikator": JELBUK_PK[0]["indikator"], "uraian": "Survei kepuasan masyarakat tiap triwulan",
     "target_tw1": 85, "target_tw2": 85, "target_tw3": 85, "target_tw4": 85},
    {"no": "2", "indikator": JELBUK_PK[1]["indikator"], "uraian": "Rapat koordinasi dan monitoring rekomendasi",
     "target_tw1": 25, "target_tw2": 50, "target_tw3": 75, "target_tw4": 100},
    {"no": "3", "indikator": JELBUK_PK[2]["indikator"], "uraian": "Pendampingan penyusunan dokumen desa",
     "target_tw1": 25, "target_tw2": 50, "target_tw3": 75, "target_tw4": 100},
]
