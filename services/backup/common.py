"""What every part of a backup shares: names, messages, the info record, small file helpers."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from models.errors import DataLayerError
from persian.bidi import ltr_isolate
from persian.jalali import from_jalali, jalali_file_stamp
from services.backup.crypto import BackupError

FORMAT = "khooshe-backup"
FORMAT_VERSION = 2  # what create_backup writes; 1: deflated database, whole-file seal (read)
KEPT_FORMAT_VERSION = 3  # a restore's safety backup: the replaced file itself (backup.keep)
BACKUP_SUFFIX = ".kbk"
DB_MEMBER = "khooshe.db"
MANIFEST_MEMBER = "manifest.json"
FILES_PREFIX = "files/"
NAME_RE = re.compile(r"^khooshe-(\d{4})-(\d{2})-(\d{2})_(\d{2})(\d{2})(\d{2})(?:-(\d+))?\.kbk$")
TMP_PREFIX = ".khooshe-backup-"
TRUNCATED = "فایل پشتیبان ناقص است (بریده شده یا کامل کپی نشده). از پشتیبان دیگری استفاده کنید."
TAMPERED = ("فایل پشتیبان خراب یا دست‌کاری شده است (کنترل صحت داده‌ها نخواند). "
            "از پشتیبان دیگری استفاده کنید.")
COPY_DIFFERS = ("پشتیبان نوشته نشد: نسخه نوشته‌شده پایگاه داده، هنگام بازخوانی با خود پایگاه "
                "داده یکی نبود (خطای دیسک یا حافظه). دوباره پشتیبان بگیرید یا پوشه دیگری "
                "انتخاب کنید.")
# A fact about the file only: what happened to the database is for the caller to say, once
# (verifying or listing a backup touches no database at all).
FOREIGN = "این فایل پشتیبان خوشه نیست."
TOO_NEW = ("این پشتیبان با نسخه جدیدتری از خوشه ساخته شده است و این نسخه نمی‌تواند آن را "
           "بازیابی کند. برنامه را به‌روز کنید.")
# A restore's caller says it once, when BackupError.database_unchanged is set (restore_backup).
DATABASE_UNCHANGED = "پایگاه داده فعلی دست‌نخورده ماند."
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
    database_id: str | None = None  # the backed-up database's own id (None: not known)
    source_path: str | None = None  # where that database was when the backup was made

    @property
    def records(self) -> int:
        return sum(n for t, n in self.counts.items() if t in RECORD_TABLES)


RECORD_TABLES = ("cluster", "firm", "organisation", "person", "activity", "resolution",
                 "joint_action", "action_plan_item", "indicator_value", "attachment",
                 "participant")


def fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def fsync_file(path: Path) -> None:
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


def is_space_error(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return True
    if isinstance(exc, sqlite3.Error):
        text = str(exc).lower()
        return "full" in text or "disk i/o" in text
    if isinstance(exc, DataLayerError) and exc.__cause__ is not None:
        return is_space_error(exc.__cause__)
    return False


_NO_PERMISSION = (errno.EACCES, errno.EPERM, errno.EROFS)

# What a disk's refusal means, and what to do, for the one who made the backup or the restore.
# {drive}: the drive (or mounted file system) named; {folder}: the folder written to. A backup
# never changes the database; a restore's callers learn whether the database is unchanged from
# BackupError.database_unchanged (the sentence is theirs to add, once).
_DISK_WORDS = {
    ("backup", "no_space"): "فضای کافی برای نوشتن پشتیبان نیست (دیسک پر است یا اجازه نوشتن فایل "
                            "بزرگ‌تر داده نشد). روی درایو {drive} فضا آزاد کنید یا پوشه دیگری "
                            "برای پشتیبان انتخاب کنید و دوباره پشتیبان بگیرید؛ پشتیبان‌های قبلی "
                            "دست‌نخورده‌اند.",
    ("backup", "no_permission"): "پشتیبان نوشته نشد: اجازه نوشتن در پوشه {folder} نیست (یا آن "
                                 "درایو فقط‌خواندنی است). پوشه دیگری برای پشتیبان انتخاب کنید "
                                 "یا اجازه نوشتن در آن را بدهید و دوباره پشتیبان بگیرید؛ "
                                 "پشتیبان‌های قبلی دست‌نخورده‌اند.",
    ("backup", "disk_error"): "پشتیبان نوشته نشد: درایو {drive} هنگام خواندن یا نوشتن خطا داد "
                              "(خطای دیسک). دوباره پشتیبان بگیرید؛ اگر باز هم خطا داد، دیسک را "
                              "بررسی کنید یا پوشه‌ای روی درایو دیگری برای پشتیبان انتخاب کنید. "
                              "پشتیبان‌های قبلی دست‌نخورده‌اند.",
    ("verify", "no_space"): "پشتیبان بررسی نشد: برای بررسی، جای موقت کافی روی درایو {drive} "
                            "نیست. روی آن درایو فضا آزاد کنید و دوباره بررسی کنید؛ فایل پشتیبان "
                            "دست‌نخورده است.",
    ("verify", "no_permission"): "پشتیبان بررسی نشد: اجازه خواندن فایل یا نوشتن در پوشه {folder} "
                                 "نیست. اجازه آن را بدهید و دوباره بررسی کنید؛ فایل پشتیبان "
                                 "دست‌نخورده است.",
    ("verify", "disk_error"): "پشتیبان بررسی نشد: درایو {drive} هنگام خواندن یا نوشتن خطا داد "
                              "(خطای دیسک). دوباره بررسی کنید؛ اگر باز هم خطا داد، دیسک را "
                              "بررسی کنید یا فایل پشتیبان را روی درایو دیگری کپی کنید.",
    ("restore", "no_space"): "بازیابی انجام نشد: فضای کافی روی درایو {drive} نیست. روی آن درایو "
                             "فضا آزاد کنید و دوباره بازیابی کنید.",
    ("restore", "no_permission"): "بازیابی انجام نشد: اجازه نوشتن در پوشه {folder} نیست (یا آن "
                                  "درایو فقط‌خواندنی است). اجازه نوشتن در آن را بدهید و دوباره "
                                  "بازیابی کنید.",
    ("restore", "disk_error"): "بازیابی انجام نشد: درایو {drive} هنگام خواندن یا نوشتن خطا داد "
                               "(خطای دیسک). دوباره بازیابی کنید؛ اگر باز هم خطا داد، دیسک را "
                               "بررسی کنید یا فایل پشتیبان را از درایو دیگری بازیابی کنید.",
}


def drive_of(path: Path) -> Path:
    """The drive (Windows) or mounted file system (elsewhere) holding `path`: the place the user
    can free space on."""
    probe = Path(path).absolute()
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if os.name == "nt":  # pragma: no cover - Windows
        return Path(probe.anchor or probe)
    while not os.path.ismount(probe) and probe != probe.parent:
        probe = probe.parent
    return probe


def disk_error(exc: BaseException, folder: Path, *, job: str) -> BackupError:
    """`exc` (an OSError, or SQLite's or the data layer's word for a full disk) as a BackupError
    that says what happened, where and what to do; `job` is "backup" or "restore", `folder` the
    folder written to when the error does not name its file ("verify": a backup only read and
checked, in a temporary folder). Code: `<job>_no_space`,
    `<job>_no_permission` or `<job>_disk_error`."""
    if isinstance(exc, OSError) and isinstance(getattr(exc, "message", None), str):
        # Already Persian and exact (models.fsutil.FileInUseError: which file, which program).
        return BackupError(exc.message, f"{job}_file_in_use")
    named = exc.filename if isinstance(exc, OSError) else None
    where = Path(os.fsdecode(named)).parent if isinstance(named, (str, bytes)) and named \
        else Path(folder)
    if is_space_error(exc):
        kind = "no_space"
    elif isinstance(exc, OSError) and exc.errno in _NO_PERMISSION:
        kind = "no_permission"
    else:
        kind = "disk_error"
    text = _DISK_WORDS[job, kind].format(drive=f"«{ltr_isolate(str(drive_of(where)))}»",
                                         folder=f"«{ltr_isolate(str(where))}»")
    return BackupError(text, f"{job}_{kind}")


@contextlib.contextmanager
def space_errors(folder: Path) -> Iterator[None]:
    """A backup's disk errors (and SQLite's) as a BackupError in Persian (see disk_error)."""
    try:
        yield
    except BackupError:
        raise
    except (OSError, sqlite3.Error, DataLayerError) as exc:
        if isinstance(exc, DataLayerError) and not is_space_error(exc):
            raise BackupError(exc.message) from exc
        if isinstance(exc, sqlite3.Error) and not is_space_error(exc):
            raise BackupError(f"پشتیبان نوشته نشد: {exc}") from exc
        raise disk_error(exc, folder, job="backup") from exc


def open_readonly(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
    conn.execute("PRAGMA trusted_schema=OFF")
    return conn


def files_dir_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.stem + "-files")


def blob_path(files_dir: Path, sha: str) -> Path:
    return files_dir / sha[:2] / sha


def default_backup_dir(db_path: Path) -> Path:
    """The backup_dir setting if set, else `<db folder>/backups`."""
    db_path = Path(db_path)
    try:
        conn = open_readonly(db_path)
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


def clean_stale(folder: Path, max_age_s: float = 3600) -> None:
    """Removes work folders left by a killed backup/restore (old enough to be nobody's)."""
    import time

    with contextlib.suppress(OSError):
        for p in folder.glob(TMP_PREFIX + "*"):
            if p.is_dir() and time.time() - p.stat().st_mtime > max_age_s:
                shutil.rmtree(p, ignore_errors=True)


def final_name(backup_dir: Path, now: datetime) -> Path:
    stamp = jalali_file_stamp(now)
    path = backup_dir / f"khooshe-{stamp}{BACKUP_SUFFIX}"
    n = 2
    while path.exists():
        path = backup_dir / f"khooshe-{stamp}-{n}{BACKUP_SUFFIX}"
        n += 1
    return path


def newest_first_key(path: Path) -> tuple[datetime, int, str]:
    """Sorts backups by the time in their names, then by the counter of backups made in the
    same second (`-2`, `-3`, …: later ones), then by name."""
    m = NAME_RE.match(path.name)
    counter = int(m.group(7)) if m and m.group(7) else 1
    return stamp_of(path) or datetime.min, counter, path.name


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


def sha256_file(path: Path, limit: int | None = None) -> str:
    digest = hashlib.sha256()
    left = path.stat().st_size if limit is None else limit
    with path.open("rb") as fh:
        while left > 0 and (chunk := fh.read(min(1024 * 1024, left))):
            digest.update(chunk)
            left -= len(chunk)
    return digest.hexdigest()

