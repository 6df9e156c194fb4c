"""Backups: one verified file `khooshe-<Jalali stamp>.kbk` holding the database and its attachments.

A backup is a zip (optionally encrypted as a whole, see services.backup_crypto) with:

* `khooshe.db`     the database's main file, stored (not deflated): the exact bytes of one
                   committed state, copied while a read transaction freezes the file after a WAL
                   checkpoint (models.sqlite_backup.frozen_snapshot), or, when it cannot be
                   frozen, a copy made with SQLite's online backup API;
* `files/ab/<sha>` every attachment blob referenced by any attachment row, deleted ones too;
* `manifest.json`  format, schema revision, created_at, per-table row counts, the database's
                   size and sha256 digests of its 4 MiB pieces, the attachments with hash and size.

Format 2 (this writer). Format 1 files (deflated database, per-table row checksums, a
whole-file seal, integrity_check on every read) are still read and restored as before.

The zip comment seals the file: a sha256 over every byte outside the database member plus the
root of the database's digests, so a flipped byte anywhere (even in zip fields no reader checks)
is caught, and checking it needs no second pass over the database.

Everything is written to a temp file in the backup folder: the database is hashed (on both
cores) while it is copied, the file is fsynced while its stored bytes are read back and checked
against the recorded digests, and only then renamed to its final name: a `.kbk` file either
exists whole and verified, or not at all.

Restore verifies first (digests, seal, revision, row counts, quick_check; format 1:
integrity_check) and refuses before touching anything; then it backs up the current database,
restores attachments (content-addressed: existing blobs are kept), checkpoints the old database
and removes its WAL (so it can never be replayed onto the new file) and swaps the verified copy
in with one atomic rename.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import shutil
import sqlite3
import struct
import tempfile
import threading
import zipfile
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from models.errors import DataLayerError
from models.health import SQLITE_HEADER, check_sqlite_file
from models.sqlite_backup import (
    FrozenSnapshot,
    SnapshotUnavailable,
    backup_sqlite,
    frozen_snapshot,
)
from persian.jalali import from_jalali, jalali_file_stamp, to_jalali
from services.backup_crypto import WRONG_PASSWORD, BackupError, decrypt_file, encrypt_file
from services.backup_crypto import is_encrypted as _is_encrypted

__all__ = ["BackupError", "BackupInfo", "create_backup", "verify_backup", "list_backups",
           "restore_backup", "apply_retention", "default_backup_dir", "BACKUP_SUFFIX"]

FORMAT = "khooshe-backup"
FORMAT_VERSION = 2  # 1: deflated database, whole-file seal (still read)
BACKUP_SUFFIX = ".kbk"
DB_MEMBER = "khooshe.db"
MANIFEST_MEMBER = "manifest.json"
FILES_PREFIX = "files/"
NAME_RE = re.compile(r"^khooshe-(\d{4})-(\d{2})-(\d{2})_(\d{2})(\d{2})(\d{2})(?:-(\d+))?\.kbk$")
_TMP_PREFIX = ".khooshe-backup-"
# The zip comment seals the file. Format 1: sha256 over every byte before the comment-length
# field. Format 2: the same, with the database member's bytes replaced by their tree root.
SEAL_PREFIX = b"KHBK1-SHA256:"
SEAL2_PREFIX = b"KHBK2-SHA256:"
SEAL_SIZE = len(SEAL_PREFIX) + 64

NO_SPACE = ("فضای کافی برای نوشتن پشتیبان نیست (دیسک پر است یا اجازه نوشتن فایل بزرگ‌تر داده "
            "نشد). فضای دیسک را آزاد کنید یا پوشه دیگری برای پشتیبان انتخاب کنید؛ "
            "پشتیبان‌های قبلی دست‌نخورده‌اند.")
TRUNCATED = "فایل پشتیبان ناقص است (بریده شده یا کامل کپی نشده). از پشتیبان دیگری استفاده کنید."
TAMPERED = ("فایل پشتیبان خراب یا دست‌کاری شده است (کنترل صحت داده‌ها نخواند). "
            "از پشتیبان دیگری استفاده کنید.")
FOREIGN = "این فایل پشتیبان خوشه نیست؛ به پایگاه داده دست زده نشد."
TOO_NEW = ("این پشتیبان با نسخه جدیدتری از خوشه ساخته شده است و این نسخه نمی‌تواند آن را "
           "بازیابی کند. برنامه را به‌روز کنید.")
NEEDS_PASSWORD = "این پشتیبان رمزگذاری شده است؛ رمز عبور آن را وارد کنید."


@dataclass
class BackupInfo:
    path: Path
    created_at: datetime | None  # UTC, naive (like every time in the database)
    size: int
    encrypted: bool
    revision: str | None = None
    reason: str | None = None
    counts: dict[str, int] = field(default_factory=dict)  # user tables → rows
    attachments: int = 0
    missing_attachments: list[str] = field(default_factory=list)
    valid: bool | None = None  # None: not checked (encrypted and no password)
    error: str | None = None
    error_code: str | None = None
    safety_backup: Path | None = None  # restore: where the previous database went

    @property
    def records(self) -> int:
        return sum(n for t, n in self.counts.items() if t in RECORD_TABLES)


RECORD_TABLES = ("cluster", "firm", "organisation", "person", "activity", "resolution",
                 "joint_action", "action_plan_item", "indicator_value", "attachment",
                 "participant")


# ---------------------------------------------------------------------------------------------
# Small helpers


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


def _is_space_error(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return True
    if isinstance(exc, sqlite3.Error):
        text = str(exc).lower()
        return "full" in text or "disk i/o" in text
    if isinstance(exc, DataLayerError) and exc.__cause__ is not None:
        return _is_space_error(exc.__cause__)
    return False


@contextlib.contextmanager
def _space_errors() -> Iterator[None]:
    try:
        yield
    except BackupError:
        raise
    except (OSError, sqlite3.Error, DataLayerError) as exc:
        if _is_space_error(exc):
            raise BackupError(NO_SPACE, "backup_no_space") from exc
        if isinstance(exc, DataLayerError):
            raise BackupError(exc.message) from exc
        raise BackupError(f"پشتیبان نوشته نشد: {exc}") from exc


def _ro(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
    conn.execute("PRAGMA trusted_schema=OFF")
    return conn


# The search index is derived from the records (models.search_index.rebuild recreates it) and is
# most of a big database's bytes; hashing it row by row doubled a 100k backup's time. It is still
# in the backup and still covered by the database file's sha256 and integrity_check.
DERIVED_TABLES = ("search_doc",)
DERIVED_PREFIXES = ("search_fts",)


def _is_derived(table: str) -> bool:
    return table in DERIVED_TABLES or table.startswith(DERIVED_PREFIXES)


def table_digests(conn: sqlite3.Connection) -> dict[str, dict[str, object]]:
    """Row count and sha256 over the rows (in primary-key order) of every record table."""
    result: dict[str, dict[str, object]] = {}
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name") if not _is_derived(r[0])]
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        info = list(conn.execute(f"PRAGMA table_info({quoted})"))
        pk = [row[1] for row in sorted((r for r in info if r[5]), key=lambda r: r[5])]
        without_rowid = conn.execute(
            "SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_master WHERE name=?", (table,)
        ).fetchone()[0]
        if pk:
            order = ", ".join('"' + c.replace('"', '""') + '"' for c in pk)
        elif not without_rowid:
            order = "rowid"
        else:
            order = ", ".join(str(i + 1) for i in range(len(info)))
        digest = hashlib.sha256()
        count = 0
        # Names come from sqlite_master of the file being checked, quoted as identifiers.
        cursor = conn.execute(f"SELECT * FROM {quoted} ORDER BY {order}")  # noqa: S608
        while rows := cursor.fetchmany(2000):
            # repr of a row of None/int/float/str/bytes is exact and deterministic, and fast.
            digest.update(("\n".join(map(repr, rows)) + "\n").encode("utf-8", "surrogatepass"))
            count += len(rows)
        result[table] = {"rows": count, "sha256": digest.hexdigest()}
    return result


def _attachment_hashes(conn: sqlite3.Connection) -> list[str]:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='attachment'").fetchone()
    if not exists:
        return []
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT sha256 FROM attachment WHERE sha256 IS NOT NULL ORDER BY sha256")]


def files_dir_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.stem + "-files")


def _blob_path(files_dir: Path, sha: str) -> Path:
    return files_dir / sha[:2] / sha


def default_backup_dir(db_path: Path) -> Path:
    """The backup_dir setting if set, else `<db folder>/backups`."""
    db_path = Path(db_path)
    try:
        conn = _ro(db_path)
        try:
            row = conn.execute("SELECT value FROM setting WHERE key='backup_dir'").fetchone()
        finally:
            conn.close()
        if row:
            value = json.loads(row[0])
            if isinstance(value, str) and value.strip():
                return Path(value).expanduser()
    except (sqlite3.Error, ValueError, OSError):
        pass
    return db_path.parent / "backups"


def _clean_stale(folder: Path, max_age_s: float = 3600) -> None:
    """Removes work folders left by a killed backup/restore (old enough to be nobody's)."""
    import time

    with contextlib.suppress(OSError):
        for p in folder.glob(_TMP_PREFIX + "*"):
            if p.is_dir() and time.time() - p.stat().st_mtime > max_age_s:
                shutil.rmtree(p, ignore_errors=True)


def _final_name(backup_dir: Path, now: datetime) -> Path:
    stamp = jalali_file_stamp(now)
    path = backup_dir / f"khooshe-{stamp}{BACKUP_SUFFIX}"
    n = 2
    while path.exists():
        path = backup_dir / f"khooshe-{stamp}-{n}{BACKUP_SUFFIX}"
        n += 1
    return path


def stamp_of(path: Path) -> datetime | None:
    """The local wall-clock time in a backup's file name, or None for other names."""
    m = NAME_RE.match(path.name)
    if not m:
        return None
    y, mo, d, hh, mm, ss = (int(g) for g in m.groups()[:6])
    try:
        day = from_jalali(y, mo, d)
        return datetime(day.year, day.month, day.day, hh, mm, ss)
    except Exception:  # noqa: BLE001 - a hand-renamed file is simply not one of ours
        return None


# ---------------------------------------------------------------------------------------------
# Chunked copying and hashing
#
# The database member is hashed as a list of sha256 digests of HASH_CHUNK-byte pieces (its
# "tree": the root is the sha256 of the concatenated digests). Unlike one sha256 over the file,
# the pieces can be hashed on every core at once, while the calling thread copies them; the
# check when reading is as strong (a changed byte changes its piece's digest).

HASH_CHUNK = 4 * 1024 * 1024
_IN_FLIGHT = 8  # pieces read ahead of the copy: bounds memory to ~32 MiB
_WRITEBACK_STEP = 32 * 1024 * 1024
_THREADS = 3  # two hashing threads (two cores) and one waiting in fsync


_PREAD_LOCK = threading.Lock()  # only where os.pread is missing (Windows): seek+read pairs


def _pread(fd: int, size: int, offset: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    with _PREAD_LOCK:  # pragma: no cover - Windows
        os.lseek(fd, offset, os.SEEK_SET)
        return os.read(fd, size)


def _read_digest(fd: int, size: int, offset: int, crc: bool) -> tuple[bytes, bytes, int]:
    data = _pread(fd, size, offset)
    # All three release the GIL: pieces are read and hashed on both cores at once.
    return data, hashlib.sha256(data).digest(), zlib.crc32(data) if crc else 0


# zlib's crc32_combine, which Python does not expose: the CRC-32 of A+B from crc(A), crc(B) and
# len(B), so the pieces' CRCs (which the zip format needs) can be computed in parallel too.
_CRC_POLY = 0xEDB88320


def _crc_multmodp(a: int, b: int) -> int:
    """a * b modulo the CRC-32 polynomial (bit-reflected, as in zlib)."""
    m = 1 << 31
    p = 0
    while True:
        if a & m:
            p ^= b
            if (a & (m - 1)) == 0:
                return p
        m >>= 1
        b = (b >> 1) ^ _CRC_POLY if b & 1 else b >> 1


_CRC_X2N = [1 << 30]  # x^(2^k) modulo the polynomial, k = 0..31
for _ in range(31):
    _CRC_X2N.append(_crc_multmodp(_CRC_X2N[-1], _CRC_X2N[-1]))


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    p = 1 << 31  # x^0
    n, k = len2, 3  # x^(8 * len2): one byte is 2^3 bits
    while n:
        if n & 1:
            p = _crc_multmodp(_CRC_X2N[k & 31], p)
        n >>= 1
        k += 1
    return _crc_multmodp(p, crc1) ^ crc2


def _tree_root(digests: list[bytes]) -> bytes:
    return hashlib.sha256(b"".join(digests)).digest()


class _Writeback:
    """Starts the disk writes of what was written so far, without waiting for them.

    posix_fadvise(DONTNEED) on freshly written (dirty) pages makes Linux queue their writeback
    and keeps them cached (dirty and in-flight pages are not dropped), so the disk works while we
    still copy and hash, and the final fsync has little left to wait for.
    """

    def __init__(self, fd: int, start: int) -> None:
        self.fd = fd
        self.done = start
        self.enabled = hasattr(os, "posix_fadvise")

    def upto(self, end: int, *, final: bool = False) -> None:
        if not self.enabled or (end - self.done < _WRITEBACK_STEP and not final) \
                or end <= self.done:
            return
        with contextlib.suppress(OSError):
            os.posix_fadvise(self.fd, self.done, end - self.done, os.POSIX_FADV_DONTNEED)
        self.done = end


def _stream_chunks(src_fd: int, offset: int, size: int, pool: ThreadPoolExecutor, *,
                   sink: Callable[[bytes], object] | None = None, chunk: int = HASH_CHUNK,
                   progress: Callable[[int, int], None] | None = None,
                   crcs: list[tuple[int, int]] | None = None) -> list[bytes]:
    """Reads `size` bytes of `src_fd` from `offset` in pieces; returns the pieces' digests.

    `pool` threads read and hash the pieces, several at once; this thread hands each, in order,
    to `sink` (a copy) meanwhile. With `crcs`, (CRC-32, length) of each piece is appended to it.
    Raises EOFError if the file ends early.
    """
    starts = range(0, size, chunk)
    pending: deque[tuple[int, Future[tuple[bytes, bytes]]]] = deque()
    digests: list[bytes] = []
    queued = iter(starts)
    done = 0
    while True:
        while len(pending) < _IN_FLIGHT and (pos := next(queued, None)) is not None:
            n = min(chunk, size - pos)
            pending.append((n, pool.submit(_read_digest, src_fd, n, offset + pos,
                                           crcs is not None)))
        if not pending:
            return digests
        n, future = pending.popleft()
        data, digest, crc = future.result()
        if len(data) != n:
            raise EOFError
        digests.append(digest)
        if crcs is not None:
            crcs.append((crc, n))
        if sink is not None:
            sink(data)
        done += n
        if progress is not None:
            progress(done, size)


# ---------------------------------------------------------------------------------------------
# Create


def create_backup(db_path: Path, backup_dir: Path, *, password: str | None = None,
                  progress: Callable[[str, int, int], None] | None = None,
                  reason: str = "manual") -> BackupInfo:
    """Writes and verifies one backup file of the database at `db_path`; returns its info.

    `progress(stage, done, total)` is called with stage "database", "files", "verify".

    The database goes into the archive as the bytes of its main file, frozen by a read
    transaction after a WAL checkpoint (models.sqlite_backup.frozen_snapshot), hashed while they
    are copied; the stored bytes are then read back and must hash to the recorded digests. No
    integrity_check and no deflate on this path: the source passed quick_check when the app
    opened it, and a byte-identical copy with matching digests is exactly as sound; every
    restore (and verify_backup) still runs quick_check on the copy before it is used.
    """
    db_path = Path(db_path)
    backup_dir = Path(backup_dir)
    _check_source_file(db_path)
    files_dir = files_dir_for(db_path)
    with _space_errors():
        backup_dir.mkdir(parents=True, exist_ok=True)
        _clean_stale(backup_dir)
        work = Path(tempfile.mkdtemp(prefix=_TMP_PREFIX, dir=backup_dir))
    try:
        with _space_errors(), ThreadPoolExecutor(_THREADS, "khooshe-backup") as pool:
            plain = work / "backup.zip"
            created = datetime.now(UTC).replace(tzinfo=None)
            with plain.open("w+b") as fh:
                with _source_snapshot(db_path, work) as snap:
                    revision, tables, hashes = _describe_snapshot(db_path, snap)
                    db_meta = _write_db_zip(fh, snap, pool, progress, writeback=not password)
                fh.seek(0)
                with zipfile.ZipFile(fh, "a", allowZip64=True) as zf:
                    attachments: list[dict[str, object]] = []
                    missing: list[str] = []
                    for i, sha in enumerate(hashes):
                        if progress is not None:
                            progress("files", i, len(hashes))
                        entry = _add_blob(zf, files_dir, sha)
                        if entry is None:
                            missing.append(sha)
                        else:
                            attachments.append(entry)
                    manifest = {
                        "format": FORMAT,
                        "format_version": FORMAT_VERSION,
                        "app_revision": revision,
                        "created_at": created.isoformat() + "Z",
                        "reason": reason,
                        "source": db_path.name,
                        "database": db_meta,
                        "tables": tables,
                        "attachments": attachments,
                        "missing_attachments": missing,
                    }
                    zf.writestr(MANIFEST_MEMBER,
                                json.dumps(manifest, ensure_ascii=False, indent=1),
                                compress_type=zipfile.ZIP_DEFLATED)
                _seal_v2(fh, bytes.fromhex(str(db_meta["tree_sha256"])))
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
            synced = pool.submit(_fsync_file, payload)
            try:
                info = _verify(payload, password, scratch=work, require_known_revision=False,
                               db_checks=False, pool=pool)
            finally:
                synced.result()
            final = _final_name(backup_dir, datetime.now())
            os.replace(payload, final)
            _fsync_dir(backup_dir)
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
                       ) -> tuple[str, dict[str, dict[str, int]], list[str]]:
    """Revision, per-table row counts and attachment hashes, read in the frozen snapshot."""
    try:
        revision = snap.revision()
        if revision is None:
            raise BackupError("این فایل پایگاه داده خوشه نیست؛ پشتیبان ساخته نشد.",
                              "backup_foreign")
        counts = snap.row_counts(lambda t: not _is_derived(t))
        hashes = _attachment_hashes(snap.conn)
    except sqlite3.DatabaseError as exc:
        health = check_sqlite_file(db_path, full=False)
        message = health.message if not health.ok else f"پایگاه داده خوانده نشد: {exc}"
        raise BackupError(message, "backup_source_damaged") from exc
    return revision, {t: {"rows": n} for t, n in counts.items()}, hashes


def _write_db_zip(fh: BinaryIO, snap: FrozenSnapshot, pool: ThreadPoolExecutor,
                  progress: Callable[[str, int, int], None] | None, *,
                  writeback: bool) -> dict[str, object]:
    """Writes into the empty `fh` a zip holding the frozen main file (stored) as its one member.

    The member is written here rather than through zipfile so that its CRC-32, like its sha256
    pieces, is computed on the pool threads (zipfile computes it in the writing thread, which
    then waits for it); the caller appends the other members with zipfile in "a" mode.
    """
    kick = _Writeback(fh.fileno(), 0)
    crcs: list[tuple[int, int]] = []

    def _progress(done: int, total: int) -> None:
        if progress is not None:
            progress("database", done, total)

    def _sink(data: bytes) -> None:
        fh.write(data)
        if writeback:
            kick.upto(fh.tell())

    zinfo = zipfile.ZipInfo(DB_MEMBER, date_time=datetime.now().timetuple()[:6])
    zinfo.compress_type = zipfile.ZIP_STORED  # deflate cost seconds and saved little
    zinfo.create_system = 3  # unix: the mode below is meaningful
    zinfo.external_attr = 0o100644 << 16
    zinfo.header_offset = 0
    zinfo.file_size = zinfo.compress_size = snap.size
    if snap.size >= zipfile.ZIP64_LIMIT:
        # Beyond 4 GiB zip64 fields are needed: let zipfile write it (CRC in this thread).
        with zipfile.ZipFile(fh, "w", allowZip64=True) as zf, zf.open(zinfo, "w") as member:

            def _member_sink(data: bytes) -> None:
                member.write(data)
                if writeback:
                    kick.upto(fh.tell())

            digests = _stream_chunks(snap.fd, 0, snap.size, pool, chunk=HASH_CHUNK,
                                     sink=_member_sink, progress=_progress)
    else:
        zinfo.CRC = 0
        header = zinfo.FileHeader(zip64=False)
        fh.write(header)  # rewritten below with the CRC
        digests = _stream_chunks(snap.fd, 0, snap.size, pool, chunk=HASH_CHUNK, sink=_sink,
                                 progress=_progress, crcs=crcs)
        crc = 0
        for piece_crc, length in crcs:
            crc = crc32_combine(crc, piece_crc, length)
        zinfo.CRC = crc
        end = fh.tell()
        fh.seek(0)
        fh.write(zinfo.FileHeader(zip64=False))
        fh.seek(end)
        name = DB_MEMBER.encode("ascii")
        dostime = (zinfo.date_time[3] << 11) | (zinfo.date_time[4] << 5) | (zinfo.date_time[5] // 2)
        dosdate = ((zinfo.date_time[0] - 1980) << 9) | (zinfo.date_time[1] << 5) \
            | zinfo.date_time[2]
        # The central directory of this one member, then the end record: a complete zip that
        # zipfile's "a" mode extends (it rewrites both after the members it appends).
        central = struct.pack(zipfile.structCentralDir, zipfile.stringCentralDir, 20, 3, 20, 0,
                              0, zipfile.ZIP_STORED, dostime, dosdate, crc, snap.size,
                              snap.size, len(name), 0, 0, 0, 0, zinfo.external_attr, 0) + name
        fh.write(central)
        fh.write(struct.pack(zipfile.structEndArchive, zipfile.stringEndArchive, 0, 0, 1, 1,
                             len(central), end, 0))
    fh.flush()
    return {"member": DB_MEMBER, "size": snap.size, "chunk_size": HASH_CHUNK,
            "chunk_sha256": [d.hex() for d in digests],
            "tree_sha256": _tree_root(digests).hex()}


def _add_blob(zf: zipfile.ZipFile, files_dir: Path, sha: str) -> dict[str, object] | None:
    """Adds a stored attachment, checking it against its name; None if missing or damaged."""
    src = _blob_path(files_dir, sha)
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


def _sha256_file(path: Path, limit: int | None = None) -> str:
    digest = hashlib.sha256()
    left = path.stat().st_size if limit is None else limit
    with path.open("rb") as fh:
        while left > 0 and (chunk := fh.read(min(1024 * 1024, left))):
            digest.update(chunk)
            left -= len(chunk)
    return digest.hexdigest()


def _db_member_range(fd: int, zinfo: zipfile.ZipInfo) -> tuple[int, int]:
    """(offset, length) of a stored member's bytes in the archive, from its local header."""
    head = _pread(fd, 30, zinfo.header_offset)
    if len(head) != 30 or head[:4] != b"PK\x03\x04":
        raise BackupError(TAMPERED, "backup_tampered")
    name_len, extra_len = struct.unpack("<HH", head[26:30])
    return zinfo.header_offset + 30 + name_len + extra_len, zinfo.compress_size


def _seal2_digest(fd: int, db_start: int, db_end: int, root: bytes, limit: int) -> str:
    """Format 2 seal: sha256 over every byte before `limit` except the database member's
    bytes, which count through their tree root — so the seal needs no second pass over them."""
    digest = hashlib.sha256()
    if not 0 <= db_start <= db_end <= limit:
        raise BackupError(TAMPERED, "backup_tampered")
    for start, end in ((0, db_start), (db_end, limit)):
        pos = start
        while pos < end:
            data = _pread(fd, min(1024 * 1024, end - pos), pos)
            if not data:
                raise BackupError(TRUNCATED, "backup_truncated")
            digest.update(data)
            pos += len(data)
        if start == 0:
            digest.update(root)
    return digest.hexdigest()


def _seal_v2(fh: BinaryIO, root: bytes) -> None:
    """Writes the format-2 seal as the zip comment of the archive just closed in `fh`."""
    fh.flush()
    size = fh.seek(0, os.SEEK_END)
    fh.seek(size - 22)
    eocd = fh.read(22)
    if eocd[:4] != b"PK\x05\x06" or eocd[-2:] != b"\x00\x00":
        raise BackupError("ساخت فایل پشتیبان ناموفق بود (ساختار zip نامنتظره).")
    fd = fh.fileno()
    with zipfile.ZipFile(fh) as zf:
        start, length = _db_member_range(fd, zf.getinfo(DB_MEMBER))
    digest = _seal2_digest(fd, start, start + length, root, size - 2)
    fh.seek(size - 2)
    fh.write(struct.pack("<H", SEAL_SIZE) + SEAL2_PREFIX + digest.encode("ascii"))
    fh.flush()


def _read_seal(path: Path) -> tuple[int, str] | None:
    """(seal format, hex digest) from the zip comment, or None when there is no seal."""
    size = path.stat().st_size
    if size < SEAL_SIZE + 22:
        return None
    with path.open("rb") as fh:
        fh.seek(size - SEAL_SIZE - 22)
        tail = fh.read()
    if tail[:4] != b"PK\x05\x06" or tail[20:22] != struct.pack("<H", SEAL_SIZE):
        return None
    comment = tail[22:]
    for version, prefix in ((1, SEAL_PREFIX), (2, SEAL2_PREFIX)):
        if comment.startswith(prefix):
            return version, comment[len(prefix):].decode("ascii", "replace")
    return None


def _seal_state(path: Path) -> bool | None:
    """Format 1 — True: sealed and intact; False: sealed but some byte changed; None: no
    format-1 seal."""
    seal = _read_seal(path)
    if seal is None or seal[0] != 1:
        return None
    return _sha256_file(path, path.stat().st_size - SEAL_SIZE - 2) == seal[1]


# ---------------------------------------------------------------------------------------------
# Verify


def verify_backup(path: Path, *, password: str | None = None) -> BackupInfo:
    """Checks a backup completely; raises BackupError (Persian message, code) if it is not good."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="khooshe-verify-") as scratch:
        return _verify(path, password, scratch=Path(scratch), require_known_revision=True)


def _verify(path: Path, password: str | None, *, scratch: Path, require_known_revision: bool,
            keep_db: Path | None = None, db_checks: bool = True,
            pool: ThreadPoolExecutor | None = None) -> BackupInfo:
    """Verifies `path`; with `keep_db`, the verified database copy is left at that path.

    `db_checks=False` (only right after writing a format-2 backup) checks every stored byte
    against the recorded digests but does not open the database inside: it is the source's
    frozen bytes, whose revision and row counts were read in the same snapshot.
    """
    if not path.is_file():
        raise BackupError(f"فایل پشتیبان پیدا نشد: {path}", "backup_not_found")
    size = path.stat().st_size
    if size == 0:
        raise BackupError(TRUNCATED, "backup_truncated")
    encrypted = _is_encrypted(path)
    zip_path = path
    if encrypted:
        if not password:
            raise BackupError(NEEDS_PASSWORD, "backup_password_required")
        zip_path = scratch / "decrypted.zip"
        decrypt_file(path, zip_path, password)
    try:
        with contextlib.ExitStack() as stack:
            if pool is None:
                pool = stack.enter_context(ThreadPoolExecutor(_THREADS, "khooshe-verify"))
            info = _verify_zip(zip_path, scratch, require_known_revision, keep_db,
                               db_checks=db_checks, pool=pool)
    finally:
        if encrypted:
            zip_path.unlink(missing_ok=True)
    info.path = path
    info.size = size
    info.encrypted = encrypted
    info.valid = True
    return info


def _read_manifest(zf: zipfile.ZipFile) -> dict:
    try:
        raw = zf.read(MANIFEST_MEMBER)
    except KeyError:
        raise BackupError(FOREIGN, "backup_foreign") from None
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BackupError(TAMPERED, "backup_tampered") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(FOREIGN, "backup_foreign")
    version = manifest.get("format_version")
    if not isinstance(version, int):
        raise BackupError(TAMPERED, "backup_tampered")
    if version > FORMAT_VERSION:
        raise BackupError(TOO_NEW, "backup_too_new")
    return manifest


def _open_zip(path: Path) -> zipfile.ZipFile:
    with path.open("rb") as fh:
        head = fh.read(16)
    if head.startswith(SQLITE_HEADER[:15]):
        raise BackupError("این فایل یک پایگاه داده SQLite است، نه فایل پشتیبان خوشه (.kbk).",
                          "backup_foreign")
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        if head.startswith(b"PK"):
            raise BackupError(TRUNCATED, "backup_truncated") from None
        raise BackupError(FOREIGN, "backup_foreign") from None
    except OSError as exc:
        raise BackupError(f"فایل پشتیبان خوانده نشد: {exc.strerror}", "backup_unreadable") from exc


def _verify_zip(zip_path: Path, scratch: Path, require_known_revision: bool,
                keep_db: Path | None, *, db_checks: bool, pool: ThreadPoolExecutor) -> BackupInfo:
    def known_revisions() -> set[str]:
        # Imported only when needed: models.migrate pulls in SQLAlchemy (a second or more
        # the first time), which a check right after writing does not need.
        from models.migrate import known_revisions as known

        return known()

    seal = _read_seal(zip_path)
    # Format 1 seals the whole file: check it first, a cheap refusal of any changed byte.
    if seal is not None and seal[0] == 1 and _seal_state(zip_path) is False:
        raise BackupError(TAMPERED, "backup_tampered")
    try:
        with _open_zip(zip_path) as zf:
            manifest = _read_manifest(zf)
            version = manifest["format_version"]
            try:
                db_meta = manifest["database"]
                tables = manifest["tables"]
                attachments = manifest["attachments"]
                revision = manifest["app_revision"]
                created_text = manifest["created_at"]
            except (KeyError, TypeError):
                raise BackupError(TAMPERED, "backup_tampered") from None
            if require_known_revision and revision not in known_revisions():
                raise BackupError(TOO_NEW, "backup_too_new")
            db_file = (keep_db or scratch / "verify.db") if (db_checks or keep_db) else None
            if db_file is not None:
                db_file.unlink(missing_ok=True)
            try:
                root = None
                if version >= 2:
                    root = _verify_db_member(zf, zip_path, db_meta, db_file, pool)
                else:
                    assert db_file is not None  # format 1 is only read, always with checks
                    _extract(zf, DB_MEMBER, db_file)
                    if _sha256_file(db_file) != db_meta.get("sha256"):
                        raise BackupError(TAMPERED, "backup_tampered")
                if db_file is not None:
                    # Format 1 keeps its full integrity_check. Format 2 holds the byte-identical
                    # main file of a database that passed quick_check when the app opened it;
                    # quick_check is what the app would run on it at open, so it runs here
                    # before anything is replaced.
                    _check_database(db_file, revision, tables, require_known_revision,
                                    known_revisions,
                                    "quick_check" if version >= 2 else "integrity_check")
            except BaseException:
                if db_file is not None:
                    db_file.unlink(missing_ok=True)
                raise
            if keep_db is None and db_file is not None:
                db_file.unlink(missing_ok=True)
            for entry in attachments:
                digest = hashlib.sha256()
                size = 0
                with zf.open(entry["member"]) as fh:
                    while chunk := fh.read(1024 * 1024):
                        digest.update(chunk)
                        size += len(chunk)
                if digest.hexdigest() != entry["sha256"] or size != entry["size"]:
                    raise BackupError(TAMPERED, "backup_tampered")
            if seal is None or seal[0] != (2 if version >= 2 else 1):
                # everything else checked out, but the seal is gone (or of the other format)
                raise BackupError(TAMPERED, "backup_tampered")
            if root is not None:
                _check_seal_v2(zip_path, zf, root, seal[1])
    except BackupError:
        raise
    except zipfile.BadZipFile:
        raise BackupError(TAMPERED, "backup_tampered") from None
    except (KeyError, TypeError, ValueError, EOFError):
        raise BackupError(TAMPERED, "backup_tampered") from None
    except zlib.error:
        raise BackupError(TAMPERED, "backup_tampered") from None
    try:
        created = datetime.fromisoformat(created_text.rstrip("Z"))
    except (AttributeError, ValueError):
        created = None
    return BackupInfo(
        path=zip_path, created_at=created, size=0, encrypted=False, revision=revision,
        reason=manifest.get("reason"),
        counts={t: int(v["rows"]) for t, v in tables.items()},
        attachments=len(attachments),
        missing_attachments=list(manifest.get("missing_attachments") or []),
    )


def _verify_db_member(zf: zipfile.ZipFile, zip_path: Path, db_meta: dict,
                      db_file: Path | None, pool: ThreadPoolExecutor) -> bytes:
    """Format 2: every byte of the stored database against its recorded piece digests.

    With `db_file`, the bytes are also copied there (one read of the archive does both).
    Returns the tree root, which the seal covers.
    """
    zinfo = zf.getinfo(DB_MEMBER)
    size = db_meta["size"]
    chunk = db_meta["chunk_size"]
    expected = db_meta["chunk_sha256"]
    if (zinfo.compress_type != zipfile.ZIP_STORED or not isinstance(size, int)
            or zinfo.file_size != size or zinfo.compress_size != size
            or not isinstance(chunk, int) or not 4096 <= chunk <= 256 * 1024 * 1024
            or not isinstance(expected, list)):
        raise BackupError(TAMPERED, "backup_tampered")
    with zip_path.open("rb") as fh:
        fd = fh.fileno()
        start, length = _db_member_range(fd, zinfo)
        if start + length > os.fstat(fd).st_size:
            raise BackupError(TRUNCATED, "backup_truncated")
        if db_file is None:
            digests = _stream_chunks(fd, start, length, pool, chunk=chunk)
        else:
            with db_file.open("wb") as out:
                kick = _Writeback(out.fileno(), 0)

                def _sink(data: bytes) -> None:
                    out.write(data)
                    kick.upto(out.tell())

                digests = _stream_chunks(fd, start, length, pool, sink=_sink, chunk=chunk)
    if [d.hex() for d in digests] != expected:
        raise BackupError(TAMPERED, "backup_tampered")
    root = _tree_root(digests)
    if root.hex() != db_meta.get("tree_sha256"):
        raise BackupError(TAMPERED, "backup_tampered")
    return root


def _check_seal_v2(zip_path: Path, zf: zipfile.ZipFile, root: bytes, recorded: str) -> None:
    with zip_path.open("rb") as fh:
        fd = fh.fileno()
        start, length = _db_member_range(fd, zf.getinfo(DB_MEMBER))
        limit = os.fstat(fd).st_size - SEAL_SIZE - 2
        if _seal2_digest(fd, start, start + length, root, limit) != recorded:
            raise BackupError(TAMPERED, "backup_tampered")


def _extract(zf: zipfile.ZipFile, member: str, dest: Path) -> None:
    with zf.open(member) as fin, dest.open("wb") as fout:
        shutil.copyfileobj(fin, fout, 1024 * 1024)


def _check_database(db_file: Path, revision: str | None, tables: dict, require_known: bool,
                    known_revisions: Callable[[], set[str]], pragma: str) -> None:
    with db_file.open("rb") as fh:
        if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise BackupError(FOREIGN, "backup_foreign")
    try:
        conn = _ro(db_file)
    except sqlite3.Error:
        raise BackupError(TAMPERED, "backup_tampered") from None
    try:
        # pragma is "integrity_check" or "quick_check", never user input.
        if [r[0] for r in conn.execute(f"PRAGMA {pragma}")] != ["ok"]:  # noqa: S608
            raise BackupError(TAMPERED, "backup_tampered")
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in names:
            raise BackupError(FOREIGN, "backup_foreign")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        actual = row[0] if row else None
        if require_known and actual not in known_revisions():
            raise BackupError(TOO_NEW, "backup_too_new")
        if actual != revision:
            raise BackupError(TAMPERED, "backup_tampered")
        # Every byte is already covered by the digests (checked by the caller); recounting
        # rows confirms the manifest describes this database without re-hashing every row.
        for table, meta in tables.items():
            quoted = '"' + str(table).replace('"', '""') + '"'
            count = conn.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]  # noqa: S608
            if count != int(meta["rows"]):
                raise BackupError(TAMPERED, "backup_tampered")
    except sqlite3.DatabaseError:
        raise BackupError(TAMPERED, "backup_tampered") from None
    finally:
        conn.close()


# ---------------------------------------------------------------------------------------------
# List


def list_backups(backup_dir: Path, *, password: str | None = None,
                 verify: bool = True) -> list[BackupInfo]:
    """Every `.kbk` file in the folder, newest first, each verified (unless `verify=False`).

    Encrypted backups are verified only when `password` is given; otherwise `valid` is None.
    """
    backup_dir = Path(backup_dir)
    if not backup_dir.is_dir():
        return []
    result: list[BackupInfo] = []
    for path in backup_dir.glob(f"*{BACKUP_SUFFIX}"):
        if not path.is_file():
            continue
        stamp = stamp_of(path)
        encrypted = _safe_is_encrypted(path)
        info = BackupInfo(path=path, created_at=None, size=path.stat().st_size,
                          encrypted=encrypted)
        if verify and (not encrypted or password):
            try:
                info = verify_backup(path, password=password)
            except BackupError as exc:
                info.valid, info.error, info.error_code = False, exc.message, exc.code
        if info.created_at is None and stamp is not None:
            info.created_at = stamp.astimezone(UTC).replace(tzinfo=None)
        result.append(info)
    result.sort(key=lambda i: (stamp_of(i.path) or datetime.min, i.path.name), reverse=True)
    return result


def _safe_is_encrypted(path: Path) -> bool:
    try:
        return _is_encrypted(path)
    except OSError:
        return False


# ---------------------------------------------------------------------------------------------
# Restore


def restore_backup(backup_path: Path, db_path: Path, *, password: str | None = None,
                   progress: Callable[[str, int, int], None] | None = None,
                   safety_dir: Path | None = None) -> BackupInfo:
    """Replaces the database at `db_path` with the backup; refuses bad backups untouched.

    Returns the restored backup's info; `info.reason` is kept and the safety backup of the
    previous database (if one was made) is in `info.safety_backup`.
    """
    backup_path = Path(backup_path)
    db_path = Path(db_path).absolute()
    target_dir = db_path.parent
    target_dir.mkdir(parents=True, exist_ok=True)
    _clean_stale(target_dir)
    scratch = Path(tempfile.mkdtemp(prefix=_TMP_PREFIX, dir=target_dir))
    try:
        new_db = scratch / "restored.db"
        if progress is not None:
            progress("verify", 0, 1)
        # 1. Verify completely; a bad backup is refused before anything is touched. Meanwhile
        # (read-only, on the other core) quick_check the current database for step 2.
        current = db_path.exists() and db_path.stat().st_size > 0
        with ThreadPoolExecutor(1, "khooshe-restore-check") as side:
            checked = side.submit(check_sqlite_file, db_path, full=False) if current else None
            info = _verify(backup_path, password, scratch=scratch, require_known_revision=True,
                           keep_db=new_db)
            health = checked.result() if checked is not None else None
        # 2. The current database goes into a backup first (or aside, if it is damaged).
        safety: Path | None = None
        if health is not None:
            if health.ok and health.revision is not None:
                if progress is not None:
                    progress("safety", 0, 1)
                safety = create_backup(db_path, safety_dir or default_backup_dir(db_path),
                                       password=password, reason="before-restore").path
            else:
                safety = _move_aside(db_path)
        # 3. Attachments: content-addressed, so adding blobs never harms the current database.
        with _space_errors():
            _restore_blobs(backup_path, password, scratch, files_dir_for(db_path), info,
                           progress)
            # 4. Swap: the old WAL must never be replayed onto the new file.
            _fsync_file(new_db)
            _retire_old_database(db_path)
            os.replace(new_db, db_path)
            _fsync_dir(target_dir)
        # The file passed its checks under its temporary name; a rename changes no byte, so
        # opening it and reading its revision is check enough (not a second quick_check).
        if not _opens(db_path):
            health = check_sqlite_file(db_path, full=False)
            raise BackupError(health.message if not health.ok else TAMPERED, "restore_failed")
        info.safety_backup = safety
        return info
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _opens(db_path: Path) -> bool:
    try:
        conn = _ro(db_path)
        try:
            return conn.execute("SELECT version_num FROM alembic_version").fetchone() is not None
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _move_aside(db_path: Path) -> Path:
    stamp = jalali_file_stamp(datetime.now())
    aside = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        src = db_path.with_name(db_path.name + suffix)
        if src.exists():
            os.replace(src, aside.with_name(aside.name + suffix))
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
    _fsync_dir(db_path.parent)


def _restore_blobs(backup_path: Path, password: str | None, scratch: Path, files_dir: Path,
                   info: BackupInfo, progress: Callable[[str, int, int], None] | None) -> None:
    zip_path = backup_path
    if info.encrypted:
        zip_path = scratch / "decrypted.zip"
        decrypt_file(backup_path, zip_path, password or "")
    try:
        with zipfile.ZipFile(zip_path) as zf:
            entries = json.loads(zf.read(MANIFEST_MEMBER))["attachments"]
            for i, entry in enumerate(entries):
                if progress is not None:
                    progress("files", i, len(entries))
                sha = entry["sha256"]
                dest = _blob_path(files_dir, sha)
                if dest.is_file() and _sha256_file(dest) == sha:
                    continue
                dest.parent.mkdir(parents=True, exist_ok=True)
                tmp = dest.with_name(f".restore-{os.getpid()}-{sha}")
                try:
                    with zf.open(entry["member"]) as fin, tmp.open("wb") as fout:
                        shutil.copyfileobj(fin, fout, 1024 * 1024)
                        fout.flush()
                        os.fsync(fout.fileno())
                    if _sha256_file(tmp) != sha:
                        raise BackupError(TAMPERED, "backup_tampered")
                    os.replace(tmp, dest)
                finally:
                    tmp.unlink(missing_ok=True)
    finally:
        if info.encrypted:
            zip_path.unlink(missing_ok=True)


# ---------------------------------------------------------------------------------------------
# Retention


def apply_retention(backup_dir: Path, keep_days_all: int = 2, daily: int = 14, weekly: int = 8,
                    monthly: int = 12, now: datetime | None = None) -> list[Path]:
    """Removes old backups; returns the removed paths.

    Kept: every backup younger than `keep_days_all` days; then, walking from the newest, the
    newest backup of each of the last `daily` days that have a backup, of each of the last
    `weekly` ISO weeks and of each of the last `monthly` Jalali months. The newest backup is
    always kept, and files whose names are not ours are never touched. Times are the local
    wall-clock stamps in the file names (they work for encrypted backups too).
    """
    now = now or datetime.now()
    stamped = sorted(((stamp_of(p), p) for p in Path(backup_dir).glob(f"*{BACKUP_SUFFIX}")),
                     key=lambda sp: (sp[0] or datetime.min, sp[1].name), reverse=True)
    stamped = [(s, p) for s, p in stamped if s is not None]
    keep: set[Path] = set()
    if stamped:
        keep.add(stamped[0][1])
    cutoff = now - timedelta(days=keep_days_all)
    keep.update(p for s, p in stamped if s >= cutoff)

    def _buckets(key: Callable[[datetime], object], limit: int) -> None:
        seen: list[object] = []
        for s, p in stamped:
            bucket = key(s)
            if bucket in seen:
                continue
            if len(seen) >= limit:
                break
            seen.append(bucket)
            keep.add(p)

    _buckets(lambda s: s.date(), daily)
    _buckets(lambda s: s.isocalendar()[:2], weekly)
    _buckets(lambda s: to_jalali(s.date())[:2], monthly)
    removed: list[Path] = []
    for _s, p in stamped:
        if p not in keep:
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
            removed.append(p)
    if removed:
        _fsync_dir(Path(backup_dir))
    return removed


__all__ += ["WRONG_PASSWORD", "table_digests", "files_dir_for", "stamp_of"]
