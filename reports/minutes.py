"""صورتجلسه: one meeting with who came, what was discussed and decided, and signature lines."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import selectinload

from models.database import Database
from models.entities import Activity, Participant, Person, Resolution
from models.vocab import MEETING_KINDS, RESOLUTION_STATUSES
from persian.jalali import format_jalali_long
from reports.common import (
    DASH,
    ensure_parent,
    find_activity,
    jdate,
    label,
    note,
    num,
    pdf_kwargs,
    table,
    text,
)
from reports.rtl import RTLParagraph, fa_digits
from reports.template import build_pdf, heading, key_value_table, signature_lines, spacer

TITLE = "صورتجلسه"
PRESENT_ROLES = ("attendee", "guest", "instructor", "participant")


def _who(p: Participant) -> tuple[str, str]:
    """(name, role/organisation) of a participant."""
    person: Person | None = p.person
    name = person.full_name if person else (p.firm.name if p.firm else "")
    where = []
    if person and person.title:
        where.append(person.title)
    org = p.firm.name if p.firm is not None and person is not None else None
    if org is None and person is not None and person.organisation is not None:
        org = person.organisation.name
    if org and not any(org in w for w in where):  # «مدیرعامل شرکت X» already names X
        where.append(org)
    if p.role == "guest":
        where.append("مهمان")
    return name or DASH, "، ".join(where) or DASH


def _owner(r: Resolution) -> str:
    parts = [r.owner_person.full_name if r.owner_person else None, r.owner_text]
    return " / ".join(x for x in parts if x) or DASH


def build_minutes(db: Database, out_path: str | Path, *, meeting: str) -> Path:
    """Build the minutes of the meeting with id ``meeting``."""
    out = ensure_parent(out_path)
    meeting_id = find_activity(db, meeting, "meeting")
    with db.session_factory() as session:
        a = (session.query(Activity).filter(Activity.id == meeting_id).options(
            selectinload(Activity.participants).selectinload(Participant.person)
            .selectinload(Person.organisation),
            selectinload(Activity.participants).selectinload(Participant.firm),
            selectinload(Activity.resolutions).selectinload(Resolution.owner_person),
            selectinload(Activity.cluster)).one())
        participants = [p for p in a.participants if p.deleted_at is None]
        present = [_who(p) for p in participants if p.attended and p.role in PRESENT_ROLES]
        absent = [_who(p) for p in participants if not (p.attended and p.role in PRESENT_ROLES)]
        resolutions = [(r.number, r.text, _owner(r), r.due_date, r.status)
                       for r in a.resolutions if r.deleted_at is None]
        cluster_name = a.cluster.name
        kind = label(MEETING_KINDS, a.meeting_kind)
        title, number, when = a.title, a.number, a.start_date
        time, place, city = a.start_time, a.place, a.city
        agenda, summary = a.agenda, a.summary

    story: list = [heading(text(title), 1)]
    kind_text = kind + (f" — جلسه شماره {num(number)}" if number else "")
    where = place or city
    if place and city and city not in place:
        where = f"{place}، {city}"
    story.append(key_value_table([
        ("خوشه", cluster_name),
        ("نوع جلسه", kind_text),
        ("تاریخ", format_jalali_long(when)),
        ("ساعت", fa_digits(time) if time else DASH),
        ("محل", text(where)),
    ], label_width="22%"))

    story.append(heading(f"حاضران ({num(len(present))})", 2))
    if present:
        story.append(table(["ردیف", "نام", "سمت / سازمان"],
                           [[num(i), n, w] for i, (n, w) in enumerate(present, 1)],
                           [8, 32, 60], align=["center", "right", "right"], font_size=9))
    else:
        story.append(note("حاضری ثبت نشده است."))
    if absent:
        story.append(heading(f"غایبان ({num(len(absent))})", 2))
        story.append(table(["ردیف", "نام", "سمت / سازمان"],
                           [[num(i), n, w] for i, (n, w) in enumerate(absent, 1)],
                           [8, 32, 60], align=["center", "right", "right"], font_size=9))

    story.append(heading("دستور جلسه", 2))
    story.append(RTLParagraph(fa_digits(agenda) if agenda and agenda.strip() else DASH,
                              font_size=10, alignment="justify"))
    story.append(heading("خلاصه مذاکرات", 2))
    story.append(RTLParagraph(summary if summary and summary.strip() else DASH,
                              font_size=10, alignment="justify"))

    story.append(heading(f"مصوبات ({num(len(resolutions))})", 2))
    if resolutions:
        rows = [[num(n), text(t), owner, jdate(due), label(RESOLUTION_STATUSES, st)]
                for n, t, owner, due, st in resolutions]
        story.append(table(["ردیف", "متن مصوبه", "مسئول پیگیری", "مهلت", "وضعیت"], rows,
                           [7, 51, 18, 12, 12],
                           align=["center", "right", "right", "center", "center"],
                           font_size=9.5))
    else:
        story.append(note("این جلسه مصوبه‌ای نداشت."))

    story.append(heading("امضای حاضران", 2))
    story.append(spacer(4))
    story.append(signature_lines([n for n, _ in present] or ["دبیر جلسه"], per_row=4))

    build_pdf(out, story, title=TITLE, subtitle=f"{kind} — {jdate(when)}",
              cluster_name=cluster_name, **pdf_kwargs(db))
    return out
