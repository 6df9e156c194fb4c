"""The database's life, from `--db` to close: the one place that resolves, checks, opens,
migrates, recovers, fills with the demo and closes around a restore.

The app (ui/launcher.py) and every command (cli/) hold one `Workspace` handle. It is the
`models.database.Database` the services take, so a page calls `records.create(ctx.db, …)` as
before; what the handle adds is everything that used to be done by hand around it: the UI and
the CLI never resolve a URL, call `models.migrate`, open a session for the demo or dispose of an
engine (tests/services/test_workspace.py reads their source to keep it so).

    locate(db) ──► check ──► open (quick_check, refuse newer/foreign, backup, migrate) ──► use
                     │                                                                  │
                     └─ damaged: set_aside ─► a backup of THIS database ─► restore ─► open
    use: services(workspace, …) · workspace.restore(backup) (pooled connections closed first
    and after) · workspace.close()
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from models.database import Database, resolve_url, sqlite_path
from models.errors import DataLayerError
from services import changes
from services.backup import (
    BackupInfo,
    belongs_to,
    create_backup,
    database_id_of_file,
    default_backup_dir,
    list_backups,
    move_aside,
    restore_backup,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy import Engine

    from models.health import EarlyCheck, FileHealth

class WorkspaceMissing(DataLayerError):
    """`--db` names a SQLite file that does not exist, for a command that must not create it."""

    code = "database_missing"


class WorkspaceOutdated(DataLayerError):
    """A command that writes nothing found a schema that would need migrating (a write)."""

    code = "database_outdated"


@dataclass(frozen=True)
class Location:
    """Where `--db` points: its SQLAlchemy URL and, for SQLite, the file."""

    given: str | None  # as the user wrote it (None: the default file)
    url: str
    path: Path | None  # None: a server database or in-memory SQLite

    def exists(self) -> bool:
        return self.path is None or self.path.exists()

    def missing_message(self) -> str | None:
        """The Persian refusal when the user named a SQLite file that does not exist."""
        if self.given and self.path is not None and not self.path.exists():
            return (f"پایگاه داده «{self.given}» پیدا نشد. مسیر را بررسی کنید؛ "
                    "پایگاه داده تازه را خود برنامه یا فرمان demo می‌سازد.")
        return None

    def backup_dir(self) -> Path | None:
        """The backup folder (the setting inside the database, else `backups/` beside it)."""
        return default_backup_dir(self.path) if self.path is not None else None


def locate(db: str | None) -> Location:
    """Resolves `--db` (a path, a URL or None for the default file)."""
    url = resolve_url(db)
    return Location(given=db, url=url, path=sqlite_path(url))


def check(location: Location, *, full: bool = True) -> FileHealth:
    """Read-only health of a SQLite file (integrity_check when `full`); never writes."""
    from models.health import check_sqlite_file

    assert location.path is not None, "check reads SQLite files only"
    return check_sqlite_file(location.path, full=full)


class StartupCheck:
    """The start-up quick_check of a workspace opened before it finished (the app's start).

    Reads go ahead at once; every commit on the workspace's engine waits here for the check
    and is refused with the check's own damaged-database error if it failed, so a damaged file
    is never written to. SQLite keeps a transaction's pages out of the main file until it
    commits, and an uncommitted transaction is rolled back by the refusal.
    """

    def __init__(self, early_check: EarlyCheck, path: Path) -> None:
        self._early_check = early_check
        self._path = path

    def finished(self) -> bool:
        return self._early_check.finished()

    def wait(self) -> None:
        """Returns once the check has passed; raises DatabaseDamagedError if it failed."""
        health = self._early_check.result_for(self._path)
        if health is not None and not health.ok:
            raise health.damage()

    def install(self, engine: Engine) -> None:
        from sqlalchemy import event

        # "commit" runs before SQLite is told to commit, for the ORM's and Core's transactions
        # alike (reads end in a rollback and never get here).
        event.listen(engine, "commit", lambda _conn: self.wait())


@dataclass
class Workspace(Database):
    """An open database as the app and the commands hold it (see the module's docstring)."""

    location: Location = field(default=None)  # type: ignore[assignment] - always given
    # Set while the start-up quick_check may still be running (open_workspace(defer_check=…)).
    startup_check: StartupCheck | None = None

    def check_finished(self) -> bool:
        """True when no start-up check is pending (it passed, failed, or there was none)."""
        return self.startup_check is None or self.startup_check.finished()

    def wait_for_check(self) -> None:
        """Waits for the start-up check; raises DatabaseDamagedError if it failed."""
        if self.startup_check is not None:
            self.startup_check.wait()

    def adopt(self, other: Workspace) -> None:
        """Becomes `other` (a database recovered after a late failed check), keeping this
        handle, which every page holds: the old engine is closed, `other`'s taken over."""
        self.engine.dispose()
        self.url, self.engine, self.session_factory = other.url, other.engine, \
            other.session_factory
        self.location, self.startup_check = other.location, other.startup_check
        changes.publish(self, changes.Changes.all())

    def has_records(self) -> bool:
        from sqlalchemy import func, select

        from services.schema import MODEL_BY_KIND

        with self.session_factory() as session:
            return any(session.scalar(select(func.count()).select_from(model))
                       for model in MODEL_BY_KIND.values())

    def load_demo(self) -> dict[str, int]:
        """The demo story, in one transaction: interrupted, the file holds all of it or none."""
        from services.demo import load_demo

        with self.session_factory.begin() as session:
            return load_demo(session)

    def load_demo_once(self) -> bool:
        """The demo story unless it is there already (the app's first start); True if added."""
        from services.demo import demo_loaded, load_demo

        with self.session_factory.begin() as session:
            if demo_loaded(session):
                return False
            load_demo(session)
        return True

    def revision(self) -> str | None:
        """The schema revision in the database (None: no Khooshe schema yet)."""
        from sqlalchemy import text
        from sqlalchemy.exc import SQLAlchemyError

        try:
            with self.engine.connect() as conn:
                return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except SQLAlchemyError:
            return None

    def backup(self, backup_dir: Path | None = None, *, password: str | None = None,
               reason: str = "manual", progress: Callable[[str, int, int], None] | None = None
               ) -> BackupInfo:
        path = self._file()
        folder = backup_dir if backup_dir is not None else default_backup_dir(path)
        return create_backup(path, folder, password=password, reason=reason, progress=progress)

    def restore(self, backup: Path, *, password: str | None = None,
                progress: Callable[[str, int, int], None] | None = None) -> BackupInfo:
        """Replaces the database with a verified backup; this handle stays usable after it.

        Every pooled connection is closed before (the file under them is replaced) and after
        (none may keep a view of the old file); the next use opens the restored file.
        """
        path = self._file()
        self.engine.dispose()
        try:
            info = restore_backup(Path(backup), path, password=password, progress=progress)
        finally:
            self.engine.dispose()
        # The whole file was replaced: every list and figure shown may be stale.
        changes.publish(self, changes.Changes.all())
        return info

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _file(self) -> Path:
        # A backup or a restore reads or replaces the file: not before its check has passed.
        self.wait_for_check()
        if self.path is None:
            raise DataLayerError("پشتیبان‌گیری و بازیابی فقط برای پایگاه داده فایلی (SQLite) است.")
        return self.path


def open_workspace(db: str | None | Location, *, create: bool = True, migrate: bool = True,
                   early_check: EarlyCheck | None = None,
                   defer_check: bool = False) -> Workspace:
    """Checks, migrates (after a backup of the file) and opens the database `--db` names.

    `defer_check` (the app's start, with `early_check` running): an up-to-date file is opened
    before its quick_check ends; its `startup_check` then holds every write until it passed.

    `create=False`: a SQLite file that does not exist is refused (WorkspaceMissing), nothing is
    made. `migrate=False`: nothing is written at all; a schema that would need migrating is
    refused (WorkspaceOutdated) instead. Raises the data layer's errors (damaged, too new,
    foreign) with their Persian messages.
    """
    from models.migrate import head_revision, open_database

    location = db if isinstance(db, Location) else locate(db)
    message = location.missing_message()
    if message is not None and not (create and migrate):
        raise WorkspaceMissing(message)
    if not migrate and not location.exists():
        raise WorkspaceMissing(f"پایگاه داده پیدا نشد: {location.path}")
    database = open_database(location.url, migrate=migrate, early_check=early_check,
                             defer_check=defer_check)
    workspace = Workspace(url=database.url, engine=database.engine,
                          session_factory=database.session_factory, location=location)
    if defer_check and early_check is not None and location.path is not None \
            and early_check.covers(location.path):
        # Installed even when open_database waited: then its wait costs nothing.
        workspace.startup_check = StartupCheck(early_check, location.path)
        workspace.startup_check.install(workspace.engine)
    if not migrate and workspace.revision() != head_revision():
        workspace.close()
        raise WorkspaceOutdated(
            "طرح این پایگاه داده قدیمی است و باید ارتقا یابد، که خود نوشتن است؛ در پیش‌نمایش "
            "چیزی نوشته نمی‌شود. یک بار برنامه را با آن باز کنید و دوباره امتحان کنید.")
    return workspace


@dataclass(frozen=True)
class BackupsOf:
    """The backups in a database's folder, newest first, and which of them are of it."""

    folder: Path
    every: list[BackupInfo]
    mine: list[BackupInfo]

    def is_mine(self, info: BackupInfo) -> bool:
        return any(info is b for b in self.mine)

    @property
    def newest_whole(self) -> BackupInfo | None:
        """The only backup ever offered to recover this database: its newest whole one."""
        return next((b for b in self.mine if b.valid), None)


def backups_for(location: Location) -> BackupsOf:
    """The backups of the database at `location` (by its id, else by its path; see
    services.backup.belongs_to). Read before anything is moved: the backup folder setting and
    the id are inside the file."""
    path = location.path
    assert path is not None, "backups are of SQLite files"
    folder = default_backup_dir(path)
    every = list_backups(folder)
    database_id = database_id_of_file(path)
    return BackupsOf(folder, every, [b for b in every if belongs_to(b, database_id, path)])


@dataclass(frozen=True)
class Recovery:
    """A damaged database set aside: where it went, and the backup to offer (of it only)."""

    damaged_copy: Path
    backup: BackupInfo | None  # the newest whole backup of this database
    backup_dir: Path
    others: int = 0  # backups in the folder that are not of this database (never offered)


def set_aside(location: Location) -> Recovery:
    """Moves the damaged file (with -wal/-shm) aside, never deleted; finds its newest backup."""
    found = backups_for(location)
    assert location.path is not None
    aside = move_aside(location.path)
    return Recovery(damaged_copy=aside, backup=found.newest_whole, backup_dir=found.folder,
                    others=len(found.every) - len(found.mine))


def restore_and_open(location: Location, backup: Path) -> Workspace:
    """After set_aside: the backup put in place of the damaged file, then opened as usual."""
    assert location.path is not None
    restore_backup(Path(backup), location.path)
    return open_workspace(location)


def server_revision(location: Location) -> str | None:
    """The schema revision of a server database (nothing is created or migrated)."""
    from sqlalchemy.exc import SQLAlchemyError

    from models.database import connect
    from models.migrate import current_revision

    database = connect(location.url)
    try:
        with database.engine.connect() as conn:
            return current_revision(conn)
    except SQLAlchemyError as exc:
        raise DataLayerError(f"اتصال به پایگاه داده برقرار نشد: {exc}") from exc
    finally:
        database.dispose()


def lock_path(db: str | None) -> Path | None:
    """The file the single-instance lock guards (None for a server database)."""
    return locate(db).path
