"""The domain's closed vocabularies: the code stored in the database and the Persian label a user reads.

Codes are short Latin strings so that data files, exchange packages and SQL stay stable when a
label is reworded; the labels are what forms, lists and reports show.
"""

from __future__ import annotations

PHASES: dict[str, str] = {
    "identification": "شناسایی",
    "diagnostic": "مطالعه شناختی",
    "trust_building": "اعتمادسازی",
    "action_planning": "تدوین برنامه اقدام مشترک",
    "implementation": "اجرا",
    "monitoring": "پایش و ارزیابی",
    "exit": "خروج عامل",
}

STANDINGS: dict[str, str] = {
    "planned": "در دستور کار",
    "in_progress": "در حال اجرا",
    "near_developed": "در آستانه توسعه‌یافتگی",
    "developed": "توسعه‌یافته",
}

ACTIVITY_KINDS: dict[str, str] = {
    "meeting": "جلسه",
    "training": "دوره آموزشی",
    "tour": "تور / بازدید",
    "exhibition": "نمایشگاه",
    "other": "سایر فعالیت‌ها",
}

ACTIVITY_STATUSES: dict[str, str] = {
    "planned": "برنامه‌ریزی‌شده",
    "done": "برگزارشده",
    "cancelled": "لغوشده",
}

MEETING_KINDS: dict[str, str] = {
    "steering": "کمیته راهبری",
    "stakeholders": "ذی‌نفعان",
    "employer": "با کارگزار",
    "monitoring": "پایش",
    "firms": "با بنگاه‌ها",
    "other": "سایر",
}

TRAINING_DOMAINS: dict[str, str] = {
    "technical": "فنی",
    "managerial": "مدیریتی",
    "export": "صادراتی",
    "marketing": "بازاریابی",
    "financial": "مالی",
    "quality": "کیفیت و استاندارد",
    "other": "سایر",
}

TOUR_KINDS: dict[str, str] = {
    "industrial": "صنعتی",
    "educational": "آموزشی",
}

EXHIBITION_SCOPES: dict[str, str] = {
    "domestic": "داخلی",
    "international": "بین‌المللی",
}

PARTICIPANT_ROLES: dict[str, str] = {
    "attendee": "حاضر",
    "absent": "غایب",
    "participant": "شرکت‌کننده",
    "instructor": "مدرس",
    "exhibitor": "بنگاه اعزامی",
    "guest": "مهمان",
}

RESOLUTION_STATUSES: dict[str, str] = {
    "open": "باز",
    "in_progress": "در جریان",
    "done": "انجام‌شده",
    "cancelled": "لغو",
}

JOINT_ACTION_CATEGORIES: dict[str, str] = {
    "cooperative": "تعاونی",
    "brand": "برند",
    "standard": "استاندارد",
    "customs_code": "کد گمرکی",
    "innovation_center": "مرکز نوآوری",
    "award": "جایزه",
    "packaging": "بسته‌بندی",
    "joint_purchase": "خرید مشترک",
    "other": "سایر",
}

JOINT_ACTION_STATUSES: dict[str, str] = {
    "planned": "برنامه‌ریزی‌شده",
    "in_progress": "در جریان",
    "done": "انجام‌شده",
    "cancelled": "لغوشده",
}

ORGANISATION_KINDS: dict[str, str] = {
    "government": "دولتی",
    "university": "دانشگاه",
    "bank": "بانک",
    "chamber": "اتاق",
    "association": "انجمن",
    "cooperative": "تعاونی",
    "private": "خصوصی",
    "other": "سایر",
}

INDICATORS: dict[str, str] = {
    "sales": "فروش (ریال)",
    "exports": "صادرات (دلار)",
    "employment": "اشتغال (نفر)",
}

PERIOD_KINDS: dict[str, str] = {
    "year": "سال",
    "quarter": "فصل",
    "month": "ماه",
}

# Action-plan indicators that can be counted from the records themselves; others are typed in.
PLAN_METRICS: dict[str, str] = {
    "meetings_held": "تعداد جلسات برگزارشده",
    "trainings_held": "تعداد دوره‌های آموزشی برگزارشده",
    "training_hours": "ساعات آموزش",
    "training_person_hours": "نفر-ساعت آموزش",
    "training_participants": "تعداد شرکت‌کنندگان آموزش",
    "tours_held": "تعداد تورها و بازدیدها",
    "exhibitions_attended": "تعداد نمایشگاه‌ها",
    "international_exhibitions": "تعداد نمایشگاه‌های بین‌المللی",
    "joint_actions_done": "تعداد اقدامات مشترک انجام‌شده",
    "member_firms": "تعداد بنگاه‌های عضو",
}

SIZE_CLASSES: dict[str, str] = {
    "micro": "خرد",
    "small": "کوچک",
    "medium": "متوسط",
    "large": "بزرگ",
}


def size_class(employees: int | None) -> str | None:
    """Iran's small-industries size classes: micro <10, small <50, medium ≤150."""
    if employees is None:
        return None
    if employees < 10:
        return "micro"
    if employees < 50:
        return "small"
    if employees <= 150:
        return "medium"
    return "large"
