"""Putting a verified backup in place of the database, the previous one kept."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from models.fsutil import replace_file
from models.health import check_sqlite_file
from persian.jalali import jalali_file_stamp
from services.backup.archive import create_backup
from services.backup.common import (
    MANIFEST_MEMBER,
    TAMPERED,
    TMP_PREFIX,
    BackupInfo,
    blob_path,
    clean_stale,
    default_backup_dir,
    disk_error,
    files_dir_for,
    fsync_dir,
    fsync_file,
    is_space_error,
    open_readonly,
    sha256_file,
)
from services.backup.crypto import BackupError
from services.backup.keep import Described, describe, keep_replaced, linkable
from services.backup.verify import verify_file


def restore_backup(backup_path: Path, db_path: Path, *, password: str | None = None,
                   progress: Callable[[str, int, int], None] | None = None,
                   safety_dir: Path | None = None) -> BackupInfo:
    """Replaces the database at `db_path` with the backup; refuses bad backups untouched.

    Returns the restored backup's info; `info.reason` is kept and the safety backup of the
    previous database (if one was made) is in `info.safety_backup`.

    Every failure is a BackupError in Persian (a disk's refusal too: full, no permission, a
    read or write error, see common.disk_error); `database_unchanged` on it says that the
    database at `db_path` is exactly as it was (the restore failed before the swap).
    """
    backup_path = Path(backup_path)
    db_path = Path(db_path).absolute()
    steps = _Steps()
    try:
        return _restore(backup_path, db_path, password, progress, safety_dir, steps)
    except BackupError as exc:
        exc.database_unchanged = steps.unchanged
        raise
    except (OSError, sqlite3.Error) as exc:
        if isinstance(exc, sqlite3.Error) and not is_space_error(exc):
            error = BackupError(f"بازیابی انجام نشد: {exc}", "restore_error")
        else:
            error = disk_error(exc, db_path.parent, job="restore")
        error.database_unchanged = steps.unchanged
        if steps.swapped:
            error.code = "restore_failed"  # the backup is in place: not a refusal (cli says so)
        raise error from exc


@dataclass
class _Steps:
    """How far a restore came: what its failure means for the database it was to replace."""

    unchanged: bool = False  # a database is at its path, not yet moved aside or replaced
    swapped: bool = False


def _restore(backup_path: Path, db_path: Path, password: str | None,
             progress: Callable[[str, int, int], None] | None, safety_dir: Path | None,
             steps: _Steps) -> BackupInfo:
    steps.unchanged = current = db_path.exists() and db_path.stat().st_size > 0
    target_dir = db_path.parent
    target_dir.mkdir(parents=True, exist_ok=True)
    clean_stale(target_dir)
    scratch = Path(tempfile.mkdtemp(prefix=TMP_PREFIX, dir=target_dir))
    try:
        new_db = scratch / "restored.db"
        plain = scratch / "plain.zip"  # an encrypted backup, decrypted once, by the check
        if progress is not None:
            progress("verify", 0, 1)
        # 1. Verify completely; a bad backup is refused before anything is touched. Meanwhile
        # (read-only towards the database, on the other core) the current database is checked
        # and described for its safety backup — its digests, read once: the file itself will
        # be that backup (backup.keep, format 3), so a restore copies the database once, not
        # twice (issue 15). Where it cannot be linked (another file system, a password), it is
        # copied into a format-2 backup meanwhile, as before, and deleted again on a refusal.
        folder = safety_dir or default_backup_dir(db_path)
        folder_was_there = folder.exists()
        linked = current and linkable(db_path, folder, password)
        with ThreadPoolExecutor(1, "khooshe-restore-safety") as side:
            kept: Future | None = None
            if current:
                kept = side.submit(_describe_current if linked else _keep_current,
                                   db_path, folder, password)
            try:
                info = verify_file(backup_path, password, scratch=scratch,
                                   require_known_revision=True, keep_db=new_db,
                                   keep_plain=plain)
            except BaseException:
                if kept is not None and not linked:
                    _discard(kept, None if folder_was_there else folder)
                raise
            if kept is not None and progress is not None:
                progress("safety", 0, 1)
            outcome = kept.result() if kept is not None else None
        # 2. A damaged current database goes aside (it cannot be a backup).
        safety: Path | None = None
        if outcome is MOVE_ASIDE:
            steps.unchanged = False  # from its first rename on
            safety = move_aside(db_path)
        elif isinstance(outcome, Path):
            safety = outcome
        # 3. Attachments: content-addressed, so adding blobs never harms the current database.
        _restore_blobs(plain if info.encrypted else backup_path, files_dir_for(db_path),
                       progress)
        # 4. Swap: the old WAL must never be replayed onto the new file.
        fsync_file(new_db)
        _retire_old_database(db_path)

        def swap() -> None:
            replace_file(new_db, db_path)
            steps.unchanged, steps.swapped = False, True
            fsync_dir(target_dir)

        if isinstance(outcome, Described):
            safety = keep_replaced(db_path, folder, outcome, swap)
            if safety is None:  # no hard link possible after all: copy it, then swap
                safety = create_backup(db_path, folder, reason="before-restore").path
                swap()
        else:
            swap()
        # The file passed its checks under its temporary name; a rename changes no byte, so
        # opening it and reading its revision is check enough (not a second quick_check).
        if not _opens(db_path):
            health = check_sqlite_file(db_path, full=False)
            raise BackupError(health.message if not health.ok else TAMPERED, "restore_failed")
        info.safety_backup = safety
        return info
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


MOVE_ASIDE = Path()  # _keep_current's answer for a current database that is damaged


def _keep_current(db_path: Path, safety_dir: Path, password: str | None) -> Path:
    """The safety backup of the database a restore replaces (its path), or MOVE_ASIDE when that
    database does not pass quick_check or is not Khooshe's: it cannot be backed up, so it will
    be moved aside — by the caller, and only once the backup to restore is verified."""
    health = check_sqlite_file(db_path, full=False)
    if not (health.ok and health.revision is not None):
        return MOVE_ASIDE
    return create_backup(db_path, safety_dir, password=password, reason="before-restore").path


def _describe_current(db_path: Path, _folder: Path, _password: str | None
                      ) -> Described | Path:
    """The current database described for a format-3 safety backup, or MOVE_ASIDE."""
    return describe(db_path) or MOVE_ASIDE


def _discard(kept: Future[Path], made_folder: Path | None) -> None:
    """The restore was refused: its safety backup, made for nothing, does not stay behind (nor
    the backup folder, when the safety backup made it); the refused restore touched nothing."""
    try:
        path = kept.result()
    except Exception:  # noqa: BLE001 - the refusal is the error that counts, not this one
        path = MOVE_ASIDE
    if path != MOVE_ASIDE:
        path.unlink(missing_ok=True)
    if made_folder is not None:
        with contextlib.suppress(OSError):  # only when empty: nothing else of anyone's goes
            made_folder.rmdir()


def _opens(db_path: Path) -> bool:
    try:
        conn = open_readonly(db_path)
        try:
            return conn.execute("SELECT version_num FROM alembic_version").fetchone() is not None
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def move_aside(db_path: Path) -> Path:
    stamp = jalali_file_stamp(datetime.now())
    aside = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        src = db_path.with_name(db_path.name + suffix)
        if src.exists():
            replace_file(src, aside.with_name(aside.name + suffix))
    return aside


def _retire_old_database(db_path: Path) -> None:
    """Folds the old WAL into the old file, then removes -wal before -shm.

    After a TRUNCATE checkpoint the main file holds every committed transaction and the WAL is
    empty, so deleting it loses nothing; it must be gone before the new file takes the name, or
    SQLite would replay the old frames onto the new database. A crash at any step leaves either
    the complete old database or the complete new one.
    """
    wal = db_path.with_name(db_path.name + "-wal")
    shm = db_path.with_name(db_path.name + "-shm")
    if db_path.exists() and wal.exists():
        conn = sqlite3.connect(db_path, timeout=5, isolation_level=None)
        try:
            busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy:
                raise BackupError("پایگاه داده در حال استفاده است (برنامه دیگری آن را باز کرده)؛ "
                                  "آن را ببندید و دوباره بازیابی کنید.", "database_busy")
        finally:
            conn.close()
    wal.unlink(missing_ok=True)
    shm.unlink(missing_ok=True)
    fsync_dir(db_path.parent)


def _restore_blobs(zip_path: Path, files_dir: Path,
                   progress: Callable[[str, int, int], None] | None) -> None:
    """The verified backup's attachments into `files_dir` (`zip_path`: the backup, or the
    decrypted copy that was verified)."""
    with zipfile.ZipFile(zip_path) as zf:
        entries = json.loads(zf.read(MANIFEST_MEMBER))["attachments"]
        for i, entry in enumerate(entries):
            if progress is not None:
                progress("files", i, len(entries))
            sha = entry["sha256"]
            dest = blob_path(files_dir, sha)
            if dest.is_file() and sha256_file(dest) == sha:
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            tmp = dest.with_name(f".restore-{os.getpid()}-{sha}")
            try:
                with zf.open(entry["member"]) as fin, tmp.open("wb") as fout:
                    shutil.copyfileobj(fin, fout, 1024 * 1024)
                    fout.flush()
                    os.fsync(fout.fileno())
                if sha256_file(tmp) != sha:
                    raise BackupError(TAMPERED, "backup_tampered")
                replace_file(tmp, dest)
            finally:
                tmp.unlink(missing_ok=True)
