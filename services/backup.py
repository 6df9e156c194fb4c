"""Backups: one verified file `khooshe-<Jalali stamp>.kbk` holding the database and its attachments.

A backup is a zip (optionally encrypted as a whole, see services.backup_crypto) with:

* `khooshe.db`     a copy made with SQLite's online backup API (consistent even while the app
                   writes), checked with integrity_check;
* `files/ab/<sha>` every attachment blob referenced by any attachment row, deleted ones too;
* `manifest.json`  format, schema revision, created_at, per-table row counts and a sha256 per
                   table over its rows in primary-key order, the attachments with hash and size.

Everything is written to a temp file in the backup folder, verified as a reader would verify it
(reopen, integrity_check, recompute every count, checksum and attachment hash), fsynced and only
then renamed to its final name: a `.kbk` file either exists whole and verified, or not at all.

Restore verifies first and refuses before touching anything; then it backs up the current
database, restores attachments (content-addressed: existing blobs are kept), checkpoints the old
database and removes its WAL (so it can never be replayed onto the new file) and swaps the
verified copy in with one atomic rename.
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
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from models.errors import DataLayerError
from models.health import SQLITE_HEADER, check_sqlite_file
from models.sqlite_backup import backup_sqlite
from persian.jalali import from_jalali, jalali_file_stamp, to_jalali
from services.backup_crypto import WRONG_PASSWORD, BackupError, decrypt_file, encrypt_file
from services.backup_crypto import is_encrypted as _is_encrypted

__all__ = ["BackupError", "BackupInfo", "create_backup", "verify_backup", "list_backups",
           "restore_backup", "apply_retention", "default_backup_dir", "BACKUP_SUFFIX"]

FORMAT = "khooshe-backup"
FORMAT_VERSION = 1
BACKUP_SUFFIX = ".kbk"
DB_MEMBER = "khooshe.db"
MANIFEST_MEMBER = "manifest.json"
FILES_PREFIX = "files/"
NAME_RE = re.compile(r"^khooshe-(\d{4})-(\d{2})-(\d{2})_(\d{2})(\d{2})(\d{2})(?:-(\d+))?\.kbk$")
_TMP_PREFIX = ".khooshe-backup-"
# The zip comment seals the file: sha256 over every byte before the comment-length field, so a
# flipped byte anywhere (even in zip fields no reader checks) is caught.
SEAL_PREFIX = b"KHBK1-SHA256:"
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
# Create


def create_backup(db_path: Path, backup_dir: Path, *, password: str | None = None,
                  progress: Callable[[str, int, int], None] | None = None,
                  reason: str = "manual") -> BackupInfo:
    """Writes and verifies one backup file of the database at `db_path`; returns its info.

    `progress(stage, done, total)` is called with stage "database", "files", "verify".
    """
    db_path = Path(db_path)
    backup_dir = Path(backup_dir)
    health = check_sqlite_file(db_path, full=False)
    if not health.ok:
        raise BackupError(health.message, "backup_source_damaged")
    if health.revision is None:
        raise BackupError("این فایل پایگاه داده خوشه نیست؛ پشتیبان ساخته نشد.", "backup_foreign")
    files_dir = files_dir_for(db_path)
    with _space_errors():
        backup_dir.mkdir(parents=True, exist_ok=True)
        _clean_stale(backup_dir)
        work = Path(tempfile.mkdtemp(prefix=_TMP_PREFIX, dir=backup_dir))
    try:
        with _space_errors():
            copy = work / DB_MEMBER

            def _db_progress(done: int, total: int) -> None:
                if progress is not None:
                    progress("database", done, total)

            backup_sqlite(db_path, copy, progress=_db_progress, pages_per_step=4096)
            conn = _ro(copy)
            try:
                revision_row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                tables = table_digests(conn)
                hashes = _attachment_hashes(conn)
            finally:
                conn.close()
            created = datetime.now(UTC).replace(tzinfo=None)
            plain = work / "backup.zip"
            attachments: list[dict[str, object]] = []
            missing: list[str] = []
            with zipfile.ZipFile(plain, "w", compression=zipfile.ZIP_DEFLATED,
                                 compresslevel=1, allowZip64=True) as zf:
                zf.write(copy, DB_MEMBER)
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
                    "app_revision": revision_row[0] if revision_row else None,
                    "created_at": created.isoformat() + "Z",
                    "reason": reason,
                    "source": db_path.name,
                    "database": {"member": DB_MEMBER, "size": copy.stat().st_size,
                                 "sha256": _sha256_file(copy)},
                    "tables": tables,
                    "attachments": attachments,
                    "missing_attachments": missing,
                }
                zf.writestr(MANIFEST_MEMBER, json.dumps(manifest, ensure_ascii=False, indent=1))
            copy.unlink()
            _seal(plain)
            if password:
                payload = work / "backup.enc"
                encrypt_file(plain, payload, password)
                plain.unlink()
            else:
                payload = plain
                _fsync_file(payload)
            if progress is not None:
                progress("verify", 0, 1)
            # The copy passed integrity_check in backup_sqlite; the sha256 ties the archived
            # member to that copy, so a second integrity_check would re-read it for nothing.
            info = _verify(payload, password, scratch=work, require_known_revision=False,
                           integrity_checked=True)
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


def _seal(path: Path) -> None:
    """Writes the whole-file hash as the zip comment (the archive must have no comment yet)."""
    size = path.stat().st_size
    with path.open("rb+") as fh:
        fh.seek(size - 22)
        eocd = fh.read(22)
        if eocd[:4] != b"PK\x05\x06" or eocd[-2:] != b"\x00\x00":
            raise BackupError("ساخت فایل پشتیبان ناموفق بود (ساختار zip نامنتظره).")
        digest = _sha256_file(path, size - 2)
        fh.seek(size - 2)
        fh.write(struct.pack("<H", SEAL_SIZE) + SEAL_PREFIX + digest.encode("ascii"))


def _seal_state(path: Path) -> bool | None:
    """True: sealed and intact; False: sealed but some byte changed; None: no seal."""
    size = path.stat().st_size
    if size < SEAL_SIZE + 22:
        return None
    with path.open("rb") as fh:
        fh.seek(size - SEAL_SIZE - 22)
        tail = fh.read()
    if tail[:4] != b"PK\x05\x06" or tail[20:22] != struct.pack("<H", SEAL_SIZE):
        return None
    comment = tail[22:]
    if not comment.startswith(SEAL_PREFIX):
        return None
    return _sha256_file(path, size - SEAL_SIZE - 2) == comment[len(SEAL_PREFIX):].decode(
        "ascii", "replace")


# ---------------------------------------------------------------------------------------------
# Verify


def verify_backup(path: Path, *, password: str | None = None) -> BackupInfo:
    """Checks a backup completely; raises BackupError (Persian message, code) if it is not good."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="khooshe-verify-") as scratch:
        return _verify(path, password, scratch=Path(scratch), require_known_revision=True)


def _verify(path: Path, password: str | None, *, scratch: Path, require_known_revision: bool,
            keep_db: Path | None = None, integrity_checked: bool = False) -> BackupInfo:
    """Verifies `path`; with `keep_db`, the verified database copy is left at that path."""
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
        info = _verify_zip(zip_path, scratch, require_known_revision, keep_db,
                           integrity_checked)
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
                keep_db: Path | None, integrity_checked: bool = False) -> BackupInfo:
    from models.migrate import known_revisions

    sealed = _seal_state(zip_path)
    if sealed is False:
        raise BackupError(TAMPERED, "backup_tampered")
    try:
        with _open_zip(zip_path) as zf:
            manifest = _read_manifest(zf)
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
            db_file = keep_db or scratch / "verify.db"
            db_file.unlink(missing_ok=True)
            try:
                _extract(zf, DB_MEMBER, db_file)
                if _sha256_file(db_file) != db_meta.get("sha256"):
                    raise BackupError(TAMPERED, "backup_tampered")
                _check_database(db_file, revision, tables, require_known_revision,
                                known_revisions, integrity_checked)
            except BaseException:
                db_file.unlink(missing_ok=True)
                raise
            if keep_db is None:
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
            if sealed is None:  # everything else checked out, but the seal is gone
                raise BackupError(TAMPERED, "backup_tampered")
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


def _extract(zf: zipfile.ZipFile, member: str, dest: Path) -> None:
    with zf.open(member) as fin, dest.open("wb") as fout:
        shutil.copyfileobj(fin, fout, 1024 * 1024)


def _check_database(db_file: Path, revision: str | None, tables: dict, require_known: bool,
                    known_revisions: Callable[[], set[str]],
                    integrity_checked: bool = False) -> None:
    with db_file.open("rb") as fh:
        if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise BackupError(FOREIGN, "backup_foreign")
    try:
        conn = _ro(db_file)
    except sqlite3.Error:
        raise BackupError(TAMPERED, "backup_tampered") from None
    try:
        if not integrity_checked and (
                [r[0] for r in conn.execute("PRAGMA integrity_check")] != ["ok"]):
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
        # Every byte is already covered by the file's sha256 (checked by the caller); recounting
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
        # 1. Verify completely; a bad backup is refused before anything is touched.
        info = _verify(backup_path, password, scratch=scratch, require_known_revision=True,
                       keep_db=new_db)
        # 2. The current database goes into a backup first (or aside, if it is damaged).
        safety: Path | None = None
        if db_path.exists() and db_path.stat().st_size > 0:
            health = check_sqlite_file(db_path, full=False)
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
        health = check_sqlite_file(db_path, full=False)
        if not health.ok:
            raise BackupError(health.message, "restore_failed")
        info.safety_backup = safety
        return info
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


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
