"""The quick_check the app starts in a thread before its first frame, read by open_database."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import models.migrate as migrate
from models.errors import DatabaseDamagedError
from models.health import EarlyCheck
from models.migrate import open_database


def _current_database(path: Path) -> None:
    open_database(str(path)).dispose()


@pytest.fixture
def checks_run_here(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files open_database checked itself (not through an early check)."""
    calls: list[Path] = []
    real = migrate.check_sqlite_file
    monkeypatch.setattr(migrate, "check_sqlite_file",
                        lambda p, **kw: calls.append(p) or real(p, **kw))
    return calls


def test_open_database_uses_the_early_check_instead_of_checking_again(
        tmp_path: Path, checks_run_here: list[Path]) -> None:
    path = tmp_path / "k.db"
    _current_database(path)
    checks_run_here.clear()
    early = EarlyCheck(path)
    calls = checks_run_here
    open_database(str(path), early_check=early).dispose()
    assert calls == []  # answered by the thread
    open_database(str(path)).dispose()
    assert calls == [path]  # without one, it checks itself


def test_a_damaged_file_is_refused_through_the_early_check_and_left_untouched(
        tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    early = EarlyCheck(path)
    with pytest.raises(DatabaseDamagedError):
        open_database(str(path), early_check=early)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_an_early_check_of_another_file_or_of_no_file_is_not_used(
        tmp_path: Path, checks_run_here: list[Path]) -> None:
    path, other = tmp_path / "k.db", tmp_path / "other.db"
    _current_database(path)
    _current_database(other)
    missing = EarlyCheck(tmp_path / "new.db")  # first start: nothing to check yet
    assert not missing.covers_file and missing.result_for(tmp_path / "new.db") is None
    early = EarlyCheck(other)
    checks_run_here.clear()
    calls = checks_run_here
    open_database(str(path), early_check=early).dispose()
    assert calls == [path]
    open_database(str(tmp_path / "new.db"), early_check=missing).dispose()  # created as before
    assert (tmp_path / "new.db").stat().st_size > 0


def test_deferred_open_of_an_up_to_date_file_does_not_wait_for_the_check(tmp_path: Path) -> None:
    from tests.held_check import HeldCheck

    path = tmp_path / "k.db"
    _current_database(path)
    held = HeldCheck(path)
    try:
        open_database(str(path), early_check=held, defer_check=True).dispose()
        assert not held.finished()  # opened while the check was still running
    finally:
        held.release()


def test_deferred_open_of_a_file_with_a_bad_header_still_waits_and_refuses(
        tmp_path: Path) -> None:
    import threading

    from tests.held_check import HeldCheck

    path = tmp_path / "junk.db"
    path.write_bytes(b"not a database" + b"\x00" * 4000)
    held = HeldCheck(path)
    threading.Timer(0.1, held.release).start()
    with pytest.raises(DatabaseDamagedError):
        open_database(str(path), early_check=held, defer_check=True)
    assert held.finished()


def test_deferring_never_skips_the_check_of_a_file_the_early_check_does_not_cover(
        tmp_path: Path, checks_run_here: list[Path]) -> None:
    path, other = tmp_path / "k.db", tmp_path / "other.db"
    _current_database(path)
    _current_database(other)
    checks_run_here.clear()
    early = EarlyCheck(other)
    open_database(str(path), early_check=early, defer_check=True).dispose()
    assert checks_run_here == [path]
