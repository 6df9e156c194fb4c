"""What a history workbook may hold: the importable fields, their header names, kinds and sheets.

Headers are matched by their folded key (persian.fold.name_key), so «تاریخ‌شروع», «تاريخ شروع»
and «Start date» all find their field. The Persian label of the record spec is always a name;
the extra names below are the ones agents actually use in their sheets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from models import vocab
from persian.fold import name_key
from services.schema import spec


@dataclass(frozen=True)
class ImportField:
    name: str  # the activity/resolution field, or a pseudo-field of the import (participants…)
    label: str  # Persian, shown in the mapping step and used as the template's header
    aliases: tuple[str, ...] = ()
    kinds: frozenset[str] | None = None  # activity kinds that have it (None = every kind)


def _from_spec(kind: str, name: str, *aliases: str, label: str | None = None) -> ImportField:
    field = spec(kind).field(name)
    return ImportField(name, label or field.label, (field.label, name, name.replace("_", " "),
                                                    *aliases), field.kinds)


# Pseudo-fields: not columns of the activity table, but cells the import turns into records.
ROW_KEY = "row_key"
KIND = "kind"
CLUSTER = "cluster"
PARTICIPANTS = "participants"
FIRMS = "firms"
ABSENT = "absent"
MEETING_ROW = "meeting_row"
OWNER = "owner"

ACTIVITY_FIELDS: tuple[ImportField, ...] = (
    ImportField(ROW_KEY, "ردیف", ("ردیف", "row", "#", "شماره ردیف", "no")),
    ImportField(KIND, "نوع فعالیت", ("نوع فعالیت", "نوع", "kind", "type", "activity type")),
    ImportField(CLUSTER, "خوشه", ("خوشه", "cluster", "نام خوشه")),
    _from_spec("activity", "title", "عنوان", "title", "موضوع", "نام", "عنوان فعالیت", "name",
               "subject"),
    _from_spec("activity", "start_date", "تاریخ", "date", "تاریخ برگزاری", "از تاریخ", "start"),
    _from_spec("activity", "end_date", "تا تاریخ", "end", "end date"),
    _from_spec("activity", "start_time", "ساعت", "time", "ساعت شروع", "start time"),
    _from_spec("activity", "place", "محل", "place", "location", "venue", "محل برگزاری", "مکان"),
    _from_spec("activity", "city", "شهر", "city"),
    _from_spec("activity", "country", "کشور", "country"),
    _from_spec("activity", "status", "status", "وضعیت"),
    _from_spec("activity", "description", "توضیحات", "description", "notes", "یادداشت"),
    _from_spec("activity", "meeting_kind", "meeting kind", "نوع جلسه"),
    _from_spec("activity", "number", "شماره", "meeting number", "شماره جلسه"),
    _from_spec("activity", "agenda", "agenda", "دستور کار"),
    _from_spec("activity", "summary", "summary", "خلاصه", "مذاکرات"),
    _from_spec("activity", "domain", "حوزه", "domain", "topic area"),
    _from_spec("activity", "instructor", "مدرس", "instructor", "teacher", "trainer", "استاد"),
    _from_spec("activity", "hours", "مدت دوره", "training hours", "duration", "مدت (ساعت)"),
    _from_spec("activity", "evaluation", "evaluation"),
    _from_spec("activity", "evaluation_score", "score", "امتیاز"),
    _from_spec("activity", "tour_kind", "tour kind"),
    _from_spec("activity", "destination", "destination", "مقصد بازدید"),
    _from_spec("activity", "scope", "گستره", "scope"),
    _from_spec("activity", "booth", "booth"),
    _from_spec("activity", "outcomes", "outcomes", "دستاوردها"),
    _from_spec("activity", "contracts_count", "contracts"),
    _from_spec("activity", "orders_amount", "orders"),
    _from_spec("activity", "leads_count", "leads"),
    _from_spec("activity", "support_amount", "support"),
    _from_spec("activity", "cost_total", "هزینه", "cost"),
    _from_spec("activity", "subsidy_amount", "یارانه", "subsidy"),
    _from_spec("activity", "firms_share", "سهم بنگاه", "firms share"),
    ImportField(PARTICIPANTS, "شرکت‌کنندگان",
                ("شرکت‌کنندگان", "حاضران", "حاضرین", "اعضای حاضر", "participants", "attendees",
                 "present")),
    ImportField(FIRMS, "بنگاه‌ها",
                ("بنگاه‌ها", "بنگاه‌های شرکت‌کننده", "بنگاه‌های اعزامی", "firms", "companies")),
    ImportField(ABSENT, "غایبان", ("غایبان", "غایبین", "absent", "absentees"),
                frozenset({"meeting"})),
)

RESOLUTION_FIELDS: tuple[ImportField, ...] = (
    ImportField(MEETING_ROW, "ردیف جلسه", ("ردیف جلسه", "meeting row", "جلسه", "meeting",
                                           "شماره ردیف جلسه")),
    _from_spec("resolution", "text", "مصوبه", "متن", "text", "resolution"),
    ImportField(OWNER, "مسئول پیگیری", ("مسئول پیگیری", "مسئول", "owner", "responsible")),
    _from_spec("resolution", "due_date", "due date", "deadline", "مهلت انجام"),
    _from_spec("resolution", "status", "status", "وضعیت"),
    _from_spec("resolution", "done_date", "done date"),
    _from_spec("resolution", "followup_notes", "پیگیری", "follow up", "notes"),
)

# Sheet names (folded) that say which kind a sheet holds, and which sheet holds resolutions.
KIND_NAMES: dict[str, tuple[str, ...]] = {
    "meeting": ("جلسه", "جلسات", "جلسه‌ها", "meeting", "meetings", "صورتجلسات"),
    "training": ("دوره آموزشی", "دوره‌های آموزشی", "آموزش", "آموزش‌ها", "دوره", "دوره‌ها",
                 "training", "trainings", "courses", "course"),
    "tour": ("تور", "تورها", "بازدید", "بازدیدها", "تور / بازدید", "تور و بازدید", "tour",
             "tours", "visits"),
    "exhibition": ("نمایشگاه", "نمایشگاه‌ها", "exhibition", "exhibitions", "fairs"),
    "other": ("سایر", "سایر فعالیت‌ها", "other"),
}
RESOLUTION_SHEET_NAMES = ("مصوبات", "مصوبه", "مصوبه‌ها", "resolutions", "resolution")

# The order the kinds are counted and written in (the template's sheets, too).
IMPORT_KINDS: tuple[str, ...] = ("meeting", "training", "tour", "exhibition", "other")


def _keys(names: Iterable[str]) -> frozenset[str]:
    return frozenset(k for k in (name_key(n) for n in names) if k)


_KIND_KEYS = {kind: _keys((*names, vocab.ACTIVITY_KINDS[kind])) for kind, names in KIND_NAMES.items()}
_RESOLUTION_SHEET_KEYS = _keys(RESOLUTION_SHEET_NAMES)


def kind_of(text: object) -> str | None:
    """The activity kind a sheet name or a kind cell names («جلسات», «Training»…), or None."""
    if text is None:
        return None
    key = name_key(str(text))
    for kind, keys in _KIND_KEYS.items():
        if key in keys:
            return kind
    return None


def is_resolution_sheet(name: str) -> bool:
    return name_key(name) in _RESOLUTION_SHEET_KEYS


def auto_match(fields: Sequence[ImportField], headers: Sequence[str]) -> dict[str, str]:
    """field name → the header of `headers` whose folded text is one of the field's names.

    A header is given to one field only (the first in field order), so «تاریخ» cannot end up
    both the start and the end date.
    """
    by_key: dict[str, str] = {}
    for header in headers:
        key = name_key(header)
        if key and key not in by_key:
            by_key[key] = header
    taken: set[str] = set()
    found: dict[str, str] = {}
    for field in fields:
        for alias in (field.label, *field.aliases):
            header = by_key.get(name_key(alias))
            if header is not None and header not in taken:
                found[field.name] = header
                taken.add(header)
                break
    return found


def column_index(headers: Sequence[str], header: str | None) -> int | None:
    """Position of `header` in a sheet's headers, compared folded; None when absent."""
    if not header:
        return None
    key = name_key(header)
    for index, other in enumerate(headers):
        if name_key(other) == key:
            return index
    return None


def field_label(fields: Sequence[ImportField], name: str) -> str:
    for field in fields:
        if field.name == name:
            return field.label
    return name


def choices_text(choices: Mapping[str, str]) -> str:
    return "، ".join(choices.values())
