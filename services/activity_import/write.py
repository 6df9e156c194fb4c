"""Writing a checked plan: a verified backup first, then every record in one transaction.

All rows or none: any problem in the file refuses the whole import before the backup; a failure
while writing rolls the transaction back. Rows already in the database were left out by the plan,
so importing the same file twice writes nothing the second time.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from models.base import new_id
from models.database import Database
from models.entities import ACTIVITY_CLASSES, Firm, Participant, Person, Resolution
from persian.digits import to_persian_digits
from services.activity_import.plan import Plan, build_plan
from services.activity_import.preview import ImportResult, Preview
from services.activity_import.reader import ColumnMapping, Progress, Workbook
from services.errors import ServiceError
from services.uow import unit_of_work

MAX_LISTED_PROBLEMS = 20
_FLUSH_EVERY = 500


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


def _write(session: Session, plan: Plan, progress: Progress | None) -> None:
    directory = plan.directory
    ids: dict[tuple[str, str], str] = {}
    for key, name in directory.new_people.items():
        ids[("person", key)] = new_id()
        session.add(Person(id=ids[("person", key)], full_name=name))
    for key, (name, cluster_id) in directory.new_firms.items():
        ids[("firm", key)] = new_id()
        session.add(Firm(id=ids[("firm", key)], name=name, cluster_id=cluster_id))
    for key, rid in directory.people.items():
        ids.setdefault(("person", key), rid)
    for key, rid in directory.firms.items():
        ids.setdefault(("firm", key), rid)
    total = max(1, len(plan.activities))
    # Held until the end: the session's identity map keeps flushed objects only weakly, and the
    # search index looks each resolution's meeting up (a query per resolution once it is gone).
    written: list[Any] = []
    flushed = 0
    for done, planned in enumerate(plan.activities, start=1):
        values: dict[str, Any] = {k: v for k, v in planned.values.items() if v is not None}
        activity_id = new_id()
        written.append(ACTIVITY_CLASSES[values["kind"]](id=activity_id, **values))
        # Children by their foreign key, not through the relationship lists: appending to those
        # fires the ORM's collection events, a third of the write's time at 10k rows.
        for position, (ref_kind, key, role) in enumerate(planned.participants):
            ref = ids[(ref_kind, key)]
            written.append(Participant(
                activity_id=activity_id,
                person_id=ref if ref_kind == "person" else None,
                firm_id=ref if ref_kind == "firm" else None,
                role=role, attended=role != "absent", position=position))
        for resolution in planned.resolutions:
            written.append(Resolution(meeting_id=activity_id,
                                      **{k: v for k, v in resolution.items() if v is not None}))
        if done % _FLUSH_EVERY == 0:
            session.add_all(written[flushed:])
            flushed = len(written)
            session.flush()
            if progress is not None:
                progress(80 + int(19 * done / total),
                         f"نوشتن فعالیت‌ها ({to_persian_digits(str(done))})…")
    session.add_all(written[flushed:])
    session.flush()


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
