"""Figures for the dashboard and the reports: what a cluster did in a period, counted in SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, func, select

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
    return stmt.where(Activity.cluster_id == cluster_id, Activity.deleted_at.is_(None),
                      Activity.status != "cancelled", Activity.start_date.between(start, end))


def cluster_summary(db: Database, cluster_id: str, start: date, end: date,
                    *, as_of: date | None = None) -> ClusterSummary:
    """Every headline figure of one cluster between `start` and `end` (inclusive)."""
    as_of = as_of or today()
    with db.session_factory() as session:
        done = Activity.status == "done"
        by_kind = dict(session.execute(
            _live(select(Activity.kind, func.count()), cluster_id, start, end).where(done)
            .group_by(Activity.kind)).all())
        training_hours = session.scalar(_live(
            select(func.coalesce(func.sum(Activity.hours), 0)), cluster_id, start, end)
            .where(done, Activity.kind == "training")) or 0
        attended = and_(Participant.deleted_at.is_(None), Participant.attended.is_(True),
                        Participant.role.in_(("participant", "attendee")))
        trainees, person_hours = session.execute(_live(
            select(func.count(Participant.id),
                   func.coalesce(func.sum(func.coalesce(Participant.hours, Activity.hours)), 0))
            .select_from(Activity).join(Participant, Participant.activity_id == Activity.id), cluster_id, start, end)
            .where(done, Activity.kind == "training", attended)).one()
        tour_participants = session.scalar(_live(
            select(func.count(Participant.id)).select_from(Activity).join(Participant, Participant.activity_id == Activity.id),
            cluster_id, start, end).where(done, Activity.kind == "tour", attended)) or 0
        scopes = dict(session.execute(_live(
            select(Activity.scope, func.count()), cluster_id, start, end)
            .where(done, Activity.kind == "exhibition").group_by(Activity.scope)).all())
        exhibition_firms = session.scalar(_live(
            select(func.count(func.distinct(Participant.firm_id)))
            .select_from(Activity).join(Participant, Participant.activity_id == Activity.id), cluster_id, start, end)
            .where(done, Activity.kind == "exhibition", Participant.deleted_at.is_(None),
                   Participant.firm_id.is_not(None))) or 0
        costs = session.execute(_live(
            select(func.coalesce(func.sum(Activity.cost_total), 0),
                   func.coalesce(func.sum(Activity.subsidy_amount), 0),
                   func.coalesce(func.sum(Activity.firms_share), 0)), cluster_id, start, end)
            .where(done)).one()
        joint_done = session.scalar(
            select(func.count()).select_from(JointAction).where(
                JointAction.cluster_id == cluster_id, JointAction.deleted_at.is_(None),
                JointAction.status == "done", JointAction.achieved_on.between(start, end))) or 0
        open_q = (select(func.count()).select_from(Resolution)
                  .join(Activity, Activity.id == Resolution.meeting_id)
                  .where(Activity.cluster_id == cluster_id, Activity.deleted_at.is_(None),
                         Resolution.deleted_at.is_(None), Resolution.status.in_(OPEN_STATUSES)))
        open_resolutions = session.scalar(open_q) or 0
        overdue = session.scalar(open_q.where(Resolution.due_date < as_of)) or 0
        firms = session.scalar(select(func.count()).select_from(Firm).where(
            Firm.cluster_id == cluster_id, Firm.deleted_at.is_(None))) or 0
        per_month: dict[tuple[int, int], int] = {}
        for (start_date,) in session.execute(
                _live(select(Activity.start_date), cluster_id, start, end).where(done)):
            y, m, _ = to_jalali(start_date)
            per_month[(y, m)] = per_month.get((y, m), 0) + 1
        hours_by_domain = {
            (d or "other"): float(h or 0) for d, h in session.execute(_live(
                select(Activity.domain, func.sum(Activity.hours)), cluster_id, start, end)
                .where(done, Activity.kind == "training").group_by(Activity.domain))
        }
    return ClusterSummary(
        cluster_id=cluster_id, start=start, end=end,
        meetings=by_kind.get("meeting", 0), trainings=by_kind.get("training", 0),
        training_hours=float(training_hours), training_participants=int(trainees),
        person_hours=float(person_hours), tours=by_kind.get("tour", 0),
        tour_participants=int(tour_participants), exhibitions=by_kind.get("exhibition", 0),
        exhibitions_domestic=scopes.get("domestic", 0),
        exhibitions_international=scopes.get("international", 0),
        exhibition_firms=int(exhibition_firms), other_activities=by_kind.get("other", 0),
        joint_actions_done=int(joint_done), open_resolutions=int(open_resolutions),
        overdue_resolutions=int(overdue), member_firms=int(firms),
        cost_total=int(costs[0]), subsidy_total=int(costs[1]), firms_share_total=int(costs[2]),
        per_month=per_month, hours_by_domain=hours_by_domain,
    )


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
