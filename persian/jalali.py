"""Jalali (Solar Hijri) dates for display and input; Gregorian `date`s everywhere else.

DESIGN §3: store Gregorian, show and accept Jalali. All calendar arithmetic (leap years, month
lengths, conversion) is delegated to jdatetime; this module only parses, formats, validates
and builds report periods (Jalali months, quarters, years). It is the app's one calendar: the
UI's date field and month grid use it too, because jdatetime's 33-year rule matches the official
calendar for 1300–1500 and Qt's Jalali backend does not (docs/calendar.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import jdatetime

from .digits import latin_for_people, people_digits, to_latin_digits, to_persian_digits
from .fold import strip_bidi

__all__ = [
    "MAX_INPUT_YEAR",
    "MIN_INPUT_YEAR",
    "ENGLISH_MONTH_NAMES",
    "MONTH_NAMES",
    "PERIOD_KINDS",
    "SEASON_NAMES",
    "WEEKDAY_NAMES",
    "JalaliDateError",
    "Period",
    "custom_period",
    "days_in_month",
    "format_jalali",
    "format_jalali_datetime",
    "format_jalali_long",
    "from_jalali",
    "is_weekend",
    "jalali_file_stamp",
    "month_period",
    "month_names",
    "months_between",
    "parse_jalali",
    "parse_period",
    "period_of",
    "quarter_period",
    "to_jalali",
    "today_jalali",
    "weekday_name",
    "year_period",
]

MONTH_NAMES: tuple[str, ...] = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
# Index 0 is Saturday, the first day of the Iranian week (jdatetime's weekday() convention).
WEEKDAY_NAMES: tuple[str, ...] = (
    "شنبه",
    "یکشنبه",
    "دوشنبه",
    "سه‌شنبه",
    "چهارشنبه",
    "پنجشنبه",
    "جمعه",
)
# Seasons line up with quarters: q1 = بهار … q4 = زمستان. Public so a UI may add them to labels.
SEASON_NAMES: tuple[str, ...] = ("بهار", "تابستان", "پاییز", "زمستان")
# The Jalali months as English writes them, for the English UI (not the Gregorian months).
ENGLISH_MONTH_NAMES: tuple[str, ...] = (
    "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
    "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
)


def month_names() -> tuple[str, ...]:
    """The twelve Jalali month names in the reader's language (English in the English UI)."""
    return ENGLISH_MONTH_NAMES if latin_for_people() else MONTH_NAMES
_QUARTER_ORDINALS: tuple[str, ...] = ("اول", "دوم", "سوم", "چهارم")

# Typed years outside this window are almost certainly typos (1040 for 1404, a Gregorian year),
# so input is refused rather than silently stored decades away.
MIN_INPUT_YEAR = 1300
MAX_INPUT_YEAR = 1500

PERIOD_KINDS: tuple[str, ...] = ("month", "quarter", "year", "custom")

_FORMAT_HINT = "تاریخ را به شکل ۱۴۰۴/۰۷/۱۵ وارد کنید."
_SEP = r"[/\-.]"
# The same separator must be used throughout ("1404/07-15" is more likely a typo than a date).
_DATE_RE = re.compile(rf"([0-9]{{4}})({_SEP})([0-9]{{1,2}})\2([0-9]{{1,2}})")
_MONTH_RE = re.compile(rf"([0-9]{{4}}){_SEP}([0-9]{{1,2}})")
_YEAR_RE = re.compile(r"[0-9]{4}")


class JalaliDateError(ValueError):
    """A date the user typed is malformed or does not exist.

    `.message` (also `str(e)`) is Persian and says what to type instead, so the UI and the
    command line can show it as is.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


# ---------------------------------------------------------------------------------------------
# Conversion


def _fa(n: int) -> str:
    return to_persian_digits(str(n))


def _ymd_text(y: int, m: int, d: int, *, digits: str | None = "fa") -> str:
    text = f"{y:04d}/{m:02d}/{d:02d}"
    if digits is None:  # the reader's script (Latin in the English UI, see persian.digits)
        return people_digits(text)
    return to_persian_digits(text) if digits == "fa" else text


def _as_date(d: date) -> date:
    # datetime is a date subclass but cannot be compared with a plain date; drop the time.
    return d.date() if isinstance(d, datetime) else d


def days_in_month(year: int, month: int) -> int:
    """Length of a Jalali month (Esfand is 30 days in leap years), from jdatetime."""
    _check_month(year, month)
    if month == 12:
        return 30 if jdatetime.date(year, 1, 1).isleap() else 29
    return jdatetime.j_days_in_month[month - 1]


def _check_month(year: int, month: int) -> None:
    if not jdatetime.MINYEAR <= year <= jdatetime.MAXYEAR:
        raise JalaliDateError(f"سال {_fa(year)} پذیرفته نیست.")
    if not 1 <= month <= 12:
        raise JalaliDateError(f"ماه {_fa(month)} وجود ندارد؛ ماه باید عددی از ۱ تا ۱۲ باشد.")


def from_jalali(y: int, m: int, d: int) -> date:
    """The Gregorian date of Jalali y/m/d; JalaliDateError (Persian) if it does not exist."""
    _check_month(y, m)
    length = days_in_month(y, m)
    if not 1 <= d <= length:
        raise JalaliDateError(
            f"تاریخ {_ymd_text(y, m, d)} وجود ندارد؛ "
            f"{MONTH_NAMES[m - 1]} {_fa(y)} {_fa(length)} روز دارد."
        )
    return jdatetime.date(y, m, d).togregorian()


def to_jalali(d: date) -> tuple[int, int, int]:
    """(year, month, day) in the Jalali calendar."""
    g = _as_date(d)
    # jdatetime's own arithmetic, without building a jdatetime.date: its constructor looks the
    # process locale up every time, which was most of a report's date formatting.
    y, m, day = jdatetime.GregorianToJalali(g.year, g.month, g.day).getJalaliList()
    return y, m, day


def today_jalali() -> tuple[int, int, int]:
    return to_jalali(date.today())


# ---------------------------------------------------------------------------------------------
# Parsing


def _clean(text: str | None) -> str:
    if text is None:
        return ""
    if not isinstance(text, str):
        raise TypeError(f"expected str, not {type(text).__name__}")
    return to_latin_digits(strip_bidi(text)).strip()


def _check_input_year(year: int) -> None:
    if not MIN_INPUT_YEAR <= year <= MAX_INPUT_YEAR:
        raise JalaliDateError(
            f"سال {_fa(year)} پذیرفته نیست؛ سالی بین {_fa(MIN_INPUT_YEAR)} و "
            f"{_fa(MAX_INPUT_YEAR)} وارد کنید. {_FORMAT_HINT}"
        )


def parse_jalali(text: str) -> date:
    """Parse a typed Jalali date ('۱۴۰۴/۷/۱۵', '1404-07-15', '١٤٠٤.٠٧.١٥') to a Gregorian date.

    Raises JalaliDateError with a Persian message for malformed or impossible dates.
    """
    s = _clean(text)
    match = _DATE_RE.fullmatch(s)
    if not match:
        if not s:
            raise JalaliDateError(f"تاریخ وارد نشده است. {_FORMAT_HINT}")
        raise JalaliDateError(_FORMAT_HINT)
    year, month, day = int(match[1]), int(match[3]), int(match[4])
    _check_input_year(year)
    return from_jalali(year, month, day)


# ---------------------------------------------------------------------------------------------
# Formatting


def format_jalali(d: date | None, *, digits: str | None = None) -> str:
    """'۱۴۰۴/۱۰/۰۶' (digits="latin" → '1404/10/06'); None → ''.

    Without ``digits`` the reader's script: Persian, Latin in the English UI.
    """
    if digits not in ("fa", "latin", None):
        raise ValueError(f"digits must be 'fa' or 'latin', not {digits!r}")
    if d is None:
        return ""
    return _ymd_text(*to_jalali(d), digits=digits)


def weekday_name(d: date) -> str:
    return WEEKDAY_NAMES[jdatetime.date.fromgregorian(date=_as_date(d)).weekday()]


def is_weekend(d: date) -> bool:
    """Friday is the Iranian weekend."""
    return _as_date(d).weekday() == 4  # Python's Monday=0 … Friday=4


def format_jalali_long(d: date | None) -> str:
    """'شنبه ۶ دی ۱۴۰۴': weekday, day without leading zero, month name, year; None → ''."""
    if d is None:
        return ""
    y, m, day = to_jalali(d)
    return f"{weekday_name(d)} {_fa(day)} {MONTH_NAMES[m - 1]} {_fa(y)}"


def format_jalali_datetime(dt: datetime | None) -> str:
    """'۱۴۰۴/۱۰/۰۶ ۱۴:۳۰' in the datetime's own wall-clock time; None → ''."""
    if dt is None:
        return ""
    return f"{format_jalali(dt)} {people_digits(f'{dt.hour:02d}:{dt.minute:02d}')}"


def jalali_file_stamp(dt: datetime) -> str:
    """'1404-10-06_143005': Latin digits and no '/' or ':' so it is safe in any file name."""
    y, m, d = to_jalali(dt)
    return f"{y:04d}-{m:02d}-{d:02d}_{dt.hour:02d}{dt.minute:02d}{dt.second:02d}"


# ---------------------------------------------------------------------------------------------
# Report periods


@dataclass(frozen=True)
class Period:
    """A report period with inclusive Gregorian bounds.

    `year`/`number` identify Jalali periods (month number, quarter number; number is None for
    a year); both are None for a custom range.
    """

    kind: str
    year: int | None
    number: int | None
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.kind not in PERIOD_KINDS:
            raise ValueError(f"unknown period kind {self.kind!r}")
        if self.end < self.start:
            raise JalaliDateError(_end_before_start_message(self.start, self.end))

    @property
    def label(self) -> str:
        if self.kind == "month" and self.year is not None and self.number is not None:
            return f"{MONTH_NAMES[self.number - 1]} {_fa(self.year)}"
        if self.kind == "quarter" and self.year is not None and self.number is not None:
            return f"فصل {_QUARTER_ORDINALS[self.number - 1]} {_fa(self.year)}"
        if self.kind == "year" and self.year is not None:
            return f"سال {_fa(self.year)}"
        return f"از {format_jalali(self.start)} تا {format_jalali(self.end)}"

    def contains(self, d: date) -> bool:
        return self.start <= _as_date(d) <= self.end


def _end_before_start_message(start: date, end: date) -> str:
    return (
        f"تاریخ پایان ({format_jalali(end)}) پیش از تاریخ شروع ({format_jalali(start)}) است؛ "
        "تاریخ پایان را برابر یا پس از تاریخ شروع وارد کنید."
    )


def month_period(y: int, m: int) -> Period:
    start = from_jalali(y, m, 1)
    end = from_jalali(y, m, days_in_month(y, m))
    return Period("month", y, m, start, end)


def quarter_period(y: int, q: int) -> Period:
    """Quarter q of Jalali year y: q1 = months 1–3 (بهار) … q4 = months 10–12 (زمستان)."""
    if not 1 <= q <= 4:
        raise JalaliDateError(f"فصل {_fa(q)} وجود ندارد؛ فصل باید عددی از ۱ تا ۴ باشد.")
    first = month_period(y, 3 * q - 2)
    last = month_period(y, 3 * q)
    return Period("quarter", y, q, first.start, last.end)


def year_period(y: int) -> Period:
    """1 Farvardin to the last day of Esfand (29 or 30, as jdatetime says)."""
    return Period("year", y, None, from_jalali(y, 1, 1), month_period(y, 12).end)


def custom_period(start: date, end: date) -> Period:
    start, end = _as_date(start), _as_date(end)
    if end < start:
        raise JalaliDateError(_end_before_start_message(start, end))
    return Period("custom", None, None, start, end)


def period_of(d: date, kind: str) -> Period:
    """The Jalali month, quarter or year containing `d`."""
    y, m, _ = to_jalali(d)
    if kind == "month":
        return month_period(y, m)
    if kind == "quarter":
        return quarter_period(y, (m - 1) // 3 + 1)
    if kind == "year":
        return year_period(y)
    raise ValueError(f"period_of() kind must be 'month', 'quarter' or 'year', not {kind!r}")


def _parse_bound(text: str) -> Period:
    """A typed period bound: a day, a month ('1404/07') or a year ('1404'), as a Period."""
    s = _clean(text)
    if _YEAR_RE.fullmatch(s):
        year = int(s)
        _check_input_year(year)
        return year_period(year)
    match = _MONTH_RE.fullmatch(s)
    if match:
        year, month = int(match[1]), int(match[2])
        _check_input_year(year)
        return month_period(year, month)
    day = parse_jalali(s)
    return custom_period(day, day)


def parse_period(from_text: str | None, to_text: str | None) -> Period:
    """Build a report period from command-line text.

    Each bound may be a day ('1404/07/15'), a month ('1404/07') or a year ('1404'); a month
    or year bound stands for its first day as `from` and its last day as `to`.

    - neither given: the current Jalali month;
    - only `from`: a month or year means that whole month/year, a day means from it to today;
    - only `to`: refused, since there is no sensible default start;
    - both: the custom range from the start of `from` to the end of `to`.
    """
    has_from = bool(_clean(from_text))
    has_to = bool(_clean(to_text))
    if not has_from and not has_to:
        return period_of(date.today(), "month")
    if not has_from:
        raise JalaliDateError("تاریخ شروع دوره را هم وارد کنید. " + _FORMAT_HINT)
    first = _parse_bound(from_text or "")
    if not has_to:
        if first.kind != "custom":
            return first
        return custom_period(first.start, date.today())
    last = _parse_bound(to_text or "")
    return custom_period(first.start, last.end)


def months_between(period: Period) -> list[Period]:
    """The Jalali months the period touches, in order (the x axis of monthly charts)."""
    y, m, _ = to_jalali(period.start)
    months: list[Period] = []
    while True:
        month = month_period(y, m)
        if month.start > period.end:
            return months
        months.append(month)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
