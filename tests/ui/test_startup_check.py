"""The start page is filled while the start-up quick_check runs; writes wait for the check, and a
check that fails after the dashboard is shown still leads to the recovery dialog."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from models.errors import DatabaseDamagedError
from services import records
from services.backup import create_backup
from services.workspace import open_workspace
from tests.held_check import DAMAGED, HeldCheck
from tests.ui.message_boxes import answer as _answer
from ui import launcher


def _database_with_backup(tmp_path: Path) -> Path:
    path = tmp_path / "k.db"
    with open_workspace(str(path)) as db:
        records.create(db, "cluster", {"name": "خوشه پشتیبان"})
    create_backup(path, tmp_path / "backups")
    with open_workspace(str(path)) as db:
        records.create(db, "cluster", {"name": "خوشه پس از پشتیبان"})
    return path


@contextmanager
def _started(qtbot, path: Path, held: HeldCheck, ui_settings,  # noqa: ANN001
             ended: list[int]) -> Iterator[launcher.Startup]:
    """The app started on `path` with its check held, loaded (the dashboard filled)."""
    startup = launcher.start_window(str(path), ui_settings, early_check=held,
                                    on_failed=ended.append)
    with _closed_after(qtbot, startup, held):
        qtbot.waitUntil(lambda: startup.ctx is not None, timeout=20_000)
        assert startup.window.is_loaded() and startup.window.is_built("dashboard")
        yield startup
        assert startup.exit_code is None and ended == []


@contextmanager
def _closed_after(qtbot, startup: launcher.Startup,  # noqa: ANN001
                  held: HeldCheck) -> Iterator[None]:
    qtbot.addWidget(startup.window)
    try:
        yield
    finally:
        held.release()
        startup.window.close()
        if startup.database is not None:
            startup.database.close()


def test_the_dashboard_is_filled_before_the_check_ends_and_a_save_waits_for_it(
        qtbot, tmp_path, ui_settings):
    path = _database_with_backup(tmp_path)
    held = HeldCheck(path)
    ended: list[int] = []
    with _started(qtbot, path, held, ui_settings, ended) as startup:
        assert not startup.database.check_finished()  # shown while the check still runs
        released = threading.Event()

        def release() -> None:
            released.set()
            held.release()

        threading.Timer(0.2, release).start()
        records.create(startup.ctx.db, "cluster", {"name": "خوشه تازه"})
        assert released.is_set()  # the save waited for the check, then went through
        qtbot.wait(2 * launcher.CHECK_POLL_MS + 20)
        assert "خوشه تازه" in [c.title for c in records.list_records(startup.ctx.db, "cluster")]


def test_a_check_failing_after_the_dashboard_is_shown_brings_the_recovery_dialog(
        qtbot, tmp_path, ui_settings, monkeypatch):
    path = _database_with_backup(tmp_path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    texts = _answer(monkeypatch, QMessageBox.ButtonRole.AcceptRole)  # restore the backup
    held = HeldCheck(path, forced=DAMAGED)
    ended: list[int] = []
    with _started(qtbot, path, held, ui_settings, ended) as startup:
        ctx, database = startup.ctx, startup.database
        assert texts == []
        refused: list[BaseException] = []

        def save() -> None:  # a save made while the check runs, from a worker
            try:
                records.create(database, "cluster", {"name": "نباید نوشته شود"})
            except DatabaseDamagedError as exc:
                refused.append(exc)

        writer = threading.Thread(target=save)
        writer.start()
        held.release()
        writer.join(10)
        assert refused  # nothing written to the damaged file
        qtbot.waitUntil(lambda: bool(texts), timeout=10_000)
        assert "k.db.damaged-" in texts[0]
        aside = [p for p in tmp_path.glob("k.db.damaged-*")
                 if not p.name.endswith(("-wal", "-shm"))]
        assert [hashlib.sha256(p.read_bytes()).hexdigest() for p in aside] == [before]
        # The window goes on with the restored backup, through the handle every page holds.
        assert ctx.db is database and database.check_finished()
        assert [c.title for c in records.list_records(ctx.db, "cluster")] == ["خوشه پشتیبان"]


def test_quitting_the_late_recovery_dialog_ends_the_app_with_the_damaged_file_set_aside(
        qtbot, tmp_path, ui_settings, monkeypatch):
    path = _database_with_backup(tmp_path)
    texts = _answer(monkeypatch, QMessageBox.ButtonRole.RejectRole)
    held = HeldCheck(path, forced=DAMAGED)
    ended: list[int] = []
    startup = launcher.start_window(str(path), ui_settings, early_check=held,
                                    on_failed=ended.append)
    qtbot.addWidget(startup.window)
    qtbot.waitUntil(lambda: startup.ctx is not None, timeout=20_000)
    held.release()
    qtbot.waitUntil(lambda: startup.exit_code is not None, timeout=10_000)
    assert texts and startup.exit_code == 2 and ended == [2]
    assert not path.exists() and list(tmp_path.glob("k.db.damaged-*"))
    assert not startup.window.isVisible()
    startup.database.close()


def test_a_check_failing_before_the_database_is_opened_brings_the_dialog_and_the_backups_data(
        qtbot, tmp_path, ui_settings, monkeypatch):
    # The dashboard was filled from the file (models.quick_reader) while its check ran; the check
    # fails before the database is opened: the same recovery dialog, then the restored data.
    path = _database_with_backup(tmp_path)
    texts = _answer(monkeypatch, QMessageBox.ButtonRole.AcceptRole)  # restore the backup
    held = HeldCheck(path, forced=DAMAGED)
    ended: list[int] = []
    open_pending = launcher.Startup._open_pending
    monkeypatch.setattr(launcher.Startup, "_open_pending", lambda self: None)  # not yet
    startup = launcher.start_window(str(path), ui_settings, early_check=held,
                                    on_failed=ended.append)
    with _closed_after(qtbot, startup, held):
        qtbot.waitUntil(startup.window.is_loaded, timeout=20_000)
        page = startup.window.page("dashboard")
        combo = page.cluster_combo
        assert startup.database is None
        assert sorted(combo.itemText(i) for i in range(combo.count())) == \
            ["خوشه پس از پشتیبان", "خوشه پشتیبان"]
        held.release()
        qtbot.waitUntil(held.finished, timeout=10_000)
        open_pending(startup)
        assert texts and "k.db.damaged-" in texts[0]
        assert startup.ctx is not None and startup.ctx.db is startup.database
        assert [combo.itemText(i) for i in range(combo.count())] == ["خوشه پشتیبان"]
        assert startup.exit_code is None and ended == []
