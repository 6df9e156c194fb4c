"""Read-only health checks of a SQLite file: is it a database, is it intact, whose schema is it.

Everything here opens the file with `mode=ro`, so a check never changes a byte of it, not even
on a damaged file (SQLite would otherwise happily "repair" a 0-byte file into an empty database).
A file with a rollback journal beside it (a write killed half-way, in rollback-journal mode) is
checked on a copy that SQLite has rolled back: the state the next read-write open will see.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from models.errors import DatabaseDamagedError
from models.revisions import head_revision

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class FileHealth:
    ok: bool
    message: str  # Persian, for the user
    revision: str | None = None
    problems: list[str] = field(default_factory=list)
    user_tables: int = 0
    # The last write to the file was cut off: checked as SQLite's roll-back will leave it, which
    # the next read-write open (the app's) does by itself.
    rolled_back: bool = False

    def damage(self) -> DatabaseDamagedError:
        """The error a failed check is refused with, wherever the check's answer is read."""
        return DatabaseDamagedError(self.message, details="\n".join(self.problems))

    def up_to_date(self) -> bool:
        """A Khooshe database at the current schema revision: opened with nothing to migrate."""
        return self.ok and self.user_tables > 0 and self.revision == head_revision()


def ro_connect(path: Path) -> sqlite3.Connection:
    # With no -wal file beside it, everything is in the main file: `immutable` reads it without
    # creating -wal/-shm side files. With one, committed pages may live there: read through it.
    wal = path.with_name(path.name + "-wal")
    flags = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    return sqlite3.connect(f"{path.absolute().as_uri()}?{flags}", uri=True, timeout=5)


def check_sqlite_file(path: Path, *, full: bool = True) -> FileHealth:
    """Checks `path` without modifying it. `full` runs integrity_check, else quick_check."""
    return _read_health(path, "integrity_check" if full else "quick_check")


def _file_problem(path: Path) -> FileHealth | None:
    """A file that cannot be a database at all (missing, a folder, empty, another header)."""
    if not path.exists():
        return FileHealth(False, f"فایل پایگاه داده پیدا نشد: {path}")
    if path.is_dir():
        return FileHealth(False, f"این مسیر یک پوشه است، نه فایل پایگاه داده: {path}")
    size = path.stat().st_size
    if size == 0:
        return FileHealth(
            False,
            "فایل پایگاه داده خالی است (۰ بایت) و هیچ داده‌ای در آن نیست؛ "
            "احتمالاً فایل آسیب دیده یا ناقص کپی شده است. از آخرین پشتیبان بازیابی کنید.",
        )
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        return FileHealth(
            False,
            "این فایل پایگاه داده خوشه نیست یا سرآیند آن خراب شده است. "
            "از آخرین پشتیبان بازیابی کنید.",
        )
    return None


def probe_sqlite_file(path: Path) -> FileHealth:
    """What `check_sqlite_file` reports except the page-by-page check: the file, its header
    and its schema (revision, tables), in milliseconds. The app opens an up-to-date file on
    this while its quick_check is still running (services.workspace holds every write until
    the check has passed)."""
    return _read_health(path, None)


def journal_of(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


UNFINISHED_WRITE = ("آخرین نوشتن روی این فایل نیمه‌کاره مانده است (فایل ‎-journal‎ کنار آن) و "
                    "بررسی آن روی یک رونوشت انجام نشد: {error}. برنامه را یک بار باز کنید تا "
                    "SQLite آن نوشتن نیمه‌کاره را برگرداند، بعد دوباره بررسی کنید.")


@contextmanager
def _committed_state(path: Path) -> Iterator[Path]:
    """The file that holds `path`'s committed state: `path` itself, or, when a rollback journal
    lies beside it, a temporary copy of both that SQLite has rolled back. A read-only connection
    cannot roll a journal back, and `immutable` reads the half-written pages as they are (every
    such file was reported damaged); the copy keeps the check from writing to the file."""
    journal = journal_of(path)
    if not journal.exists() or journal.stat().st_size == 0:
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="khooshe-check-") as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        shutil.copyfile(journal, journal_of(copy))
        conn = sqlite3.connect(copy)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # rolls the copy back
        finally:
            conn.close()
        yield copy


def _read_health(path: Path, pragma: str | None) -> FileHealth:
    problem = _file_problem(path)
    if problem is not None:
        return problem
    try:
        with _committed_state(path) as readable:
            health = _read_committed(readable, pragma)
            return health if readable == path else replace(health, rolled_back=True)
    except FileNotFoundError:
        # The journal went while it was being copied: the write it belonged to has finished.
        return _read_committed(path, pragma)
    except (OSError, sqlite3.Error) as exc:
        return FileHealth(False, UNFINISHED_WRITE.format(error=exc), problems=[str(exc)])


def _read_committed(path: Path, pragma: str | None) -> FileHealth:
    try:
        conn = ro_connect(path)
    except sqlite3.Error as exc:
        return FileHealth(False, f"فایل پایگاه داده باز نشد: {exc}", problems=[str(exc)])
    try:
        rows = ([r[0] for r in conn.execute(f"PRAGMA {pragma}")]  # noqa: S608 - fixed names
                if pragma is not None else ["ok"])
        if rows != ["ok"]:
            return FileHealth(
                False,
                "پایگاه داده آسیب دیده است (بررسی یکپارچگی خطا داد). "
                "با آن کار نکنید و از آخرین پشتیبان بازیابی کنید.",
                problems=rows[:20],
            )
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        return FileHealth(True, "ok", revision=revision, user_tables=len(tables))
    except sqlite3.DatabaseError as exc:
        return FileHealth(
            False,
            "پایگاه داده آسیب دیده است و خوانده نمی‌شود "
            f"({exc}). از آخرین پشتیبان بازیابی کنید.",
            problems=[str(exc)],
        )
    finally:
        conn.close()


class EarlyCheck:
    """`quick_check` of a SQLite file started in a thread, to be read when the file is opened.

    The app starts it as soon as it holds the single-instance lock (no other Khooshe writes the
    file from then on) and opens the database later, after SQLAlchemy and the models are
    imported: SQLite runs the check without the GIL, so on a second core it costs the start-up
    nothing (0.3–0.6 s of a 385 MB file otherwise). Only a file that existed when the check began
    has a result to offer; `open_database` checks again in every other case.
    """

    def __init__(self, path: Path) -> None:
        import threading

        self.path = path.absolute()
        self._health: FileHealth | None = None
        self._error: BaseException | None = None
        self.covers_file = path.is_file() and path.stat().st_size > 0
        self._thread = threading.Thread(target=self._run, name="khooshe-quick-check",
                                        daemon=True)
        if self.covers_file:
            self._thread.start()

    # The monotonic clock when the latest early check of this process ended (the start-up
    # benchmark reports it beside "data shown"; nothing in the app reads it).
    last_finished_at: float | None = None

    def _run(self) -> None:
        import time

        try:
            self._health = check_sqlite_file(self.path, full=False)
        except BaseException as exc:  # noqa: BLE001 - handed to the thread that opens the file
            self._error = exc
        finally:
            EarlyCheck.last_finished_at = time.monotonic()

    def covers(self, path: Path) -> bool:
        """True when this check is of the file at `path` (which existed when it began)."""
        return self.covers_file and path.absolute() == self.path

    def finished(self) -> bool:
        """True once the check has its answer (or was never started): reading it won't wait."""
        return not self._thread.is_alive()

    def result_for(self, path: Path) -> FileHealth | None:
        """The check's answer when it covers `path`, else None (the caller checks itself)."""
        if not self.covers(path):
            return None
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._health


def reads_before_open(path: Path, early_check: EarlyCheck | None) -> bool:
    """True when the app may read `path` with plain sqlite3 before opening it (its start page's
    first figures, models.quick_reader): a file at the current schema revision whose start-up
    check covers it and has not failed. Anything else — a missing file (the demo goes in), a
    schema to migrate, a foreign or unreadable file, a failed check, a server — is opened the
    usual way first, with its dialogs."""
    if early_check is None or not early_check.covers(path):
        return False
    if journal_of(path).exists():
        # A rollback journal left by a killed write: only a read-write open rolls it back, and
        # a read-only connection could see the half-written pages meanwhile.
        return False
    if early_check.finished():
        try:
            health = early_check.result_for(path)
        except Exception:  # noqa: BLE001 - the usual path reports it
            return False
        if health is None or not health.ok:
            return False
    return probe_sqlite_file(path).up_to_date()
