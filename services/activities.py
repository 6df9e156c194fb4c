"""Activities with what belongs to them: participants (people, firms) and a meeting's resolutions.

Saving a meeting with its attendees and resolutions is one user action and so one transaction.
The list functions sort, filter and page in SQL so that the activities list stays fast at 100k rows.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypedDict, Unpack

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from models.database import Database
from models.entities import Activity, Cluster, Firm, Participant, Person, Resolution, Setting
from models.fast_query import (
    first_column,
    packed_column_view,
    packed_first_column,
    plain_rows,
    plain_rows_in,
)
from models.vocab import PARTICIPANT_ROLES
from services import records
from services.errors import FieldError, ValidationError
from services.schema import spec
from services.search import fts_match_ids
from services.uow import unit_of_work
from services.validation import clean_record
from services.views import ActivityDetail, ActivityRow, ParticipantView


def _participant_views(activity: Activity) -> tuple[ParticipantView, ...]:
    return tuple(
        ParticipantView(
            id=p.id,
            person_id=p.person_id,
            person_name=p.person.full_name if p.person else None,
            firm_id=p.firm_id,
            firm_name=p.firm.name if p.firm else None,
            role=p.role,
            attended=p.attended,
            hours=p.hours,
            note=p.note,
        )
        for p in activity.participants
        if p.deleted_at is None
    )


def _detail(session: Session, activity: Activity, warnings: tuple[str, ...] = ()) -> ActivityDetail:
    cluster = session.get(Cluster, activity.cluster_id)
    return ActivityDetail(
        activity=records.view_of("activity", activity),
        cluster_name=cluster.name if cluster else "",
        participants=_participant_views(activity),
        resolutions=tuple(
            records.view_of("resolution", r) for r in activity.resolutions if r.deleted_at is None
        ),
        warnings=warnings,
    )


def _set_participants(session: Session, activity: Activity, items: Sequence[Mapping[str, Any]]) -> None:
    errors: list[FieldError] = []
    seen: set[tuple[str | None, str | None]] = set()
    keep: list[Participant] = []
    by_id = {p.id: p for p in activity.participants}
    for position, item in enumerate(items):
        person_id, firm_id = item.get("person_id"), item.get("firm_id")
        role = item.get("role") or ("attendee" if activity.kind == "meeting" else "participant")
        if not person_id and not firm_id:
            errors.append(FieldError("participants", "participant_empty",
                                     "هر شرکت‌کننده باید یک فرد یا یک بنگاه باشد."))
            continue
        if role not in PARTICIPANT_ROLES:
            errors.append(FieldError("participants", "role_invalid", f"نقش «{role}» شناخته نیست."))
            continue
        if (person_id, firm_id) in seen:
            continue  # the same person picked twice: keep one
        seen.add((person_id, firm_id))
        if person_id and (session.get(Person, person_id) is None):
            errors.append(FieldError("participants", "ref_missing", "فرد انتخاب‌شده پیدا نشد."))
            continue
        if firm_id and (session.get(Firm, firm_id) is None):
            errors.append(FieldError("participants", "ref_missing", "بنگاه انتخاب‌شده پیدا نشد."))
            continue
        hours = item.get("hours")
        if hours is not None and float(hours) < 0:
            errors.append(FieldError("participants", "negative", "ساعت حضور نمی‌تواند منفی باشد."))
            continue
        participant = by_id.get(item.get("id") or "") or Participant()
        participant.person_id = person_id
        participant.firm_id = firm_id
        participant.role = role
        participant.attended = bool(item.get("attended", role != "absent"))
        participant.hours = float(hours) if hours is not None else None
        participant.note = item.get("note")
        participant.position = position
        keep.append(participant)
    if errors:
        raise ValidationError(errors)
    activity.participants[:] = keep


def _set_resolutions(session: Session, activity: Activity, items: Sequence[Mapping[str, Any]]) -> None:
    if items and activity.kind != "meeting":
        raise ValidationError([FieldError("resolutions", "not_meeting",
                                          "فقط جلسه‌ها مصوبه دارند.")])
    resolution_spec = spec("resolution")
    by_id = {r.id: r for r in activity.resolutions}
    keep: list[Resolution] = []
    errors: list[FieldError] = []
    for number, item in enumerate(items, start=1):
        data = {k: v for k, v in item.items() if k != "id"}
        data["meeting_id"] = activity.id
        data.setdefault("number", number)
        try:
            values = clean_record(resolution_spec, data, session=None)
        except ValidationError as exc:
            errors += [FieldError(f"resolutions[{number}].{e.field}", e.code,
                                  f"مصوبه {number}: {e.message}") for e in exc.errors]
            continue
        if values.get("owner_person_id") and session.get(Person, values["owner_person_id"]) is None:
            errors.append(FieldError(f"resolutions[{number}].owner_person_id", "ref_missing",
                                     f"مصوبه {number}: مسئول پیگیری پیدا نشد."))
            continue
        resolution = by_id.get(item.get("id") or "") or Resolution()
        for name, value in values.items():
            if value is not None or name in item:
                setattr(resolution, name, value)
        if resolution.status is None:
            resolution.status = "open"
        keep.append(resolution)
    if errors:
        raise ValidationError(errors)
    for resolution in activity.resolutions:
        if resolution not in keep:
            session.delete(resolution)
    activity.resolutions[:] = keep


class ActivitySaveOptions(TypedDict, total=False):
    """save_activity's keyword arguments, the very ones save_activity_in takes."""

    activity_id: str | None
    participants: Sequence[Mapping[str, Any]] | None
    resolutions: Sequence[Mapping[str, Any]] | None
    expected_version: int | None


def save_activity(db: Database, data: Mapping[str, Any],
                  **options: Unpack[ActivitySaveOptions]) -> ActivityDetail:
    """Creates (no id) or updates an activity together with its participants and resolutions.

    `participants` / `resolutions` of None leave the existing ones untouched; a list replaces them
    (items with an `id` are updated in place, so resolution history keeps its identity).
    """
    try:
        with unit_of_work(db) as session:
            return save_activity_in(session, data, **options)
    except StaleDataError:
        raise records.conflict() from None


def save_activity_in(
    session: Session,
    data: Mapping[str, Any],
    *,
    activity_id: str | None = None,
    participants: Sequence[Mapping[str, Any]] | None = None,
    resolutions: Sequence[Mapping[str, Any]] | None = None,
    expected_version: int | None = None,
) -> ActivityDetail:
    """save_activity inside a caller's transaction (the demo loader writes everything in one)."""
    if activity_id is None:
        activity, warnings = records.create_in(session, "activity", data)
    else:
        activity, warnings = records.update_in(session, "activity", activity_id, data,
                                               expected_version=expected_version)
    if participants is not None:
        _set_participants(session, activity, participants)
    if resolutions is not None:
        _set_resolutions(session, activity, resolutions)
    session.flush()
    return _detail(session, activity, warnings)


def get_activity(db: Database, activity_id: str, *, include_deleted: bool = False) -> ActivityDetail:
    with db.session_factory() as session:
        return get_activity_in(session, activity_id, include_deleted=include_deleted)


def get_activity_in(session: Session, activity_id: str, *,
                    include_deleted: bool = False) -> ActivityDetail:
    activity = records.load(session, "activity", activity_id, include_deleted=include_deleted)
    return _detail(session, activity)


@dataclass(frozen=True)
class ActivityFilter:
    kind: str | None = None
    cluster_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    text: str | None = None
    status: str | None = None
    deleted: bool = False
    origin: str | None = None  # the installation that made the record (office view: one agent)


SORT_COLUMNS = {
    "start_date": Activity.start_date,
    "title": Activity.title,
    "kind": Activity.kind,
    "city": Activity.city,
    "status": Activity.status,
}


def _filtered(stmt: Select, session: Session, flt: ActivityFilter) -> Select:
    stmt = stmt.where(Activity.deleted_at.is_not(None) if flt.deleted else Activity.deleted_at.is_(None))
    if flt.kind:
        stmt = stmt.where(Activity.kind == flt.kind)
    if flt.cluster_id:
        stmt = stmt.where(Activity.cluster_id == flt.cluster_id)
    if flt.date_from:
        stmt = stmt.where(Activity.start_date >= flt.date_from)
    if flt.date_to:
        stmt = stmt.where(Activity.start_date <= flt.date_to)
    if flt.status:
        stmt = stmt.where(Activity.status == flt.status)
    if flt.origin:
        stmt = stmt.where(Activity.origin == flt.origin)
    if flt.text and flt.text.strip():
        stmt = stmt.where(Activity.id.in_(fts_match_ids(session, flt.text, kind="activity")))
    return stmt


def _distinct_origins(session: Session, model: type[Cluster] | type[Activity]) -> list[str]:
    """The distinct non-null origins of `model`'s table.

    DISTINCT walks every row's index entry (~10 ms for an office database of 100k activities,
    on every opening of the list); an office has a few agents, so one index seek per origin
    (the smallest origin after the last one) is cheaper. Many origins: one DISTINCT after all.
    """
    found: list[str] = []
    while len(found) <= _SEEK_ORIGINS:
        stmt = select(func.min(model.origin)).where(model.origin.is_not(None))
        if found:
            stmt = stmt.where(model.origin > found[-1])
        value = session.scalar(stmt)
        if value is None:
            return found
        found.append(value)
    return list(session.scalars(
        select(model.origin).where(model.origin.is_not(None)).distinct()))


_SEEK_ORIGINS = 12


def _name_setting(session: Session, key: str) -> str:
    """The name a setting holds, stripped; "" when it is unset, not JSON or not text (a damaged
    or foreign value must not stop the list of origins)."""
    row = session.get(Setting, key)
    try:
        value = json.loads(row.value) if row is not None else ""
    except ValueError:
        return ""
    return value.strip() if isinstance(value, str) else ""


def list_origins(db: Database) -> list[tuple[str, str]]:
    """(origin id, agent display name) of every installation whose records are in the database.

    More than one means an office database that gathered agents' packages. The name is the
    agent name of that installation's clusters (or this installation's own agent name setting);
    failing both, a short form of the installation id.
    """
    from models.database import installation_id_in

    with db.session_factory() as session:
        origins: set[str] = set()
        for model in (Cluster, Activity):
            origins.update(o for o in _distinct_origins(session, model) if o)
        if not origins:
            return []
        names: dict[str, str] = {}
        # The name each agent gave itself in its packages (remembered at import) comes first.
        for origin in origins:
            if sent := _name_setting(session, f"agent_name:{origin}"):
                names[origin] = sent
        for origin, name in session.execute(
                select(Cluster.origin, Cluster.agent_name)
                .where(Cluster.origin.in_(origins), Cluster.agent_name.is_not(None),
                       Cluster.deleted_at.is_(None))
                .order_by(Cluster.created_at, Cluster.id)):
            if name and name.strip() and origin not in names:
                names[origin] = name.strip()
        local = installation_id_in(session)  # (a minted id would be rolled back: read only)
        if local in origins and local not in names:
            if own := _name_setting(session, "agent_name"):
                names[local] = own
    result = [(o, names.get(o) or f"عامل {o[:8]}") for o in origins]
    return sorted(result, key=lambda item: (item[1], item[0]))


def count_activities(db: Database, flt: ActivityFilter) -> int:
    with db.session_factory() as session:
        stmt = _filtered(select(func.count()).select_from(Activity), session, flt)
        found = plain_rows(session, stmt)
        return int(found[0][0] or 0) if found else 0


def _ordered(stmt: Select, sort: str, descending: bool) -> Select:
    column = SORT_COLUMNS.get(sort, Activity.start_date)
    if descending:
        return stmt.order_by(column.desc(), Activity.id.desc())
    return stmt.order_by(column.asc(), Activity.id.asc())


def activity_ids(db: Database, flt: ActivityFilter, *, sort: str = "start_date",
                 descending: bool = True) -> list[str]:
    """Every matching id in display order: the list holds ids and fetches rows as they scroll in.

    Read packed (one SQLite step that releases the GIL) because the list reads them in a thread
    while the GUI paints.
    """
    with db.session_factory() as session:
        stmt = _ordered(_filtered(select(Activity.id), session, flt), sort, descending)
        return packed_first_column(session, stmt)


def activity_id_view(db: Database, flt: ActivityFilter, *, sort: str = "start_date",
                     descending: bool = True) -> Sequence[str]:
    """activity_ids as a read-only sequence that may be the packed text itself (see
    models.fast_query.PackedColumn): for the list model, which keeps it while the list is open."""
    with db.session_factory() as session:
        stmt = _ordered(_filtered(select(Activity.id), session, flt), sort, descending)
        return packed_column_view(session, stmt)


def activity_id_page(db: Database, flt: ActivityFilter, *, sort: str = "start_date",
                     descending: bool = True, offset: int = 0, limit: int = 200) -> list[str]:
    """One page of ids in display order (LIMIT/OFFSET): the first screen without loading all ids."""
    with db.session_factory() as session:
        stmt = _ordered(_filtered(select(Activity.id), session, flt), sort, descending)
        return first_column(session, stmt.offset(max(0, offset)).limit(max(1, limit)))


def _line_columns() -> Select:
    """The columns of a list line. Cluster name and participant count are correlated sub-selects,
    evaluated only for the rows returned: with OFFSET, the skipped rows cost an index step each."""
    cluster_name = select(Cluster.name).where(Cluster.id == Activity.cluster_id).scalar_subquery()
    participants = (select(func.count()).select_from(Participant)
                    .where(Participant.activity_id == Activity.id, Participant.deleted_at.is_(None))
                    .scalar_subquery())
    return select(Activity.id, Activity.kind, Activity.title, cluster_name, Activity.start_date,
                  Activity.end_date, Activity.city, Activity.status, Activity.deleted_at,
                  participants)


def _as_date(value: Any) -> date:
    # Plain DB-API rows: SQLite gives the stored ISO text, other databases a date.
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def _activity_row(r: Sequence[Any]) -> ActivityRow:
    return ActivityRow(id=r[0], kind=r[1], title=r[2], cluster_name=r[3] or "",
                       start_date=_as_date(r[4]), end_date=_as_date(r[5]) if r[5] else None,
                       city=r[6], status=r[7], participants=int(r[9] or 0),
                       deleted=r[8] is not None)


def activity_row_page(db: Database, flt: ActivityFilter, *, sort: str = "start_date",
                      descending: bool = True, offset: int = 0,
                      limit: int = 200) -> list[ActivityRow]:
    """One page of list lines in display order, in one indexed LIMIT/OFFSET query.

    The first screen of the list comes from here (no id list needed before the first paint).
    """
    with db.session_factory() as session:
        stmt = _ordered(_filtered(_line_columns(), session, flt), sort, descending)
        found = plain_rows(session, stmt.offset(max(0, offset)).limit(max(1, limit)))
        return [_activity_row(r) for r in found]


def _lines_of(ids: list[Any]) -> Select:
    return _line_columns().where(Activity.id.in_(ids))


def activity_rows(db: Database, ids: Sequence[str]) -> list[ActivityRow]:
    """The list lines for `ids`, in the same order: one query by primary key, bound parameters
    (every scroll landing of the list reads a page through here)."""
    if not ids:
        return []
    with db.session_factory() as session:
        found = plain_rows_in(session, "activity_lines", _lines_of, ids)
    by_id = {r[0]: r for r in found}
    return [_activity_row(by_id[i]) for i in ids if i in by_id]


def cluster_choices(db: Database) -> list[tuple[str, str]]:
    """(id, name) of every cluster in the trash-free list, in the order of the cluster list
    (programme start, then id): the filter combos need two columns, not whole records."""
    with db.session_factory() as session:
        stmt = (select(Cluster.id, Cluster.name).where(Cluster.deleted_at.is_(None))
                .order_by(Cluster.programme_start, Cluster.id))
        return [(r[0], str(r[1] or "")) for r in plain_rows(session, stmt)]


def list_activities(db: Database, flt: ActivityFilter, *, limit: int = 1000) -> list[ActivityRow]:
    ids = activity_ids(db, flt)[:limit]
    return activity_rows(db, ids)


def load_with_children(session: Session, activity_ids: Sequence[str]) -> list[Activity]:
    """For reports: activities with participants and resolutions loaded in bulk (no N+1)."""
    stmt = (
        select(Activity)
        .where(Activity.id.in_(activity_ids))
        .options(selectinload(Activity.participants).selectinload(Participant.person),
                 selectinload(Activity.participants).selectinload(Participant.firm),
                 selectinload(Activity.resolutions))
    )
    return list(session.scalars(stmt))
