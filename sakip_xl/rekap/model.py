"""What the rekap knows about each workbook: plain, picklable values (no Excel objects).

A worker process reads one workbook and sends back an `OpdRow` (or a `Failure`);
everything after that is pure aggregation over these values.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sakip_xl.findings import GALAT, INFO, PERINGATAN, Finding

STALE_CODES = ("WB-001", "WB-002", "WB-003", "WB-004", "WB-005", "WB-006", "WB-007", "WB-009")


@dataclass
class SasaranRow:
    sasaran: str
    indicators: int
    measured: int                   # indicators with a capaian
    capaian: float | None           # average (capped) capaian, as on the Capaian sheet
    kategori: str | None


@dataclass
class IndicatorRow:
    sasaran: str
    indikator: str
    satuan: str
    polaritas: str
    target: float | str | None      # the number used, else the text typed
    target_atas: float | None
    realisasi: float | str | None
    capaian: float | None
    capaian_dibatasi: float | None
    kategori: str | None
    status: str


@dataclass
class OpdRow:
    """One workbook that could be read, summarised as the single-workbook results give it."""

    file: str                       # file name
    path: str                       # absolute path, for the link
    instansi: str                   # as typed in Pengaturan ('' when blank)
    kabupaten: str
    tahun: float | None
    places: dict[str, tuple[str, str]] = field(default_factory=dict)   # setting key -> (sheet, cell)
    ikm: float | None = None        # 1-4
    nik: float | None = None        # 25-100, the converted index (the "nilai IKM" reports print)
    mutu: str | None = None
    kinerja: str | None = None
    ikm_source: str | None = None   # "survei" or "distribusi"
    responden: int | None = None    # respondents counted (survei), as Hasil SKM and the report say
    jawaban_sah: list[int | None] | None = None  # valid answers of U1, U2 ... (None: no column), Hasil SKM's column G
    baris_tanpa_jawaban: int | None = None      # survey rows with data but no answer (SKM-005), not counted
    capaian: float | None = None    # average over every indicator
    kategori: str | None = None
    sasaran: list[SasaranRow] = field(default_factory=list)
    pagu: float | None = None
    realisasi: float | None = None
    serapan: float | None = None
    counts: dict[str, int] = field(default_factory=lambda: {GALAT: 0, PERINGATAN: 0, INFO: 0})
    computed: bool = False          # the workbook holds the tool's computed sheets
    stale_codes: tuple[str, ...] = ()
    indicators: list[IndicatorRow] = field(default_factory=list)

    @property
    def stale(self) -> bool:
        return not self.computed or bool(self.stale_codes)

    @property
    def stale_reason(self) -> str:
        if not self.computed:
            return "belum pernah dihitung (compute)"
        return ", ".join(self.stale_codes)

    @property
    def label(self) -> str:
        """The name shown for the workbook: its instansi, else its file name."""
        return self.instansi or self.file


@dataclass
class Failure:
    file: str
    path: str
    reason: str                     # the Indonesian message
    kind: str                       # the exception's class name
    internal: bool = False          # an unexpected exception (a bug), not a refused file


@dataclass
class Skipped:
    file: str
    path: str
    reason: str


@dataclass
class RekapFinding:
    file: str
    path: str
    finding: Finding


@dataclass
class Rekap:
    rows: list[OpdRow]
    failures: list[Failure]
    skipped: list[Skipped]
    findings: list[RekapFinding]
