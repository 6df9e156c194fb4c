"""What every report shares: Persian numbers and dates, vocab labels, the letterhead, lookups.

Reports read the database only through services (a few bulk loads still use the ORM inside
one session); nothing here knows about Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from models.database import Database
from persian.digits import fa_number
from persian.jalali import format_jalali, format_jalali_datetime
from services.errors import ServiceError
from services.views import RecordView

T = TypeVar("T")


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


def _looked_up(find: Callable[..., T], *args: object) -> T:
    """``find(*args)`` from services.lookup; a name that fits no record is this report's error."""
    from services.lookup import LookupFailed

    try:
        return find(*args)
    except LookupFailed as exc:
        raise ReportError(exc.message) from exc


def find_cluster(db: Database, name_or_id: str | None) -> RecordView:
    """The live cluster with this id, id prefix or name (folded: ي/ی, ك/ک, ZWNJ…)."""
    from services.lookup import find_cluster as lookup

    return _looked_up(lookup, db, name_or_id)


def find_province(db: Database, province: str | None) -> str:
    """The province as the clusters spell it (folded comparison)."""
    from services.lookup import find_province as lookup

    return _looked_up(lookup, db, province)


def find_activity(db: Database, activity: str | None, kind: str) -> str:
    """The id of the live activity of ``kind`` named by ``activity`` (id, id prefix, date + title)."""
    from services.lookup import find_activity as lookup

    return _looked_up(lookup, db, activity, kind).id


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
    from reports.paragraph import RTLParagraph

    return RTLParagraph(message, font_size=9, text_color="#555555", space_after=4)
