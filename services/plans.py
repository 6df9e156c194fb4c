"""برنامه اقدام: each line's target against what the records say was done.

Where a line names a countable metric (trainings held, person-hours, exhibitions…), the actual is
counted from the activities of its cluster within its period; otherwise the typed-in actual is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from models.database import Database
from models.entities import ActionPlanItem, Cluster
from services.stats import ClusterSummary, cluster_summary

FAR_PAST = date(1900, 1, 1)
FAR_FUTURE = date(2200, 1, 1)


def metric_value(summary: ClusterSummary, metric: str) -> float | None:
    values = {
        "meetings_held": summary.meetings,
        "trainings_held": summary.trainings,
        "training_hours": summary.training_hours,
        "training_person_hours": summary.person_hours,
        "training_participants": summary.training_participants,
        "tours_held": summary.tours,
        "exhibitions_attended": summary.exhibitions,
        "international_exhibitions": summary.exhibitions_international,
        "joint_actions_done": summary.joint_actions_done,
        "member_firms": summary.member_firms,
    }
    value = values.get(metric)
    return float(value) if value is not None else None


@dataclass(frozen=True)
class PlanLine:
    id: str
    action: str
    indicator: str
    metric: str | None
    baseline: float | None
    target: float | None
    actual: float | None
    computed: bool  # True when the actual was counted from the records
    progress: float | None  # actual / target, 0..n
    period_start: date | None
    period_end: date | None
    owner: str | None
    budget: int | None


def plan_vs_actual(db: Database, cluster_id: str, *, start: date | None = None,
                   end: date | None = None) -> list[PlanLine]:
    """The cluster's action plan with actuals; `start`/`end` keep lines overlapping that period."""
    with db.session_factory() as session:
        if session.get(Cluster, cluster_id) is None:
            return []
        stmt = select(ActionPlanItem).where(ActionPlanItem.cluster_id == cluster_id,
                                            ActionPlanItem.deleted_at.is_(None))
        items = list(session.scalars(stmt.order_by(ActionPlanItem.period_start,
                                                   ActionPlanItem.action)))
    lines: list[PlanLine] = []
    summaries: dict[tuple[date, date], ClusterSummary] = {}
    for item in items:
        p_start = item.period_start or FAR_PAST
        p_end = item.period_end or FAR_FUTURE
        if start and p_end < start or end and p_start > end:
            continue
        actual, computed = item.manual_actual, False
        if item.metric:
            key = (p_start, p_end)
            if key not in summaries:
                summaries[key] = cluster_summary(db, cluster_id, p_start, p_end)
            counted = metric_value(summaries[key], item.metric)
            if counted is not None:
                actual, computed = counted, True
        progress = (actual / item.target) if (actual is not None and item.target) else None
        lines.append(PlanLine(
            id=item.id, action=item.action, indicator=item.indicator, metric=item.metric,
            baseline=item.baseline, target=item.target, actual=actual, computed=computed,
            progress=progress, period_start=item.period_start, period_end=item.period_end,
            owner=item.owner, budget=item.budget))
    return lines
