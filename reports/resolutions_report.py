"""گزارش پیگیری مصوبات: a cluster's open resolutions, the overdue ones first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from models.database import Database
from models.vocab import RESOLUTION_STATUSES
from reports.common import DASH, ensure_parent, find_cluster, jdate, label, note, num, table, text
from reports.template import heading, key_value_table, publish_report
from services.followup import list_resolutions, today

TITLE = "گزارش پیگیری مصوبات"
HEADER = ["ردیف", "متن مصوبه", "مسئول پیگیری", "مهلت", "روز تأخیر", "وضعیت", "جلسه"]
WIDTHS = [5, 34, 15, 10, 8, 9, 19]
ALIGN = ["center", "right", "right", "center", "center", "center", "right"]


def build_resolutions(db: Database, out_path: str | Path, *, cluster: str,
                      as_of: date | None = None) -> Path:
    """Build the follow-up report of the open resolutions of ``cluster`` (name or id)."""
    out = ensure_parent(out_path)
    c = find_cluster(db, cluster)
    as_of = as_of or today()
    rows = list_resolutions(db, cluster_id=c.id, only_open=True, as_of=as_of)
    overdue = sorted((r for r in rows if r.overdue),
                     key=lambda r: (-r.days_overdue, r.meeting_date, r.number))
    pending = sorted((r for r in rows if not r.overdue),
                     key=lambda r: (r.due_date or date.max, r.meeting_date, r.number))

    def lines(items: list, start: int = 1) -> list[list[str]]:
        return [[num(i), text(r.text), text(r.owner), jdate(r.due_date),
                 num(r.days_overdue) if r.overdue else DASH,
                 label(RESOLUTION_STATUSES, r.status),
                 f"{text(r.meeting_title)} ({jdate(r.meeting_date)})"]
                for i, r in enumerate(items, start)]

    story: list = [heading(f"مصوبات باز خوشه {c.title}", 1)]
    story.append(key_value_table([
        ("وضعیت تا تاریخ", jdate(as_of)),
        ("مصوبات باز", num(len(rows))),
        ("سررسیدگذشته", num(len(overdue))),
        ("در مهلت یا بی‌مهلت", num(len(pending))),
    ], label_width="30%"))
    story.append(heading(f"مصوبات سررسیدگذشته ({num(len(overdue))})", 2))
    if overdue:
        story.append(table(HEADER, lines(overdue), WIDTHS, align=ALIGN))
    else:
        story.append(note("هیچ مصوبه‌ای از مهلتش نگذشته است."))
    story.append(heading(f"مصوبات در مهلت ({num(len(pending))})", 2))
    if pending:
        story.append(table(HEADER, lines(pending, len(overdue) + 1), WIDTHS, align=ALIGN))
    else:
        story.append(note("مصوبه بازی در مهلت نیست."))
    publish_report(db, out, story, title=TITLE, subtitle=f"تا {jdate(as_of)}", cluster_name=c.title)
    return out
