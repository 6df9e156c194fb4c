"""Checking a backup completely before anything trusts it."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from models.health import SQLITE_HEADER
from services.backup.chunks import THREADS, copy_range, stream_chunks, sync_soon, tree_root
from services.backup.common import (
    DB_MEMBER,
    FOREIGN,
    FORMAT,
    KEPT_FORMAT_VERSION,
    MANIFEST_MEMBER,
    NEEDS_PASSWORD,
    TAMPERED,
    TOO_NEW,
    TRUNCATED,
    BackupInfo,
    disk_error,
    open_readonly,
    sha256_file,
)
from services.backup.crypto import BackupError, decrypt_file, is_encrypted
from services.backup.digests import database_id_in
from services.backup.seal import check_seal_v2, read_seal, seal_v1_state
from services.backup.zipdir import member_range
from services.manifests import Refusal, format_version


def verify_backup(path: Path, *, password: str | None = None) -> BackupInfo:
    """Checks a backup completely; raises BackupError (Persian message, code) if it is not good."""
    path = Path(path)
    try:
        with tempfile.TemporaryDirectory(prefix="khooshe-verify-") as scratch:
            return verify_file(path, password, scratch=Path(scratch), require_known_revision=True)
    except BackupError:
        raise
    except OSError as exc:
        # A disk that fails while the backup is read, or a temporary folder that is full: said
        # in Persian with the drive, never as a raw error (the backups page lists the rest).
        # SQLite's errors are the backup's own and verify_file words them already.
        raise disk_error(exc, Path(tempfile.gettempdir()), job="verify") from exc


def verify_file(path: Path, password: str | None, *, scratch: Path, require_known_revision: bool,
            keep_db: Path | None = None, db_checks: bool = True,
            pool: ThreadPoolExecutor | None = None,
            read_back: list[bytes] | None = None,
            keep_plain: Path | None = None) -> BackupInfo:
    """Verifies `path`; with `keep_db`, the verified database copy is left at that path.

    `keep_plain`: an encrypted backup is decrypted to that path and, once verified, left there
    for the caller (a restore reads the attachments from it instead of decrypting again);
    otherwise it is decrypted into `scratch` and deleted.

    `db_checks=False` (only right after writing a format-2 backup) checks every stored byte
    against the recorded digests but does not open the database inside: it is the source's
    frozen bytes, whose revision and row counts were read in the same snapshot. `read_back`
    (with it, only from create_backup): the digests of the database member's stored bytes,
    which the writer has just read back from this file and compared with the source byte for
    byte; they must be the recorded ones, and those bytes are not read a second time.
    """
    if not path.is_file():
        raise BackupError(f"فایل پشتیبان پیدا نشد: {path}", "backup_not_found")
    size = path.stat().st_size
    if size == 0:
        raise BackupError(TRUNCATED, "backup_truncated")
    encrypted = is_encrypted(path)
    zip_path = path
    if encrypted:
        if not password:
            raise BackupError(NEEDS_PASSWORD, "backup_password_required")
        zip_path = keep_plain or scratch / "decrypted.zip"
        decrypt_file(path, zip_path, password)
    verified = False
    try:
        with contextlib.ExitStack() as stack:
            if pool is None:
                pool = stack.enter_context(ThreadPoolExecutor(THREADS, "khooshe-verify"))
            info = _verify_zip(zip_path, scratch, require_known_revision, keep_db,
                               db_checks=db_checks, pool=pool,
                               read_back=None if (db_checks or keep_db) else read_back)
        verified = True
    finally:
        if encrypted and not (verified and keep_plain is not None):
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
    format_version(manifest, FORMAT, KEPT_FORMAT_VERSION, _refusal)
    return manifest


def _refusal(why: Refusal) -> BackupError:
    return BackupError({"foreign": FOREIGN, "tampered": TAMPERED, "too_new": TOO_NEW}[why],
                       f"backup_{why}")


def _open_zip(path: Path) -> zipfile.ZipFile:
    with path.open("rb") as fh:
        head = fh.read(16)
    if head.startswith(SQLITE_HEADER[:15]) and not zipfile.is_zipfile(path):
        # A zip after a database is a format-3 safety backup (backup.keep); a bare one is not.
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
                keep_db: Path | None, *, db_checks: bool, pool: ThreadPoolExecutor,
                read_back: list[bytes] | None) -> BackupInfo:
    def known_revisions() -> set[str]:
        # From the migration files alone (models.revisions): models.migrate would pull in
        # SQLAlchemy and alembic, 0.6 s of a restore from the command line (issue 15).
        from models.revisions import known_revisions as known

        return known()

    seal = read_seal(zip_path)
    # Format 1 seals the whole file: check it first, a cheap refusal of any changed byte.
    if seal is not None and seal[0] == 1 and seal_v1_state(zip_path) is False:
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
            inner_id = None
            if db_file is not None:
                db_file.unlink(missing_ok=True)
            try:
                root = db_range = None
                if version >= 2:
                    db_range = _db_range(zf, zip_path, version, db_meta)
                    if db_file is None:
                        root = _verify_pieces(zip_path, db_range, db_meta, pool, read_back)
                    else:
                        # The database is copied out first (by the kernel), then its copy is
                        # checked: its pieces hashed on the pool while quick_check reads its
                        # pages on the other core — the bytes that will be used are the bytes
                        # checked, and the archive is read once. Format 2 holds the
                        # byte-identical main file of a database that passed quick_check when
                        # the app opened it; quick_check is what the app would run on it at
                        # open, so it runs here before anything is replaced.
                        synced = _copy_out(zip_path, db_range, db_file, pool,
                                           durable=keep_db is not None)
                        with _page_check(db_file, "quick_check") as page_ok:
                            root = _verify_pieces(db_file, (0, db_range[1] - db_range[0]),
                                                  db_meta, pool, None)
                            inner_id = _check_database(db_file, revision, tables,
                                                       require_known_revision, known_revisions,
                                                       page_ok)
                        if synced is not None:
                            # A write error is reported once, maybe only to that descriptor.
                            synced.result()
                else:
                    assert db_file is not None  # format 1 is only read, always with checks
                    _extract(zf, DB_MEMBER, db_file)
                    if sha256_file(db_file) != db_meta.get("sha256"):
                        raise BackupError(TAMPERED, "backup_tampered")
                    # Format 1 keeps its full integrity_check.
                    with _page_check(db_file, "integrity_check") as page_ok:
                        inner_id = _check_database(db_file, revision, tables,
                                                   require_known_revision, known_revisions,
                                                   page_ok)
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
                check_seal_v2(zip_path, zf, root, seal[1], db_range=db_range)
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
        # Backups made before the manifest named the database: its id read inside it.
        database_id=_text(manifest.get("database_id")) or inner_id,
        source_path=_text(manifest.get("source_path")),
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _db_range(zf: zipfile.ZipFile, zip_path: Path, version: int, db_meta: dict
              ) -> tuple[int, int]:
    """(start, end) of the database's bytes: its stored member (format 2), or the file's
    leading bytes, ahead of every zip record (format 3, backup.keep)."""
    size = db_meta["size"]
    if not isinstance(size, int) or size <= 0:
        raise BackupError(TAMPERED, "backup_tampered")
    if version >= KEPT_FORMAT_VERSION:
        with zip_path.open("rb") as fh:
            leading = fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
        first = min((z.header_offset for z in zf.infolist()), default=size)
        if (db_meta.get("layout") != "leading" or db_meta.get("offset") != 0 or not leading
                or first < size):
            raise BackupError(TAMPERED, "backup_tampered")
        return 0, size
    zinfo = zf.getinfo(DB_MEMBER)
    if (zinfo.compress_type != zipfile.ZIP_STORED
            or zinfo.file_size != size or zinfo.compress_size != size):
        raise BackupError(TAMPERED, "backup_tampered")
    with zip_path.open("rb") as fh:
        start, length = member_range(fh.fileno(), zinfo)
    return start, start + length


def _checked_range(fd: int, db_range: tuple[int, int]) -> tuple[int, int]:
    """(start, length) of the database's bytes, refused as truncated when the file ends first."""
    start, length = db_range[0], db_range[1] - db_range[0]
    if start + length > os.fstat(fd).st_size:
        raise BackupError(TRUNCATED, "backup_truncated")
    return start, length


def _copy_out(zip_path: Path, db_range: tuple[int, int], db_file: Path,
              pool: ThreadPoolExecutor, *, durable: bool) -> Future[None] | None:
    """The database's bytes copied from the archive into `db_file`, inside the kernel (not
    checked yet: the caller checks the copy). `durable` (a restore will fsync it): its disk
    writes start now, on `pool`, while it is checked; the caller checks the returned sync."""
    with zip_path.open("rb") as fh, db_file.open("wb") as out:
        start, length = _checked_range(fh.fileno(), db_range)
        copy_range(fh.fileno(), start, out.fileno(), 0, length)
        return sync_soon(out.fileno(), pool) if durable else None


def _verify_pieces(path: Path, db_range: tuple[int, int], db_meta: dict,
                   pool: ThreadPoolExecutor, read_back: list[bytes] | None) -> bytes:
    """Formats 2 and 3: every byte of the database at `db_range` of `path` (the archive, or the
    copy made of it) against its recorded piece digests; `read_back`: those bytes' digests, just
    computed by the writer from this file (they are not read again). Returns the tree root,
    which the seal covers.
    """
    chunk = db_meta["chunk_size"]
    expected = db_meta["chunk_sha256"]
    if (not isinstance(chunk, int) or not 4096 <= chunk <= 256 * 1024 * 1024
            or not isinstance(expected, list)):
        raise BackupError(TAMPERED, "backup_tampered")
    with path.open("rb") as fh:
        start, length = _checked_range(fh.fileno(), db_range)
        digests = (read_back if read_back is not None
                   else stream_chunks(fh.fileno(), start, length, pool, chunk=chunk))
    if [d.hex() for d in digests] != expected:
        raise BackupError(TAMPERED, "backup_tampered")
    root = tree_root(digests)
    if root.hex() != db_meta.get("tree_sha256"):
        raise BackupError(TAMPERED, "backup_tampered")
    return root


def _extract(zf: zipfile.ZipFile, member: str, dest: Path) -> None:
    with zf.open(member) as fin, dest.open("wb") as fout:
        shutil.copyfileobj(fin, fout, 1024 * 1024)


@contextlib.contextmanager
def _page_check(db_file: Path, pragma: str) -> Iterator[Future[bool]]:
    """Runs `PRAGMA pragma` on `db_file` on another thread (SQLite without the GIL, its own
    connection, so on the other core) for the `with` block, which gets its future; the block
    ends only once the check has (a refusal meanwhile waits for it: the file is deleted next)."""
    side = ThreadPoolExecutor(1, "khooshe-verify-check")
    try:
        yield side.submit(_pragma_ok, db_file, pragma)
    finally:
        side.shutdown(wait=True)


def _check_database(db_file: Path, revision: str | None, tables: dict, require_known: bool,
                    known_revisions: Callable[[], set[str]], page_ok: Future[bool]
                    ) -> str | None:
    """Opens the database copy and checks it against the manifest; returns its id. `page_ok`:
    the page check (_page_check) running meanwhile, which must pass too."""
    with db_file.open("rb") as fh:
        if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise BackupError(FOREIGN, "backup_foreign")
    try:
        conn = open_readonly(db_file)
    except sqlite3.Error:
        raise BackupError(TAMPERED, "backup_tampered") from None
    try:
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
        if not page_ok.result():
            raise BackupError(TAMPERED, "backup_tampered")
        return database_id_in(conn)
    except sqlite3.DatabaseError:
        raise BackupError(TAMPERED, "backup_tampered") from None
    finally:
        conn.close()


def _pragma_ok(db_file: Path, pragma: str) -> bool:
    conn = open_readonly(db_file)
    try:
        # pragma is "integrity_check" or "quick_check", never user input.
        return [r[0] for r in conn.execute(f"PRAGMA {pragma}")] == ["ok"]  # noqa: S608
    finally:
        conn.close()
