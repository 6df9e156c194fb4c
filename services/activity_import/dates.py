"""Dates and times as people type them into Excel, to Gregorian `date`s (DESIGN §3: store Gregorian).

Accepted: Jalali text in any digits and separators (1403/5/7, ۱۴۰۳/۰۵/۰۷, 1403-05-07, 7/5/1403),
a Persian month name (7 مرداد 1403, ۷ مرداد ۱۴۰۳), and Excel's own date cells (datetime values or
day serials), which are Gregorian: those are converted and the result says so, so the preview can
flag a date the user may not have meant. A two-digit year is refused: 03/5/7 might be 1403 or 1303.
Calendar arithmetic is jdatetime's (through persian.jalali), none written here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from persian.digits import to_latin_digits, to_persian_digits
from persian.fold import fold, strip_bidi
from persian.jalali import (
    MAX_INPUT_YEAR,
    MIN_INPUT_YEAR,
    MONTH_NAMES,
    JalaliDateError,
    format_jalali,
    from_jalali,
    parse_jalali,
)

_HINT = "تاریخ را به شکل ۱۴۰۳/۰۵/۰۷ یا «۷ مرداد ۱۴۰۳» بنویسید."
_NUMERIC = re.compile(r"(\d{1,4})\s*([/\-.])\s*(\d{1,2})\s*\2\s*(\d{1,4})")
_NAMED = re.compile(r"(\d{1,2})\s+(\S+)\s+(?:ماه\s+)?(?:سال\s+)?(\d{1,4})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
# Excel day serials of 1930–2100: a number cell in that range holding a date is a Gregorian date.
_SERIAL_RANGE = (10_959, 73_051)
_EXCEL_EPOCH = datetime(1899, 12, 30)
_GREGORIAN_YEARS = (1900, 2200)
_MONTHS = {fold(name).replace(" ", ""): number for number, name in enumerate(MONTH_NAMES, start=1)}
_MONTHS[fold("امرداد")] = 5  # the older spelling of مرداد


@dataclass(frozen=True)
class ParsedDate:
    value: date
    # The cell was a Gregorian date (an Excel date cell, a serial, or a Gregorian year typed):
    # converted, and shown in the preview so the user can check it.
    gregorian: bool = False


def _fa(n: int) -> str:
    return to_persian_digits(str(n))


def _two_digit_year(year_text: str) -> JalaliDateError:
    return JalaliDateError(f"سال «{to_persian_digits(year_text)}» دورقمی است و روشن نیست کدام "
                           f"سال است؛ سال را چهاررقمی بنویسید (مثلاً ۱۴۰۳). {_HINT}")


def _from_ymd(year_text: str, month: int, day: int) -> ParsedDate:
    if len(year_text) <= 2:
        raise _two_digit_year(year_text)
    year = int(year_text)
    if _GREGORIAN_YEARS[0] <= year <= _GREGORIAN_YEARS[1]:
        try:
            return ParsedDate(date(year, month, day), gregorian=True)
        except ValueError:
            raise JalaliDateError(f"تاریخ میلادی {_fa(year)}/{_fa(month)}/{_fa(day)} وجود "
                                  f"ندارد. {_HINT}") from None
    if not MIN_INPUT_YEAR <= year <= MAX_INPUT_YEAR:
        raise JalaliDateError(f"سال {_fa(year)} پذیرفته نیست؛ سالی بین {_fa(MIN_INPUT_YEAR)} و "
                              f"{_fa(MAX_INPUT_YEAR)} بنویسید. {_HINT}")
    return ParsedDate(from_jalali(year, month, day))


def _from_serial(number: float) -> ParsedDate:
    if not _SERIAL_RANGE[0] <= number <= _SERIAL_RANGE[1]:
        raise JalaliDateError(f"عدد {to_persian_digits(str(number))} تاریخ نیست. {_HINT}")
    return ParsedDate((_EXCEL_EPOCH + timedelta(days=int(number))).date(), gregorian=True)


def parse_date_cell(value: object) -> ParsedDate | None:
    """The date a cell holds; None for an empty cell; JalaliDateError (Persian) otherwise."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        day = value.date() if isinstance(value, datetime) else value
        if MIN_INPUT_YEAR <= day.year <= MAX_INPUT_YEAR:
            # A date cell whose parts are a Jalali date (some tools write them so): read as Jalali.
            return ParsedDate(from_jalali(day.year, day.month, day.day))
        return ParsedDate(day, gregorian=True)
    if isinstance(value, bool):
        raise JalaliDateError(_HINT)
    if isinstance(value, int | float):
        text = str(int(value)) if float(value).is_integer() else str(value)
        compact = _COMPACT.fullmatch(text)
        if compact:  # 14030507
            return _from_ymd(compact[1], int(compact[2]), int(compact[3]))
        return _from_serial(float(value))
    text = to_latin_digits(strip_bidi(str(value))).strip()
    text = text.replace("\u060c", " ").replace(",", " ")
    if not text:
        return None
    numeric = _NUMERIC.fullmatch(text)
    if numeric:
        first, second, third = numeric[1], int(numeric[3]), numeric[4]
        if len(third) == 4 and len(first) <= 2:  # 7/5/1403: day/month/year
            return _from_ymd(third, second, int(first))
        if len(first) <= 2 and len(third) <= 2:
            raise _two_digit_year(first)
        if len(first) == 4:
            if int(first) < _GREGORIAN_YEARS[0]:
                return ParsedDate(parse_jalali(f"{first}/{second}/{third}"))
            return _from_ymd(first, second, int(third))
        raise JalaliDateError(_HINT)
    named = _NAMED.fullmatch(text)
    if named:
        month = _MONTHS.get(fold(named[2]).replace(" ", ""))
        if month is None:
            raise JalaliDateError(f"ماه «{named[2]}» شناخته نیست؛ نام ماه شمسی را بنویسید "
                                  f"(فروردین تا اسفند). {_HINT}")
        return _from_ymd(named[3], month, int(named[1]))
    compact = _COMPACT.fullmatch(text)
    if compact:
        return _from_ymd(compact[1], int(compact[2]), int(compact[3]))
    raise JalaliDateError(_HINT)


def parse_time_cell(value: object) -> str | None:
    """'HH:MM' text for a time cell (Excel time, day fraction, or typed text); None if empty.

    Typed text is returned as typed (digits made Latin): the record validation checks its form.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.time()
    if isinstance(value, time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, float) and 0 <= value < 1:  # a day fraction: 0.6875 = 16:30
        minutes = round(value * 24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    if isinstance(value, int) and 0 <= value <= 23:
        return f"{value:02d}:00"
    return to_latin_digits(strip_bidi(str(value))).strip() or None


def gregorian_note(parsed: ParsedDate) -> str:
    day = parsed.value
    shown = to_persian_digits(f"{day.year:04d}/{day.month:02d}/{day.day:02d}")
    return (f"تاریخ میلادی {shown} به تاریخ شمسی "
            f"{format_jalali(parsed.value)} تبدیل شد؛ درستی آن را بررسی کنید.")
