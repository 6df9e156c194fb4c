"""شناسنامه خوشه: who the cluster is, its firms by size class, and what the programme did."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from models.database import Database
from models.vocab import PHASES, SIZE_CLASSES, STANDINGS, size_class
from reports.common import ensure_parent, find_cluster, jdate, label, note, num, table, text
from reports.paragraph import RTLParagraph
from reports.sections import joint_actions_section
from reports.template import heading, key_value_table, publish_report
from services.followup import today
from services.papers import joint_action_lines, member_firms
from services.stats import cluster_summary

TITLE = "شناسنامه خوشه"
FAR_PAST = date(1900, 1, 1)


def build_profile(db: Database, out_path: str | Path, *, cluster: str) -> Path:
    """Build the profile of ``cluster`` (name or id)."""
    out = ensure_parent(out_path)
    c = find_cluster(db, cluster)
    firms = member_firms(db, c.id)
    joint = joint_action_lines(db, c.id)
    start = c["programme_start"] or FAR_PAST
    end = max(today(), c["programme_end"] or today())
    s = cluster_summary(db, c.id, start, end)

    place = "، ".join(x for x in (c["city"], c["county"], c["province"]) if x and x.strip())
    story: list = [heading(f"خوشه {c.title}", 1)]
    story.append(key_value_table([
        ("محصول", text(c["product"])),
        ("محل", text(place)),
        ("مرحله برنامه", label(PHASES, c["phase"])),
        ("وضعیت توسعه", label(STANDINGS, c["standing"])),
        ("دوره برنامه", f"{jdate(c['programme_start'])} تا {jdate(c['programme_end'])}"),
        ("شماره قرارداد", text(c["contract_no"])),
        ("تاریخ قرارداد", jdate(c["contract_date"])),
        ("کارگزار", text(c["employer"])),
        ("ناظر", text(c["supervisor"])),
        ("عامل توسعه", text(c["agent_name"])),
    ], label_width="26%"))
    if c["description"] and c["description"].strip():
        story.append(RTLParagraph(c["description"], font_size=10, alignment="justify",
                                  space_before=6))

    story.append(heading(f"بنگاه‌های عضو ({num(len(firms))})", 2))
    classes = Counter(size_class(f.employees) for f in firms)
    counts = [(label(SIZE_CLASSES, k), num(classes.get(k, 0))) for k in SIZE_CLASSES
              if classes.get(k) or k != "large"]
    if classes.get(None):
        counts.append(("تعداد کارکنان ثبت نشده", num(classes[None])))
    employees = sum(f.employees or 0 for f in firms)
    counts.append(("جمع کارکنان بنگاه‌ها", num(employees)))
    counts.append(("عضو تعاونی", num(sum(1 for f in firms if f.coop_member))))
    story.append(key_value_table(counts, label_width="40%"))
    if firms:
        rows = [[num(i), text(f.name), text(f.manager), text(f.city), num(f.employees),
                 label(SIZE_CLASSES, size_class(f.employees)), "بله" if f.coop_member else "خیر"]
                for i, f in enumerate(firms, 1)]
        story.append(table(["ردیف", "بنگاه", "مدیر", "شهر", "کارکنان", "اندازه", "عضو تعاونی"],
                           rows, [6, 30, 20, 12, 10, 10, 12],
                           align=["center", "right", "right", "right", "center", "center",
                                  "center"]))
    else:
        story.append(note("بنگاهی ثبت نشده است."))

    story.append(heading("عملکرد در کل برنامه", 2))
    story.append(key_value_table([
        ("جلسات", num(s.meetings)),
        ("دوره‌های آموزشی", f"{num(s.trainings)} دوره، {num(s.training_hours)} ساعت، "
                            f"{num(s.person_hours)} نفر-ساعت"),
        ("تورها و بازدیدها", num(s.tours)),
        ("نمایشگاه‌ها", f"{num(s.exhibitions)} (داخلی {num(s.exhibitions_domestic)}، "
                        f"بین‌المللی {num(s.exhibitions_international)})"),
        ("اقدامات مشترک انجام‌شده", num(s.joint_actions_done)),
        ("مصوبات باز / سررسیدگذشته",
         f"{num(s.open_resolutions)} / {num(s.overdue_resolutions)}"),
    ], label_width="34%"))

    story += joint_actions_section(joint, none_note="اقدام مشترکی ثبت نشده است.")
    publish_report(db, out, story, title=TITLE, subtitle=c.title, cluster_name=c.title)
    return out
