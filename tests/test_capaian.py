"""Capaian and kategori, as tables of (target, realisasi, rule -> capaian)."""
import math

import pytest

from sakip_xl.pk import capaian as C
from sakip_xl.read.schema import PENGATURAN, ScaleRow

SCALE = PENGATURAN.default_scale


@pytest.mark.parametrize(
    "target, realisasi, rule, expected",
    [
        (85, 86.44, C.RULE_POSITIVE, 101.69411764705882),  # the seed's SKM row (it prints 86,44 %)
        (100, 80, C.RULE_POSITIVE, 80.0),                  # the seed's coordination rows
        (100, 100, C.RULE_POSITIVE, 100.0),
        (50, 0, C.RULE_POSITIVE, 0.0),
        (10, 8, C.RULE_NEGATIVE_2T, 120.0),                # lower is better, achieved below target
        (10, 12, C.RULE_NEGATIVE_2T, 80.0),
        (10, 25, C.RULE_NEGATIVE_2T, -50.0),               # can go below zero when R > 2T
        (10, 8, C.RULE_NEGATIVE_T_OVER_R, 125.0),
        (10, 12, C.RULE_NEGATIVE_T_OVER_R, 83.33333333333334),
    ],
)
def test_capaian(target, realisasi, rule, expected):
    assert math.isclose(C.capaian(target, realisasi, rule), expected, rel_tol=1e-12)


@pytest.mark.parametrize(
    "target, realisasi, rule, status",
    [
        (None, 80, C.RULE_POSITIVE, C.STATUS_BAD_TARGET),
        (0, 80, C.RULE_POSITIVE, C.STATUS_ZERO_TARGET),
        (100, None, C.RULE_POSITIVE, C.STATUS_NO_REALISASI),
        (10, 0, C.RULE_NEGATIVE_T_OVER_R, C.STATUS_ZERO_REALISASI),
        (10, 0, C.RULE_NEGATIVE_2T, C.STATUS_OK),
    ],
)
def test_no_number_is_invented(target, realisasi, rule, status):
    assert C.status(target, realisasi, rule) == status
    if status != C.STATUS_OK:
        assert C.capaian(target, realisasi, rule) is None


@pytest.mark.parametrize(
    "value, label",
    [
        (0.0, "Kurang"), (54.999999, "Kurang"), (55.0, "Cukup"), (75.99, "Cukup"), (76.0, "Baik"),
        (100.0, "Baik"), (100.0000001, "Sangat Baik"), (101.69, "Sangat Baik"), (-20.0, "Kurang"),
    ],
)
def test_kategori_default_scale_bounds(value, label):
    assert C.kategori(value, SCALE) == label


PERMENDAGRI_86 = (
    ScaleRow("Sangat Rendah", None, None), ScaleRow("Rendah", ">=", 51.0), ScaleRow("Sedang", ">=", 66.0),
    ScaleRow("Tinggi", ">=", 76.0), ScaleRow("Sangat Tinggi", ">=", 91.0),
)


@pytest.mark.parametrize(
    "value, label",
    [(50.99, "Sangat Rendah"), (51, "Rendah"), (65.5, "Rendah"), (66, "Sedang"), (90.99, "Tinggi"),
     (91, "Sangat Tinggi"), (130, "Sangat Tinggi")],
)
def test_kategori_other_scale(value, label):
    assert C.kategori(value, PERMENDAGRI_86) == label


def test_kategori_of_nothing_is_nothing():
    assert C.kategori(None, SCALE) is None


def test_mean_leaves_out_rows_without_number():
    assert C.mean([80.0, None, 100.0]) == 90.0
    assert C.mean([None, None]) is None
