"""پیگیری مصوبات: which resolutions are open, which are overdue, and marking progress on them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from models.base import utcnow
from models.database import Database
from models.entities import Activity, Cluster, Person, Resolution
from services import records
from services.uow import unit_of_work
from services.views import RecordView

OPEN_STATUSES = ("open", "in_progress")


@dataclass(frozen=True)
class ResolutionRow:
    id: str
    number: int
    text: str
    owner: str
    due_date: date | None
    status: str
    done_date: date | None
    overdue: bool
    days_overdue: int
    meeting_id: str
    meeting_title: str
    meeting_date: date
    cluster_id: str
    cluster_name: str
    followup_notes: str | None


def today() -> date:
    return utcnow().date()


def list_resolutions(
    db: Database,
    *,
    cluster_id: str | None = None,
    only_open: bool = True,
    only_overdue: bool = False,
    as_of: date | None = None,
) -> list[ResolutionRow]:
    """Resolutions with their meeting, most overdue first; open ones carry over until closed."""
    as_of = as_of or today()
    stmt = (
        select(Resolution, Activity.title, Activity.start_date, Cluster.id, Cluster.name,
               Person.full_name)
        .join(Activity, Activity.id == Resolution.meeting_id)
        .join(Cluster, Cluster.id == Activity.cluster_id)
        .outerjoin(Person, Person.id == Resolution.owner_person_id)
        .where(Resolution.deleted_at.is_(None), Activity.deleted_at.is_(None))
    )
    # For one cluster, start from its meetings (ix_activity_cluster_id, then resolutions by
    # meeting): `status || ''` keeps SQLite off ix_resolution_status_due, which it would
    # otherwise pick and walk the open resolutions of every cluster. Across all clusters that
    # index is the right start.
    status = (Resolution.status + "") if cluster_id else Resolution.status
    if cluster_id:
        stmt = stmt.where(Activity.cluster_id == cluster_id)
    if only_open or only_overdue:
        stmt = stmt.where(status.in_(OPEN_STATUSES))
    if only_overdue:
        stmt = stmt.where(Resolution.due_date < as_of)
    # The meeting and the row id last: resolutions of two meetings held the same day otherwise
    # come in whatever order the query plan yields.
    stmt = stmt.order_by(Resolution.due_date.is_(None), Resolution.due_date, Activity.start_date,
                         Resolution.number, Resolution.meeting_id, Resolution.id)
    rows: list[ResolutionRow] = []
    with db.session_factory() as session:
        for res, meeting_title, meeting_date, cid, cname, owner_name in session.execute(stmt):
            overdue = (res.status in OPEN_STATUSES and res.due_date is not None
                       and res.due_date < as_of)
            rows.append(ResolutionRow(
                id=res.id, number=res.number, text=res.text,
                owner=" / ".join(x for x in (owner_name, res.owner_text) if x),
                due_date=res.due_date, status=res.status, done_date=res.done_date,
                overdue=overdue, days_overdue=(as_of - res.due_date).days if overdue else 0,
                meeting_id=res.meeting_id, meeting_title=meeting_title,
                meeting_date=meeting_date, cluster_id=cid, cluster_name=cname,
                followup_notes=res.followup_notes,
            ))
    return rows


def set_status(db: Database, resolution_id: str, status: str, *, done_date: date | str | None = None,
               note: str | None = None) -> RecordView:
    """Records progress on a resolution; marking it done stamps today unless a date is given."""
    with unit_of_work(db) as session:
        current = records.load(session, "resolution", resolution_id)
        data: dict[str, object] = {"status": status}
        if status == "done":
            data["done_date"] = done_date or current.done_date or today()
        elif done_date is not None:
            data["done_date"] = done_date
        if note:
            previous = current.followup_notes or ""
            data["followup_notes"] = (previous + "\n" + note).strip()
        obj, _ = records.update_in(session, "resolution", resolution_id, data)
        return records.view_of("resolution", obj)
