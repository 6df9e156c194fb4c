"""فهرست حضور و غیاب: a training course's sheet that trainees sign, one tall row each."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import selectinload

from models.database import Database
from models.entities import Activity, Participant
from models.vocab import TRAINING_DOMAINS
from reports.common import (
    DASH,
    ensure_parent,
    find_activity,
    jrange,
    label,
    num,
    pdf_kwargs,
    table,
    text,
)
from reports.rtl import fa_digits
from reports.template import build_pdf, heading, key_value_table, signature_lines, spacer

TITLE = "فهرست حضور و غیاب"
TRAINEE_ROLES = ("participant", "attendee", "absent")
SIGN_ROW = 30.0  # points: room for a signature
BLANK_ROWS = 3  # for walk-in trainees


def build_attendance(db: Database, out_path: str | Path, *, training: str) -> Path:
    """Build the attendance sheet of the training course with id ``training``."""
    out = ensure_parent(out_path)
    training_id = find_activity(db, training, "training")
    with db.session_factory() as session:
        a = (session.query(Activity).filter(Activity.id == training_id).options(
            selectinload(Activity.participants).selectinload(Participant.person),
            selectinload(Activity.participants).selectinload(Participant.firm),
            selectinload(Activity.cluster)).one())
        people = []
        for p in a.participants:
            if p.deleted_at is not None or p.role not in TRAINEE_ROLES:
                continue
            name = p.person.full_name if p.person else (p.firm.name if p.firm else "")
            firm = p.firm.name if p.firm and p.person else (
                p.person.firm.name if p.person and p.person.firm else DASH)
            people.append((name, firm))
        instructors = [p.person.full_name for p in a.participants
                       if p.deleted_at is None and p.role == "instructor" and p.person]
        cluster_name = a.cluster.name
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
    build_pdf(out, story, title=TITLE, subtitle=fa_digits(text(title)),
              cluster_name=cluster_name, **pdf_kwargs(db))
    return out
