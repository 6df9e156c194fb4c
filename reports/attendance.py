"""فهرست حضور و غیاب: a training course's sheet that trainees sign, one tall row each."""

from __future__ import annotations

from pathlib import Path

from models.database import Database
from models.vocab import TRAINING_DOMAINS
from reports.common import DASH, ensure_parent, find_activity, jrange, label, num, table, text
from reports.rtl import fa_digits
from reports.template import heading, key_value_table, publish_report, signature_lines, spacer
from services.papers import activity_paper

TITLE = "فهرست حضور و غیاب"
TRAINEE_ROLES = ("participant", "attendee", "absent")
SIGN_ROW = 30.0  # points: room for a signature
BLANK_ROWS = 3  # for walk-in trainees


def build_attendance(db: Database, out_path: str | Path, *, training: str) -> Path:
    """Build the attendance sheet of the training named by ``training`` (id, id prefix, date + title)."""
    out = ensure_parent(out_path)
    a = activity_paper(db, find_activity(db, training, "training"))
    people = [(p.name, p.firm_name if p.firm_name and p.is_person else (p.person_firm_name or DASH))
              for p in a.participants if p.role in TRAINEE_ROLES]
    instructors = [p.name for p in a.participants if p.role == "instructor" and p.is_person]
    cluster_name = a.cluster_name
    title, instructor, domain = a.title, a.instructor, a.domain
    start, end, hours = a.start_date, a.end_date, a.hours
    place = "، ".join(x for x in (a.place, a.city) if x and x.strip()) or None
    if a.place and a.city and a.city in a.place:
        place = a.place

    instructor = instructor or "، ".join(instructors) or None
    story: list = [heading(text(title), 1)]
    story.append(key_value_table([
        ("خوشه", cluster_name),
        ("مدرس", text(instructor)),
        ("حوزه آموزش", label(TRAINING_DOMAINS, domain)),
        ("تاریخ برگزاری", jrange(start, end)),
        ("مدت دوره", f"{num(hours)} ساعت" if hours else DASH),
        ("محل", text(place)),
        ("تعداد ثبت‌نام‌شدگان", num(len(people))),
    ], label_width="24%"))
    story.append(heading("شرکت‌کنندگان", 2))
    rows = [[num(i), n, f] for i, (n, f) in enumerate(people, 1)]
    rows += [[num(len(people) + k), "", ""] for k in range(1, BLANK_ROWS + 1)]
    story.append(table(["ردیف", "نام و نام خانوادگی", "بنگاه", "امضا"],
                       [r + [""] for r in rows], [8, 32, 34, 26],
                       align=["center", "right", "right", "center"], font_size=10,
                       row_height=SIGN_ROW))
    story.append(spacer(14))
    story.append(signature_lines([f"مدرس: {instructor}" if instructor else "مدرس",
                                  "عامل توسعه خوشه"], per_row=2))
    publish_report(db, out, story, title=TITLE, subtitle=fa_digits(text(title)),
                   cluster_name=cluster_name)
    return out
