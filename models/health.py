"""Read-only health checks of a SQLite file: is it a database, is it intact, whose schema is it.

Everything here opens the file with `mode=ro`, so a check never changes a byte of it, not even
on a damaged file (SQLite would otherwise happily "repair" a 0-byte file into an empty database).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class FileHealth:
    ok: bool
    message: str  # Persian, for the user
    revision: str | None = None
    problems: list[str] = field(default_factory=list)
    user_tables: int = 0


def ro_connect(path: Path) -> sqlite3.Connection:
    # With no -wal file beside it, everything is in the main file: `immutable` reads it without
    # creating -wal/-shm side files. With one, committed pages may live there: read through it.
    wal = path.with_name(path.name + "-wal")
    flags = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    return sqlite3.connect(f"{path.absolute().as_uri()}?{flags}", uri=True, timeout=5)


def check_sqlite_file(path: Path, *, full: bool = True) -> FileHealth:
    """Checks `path` without modifying it. `full` runs integrity_check, else quick_check."""
    if not path.exists():
        return FileHealth(False, f"فایل پایگاه داده پیدا نشد: {path}")
    if path.is_dir():
        return FileHealth(False, f"این مسیر یک پوشه است، نه فایل پایگاه داده: {path}")
    size = path.stat().st_size
    if size == 0:
        return FileHealth(
            False,
            "فایل پایگاه داده خالی است (۰ بایت) و هیچ داده‌ای در آن نیست؛ "
            "احتمالاً فایل آسیب دیده یا ناقص کپی شده است. از آخرین پشتیبان بازیابی کنید.",
        )
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        return FileHealth(
            False,
            "این فایل پایگاه داده خوشه نیست یا سرآیند آن خراب شده است. "
            "از آخرین پشتیبان بازیابی کنید.",
        )
    try:
        conn = ro_connect(path)
    except sqlite3.Error as exc:
        return FileHealth(False, f"فایل پایگاه داده باز نشد: {exc}", problems=[str(exc)])
    try:
        pragma = "integrity_check" if full else "quick_check"
        rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}")]  # noqa: S608 - fixed pragma name
        if rows != ["ok"]:
            return FileHealth(
                False,
                "پایگاه داده آسیب دیده است (بررسی یکپارچگی خطا داد). "
                "با آن کار نکنید و از آخرین پشتیبان بازیابی کنید.",
                problems=rows[:20],
            )
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        return FileHealth(True, "ok", revision=revision, user_tables=len(tables))
    except sqlite3.DatabaseError as exc:
        return FileHealth(
            False,
            "پایگاه داده آسیب دیده است و خوانده نمی‌شود "
            f"({exc}). از آخرین پشتیبان بازیابی کنید.",
            problems=[str(exc)],
        )
    finally:
        conn.close()
