"""Migrations: from nothing to head, and the databases that must be refused untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from models.errors import DatabaseDamagedError, DatabaseTooNewError, NotKhoosheDatabaseError
from models.migrate import head_revision, open_database


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_empty_file_path_is_created_and_migrated_to_head(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.db"
    database = open_database(str(path))
    try:
        with database.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            journal = conn.execute(text("PRAGMA journal_mode")).scalar()
            fks = conn.execute(text("PRAGMA foreign_keys")).scalar()
            sync = conn.execute(text("PRAGMA synchronous")).scalar()
    finally:
        database.dispose()
    assert {"cluster", "firm", "person", "activity", "resolution", "search_fts"} <= tables
    assert revision == head_revision()
    assert journal == "wal" and fks == 1 and sync == 2  # FULL


def test_reopening_a_current_database_changes_nothing_and_makes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    open_database(str(path)).dispose()
    open_database(str(path)).dispose()
    assert not (tmp_path / "backups").exists()


def test_downgrade_to_base_and_upgrade_again(tmp_path: Path) -> None:
    from alembic import command

    from models.migrate import alembic_config, upgrade

    database = open_database(str(tmp_path / "k.db"))
    try:
        with database.engine.begin() as conn:
            command.downgrade(alembic_config(conn), "base")
        with database.engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
        upgrade(database)
        with database.engine.connect() as conn:
            assert "activity" in inspect(conn).get_table_names()
    finally:
        database.dispose()


def test_older_schema_is_backed_up_before_migrating(tmp_path: Path, monkeypatch) -> None:
    """An existing database whose revision is behind head gets a verified copy first."""
    import models.migrate as migrate

    path = tmp_path / "k.db"
    open_database(str(path)).dispose()
    real_head = head_revision()
    # Pretend the code has a newer head than the file: the file is "one migration behind".
    monkeypatch.setattr(migrate, "head_revision", lambda: "9999_future")
    monkeypatch.setattr(migrate, "upgrade", lambda database: None)
    open_database(str(path)).dispose()
    backups = list((tmp_path / "backups").glob("k-before-migration-*.db"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == real_head
    conn.close()


def test_newer_database_is_refused_and_left_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    open_database(str(path)).dispose()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseTooNewError) as info:
        open_database(str(path))
    assert "جدیدتر" in info.value.message
    assert digest(path) == before


def test_foreign_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('hello')")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NotKhoosheDatabaseError):
        open_database(str(path))
    assert digest(path) == before


def test_garbage_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not a database at all" * 100)
    before = digest(path)
    with pytest.raises(DatabaseDamagedError):
        open_database(str(path))
    assert digest(path) == before


def test_migrations_match_the_models(tmp_path: Path) -> None:
    """A model change without a migration would make every existing database drift."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from models.base import Base

    database = open_database(str(tmp_path / "k.db"))
    try:
        with database.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        database.dispose()
    # search_fts (FTS5 and its shadow tables) lives outside the models on purpose.
    diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith("search_fts"))]
    assert diff == []


def test_revision_scan_agrees_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    from models.migrate import alembic_config, known_revisions

    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()
    assert known_revisions() == {r.revision for r in script.walk_revisions()}
