"""The start page's first figures read straight from the SQLite file: no SQLAlchemy, no ORM.

The app paints its window, then has to open the database (SQLAlchemy, the ORM mapping, the
services: ~250 ms of imports) before its start page can show anything. When it is safe —
a SQLite file at the current schema revision whose start-up check is running or has passed
(``models.health.reads_before_open``) — the launcher first reads what the dashboard shows
through this module, on a read-only sqlite3 connection, with the SQL of ``models.figures``
(the same texts ``services.stats`` runs through SQLAlchemy), and opens the full workspace right
after that data is on screen. Anything else takes the usual path.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Mapping
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from models import figures
from models.health import ro_connect
from persian.jalali import year_period


class QuickReader:
    """A read-only sqlite3 connection that runs ``models.figures`` queries (a ``figures.Run``)."""

    def __init__(self, path: Path) -> None:
        self._conn = ro_connect(path)

    def run(self, query: figures.Query, params: Mapping[str, Any]) -> figures.Rows:
        # SQLAlchemy stores a date in SQLite as its ISO text: bind dates the same way.
        bound = {name: value.isoformat() if name in query.dates and isinstance(value, date)
                 else value for name, value in params.items()}
        return self._conn.execute(query.sql, bound).fetchall()

    def close(self) -> None:
        self._conn.close()


@dataclass(frozen=True)
class StartFigures:
    """What the dashboard shows first: its cluster list, the cluster and year it opens on, and
    that cluster's figures and next activities for the year."""

    clusters: list[figures.ClusterRow]
    cluster_id: str | None  # None: the database has no cluster yet
    opening: figures.DefaultYear
    summary: figures.ClusterSummary | None
    upcoming: list[tuple[str, str, str, date]]

    def cluster(self, cluster_id: str | None) -> figures.ClusterRow | None:
        return next((c for c in self.clusters if c.id == cluster_id), None)


def read_start_figures(path: Path, remembered_cluster: str | None, *,
                       as_of: date | None = None) -> StartFigures:
    """The dashboard's first fill, chosen as the launcher and the page choose it: the remembered
    cluster if it is still there, else the busiest one; its default year; that year's figures."""
    as_of = as_of or figures.today()
    with closing(QuickReader(path)) as reader:
        run = reader.run
        clusters = figures.live_clusters(run)
        ids = {c.id for c in clusters}
        cluster_id = remembered_cluster if remembered_cluster in ids else \
            figures.busiest_cluster_id(run)
        if cluster_id is None and clusters:
            cluster_id = clusters[0].id  # what the cluster picker falls back to
        opening = figures.default_year(run, cluster_id, as_of)
        if cluster_id is None:
            return StartFigures(clusters, None, opening, None, [])
        period = year_period(opening.year)
        summary = figures.cluster_summary(run, cluster_id, period.start, period.end, as_of)
        upcoming = figures.upcoming_activities(run, cluster_id, as_of)
    return StartFigures(clusters, cluster_id, opening, summary, upcoming)


class FiguresRead:
    """`read_start_figures` in a thread: SQLite reads without the GIL, so the caller goes on
    (the launcher imports the dashboard's code meanwhile). `result` is None when the file could
    not be read this way; the usual open then says what is wrong with it."""

    def __init__(self, path: Path, remembered_cluster: str | None) -> None:
        self._figures: StartFigures | None = None
        self._thread = threading.Thread(target=self._run, args=(path, remembered_cluster),
                                        name="khooshe-start-figures", daemon=True)
        self._thread.start()

    def _run(self, path: Path, remembered_cluster: str | None) -> None:
        try:
            self._figures = read_start_figures(path, remembered_cluster)
        except (sqlite3.Error, ValueError):
            pass

    def result(self) -> StartFigures | None:
        self._thread.join()
        return self._figures
