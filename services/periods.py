"""The period a page opens on: one rule for the dashboard, the reports and every other page.

Issue 11 item 4: the dashboard opened on 1404 (its programme's last year) while the reports
opened on 1405 (today's year). Now every page asks ``default_year``: the current Jalali year
when it holds activities, else the latest year that does (a finished programme, or the first
weeks of a new year), and the caller says on screen when it is not the current year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from models.database import Database
from models.entities import Activity
from persian.jalali import to_jalali, year_period
from services.followup import today


@dataclass(frozen=True)
class DefaultYear:
    year: int  # the Jalali year to open on
    current: int  # today's Jalali year

    @property
    def is_current(self) -> bool:
        return self.year == self.current


def default_year(db: Database, cluster_id: str | None = None, *,
                 as_of: date | None = None) -> DefaultYear:
    """The Jalali year a page opens on for ``cluster_id`` (or all clusters when None)."""
    current = to_jalali(as_of or today())[0]
    this_year = year_period(current)
    with db.session_factory() as session:
        live = [Activity.deleted_at.is_(None), Activity.status != "cancelled"]
        if cluster_id is not None:
            live.append(Activity.cluster_id == cluster_id)
        # Two index range reads (cluster, start_date), not a scan: any activity this year, and
        # the latest start before it.
        in_year = session.scalar(
            select(Activity.id).where(*live, Activity.start_date.between(
                this_year.start, this_year.end)).limit(1))
        if in_year is not None:
            return DefaultYear(current, current)
        latest = session.scalar(
            select(func.max(Activity.start_date)).where(*live,
                                                        Activity.start_date < this_year.start))
    if latest is None:
        return DefaultYear(current, current)
    return DefaultYear(to_jalali(latest)[0], current)
