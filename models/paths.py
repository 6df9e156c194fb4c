"""Where Khooshe keeps its files, without importing SQLAlchemy.

The desktop app needs these before its first frame (the crash log folder, "is this the first
run?", the single-instance lock beside the database file) while SQLAlchemy is imported only
after that frame is painted; ``models.database`` re-exports them for everyone else.

``resource_path`` is the one way to find the files Khooshe ships (fonts, translations,
migrations), from a source checkout, an installed package and the PyInstaller bundle alike.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "Khooshe"
DEFAULT_DB_NAME = "khooshe.db"


# models/ sits beside resources/ and translations/ in a checkout, and in site-packages after
# `pip install .` (they are installed as data packages next to it, pyproject.toml).
_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def resource_root() -> Path:
    """The folder holding resources/, translations/ and models/migrations/.

    A PyInstaller bundle unpacks them under ``sys._MEIPASS`` (its ``_internal`` folder), where
    the modules themselves live in an archive and ``__file__`` points at nothing on disk.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) if frozen else _SOURCE_ROOT


def resource_path(*parts: str) -> Path:
    """A shipped file or folder, e.g. ``resource_path("resources", "fonts")``."""
    return resource_root().joinpath(*parts)


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
