"""Writing an import's plan into the database, in one transaction, a backup first."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, delete, insert, literal, select, update
from sqlalchemy.orm import Session

from models import bulk, search_index
from models.collector import collector_paused
from models.database import Database, installation_id_in
from models.entities import ACTIVITY_CLASSES, Activity, JointActionFirm, SearchDoc, Setting
from models.fsutil import replace_file
from models.id_lists import id_filters
from services import changes
from services.exchange.common import FILES_PREFIX, KINDS, MODELS, Row, chunks, conflict_error
from services.exchange.identity import agent_setting_key, remembered_agent_name
from services.exchange.plan import (
    STATE,
    ImportReport,
    Plan,
    already_applied_report,
    check_references,
    digest_mark,
    is_applied,
    plan_import,
)
from services.exchange.read import AppliedCheck, Package, open_package
from services.uow import unit_of_work


def write_plan(session: Session, db: Database, package: Package, plan: Plan) -> None:
    apply = plan.apply
    if plan.removals:
        gone = [c.id for c in plan.removals]
        for child in plan.removals:
            session.delete(child)
        for chunk in chunks(gone):
            session.execute(delete(STATE).where(STATE.c.origin == package.origin,
                                                STATE.c.record_id.in_(chunk)))
        session.flush()
    by_kind: dict[str, list[tuple[dict[str, Any], Any]]] = {kind: [] for kind in KINDS}
    for kind, row, obj in apply:  # one pass, not one per kind
        by_kind[kind].append((row, obj))
    with bulk.indexes_built_after(session.connection(), _outnumbered_tables(session, by_kind)):
        _write_kinds(session, db, package, by_kind, plan.imported_at)


def _outnumbered_tables(session: Session,
                        by_kind: dict[str, list[tuple[dict[str, Any], Any]]]) -> list[str]:
    """The tables this import's new rows outnumber (a first import: every table), whose
    secondary indexes are cheaper built after the rows than kept up row by row. Each table's
    rows are counted only as far as the number of new ones (a LIMIT), so a big table costs
    no full count. SQLite only (other backends keep their indexes up as before)."""
    if session.get_bind().dialect.name != "sqlite":
        return []
    fresh: dict[str, int] = {}
    for kind, batch in by_kind.items():
        new = sum(1 for _row, obj in batch if obj is None)
        if new:
            fresh[MODELS[kind].__tablename__] = new
            if issubclass(MODELS[kind], search_index.SEARCHABLE):
                name = SearchDoc.__tablename__
                fresh[name] = fresh.get(name, 0) + new
    return [name for name, new in fresh.items()
            if bulk.holds_fewer_than(session.connection(), name, new)]


def _write_kinds(session: Session, db: Database, package: Package,
                 by_kind: dict[str, list[tuple[dict[str, Any], Any]]],
                 imported_at: datetime) -> None:
    from services.attachments import blob_path

    applied_joint_actions: set[str] = set()
    for kind in KINDS:
        batch = by_kind[kind]
        if not batch:
            continue
        model = MODELS[kind]
        fresh = [row for row, obj in batch if obj is None]
        if fresh:
            _insert_new(session, kind, fresh)
            _new_record_states(session, kind, [row["id"] for row in fresh], package.origin,
                               imported_at)
            if kind == "joint_action":
                applied_joint_actions.update(row["id"] for row in fresh)
            elif kind == "attachment":
                for row in fresh:
                    target = blob_path(db.files_dir, row["sha256"])
                    if not target.is_file():
                        _store_blob(package.zip_file, FILES_PREFIX + row["sha256"], target)
        batch = [(row, obj) for row, obj in batch if obj is not None]
        if not batch:
            continue
        loaded: dict[str, Any] = {}
        present = [row["id"] for row, obj in batch if obj is not None]
        for chunk in chunks(present):
            loaded.update({o.id: o for o in session.scalars(select(model).where(
                model.id.in_(chunk)))})
        for row, found in batch:
            obj = loaded.get(row["id"]) if found is not None else None
            if found is not None and obj is None:
                raise conflict_error()
            if obj is None:
                model = ACTIVITY_CLASSES[row["kind"]] if kind == "activity" else MODELS[kind]
                obj = model(**row)
                session.add(obj)
            else:
                for name, value in row.items():
                    if name != "id":
                        setattr(obj, name, value)
            if kind == "joint_action":
                applied_joint_actions.add(row["id"])
            elif kind == "attachment":
                target = blob_path(db.files_dir, row["sha256"])
                if not target.is_file():
                    _store_blob(package.zip_file, FILES_PREFIX + row["sha256"], target)
        session.flush()
    if applied_joint_actions:
        for chunk in chunks(sorted(applied_joint_actions)):
            session.execute(delete(JointActionFirm).where(
                JointActionFirm.joint_action_id.in_(chunk)))
        pairs = [{"joint_action_id": a, "firm_id": f} for a, f in package.links
                 if a in applied_joint_actions]
        if pairs:
            session.execute(insert(JointActionFirm.__table__), pairs)
    session.flush()


def _insert_new(session: Session, kind: str, rows: list[dict[str, Any]]) -> None:
    """Records new to this database: one executemany INSERT per kind instead of an ORM object
    and flush per record, with what the ORM would have done: a column default where the value is
    None, version 1, this installation's origin where the record has none, and the search rows
    of the searchable kinds (models.search_index writes them from the same fields)."""
    model = MODELS[kind]
    table = model.__table__
    # (version is set below whatever the row holds, so its default is no default here.)
    defaults = [(c.name, c.default.arg) for c in table.columns
                if c.default is not None and c.default.is_scalar and c.name != "version"]
    origin: str | None = None
    values = []
    for row in rows:
        out = {**row, "version": 1}
        for name, default in defaults:
            if out.get(name) is None:
                out[name] = default
        if out.get("origin") is None:
            if origin is None:
                origin = installation_id_in(session)
            out["origin"] = origin
        values.append(out)
    bulk.insert_rows(session.connection(), table, values)
    if not issubclass(model, search_index.SEARCHABLE):
        return
    # The inserted values themselves, read by attribute: an ORM object per record only to be
    # indexed cost more than the INSERTs.
    objects = [Row(r) for r in values]
    meetings: dict[str, str | None] = {}
    if kind == "resolution":
        ids = sorted({r["meeting_id"] for r in values if r["meeting_id"]})
        for chunk in chunks(ids):
            meetings.update(session.execute(
                select(Activity.id, Activity.cluster_id).where(Activity.id.in_(chunk))).all())
    search_index.index_inserted(session, objects, meeting_clusters=meetings, model=model)


def _new_record_states(session: Session, kind: str, ids: list[str], origin: str,
                       imported_at: datetime) -> None:
    """The exchange_state rows of records just inserted: their base is the updated_at they were
    stored with, so it is copied by INSERT ... SELECT in SQLite itself instead of each row
    built, bound and formatted in Python (the same text: both are the column's own storage)."""
    table = MODELS[kind].__table__
    rows = select(table.c.id, literal(origin, STATE.c.origin.type), literal(kind, STATE.c.kind.type),
                  table.c.updated_at, literal(imported_at, STATE.c.imported_at.type))
    names = ["record_id", "origin", "kind", "base_updated_at", "imported_at"]
    for ids_in in id_filters(session.get_bind().dialect.name, table.c.id, ids):
        session.execute(insert(STATE).from_select(names, rows.where(ids_in)))


def _store_blob(zf: zipfile.ZipFile, member: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".incoming-{os.getpid()}-{target.name}")
    try:
        with zf.open(member) as src, tmp.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
            dst.flush()
            os.fsync(dst.fileno())
        replace_file(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _remember_agent(session: Session, package: Package) -> None:
    """The sender's own name for itself, so the office can tell its agents apart by name."""
    name = (package.agent_name or "").strip()
    if not name or not package.origin:
        return
    key = agent_setting_key(package.origin)
    value = json.dumps(name, ensure_ascii=False)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    elif row.value != value:
        row.value = value


def _name_sender(session: Session, package: Package, report: ImportReport) -> None:
    """Never a raw UUID: the agent's name (this package's, or one it gave before), else the
    package's cluster (or the clusters of its records) and the sender's computer name (older
    packages: the start of its installation id)."""
    report.agent_name = (package.agent_name or "").strip() or remembered_agent_name(
        session, package.origin)
    cluster = package.manifest.get("cluster")
    if not isinstance(cluster, str) or not cluster.strip():
        names = sorted({r["name"] for r in package.records.get("cluster", [])
                        if r.get("deleted_at") is None and r.get("name")})
        cluster = "، ".join(names[:3]) + ("، …" if len(names) > 3 else "") if names else None
    report.cluster = cluster
    laptop = package.manifest.get("laptop")
    report.laptop = (laptop.strip() if isinstance(laptop, str) and laptop.strip()
                     else f"شناسه {package.origin[:8]}")


def import_package(db: Database, package: Package, *, dry_run: bool = False) -> ImportReport:
    """Merges a checked package into `db` (one transaction, a backup first on SQLite)."""
    report = ImportReport(origin=package.origin, agent_name=package.agent_name,
                          created_at=package.manifest.get("created_at"), dry_run=dry_run)
    with db.session_factory() as session:
        _name_sender(session, package, report)
        if package.applied and is_applied(session, package.origin, package.records_digest):
            already_applied_report(session, package, report)
            return report
        check_references(session, package)
        first = plan_import(session, package, report, only_whether_writing=not dry_run)
    if dry_run or first.empty:
        return report
    # Plan again inside the writing transaction (the database may have changed meanwhile); the
    # first pass decided whether anything will be written (and so whether to back up).
    report.counts.clear()
    report.conflicts.clear()
    if (first.apply or first.removals) and db.path is not None:
        from services.backup import create_backup, default_backup_dir

        info = create_backup(db.path, default_backup_dir(db.path), reason="before-import")
        report.backup = info.path
    from sqlalchemy.orm.exc import StaleDataError

    from services.records import conflict

    try:
        with unit_of_work(db) as session:
            # Bulk inserts the session hook does not see: every list may have changed.
            changes.touches_everything(session)
            check_references(session, package)
            plan = plan_import(session, package, report)
            write_plan(session, db, package, plan)
            _remember_agent(session, package)
            mark = digest_mark(package)
            if mark is not None and not is_applied(session, package.origin,
                                                   package.records_digest):
                plan.state_new.append(mark)
            bulk.insert_rows(session.connection(), STATE, plan.state_new)
            if plan.state_changed:
                session.execute(
                    update(STATE)
                    .where(STATE.c.record_id == bindparam("b_id"),
                           STATE.c.origin == bindparam("b_origin"))
                    .values(base_updated_at=bindparam("b_base"), imported_at=bindparam("b_now")),
                    [{"b_id": s["record_id"], "b_origin": s["origin"],
                      "b_base": s["base_updated_at"], "b_now": s["imported_at"]}
                     for s in plan.state_changed])
    except StaleDataError:
        raise conflict() from None
    if db.engine.dialect.name == "postgresql" and report.changed > 1000:
        # Fresh statistics after a big load: without them the planner scans instead of using
        # the indexes (the next import of the same 10k package took 40 s instead of 4).
        with db.engine.begin() as conn:
            bulk.refresh_statistics(conn, [*(MODELS[kind].__tablename__ for kind in KINDS),
                                           STATE.name, SearchDoc.__tablename__])
    return report


def applied_check(db: Database) -> AppliedCheck:
    """open_package's question, asked of `db`: did it apply a package with these very records?"""
    def applied(origin: str, records_digest: str) -> bool:
        with db.session_factory() as session:
            return is_applied(session, origin, records_digest)

    return applied


def import_file(db: Database, path: Path | str, *, password: str | None = None,
                dry_run: bool = False) -> ImportReport:
    with collector_paused(), open_package(path, password=password,
                                          applied=applied_check(db)) as package:
        return import_package(db, package, dry_run=dry_run)


def conflict_lines(report: ImportReport) -> Iterable[str]:
    from persian.jalali import format_jalali_datetime

    for c in report.conflicts:
        winner = "نسخه بسته" if c.winner == "incoming" else "نسخه این پایگاه داده"
        fields = "، ".join(c.fields) or "—"
        yield (f"{c.title}: هر دو طرف تغییر داده‌اند (اینجا {format_jalali_datetime(c.local_updated_at)}، "
               f"بسته {format_jalali_datetime(c.incoming_updated_at)}); فیلدها: {fields}؛ "
               f"ماند: {winner}")
