"""Writing a backup: the frozen database, the attachments and the manifest, sealed and read back."""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from models.health import SQLITE_HEADER, check_sqlite_file
from models.sqlite_backup import FrozenSnapshot, SnapshotUnavailable, backup_sqlite, frozen_snapshot
from services.backup.chunks import (
    HASH_CHUNK,
    THREADS,
    CopyDiffers,
    Writeback,
    copy_range,
    stream_chunks,
    sync_soon,
    tree_root,
)
from services.backup.common import (
    COPY_DIFFERS,
    DB_MEMBER,
    FILES_PREFIX,
    FOREIGN,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST_MEMBER,
    TMP_PREFIX,
    BackupInfo,
    blob_path,
    clean_stale,
    files_dir_for,
    final_name,
    fsync_dir,
    fsync_file,
    space_errors,
)
from services.backup.crypto import BackupError, encrypt_file
from services.backup.digests import attachment_hashes, database_id_in, is_derived
from services.backup.seal import write_seal_v2
from services.backup.verify import verify_file
from services.backup.zipdir import stored_info, write_only_member
from services.userfiles import publish


def write_members(zf: zipfile.ZipFile, files_dir: Path, hashes: list[str], *,
                  manifest: dict[str, Any],
                  progress: Callable[[str, int, int], None] | None = None) -> None:
    """The attachments and then manifest.json of a backup into `zf` (formats 2 and 3 alike).

    `manifest` gives format_version, app_revision, created_at (UTC, naive), reason, db_path,
    database_id, database (its digests) and tables, and may give database_checked (format 3:
    False, its database was kept without quick_check, see keep.kept_unchecked); the attachments
    found and the missing ones are added here."""
    attachments: list[dict[str, object]] = []
    missing: list[str] = []
    for i, sha in enumerate(hashes):
        if progress is not None:
            progress("files", i, len(hashes))
        entry = add_blob(zf, files_dir, sha)
        if entry is None:
            missing.append(sha)
        else:
            attachments.append(entry)
    db_path: Path = manifest["db_path"]
    document = {
        "format": FORMAT,
        "format_version": manifest["format_version"],
        "app_revision": manifest["app_revision"],
        "created_at": manifest["created_at"].isoformat() + "Z",
        "reason": manifest["reason"],
        "source": db_path.name,
        "source_path": str(db_path.absolute()),
        "database_id": manifest["database_id"],
        "database": manifest["database"],
        "tables": manifest["tables"],
        "attachments": attachments,
        "missing_attachments": missing,
    }
    if "database_checked" in manifest:
        document["database_checked"] = manifest["database_checked"]
    zf.writestr(MANIFEST_MEMBER, json.dumps(document, ensure_ascii=False, indent=1),
                compress_type=zipfile.ZIP_DEFLATED)


def create_backup(db_path: Path, backup_dir: Path, *, password: str | None = None,
                  progress: Callable[[str, int, int], None] | None = None,
                  reason: str = "manual") -> BackupInfo:
    """Writes and verifies one backup file of the database at `db_path`; returns its info.

    `progress(stage, done, total)` is called with stage "database", "files", "verify".

    The database goes into the archive as the bytes of its main file, frozen by a read
    transaction after a WAL checkpoint (models.sqlite_backup.frozen_snapshot), copied into the
    archive by the kernel; the copy is then read back once, each piece compared with the source
    and hashed, and those are the digests recorded (see _write_db_zip). No
    integrity_check and no deflate on this path: the source passed quick_check when the app
    opened it, and a byte-identical copy with matching digests is exactly as sound; every
    restore (and verify_backup) still runs quick_check on the copy before it is used.
    """
    db_path = Path(db_path)
    backup_dir = Path(backup_dir)
    with space_errors(db_path.parent):
        _check_source_file(db_path)
    files_dir = files_dir_for(db_path)
    with space_errors(backup_dir):
        backup_dir.mkdir(parents=True, exist_ok=True)
        clean_stale(backup_dir)
        _finish_leftovers(backup_dir, db_path)
        work = Path(tempfile.mkdtemp(prefix=TMP_PREFIX, dir=backup_dir))
    try:
        with space_errors(backup_dir), ThreadPoolExecutor(THREADS, "khooshe-backup") as pool:
            plain = work / "backup.zip"
            created = datetime.now(UTC).replace(tzinfo=None)
            with plain.open("w+b") as fh:
                with _source_snapshot(db_path, work) as snap:
                    revision, tables, hashes, db_id = _describe_snapshot(db_path, snap)
                    db_meta, read_back, early_sync = _write_db_zip(fh, snap, pool, progress,
                                                                   writeback=not password)
                fh.seek(0)
                with zipfile.ZipFile(fh, "a", allowZip64=True) as zf:
                    write_members(zf, files_dir, hashes, progress=progress, manifest={
                        "format_version": FORMAT_VERSION, "app_revision": revision,
                        "created_at": created, "reason": reason, "db_path": db_path,
                        "database_id": db_id, "database": db_meta, "tables": tables})
                write_seal_v2(fh, bytes.fromhex(str(db_meta["tree_sha256"])))
            if password:
                payload = work / "backup.enc"
                encrypt_file(plain, payload, password)  # fsyncs the encrypted file
                plain.unlink()
            else:
                payload = plain
            if progress is not None:
                progress("verify", 0, 1)
            # The disk write (fsync) and the read-back check run at the same time: both concern
            # the same bytes, the ones now in the file (the check reads them from the cache).
            # The database's bytes were read back while they were hashed (unless encrypted
            # since: then the encrypted file is read back whole); the rest is read back here.
            synced = pool.submit(fsync_file, payload)
            try:
                info = verify_file(payload, password, scratch=work, require_known_revision=False,
                                   db_checks=False, pool=pool,
                                   read_back=None if password else read_back)
            finally:
                synced.result()
            if early_sync is not None:
                # A write error is reported once, maybe only to the early sync's descriptor.
                early_sync.result()
            final = final_name(backup_dir, datetime.now())
            publish(payload, final, fsync=False)  # fsynced above, with the check
            fsync_dir(backup_dir)
        info.path = final
        info.size = final.stat().st_size
        if progress is not None:
            progress("verify", 1, 1)
        return info
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _check_source_file(db_path: Path) -> None:
    """Refuses what is plainly not a database, without reading the whole file.

    The full quick_check ran when the app opened the database; here only the cheap signs
    (missing, empty, wrong header) are checked, and opening it in _source_snapshot does the rest.
    """
    ok = db_path.is_file() and db_path.stat().st_size > 0
    if ok:
        with db_path.open("rb") as fh:
            ok = fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    if not ok:
        health = check_sqlite_file(db_path, full=False)  # returns early: no quick_check here
        raise BackupError(health.message if not health.ok else FOREIGN, "backup_source_damaged")


@contextlib.contextmanager
def _source_snapshot(db_path: Path, work: Path) -> Iterator[FrozenSnapshot]:
    """The source's main file, frozen; via a private backup-API copy if it cannot be frozen."""
    with contextlib.ExitStack() as stack:
        try:
            try:
                snap = stack.enter_context(frozen_snapshot(db_path))
            except SnapshotUnavailable:
                # Another program keeps the WAL busy, or the file is read-only: the backup API
                # makes a consistent copy anyway, a little slower.
                copy = backup_sqlite(db_path, work / "snapshot.db", check=False)
                snap = stack.enter_context(frozen_snapshot(copy))
        except sqlite3.DatabaseError as exc:
            health = check_sqlite_file(db_path, full=False)
            message = health.message if not health.ok else f"پایگاه داده خوانده نشد: {exc}"
            raise BackupError(message, "backup_source_damaged") from exc
        yield snap


def _describe_snapshot(db_path: Path, snap: FrozenSnapshot
                       ) -> tuple[str, dict[str, dict[str, int]], list[str], str | None]:
    """Revision, per-table row counts, attachment hashes and the database's id, read in the
    frozen snapshot."""
    try:
        revision = snap.revision()
        if revision is None:
            raise BackupError("این فایل پایگاه داده خوشه نیست؛ پشتیبان ساخته نشد.",
                              "backup_foreign")
        counts = snap.row_counts(lambda t: not is_derived(t))
        hashes = attachment_hashes(snap.conn)
        db_id = database_id_in(snap.conn)
    except sqlite3.DatabaseError as exc:
        health = check_sqlite_file(db_path, full=False)
        message = health.message if not health.ok else f"پایگاه داده خوانده نشد: {exc}"
        raise BackupError(message, "backup_source_damaged") from exc
    return revision, {t: {"rows": n} for t, n in counts.items()}, hashes, db_id


def _write_db_zip(fh: BinaryIO, snap: FrozenSnapshot, pool: ThreadPoolExecutor,
                  progress: Callable[[str, int, int], None] | None, *,
                  writeback: bool
                  ) -> tuple[dict[str, object], list[bytes] | None, Future[None] | None]:
    """Writes into the empty `fh` a zip holding the frozen main file (stored) as its one member.

    Returns the database's manifest entry; when the stored bytes were already read back and
    found equal to the source, their piece digests (else None: verify_file reads them back);
    and the early sync of the file (chunks.sync_soon), whose result the caller must check.

    Fast path: the kernel copies the frozen file into the archive (no byte through Python),
    then one pass on the pool threads reads each piece of the copy back, compares it with the
    source's and hashes it (sha256 and the zip's CRC-32): the copy is read back and checked once,
    and hashed once. Public path (zip64, see zipdir): the pieces are hashed on their way through
    zipfile, and verify_file reads the stored bytes back afterwards.
    """
    fd = fh.fileno()
    kick = Writeback(fd, 0)

    def _progress(done: int, total: int) -> None:
        if progress is not None:
            progress("database", done, total)

    def _checked(done: int, total: int) -> None:
        if progress is not None:
            progress("verify", done, total)

    early: list[Future[None]] = []

    def _copy(write: Callable[[bytes], object], crcs: list[tuple[int, int]] | None,
              at: int | None) -> tuple[list[bytes], bool]:
        if at is None or crcs is None:
            def _sink(data: bytes) -> None:
                write(data)
                if writeback:
                    kick.upto(fh.tell())

            return stream_chunks(snap.fd, 0, snap.size, pool, chunk=HASH_CHUNK, sink=_sink,
                                 progress=_progress, crcs=crcs), False
        copy_range(snap.fd, 0, fd, at, snap.size, step=HASH_CHUNK,
                   after=lambda done: _progress(done, snap.size))
        if writeback:
            early.append(sync_soon(fd, pool))  # the disk writes the copy while it is read back
        try:
            return stream_chunks(fd, at, snap.size, pool, chunk=HASH_CHUNK, crcs=crcs,
                                 same_as=(snap.fd, 0), progress=_checked), True
        except CopyDiffers:
            raise BackupError(COPY_DIFFERS, "backup_copy_differs") from None

    digests, read_back = write_only_member(fh, stored_info(DB_MEMBER, snap.size), _copy)
    fh.flush()
    return {"member": DB_MEMBER, "size": snap.size, "chunk_size": HASH_CHUNK,
            "chunk_sha256": [d.hex() for d in digests],
            "tree_sha256": tree_root(digests).hex()}, digests if read_back else None, \
        (early[0] if early else None)


def add_blob(zf: zipfile.ZipFile, files_dir: Path, sha: str) -> dict[str, object] | None:
    """Adds a stored attachment, checking it against its name; None if missing or damaged."""
    src = blob_path(files_dir, sha)
    if not src.is_file():
        return None
    digest = hashlib.sha256()
    size = 0
    member = f"{FILES_PREFIX}{sha[:2]}/{sha}"
    with src.open("rb") as fin:
        with zf.open(zipfile.ZipInfo(member), "w", force_zip64=True) as fout:
            while chunk := fin.read(1024 * 1024):
                digest.update(chunk)
                size += len(chunk)
                fout.write(chunk)
    if digest.hexdigest() != sha:
        # The stored file no longer matches its hash: a damaged blob must not travel as good.
        # zipfile cannot drop a member; keep it but do not list it (restore ignores it).
        return None
    return {"sha256": sha, "size": size, "member": member}


def _finish_leftovers(backup_dir: Path, db_path: Path) -> None:
    """A replaced database left by a restore killed after its swap becomes a listed backup at
    the next backup (backup.keep; imported here, as keep itself writes through this module)."""
    from services.backup.keep import finish_leftovers

    finish_leftovers(backup_dir, db_path)

