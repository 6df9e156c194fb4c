"""Consistent copies of a live SQLite database.

Two ways, both giving a copy that is exactly one committed state of the database:

* `backup_sqlite` — SQLite's online backup API into a temporary file, optionally checked, fsynced,
  renamed; used before migrations, and by backups when the fast way is not possible.
* `frozen_snapshot` — the main file itself, frozen: checkpoint the WAL into the main file
  (TRUNCATE), then hold a read transaction that reads the main file only. While that transaction
  is open, the bytes of the main file cannot change (argument below), so a plain byte copy of it,
  at memory speed, is a consistent backup — and so is its hash.

Why the main file is frozen. In WAL mode, committed pages go to the -wal file; the main file
changes only when a checkpoint copies ("backfills") WAL frames into it. A reader whose snapshot
needs no WAL frame (the WAL was empty when it began) holds the shared WAL read-lock 0, and a
checkpoint must take that lock exclusively before it backfills anything (sqlite3WalCheckpoint →
walBusyLock(WAL_READ_LOCK(0))), so it backfills nothing until the reader ends; writers keep
appending to the WAL meanwhile, and the app is not blocked. We know our reader is such a reader
when the -wal file is still empty after its transaction began: the WAL can only be truncated
again by a checkpoint that waits for every reader of frames, so an empty file then means there
were no frames when we began. In rollback-journal modes our SHARED lock keeps every writer from
committing (a commit needs EXCLUSIVE), so the file cannot change either.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from models.errors import DataLayerError
from models.fsutil import replace_file


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a directory
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def backup_sqlite(
    src: Path,
    dest: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    pages_per_step: int = 1024,
    check: bool = True,
) -> Path:
    """Copies the database at `src` to `dest` (which must not exist) and verifies the copy.

    `check=False` skips the integrity_check of the copy: for a private intermediate copy whose
    bytes are hashed and verified by the caller (the copy is then as sound as its source).
    """
    if dest.exists():
        raise DataLayerError(f"فایل مقصد پشتیبان از قبل وجود دارد: {dest}")
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        source = sqlite3.connect(f"{src.absolute().as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            target = sqlite3.connect(tmp)
            try:

                def _step(status: int, remaining: int, total: int) -> None:
                    if progress is not None:
                        progress(total - remaining, total)

                source.backup(target, pages=pages_per_step, progress=_step)
                # The copy is a standalone file: no WAL to carry around or lose.
                target.execute("PRAGMA journal_mode=DELETE")
                if check:
                    result = [r[0] for r in target.execute("PRAGMA integrity_check")]
                    if result != ["ok"]:
                        raise DataLayerError(
                            "نسخه پشتیبان پس از نوشتن بررسی شد و سالم نبود؛ پشتیبان ساخته نشد.",
                            details="\n".join(result[:20]),
                        )
            finally:
                target.close()
        finally:
            source.close()
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        replace_file(tmp, dest)
        _fsync_dir(dest.parent)
        return dest
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@dataclass
class FrozenSnapshot:
    """The main file of a database, unchanging while the `with frozen_snapshot(...)` block runs.

    `fd` is the main file opened read-only, `size` its length; `conn` is in the read transaction
    that freezes it, so what it reads (revision, row counts) describes exactly those bytes.
    """

    path: Path
    fd: int
    size: int
    conn: sqlite3.Connection

    def revision(self) -> str | None:
        names = {r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in names:
            return None
        row = self.conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None

    def row_counts(self, include: Callable[[str], bool]) -> dict[str, int]:
        """Rows of every ordinary table whose name `include` accepts, by name."""
        tables = [r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name") if include(r[0])]
        counts: dict[str, int] = {}
        for table in tables:
            quoted = '"' + table.replace('"', '""') + '"'
            # The name comes from sqlite_master of this file, quoted as an identifier.
            counts[table] = self.conn.execute(
                f"SELECT count(*) FROM {quoted}").fetchone()[0]  # noqa: S608
        return counts


class SnapshotUnavailable(Exception):
    """The main file could not be frozen (busy WAL, read-only folder); use `backup_sqlite`."""


@contextlib.contextmanager
def frozen_snapshot(src: Path, *, wait_s: float = 2.0) -> Iterator[FrozenSnapshot]:
    """Freezes the main file of `src` (see the module docstring) for the `with` block.

    Raises SnapshotUnavailable when it cannot within about `wait_s` seconds (another program
    keeps reading old WAL frames, or the file cannot be written, so no checkpoint is possible);
    sqlite3.DatabaseError when the file is not a readable database.
    """
    src = Path(src).absolute()
    wal = src.with_name(src.name + "-wal")
    # isolation_level=None: the read transaction below is ours to begin and end.
    conn = sqlite3.connect(src, timeout=max(0.05, wait_s / 4), isolation_level=None)
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        deadline = time.monotonic() + wait_s
        while True:
            wal_mode = conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
            checkpointed = True
            if wal_mode:
                try:
                    busy, _frames, _done = conn.execute(
                        "PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                except sqlite3.OperationalError as exc:  # read-only file or folder
                    raise SnapshotUnavailable(str(exc)) from exc
                checkpointed = not busy
            conn.execute("BEGIN")
            # The first read takes the read lock: from here on our snapshot is fixed.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            # Rollback-journal modes: our SHARED lock alone freezes the file. WAL: only if the
            # WAL was still empty once we held the lock (see the module docstring).
            if not wal_mode or (checkpointed and _wal_empty(wal)):
                break
            conn.execute("COMMIT")  # a reader pinned old frames, or a writer slipped in
            if time.monotonic() > deadline:
                raise SnapshotUnavailable("WAL busy")
            time.sleep(0.02)
        fd = os.open(src, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            yield FrozenSnapshot(path=src, fd=fd, size=os.fstat(fd).st_size, conn=conn)
        finally:
            os.close(fd)
            with contextlib.suppress(sqlite3.Error):
                conn.execute("COMMIT")
    finally:
        conn.close()


def _wal_empty(wal: Path) -> bool:
    try:
        return wal.stat().st_size == 0
    except FileNotFoundError:
        return True
