"""The template workbook: a sheet per kind with the expected headers and one example row each,
and a resolutions sheet keyed by the meeting's row. Importing the template as it is works.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from services.activity_import.fields import (
    ABSENT,
    ACTIVITY_FIELDS,
    FIRMS,
    MEETING_ROW,
    OWNER,
    PARTICIPANTS,
    RESOLUTION_FIELDS,
    ROW_KEY,
)
from services.userfiles import atomic_path

_COMMON = (ROW_KEY, "title", "start_date", "end_date", "start_time", "place", "city")
_COLUMNS: dict[str, tuple[str, ...]] = {
    "meeting": (*_COMMON, "meeting_kind", "number", "agenda", "summary", PARTICIPANTS, ABSENT),
    "training": (*_COMMON, "domain", "instructor", "hours", PARTICIPANTS, FIRMS, "cost_total"),
    "tour": (*_COMMON, "tour_kind", "destination", PARTICIPANTS, FIRMS),
    "exhibition": (*_COMMON, "country", "scope", "booth", FIRMS, "outcomes", "contracts_count",
                   "support_amount"),
}
_SHEETS = {"meeting": "جلسات", "training": "دوره‌های آموزشی", "tour": "تورها",
           "exhibition": "نمایشگاه‌ها"}
_EXAMPLES: dict[str, dict[str, Any]] = {
    "meeting": {ROW_KEY: 1, "title": "جلسه کمیته راهبری خوشه", "start_date": "1403/05/07",
                "start_time": "10:00", "place": "اتاق بازرگانی لار", "city": "لار",
                "meeting_kind": "کمیته راهبری", "number": 1, "agenda": "بررسی برنامه اقدام",
                PARTICIPANTS: "علی رضایی، مریم احمدی", ABSENT: "حسن کریمی"},
    "training": {ROW_KEY: 1, "title": "دوره بسته‌بندی حلوا", "start_date": "۱۴۰۳/۰۶/۱۰",
                 "end_date": "۱۴۰۳/۰۶/۱۲", "place": "مرکز آموزش فنی", "city": "لار",
                 "domain": "فنی", "instructor": "زهرا محمدی", "hours": 12,
                 PARTICIPANTS: "علی رضایی", FIRMS: "حلوای سنتی لار", "cost_total": 50_000_000},
    "tour": {ROW_KEY: 1, "title": "بازدید از خوشه شیرینی یزد", "start_date": "7 مهر 1403",
             "city": "یزد", "tour_kind": "صنعتی", "destination": "شهرک صنعتی یزد",
             PARTICIPANTS: "مریم احمدی", FIRMS: "حلوای سنتی لار"},
    "exhibition": {ROW_KEY: 1, "title": "نمایشگاه غذا و شیرینی", "start_date": "1403-08-20",
                   "end_date": "1403-08-23", "city": "دبی", "country": "امارات",
                   "scope": "بین‌المللی", "booth": "غرفه ۱۲", FIRMS: "حلوای سنتی لار",
                   "outcomes": "دو قرارداد صادراتی", "contracts_count": 2},
}
_RESOLUTION_COLUMNS = (MEETING_ROW, "text", OWNER, "due_date", "status")
_RESOLUTION_EXAMPLE = {MEETING_ROW: 1, "text": "تهیه طرح برند مشترک", OWNER: "علی رضایی",
                       "due_date": "1403/07/01", "status": "باز"}


def _labels(names: tuple[str, ...], fields: tuple[Any, ...]) -> list[str]:
    by_name = {f.name: f.label for f in fields}
    return [by_name[n] for n in names]


def write_template(path: Path | str) -> Path:
    """Writes the template workbook atomically (temp file, then rename) and returns its path."""
    from openpyxl import Workbook  # lazy: keeps start-up light

    path = Path(path)
    book = Workbook()
    first = True
    for kind, columns in _COLUMNS.items():
        sheet = book.active if first else book.create_sheet()
        first = False
        sheet.title = _SHEETS[kind]
        sheet.sheet_view.rightToLeft = True
        sheet.append(_labels(columns, ACTIVITY_FIELDS))
        sheet.append([_EXAMPLES[kind].get(name) for name in columns])
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = 18
    sheet = book.create_sheet("مصوبات")
    sheet.sheet_view.rightToLeft = True
    sheet.append(_labels(_RESOLUTION_COLUMNS, RESOLUTION_FIELDS))
    sheet.append([_RESOLUTION_EXAMPLE.get(name) for name in _RESOLUTION_COLUMNS])
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        book.save(tmp)
    return path
