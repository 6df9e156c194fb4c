"""Opening a database safely: check it, refuse what we must not touch, migrate after a backup.

Order matters: a damaged file is never written to (not even by creating a schema), a file from
a newer Khooshe is never downgraded, a foreign SQLite file is never "adopted", and an existing
database is copied aside before its schema changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect

from models.database import Database, connect, resolve_url
from models.errors import DatabaseTooNewError, NotKhoosheDatabaseError
from models.health import EarlyCheck, check_sqlite_file, probe_sqlite_file
from models.revisions import MIGRATIONS_DIR, head_revision, known_revisions
from models.sqlite_backup import backup_sqlite

if TYPE_CHECKING:
    from alembic.config import Config

def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config  # alembic loads only when a schema must change

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def _refuse_unknown_revision(revision: str | None) -> None:
    if revision is not None and revision not in known_revisions():
        raise DatabaseTooNewError(
            "این پایگاه داده با نسخه جدیدتری از خوشه ساخته شده است و این نسخه نمی‌تواند آن را "
            "باز کند. برنامه را به‌روز کنید؛ فایل دست‌نخورده باقی ماند.",
            details=f"revision {revision}",
        )


def _pre_migration_backup(path: Path, revision: str) -> Path:
    from models.base import utcnow
    from persian.jalali import jalali_file_stamp  # local: keeps start-up imports light

    backup_dir = path.parent / "backups"
    stamp = jalali_file_stamp(utcnow())
    return backup_sqlite(path, backup_dir / f"{path.stem}-before-migration-{revision}-{stamp}.db")


def open_database(db: str | None = None, *, migrate: bool = True,
                  early_check: EarlyCheck | None = None, defer_check: bool = False) -> Database:
    """Checks, migrates (after a backup) and opens the database named by `--db`.

    `early_check` is a quick_check of the same file already started in a thread (the app starts
    it before its first frame); without one, or for another file, the check runs here.
    `defer_check`: while that check is still running, a file whose header and schema are read
    fine and need no migration is opened at once; the caller then owns the check's answer and
    must hold every write until it has passed (services.workspace does).
    """
    url = resolve_url(db)
    database = connect(url)
    path = database.path
    if path is not None and path.exists() and path.stat().st_size > 0:
        if (defer_check and early_check is not None and early_check.covers(path)
                and not early_check.finished()):
            probe = probe_sqlite_file(path)
            if probe.up_to_date():
                return database
            # Anything else (a migration, a foreign file, a bad header) waits for the check.
        health = early_check.result_for(path) if early_check is not None else None
        if health is None:
            health = check_sqlite_file(path, full=False)
        if not health.ok:
            database.dispose()
            raise health.damage()
        if health.user_tables > 0 and health.revision is None:
            database.dispose()
            raise NotKhoosheDatabaseError(
                "این فایل یک پایگاه داده SQLite است اما متعلق به خوشه نیست؛ "
                "به آن دست زده نشد. فایل دیگری انتخاب کنید.",
            )
        _refuse_unknown_revision(health.revision)
        if migrate and health.revision is not None and health.revision != head_revision():
            _pre_migration_backup(path, health.revision)
        elif health.revision == head_revision():
            return database  # up to date: nothing to migrate, no alembic to load
    elif path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    if migrate:
        upgrade(database)
    return database


def upgrade(database: Database) -> None:
    with database.engine.begin() as connection:
        revision = current_revision(connection)
        _refuse_unknown_revision(revision)
        if revision is None and database.path is None:
            # Non-SQLite: refuse to adopt a database that already holds someone else's tables.
            tables = set(inspect(connection).get_table_names())
            if tables - {"alembic_version"}:
                raise NotKhoosheDatabaseError(
                    "این پایگاه داده جدول‌های دیگری دارد و متعلق به خوشه نیست؛ به آن دست زده نشد."
                )
        if revision != head_revision():
            from alembic import command

            command.upgrade(alembic_config(connection), "head")
