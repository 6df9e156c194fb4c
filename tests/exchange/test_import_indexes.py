"""A first import builds the secondary indexes of the tables it fills after the rows
(models.bulk.indexes_built_after): the database must end with exactly the indexes Alembic gave
it, and a failing import must leave it as it was, indexes and all."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from models.migrate import open_database
from services import exchange
from services.exchange import merge


def _indexes(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as con:
        return sorted(con.execute("SELECT name, tbl_name, sql FROM sqlite_master "
                                  "WHERE type = 'index'").fetchall())


def _integrity(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as con:
        return con.execute("PRAGMA integrity_check").fetchall()


def _migrated(path: Path) -> list[tuple]:
    open_database(str(path)).dispose()
    return _indexes(path)


def test_first_import_ends_with_the_migrated_indexes(demo_package: Path, tmp_path: Path) -> None:
    office_path = tmp_path / "office.db"
    office = open_database(str(office_path))
    try:
        report = exchange.import_file(office, demo_package)
    finally:
        office.dispose()
    assert report.changed > 100
    assert _integrity(office_path) == [("ok",)]
    expected = _migrated(tmp_path / "migrated.db")
    assert any(sql for _name, _table, sql in expected)  # plain indexes exist to be lost
    assert _indexes(office_path) == expected


def test_a_failing_import_leaves_the_database_and_its_indexes(
        demo_package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    office_path = tmp_path / "office.db"
    office = open_database(str(office_path))
    office.dispose()
    before_bytes = hashlib.sha256(office_path.read_bytes()).hexdigest()
    before = _indexes(office_path)
    real = merge._new_record_states
    seen: list[int] = []

    def fail_late(session, kind, ids, origin, imported_at) -> None:  # noqa: ANN001
        real(session, kind, ids, origin, imported_at)
        if kind == "resolution":  # late in the package, most of it written by now
            seen.append(session.connection().exec_driver_sql(
                "SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                "AND sql IS NOT NULL").scalar_one())
            raise OSError("disk gone")

    monkeypatch.setattr(merge, "_new_record_states", fail_late)
    office = open_database(str(office_path))
    try:
        with pytest.raises(OSError, match="disk gone"):
            exchange.import_file(office, demo_package)
    finally:
        office.dispose()
    # The failure came while the filled tables' indexes were dropped (so the rollback of the
    # DROPs is what is tested), and the database is as it was.
    assert seen and seen[0] < sum(1 for *_, sql in before if sql)
    assert hashlib.sha256(office_path.read_bytes()).hexdigest() == before_bytes
    assert _indexes(office_path) == before
    assert _integrity(office_path) == [("ok",)]
