"""تبادل با دفتر استان: an agent makes an exchange package of her records; the office previews a
received package (what is new, updated, deleted, which records conflict and which side wins) and
then applies it. Everything runs through services.exchange in a background worker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.english import people_join, people_label
from persian.bidi import ltr_isolate
from persian.digits import fa_number
from persian.jalali import format_jalali_datetime, jalali_file_stamp
from services import exchange, records
from ui.context import AppContext
from ui.errors import show_error
from ui.jalali_date_edit import JalaliDateEdit
from ui.page import Page
from ui.page_parts import file_to_open, page_heading, read_only_rows
from ui.table_columns import fit_columns
from ui.worker import run_with_progress


def _local(stamp: datetime) -> datetime:
    """A stored UTC stamp (naive) as local time."""
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone()


def _message(exc: BaseException) -> str | None:
    message = getattr(exc, "message", None)
    return message if isinstance(message, str) and message else None


@dataclass(frozen=True)
class _Pending:
    """A package whose preview succeeded: what «apply» will import."""

    path: Path
    password: str | None


class ExchangePage(Page):
    key = "exchange"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("exchangePage")
        self._task = None
        self.busy = False
        self.pending: _Pending | None = None
        self.last_export: exchange.ExportResult | None = None
        self.last_report: exchange.ImportReport | None = None

        # -- send ----------------------------------------------------------------------------
        send_box = QGroupBox(self.tr("Send a package"), self)
        send_box.setObjectName("sendBox")
        grid = QGridLayout(send_box)
        self.cluster_combo = QComboBox(send_box, objectName="exchangeCluster")
        self.cluster_combo.setMinimumWidth(240)
        self.since_edit = JalaliDateEdit(send_box)
        self.since_edit.setObjectName("exchangeSince")
        self.since_edit.setToolTip(self.tr(
            "empty: every record; otherwise the records changed since then"))
        self.agent_edit = QLineEdit(send_box, objectName="exchangeAgentName")
        self.agent_edit.setPlaceholderText(self.tr("e.g. Maryam Karimi, agent of the Lar cluster"))
        self.agent_edit.setMinimumWidth(240)
        self.password_edit = QLineEdit(send_box, objectName="exchangePassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("optional"))
        self.password_repeat = QLineEdit(send_box, objectName="exchangePasswordRepeat")
        self.password_repeat.setEchoMode(QLineEdit.EchoMode.Password)
        since_hint = QLabel(self.tr("empty: every record; otherwise the records changed since then"))
        since_hint.setEnabled(False)
        grid.addWidget(QLabel(self.tr("Cluster")), 0, 0)
        grid.addWidget(self.cluster_combo, 0, 1)
        grid.addWidget(QLabel(self.tr("From date")), 0, 2)
        grid.addWidget(self.since_edit, 0, 3)
        grid.addWidget(since_hint, 0, 4, 1, 2)
        grid.addWidget(QLabel(self.tr("Agent name")), 1, 0)
        grid.addWidget(self.agent_edit, 1, 1)
        grid.addWidget(QLabel(self.tr("Password")), 1, 2)
        grid.addWidget(self.password_edit, 1, 3)
        grid.addWidget(QLabel(self.tr("Repeat password")), 1, 4)
        grid.addWidget(self.password_repeat, 1, 5)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(5, 1)
        self.export_button = QPushButton(self.tr("Make package…"), send_box,
                                         objectName="exchangeExport")
        self.export_button.clicked.connect(self.choose_export)
        self.export_status = QLabel(send_box, objectName="exchangeExportStatus")
        self.export_status.setWordWrap(True)
        self.export_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        export_row = QHBoxLayout()
        export_row.addWidget(self.export_button)
        export_row.addWidget(self.export_status, 1)
        grid.addLayout(export_row, 2, 0, 1, 6)

        # -- receive -------------------------------------------------------------------------
        receive_box = QGroupBox(self.tr("Receive a package"), self)
        receive_box.setObjectName("receiveBox")
        receive = QVBoxLayout(receive_box)
        pick_row = QHBoxLayout()
        self.import_password = QLineEdit(receive_box, objectName="exchangeImportPassword")
        self.import_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.import_password.setPlaceholderText(self.tr("only for an encrypted package"))
        self.choose_button = QPushButton(self.tr("Choose package…"), receive_box,
                                         objectName="exchangeChoose")
        self.choose_button.clicked.connect(self.choose_import)
        pick_row.addWidget(QLabel(self.tr("Package password")))
        pick_row.addWidget(self.import_password, 1)
        pick_row.addWidget(self.choose_button)
        self.apply_button = QPushButton(self.tr("Apply changes"), receive_box,
                                        objectName="exchangeApply")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        pick_row.addWidget(self.apply_button)
        receive.addLayout(pick_row)
        self.preview_label = QLabel(self.tr(
            "Choose a package: first you see what it would change; nothing is written until you "
            "press “Apply changes”."), receive_box, objectName="exchangePreviewLabel")
        self.preview_label.setWordWrap(True)
        self.preview_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        receive.addWidget(self.preview_label)
        self.result_label = QLabel(receive_box, objectName="exchangeResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        receive.addWidget(self.result_label)

        self.counts_table = QTableWidget(0, 6, receive_box)
        self.counts_table.setObjectName("exchangeCounts")
        self.counts_table.setHorizontalHeaderLabels([
            self.tr("Record kind"), self.tr("New"), self.tr("Updated"), self.tr("Deleted"),
            self.tr("Unchanged"), self.tr("Conflicts")])
        self.conflicts_label = QLabel(receive_box, objectName="exchangeConflictsLabel")
        self.conflicts_label.setWordWrap(True)
        self.conflicts_table = QTableWidget(0, 5, receive_box)
        self.conflicts_table.setObjectName("exchangeConflicts")
        self.conflicts_table.setHorizontalHeaderLabels([
            self.tr("Record"), self.tr("Fields that differ"), self.tr("Changed here"),
            self.tr("Changed in the package"), self.tr("Kept")])
        for table in (self.counts_table, self.conflicts_table):
            read_only_rows(table)
            fit_columns(table, main=0)  # headers whole before the first package is read
        self.counts_table.setMinimumHeight(180)
        self.conflicts_table.setMinimumHeight(110)
        receive.addWidget(self.counts_table, 2)
        receive.addWidget(self.conflicts_label)
        receive.addWidget(self.conflicts_table, 1)
        self.conflicts_label.hide()
        self.conflicts_table.hide()


        # -- page ----------------------------------------------------------------------------
        heading = page_heading(self.tr("Exchange with the provincial office"))
        intro = QLabel(self.tr(
            "An agent sends her records to the provincial office as one package file; the office "
            "receives the packages of every agent into its database. Records are merged by their "
            "identity: receiving the same package twice changes nothing."))
        intro.setWordWrap(True)
        body = QWidget(self)
        inner = QVBoxLayout(body)
        inner.addWidget(heading)
        inner.addWidget(intro)
        inner.addWidget(send_box)
        inner.addWidget(receive_box, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        ctx.dataChanged.connect(self._on_data_changed)
        self._reload_clusters()
        self.agent_edit.setText(exchange.agent_name(ctx.db))

    # -- helpers -----------------------------------------------------------------------------
    def _reload_clusters(self) -> None:
        current = self.cluster_combo.currentData() if self.cluster_combo.count() else None
        self.cluster_combo.blockSignals(True)
        self.cluster_combo.clear()
        self.cluster_combo.addItem(self.tr("All clusters"), None)
        for view in records.list_records(self.ctx.db, "cluster"):
            self.cluster_combo.addItem(view.title, view.title)
        index = self.cluster_combo.findData(current) if current else 0
        self.cluster_combo.setCurrentIndex(max(0, index))
        self.cluster_combo.blockSignals(False)

    def _on_data_changed(self, kind: str) -> None:
        if kind in ("cluster", "*"):
            self._reload_clusters()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.export_button.setEnabled(not busy)
        self.choose_button.setEnabled(not busy)
        self.apply_button.setEnabled(not busy and self.pending is not None)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        message = _message(exc)
        if getattr(exc, "code", None) == "exchange_password_required":
            message = self.tr("This package is encrypted: type its password in “Package "
                              "password” and choose the package again.")
        show_error(self, message or self.tr("The exchange failed; nothing was changed."),
                   repr(exc))

    # -- send --------------------------------------------------------------------------------
    def default_file_name(self) -> str:
        cluster = self.cluster_combo.currentData()
        stem = "khooshe" if not cluster else str(cluster).replace("/", "-").replace(" ", "-")
        return f"{stem}-{jalali_file_stamp(datetime.now())}{exchange.SUFFIX}"

    def choose_export(self) -> None:
        if not self._check_export_fields():
            return
        start = str(Path.home() / self.default_file_name())
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the exchange package"), start,
            self.tr("Khooshe exchange package (*.kxp)"))
        if path:
            if not path.lower().endswith(exchange.SUFFIX):
                path += exchange.SUFFIX
            self.export_to(Path(path))

    def _check_export_fields(self) -> bool:
        if not self.since_edit.validate():
            show_error(self, self.since_edit.errorText() or self.tr("The date is not valid."))
            return False
        if self.password_edit.text() != self.password_repeat.text():
            show_error(self, self.tr("The two passwords are not the same."))
            return False
        return True

    def export_to(self, path: Path | str):  # noqa: ANN201 - TaskHandle | None
        """Writes the package to `path` in the worker (the save dialog ends here too)."""
        if not self._check_export_fields():
            return None
        path = Path(path)
        db = self.ctx.db
        cluster = self.cluster_combo.currentData()
        since = self.since_edit.date()
        password = self.password_edit.text() or None
        agent = self.agent_edit.text().strip()
        old_agent = exchange.agent_name(db)
        self._set_busy(True)
        self.export_status.setText("")

        def work(progress):  # noqa: ANN001, ANN202 - worker thread: no widgets here
            if agent != old_agent:
                exchange.set_agent_name(db, agent)
            return exchange.export_package(db, path, cluster=cluster, since=since,
                                           password=password)

        def done(result: exchange.ExportResult) -> None:
            self.last_export = result
            self._set_busy(False)
            total = sum(n for k, n in result.counts.items())
            text = self.tr("Package written: %1 (%2 records%3).").replace(
                "%1", ltr_isolate(str(result.path))).replace("%2", fa_number(total)).replace(
                "%3", self.tr(", encrypted") if result.encrypted else "")
            if not result.encrypted:
                text += " " + self.tr("The package is not encrypted: anyone who gets the file "
                                      "can read its records. Give a password to encrypt it.")
            if result.missing_attachments:
                text += " " + self.tr("Warning: %1 attachment files were missing from the "
                                      "attachments folder and were not sent.").replace(
                    "%1", fa_number(result.missing_attachments))
            self.export_status.setText(text)
            self.ctx.statusMessage.emit(text)

        self._task = run_with_progress(self, self.tr("Making the exchange package"), work, done,
                                       self._failed)
        return self._task

    # -- receive -----------------------------------------------------------------------------
    def choose_import(self) -> None:
        path = file_to_open(self, self.tr("Choose an exchange package"),
                            self.tr("Khooshe exchange package (*.kxp);;All files (*)"))
        if path is not None:
            self.preview(path)

    def preview(self, path: Path | str):  # noqa: ANN201 - TaskHandle
        """Checks the package and shows what it would change (a dry run: nothing is written)."""
        path = Path(path)
        password = self.import_password.text() or None
        db = self.ctx.db
        self.pending = None
        self.last_report = None
        self._set_busy(True)
        self.result_label.setText("")
        self.result_label.hide()
        self._show_report(None)
        self.preview_label.setText(self.tr("Checking %1…").replace("%1", ltr_isolate(str(path))))

        def work(progress):  # noqa: ANN001, ANN202 - worker thread: no widgets here
            return exchange.import_file(db, path, password=password, dry_run=True)

        def done(report: exchange.ImportReport) -> None:
            self.pending = _Pending(path, password)
            self.last_report = report
            self._set_busy(False)
            self._show_report(report)
            summary = self._summary(report, path)
            if report.changed == 0 and not report.conflicts:
                summary += " " + self.tr("It changes nothing (it was received before).")
            else:
                summary += " " + self.tr("Nothing has been written yet; press “Apply changes” "
                                         "to receive it.")
            self.preview_label.setText(summary)

        def failed(exc: BaseException) -> None:
            self.preview_label.setText(self.tr("The package was not accepted; nothing was "
                                               "changed."))
            self._failed(exc)

        self._task = run_with_progress(self, self.tr("Checking the exchange package"), work,
                                       done, failed)
        return self._task

    def apply(self):  # noqa: ANN201 - TaskHandle | None
        """Imports the previewed package (one transaction, a backup first on SQLite)."""
        pending = self.pending
        if pending is None:
            show_error(self, self.tr("Choose a package and look at its preview first."))
            return None
        db = self.ctx.db
        self._set_busy(True)

        def work(progress):  # noqa: ANN001, ANN202 - worker thread: no widgets here
            return exchange.import_file(db, pending.path, password=pending.password)

        def done(report: exchange.ImportReport) -> None:
            self.pending = None
            self.last_report = report
            self._set_busy(False)
            self._show_report(report)
            self.preview_label.setText(self._summary(report, pending.path))
            if report.changed:
                text = self.tr("The package was received: %1 records changed.").replace(
                    "%1", fa_number(report.changed))
            else:
                text = self.tr("Nothing changed (this package was received before).")
            if report.backup is not None:
                text += " " + self.tr("Backup made before receiving it: %1").replace(
                    "%1", ltr_isolate(str(report.backup)))
            self.result_label.setText(text)
            self.result_label.show()
            self.ctx.statusMessage.emit(text)

        def failed(exc: BaseException) -> None:
            self.pending = None
            self.result_label.setText(self.tr("The package was not received; nothing was "
                                              "changed."))
            self.result_label.show()
            self._failed(exc)

        self._task = run_with_progress(self, self.tr("Receiving the exchange package"), work,
                                       done, failed)
        return self._task

    def _summary(self, report: exchange.ImportReport, path: Path) -> str:
        # Never the raw installation id: the name, else the cluster and the sender's computer.
        who = report.agent_name or self.tr("an agent without a name, cluster “%1”, computer "
                                           "“%2”").replace("%1", report.cluster or "—").replace(
            "%2", report.laptop or "—")
        made = "—"
        if report.created_at:
            try:
                made = format_jalali_datetime(_local(datetime.fromisoformat(report.created_at)))
            except ValueError:
                made = "—"
        return self.tr("Package %1 from “%2”, made %3.").replace(
            "%1", ltr_isolate(path.name)).replace("%2", who).replace("%3", made)

    def _show_report(self, report: exchange.ImportReport | None) -> None:
        rows = []
        if report is not None:
            rows = [(kind, c) for kind, c in report.counts.items()
                    if c.new or c.updated or c.deleted or c.unchanged or c.conflicts]
        self.counts_table.setRowCount(len(rows))
        for row, (kind, c) in enumerate(rows):
            cells = [people_label(exchange.kind_label(kind)), fa_number(c.new), fa_number(c.updated),
                     fa_number(c.deleted), fa_number(c.unchanged), fa_number(c.conflicts)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.counts_table.setItem(row, column, item)
        fit_columns(self.counts_table, main=0)

        conflicts = report.conflicts if report is not None else []
        self.conflicts_table.setRowCount(len(conflicts))
        for row, c in enumerate(conflicts):
            kept = (self.tr("The package's version") if c.winner == "incoming"
                    else self.tr("This database's version"))
            cells = [c.title, people_join(people_label(f) for f in c.fields) or "—",
                     format_jalali_datetime(_local(c.local_updated_at)),
                     format_jalali_datetime(_local(c.incoming_updated_at)), kept]
            for column, text in enumerate(cells):
                self.conflicts_table.setItem(row, column, QTableWidgetItem(text))
        fit_columns(self.conflicts_table, main=0)
        if report is not None and conflicts:
            self.conflicts_label.setText(self.tr(
                "Conflicts (%1): both sides changed these records since the last exchange; the "
                "newer change is kept.").replace("%1", fa_number(len(conflicts))))
        elif report is not None:
            self.conflicts_label.setText(self.tr("No conflicts."))
        self.conflicts_label.setVisible(report is not None)
        self.conflicts_table.setVisible(bool(conflicts))


def create_page(ctx: AppContext) -> QWidget:
    return ExchangePage(ctx)
