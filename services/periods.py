"""The period a page opens on: one rule for the dashboard, the reports and every other page.

Issue 11 item 4: the dashboard opened on 1404 (its programme's last year) while the reports
opened on 1405 (today's year). Now every page asks ``default_year``: the current Jalali year
when it holds activities, else the latest year that does (a finished programme, or the first
weeks of a new year), and the caller says on screen when it is not the current year.
"""

from __future__ import annotations

from datetime import date

from models import figures
from models.database import Database
from models.figures import DefaultYear
from services.followup import today
from services.stats import run_on

__all__ = ["DefaultYear", "default_year"]


def default_year(db: Database, cluster_id: str | None = None, *,
                 as_of: date | None = None) -> DefaultYear:
    """The Jalali year a page opens on for ``cluster_id`` (or all clusters when None).

    Its SQL is ``models.figures``' (the app's first start-up fill runs it on plain sqlite3)."""
    with db.session_factory() as session:
        return figures.default_year(run_on(session), cluster_id, as_of or today())
