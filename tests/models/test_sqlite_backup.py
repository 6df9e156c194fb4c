"""frozen_snapshot: while it is held, no commit and no checkpoint changes a byte of the main file."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from models.sqlite_backup import SnapshotUnavailable, backup_sqlite, frozen_snapshot


def _wal_db(path: Path, rows: int = 200) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)")
    conn.executemany("INSERT INTO t(v) VALUES (?)", [("x" * 200,)] * rows)
    conn.close()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _writer(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=5, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")  # many small commits; durability is not the point
    return conn


def test_commits_and_checkpoints_do_not_touch_the_frozen_file(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    _wal_db(path)
    writer = _writer(path)
    writer.execute("INSERT INTO t(v) VALUES ('in the WAL before the snapshot')")
    with frozen_snapshot(path) as snap:
        # The snapshot checkpointed the WAL first: the main file holds every commit.
        assert snap.conn.execute("SELECT count(*) FROM t").fetchone()[0] == 201
        frozen = _sha(path)
        assert snap.size == path.stat().st_size
        for i in range(50):
            writer.execute("INSERT INTO t(v) VALUES (?)", (f"during {i} " + "y" * 500,))
            writer.execute("UPDATE t SET v = 'changed' WHERE id = ?", (i + 1,))
        writer.execute("PRAGMA busy_timeout=100")  # the blocking modes would wait for us
        for mode in ("PASSIVE", "FULL", "RESTART", "TRUNCATE"):
            busy = writer.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()[0]
            assert busy == (mode != "PASSIVE"), mode  # PASSIVE copies what it can: nothing
        writer.execute("PRAGMA busy_timeout=5000")
        # Committed (the writer sees them), all in the WAL; the main file did not change.
        assert writer.execute("SELECT count(*) FROM t").fetchone()[0] == 251
        assert _sha(path) == frozen
        assert path.stat().st_size == snap.size
        assert snap.conn.execute("SELECT count(*) FROM t").fetchone()[0] == 201
        assert os.pread(snap.fd, 16, 0) == b"SQLite format 3\x00"
    # Released: the next checkpoint writes the new pages into the main file.
    assert writer.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0
    assert _sha(path) != frozen
    writer.close()


def test_a_reader_pinning_wal_frames_makes_it_unavailable(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    _wal_db(path)
    writer = _writer(path)
    writer.execute("INSERT INTO t(v) VALUES ('only in the WAL')")
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM t").fetchone()  # pins the WAL frames it sees
    writer.execute("INSERT INTO t(v) VALUES ('after the reader')")
    try:
        with pytest.raises(SnapshotUnavailable), frozen_snapshot(path, wait_s=0.3):
            pass
    finally:
        reader.execute("COMMIT")
        reader.close()
    with frozen_snapshot(path) as snap:  # free again
        assert snap.conn.execute("SELECT count(*) FROM t").fetchone()[0] == 202
    writer.close()


def test_rollback_journal_databases_are_frozen_by_the_shared_lock(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    other = sqlite3.connect(path, timeout=0.1)
    with frozen_snapshot(path) as snap:
        frozen = _sha(path)
        with pytest.raises(sqlite3.OperationalError):  # the commit waits for our read lock
            other.execute("INSERT INTO t VALUES (2)")
            other.commit()
        assert _sha(path) == frozen
        assert snap.conn.execute("SELECT count(*) FROM t").fetchone()[0] == 1
    other.rollback()
    other.close()
    conn.close()


def test_backup_sqlite_without_check_still_copies_consistently(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    _wal_db(path)
    copy = backup_sqlite(path, tmp_path / "copy.db", check=False)
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 200
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
