"""پشتیبان‌گیری: the backups with Jalali date and time, size, record counts and whether they are
encrypted; back up now; restore with a confirmation that says what will happen; where and how
often backups are made."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from persian.bidi import ltr_isolate
from persian.digits import fa_number
from persian.jalali import format_jalali_datetime
from services import settings as app_settings
from services.backup import DATABASE_UNCHANGED, BackupInfo, list_backups
from ui.backup_scheduler import BackupScheduler
from ui.context import AppContext
from ui.errors import show_error
from ui.page import Page
from ui.page_parts import empty_state_for, page_heading, read_only_rows
from ui.table_columns import fit_columns
from ui.worker import run_with_progress


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return fa_number(n / (1024 * 1024), decimals=1) + " MB"
    return fa_number(max(1, n // 1024)) + " KB"


class BackupsPage(Page):
    key = "backups"

    def __init__(self, ctx: AppContext, scheduler: BackupScheduler | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("backupsPage")
        self.scheduler = scheduler or BackupScheduler(ctx, self)
        self.backups: list[BackupInfo] = []
        self._task = None

        self.folder_label = QLabel(objectName="backupFolder")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("backupsTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Date and time"), self.tr("Size"), self.tr("Records"),
            self.tr("Encrypted"), self.tr("State")])
        read_only_rows(self.table)

        self.backup_button = QPushButton(self.tr("Back up now"), objectName="backupNow")
        self.restore_button = QPushButton(self.tr("Restore selected…"), objectName="restoreButton")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        buttons = QHBoxLayout()
        for b in (self.backup_button, self.restore_button, self.refresh_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        settings_box = QGroupBox(self.tr("Settings"))
        form = QFormLayout(settings_box)
        self.dir_edit = QLineEdit(objectName="backupDirEdit")
        self.dir_edit.setPlaceholderText(self.tr("Next to the database (backups folder)"))
        # A path is typed and read left to right, also in the Persian UI (slashes in place).
        self.dir_edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_dir)
        dir_row = QHBoxLayout()
        dir_row.addWidget(self.dir_edit, 1)
        dir_row.addWidget(browse)
        form.addRow(self.tr("Backup folder"), dir_row)
        self.interval = QSpinBox(objectName="backupInterval")
        self.interval.setRange(1, 24 * 60)
        self.interval.setSuffix(self.tr(" minutes"))
        form.addRow(self.tr("Automatic backup every"), self.interval)
        self.keep = {}
        for key, label in (("backup_keep_days_all", self.tr("Keep everything of the last (days)")),
                           ("backup_keep_daily", self.tr("Then one per day, for (days)")),
                           ("backup_keep_weekly", self.tr("Then one per week, for (weeks)")),
                           ("backup_keep_monthly", self.tr("Then one per month, for (months)"))):
            spin = QSpinBox(objectName=key)
            spin.setRange(0, 1000)
            spin.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            form.addRow(label, spin)
            self.keep[key] = spin
        save = QPushButton(self.tr("Save settings"), objectName="saveBackupSettings")
        save.clicked.connect(self.save_settings)
        form.addRow(save)

        layout = QVBoxLayout(self)
        heading = page_heading(self.tr("Backups"))
        layout.addWidget(heading)
        layout.addWidget(QLabel(self.tr(
            "Every backup is checked after it is written and carries the attachments. "
            "Backups are made automatically while you work and when the app closes.")))
        layout.addWidget(self.folder_label)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(settings_box)

        self.backup_button.clicked.connect(self.back_up_now)
        self.empty_state = empty_state_for(
            self.table, self.tr("No backup in this folder yet. Press “Back up now” to make the "
                                "first one."), self.tr("Back up now"), self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.refresh_button.clicked.connect(self.refresh)
        self.load_settings()
        self.refresh()

    # -- settings ----------------------------------------------------------------------------
    def load_settings(self) -> None:
        values = app_settings.all_settings(self.ctx.db)
        self.dir_edit.setText(values.get("backup_dir") or "")
        self.interval.setValue(int(values.get("backup_interval_minutes") or 30))
        for key, spin in self.keep.items():
            spin.setValue(int(values.get(key) or 0))

    def save_settings(self) -> None:
        folder = self.dir_edit.text().strip()
        if folder:
            path = Path(folder).expanduser()
            try:
                path.mkdir(parents=True, exist_ok=True)
                probe = path / ".khooshe-write-test"
                probe.write_bytes(b"")
                probe.unlink()
            except OSError as exc:
                show_error(self, self.tr("Backups cannot be written to this folder: %1").replace(
                    "%1", exc.strerror or str(exc)))
                return
        app_settings.set_setting(self.ctx.db, "backup_dir", folder)
        app_settings.set_setting(self.ctx.db, "backup_interval_minutes", self.interval.value())
        for key, spin in self.keep.items():
            app_settings.set_setting(self.ctx.db, key, spin.value())
        self.scheduler.reschedule()
        self.ctx.statusMessage.emit(self.tr("Backup settings saved."))
        self.refresh()

    def _choose_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"),
                                                  self.dir_edit.text() or str(Path.home()))
        if folder:
            self.dir_edit.setText(folder)

    # -- list --------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.ctx.db.path is None:
            self.folder_label.setText(self.tr("Backups are made for SQLite databases only."))
            self.empty_state.set_text(self.folder_label.text())
            if self.empty_state.button is not None:
                self.empty_state.button.hide()
            self.backup_button.setEnabled(False)
            self.restore_button.setEnabled(False)
            return
        folder = self.scheduler.backup_dir()
        self.folder_label.setText(self.tr("Folder: %1").replace("%1", ltr_isolate(str(folder))))
        self.show_backups(list_backups(folder))

    def show_backups(self, backups: list[BackupInfo]) -> None:
        self.backups = backups
        self.table.setRowCount(len(backups))
        for row, info in enumerate(backups):
            when = info.created_at.replace(tzinfo=UTC).astimezone() if info.created_at else None
            state = (self.tr("Checked, whole") if info.valid
                     else self.tr("Encrypted (needs the password to check)") if info.valid is None
                     else info.error or self.tr("Damaged"))
            cells = [format_jalali_datetime(when) if when else "؟", _size(info.size),
                     fa_number(info.records) if info.counts else "—",
                     self.tr("Yes") if info.encrypted else self.tr("No"), state]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if info.valid is False:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, column, item)
        fit_columns(self.table, main=4)  # the state says what the agent must know
        if backups:
            self.table.setCurrentCell(0, 0)

    # -- actions -----------------------------------------------------------------------------
    def back_up_now(self) -> None:
        self.backup_button.setEnabled(False)

        def work(progress):  # noqa: ANN001, ANN202 - worker thread
            return self.scheduler.run_backup("manual")

        def done(path) -> None:  # noqa: ANN001
            self.backup_button.setEnabled(True)
            # The app's backups have no password (they run unattended): said once, here.
            self.ctx.statusMessage.emit(self.tr("Backup made and checked: %1").replace(
                "%1", ltr_isolate(path.name) if path else "") + " " + self.tr(
                "It is not encrypted: anyone who gets the file can read all the data."))
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.backup_button.setEnabled(True)
            show_error(self, getattr(exc, "message", None) or str(exc), repr(exc))

        self._task = run_with_progress(self, self.tr("Making a backup"), work, done, failed)

    def selected(self) -> BackupInfo | None:
        row = self.table.currentRow()
        return self.backups[row] if 0 <= row < len(self.backups) else None

    def confirm_restore(self, info: BackupInfo) -> bool:
        when = format_jalali_datetime(
            info.created_at.replace(tzinfo=UTC).astimezone()) if info.created_at else "؟"
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Restore"), self.tr(
            "The database will be replaced by the backup of %1. Everything recorded after it "
            "will no longer be in the database; a backup of the current database is made first, "
            "so it can be brought back.").replace("%1", when),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None:
            show_error(self, self.tr("Choose a backup in the list first."))
            return
        password = None
        if info.encrypted:
            password, ok = QInputDialog.getText(self, self.tr("Password"),
                                                self.tr("Password of this backup:"),
                                                QLineEdit.EchoMode.Password)
            if not ok:
                return
        if not self.confirm_restore(info):
            return
        self.restore(info.path, password)

    def restore(self, path: Path, password: str | None = None) -> None:
        workspace = self.ctx.db

        def work(progress):  # noqa: ANN001, ANN202 - worker thread
            # The workspace closes its pooled connections before and after the file is replaced.
            return workspace.restore(path, password=password)

        def done(result: BackupInfo) -> None:
            message = self.tr("Restored. The previous database was kept in: %1").replace(
                "%1", ltr_isolate(str(result.safety_backup or "—")))
            self.ctx.statusMessage.emit(message)
            self.refresh()

        def failed(exc: BaseException) -> None:
            message = getattr(exc, "message", None) or str(exc)
            if getattr(exc, "database_unchanged", False):
                # The service knows: the restore failed before the swap (the words are its own).
                message += "\n" + DATABASE_UNCHANGED
            show_error(self, message, repr(exc))

        self._task = run_with_progress(self, self.tr("Restoring"), work, done, failed)


def create_page(ctx: AppContext) -> QWidget:
    scheduler = getattr(ctx, "backup_scheduler", None)
    return BackupsPage(ctx, scheduler)
