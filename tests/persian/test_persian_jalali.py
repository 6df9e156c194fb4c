"""Jalali dates: parsing what people type, formatting, and report periods."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import jdatetime
import pytest
from hypothesis import given
from hypothesis import strategies as st

from persian.digits import to_latin_digits, to_persian_digits
from persian.jalali import (
    MONTH_NAMES,
    WEEKDAY_NAMES,
    JalaliDateError,
    Period,
    custom_period,
    days_in_month,
    format_jalali,
    format_jalali_datetime,
    format_jalali_long,
    from_jalali,
    is_weekend,
    jalali_file_stamp,
    month_period,
    months_between,
    parse_jalali,
    parse_period,
    period_of,
    quarter_period,
    to_jalali,
    today_jalali,
    weekday_name,
    year_period,
)

# 1300/01/01 .. 1500/12/29, the range the app accepts as input.
FIRST_DAY = date(1921, 3, 21)
LAST_DAY = date(2122, 3, 20)
dates = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)

# ---------------------------------------------------------------------------------------------
# Conversion


def test_known_conversions() -> None:
    assert to_jalali(date(2025, 3, 21)) == (1404, 1, 1)
    assert to_jalali(date(2025, 3, 20)) == (1403, 12, 30)
    assert to_jalali(date(2025, 12, 27)) == (1404, 10, 6)
    assert from_jalali(1404, 7, 15) == date(2025, 10, 7)
    assert from_jalali(1300, 1, 1) == FIRST_DAY
    assert from_jalali(1500, 12, 29) == LAST_DAY


def test_to_jalali_accepts_datetime() -> None:
    assert to_jalali(datetime(2025, 3, 21, 23, 59)) == (1404, 1, 1)


@given(dates)
def test_jalali_round_trip(d: date) -> None:
    assert from_jalali(*to_jalali(d)) == d


def test_days_in_month() -> None:
    assert days_in_month(1404, 1) == 31
    assert days_in_month(1404, 6) == 31
    assert days_in_month(1404, 7) == 30
    assert days_in_month(1404, 11) == 30
    assert days_in_month(1403, 12) == 30  # leap
    assert days_in_month(1404, 12) == 29


@pytest.mark.parametrize(
    ("y", "m", "d"),
    [(1404, 12, 30), (1404, 13, 1), (1404, 0, 10), (1404, 7, 31), (1404, 1, 0), (1404, 1, 32)],
)
def test_from_jalali_impossible(y: int, m: int, d: int) -> None:
    with pytest.raises(JalaliDateError):
        from_jalali(y, m, d)


def test_today_jalali_matches_today() -> None:
    assert from_jalali(*today_jalali()) == date.today()


# ---------------------------------------------------------------------------------------------
# Parsing


@pytest.mark.parametrize(
    "text",
    [
        "1404/07/15",
        "۱۴۰۴/۰۷/۱۵",
        "١٤٠٤/٠٧/١٥",
        "۱۴۰۴/۷/۱۵",
        "1404-7-15",
        "1404.07.15",
        "۱۴۰۴٫۷٫۱۵",  # Arabic decimal separator typed as a dot on the Persian layout
        "  1404/07/15 ",
        "\u200f۱۴۰۴/۰۷/۱۵\u200e",
        "\u2067۱۴۰۴/۰۷/۱۵\u2069",
        "۱۴04/٠٧/15",  # mixed scripts
    ],
)
def test_parse_jalali_accepts(text: str) -> None:
    assert parse_jalali(text) == date(2025, 10, 7)


def test_parse_jalali_leap_day() -> None:
    assert parse_jalali("1403/12/30") == date(2025, 3, 20)
    assert parse_jalali("۱۴۰۳/۱۲/۳۰") == date(2025, 3, 20)


def test_parse_jalali_1404_12_30_message() -> None:
    with pytest.raises(JalaliDateError) as info:
        parse_jalali("1404/12/30")
    assert info.value.message == "تاریخ ۱۴۰۴/۱۲/۳۰ وجود ندارد؛ اسفند ۱۴۰۴ ۲۹ روز دارد."
    assert str(info.value) == info.value.message
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    "text",
    [
        "1404/12/30",
        "1404/13/01",
        "1404/00/10",
        "1404/07/00",
        "1404/07/31",
        "",
        "   ",
        "abc",
        "۱۴۰۴/۷",
        "1404",
        "04/07/15",
        "14040/07/15",
        "1404/007/15",
        "1404/07-15",  # mixed separators
        "1404//07/15",
        "1404 07 15",
        "1299/12/29",
        "1501/01/01",
        "2025/10/07",  # a Gregorian date is out of the accepted Jalali range
        "۱۴۰۴/۰۷/۱۵ ۱۲:۰۰",
    ],
)
def test_parse_jalali_rejects(text: str) -> None:
    with pytest.raises(JalaliDateError) as info:
        parse_jalali(text)
    # Every message is Persian and non-empty, fit to show the user as is.
    assert info.value.message
    assert any("\u0600" <= ch <= "\u06ff" for ch in info.value.message)


def test_parse_jalali_format_hint() -> None:
    for text in ["abc", "۱۴۰۴/۷"]:
        with pytest.raises(JalaliDateError, match="تاریخ را به شکل ۱۴۰۴/۰۷/۱۵ وارد کنید."):
            parse_jalali(text)


def test_parse_jalali_month_message() -> None:
    with pytest.raises(JalaliDateError, match="ماه ۱۳ وجود ندارد"):
        parse_jalali("1404/13/01")


def test_parse_jalali_year_range_message() -> None:
    with pytest.raises(JalaliDateError, match="۱۳۰۰"):
        parse_jalali("2025/10/07")


@given(dates, st.sampled_from(["fa", "latin", "arabic"]), st.sampled_from("/-."))
def test_format_parse_round_trip_all_scripts(d: date, script: str, sep: str) -> None:
    text = format_jalali(d, digits="latin").replace("/", sep)
    if script == "fa":
        text = to_persian_digits(text)
    elif script == "arabic":
        text = to_latin_digits(text).translate({ord(str(i)): chr(0x0660 + i) for i in range(10)})
    assert parse_jalali(text) == d


@given(dates)
def test_format_fa_parse_round_trip(d: date) -> None:
    assert parse_jalali(format_jalali(d)) == d


# ---------------------------------------------------------------------------------------------
# Formatting


def test_format_jalali() -> None:
    d = date(2025, 12, 27)
    assert format_jalali(d) == "۱۴۰۴/۱۰/۰۶"
    assert format_jalali(d, digits="latin") == "1404/10/06"
    assert format_jalali(None) == ""
    with pytest.raises(ValueError):
        format_jalali(d, digits="roman")


def test_format_jalali_long() -> None:
    assert format_jalali_long(date(2025, 12, 27)) == "شنبه ۶ دی ۱۴۰۴"
    assert format_jalali_long(date(2025, 3, 21)) == "جمعه ۱ فروردین ۱۴۰۴"
    assert format_jalali_long(date(2025, 3, 20)) == "پنجشنبه ۳۰ اسفند ۱۴۰۳"
    assert format_jalali_long(None) == ""


def test_names() -> None:
    # Spelled and ordered as the calendar library names each month (a source independent of
    # the product's table, rather than a copy of it), with the year's ends pinned as typed.
    assert MONTH_NAMES == tuple(
        jdatetime.date(1404, month, 1, locale="fa_IR").strftime("%B") for month in range(1, 13)
    )
    assert MONTH_NAMES[0] == "فروردین"
    assert MONTH_NAMES[6] == "مهر"
    assert MONTH_NAMES[-1] == "اسفند"
    assert len(WEEKDAY_NAMES) == 7
    assert WEEKDAY_NAMES[0] == "شنبه"
    assert WEEKDAY_NAMES[-1] == "جمعه"


def test_weekday_name_and_weekend() -> None:
    saturday = date(2025, 12, 27)
    week = [saturday + timedelta(days=i) for i in range(7)]
    assert [weekday_name(d) for d in week] == list(WEEKDAY_NAMES)
    assert [is_weekend(d) for d in week] == [False] * 6 + [True]
    assert is_weekend(datetime(2026, 1, 2, 10, 0))


def test_format_jalali_datetime() -> None:
    assert format_jalali_datetime(datetime(2025, 12, 27, 14, 30, 5)) == "۱۴۰۴/۱۰/۰۶ ۱۴:۳۰"
    assert format_jalali_datetime(datetime(2025, 12, 27, 9, 5)) == "۱۴۰۴/۱۰/۰۶ ۰۹:۰۵"
    assert format_jalali_datetime(None) == ""


def test_jalali_file_stamp() -> None:
    stamp = jalali_file_stamp(datetime(2025, 12, 27, 14, 30, 5))
    assert stamp == "1404-10-06_143005"
    assert stamp.isascii()


# ---------------------------------------------------------------------------------------------
# Periods


def test_year_bounds() -> None:
    y1403 = year_period(1403)
    assert y1403.end == date(2025, 3, 20)  # leap year: Esfand has 30 days
    assert year_period(1404).start == date(2025, 3, 21)
    assert year_period(1404).end == date(2026, 3, 20)
    assert (y1403.end - y1403.start).days + 1 == 366
    assert y1403.label == "سال ۱۴۰۳"
    assert (y1403.kind, y1403.year, y1403.number) == ("year", 1403, None)


def test_quarter_bounds() -> None:
    q3 = quarter_period(1404, 3)
    assert q3.start == parse_jalali("1404/07/01")
    assert q3.end == parse_jalali("1404/09/30")
    assert q3.label.startswith("فصل سوم ۱۴۰۴")
    assert quarter_period(1404, 1).start == date(2025, 3, 21)
    assert quarter_period(1403, 4).end == date(2025, 3, 20)
    for bad in (0, 5):
        with pytest.raises(JalaliDateError):
            quarter_period(1404, bad)


def test_month_bounds() -> None:
    esfand = month_period(1403, 12)
    assert (esfand.end - esfand.start).days + 1 == 30
    assert esfand.end == date(2025, 3, 20)
    assert (month_period(1404, 12).end - month_period(1404, 12).start).days + 1 == 29
    assert month_period(1404, 10).label == "دی ۱۴۰۴"
    assert month_period(1404, 1).start == date(2025, 3, 21)
    with pytest.raises(JalaliDateError):
        month_period(1404, 13)


def test_custom_period() -> None:
    p = custom_period(parse_jalali("1404/07/01"), parse_jalali("1404/09/30"))
    assert p.label == "از ۱۴۰۴/۰۷/۰۱ تا ۱۴۰۴/۰۹/۳۰"
    assert (p.kind, p.year, p.number) == ("custom", None, None)
    single = custom_period(date(2025, 1, 1), date(2025, 1, 1))
    assert single.contains(date(2025, 1, 1))
    with pytest.raises(JalaliDateError, match="پیش از تاریخ شروع"):
        custom_period(date(2025, 1, 2), date(2025, 1, 1))


def test_period_is_frozen_and_validated() -> None:
    p = month_period(1404, 1)
    with pytest.raises(AttributeError):
        p.start = date(2000, 1, 1)  # type: ignore[misc]
    with pytest.raises(ValueError):
        Period("week", None, None, date(2025, 1, 1), date(2025, 1, 7))


def test_contains_is_inclusive() -> None:
    p = quarter_period(1404, 3)
    assert p.contains(p.start)
    assert p.contains(p.end)
    assert p.contains(datetime.combine(p.end, datetime.max.time()))
    assert not p.contains(p.start - timedelta(days=1))
    assert not p.contains(p.end + timedelta(days=1))


@given(dates, st.sampled_from(["month", "quarter", "year"]))
def test_period_of_contains_date(d: date, kind: str) -> None:
    p = period_of(d, kind)
    assert p.kind == kind
    assert p.contains(d)
    assert p.year == to_jalali(d)[0]
    # Periods of one kind tile the calendar: the next one starts the day after this one ends.
    assert period_of(p.end + timedelta(days=1), kind).start == p.end + timedelta(days=1)


def test_period_of_rejects_unknown_kind() -> None:
    with pytest.raises(ValueError):
        period_of(date(2025, 1, 1), "week")


def test_period_of_quarter_numbers() -> None:
    assert period_of(parse_jalali("1404/03/31"), "quarter").number == 1
    assert period_of(parse_jalali("1404/04/01"), "quarter").number == 2
    assert period_of(parse_jalali("1404/12/29"), "quarter").number == 4


def test_months_between() -> None:
    months = months_between(quarter_period(1404, 3))
    assert [m.label for m in months] == ["مهر ۱۴۰۴", "آبان ۱۴۰۴", "آذر ۱۴۰۴"]
    assert len(months_between(year_period(1403))) == 12
    # A range crossing the new year touches both Esfand and Farvardin.
    crossing = custom_period(parse_jalali("1403/12/25"), parse_jalali("1404/01/05"))
    assert [(m.year, m.number) for m in months_between(crossing)] == [(1403, 12), (1404, 1)]
    one_day = custom_period(date(2025, 1, 1), date(2025, 1, 1))
    assert [m.label for m in months_between(one_day)] == ["دی ۱۴۰۳"]


@given(dates, st.integers(min_value=0, max_value=800))
def test_months_between_cover_the_period(start: date, length: int) -> None:
    end = min(start + timedelta(days=length), LAST_DAY)
    months = months_between(custom_period(start, end))
    assert months[0].contains(start)
    assert months[-1].contains(end)
    for a, b in zip(months, months[1:], strict=False):
        assert b.start == a.end + timedelta(days=1)


def test_parse_period_full_dates() -> None:
    p = parse_period("۱۴۰۴/۰۷/۰۱", "1404/09/30")
    assert p == custom_period(date(2025, 9, 23), date(2025, 12, 21))


def test_parse_period_month_and_year_bounds() -> None:
    assert parse_period("1404/07", None) == month_period(1404, 7)
    assert parse_period("۱۴۰۳", None) == year_period(1403)
    p = parse_period("1404/07", "1404/09")
    assert (p.start, p.end) == (quarter_period(1404, 3).start, quarter_period(1404, 3).end)
    assert parse_period("1403", "1404").end == year_period(1404).end


def test_parse_period_defaults() -> None:
    assert parse_period(None, None) == period_of(date.today(), "month")
    assert parse_period("", "  ") == period_of(date.today(), "month")
    since = parse_period("1404/01/01", None)
    assert (since.start, since.end) == (date(2025, 3, 21), date.today())


def test_parse_period_errors() -> None:
    with pytest.raises(JalaliDateError, match="تاریخ شروع"):
        parse_period(None, "1404/09/30")
    with pytest.raises(JalaliDateError):
        parse_period("1404/09/30", "1404/07/01")
    with pytest.raises(JalaliDateError):
        parse_period("1404/13", None)
    with pytest.raises(JalaliDateError):
        parse_period("abc", "1404/07/01")
