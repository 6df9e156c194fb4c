"""گزارش عملکرد دوره‌ای: what a cluster did in a Jalali period.

Summary figures, a table per activity kind, joint actions, action plan against actual, open and
overdue resolutions, and three charts. The activities of the period are read as plain rows and
their participants and resolutions are counted in SQL per activity (``activity_figures``), so the
report costs a handful of queries however many activities the period holds.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from models.database import Database
from models.vocab import (
    ACTIVITY_KINDS,
    ACTIVITY_STATUSES,
    EXHIBITION_SCOPES,
    MEETING_KINDS,
    TOUR_KINDS,
    TRAINING_DOMAINS,
)
from persian.jalali import MONTH_NAMES, custom_period, months_between
from reports.charts import bar_chart, horizontal_bar_chart
from reports.common import (
    DASH,
    ReportError,
    ensure_parent,
    find_cluster,
    jdate,
    jrange,
    label,
    note,
    num,
    table,
    text,
)
from reports.photos import photo_pages
from reports.rtl import fa_digits
from reports.sections import counted_table, joint_actions_section
from reports.template import heading, key_value_table, publish_report, spacer
from services.followup import list_resolutions, today
from services.papers import PeriodActivity, joint_action_lines, period_activities
from services.plans import plan_vs_actual
from services.stats import ActivityFigures, activity_figures, cluster_summary

TITLE = "گزارش عملکرد دوره‌ای"

# (header, relative width, alignment) of each column of the activity tables.
TRAINING_COLUMNS = (("ردیف", 5, "center"), ("عنوان دوره", 27, "right"), ("حوزه", 10, "right"),
                    ("مدرس", 16, "right"), ("تاریخ", 15, "center"), ("ساعت", 7, "center"),
                    ("شرکت‌کننده", 10, "center"), ("نفر-ساعت", 10, "center"))
TOUR_COLUMNS = (("ردیف", 5, "center"), ("عنوان", 33, "right"), ("نوع", 9, "right"),
                ("مقصد", 24, "right"), ("تاریخ", 18, "center"), ("شرکت‌کننده", 11, "center"))
EXHIBITION_COLUMNS = (("ردیف", 5, "center"), ("نمایشگاه", 20, "right"), ("شهر", 8, "right"),
                      ("کشور", 8, "right"), ("گستره", 9, "right"), ("تاریخ", 13, "center"),
                      ("بنگاه اعزامی", 8, "center"), ("نتایج", 29, "right"))
MEETING_COLUMNS = (("ردیف", 5, "center"), ("عنوان جلسه", 36, "right"), ("نوع", 12, "right"),
                   ("تاریخ", 11, "center"), ("محل", 28, "right"), ("مصوبات", 8, "center"))


def _place(a: PeriodActivity) -> str:
    parts = [x for x in (a.place, a.city) if x and x.strip()]
    if len(parts) == 2 and parts[1] in parts[0]:
        parts = parts[:1]
    return "، ".join(parts) or DASH


def _outcomes(a: PeriodActivity) -> str:
    # Only the figures the exhibition has (none of them is worth a «۰» in the cell).
    figures = ((a.contracts_count, "{} قرارداد"), (a.orders_amount, "سفارش {} ریال"),
               (a.leads_count, "{} مشتری بالقوه"))
    head = "، ".join(form.format(num(n)) for n, form in figures if n)
    body = (a.outcomes or "").strip()
    return "\n".join(x for x in (head, body) if x) or DASH


def build_performance(db: Database, out_path: str | Path, *, cluster: str, start: date,
                      end: date, as_of: date | None = None) -> Path:
    """Build the period performance report of ``cluster`` (name or id) for [start, end]."""
    out = ensure_parent(out_path)
    if end < start:
        raise ReportError("تاریخ پایان دوره پیش از تاریخ شروع آن است.")
    period = custom_period(start, end)
    c = find_cluster(db, cluster)
    as_of = as_of or today()
    summary = cluster_summary(db, c.id, start, end, as_of=as_of)
    acts = period_activities(db, c.id, start, end)
    joint = joint_action_lines(db, c.id, start=start, end=end)
    figures_of = activity_figures(db, c.id, start, end)
    nothing = ActivityFigures()

    def fig(a: PeriodActivity) -> ActivityFigures:
        return figures_of.get(a.id, nothing)

    done = [a for a in acts if a.status == "done"]
    planned = [a for a in acts if a.status == "planned"]
    by_kind: dict[str, list[PeriodActivity]] = {k: [] for k in ACTIVITY_KINDS}
    for a in done:
        by_kind.setdefault(a.kind, []).append(a)

    story: list = []
    story.append(heading(f"خوشه {c.title} — {period.label}", 1))
    story.append(note(f"وضعیت فعالیت‌ها و مصوبات تا {jdate(as_of)}. جدول‌ها فعالیت‌های "
                      "برگزارشده را نشان می‌دهند؛ فعالیت‌های لغوشده شمرده نمی‌شوند."))

    # --- figures -------------------------------------------------------------------------
    story.append(heading("خلاصه عملکرد", 2))
    figures = [
        ("بنگاه‌های عضو خوشه", num(summary.member_firms)),
        ("جلسات برگزارشده", num(summary.meetings)),
        ("دوره‌های آموزشی", num(summary.trainings)),
        ("ساعات آموزش", num(summary.training_hours)),
        ("شرکت‌کنندگان آموزش (نفر-دوره)", num(summary.training_participants)),
        ("نفر-ساعت آموزش", num(summary.person_hours)),
        ("تورها و بازدیدها", f"{num(summary.tours)} (با {num(summary.tour_participants)} نفر)"),
        ("نمایشگاه‌ها", f"{num(summary.exhibitions)} (داخلی {num(summary.exhibitions_domestic)}"
                        f"، بین‌المللی {num(summary.exhibitions_international)})"),
        ("بنگاه‌های اعزامی به نمایشگاه‌ها", num(summary.exhibition_firms)),
        ("اقدامات مشترک انجام‌شده", num(summary.joint_actions_done)),
        ("مصوبات باز / سررسیدگذشته",
         f"{num(summary.open_resolutions)} / {num(summary.overdue_resolutions)}"),
    ]
    if summary.other_activities:
        figures.insert(8, ("سایر فعالیت‌ها", num(summary.other_activities)))
    if summary.cost_total:
        figures.append(("هزینه کل فعالیت‌ها (ریال)",
                        f"{num(summary.cost_total)} (یارانه برنامه {num(summary.subsidy_total)}"
                        f"، سهم بنگاه‌ها {num(summary.firms_share_total)})"))
    story.append(key_value_table(figures, label_width="38%"))

    # --- trainings -----------------------------------------------------------------------
    trainings = by_kind.get("training", [])
    rows = []
    tot_h = tot_p = tot_ph = 0.0
    for i, a in enumerate(trainings, 1):
        n, ph = fig(a).trainees, fig(a).person_hours
        tot_h += a.hours or 0
        tot_p += n
        tot_ph += ph
        rows.append([num(i), text(a.title), label(TRAINING_DOMAINS, a.domain),
                     text(a.instructor), jrange(a.start_date, a.end_date), num(a.hours),
                     num(n), num(ph)])
    if trainings:
        rows.append(["", "جمع", "", "", "", num(tot_h), num(tot_p), num(tot_ph)])
    story += counted_table("دوره‌های آموزشی", TRAINING_COLUMNS, rows,
                           none_note="در این دوره دوره آموزشی برگزار نشده است.",
                           count=len(trainings))

    # --- tours ---------------------------------------------------------------------------
    rows = [[num(i), text(a.title), label(TOUR_KINDS, a.tour_kind),
             text(a.destination or a.city), jrange(a.start_date, a.end_date),
             num(fig(a).trainees)] for i, a in enumerate(by_kind.get("tour", []), 1)]
    story += counted_table("تورها و بازدیدها", TOUR_COLUMNS, rows,
                           none_note="در این دوره تور یا بازدیدی برگزار نشده است.")

    # --- exhibitions ---------------------------------------------------------------------
    exhibitions = by_kind.get("exhibition", [])
    rows = [[num(i), text(a.title), text(a.city), text(a.country),
             label(EXHIBITION_SCOPES, a.scope), jrange(a.start_date, a.end_date),
             num(fig(a).firms), _outcomes(a)] for i, a in enumerate(exhibitions, 1)]
    story += counted_table("نمایشگاه‌ها", EXHIBITION_COLUMNS, rows,
                           none_note="در این دوره در نمایشگاهی شرکت نشده است.")

    # --- meetings ------------------------------------------------------------------------
    rows = [[num(i), text(a.title), label(MEETING_KINDS, a.meeting_kind),
             jdate(a.start_date), _place(a), num(fig(a).resolutions)]
            for i, a in enumerate(by_kind.get("meeting", []), 1)]
    story += counted_table("جلسات", MEETING_COLUMNS, rows,
                           none_note="در این دوره جلسه‌ای برگزار نشده است.")

    others = by_kind.get("other", [])
    if others:
        story.append(heading(f"سایر فعالیت‌ها ({num(len(others))})", 2))
        rows = [[num(i), text(a.title), jrange(a.start_date, a.end_date), _place(a)]
                for i, a in enumerate(others, 1)]
        story.append(table(["ردیف", "عنوان", "تاریخ", "محل"], rows, [6, 50, 18, 26],
                           align=["center", "right", "center", "right"]))
    if planned:
        story.append(heading(f"فعالیت‌های برنامه‌ریزی‌شده این دوره ({num(len(planned))})", 2))
        rows = [[num(i), label(ACTIVITY_KINDS, a.kind), text(a.title), jdate(a.start_date),
                 label(ACTIVITY_STATUSES, a.status)] for i, a in enumerate(planned, 1)]
        story.append(table(["ردیف", "نوع", "عنوان", "تاریخ", "وضعیت"], rows,
                           [6, 14, 50, 14, 16], align=["center", "right", "right", "center",
                                                       "right"]))

    # --- joint actions -------------------------------------------------------------------
    story += joint_actions_section(joint, none_note="در این دوره اقدام مشترکی ثبت نشده است.")

    # --- action plan ---------------------------------------------------------------------
    plan = plan_vs_actual(db, c.id, start=start, end=end)
    story.append(heading("برنامه اقدام: هدف و عملکرد", 2))
    if plan:
        rows = []
        for i, line in enumerate(plan, 1):
            progress = DASH if line.progress is None else f"{num(round(line.progress * 100))}٪"
            actual = num(line.actual) + ("" if line.computed or line.actual is None else " *")
            rows.append([num(i), text(line.action), text(line.indicator),
                         jrange(line.period_start, line.period_end), num(line.baseline),
                         num(line.target), actual, progress])
        story.append(table(
            ["ردیف", "اقدام", "شاخص", "دوره", "پایه", "هدف", "عملکرد", "پیشرفت"],
            rows, [5, 27, 20, 17, 7, 8, 8, 8],
            align=["center", "right", "right", "center", "center", "center", "center",
                   "center"]))
        if any(not line.computed and line.actual is not None for line in plan):
            story.append(note("* مقدار عملکرد دستی وارد شده است؛ بقیه از روی فعالیت‌های "
                              "ثبت‌شده شمرده شده‌اند."))
    else:
        story.append(note("برای این دوره برنامه اقدامی ثبت نشده است."))

    # --- resolutions ---------------------------------------------------------------------
    res = list_resolutions(db, cluster_id=c.id, only_open=True, as_of=as_of)
    res.sort(key=lambda r: (not r.overdue, -r.days_overdue, r.due_date or date.max))
    story.append(heading(f"مصوبات باز و سررسیدگذشته ({num(len(res))})", 2))
    if res:
        rows = [[num(i), text(r.text), text(r.owner), jdate(r.due_date),
                 num(r.days_overdue) if r.overdue else DASH,
                 f"{text(r.meeting_title)} ({jdate(r.meeting_date)})"]
                for i, r in enumerate(res, 1)]
        story.append(table(["ردیف", "مصوبه", "مسئول پیگیری", "مهلت", "روز تأخیر", "جلسه"],
                           rows, [5, 37, 16, 11, 8, 23],
                           align=["center", "right", "right", "center", "center", "right"]))
    else:
        story.append(note("مصوبه بازی نمانده است."))

    # --- charts --------------------------------------------------------------------------
    story.append(heading("نمودارها", 2))
    months = months_between(period)
    # The summary counted the same activities (done, of the period) per Jalali month.
    per_month = summary.per_month
    month_labels = [f"{MONTH_NAMES[p.number - 1]} {fa_digits(p.year)}"
                    for p in months]
    month_values = [per_month.get((p.year, p.number), 0) for p in months]
    story.append(bar_chart(month_labels, month_values, title="فعالیت‌های برگزارشده در هر ماه",
                           width=500, height=250 if len(months) > 8 else 210,
                           label_angle=90 if len(months) > 8 else 0))
    story.append(spacer(10))
    domains = sorted(summary.hours_by_domain.items(), key=lambda kv: -kv[1])
    story.append(horizontal_bar_chart([label(TRAINING_DOMAINS, d) for d, _ in domains],
                                      [h for _, h in domains],
                                      title="ساعات آموزش به تفکیک حوزه", width=500))
    story.append(spacer(10))
    cities = Counter(text(a.city) for a in exhibitions)
    city_rows = sorted(cities.items(), key=lambda kv: (-kv[1], kv[0]))
    story.append(horizontal_bar_chart([k for k, _ in city_rows], [v for _, v in city_rows],
                                      title="نمایشگاه‌ها به تفکیک شهر", width=500))

    story += photo_pages(db, [a.id for a in done])
    publish_report(db, out, story, title=TITLE, subtitle=period.label, cluster_name=c.title)
    return out
