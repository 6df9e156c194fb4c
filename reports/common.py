"""What every report shares: Persian numbers and dates, vocab labels, the letterhead, lookups.

Reports read the database only through services (and, for bulk loads, the ORM inside one
session); nothing here knows about Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from models.database import Database
from models.entities import Activity, Cluster
from models.vocab import ACTIVITY_KINDS
from persian.digits import fa_number
from persian.jalali import format_jalali, format_jalali_datetime
from services.errors import ServiceError


class ReportError(ServiceError):
    """A report cannot be built from what was asked (unknown cluster, wrong meeting id…)."""

    code = "report"


DASH = "—"


def num(value: int | float | None, *, decimals: int | None = None) -> str:
    """A figure in Persian digits with ٬ grouping; None → '—'; 12.0 → '۱۲'."""
    if value is None:
        return DASH
    if isinstance(value, float) and decimals is None and value == int(value):
        value = int(value)
    if isinstance(value, float) and decimals is None:
        value = round(value, 1)
    return fa_number(value, decimals=decimals)


def jdate(d: date | None) -> str:
    return format_jalali(d) if d else DASH


def jrange(start: date | None, end: date | None) -> str:
    """'۱۴۰۲/۰۴/۱۰' or '۱۴۰۲/۰۴/۱۰ تا ۱۴۰۲/۰۴/۱۲'."""
    if start is None:
        return DASH
    if end is None or end == start:
        return format_jalali(start)
    return f"{format_jalali(start)} تا {format_jalali(end)}"


def label(vocabulary: Mapping[str, str], code: str | None) -> str:
    if not code:
        return DASH
    return vocabulary.get(code, code)


def text(value: object) -> str:
    """User text for a cell: None/empty → '—'."""
    if value is None:
        return DASH
    s = str(value).strip()
    return s or DASH


@dataclass(frozen=True)
class Letterhead:
    letterhead: str | None
    logo_path: str | None
    organisation: str | None

    def generated(self) -> str:
        stamp = format_jalali_datetime(datetime.now().replace(microsecond=0))
        who = f" — {self.organisation}" if self.organisation else ""
        return f"تهیه‌شده با خوشه در {stamp}{who}"


def letterhead(db: Database) -> Letterhead:
    from services.settings import get_setting

    def clean(v: object) -> str | None:
        return str(v).strip() or None if v else None

    return Letterhead(
        letterhead=clean(get_setting(db, "letterhead")),
        logo_path=clean(get_setting(db, "logo_path")),
        organisation=clean(get_setting(db, "organisation_name")),
    )


def pdf_kwargs(db: Database) -> dict[str, object]:
    """The letterhead/logo/footer arguments of reports.template.build_pdf."""
    head = letterhead(db)
    return {
        "letterhead": head.letterhead or head.organisation,
        "logo_path": head.logo_path,
        "generated_label": head.generated(),
    }


def find_cluster(db: Database, name_or_id: str | None) -> Cluster:
    """The live cluster with this id or name (folded comparison: ي/ی, ك/ک, ZWNJ…)."""
    from persian.fold import name_key

    if not name_or_id or not str(name_or_id).strip():
        raise ReportError("نام خوشه را بدهید (--cluster).")
    wanted = str(name_or_id).strip()
    with db.session_factory() as session:
        clusters = list(session.scalars(select(Cluster).where(Cluster.deleted_at.is_(None))))
        session.expunge_all()
    for c in clusters:
        if c.id == wanted or c.name.strip() == wanted:
            return c
    key = name_key(wanted)
    matches = [c for c in clusters if name_key(c.name) == key]
    if len(matches) == 1:
        return matches[0]
    names = "، ".join(sorted(c.name for c in clusters)[:12]) or "هیچ خوشه‌ای ثبت نشده است"
    raise ReportError(f"خوشه «{wanted}» پیدا نشد. خوشه‌های ثبت‌شده: {names}")


def find_activity(db: Database, activity_id: str | None, kind: str) -> str:
    """Check that ``activity_id`` is a live activity of ``kind``; returns the id."""
    what = {"meeting": "جلسه", "training": "دوره آموزشی"}.get(kind, "فعالیت")
    some = {"meeting": "جلسه‌ای", "training": "دوره آموزشی‌ای"}.get(kind, "فعالیتی")
    option = {"meeting": "--meeting", "training": "--training"}.get(kind, "")
    if not activity_id or not str(activity_id).strip():
        raise ReportError(f"شناسه {what} را بدهید ({option}).")
    wanted = str(activity_id).strip()
    with db.session_factory() as session:
        row = session.execute(
            select(Activity.kind, Activity.deleted_at).where(Activity.id == wanted)
        ).first()
    if row is None or row[1] is not None:
        raise ReportError(f"{some} با شناسه «{wanted}» پیدا نشد.")
    if row[0] != kind:
        got = label(ACTIVITY_KINDS, row[0])
        raise ReportError(f"شناسه «{wanted}» مال یک {got} است، نه {what}؛ شناسه یک {what} را بدهید.")
    return wanted


def ensure_parent(out_path: str | Path) -> Path:
    path = Path(out_path)
    if not path.parent.exists():
        raise ReportError(f"پوشه «{path.parent}» وجود ندارد؛ گزارش ساخته نشد.")
    return path


def table(
    header: list[str],
    rows: list[list[str]],
    percents: list[float],
    *,
    align: list[str] | None = None,
    font_size: float = 8.5,
    row_height: float | None = None,
):  # noqa: ANN201 - reportlab Table
    """An rtl_table whose widths are percentages of the frame (first column on the right)."""
    from reports.tables import rtl_table

    total = sum(percents)
    widths = [f"{p * 100.0 / total:.3f}%" for p in percents]
    return rtl_table(header, rows, widths, align=align, font_size=font_size,
                     row_height=row_height)


def note(message: str):  # noqa: ANN201 - a muted one-line paragraph
    from reports.rtl import RTLParagraph

    return RTLParagraph(message, font_size=9, text_color="#555555", space_after=4)
