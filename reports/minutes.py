"""صورتجلسه: one meeting with who came, what was discussed and decided, and signature lines."""

from __future__ import annotations

from pathlib import Path

from models.database import Database
from models.vocab import MEETING_KINDS, RESOLUTION_STATUSES
from persian.jalali import format_jalali_long
from reports.common import DASH, ensure_parent, find_activity, jdate, label, note, num, table, text
from reports.paragraph import RTLParagraph
from reports.photos import photo_pages
from reports.rtl import fa_digits
from reports.template import heading, key_value_table, publish_report, signature_lines, spacer
from services.papers import PaperParticipant, PaperResolution, activity_paper

TITLE = "صورتجلسه"
PRESENT_ROLES = ("attendee", "guest", "instructor", "participant")


def _who(p: PaperParticipant) -> tuple[str, str]:
    """(name, role/organisation) of a participant."""
    where = []
    if p.is_person and p.job_title:
        where.append(p.job_title)
    org = p.firm_name if p.is_person else None
    if org is None:
        org = p.organisation_name
    if org and not any(org in w for w in where):  # «مدیرعامل شرکت X» already names X
        where.append(org)
    if p.role == "guest":
        where.append("مهمان")
    return p.name or DASH, "، ".join(where) or DASH


def _owner(r: PaperResolution) -> str:
    return " / ".join(x for x in (r.owner_name, r.owner_text) if x) or DASH


def build_minutes(db: Database, out_path: str | Path, *, meeting: str) -> Path:
    """Build the minutes of the meeting named by ``meeting`` (id, id prefix, or date and title)."""
    out = ensure_parent(out_path)
    a = activity_paper(db, find_activity(db, meeting, "meeting"))
    present = [_who(p) for p in a.participants if p.attended and p.role in PRESENT_ROLES]
    absent = [_who(p) for p in a.participants if not (p.attended and p.role in PRESENT_ROLES)]
    resolutions = [(r.number, r.text, _owner(r), r.due_date, r.status) for r in a.resolutions]
    cluster_name = a.cluster_name
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
    story += photo_pages(db, [a.id], with_activity=False)

    publish_report(db, out, story, title=TITLE, subtitle=f"{kind} — {jdate(when)}",
                   cluster_name=cluster_name)
    return out
