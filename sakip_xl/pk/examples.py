"""The example workbook's PK and settings: the seed LKjIP (Kecamatan Jelbuk, 2021). The figures live
in seed_data, since the other sections' examples are built on the same indicators."""
from __future__ import annotations

from sakip_xl.pk.schema import PK
from sakip_xl.seed_data import JELBUK_PK, JELBUK_SETTINGS

EXAMPLE_ROWS = {PK.name: JELBUK_PK}
EXAMPLE_SETTINGS = dict(JELBUK_SETTINGS)
