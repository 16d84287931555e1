"""Dates typed (or exported) as text in the Tanggal column: ISO, Indonesian and Google Forms forms.

'2023-06-18', '2023-06-18 10:15:42', '18/06/2023', '18-06-2023', '18.06.2023 10:15', '18 Juni 2023',
'Senin, 18 Juni 2023'. Numeric day/month order is decided per column: a first number above 12
means day first, a second number above 12 means month first (an English-locale export); when no
value tells, day first (Indonesian) is assumed, and the finding says so.
"""
from __future__ import annotations

import datetime as _dt
import re

MONTHS = {
    1: ("januari", "january", "jan"), 2: ("februari", "pebruari", "february", "feb", "peb"),
    3: ("maret", "march", "mar"), 4: ("april", "apr"), 5: ("mei", "may"), 6: ("juni", "june", "jun"),
    7: ("juli", "july", "jul"), 8: ("agustus", "august", "agu", "agt", "ags", "aug"),
    9: ("september", "sep", "sept"), 10: ("oktober", "october", "okt", "oct"),
    11: ("november", "nopember", "nov", "nop"), 12: ("desember", "december", "des", "dec"),
}
_MONTH = {name: m for m, names in MONTHS.items() for name in names}
_TIME = r"(?:[ T,]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?"
ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME + r"\s*$")
NUMERIC = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})" + _TIME + r"\s*$")
NAMED = re.compile(r"^(?:[A-Za-z]+,?\s+)?(\d{1,2})[\s\-]+([A-Za-z]+)\.?[\s\-]+(\d{4})" + _TIME + r"\s*$")

_NUMERIC_DAY = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})\b")
DAY_FIRST = "hari/bulan/tahun"
MONTH_FIRST = "bulan/hari/tahun"


def _serial(y, m, d, hh, mm, ss, date1904: bool) -> float | None:
    try:
        day = _dt.datetime(int(y), int(m), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
    except ValueError:
        return None
    base = _dt.datetime(1904, 1, 1) if date1904 else _dt.datetime(1899, 12, 30)
    delta = day - base
    return delta.days + delta.seconds / 86400


def order_of(texts) -> tuple[str, bool]:
    """(the numeric order of a column's texts, whether the texts themselves show it)."""
    first_big = second_big = False
    for t in texts:
        m = NUMERIC.match(t.strip()) or _NUMERIC_DAY.match(t.strip())
        if m:
            first_big |= int(m.group(1)) > 12
            second_big |= int(m.group(3)) > 12
        if first_big and second_big:
            break
    if second_big and not first_big:
        return MONTH_FIRST, True
    return DAY_FIRST, first_big


_SPLIT = re.compile(r"^(\S+(?:\s+\S+\s+\d{4})?)[ T,]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*$")


class Reader:
    """parse() of many texts that share their dates (timestamps): the date part is parsed once."""

    def __init__(self, order: str, date1904: bool):
        self.order, self.date1904 = order, date1904
        self._days: dict[str, tuple] = {}

    def __call__(self, text: str) -> tuple[float | None, str | None]:
        t = text.strip()
        m = _SPLIT.match(t)
        if m is None:
            return parse(t, self.order, self.date1904)
        day_text, hh, mm, ss = m.groups()
        day = self._days.get(day_text)
        if day is None:
            day = self._days[day_text] = parse(day_text, self.order, self.date1904)
        serial, form = day
        if serial is None or int(hh) > 23 or int(mm) > 59 or int(ss or 0) > 59:
            return parse(t, self.order, self.date1904)
        return serial + (int(hh) * 3600 + int(mm) * 60 + int(ss or 0)) / 86400, form


def parse(text: str, order: str = DAY_FIRST, date1904: bool = False) -> tuple[float | None, str | None]:
    """(the serial of a text date, its form: 'iso', 'angka', 'nama bulan'), or (None, None)."""
    t = text.strip()
    m = ISO.match(t)
    if m:
        y, mo, d, hh, mm, ss = m.groups()
        return _serial(y, mo, d, hh, mm, ss, date1904), "iso"
    m = NUMERIC.match(t)
    if m:
        a, _, b, y, hh, mm, ss = m.groups()
        d, mo = (a, b) if order == DAY_FIRST else (b, a)
        return _serial(y, mo, d, hh, mm, ss, date1904), "angka"
    m = NAMED.match(t)
    if m:
        d, name, y, hh, mm, ss = m.groups()
        mo = _MONTH.get(name.lower())
        if mo is None:
            return None, None
        return _serial(y, mo, d, hh, mm, ss, date1904), "nama bulan"
    return None, None
