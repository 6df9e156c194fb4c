"""Keeps `search_doc` (and through its triggers the FTS5 index) in step with the records.

A session hook rewrites the search row of every searchable record that a flush inserted, changed
or deleted, inside the same transaction: the index can never disagree with committed data, and no
service has to remember to update it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, delete, select, text
from sqlalchemy.orm import Session

from models.bulk import insert_rows
from models.entities import (
    Activity,
    Cluster,
    Firm,
    JointAction,
    Organisation,
    Person,
    Resolution,
    SearchDoc,
)
from models.vocab import ACTIVITY_KINDS, JOINT_ACTION_CATEGORIES, RESOLUTION_STATUSES
from persian.fold import index_text
from persian.jalali import format_jalali

SEARCHABLE = (Cluster, Firm, Organisation, Person, Activity, Resolution, JointAction)

# SQLite's FTS5 indexes over search_doc, sharing its rowids: title and body keys (migration
# 0001), titles alone (0004, so the newest title hits cost no more than the newest hits).
FTS_TABLES = ("search_fts", "search_fts_title")


@dataclass(frozen=True)
class DocFields:
    kind: str
    cluster_id: str | None
    display_title: str
    display_detail: str
    sort_date: date | None
    title_text: str
    body_text: str


def _join(*parts: object) -> str:
    return " ".join(str(p) for p in parts if p not in (None, ""))


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def doc_fields(session: Session, obj: object,
               meeting_clusters: Mapping[str, str | None] | None = None,
               model: type | None = None) -> DocFields | None:
    """The search row of `obj`; `meeting_clusters` (meeting id -> cluster id) saves a resolution
    the lookup of its meeting when the caller read the meetings already. `model` is the record's
    class when `obj` is not an ORM object but any object with its attributes (a bulk insert's
    values), so the caller need not build an ORM object per record only to be indexed."""
    cls = model or type(obj)
    if issubclass(cls, Activity):
        detail = _join(ACTIVITY_KINDS.get(obj.kind, obj.kind), format_jalali(obj.start_date), obj.city)
        body = _join(
            obj.description, obj.place, obj.city, obj.country, obj.agenda, obj.summary,
            obj.instructor, obj.destination, obj.outcomes, obj.booth, obj.evaluation,
        )
        return DocFields("activity", obj.cluster_id, obj.title, detail, obj.start_date, obj.title, body)
    if issubclass(cls, Resolution):
        if meeting_clusters is not None and obj.meeting_id in meeting_clusters:
            cluster_id = meeting_clusters[obj.meeting_id]
        else:
            with session.no_autoflush:
                meeting = session.get(Activity, obj.meeting_id)
            cluster_id = meeting.cluster_id if meeting is not None else None
        detail = _join("مصوبه", RESOLUTION_STATUSES.get(obj.status, obj.status),
                       format_jalali(obj.due_date) and "مهلت " + format_jalali(obj.due_date))
        return DocFields("resolution", cluster_id, _short(obj.text), detail, obj.due_date,
                         obj.text, _join(obj.owner_text, obj.followup_notes))
    if issubclass(cls, JointAction):
        detail = _join(JOINT_ACTION_CATEGORIES.get(obj.category, obj.category),
                       format_jalali(obj.achieved_on))
        return DocFields("joint_action", obj.cluster_id, obj.title, detail, obj.achieved_on,
                         obj.title, _join(obj.description, obj.evidence))
    if issubclass(cls, Firm):
        return DocFields("firm", obj.cluster_id, obj.name, _join("بنگاه", obj.city), None,
                         obj.name, _join(obj.manager, obj.city, obj.products, obj.national_id,
                                         obj.phone, obj.notes))
    if issubclass(cls, Person):
        return DocFields("person", None, obj.full_name, _join("فرد", obj.title), None,
                         obj.full_name, _join(obj.title, obj.phone, obj.email, obj.national_code,
                                              obj.notes))
    if issubclass(cls, Organisation):
        return DocFields("organisation", None, obj.name, _join("نهاد", obj.city), None,
                         obj.name, _join(obj.contact, obj.city, obj.phone, obj.email, obj.notes))
    if issubclass(cls, Cluster):
        return DocFields("cluster", obj.id, obj.name, _join("خوشه", obj.province, obj.city),
                         obj.programme_start, obj.name,
                         _join(obj.product, obj.province, obj.county, obj.city, obj.employer,
                               obj.supervisor, obj.agent_name, obj.description))
    return None


def index_inserted(session: Session, objects: Iterable[object], *,
                   meeting_clusters: Mapping[str, str | None] | None = None,
                   model: type | None = None) -> None:
    """Writes the search rows of records inserted without the ORM (the exchange import's bulk
    INSERTs, which the flush hook never sees): the same rows the hook or `rebuild` would write.

    `objects` are transient ORM objects carrying the inserted values, or, with `model` (their
    class, e.g. Activity for every kind of activity), any objects with those attributes;
    `meeting_clusters` maps the meetings of new resolutions to their clusters (read by the
    caller in one query per chunk instead of one lookup per resolution).
    """
    _sync(session, objects, [], meeting_clusters, model)


def _sync(session: Session, objects: Iterable[object], removed: Iterable[object],
          meeting_clusters: Mapping[str, str | None] | None = None,
          model: type | None = None) -> None:
    connection = session.connection()
    fts = connection.dialect.name == "sqlite"
    rows = []
    for obj in objects:
        fields = doc_fields(session, obj, meeting_clusters, model)
        if fields is None:
            continue
        rows.append(
            {
                "record_id": obj.id,
                "kind": fields.kind,
                "cluster_id": fields.cluster_id,
                "display_title": fields.display_title,
                "display_detail": fields.display_detail,
                "sort_date": fields.sort_date,
                "title_key": index_text(fields.title_text or ""),
                "body_key": index_text(fields.body_text or ""),
                "deleted": obj.deleted_at is not None,
            }
        )
    stale = [obj.id for obj in removed if isinstance(obj, SEARCHABLE)] + [r["record_id"] for r in rows]
    for chunk in _chunks(stale):
        if fts:
            for table in FTS_TABLES:
                connection.execute(
                    text(f"DELETE FROM {table} WHERE rowid IN "  # noqa: S608 - fixed names
                         "(SELECT rowid FROM search_doc WHERE record_id IN :ids)").bindparams(
                        bindparam("ids", expanding=True)),
                    {"ids": chunk},
                )
        connection.execute(delete(SearchDoc).where(SearchDoc.record_id.in_(chunk)))
    if not rows:
        return
    insert_rows(connection, SearchDoc.__table__, rows)
    if fts:
        for chunk in _chunks([r["record_id"] for r in rows]):
            connection.execute(
                text("INSERT INTO search_fts(rowid, title_key, body_key) "
                     "SELECT rowid, title_key, body_key FROM search_doc "
                     "WHERE record_id IN :ids").bindparams(bindparam("ids", expanding=True)),
                {"ids": chunk},
            )
            connection.execute(
                text("INSERT INTO search_fts_title(rowid, title_key) "
                     "SELECT rowid, title_key FROM search_doc "
                     "WHERE record_id IN :ids").bindparams(bindparam("ids", expanding=True)),
                {"ids": chunk},
            )


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    # SQLite caps the number of bound parameters per statement.
    for start in range(0, len(items), size):
        yield items[start : start + size]


def rebuild(session: Session) -> int:
    """Rewrites every search row from the records (after bulk loads that bypassed the hook)."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        for table in FTS_TABLES:
            connection.execute(text(f"DELETE FROM {table}"))  # noqa: S608 - fixed names
    connection.execute(delete(SearchDoc))
    count = 0
    for model in SEARCHABLE:
        objects = list(session.scalars(select(model)))
        _sync(session, objects, [])
        count += len(objects)
    if connection.dialect.name == "sqlite":
        optimize(session)
    return count


def optimize(session: Session) -> None:
    """Merges each FTS5 index into one segment (SQLite; after bulk writes).

    A bulk load leaves a few dozen segments, and every searched word is looked up in each one:
    merged, a search at 100k records cost about a quarter less. About 1 s at 100k records.
    """
    for table in FTS_TABLES:
        session.connection().execute(
            text(f"INSERT INTO {table}({table}) VALUES('optimize')"))  # noqa: S608 - fixed names


def after_flush(session: Session, _flush_context: object) -> None:
    changed = [o for o in list(session.new) + list(session.dirty) if isinstance(o, SEARCHABLE)]
    changed = [o for o in changed if o not in session.deleted]
    _sync(session, changed, list(session.deleted))


def install(session_factory: object) -> None:
    from sqlalchemy import event

    event.listen(session_factory, "after_flush", after_flush)
