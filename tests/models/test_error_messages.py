"""Low-level failures become Persian sentences that say what to do."""

from __future__ import annotations

import errno
import sqlite3

from sqlalchemy.exc import OperationalError

from models.errors import describe_database_error, describe_os_error


def test_full_disk_and_locked_database_messages() -> None:
    full = OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))
    assert "فضای دیسک" in describe_database_error(full)
    io = OperationalError("INSERT", {}, sqlite3.OperationalError("disk I/O error"))
    assert "داده‌های قبلی" in describe_database_error(io)
    locked = OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked"))
    assert "برنامه دیگری" in describe_database_error(locked)
    assert "فضای دیسک" in describe_os_error(OSError(errno.ENOSPC, "No space left"))
