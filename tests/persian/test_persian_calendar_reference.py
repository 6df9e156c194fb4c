"""The app's one calendar (persian.jalali) against the official Iranian calendar, 1300–1500.

The reference is Borkowski's break-year algorithm (Earth, Moon and Planets 74, 1996, the one
jalaali-js implements), which reproduces the astronomical rule — the year starts on the day
whose 12:00 Iran time (52.5° E) follows the March equinox — for about 3000 years. It is written
out here, independently of jdatetime's FarsiWeb arithmetic, so the two check each other; see
docs/calendar.md for why this and not Qt's Jalali backend is the reference.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from persian.jalali import (
    MAX_INPUT_YEAR,
    MIN_INPUT_YEAR,
    JalaliDateError,
    days_in_month,
    format_jalali,
    from_jalali,
    parse_jalali,
    to_jalali,
    year_period,
)

# Jalali years at which the 33-year pattern of leap years shifts (Borkowski 1996, table 2).
_BREAKS = (-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262,
           2324, 2394, 2456, 3178)  # fmt: skip


def _div(a: int, b: int) -> int:
    return int(a / b)  # truncating, as in the published algorithm


def _mod(a: int, b: int) -> int:
    return a - _div(a, b) * b


def borkowski_year(jy: int) -> tuple[bool, date]:
    """(is jy leap, Gregorian date of 1 Farvardin jy) by Borkowski's algorithm."""
    gy = jy + 621
    leap_j = -14
    jp = _BREAKS[0]
    jump = 0
    for jm in _BREAKS[1:]:
        jump = jm - jp
        if jy < jm:
            break
        leap_j += _div(jump, 33) * 8 + _div(_mod(jump, 33), 4)
        jp = jm
    n = jy - jp
    leap_j += _div(n, 33) * 8 + _div(_mod(n, 33) + 3, 4)
    if _mod(jump, 33) == 4 and jump - n == 4:
        leap_j += 1
    leap_g = _div(gy, 4) - _div((_div(gy, 100) + 1) * 3, 4) - 150
    march = 20 + leap_j - leap_g
    if jump - n < 6:
        n = n - jump + _div(jump + 4, 33) * 33
    leap = _mod(_mod(n + 1, 33) - 1, 4)
    return leap == 0, date(gy, 3, march)


YEARS = range(MIN_INPUT_YEAR, MAX_INPUT_YEAR + 1)


def test_every_year_starts_and_ends_as_the_official_calendar() -> None:
    for jy in YEARS:
        leap, nowruz = borkowski_year(jy)
        assert from_jalali(jy, 1, 1) == nowruz, jy
        assert days_in_month(jy, 12) == (30 if leap else 29), jy
        assert year_period(jy).end == borkowski_year(jy + 1)[1] - timedelta(days=1), jy


def test_the_years_qt_gets_wrong() -> None:
    """Qt's 2820-year cycle makes 1437 and 1470 leap; the official calendar 1436 and 1469."""
    for leap_year in (1403, 1436, 1469):
        assert days_in_month(leap_year, 12) == 30
    for common in (1404, 1437, 1470):
        assert days_in_month(common, 12) == 29
    # The equinox of 2058 falls after noon in Iran (09:04 UTC), so 1437 starts on 21 March.
    assert from_jalali(1437, 1, 1) == date(2058, 3, 21)
    assert to_jalali(date(2058, 3, 20)) == (1436, 12, 30)
    assert to_jalali(date(2091, 3, 20)) == (1469, 12, 30)


def test_every_day_1300_to_1500_round_trips_in_order() -> None:
    """Each Gregorian day maps to the next Jalali day, and back, and through text."""
    day = from_jalali(MIN_INPUT_YEAR, 1, 1)
    last = from_jalali(MAX_INPUT_YEAR, 12, days_in_month(MAX_INPUT_YEAR, 12))
    expected = (MIN_INPUT_YEAR, 1, 1)
    count = 0
    while day <= last:
        ymd = to_jalali(day)
        assert ymd == expected, day
        assert from_jalali(*ymd) == day
        assert parse_jalali(format_jalali(day)) == day
        y, m, d = ymd
        if d < days_in_month(y, m):
            expected = (y, m, d + 1)
        else:
            expected = (y + 1, 1, 1) if m == 12 else (y, m + 1, 1)
        day += timedelta(days=1)
        count += 1
    assert count == 73_414  # 201 Jalali years, 49 of them leap (Borkowski)
    assert sum(borkowski_year(y)[0] for y in YEARS) == 49


def test_1403_12_30_exists_and_1404_12_30_is_refused_in_persian() -> None:
    assert parse_jalali("۱۴۰۳/۱۲/۳۰") == date(2025, 3, 20)
    with pytest.raises(JalaliDateError, match="اسفند ۱۴۰۴ ۲۹ روز دارد"):
        parse_jalali("۱۴۰۴/۱۲/۳۰")
