"""Automatic backups while the app runs: every N minutes when something changed, and at close.

The schedule lives here, the backup itself in services.backup; retention runs after each
automatic backup with the counts from the settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from services import settings as app_settings
from services.backup import apply_retention, default_backup_dir
from ui.context import AppContext


class BackupScheduler(QObject):
    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.changed = False
        self.last_error: str | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        ctx.dataChanged.connect(self._mark_changed)
        self.reschedule()

    @property
    def db_path(self) -> Path | None:
        return self.ctx.db.path

    def reschedule(self) -> None:
        minutes = app_settings.get_setting(self.ctx.db, "backup_interval_minutes") or 30
        try:
            minutes = max(1, int(minutes))
        except (TypeError, ValueError):
            minutes = 30
        self.timer.start(minutes * 60 * 1000)

    def _mark_changed(self, _kind: str) -> None:
        self.changed = True

    def backup_dir(self) -> Path:
        assert self.db_path is not None
        return default_backup_dir(self.db_path)

    def run_backup(self, reason: str) -> Path | None:
        """One verified backup now, then retention; returns its path (None when not SQLite)."""
        if self.db_path is None or not self.db_path.exists():
            return None
        folder = self.backup_dir()
        # Through the workspace, like every backup: it waits for the start-up check and is
        # refused (DatabaseDamagedError) on a file whose check failed.
        info = self.ctx.db.backup(folder, reason=reason)
        values = app_settings.all_settings(self.ctx.db)
        apply_retention(folder, keep_days_all=int(values["backup_keep_days_all"]),
                        daily=int(values["backup_keep_daily"]),
                        weekly=int(values["backup_keep_weekly"]),
                        monthly=int(values["backup_keep_monthly"]))
        self.changed = False
        return info.path

    def tick(self) -> None:
        if not self.changed:
            return
        from ui.worker import run_with_progress

        def work(progress):  # noqa: ANN001, ANN202 - worker thread
            return self.run_backup("automatic")

        def failed(exc: BaseException) -> None:
            # A failed automatic backup must not interrupt the user's typing with a dialog;
            # the status bar says it, and the next tick tries again.
            self.last_error = getattr(exc, "message", None) or str(exc)
            self.ctx.statusMessage.emit(self.last_error)

        self.changed = False
        run_with_progress(None, "پشتیبان‌گیری خودکار", work,
                          lambda path: self.ctx.statusMessage.emit(
                              f"پشتیبان خودکار ساخته شد: {path.name}" if path else ""),
                          failed)

    def backup_on_close(self) -> None:
        """At close, when something changed since the last backup (errors only logged)."""
        if not self.changed:
            return
        import logging

        try:
            self.run_backup("on-close")
        except Exception:  # noqa: BLE001 - closing must go on; the log keeps the reason
            logging.getLogger("khooshe").exception("backup at close failed")
