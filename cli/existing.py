"""Opening the database a read-only kind of command names: a mistyped path is refused, not created.

`open_database` creates a missing SQLite file (the app's first start needs that); a `search`,
`report` or `exchange-export` on a path that does not exist would otherwise make an empty database
there and answer "nothing found", hiding the typo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.database import Database


def missing_database_message(db: str | None) -> str | None:
    """The Persian refusal when `db` names a SQLite file that does not exist, else None."""
    from models.database import resolve_url, sqlite_path

    path = sqlite_path(resolve_url(db))
    if db and path is not None and not path.exists():
        return (f"پایگاه داده «{db}» پیدا نشد. مسیر را بررسی کنید؛ "
                "پایگاه داده تازه را خود برنامه یا فرمان demo می‌سازد.")
    return None


def open_existing(db: str | None) -> Database | str:
    """The opened database, or the message saying why it was not opened (nothing is created)."""
    from models.migrate import open_database

    message = missing_database_message(db)
    if message is not None:
        return message
    return open_database(db)
