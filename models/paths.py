"""Where Khooshe keeps its files, without importing SQLAlchemy.

The desktop app needs these before its first frame (the crash log folder, "is this the first
run?", the single-instance lock beside the database file) while SQLAlchemy is imported only
after that frame is painted; ``models.database`` re-exports them for everyone else.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "Khooshe"
DEFAULT_DB_NAME = "khooshe.db"


def data_dir() -> Path:
    """The user's data folder (created on demand); KHOOSHE_DATA_DIR overrides it (tests, portable use)."""
    override = os.environ.get("KHOOSHE_DATA_DIR")
    path = Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / DEFAULT_DB_NAME


def is_url(db: str) -> bool:
    return "://" in db


def plain_sqlite_path(db: str | os.PathLike[str] | None) -> Path | None:
    """The SQLite file behind a `--db` value that is a path (or absent); None for a URL.

    The same file ``models.database.resolve_url`` makes a ``sqlite:///`` URL of; a URL needs
    SQLAlchemy to be parsed (``models.database.sqlite_path``).
    """
    if db is None:
        return default_db_path()
    text = os.fspath(db)
    if is_url(text):
        return None
    return Path(text).expanduser().absolute()
