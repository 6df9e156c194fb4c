"""Figures for the dashboard and the reports: what a cluster did in a period, counted in SQL."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import Date, TextClause, and_, bindparam, case, func, select, text
from sqlalchemy.orm import Session

from models import figures as shared
from models.database import Database
from models.entities import Activity, Cluster, Firm, JointAction, Participant, Resolution
from models.figures import ClusterSummary
from services.followup import today

__all__ = ["ClusterSummary", "cluster_summary", "upcoming_activities", "busiest_cluster_id",
           "activity_figures", "province_overview", "run_on"]


@lru_cache(maxsize=64)
def _statement(query: shared.Query) -> TextClause:
    # Dates bound through SQLAlchemy's Date type: stored as ISO text in SQLite, dates elsewhere.
    return text(query.sql).bindparams(*(bindparam(name, type_=Date()) for name in query.dates))


def run_on(session: Session) -> shared.Run:
    """Runs the shared SQL of ``models.figures`` on this session (any database)."""
    def run(query: shared.Query, params: Mapping[str, Any]) -> shared.Rows:
        return session.execute(_statement(query), dict(params)).all()
    return run


def _when(condition, value):  # noqa: ANN001, ANN202 - SQL expressions
    return case((condition, value), else_=None)


def cluster_summary(db: Database, cluster_id: str, start: date, end: date,
                    *, as_of: date | None = None) -> ClusterSummary:
    """Every headline figure of one cluster between `start` and `end` (inclusive).

    The SQL and the arithmetic are ``models.figures``' (the app's first start-up fill runs the
    same on plain sqlite3)."""
    with db.session_factory() as session:
        return shared.cluster_summary(run_on(session), cluster_id, start, end,
                                       as_of or today())


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
    with db.session_factory() as session:
        return shared.upcoming_activities(run_on(session), cluster_id, as_of or today(),
                                           limit)


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
    """The live cluster with the most activities: where a first start opens (see
    ``models.figures.BUSIEST_CLUSTER`` for what is counted)."""
    with db.session_factory() as session:
        return shared.busiest_cluster_id(run_on(session))
