"""What each record kind holds, as the user sees it: fields, Persian labels, types and rules.

One table of specs drives validation, the generic create/update/list services, the Excel export
headers and the forms, so a field's Persian name is written once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from models import entities as m
from models import vocab

ALL_ACTIVITY_KINDS = frozenset(vocab.ACTIVITY_KINDS)


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    type: str  # text longtext date time int money hours score bool choice ref national_code national_id phone email
    required: bool = False
    choices: Mapping[str, str] | None = None
    ref_kind: str | None = None
    max_len: int | None = None
    # For activities: the kinds that have this field (None = every kind).
    kinds: frozenset[str] | None = None

    def applies_to(self, activity_kind: str | None) -> bool:
        return self.kinds is None or activity_kind is None or activity_kind in self.kinds


@dataclass(frozen=True)
class RecordSpec:
    kind: str
    label: str
    label_plural: str
    model: type
    fields: tuple[FieldSpec, ...]
    title_field: str
    cluster_field: str | None = None
    date_field: str | None = None
    # Pairs (start, end): end may not be before start.
    date_ranges: tuple[tuple[str, str], ...] = ()
    # Name-like field checked for near-duplicates (علي / علی).
    name_field: str | None = None

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def F(name: str, label: str, type_: str = "text", **kw: object) -> FieldSpec:  # noqa: N802
    if type_ == "text" and "max_len" not in kw:
        kw["max_len"] = 500
    return FieldSpec(name, label, type_, **kw)  # type: ignore[arg-type]


# Fields that mean the same in several kinds, written once so that their labels and rules cannot
# drift apart between, say, a firm's phone and a person's (FieldSpec is frozen, so sharing is safe).
CLUSTER = F("cluster_id", "خوشه", "ref", required=True, ref_kind="cluster")
FIRM = F("firm_id", "بنگاه", "ref", ref_kind="firm")
PHONE = F("phone", "تلفن", "phone")
EMAIL = F("email", "رایانامه", "email")
CITY = F("city", "شهر", max_len=100)
NOTES = F("notes", "یادداشت", "longtext")
IS_SAMPLE = F("is_sample", "داده نمونه", "bool")
# An activity's or a joint action's cost, split between the programme and the firms.
COSTS = (
    F("cost_total", "هزینه کل (ریال)", "money"),
    F("subsidy_amount", "سهم یارانه برنامه (ریال)", "money"),
    F("firms_share", "سهم بنگاه‌ها (ریال)", "money"),
)

MEETING = frozenset({"meeting"})
TRAINING = frozenset({"training"})
TOUR = frozenset({"tour"})
EXHIBITION = frozenset({"exhibition"})

SPECS: dict[str, RecordSpec] = {}


def _register(spec: RecordSpec) -> None:
    SPECS[spec.kind] = spec


_register(RecordSpec(
    kind="cluster", label="خوشه", label_plural="خوشه‌ها", model=m.Cluster,
    title_field="name", date_field="programme_start",
    date_ranges=(("programme_start", "programme_end"),), name_field="name",
    fields=(
        F("name", "نام خوشه", required=True, max_len=200),
        F("product", "محصول", max_len=200),
        F("province", "استان", max_len=100),
        F("county", "شهرستان", max_len=100),
        CITY,
        F("phase", "مرحله", "choice", choices=vocab.PHASES),
        F("standing", "وضعیت توسعه", "choice", choices=vocab.STANDINGS),
        F("programme_start", "شروع برنامه", "date"),
        F("programme_end", "پایان برنامه", "date"),
        F("contract_no", "شماره قرارداد", max_len=100),
        F("contract_date", "تاریخ قرارداد", "date"),
        F("employer", "کارگزار", max_len=200),
        F("supervisor", "ناظر", max_len=200),
        F("agent_name", "عامل توسعه", max_len=200),
        F("description", "توضیحات", "longtext"),
    ),
))

def _directory_kind(kind: str, label: str, label_plural: str, model: type, name: FieldSpec,
                    *fields: FieldSpec, cluster_field: str | None = None,
                    date_field: str | None = None) -> RecordSpec:
    """A kind of the directory (firm, organisation, person): titled by its name, the first field
    and the one checked for near-duplicates, and closed by the notes and the demo-data flag that
    only these kinds carry (the directory page lists them alike)."""
    return RecordSpec(
        kind=kind, label=label, label_plural=label_plural, model=model,
        fields=(name, *fields, NOTES, IS_SAMPLE), title_field=name.name, name_field=name.name,
        cluster_field=cluster_field, date_field=date_field,
    )


_register(_directory_kind(
    "firm", "بنگاه", "بنگاه‌ها", m.Firm,
    F("name", "نام بنگاه", required=True, max_len=300),
    F("cluster_id", "خوشه", "ref", ref_kind="cluster"),
    F("national_id", "شناسه ملی", "national_id"),
    F("manager", "مدیر", max_len=200),
    PHONE,
    CITY,
    F("employees", "تعداد کارکنان", "int"),
    F("products", "محصولات", "longtext"),
    F("joined_on", "تاریخ عضویت", "date"),
    F("coop_member", "عضو تعاونی", "bool"),
    cluster_field="cluster_id", date_field="joined_on",
))

_register(_directory_kind(
    "organisation", "نهاد", "نهادها", m.Organisation,
    F("name", "نام نهاد", required=True, max_len=300),
    F("kind", "نوع نهاد", "choice", choices=vocab.ORGANISATION_KINDS),
    F("contact", "رابط", max_len=300),
    PHONE,
    EMAIL,
    CITY,
))

_register(_directory_kind(
    "person", "فرد", "افراد", m.Person,
    F("full_name", "نام و نام خانوادگی", required=True, max_len=200),
    F("title", "سمت", max_len=200),
    F("organisation_id", "نهاد", "ref", ref_kind="organisation"),
    FIRM,
    PHONE,
    EMAIL,
    F("national_code", "کد ملی", "national_code"),
))

_register(RecordSpec(
    kind="activity", label="فعالیت", label_plural="فعالیت‌ها", model=m.Activity,
    title_field="title", cluster_field="cluster_id", date_field="start_date",
    date_ranges=(("start_date", "end_date"),),
    fields=(
        F("kind", "نوع فعالیت", "choice", required=True, choices=vocab.ACTIVITY_KINDS),
        CLUSTER,
        F("title", "عنوان", required=True, max_len=500),
        F("status", "وضعیت", "choice", choices=vocab.ACTIVITY_STATUSES),
        F("start_date", "تاریخ شروع", "date", required=True),
        F("end_date", "تاریخ پایان", "date"),
        F("start_time", "ساعت", "time"),
        F("place", "محل", max_len=300),
        CITY,
        F("country", "کشور", max_len=100),
        F("description", "شرح", "longtext"),
        F("meeting_kind", "نوع جلسه", "choice", choices=vocab.MEETING_KINDS, kinds=MEETING),
        F("number", "شماره جلسه", "int", kinds=MEETING),
        F("agenda", "دستور جلسه", "longtext", kinds=MEETING),
        F("summary", "خلاصه مذاکرات", "longtext", kinds=MEETING),
        F("domain", "حوزه آموزش", "choice", choices=vocab.TRAINING_DOMAINS, kinds=TRAINING),
        F("instructor", "مدرس", max_len=200, kinds=TRAINING),
        F("hours", "ساعت آموزش", "hours", kinds=TRAINING),
        F("evaluation", "ارزیابی", "longtext", kinds=TRAINING),
        F("evaluation_score", "امتیاز ارزیابی", "score", kinds=TRAINING),
        F("tour_kind", "نوع تور", "choice", choices=vocab.TOUR_KINDS, kinds=TOUR),
        F("destination", "مقصد", max_len=300, kinds=TOUR),
        F("scope", "گستره نمایشگاه", "choice", choices=vocab.EXHIBITION_SCOPES, kinds=EXHIBITION),
        F("booth", "غرفه", max_len=200, kinds=EXHIBITION),
        F("outcomes", "نتایج", "longtext", kinds=EXHIBITION),
        F("contracts_count", "تعداد قراردادها", "int", kinds=EXHIBITION),
        F("orders_amount", "مبلغ سفارش‌ها (ریال)", "money", kinds=EXHIBITION),
        F("leads_count", "تعداد مشتریان بالقوه", "int", kinds=EXHIBITION),
        F("support_amount", "مبلغ حمایت (ریال)", "money", kinds=EXHIBITION),
        *COSTS,
    ),
))

_register(RecordSpec(
    kind="resolution", label="مصوبه", label_plural="مصوبات", model=m.Resolution,
    title_field="text", date_field="due_date",
    fields=(
        F("meeting_id", "جلسه", "ref", required=True, ref_kind="activity"),
        F("number", "ردیف", "int"),
        F("text", "متن مصوبه", "longtext", required=True),
        F("owner_person_id", "مسئول پیگیری", "ref", ref_kind="person"),
        F("owner_text", "مسئول پیگیری (متن)", max_len=300),
        F("due_date", "مهلت", "date"),
        F("status", "وضعیت", "choice", choices=vocab.RESOLUTION_STATUSES),
        F("done_date", "تاریخ انجام", "date"),
        F("followup_notes", "یادداشت پیگیری", "longtext"),
    ),
))

_register(RecordSpec(
    kind="joint_action", label="اقدام مشترک", label_plural="اقدامات مشترک و دستاوردها",
    model=m.JointAction, title_field="title", cluster_field="cluster_id", date_field="achieved_on",
    fields=(
        CLUSTER,
        F("category", "دسته", "choice", required=True, choices=vocab.JOINT_ACTION_CATEGORIES),
        F("title", "عنوان", required=True, max_len=500),
        F("status", "وضعیت", "choice", choices=vocab.JOINT_ACTION_STATUSES),
        F("achieved_on", "تاریخ", "date"),
        F("description", "شرح", "longtext"),
        F("evidence", "مستندات", "longtext"),
        *COSTS,
    ),
))

_register(RecordSpec(
    kind="action_plan_item", label="ردیف برنامه اقدام", label_plural="برنامه اقدام",
    model=m.ActionPlanItem, title_field="action", cluster_field="cluster_id",
    date_field="period_start", date_ranges=(("period_start", "period_end"),),
    fields=(
        CLUSTER,
        F("action", "اقدام", required=True, max_len=500),
        F("indicator", "شاخص", required=True, max_len=300),
        F("metric", "محاسبه خودکار", "choice", choices=vocab.PLAN_METRICS),
        F("baseline", "مقدار پایه", "float"),
        F("target", "هدف", "float"),
        F("manual_actual", "مقدار واقعی (دستی)", "float"),
        F("period_start", "شروع دوره", "date"),
        F("period_end", "پایان دوره", "date"),
        F("owner", "مسئول", max_len=300),
        F("budget", "بودجه (ریال)", "money"),
        NOTES,
    ),
))

_register(RecordSpec(
    kind="indicator_value", label="مقدار شاخص", label_plural="شاخص‌ها",
    model=m.IndicatorValue, title_field="indicator", cluster_field="cluster_id",
    fields=(
        CLUSTER,
        FIRM,
        F("indicator", "شاخص", "choice", required=True, choices=vocab.INDICATORS),
        F("period_kind", "نوع دوره", "choice", required=True, choices=vocab.PERIOD_KINDS),
        F("jalali_year", "سال", "int", required=True),
        F("period_number", "شماره فصل/ماه", "int"),
        F("value", "مقدار", "float", required=True),
        F("note", "یادداشت", max_len=500),
    ),
))

# Kinds that have their own services on top of the generic ones (attachments carry files).
MODEL_BY_KIND: dict[str, type] = {k: s.model for k, s in SPECS.items()}
MODEL_BY_KIND["attachment"] = m.Attachment
MODEL_BY_KIND["participant"] = m.Participant


def spec(kind: str) -> RecordSpec:
    try:
        return SPECS[kind]
    except KeyError:
        raise KeyError(f"unknown record kind: {kind}") from None
