"""The import's bulk path writes exactly what the ORM would: the demo database's package imported
into an empty database, against the same records added as ORM objects (the flush hook writing
their search rows), compared as SQLite stores them, and the chunked look-ups of the plan against
its whole-table reads."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event, insert

from models.entities import ACTIVITY_CLASSES, JointActionFirm
from models.migrate import open_database
from services import exchange, records
from services.exchange import plan
from services.exchange.common import KINDS, MODELS
from services.exchange.read import open_package

RECORD_TABLES = [MODELS[k].__tablename__ for k in KINDS] + ["joint_action_firm"]


def _stored(path: Path, table: str, skip: tuple[str, ...] = ()) -> list[tuple]:
    with sqlite3.connect(path) as con:
        names = [r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] not in skip]
        typed = ", ".join(f'"{n}", typeof("{n}")' for n in names)
        return sorted(con.execute(f"SELECT {typed} FROM {table}").fetchall())  # noqa: S608


def _search(path: Path) -> tuple[list[tuple], list[tuple], list[tuple]]:
    with sqlite3.connect(path) as con:
        fts = sorted(con.execute("SELECT d.record_id, f.title_key, f.body_key FROM search_fts f "
                                 "JOIN search_doc d ON d.rowid = f.rowid").fetchall())
        titles = sorted(con.execute("SELECT d.record_id, f.title_key FROM search_fts_title f "
                                    "JOIN search_doc d ON d.rowid = f.rowid").fetchall())
    return _stored(path, "search_doc", skip=("rowid",)), fts, titles


def _orm_import(db, package: Path) -> None:
    """The reference: every record of the package as an ORM object, flushed kind by kind."""
    with open_package(package) as opened, db.session_factory.begin() as session:
        for kind in KINDS:
            for row in opened.records[kind]:
                model = ACTIVITY_CLASSES[row["kind"]] if kind == "activity" else MODELS[kind]
                session.add(model(**row))
            session.flush()
        session.execute(insert(JointActionFirm), [{"joint_action_id": a, "firm_id": f}
                                                  for a, f in opened.links])


def test_demo_package_imports_as_the_orm_would_write_it(demo_package: Path, tmp_path: Path) -> None:
    bulk_path, orm_path = tmp_path / "bulk.db", tmp_path / "orm.db"
    bulk, orm = open_database(str(bulk_path)), open_database(str(orm_path))
    try:
        report = exchange.import_file(bulk, demo_package)
        assert report.changed > 100 and report.counts["activity"].new > 10
        _orm_import(orm, demo_package)
    finally:
        bulk.dispose()
        orm.dispose()
    for table in RECORD_TABLES:
        assert _stored(bulk_path, table) == _stored(orm_path, table), table
    bulk_search, orm_search = _search(bulk_path), _search(orm_path)
    assert bulk_search[0] and bulk_search == orm_search


def _contents(path: Path) -> dict[str, object]:
    """Every table's rows as SQLite stores them; search rows without their rowids (the order
    in which a flush rewrites them is not fixed) and exchange_state without when it was written."""
    with sqlite3.connect(path) as con:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_%' "
            "AND name NOT LIKE 'sqlite_%' AND name <> 'exchange_state'")]
    found: dict[str, object] = {t: _stored(path, t) for t in tables}
    found["exchange_state"] = _stored(path, "exchange_state", skip=("imported_at",))
    found["search"] = _search(path)
    return found


def test_chunked_lookups_plan_what_whole_table_reads_plan(demo_package: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """An office that already has the demo and changed some of it, a second package with changes:
    the plan made from whole-table reads (small tables) and from chunked look-ups (big tables,
    forced here) says and writes the same."""
    laptop_path = tmp_path / "laptop.db"
    office_path = tmp_path / "office.db"
    office = open_database(str(office_path))
    exchange.import_file(office, demo_package)
    firms = records.list_records(office, "firm")
    records.update(office, "firm", firms[0].id, {"phone": "071-5222"})  # an office edit
    office.dispose()
    # The sender: the demo again, changed after the first package.
    shutil.copy(demo_package.parent / "demo.db", laptop_path)
    laptop = open_database(str(laptop_path))
    records.update(laptop, "firm", firms[0].id, {"manager": "رضا کریمی"})  # a conflict
    records.update(laptop, "firm", firms[1].id, {"employees": 12})
    people = records.list_records(laptop, "person")
    records.delete(laptop, "person", people[0].id)
    second = tmp_path / "second.kxp"
    exchange.export_package(laptop, second)
    laptop.dispose()

    outcomes = []
    for factor in (plan.READ_WHOLE_FACTOR, 0):
        monkeypatch.setattr(plan, "READ_WHOLE_FACTOR", factor)
        copy = tmp_path / f"office-{factor}.db"
        shutil.copy(office_path, copy)
        db = open_database(str(copy))
        statements: list[str] = []
        event.listen(db.engine, "before_cursor_execute",
                     lambda *args, seen=statements: seen.append(args[2]))
        try:
            report = exchange.import_file(db, second)
        finally:
            db.dispose()
        looked_up = sum("exchange_state.record_id IN (" in s for s in statements)
        outcomes.append((report.counts, report.conflicts, _contents(copy), looked_up))
    (whole_counts, whole_conflicts, whole_dump, whole_looked_up), (
        counts, conflicts, dump, looked_up) = outcomes
    assert looked_up > whole_looked_up  # the two ways were taken
    assert whole_counts["firm"].updated == 2 and whole_counts["person"].deleted == 1
    assert len(whole_conflicts) == 1
    assert (counts, conflicts, dump) == (whole_counts, whole_conflicts, whole_dump)


def test_new_records_bases_are_their_stored_updated_at(demo_package: Path, tmp_path: Path) -> None:
    """A fresh import copies each new record's base from its inserted row (INSERT ... SELECT):
    every record of the package gets one, of its kind, holding the text its updated_at is stored
    as, and one imported_at shared with the package mark (still bound from Python)."""
    path = tmp_path / "fresh.db"
    db = open_database(str(path))
    try:
        exchange.import_file(db, demo_package)
        with open_package(demo_package) as opened:
            origin = opened.origin
            ids = {kind: {r["id"] for r in opened.records[kind]} for kind in KINDS}
    finally:
        db.dispose()
    with sqlite3.connect(path) as con:
        states = con.execute("SELECT record_id, origin, kind, base_updated_at, "
                             "typeof(base_updated_at), imported_at, typeof(imported_at) "
                             "FROM exchange_state").fetchall()
        expected = set()
        for kind in KINDS:
            table = MODELS[kind].__tablename__
            stored = con.execute(f"SELECT id, updated_at FROM {table}").fetchall()  # noqa: S608
            assert {i for i, _ in stored} == ids[kind]
            expected |= {(i, origin, kind, u, "text") for i, u in stored}
    marks = [s for s in states if s[2] in ("package", "package-digest")]
    assert len(marks) == 2 and {m[1] for m in marks} == {origin}
    assert {s[:5] for s in states if s not in marks} == expected
    assert len(states) == len(expected) + 2
    package_mark = next(m for m in marks if m[2] == "package")
    assert {s[5:] for s in states if s not in marks} == {package_mark[5:]}
    assert len(package_mark[5]) == len("2026-12-03 12:00:00.000000") and package_mark[6] == "text"
