"""The safety backup of the database a restore replaces, made from that file itself (format 3).

Copying the replaced database into a format-2 backup cost a second full copy of the file on every
restore (issue 15). Instead the replaced main file becomes the safety backup: it is hard-linked
into the backup folder before the verified copy takes its name (a rename), and a zip holding its
attachments and manifest.json is appended after its last byte. Format 3 is therefore

    [the database's main file, byte for byte, from offset 0][zip: files/…, manifest.json][seal]

a valid zip (its records point past the database) whose manifest describes the leading database
as format 2 describes its member: size, sha256 of each 4 MiB piece, the tree root; the seal is
format 2's, over every byte after the database plus that root. Its digests are taken while the
backup to restore is being verified (a read of the current file on the other core), and taken
again if the file changed before it was retired.

Nothing can be lost on the way: until the swap the database is where it was (the link is a second
name of the same file); after it, the old file lives under `<backup name>.kbk.part` until the zip
is appended and it is renamed to its `.kbk` name. Should the append fail (a full disk), the old
file is cut back to its own bytes and set beside the database as `<name>.before-restore-<stamp>`.
Should the restore be killed then, the next backup or restore finishes the `.part` into that
safety backup (`finish_leftovers`, backup.leftovers).
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from models.health import SQLITE_HEADER, probe_sqlite_file
from models.sqlite_backup import frozen_snapshot
from services.backup.archive import write_members
from services.backup.chunks import HASH_CHUNK, THREADS, stream_chunks, sync_soon, tree_root
from services.backup.common import (
    KEPT_FORMAT_VERSION,
    MANIFEST_MEMBER,
    files_dir_for,
    final_name,
    fsync_dir,
)
from services.backup.digests import attachment_hashes, database_id_in, is_derived
from services.backup.leftovers import PART_SUFFIX, drop_stale_links, replaced_parts, set_beside
from services.backup.seal import write_seal_v2
from services.userfiles import USER_FILE_MODE


@dataclass
class Described:
    """The current database as its format-3 safety backup will record it."""

    stamp: tuple[int, int, int]  # (inode, size, mtime_ns): the bytes the digests are of
    size: int
    digests: list[bytes]
    revision: str
    tables: dict[str, dict[str, int]]
    attachments: list[str]
    database_id: str | None


def linkable(db_path: Path, folder: Path, password: str | None) -> bool:
    """Whether the replaced file can become the safety backup by a link: same file system, and
    no password (an encrypted restore keeps an encrypted, copied safety backup)."""
    if password:
        return False
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        return probe.stat().st_dev == db_path.parent.stat().st_dev
    except OSError:
        return False


def describe(db_path: Path) -> Described | None:
    """Digests, revision and row counts of the current database; None when it is not Khooshe's
    or cannot be read (it is then moved aside, not kept as a backup).

    Its own quick_check is not run here (it was, and cost as much as the restored copy's, which
    is the check a restore stands on): the file is kept byte for byte either way, and the check
    only chose between keeping it as a listed backup and setting it aside. What is not a Khooshe
    database (header, schema, revision: probe_sqlite_file) or fails the reads below is set
    aside as before; a file whose damage only quick_check finds is kept as a format-3 backup,
    which verify_backup and list_backups, running quick_check, report as damaged, so it is never
    offered for a restore. The app's own restore goes through a Workspace, whose file passed
    quick_check when it was opened.
    """
    health = probe_sqlite_file(db_path)
    if not (health.ok and health.revision is not None):
        return None
    try:
        with ThreadPoolExecutor(THREADS, "khooshe-keep") as pool, \
                frozen_snapshot(db_path) as snap:
            # These bytes will be the safety backup, fsynced once the archive is appended:
            # their disk writes (if any are still pending: a file copied in, not SQLite's)
            # start now.
            synced = sync_soon(snap.fd, pool)
            digests = stream_chunks(snap.fd, 0, snap.size, pool, chunk=HASH_CHUNK)
            synced.result()  # a write error is reported once, maybe only to that descriptor
            st = os.fstat(snap.fd)
            revision = snap.revision()
            if revision is None:
                return None
            counts = snap.row_counts(lambda t: not is_derived(t))
            return Described(stamp=(st.st_ino, st.st_size, st.st_mtime_ns), size=snap.size,
                             digests=digests, revision=revision,
                             tables={t: {"rows": n} for t, n in counts.items()},
                             attachments=attachment_hashes(snap.conn),
                             database_id=database_id_in(snap.conn))
    except sqlite3.DatabaseError:
        return None


def _stamp(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return st.st_ino, st.st_size, st.st_mtime_ns


def keep_replaced(db_path: Path, folder: Path, described: Described,
                  swap: Callable[[], None]) -> Path | None:
    """Runs `swap` (the verified copy takes `db_path`'s name) keeping the replaced file as the
    safety backup; returns its path, or None — before anything changed — when no link can be
    made here (the caller then copies it as before). The old WAL is already folded and gone."""
    if _stamp(db_path) != described.stamp:
        # Written after it was described (another program): describe the bytes it has now.
        again = describe(db_path)
        if again is None:
            return None
        described = again
    folder.mkdir(parents=True, exist_ok=True)
    drop_stale_links(folder, db_path)
    finish_leftovers(folder, db_path)
    named = final_name(folder, datetime.now())
    part = named.with_name(named.name + PART_SUFFIX)
    try:
        os.link(db_path, part)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise
        return None  # no hard links on this file system
    try:
        fsync_dir(folder)
        swap()
    except BaseException:
        part.unlink(missing_ok=True)  # the database is still where it was
        raise
    try:
        _append_archive(part, db_path, described)
    except OSError:
        return set_beside(part, db_path, described.size, datetime.now())
    final = final_name(folder, datetime.now())
    os.replace(part, final)
    fsync_dir(folder)
    return final


def _append_archive(part: Path, db_path: Path, described: Described) -> None:
    os.chmod(part, USER_FILE_MODE)  # its own name now: the live database is another file
    root = tree_root(described.digests)
    with part.open("r+b") as fh:
        if fh.seek(0, os.SEEK_END) != described.size:
            raise OSError(errno.EIO, "the replaced file changed size")
        # "w" on a file positioned after the database: the zip starts there and its records
        # point past the database ("a" would look for a zip in the database's last bytes).
        with zipfile.ZipFile(fh, "w", allowZip64=True) as zf:
            write_members(zf, files_dir_for(db_path), described.attachments, manifest={
                "format_version": KEPT_FORMAT_VERSION, "app_revision": described.revision,
                "created_at": datetime.now(UTC).replace(tzinfo=None),
                "reason": "before-restore", "db_path": db_path,
                "database_id": described.database_id,
                "database": {"layout": "leading", "offset": 0, "size": described.size,
                             "chunk_size": HASH_CHUNK,
                             "chunk_sha256": [d.hex() for d in described.digests],
                             "tree_sha256": root.hex()},
                "tables": described.tables,
                # describe() ran no quick_check: retention must not let this file stand in for
                # a checked backup (kept_unchecked).
                "database_checked": False})
        write_seal_v2(fh, root, db_range=(0, described.size))
        os.fsync(fh.fileno())


def kept_unchecked(path: Path) -> bool:
    """Whether `path` is a format-3 safety backup whose database was kept without its own
    quick_check (all of them so far: describe() runs none), which may therefore be damaged.

    Cheap enough for retention to ask of every file: 16 bytes decide for any other backup (a
    format-2 file begins with a zip record, an encrypted one with its magic); only a file that
    begins with a database has its zip directory and manifest read. One whose manifest does not
    say `database_checked: true` (those made before it said anything were not checked either),
    or cannot be read, is unchecked."""
    try:
        with path.open("rb") as fh:
            if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return False
    except OSError:
        return False  # unreadable: judged by its name, as before
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = json.loads(zf.read(MANIFEST_MEMBER))
        return not (isinstance(manifest, dict) and manifest.get("database_checked") is True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        return True


def finish_leftovers(folder: Path, db_path: Path) -> list[Path]:
    """Finishes what a restore killed after its swap left: the replaced database, still a
    `.part`, becomes the listed safety backup it was to be (named for when it was replaced), or,
    when it cannot be described or the zip cannot be appended, is set beside the database.
    Returns where each went."""
    done: list[Path] = []
    for part, written in replaced_parts(folder, db_path):
        when = datetime.fromtimestamp(written)
        try:
            described = describe(part)
            if described is None:
                done.append(set_beside(part, db_path, None, when))
                continue
            try:
                _append_archive(part, db_path, described)
            except Exception:  # noqa: BLE001 - whatever stops the zip, the database is kept
                done.append(set_beside(part, db_path, described.size, when))
                continue
            final = final_name(folder, when)
            os.replace(part, final)
            fsync_dir(folder)
            done.append(final)
        except OSError:
            continue  # left as it is, for the next try: never deleted
    return done

