"""A workspace opened while its start-up quick_check runs: reads at once, writes after it passed,
and never a write, a backup or a restore on a file whose check failed."""

from __future__ import annotations

import hashlib
import threading
import time
from pathlib import Path

import pytest

from models.errors import DatabaseDamagedError
from services import records
from services.workspace import open_workspace
from tests.held_check import DAMAGED, HeldCheck


def _database(tmp_path: Path) -> Path:
    path = tmp_path / "k.db"
    with open_workspace(str(path)) as db:
        records.create(db, "cluster", {"name": "خوشه یک"})
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_reads_go_ahead_and_a_save_waits_for_the_check_then_succeeds(tmp_path: Path) -> None:
    path = _database(tmp_path)
    held = HeldCheck(path)
    with open_workspace(str(path), early_check=held, defer_check=True) as db:
        assert not db.check_finished()
        assert [c.title for c in records.list_records(db, "cluster")] == ["خوشه یک"]
        released: list[float] = []

        def release() -> None:
            released.append(time.monotonic())
            held.release()

        threading.Timer(0.2, release).start()
        records.create(db, "cluster", {"name": "خوشه دو"})
        assert released and db.check_finished()  # the commit waited for the check
        assert sorted(c.title for c in records.list_records(db, "cluster")) == [
            "خوشه دو", "خوشه یک"]


def test_a_failed_check_refuses_every_write_and_the_file_is_left_as_it_was(
        tmp_path: Path) -> None:
    path = _database(tmp_path)
    before = _digest(path)
    held = HeldCheck(path, forced=DAMAGED)
    db = open_workspace(str(path), early_check=held, defer_check=True)
    try:
        assert [c.title for c in records.list_records(db, "cluster")] == ["خوشه یک"]
        threading.Timer(0.1, held.release).start()
        with pytest.raises(DatabaseDamagedError) as refused:
            records.create(db, "cluster", {"name": "خوشه دو"})
        assert refused.value.message == DAMAGED.message
        with pytest.raises(DatabaseDamagedError):
            db.backup(tmp_path / "backups")
        assert not (tmp_path / "backups").exists()
    finally:
        db.close()
    assert _digest(path) == before
    with open_workspace(str(path)) as reopened:
        assert [c.title for c in records.list_records(reopened, "cluster")] == ["خوشه یک"]


def test_without_deferring_the_open_waits_as_before(tmp_path: Path) -> None:
    path = _database(tmp_path)
    held = HeldCheck(path, forced=DAMAGED)
    threading.Timer(0.1, held.release).start()
    with pytest.raises(DatabaseDamagedError):
        open_workspace(str(path), early_check=held)
