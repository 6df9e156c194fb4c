"""The dashboard's figures as plain parameterised SQL, written once for two ways of running it.

``services.stats`` and ``services.periods`` run these texts through SQLAlchemy (any database the
app opens, PostgreSQL included); ``models.quick_reader`` runs the very same texts on a read-only
sqlite3 connection, so that the app's start page shows its data before SQLAlchemy and the ORM
mapping are imported (~250 ms of the start-up). What turns rows into figures is here too
(``cluster_summary``, ``upcoming_activities``, …), each taking a ``Run``: the caller's way of
executing one ``Query`` with its bound parameters. So there is one copy of the SQL and of the
arithmetic, and tests compare both runners' answers.

No SQLAlchemy and no Qt here; values only ever reach the SQL as bound parameters. The SQL keeps
the shape the ORM queries had, because their index choices were measured (see the comments).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from persian.jalali import to_jalali, year_period


@dataclass(frozen=True)
class Query:
    """One SQL text and which of its parameters are dates (bound as the database stores them)."""

    sql: str
    dates: tuple[str, ...] = ()


Rows = Sequence[Sequence[Any]]
# Executes a query with its parameters (dates as `date`) and returns every row.
Run = Callable[[Query, Mapping[str, Any]], Rows]

# Resolution statuses still to be followed up (services.followup.OPEN_STATUSES; a test keeps
# them equal). Written into the SQL below as constants, not formatted in.
OPEN_STATUSES = ("open", "in_progress")

# Only cluster, date and liveness go into WHERE: with an equality on `kind` as well, SQLite
# (no ANALYZE statistics) prefers ix_activity_kind_start and walks that kind's activities of
# EVERY cluster over the period, so the same report got slower as the database grew. Per-kind
# figures are therefore counted with CASE over the cluster's own rows (ix_activity_cluster_start).
_DONE_IN_PERIOD = (
    " activity.cluster_id = :cluster_id AND activity.deleted_at IS NULL"
    " AND activity.status != 'cancelled' AND activity.start_date BETWEEN :start AND :end"
    " AND activity.status = 'done'")
_ATTENDED = ("participant.attended = :yes"
             " AND participant.role IN ('participant', 'attendee')")
_PERIOD = ("start", "end")

# One pass over the cluster's done activities of the period, grouped small.
SUMMARY_BY_KIND = Query(
    "SELECT activity.kind, activity.scope, activity.domain, count(*), sum(activity.hours),"  # noqa: S608
    " sum(activity.cost_total), sum(activity.subsidy_amount), sum(activity.firms_share)"
    " FROM activity WHERE" + _DONE_IN_PERIOD +
    " GROUP BY activity.kind, activity.scope, activity.domain", _PERIOD)

SUMMARY_PARTICIPANTS = Query(
    "SELECT count(CASE WHEN activity.kind = 'training' AND " + _ATTENDED +  # noqa: S608
    " THEN participant.id END),"
    " coalesce(sum(CASE WHEN activity.kind = 'training' AND " + _ATTENDED +
    " THEN coalesce(participant.hours, activity.hours) END), 0),"
    " count(CASE WHEN activity.kind = 'tour' AND " + _ATTENDED + " THEN participant.id END),"
    " count(DISTINCT CASE WHEN activity.kind = 'exhibition' THEN participant.firm_id END)"
    " FROM activity JOIN participant ON participant.activity_id = activity.id"
    " WHERE" + _DONE_IN_PERIOD + " AND participant.deleted_at IS NULL", _PERIOD)

JOINT_ACTIONS_DONE = Query(
    "SELECT count(*) FROM joint_action WHERE joint_action.cluster_id = :cluster_id"
    " AND joint_action.deleted_at IS NULL AND joint_action.status = 'done'"
    " AND joint_action.achieved_on BETWEEN :start AND :end", _PERIOD)

# From the cluster's meetings to their resolutions: `status || ''` keeps SQLite off
# ix_resolution_status_due, which would visit the open resolutions of every cluster.
OPEN_RESOLUTIONS = Query(
    "SELECT count(*), count(CASE WHEN resolution.due_date < :as_of THEN resolution.id END)"
    " FROM activity JOIN resolution ON resolution.meeting_id = activity.id"
    " WHERE activity.cluster_id = :cluster_id AND activity.deleted_at IS NULL"
    " AND resolution.deleted_at IS NULL"
    " AND (resolution.status || '') IN ('open', 'in_progress')", ("as_of",))

MEMBER_FIRMS = Query(
    "SELECT count(*) FROM firm WHERE firm.cluster_id = :cluster_id AND firm.deleted_at IS NULL")

# Counted per day in SQL, so each distinct date is converted to Jalali once.
DONE_PER_DAY = Query(
    "SELECT activity.start_date, count(*) FROM activity WHERE" + _DONE_IN_PERIOD +  # noqa: S608
    " GROUP BY activity.start_date", _PERIOD)

UPCOMING = Query(
    "SELECT activity.id, activity.kind, activity.title, activity.start_date FROM activity"
    " WHERE activity.cluster_id = :cluster_id AND activity.deleted_at IS NULL"
    " AND activity.status = 'planned' AND activity.start_date >= :as_of"
    " ORDER BY activity.start_date LIMIT :limit", ("as_of",))

# Counted over ix_activity_cluster_start alone (an index-only range per live cluster), so
# soft-deleted activities count too: a heuristic for the start page does not need them
# excluded, and excluding them would read every row (seconds at 100k). A count per cluster
# rather than one GROUP BY of the whole index materialized and joined: 7-11 instead of 9-27 ms
# at 100k, and a cluster in the trash costs nothing.
BUSIEST_CLUSTER = Query(
    "SELECT cluster.id FROM cluster WHERE cluster.deleted_at IS NULL ORDER BY"
    " (SELECT count(*) FROM activity WHERE activity.cluster_id = cluster.id) DESC,"
    " cluster.name, cluster.id LIMIT 1")

# The default year (services.periods): two index range reads over (cluster, start_date), not a
# scan — any activity this year, and the latest start before it. With and without a cluster.
_LIVE = "activity.deleted_at IS NULL AND activity.status != 'cancelled'"
ANY_IN_YEAR = Query(
    "SELECT activity.id FROM activity WHERE " + _LIVE + " AND activity.cluster_id = :cluster_id"  # noqa: S608
    " AND activity.start_date BETWEEN :start AND :end LIMIT 1", _PERIOD)
ANY_IN_YEAR_ALL = Query(
    "SELECT activity.id FROM activity WHERE " + _LIVE +  # noqa: S608
    " AND activity.start_date BETWEEN :start AND :end LIMIT 1", _PERIOD)
LATEST_BEFORE = Query(
    "SELECT max(activity.start_date) FROM activity WHERE " + _LIVE +  # noqa: S608
    " AND activity.cluster_id = :cluster_id AND activity.start_date < :start", ("start",))
LATEST_BEFORE_ALL = Query(
    "SELECT max(activity.start_date) FROM activity WHERE " + _LIVE +  # noqa: S608
    " AND activity.start_date < :start", ("start",))

# The live clusters as services.records.list_records(db, "cluster") lists them (by programme
# start, then id; a test compares the two), with what the dashboard's year list needs.
CLUSTERS = Query(
    "SELECT cluster.id, cluster.name, cluster.programme_start, cluster.programme_end"
    " FROM cluster WHERE cluster.deleted_at IS NULL"
    " ORDER BY cluster.programme_start, cluster.id")


def today() -> date:
    """Today in UTC, as services.followup.today (the dashboard's "as of")."""
    return datetime.now(UTC).date()


def as_date(value: date | str | None) -> date | None:
    """A date column's value: SQLite hands raw SQL its stored ISO text, other drivers a date."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


@dataclass(frozen=True)
class ClusterSummary:
    cluster_id: str
    start: date
    end: date
    meetings: int = 0
    trainings: int = 0
    training_hours: float = 0.0
    training_participants: int = 0
    person_hours: float = 0.0
    tours: int = 0
    tour_participants: int = 0
    exhibitions: int = 0
    exhibitions_domestic: int = 0
    exhibitions_international: int = 0
    exhibition_firms: int = 0
    other_activities: int = 0
    joint_actions_done: int = 0
    open_resolutions: int = 0
    overdue_resolutions: int = 0
    member_firms: int = 0
    cost_total: int = 0
    subsidy_total: int = 0
    firms_share_total: int = 0
    # (jalali year, month) -> number of activities, for the chart
    per_month: dict[tuple[int, int], int] = field(default_factory=dict)
    hours_by_domain: dict[str, float] = field(default_factory=dict)


def cluster_summary(run: Run, cluster_id: str, start: date, end: date,
                    as_of: date) -> ClusterSummary:
    """Every headline figure of one cluster between `start` and `end` (inclusive)."""
    period = {"cluster_id": cluster_id, "start": start, "end": end}
    by_kind: dict[str, int] = {}
    scopes: dict[str | None, int] = {}
    hours_by_domain: dict[str, float] = {}
    training_hours = 0.0
    costs = [0, 0, 0]
    for kind, scope, domain, n, hours, cost, subsidy, share in run(SUMMARY_BY_KIND, period):
        by_kind[kind] = by_kind.get(kind, 0) + n
        if kind == "exhibition":
            scopes[scope] = scopes.get(scope, 0) + n
        if kind == "training":
            training_hours += float(hours or 0)
            key = domain or "other"
            hours_by_domain[key] = hours_by_domain.get(key, 0.0) + float(hours or 0)
        costs = [costs[0] + int(cost or 0), costs[1] + int(subsidy or 0),
                 costs[2] + int(share or 0)]
    trainees, person_hours, tour_participants, exhibition_firms = run(
        SUMMARY_PARTICIPANTS, {**period, "yes": True})[0]
    joint_done = run(JOINT_ACTIONS_DONE, period)[0][0] or 0
    open_resolutions, overdue = run(OPEN_RESOLUTIONS,
                                    {"cluster_id": cluster_id, "as_of": as_of})[0]
    firms = run(MEMBER_FIRMS, {"cluster_id": cluster_id})[0][0] or 0
    per_month: dict[tuple[int, int], int] = {}
    for start_date, n in run(DONE_PER_DAY, period):
        y, m, _ = to_jalali(as_date(start_date))
        per_month[(y, m)] = per_month.get((y, m), 0) + n
    return ClusterSummary(
        cluster_id=cluster_id, start=start, end=end,
        meetings=by_kind.get("meeting", 0), trainings=by_kind.get("training", 0),
        training_hours=float(training_hours), training_participants=int(trainees or 0),
        person_hours=float(person_hours or 0), tours=by_kind.get("tour", 0),
        tour_participants=int(tour_participants or 0), exhibitions=by_kind.get("exhibition", 0),
        exhibitions_domestic=scopes.get("domestic", 0),
        exhibitions_international=scopes.get("international", 0),
        exhibition_firms=int(exhibition_firms or 0), other_activities=by_kind.get("other", 0),
        joint_actions_done=int(joint_done), open_resolutions=int(open_resolutions or 0),
        overdue_resolutions=int(overdue or 0), member_firms=int(firms),
        cost_total=costs[0], subsidy_total=costs[1], firms_share_total=costs[2],
        per_month=per_month, hours_by_domain=hours_by_domain,
    )


def upcoming_activities(run: Run, cluster_id: str, as_of: date,
                        limit: int = 10) -> list[tuple[str, str, str, date]]:
    """(id, kind, title, date) of planned activities from `as_of` on."""
    rows = run(UPCOMING, {"cluster_id": cluster_id, "as_of": as_of, "limit": limit})
    return [(rid, kind, title, as_date(start)) for rid, kind, title, start in rows]


def busiest_cluster_id(run: Run) -> str | None:
    """The live cluster with the most activities: where a first start opens."""
    rows = run(BUSIEST_CLUSTER, {})
    return rows[0][0] if rows else None


@dataclass(frozen=True)
class DefaultYear:
    year: int  # the Jalali year to open on
    current: int  # today's Jalali year

    @property
    def is_current(self) -> bool:
        return self.year == self.current


def default_year(run: Run, cluster_id: str | None, as_of: date) -> DefaultYear:
    """The Jalali year a page opens on for ``cluster_id`` (or all clusters when None): the
    current one when it holds activities, else the latest year that does."""
    current = to_jalali(as_of)[0]
    this_year = year_period(current)
    params: dict[str, Any] = {"start": this_year.start, "end": this_year.end}
    if cluster_id is not None:
        params["cluster_id"] = cluster_id
    in_year = run(ANY_IN_YEAR if cluster_id is not None else ANY_IN_YEAR_ALL, params)
    if in_year:
        return DefaultYear(current, current)
    del params["end"]
    latest = run(LATEST_BEFORE if cluster_id is not None else LATEST_BEFORE_ALL, params)
    latest_date = as_date(latest[0][0]) if latest else None
    if latest_date is None:
        return DefaultYear(current, current)
    return DefaultYear(to_jalali(latest_date)[0], current)


@dataclass(frozen=True)
class ClusterRow:
    id: str
    name: str
    programme_start: date | None
    programme_end: date | None


def live_clusters(run: Run) -> list[ClusterRow]:
    """The live clusters in the order the cluster lists show them."""
    return [ClusterRow(cid, str(name or ""), as_date(start), as_date(end))
            for cid, name, start, end in run(CLUSTERS, {})]
