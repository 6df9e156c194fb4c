"""Figures for the dashboard and the reports: what a cluster did in a period, counted in SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, case, func, select

from models.database import Database
from models.entities import Activity, Cluster, Firm, JointAction, Participant, Resolution
from persian.jalali import to_jalali
from services.followup import OPEN_STATUSES, today


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


def _live(stmt, cluster_id: str, start: date, end: date):  # noqa: ANN001, ANN202 - Select in/out
    # Only cluster, date and liveness go into WHERE: with an equality on `kind` as well, SQLite
    # (no ANALYZE statistics) prefers ix_activity_kind_start and walks that kind's activities of
    # EVERY cluster over the period, so the same report got slower as the database grew.
    # Per-kind figures are therefore counted with CASE over the cluster's own rows
    # (ix_activity_cluster_start).
    return stmt.where(Activity.cluster_id == cluster_id, Activity.deleted_at.is_(None),
                      Activity.status != "cancelled", Activity.start_date.between(start, end))


def _when(condition, value):  # noqa: ANN001, ANN202 - SQL expressions
    return case((condition, value), else_=None)


def cluster_summary(db: Database, cluster_id: str, start: date, end: date,
                    *, as_of: date | None = None) -> ClusterSummary:
    """Every headline figure of one cluster between `start` and `end` (inclusive)."""
    as_of = as_of or today()
    with db.session_factory() as session:
        done = Activity.status == "done"
        training = Activity.kind == "training"
        by_kind: dict[str, int] = {}
        scopes: dict[str | None, int] = {}
        hours_by_domain: dict[str, float] = {}
        training_hours = 0.0
        costs = [0, 0, 0]
        # One pass over the cluster's done activities of the period, grouped small.
        for kind, scope, domain, n, hours, cost, subsidy, share in session.execute(_live(
                select(Activity.kind, Activity.scope, Activity.domain, func.count(),
                       func.sum(Activity.hours), func.sum(Activity.cost_total),
                       func.sum(Activity.subsidy_amount), func.sum(Activity.firms_share)),
                cluster_id, start, end).where(done)
                .group_by(Activity.kind, Activity.scope, Activity.domain)):
            by_kind[kind] = by_kind.get(kind, 0) + n
            if kind == "exhibition":
                scopes[scope] = scopes.get(scope, 0) + n
            if kind == "training":
                training_hours += float(hours or 0)
                key = domain or "other"
                hours_by_domain[key] = hours_by_domain.get(key, 0.0) + float(hours or 0)
            costs = [costs[0] + int(cost or 0), costs[1] + int(subsidy or 0),
                     costs[2] + int(share or 0)]
        attended = and_(Participant.attended.is_(True),
                        Participant.role.in_(("participant", "attendee")))
        trainees, person_hours, tour_participants, exhibition_firms = session.execute(_live(
            select(func.count(_when(training & attended, Participant.id)),
                   func.coalesce(func.sum(_when(
                       training & attended, func.coalesce(Participant.hours, Activity.hours))), 0),
                   func.count(_when((Activity.kind == "tour") & attended, Participant.id)),
                   func.count(func.distinct(_when(Activity.kind == "exhibition",
                                                  Participant.firm_id))))
            .select_from(Activity).join(Participant, Participant.activity_id == Activity.id),
            cluster_id, start, end).where(done, Participant.deleted_at.is_(None))).one()
        joint_done = session.scalar(
            select(func.count()).select_from(JointAction).where(
                JointAction.cluster_id == cluster_id, JointAction.deleted_at.is_(None),
                JointAction.status == "done", JointAction.achieved_on.between(start, end))) or 0
        # From the cluster's meetings to their resolutions: `status || ''` keeps SQLite off
        # ix_resolution_status_due, which would visit the open resolutions of every cluster.
        open_resolutions, overdue = session.execute(
            select(func.count(), func.count(_when(Resolution.due_date < as_of, Resolution.id)))
            .select_from(Activity).join(Resolution, Resolution.meeting_id == Activity.id)
            .where(Activity.cluster_id == cluster_id, Activity.deleted_at.is_(None),
                   Resolution.deleted_at.is_(None),
                   (Resolution.status + "").in_(OPEN_STATUSES))).one()
        firms = session.scalar(select(func.count()).select_from(Firm).where(
            Firm.cluster_id == cluster_id, Firm.deleted_at.is_(None))) or 0
        per_month: dict[tuple[int, int], int] = {}
        # Counted per day in SQL, so each distinct date is converted to Jalali once.
        for start_date, n in session.execute(
                _live(select(Activity.start_date, func.count()), cluster_id, start, end)
                .where(done).group_by(Activity.start_date)):
            y, m, _ = to_jalali(start_date)
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


@dataclass(frozen=True)
class ActivityFigures:
    """What a report table shows of one activity's participants and resolutions."""

    trainees: int = 0  # attended participants/attendees
    person_hours: float = 0.0  # their hours: each one's own, else the activity's
    firms: int = 0  # distinct firms that sent someone
    resolutions: int = 0  # live resolutions (meetings)


def activity_figures(db: Database, cluster_id: str, start: date,
                     end: date) -> dict[str, ActivityFigures]:
    """Per live activity of the cluster starting in [start, end], in two grouped queries.

    The performance report used to load every participant (with person and firm) and every
    resolution as ORM objects to count them: most of its database time.
    """
    attended = and_(Participant.attended.is_(True),
                    Participant.role.in_(("participant", "attendee")))
    in_period = and_(Activity.cluster_id == cluster_id, Activity.deleted_at.is_(None),
                     Activity.start_date.between(start, end))
    figures: dict[str, ActivityFigures] = {}
    with db.session_factory() as session:
        for activity_id, trainees, hours, firms in session.execute(
                select(Participant.activity_id, func.count(_when(attended, Participant.id)),
                       func.coalesce(func.sum(_when(attended, func.coalesce(
                           Participant.hours, Activity.hours, 0))), 0),
                       func.count(func.distinct(Participant.firm_id)))
                .select_from(Activity).join(Participant, Participant.activity_id == Activity.id)
                .where(in_period, Participant.deleted_at.is_(None))
                .group_by(Participant.activity_id)):
            figures[activity_id] = ActivityFigures(int(trainees), float(hours), int(firms))
        for meeting_id, n in session.execute(
                select(Resolution.meeting_id, func.count())
                .select_from(Activity).join(Resolution, Resolution.meeting_id == Activity.id)
                .where(in_period, Resolution.deleted_at.is_(None))
                .group_by(Resolution.meeting_id)):
            old = figures.get(meeting_id, ActivityFigures())
            figures[meeting_id] = ActivityFigures(old.trainees, old.person_hours, old.firms, int(n))
    return figures


def upcoming_activities(db: Database, cluster_id: str, *, as_of: date | None = None,
                        limit: int = 10) -> list[tuple[str, str, str, date]]:
    """(id, kind, title, date) of planned activities from `as_of` on."""
    as_of = as_of or today()
    with db.session_factory() as session:
        rows = session.execute(
            select(Activity.id, Activity.kind, Activity.title, Activity.start_date)
            .where(Activity.cluster_id == cluster_id, Activity.deleted_at.is_(None),
                   Activity.status == "planned", Activity.start_date >= as_of)
            .order_by(Activity.start_date).limit(limit)).all()
    return [tuple(r) for r in rows]


@dataclass(frozen=True)
class ClusterOverview:
    id: str
    name: str
    province: str | None
    city: str | None
    product: str | None
    phase: str | None
    standing: str | None
    firms: int
    activities: int
    trainings: int
    exhibitions: int
    joint_actions_done: int


def province_overview(db: Database, province: str | None = None) -> list[ClusterOverview]:
    """Every cluster (of a province) with headline counts, in one grouped query per figure."""
    with db.session_factory() as session:
        stmt = select(Cluster).where(Cluster.deleted_at.is_(None))
        if province:
            stmt = stmt.where(Cluster.province == province)
        clusters = list(session.scalars(stmt.order_by(Cluster.name)))
        live = and_(Activity.deleted_at.is_(None), Activity.status == "done")
        firms = dict(session.execute(select(Firm.cluster_id, func.count()).where(
            Firm.deleted_at.is_(None)).group_by(Firm.cluster_id)).all())
        acts = {(c, k): n for c, k, n in session.execute(
            select(Activity.cluster_id, Activity.kind, func.count()).where(live)
            .group_by(Activity.cluster_id, Activity.kind))}
        joint = dict(session.execute(select(JointAction.cluster_id, func.count()).where(
            JointAction.deleted_at.is_(None), JointAction.status == "done")
            .group_by(JointAction.cluster_id)).all())
    result = []
    for c in clusters:
        total = sum(n for (cid, _), n in acts.items() if cid == c.id)
        result.append(ClusterOverview(
            id=c.id, name=c.name, province=c.province, city=c.city, product=c.product,
            phase=c.phase, standing=c.standing, firms=firms.get(c.id, 0), activities=total,
            trainings=acts.get((c.id, "training"), 0), exhibitions=acts.get((c.id, "exhibition"), 0),
            joint_actions_done=joint.get(c.id, 0)))
    return result


def busiest_cluster_id(db: Database) -> str | None:
    """The live cluster with the most activities: where a first start opens.

    Counted over ``ix_activity_cluster_start`` alone (an index-only scan, ~100k entries at the
    office scale), so soft-deleted activities count too: a heuristic for the start page does not
    need them excluded, and excluding them would read every row (seconds at 100k).
    """
    with db.session_factory() as session:
        per_cluster = (select(Activity.cluster_id.label("cid"), func.count().label("n"))
                       .group_by(Activity.cluster_id).subquery())
        stmt = (select(Cluster.id)
                .outerjoin(per_cluster, per_cluster.c.cid == Cluster.id)
                .where(Cluster.deleted_at.is_(None))
                .order_by(func.coalesce(per_cluster.c.n, 0).desc(), Cluster.name, Cluster.id)
                .limit(1))
        return session.scalar(stmt)
