"""Create, update, delete (to the trash), restore, get and list for every record kind.

Each public function is one user action and one transaction: it either happens whole or leaves
the database as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from models.base import utcnow
from models.database import Database
from persian.fold import name_key
from services.errors import ConflictError, NotFoundError
from services.schema import SPECS, RecordSpec, spec
from services.uow import unit_of_work
from services.validation import clean_record
from services.views import RecordView, make_view


def view_of(kind: str, obj: Any, warnings: tuple[str, ...] = ()) -> RecordView:
    s = SPECS[kind]
    return make_view(kind, obj, s.field_names + EXTRA_VIEW_FIELDS, s.title_field, warnings)


# Not user-editable, but callers need them: `version` to save with expected_version (two users
# of the office database), `origin` to show or filter by the agent who made the record.
EXTRA_VIEW_FIELDS = ("version", "origin")

CONFLICT_MESSAGE = "این رکورد هم‌زمان توسط کاربر دیگری تغییر کرده است؛ آن را دوباره باز کنید."


def conflict() -> ConflictError:
    return ConflictError(CONFLICT_MESSAGE)


def load(session: Session, kind: str, record_id: str, *, include_deleted: bool = False) -> Any:
    model = spec(kind).model
    obj = session.get(model, record_id)
    if obj is None or (obj.deleted_at is not None and not include_deleted):
        raise NotFoundError(f"{spec(kind).label} موردنظر پیدا نشد؛ شاید حذف شده باشد.")
    return obj


def near_duplicate_names(session: Session, record_spec: RecordSpec, name: str | None,
                         exclude_id: str | None = None) -> tuple[str, ...]:
    """Existing names that read the same once folded (علي رضايي / علی رضایی): likely duplicates."""
    if not name or record_spec.name_field is None:
        return ()
    model = record_spec.model
    column = getattr(model, record_spec.name_field)
    key = name_key(name)
    if not key:
        return ()
    # Narrow in SQL by length class, then compare folded keys in Python (folding is not SQL).
    rows = session.execute(
        select(model.id, column).where(model.deleted_at.is_(None),
                                       func.length(column).between(len(name) - 4, len(name) + 4))
    ).all()
    return tuple(sorted({
        str(other) for rid, other in rows
        if rid != exclude_id and name_key(other) == key and other.strip() != name.strip()
    }))


def duplicate_warnings(session: Session, record_spec: RecordSpec, name: str | None,
                       exclude_id: str | None = None) -> tuple[str, ...]:
    return tuple(
        f"نامی بسیار شبیه «{other}» از قبل ثبت شده است؛ اگر همان است، از ثبت تکراری بپرهیزید."
        for other in near_duplicate_names(session, record_spec, name, exclude_id)
    )


def create_in(session: Session, kind: str, data: Mapping[str, Any]) -> tuple[Any, tuple[str, ...]]:
    s = spec(kind)
    activity_kind = data.get("kind") if kind == "activity" else None
    values = clean_record(s, data, session=session, activity_kind=activity_kind)
    model = s.model
    if kind == "activity":
        from models.entities import ACTIVITY_CLASSES

        model = ACTIVITY_CLASSES[values["kind"]]
    # Leave unset what is empty, so that column defaults (status and the like) apply.
    obj = model(**{k: v for k, v in values.items() if v is not None})
    session.add(obj)
    session.flush()
    warnings = duplicate_warnings(session, s, values.get(s.name_field or ""), obj.id)
    return obj, warnings


def update_in(session: Session, kind: str, record_id: str, data: Mapping[str, Any],
              *, expected_version: int | None = None) -> tuple[Any, tuple[str, ...]]:
    s = spec(kind)
    obj = load(session, kind, record_id)
    if expected_version is not None and obj.version != expected_version:
        raise conflict()
    existing = {name: getattr(obj, name) for name in s.field_names}
    if kind == "activity" and "kind" in data and data["kind"] != obj.kind:
        from services.errors import FieldError, ValidationError

        raise ValidationError([FieldError("kind", "kind_change",
                                          "نوع فعالیت پس از ثبت تغییر نمی‌کند؛ فعالیت تازه‌ای ثبت کنید.")])
    activity_kind = obj.kind if kind == "activity" else None
    values = clean_record(s, data, session=session, existing=existing, activity_kind=activity_kind)
    for name in data:
        setattr(obj, name, values.get(name))
    try:
        session.flush()
    except StaleDataError:
        raise conflict() from None
    warnings = ()
    if s.name_field and s.name_field in data:
        warnings = duplicate_warnings(session, s, values.get(s.name_field), obj.id)
    return obj, warnings


def create(db: Database, kind: str, data: Mapping[str, Any]) -> RecordView:
    with unit_of_work(db) as session:
        obj, warnings = create_in(session, kind, data)
        return view_of(kind, obj, warnings)


def update(db: Database, kind: str, record_id: str, data: Mapping[str, Any],
           *, expected_version: int | None = None) -> RecordView:
    """Saves changed fields. With `expected_version` (the `version` the form loaded) a record
    changed by someone else meanwhile is refused with ConflictError instead of overwritten."""
    try:
        with unit_of_work(db) as session:
            obj, warnings = update_in(session, kind, record_id, data,
                                      expected_version=expected_version)
            return view_of(kind, obj, warnings)
    except StaleDataError:
        raise conflict() from None


def get(db: Database, kind: str, record_id: str, *, include_deleted: bool = False) -> RecordView:
    with db.session_factory() as session:
        return view_of(kind, load(session, kind, record_id, include_deleted=include_deleted))


def delete(db: Database, kind: str, record_id: str, *, expected_version: int | None = None) -> None:
    """Moves a record to the trash; `restore` brings it back unchanged."""
    try:
        with unit_of_work(db) as session:
            obj = load(session, kind, record_id)
            if expected_version is not None and obj.version != expected_version:
                raise conflict()
            obj.deleted_at = utcnow()
    except StaleDataError:
        raise conflict() from None


def restore(db: Database, kind: str, record_id: str) -> RecordView:
    try:
        with unit_of_work(db) as session:
            obj = load(session, kind, record_id, include_deleted=True)
            obj.deleted_at = None
            session.flush()
            return view_of(kind, obj)
    except StaleDataError:
        raise conflict() from None


def list_records_in(
    session: Session,
    kind: str,
    *,
    cluster_id: str | None = None,
    include_deleted: bool = False,
    limit: int | None = None,
    offset: int = 0,
    where: Mapping[str, Any] | None = None,
) -> list[RecordView]:
    s = spec(kind)
    model = s.model
    stmt = select(model)
    if not include_deleted:
        stmt = stmt.where(model.deleted_at.is_(None))
    if cluster_id is not None and s.cluster_field:
        stmt = stmt.where(getattr(model, s.cluster_field) == cluster_id)
    for name, value in (where or {}).items():
        if name not in s.field_names and name != "origin":
            raise ValueError(f"unknown field {name}")
        stmt = stmt.where(getattr(model, name) == value)
    order = getattr(model, s.date_field) if s.date_field else getattr(model, s.title_field)
    stmt = stmt.order_by(order, model.id).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [view_of(kind, obj) for obj in session.scalars(stmt)]


def list_records(db: Database, kind: str, **options: Any) -> list[RecordView]:
    """The records of `kind`, in one read; the options are list_records_in's."""
    with db.session_factory() as session:
        return list_records_in(session, kind, **options)


def count_records(db: Database, kind: str, *, cluster_id: str | None = None) -> int:
    s = spec(kind)
    model = s.model
    stmt = select(func.count()).select_from(model).where(model.deleted_at.is_(None))
    if cluster_id is not None and s.cluster_field:
        stmt = stmt.where(getattr(model, s.cluster_field) == cluster_id)
    with db.session_factory() as session:
        return int(session.scalar(stmt) or 0)


def check_name(db: Database, kind: str, name: str, exclude_id: str | None = None) -> tuple[str, ...]:
    """Near-duplicate warnings for a name being typed, before saving."""
    with db.session_factory() as session:
        return duplicate_warnings(session, spec(kind), name, exclude_id)
