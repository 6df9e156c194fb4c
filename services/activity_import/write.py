"""Writing a checked plan: a verified backup first, then every record in one transaction.

All rows or none: any problem in the file refuses the whole import before the backup; a failure
while writing rolls the transaction back. Rows already in the database were left out by the plan,
so importing the same file twice writes nothing the second time.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from models import search_index
from models.base import new_id, utcnow
from models.database import Database, installation_id_in
from models.entities import ACTIVITY_CLASSES, Activity, Firm, Participant, Person, Resolution
from persian.digits import to_persian_digits
from services import changes
from services.activity_import.plan import Plan, build_plan
from services.activity_import.preview import ImportResult, Preview
from services.activity_import.reader import ColumnMapping, Progress, Workbook
from services.errors import ServiceError
from services.uow import unit_of_work

MAX_LISTED_PROBLEMS = 20
_INSERT_CHUNK = 2000


class ImportRefused(ServiceError):
    """The file has problems; nothing was written. `.preview` lists every one of them."""

    code = "import_refused"

    def __init__(self, preview: Preview) -> None:
        shown = [p.text() for p in preview.problems[:MAX_LISTED_PROBLEMS]]
        more = len(preview.problems) - len(shown)
        if more > 0:
            shown.append(f"و {to_persian_digits(str(more))} ایراد دیگر.")
        super().__init__("فایل ایراد دارد و چیزی وارد نشد؛ این‌ها را در فایل درست کنید و "
                         "دوباره وارد کنید:\n" + "\n".join(shown))
        self.preview = preview


def preview_import(db: Database, workbook: Workbook, mapping: ColumnMapping, *,
                   cluster_id: str | None = None, progress: Progress | None = None) -> Preview:
    """What importing would do, read-only (the dry run and the app's preview step)."""
    with db.session_factory() as session:
        return build_plan(session, workbook, mapping, cluster_id=cluster_id,
                          progress=progress).preview


def _full_rows(model: type, rows: list[dict[str, Any]], origin: str) -> list[dict[str, Any]]:
    """Every column of every row (an executemany needs one set of keys): the values given, a
    column's scalar default where a value is None, and what the ORM stamps on a new record."""
    now = utcnow()
    columns = [(c.name, c.default.arg if c.default is not None and c.default.is_scalar else None)
               for c in model.__table__.columns]
    stamps = {"origin": origin, "version": 1, "created_at": now, "updated_at": now}
    out = []
    for row in rows:
        full = {name: default if row.get(name) is None else row[name] for name, default in columns}
        full.update(stamps)
        out.append(full)
    return out


def _insert(session: Session, model: type, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), _INSERT_CHUNK):
        session.execute(insert(model.__table__), rows[start:start + _INSERT_CHUNK])


def _write(session: Session, plan: Plan, progress: Progress | None) -> None:
    """Inserts the plan's records as one executemany per table, and their search rows.

    Thousands of ORM objects and flushes cost most of a 10k-row import; the rows are plain here,
    so the ORM's work is done by hand: defaults and stamps (`_full_rows`), the search rows by
    models.search_index's own function, and the changes announced as "everything".
    """
    origin = installation_id_in(session)
    directory = plan.directory
    ids: dict[tuple[str, str], str] = {("person", k): v for k, v in directory.people.items()}
    ids.update({("firm", k): v for k, v in directory.firms.items()})
    people, firms = [], []
    for key, name in directory.new_people.items():
        ids[("person", key)] = new_id()
        people.append({"id": ids[("person", key)], "full_name": name})
    for key, (name, cluster_id) in directory.new_firms.items():
        ids[("firm", key)] = new_id()
        firms.append({"id": ids[("firm", key)], "name": name, "cluster_id": cluster_id})
    activities, participants, resolutions = [], [], []
    meeting_clusters: dict[str, str | None] = {}
    for planned in plan.activities:
        activity_id = new_id()
        activities.append({**planned.values, "id": activity_id})
        for position, (ref_kind, key, role) in enumerate(planned.participants):
            ref = ids[(ref_kind, key)]
            participants.append({
                "id": new_id(), "activity_id": activity_id,
                "person_id": ref if ref_kind == "person" else None,
                "firm_id": ref if ref_kind == "firm" else None,
                "role": role, "attended": role != "absent", "position": position})
        for resolution in planned.resolutions:
            resolutions.append({**resolution, "id": new_id(), "meeting_id": activity_id})
            meeting_clusters[activity_id] = planned.values["cluster_id"]
    tables = ((Person, people), (Firm, firms), (Activity, activities),
              (Participant, participants), (Resolution, resolutions))
    searchable: list[Any] = []
    for done, (model, rows) in enumerate(tables, start=1):
        full = _full_rows(model, rows, origin)
        _insert(session, model, full)
        if model is not Participant:
            make = (lambda r: ACTIVITY_CLASSES[r["kind"]](**r)) if model is Activity else (
                lambda r, m=model: m(**r))
            searchable += [make(r) for r in full]
        if progress is not None:
            progress(80 + 3 * done, f"نوشتن رکوردها ({to_persian_digits(str(done))} از ۵)…")
    search_index.index_inserted(session, searchable, meeting_clusters=meeting_clusters)
    changes.touches_everything(session)


def run_import(db: Database, workbook: Workbook, mapping: ColumnMapping, *,
               cluster_id: str | None = None, progress: Progress | None = None) -> ImportResult:
    """Imports the workbook whole or not at all; ImportRefused (nothing written) on any problem.

    Nothing new (every row a duplicate) writes nothing and makes no backup.
    """
    preview = preview_import(db, workbook, mapping, cluster_id=cluster_id, progress=progress)
    if preview.problems:
        raise ImportRefused(preview)
    if preview.total == 0:
        return ImportResult(preview=preview, written=False)
    backup = None
    if db.path is not None:
        from services.backup import create_backup, default_backup_dir

        if progress is not None:
            progress(80, "پشتیبان‌گیری پیش از ورود…")
        backup = create_backup(db.path, default_backup_dir(db.path),
                               reason="before-excel-import").path
    with unit_of_work(db) as session:
        # Planned again inside the writing transaction: the database may have changed meanwhile.
        plan = build_plan(session, workbook, mapping, cluster_id=cluster_id)
        if plan.preview.problems:
            raise ImportRefused(plan.preview)
        _write(session, plan, progress)
    return ImportResult(preview=plan.preview, written=plan.preview.total > 0, backup=backup)
