"""From counts to NRR, IKM, NIK and grades: the derived values of every table."""
from __future__ import annotations

from sakip_xl.skm import compute as C
from sakip_xl.skm.regimes import Regime


def derive_elements(elements, index) -> None:
    """Each element's NRR and grade, then the survey's IKM, NIK and grade (mutates in place)."""
    regime: Regime = index.regime
    for e in elements:
        if e.col is None:              # the element's column is missing: nothing to count
            e.total = e.jumlah = 0
            e.nrr = None
        else:
            e.total = C.total(e.counts)
            e.jumlah = C.jumlah_nilai(e.counts)
            e.nrr = e.jumlah / e.total if e.total > 0 else None
        e.tertimbang = C.times(e.nrr, index.bobot)
        e.nrr25 = C.times(e.nrr, 25)
        e.mutu = C.mutu(e.nrr25, regime)
        e.kinerja = C.kinerja(e.mutu, regime)
    index.ikm = C.ikm([e.tertimbang for e in elements])
    index.nik = C.times(index.ikm, 25)
    index.nik_rounded = C.round_half_up(index.nik, 2)
    index.mutu = C.mutu(index.nik, regime)
    index.kinerja = C.kinerja(index.mutu, regime)


def derive_groups(groups, index) -> None:
    """NRR per element, IKM, NIK and grade of each group (layanan or periode)."""
    for g in groups:
        g.nrr = [s / n if n > 0 else None for n, s in zip(g.n, g.s)]
        g.ikm = C.group_ikm(g.nrr, index.bobot)
        g.nik = C.times(g.ikm, 25)
        g.mutu = C.mutu(g.nik, index.regime)
        g.kinerja = C.kinerja(g.mutu, index.regime)
