"""Keeps `search_doc` (and on SQLite its two FTS5 indexes, written here beside it) in step with
the records.

A session hook rewrites the search row of every searchable record that a flush inserted, changed
or deleted, inside the same transaction: the index can never disagree with committed data, and no
service has to remember to update it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, select, text
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
from models.id_lists import JSON_IDS, chunks, json_array
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


class JalaliTexts(dict[date | None, str]):
    """format_jalali of each date, worked out once per batch of search rows (jdatetime's
    conversion was a fifth of an imported record's search row; an import's rows share a few
    hundred dates). One batch only: the digits follow the reader's language at the time."""

    def __missing__(self, day: date | None) -> str:
        text = self[day] = format_jalali(day)
        return text


Describe = Callable[[Session, Any, "Mapping[str, str | None] | None", JalaliTexts], DocFields]


def _activity(_session: Session, obj: Any, _meetings: Mapping[str, str | None] | None,
              jalali: JalaliTexts) -> DocFields:
    detail = _join(ACTIVITY_KINDS.get(obj.kind, obj.kind), jalali[obj.start_date], obj.city)
    body = _join(
        obj.description, obj.place, obj.city, obj.country, obj.agenda, obj.summary,
        obj.instructor, obj.destination, obj.outcomes, obj.booth, obj.evaluation,
    )
    return DocFields("activity", obj.cluster_id, obj.title, detail, obj.start_date, obj.title, body)


def _resolution(session: Session, obj: Any, meeting_clusters: Mapping[str, str | None] | None,
                jalali: JalaliTexts) -> DocFields:
    if meeting_clusters is not None and obj.meeting_id in meeting_clusters:
        cluster_id = meeting_clusters[obj.meeting_id]
    else:
        with session.no_autoflush:
            meeting = session.get(Activity, obj.meeting_id)
        cluster_id = meeting.cluster_id if meeting is not None else None
    due = jalali[obj.due_date]
    detail = _join("مصوبه", RESOLUTION_STATUSES.get(obj.status, obj.status), due and "مهلت " + due)
    return DocFields("resolution", cluster_id, _short(obj.text), detail, obj.due_date,
                     obj.text, _join(obj.owner_text, obj.followup_notes))


def _joint_action(_session: Session, obj: Any, _meetings: Mapping[str, str | None] | None,
                  jalali: JalaliTexts) -> DocFields:
    detail = _join(JOINT_ACTION_CATEGORIES.get(obj.category, obj.category), jalali[obj.achieved_on])
    return DocFields("joint_action", obj.cluster_id, obj.title, detail, obj.achieved_on,
                     obj.title, _join(obj.description, obj.evidence))


def _firm(_session: Session, obj: Any, _meetings: Mapping[str, str | None] | None,
          _jalali: JalaliTexts) -> DocFields:
    return DocFields("firm", obj.cluster_id, obj.name, _join("بنگاه", obj.city), None,
                     obj.name, _join(obj.manager, obj.city, obj.products, obj.national_id,
                                     obj.phone, obj.notes))


def _person(_session: Session, obj: Any, _meetings: Mapping[str, str | None] | None,
            _jalali: JalaliTexts) -> DocFields:
    return DocFields("person", None, obj.full_name, _join("فرد", obj.title), None,
                     obj.full_name, _join(obj.title, obj.phone, obj.email, obj.national_code,
                                          obj.notes))


def _organisation(_session: Session, obj: Any, _meetings: Mapping[str, str | None] | None,
                  _jalali: JalaliTexts) -> DocFields:
    return DocFields("organisation", None, obj.name, _join("نهاد", obj.city), None,
                     obj.name, _join(obj.contact, obj.city, obj.phone, obj.email, obj.notes))


def _cluster(_session: Session, obj: Any, _meetings: Mapping[str, str | None] | None,
             _jalali: JalaliTexts) -> DocFields:
    return DocFields("cluster", obj.id, obj.name, _join("خوشه", obj.province, obj.city),
                     obj.programme_start, obj.name,
                     _join(obj.product, obj.province, obj.county, obj.city, obj.employer,
                           obj.supervisor, obj.agent_name, obj.description))


# Checked in this order (an activity's class is a subclass of Activity).
_DESCRIBE: tuple[tuple[type, Describe], ...] = (
    (Activity, _activity), (Resolution, _resolution), (JointAction, _joint_action),
    (Firm, _firm), (Person, _person), (Organisation, _organisation), (Cluster, _cluster))
_DESCRIBE_BY_CLASS: dict[type, Describe | None] = {}


def _describer(cls: type) -> Describe | None:
    """The search row's maker for records of `cls`, found once per class."""
    try:
        return _DESCRIBE_BY_CLASS[cls]
    except KeyError:
        found = next((d for base, d in _DESCRIBE if issubclass(cls, base)), None)
        _DESCRIBE_BY_CLASS[cls] = found
        return found


def doc_fields(session: Session, obj: object,
               meeting_clusters: Mapping[str, str | None] | None = None,
               model: type | None = None, jalali: JalaliTexts | None = None) -> DocFields | None:
    """The search row of `obj`; `meeting_clusters` (meeting id -> cluster id) saves a resolution
    the lookup of its meeting when the caller read the meetings already. `model` is the record's
    class when `obj` is not an ORM object but any object with its attributes (a bulk insert's
    values), so the caller need not build an ORM object per record only to be indexed; `jalali`
    the batch's dates formatted so far."""
    describe = _describer(model or type(obj))
    if describe is None:
        return None
    return describe(session, obj, meeting_clusters, JalaliTexts() if jalali is None else jalali)


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
    jalali = JalaliTexts()
    for obj in objects:
        describe = _describer(model or type(obj))
        if describe is None:
            continue
        fields = describe(session, obj, meeting_clusters, jalali)
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
    if stale and fts:
        # On SQLite the ids travel as one JSON array (models.id_lists), one statement per
        # table whatever their number: an IN list is rendered and bound value by value, which
        # for an import's 13k search rows cost more than the statements themselves.
        ids = {"ids": json_array(stale)}
        for table in FTS_TABLES:
            connection.execute(text(f"DELETE FROM {table} WHERE rowid IN "  # noqa: S608 - fixed names
                                    f"(SELECT rowid FROM search_doc WHERE record_id IN {JSON_IDS})"),
                               ids)
        connection.execute(text(f"DELETE FROM search_doc WHERE record_id IN {JSON_IDS}"), ids)  # noqa: S608
    else:
        for chunk in chunks(stale):
            connection.execute(delete(SearchDoc).where(SearchDoc.record_id.in_(chunk)))
    if not rows:
        return
    insert_rows(connection, SearchDoc.__table__, rows)
    if fts:
        ids = {"ids": json_array(r["record_id"] for r in rows)}
        connection.execute(text("INSERT INTO search_fts(rowid, title_key, body_key) "  # noqa: S608
                                "SELECT rowid, title_key, body_key FROM search_doc "
                                f"WHERE record_id IN {JSON_IDS}"), ids)
        connection.execute(text("INSERT INTO search_fts_title(rowid, title_key) "  # noqa: S608
                                f"SELECT rowid, title_key FROM search_doc WHERE record_id IN {JSON_IDS}"),
                           ids)


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
