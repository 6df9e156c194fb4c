"""The backups page: back up now, see it listed, restore it after a confirmation."""

from __future__ import annotations

import pytest

from services import records
from ui.backup_scheduler import BackupScheduler
from ui.context import AppContext
from ui.pages.backups import BackupsPage


@pytest.fixture
def page(qtbot, db, ui_settings):
    records.create(db, "cluster", {"name": "خوشه پیش از پشتیبان"})
    ctx = AppContext(db, ui_settings)
    widget = BackupsPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_back_up_now_lists_a_checked_backup(qtbot, page):
    assert page.table.rowCount() == 0
    page.backup_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=20_000)
    info = page.backups[0]
    assert info.valid and info.counts["cluster"] == 1 and not info.encrypted
    assert "۱۴" in page.table.item(0, 0).text()  # a Jalali year in Persian digits


def test_restore_brings_the_backup_back_and_keeps_the_current_one(qtbot, page, monkeypatch):
    db = page.ctx.db
    page.backup_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=20_000)
    records.create(db, "cluster", {"name": "خوشه پس از پشتیبان"})
    monkeypatch.setattr(page, "confirm_restore", lambda info: True)
    page.table.setCurrentCell(0, 0)
    page.restore_selected()
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=20_000)
    names = {c.title for c in records.list_records(db, "cluster")}
    assert names == {"خوشه پیش از پشتیبان"}
    assert any(b.reason == "before-restore" for b in page.backups if b.valid)


def test_cancelled_confirmation_changes_nothing(qtbot, page, monkeypatch):
    page.backup_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=20_000)
    records.create(page.ctx.db, "cluster", {"name": "تازه"})
    monkeypatch.setattr(page, "confirm_restore", lambda info: False)
    page.table.setCurrentCell(0, 0)
    page.restore_selected()
    assert len(records.list_records(page.ctx.db, "cluster")) == 2


def test_scheduler_backs_up_only_after_changes(db, ui_settings, tmp_path):
    ctx = AppContext(db, ui_settings)
    scheduler = BackupScheduler(ctx)
    scheduler.backup_on_close()
    assert not (db.path.parent / "backups").exists()
    records.create(db, "firm", {"name": "بنگاه تازه"})  # a change the service announces
    scheduler.backup_on_close()
    assert len(list((db.path.parent / "backups").glob("*.kbk"))) == 1
    assert not scheduler.changed


def test_unwritable_backup_folder_is_refused_with_a_message(qtbot, page, shown_errors, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    page.dir_edit.setText(str(blocker / "sub"))
    page.save_settings()
    assert shown_errors


def test_the_automatic_backup_waits_for_the_start_up_check_and_not_on_a_damaged_file(
        qtbot, tmp_path, ui_settings):
    """The scheduler backs up through the workspace: not before the start-up check has passed,
    and never a file whose check failed."""
    import threading

    from models.errors import DatabaseDamagedError
    from services.workspace import open_workspace
    from tests.held_check import DAMAGED, HeldCheck

    path = tmp_path / "k.db"
    with open_workspace(str(path)) as first:
        records.create(first, "cluster", {"name": "خوشه یک"})
    held = HeldCheck(path, forced=DAMAGED)
    db = open_workspace(str(path), early_check=held, defer_check=True)
    try:
        scheduler = BackupScheduler(AppContext(db, ui_settings))
        threading.Timer(0.1, held.release).start()
        with pytest.raises(DatabaseDamagedError):
            scheduler.run_backup("automatic")
        assert not list((tmp_path / "backups").glob("*.kbk"))
    finally:
        db.dispose()
    held = HeldCheck(path)
    with open_workspace(str(path), early_check=held, defer_check=True) as db:
        scheduler = BackupScheduler(AppContext(db, ui_settings))
        threading.Timer(0.1, held.release).start()
        made = scheduler.run_backup("automatic")
        assert made is not None and made.exists() and db.check_finished()


def _restore_failing_with(page, monkeypatch, shown_errors, qtbot, fail):  # noqa: ANN001, ANN202
    """Restores the page's one backup after `fail()` (the restore patched to fail); returns the
    error dialog's text."""
    page.backup_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=20_000)
    fail()
    monkeypatch.setattr(page, "confirm_restore", lambda info: True)
    page.table.setCurrentCell(0, 0)
    page.restore_selected()
    qtbot.waitUntil(lambda: bool(shown_errors), timeout=20_000)
    [(text, _details)] = shown_errors
    return text


def test_a_restore_that_fails_before_the_swap_says_the_database_is_unchanged(
        qtbot, page, monkeypatch, shown_errors):
    """The real restore, its copy of the backup meeting a full disk: the service knows the
    database was not touched, and the dialog says so after what happened and what to do."""
    import errno

    from services.backup import DATABASE_UNCHANGED
    from services.backup import verify as verify_module

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    db = page.ctx.db

    def after_the_backup() -> None:
        records.create(db, "cluster", {"name": "خوشه پس از پشتیبان"})
        monkeypatch.setattr(verify_module, "copy_range", full)

    text = _restore_failing_with(page, monkeypatch, shown_errors, qtbot, after_the_backup)
    assert text.startswith("بازیابی انجام نشد: فضای کافی") and "دوباره بازیابی کنید" in text
    assert text.endswith("\n" + DATABASE_UNCHANGED)
    assert len(records.list_records(db, "cluster")) == 2  # unchanged indeed


def test_a_failed_restore_that_may_have_changed_the_database_does_not_call_it_unchanged(
        qtbot, page, monkeypatch, shown_errors):
    from services.backup import DATABASE_UNCHANGED, BackupError

    def fails(*_args: object, **_kwargs: object) -> None:
        raise BackupError("پایگاه داده بازیابی‌شده باز نشد.", "restore_failed")

    text = _restore_failing_with(page, monkeypatch, shown_errors, qtbot, lambda: (
        monkeypatch.setattr(page.ctx.db, "restore", fails)))
    assert text == "پایگاه داده بازیابی‌شده باز نشد." and DATABASE_UNCHANGED not in text
