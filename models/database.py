"""Where the database lives, and the engine every connection goes through.

`--db` takes a SQLite path or any SQLAlchemy URL; without it the database is one SQLite file in
the user's data folder. Every SQLite connection gets the same pragmas, because safety settings
that depend on who opened the connection are settings nobody can rely on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

# The path helpers live in models.paths (no SQLAlchemy: the app uses them before its first frame).
from models.paths import (  # noqa: F401
    APP_NAME,
    DEFAULT_DB_NAME,
    data_dir,
    default_db_path,
    is_url,
    plain_sqlite_path,
)

SQLITE_PRAGMAS = (
    # WAL + FULL: a committed transaction survives power loss and SIGKILL.
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
    # A crafted database file must not be able to run functions through its schema.
    "PRAGMA trusted_schema=OFF",
)


def resolve_url(db: str | os.PathLike[str] | None) -> str:
    """A SQLAlchemy URL for `--db`: None → the default file, a path → sqlite, a URL → itself."""
    path = plain_sqlite_path(db)
    # No path only for a URL, which is used as it is.
    return os.fspath(db) if path is None else f"sqlite:///{path}"  # type: ignore[arg-type]


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite"):
        return None
    if not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DB-API objects
    # Python's sqlite3 opens transactions on its own only before DML, so DDL (migrations) and
    # reads would escape them; take transaction control away from it and BEGIN ourselves.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _begin_sqlite(connection) -> None:  # noqa: ANN001 - SQLAlchemy Connection
    connection.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    options: dict[str, object] = {}
    if make_url(url).get_backend_name() == "postgresql":
        # psycopg re-parses every long multi-row INSERT that "insertmanyvalues" builds (11 of
        # 19 s importing a 10k-activity package); its own executemany (pipelined) does not.
        options["use_insertmanyvalues"] = False
    engine = create_engine(url, future=True, **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
        event.listen(engine, "begin", _begin_sqlite)
    return engine


@dataclass
class Database:
    """An open database: its engine, a session factory and the attachments folder beside it."""

    url: str
    engine: Engine
    session_factory: sessionmaker[Session]

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @property
    def files_dir(self) -> Path:
        """Content-addressed attachment store: `<db name>-files/` next to a SQLite file."""
        path = self.path
        if path is not None:
            return path.with_name(path.stem + "-files")
        return data_dir() / "files"

    def session(self) -> Session:
        return self.session_factory()

    def dispose(self) -> None:
        self.engine.dispose()


def connect(url: str) -> Database:
    """Engine and session factory, with no checks and no migrations (see models.migrate.open_database)."""
    engine = make_engine(url)
    # expire_on_commit=False: services return plain data built after commit; nothing reloads lazily.
    factory = sessionmaker(engine, expire_on_commit=False)
    from models import search_index  # local: it imports every entity

    search_index.install(factory)
    install_origin_hook(factory)
    return Database(url=url, engine=engine, session_factory=factory)


INSTALLATION_ID_KEY = "installation_id"


def installation_id_in(session: Session) -> str:
    """This database's installation id (made by migration 0002; made here if a setting is lost)."""
    import json
    import uuid

    from models.entities import Setting

    with session.no_autoflush:
        row = session.get(Setting, INSTALLATION_ID_KEY)
    if row is not None:
        try:
            value = json.loads(row.value)
            if isinstance(value, str) and value:
                return value
        except ValueError:
            pass
    value = str(uuid.uuid4())
    if row is None:
        session.add(Setting(key=INSTALLATION_ID_KEY, value=json.dumps(value)))
    else:
        row.value = json.dumps(value)
    return value


def install_origin_hook(session_factory: sessionmaker[Session]) -> None:
    """Stamps every new record with this database's installation id (unless it already has one:
    records imported from an exchange package keep the origin they were made at)."""
    from models.base import RecordMixin

    def before_flush(session: Session, _context: object, _instances: object) -> None:
        fresh = [o for o in session.new if isinstance(o, RecordMixin) and o.origin is None]
        if not fresh:
            return
        origin = installation_id_in(session)
        for obj in fresh:
            obj.origin = origin

    event.listen(session_factory, "before_flush", before_flush)
