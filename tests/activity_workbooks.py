"""History workbooks for the activity-import tests, written with openpyxl like a user's own file.

Shared by the service, command-line and UI tests (imported as ``tests.activity_workbooks``).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

# Every date form of the issue: Jalali with Latin and Persian digits, dashes, a month name, an
# Excel date cell (Gregorian 2024-07-28 = 1403/05/07) and a Gregorian day serial (45502 =
# 2024-07-29 = 1403/05/08).
MEETINGS = [
    ["ردیف", "عنوان", "تاریخ", "ساعت", "محل", "حاضران", "غایبان"],
    [1, "جلسه کمیته راهبری اول", "1403/5/7", "10:00", "اتاق بازرگانی", "علي رضايي، مریم احمدی",
     "حسن کریمی"],
    [2, "جلسه ذی‌نفعان", "۱۴۰۳/۰۵/۰۷", "۱۱:۳۰", "لار", "مریم احمدی", None],
    [3, "جلسه با کارگزار", "1403-05-07", None, "شیراز", None, None],
    [4, "جلسه پایش", "7 مرداد 1403", None, None, None, None],
    [5, "جلسه بنگاه‌ها", datetime(2024, 7, 28), None, None, "علی رضایی", None],
    # The same meeting as row 3, typed again with an Arabic keyboard: a duplicate, skipped.
    [6, "جلسه با كارگزار", "1403/05/07", None, None, None, None],
]
TRAININGS = [
    ["Title", "Date", "Place", "Instructor", "Hours", "Participants", "Firms"],
    ["دوره بازاریابی صادراتی", 45502, "لار", "زهرا محمدی", 12, "مریم احمدی", "حلوای سنتی لار"],
    # The bad row: a two-digit year is refused.
    ["دوره مالی", "03/5/7", "لار", None, 8, None, None],
]
RESOLUTIONS = [
    ["ردیف جلسه", "متن مصوبه", "مسئول پیگیری", "مهلت"],
    [1, "تهیه طرح برند مشترک", "علی رضایی", "1403/06/01"],
    [2, "ثبت تعاونی خوشه", None, None],
]


def save(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def history_workbook(path: Path, *, bad_row: bool = True) -> Path:
    """Meetings (Persian headers), trainings (English headers) and the meetings' resolutions."""
    trainings = TRAININGS if bad_row else TRAININGS[:2]
    return save(path, {"جلسات": MEETINGS, "Training": trainings, "مصوبات": RESOLUTIONS})
