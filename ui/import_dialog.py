"""فایل ← ورود از اکسل: the programme's history from a workbook, in two steps.

Step 1 (mapping): choose the file, the cluster and, for each field, the column that feeds it.
Step 2 (preview): counts per kind, new people and firms, duplicates, every problem with its sheet,
row and column. «ورود» writes it all (a verified backup first) or, with any problem, nothing.
Reading, previewing and writing run in the worker (ui.worker), never in the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models import vocab
from models.english import people_join, people_label
from persian.bidi import ltr_isolate
from persian.digits import fa_number
from services import activities
from services import activity_import as ai
from ui.context import AppContext
from ui.errors import show_error
from ui.import_mapping import MappingWidget
from ui.page_parts import file_to_open, read_only_rows
from ui.worker import Cancelled, ProgressCallback, run_with_progress


class ImportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import from Excel"))
        self.resize(860, 680)
        self.workbook: ai.Workbook | None = None
        self.default: ai.ColumnMapping | None = None
        self.preview: ai.Preview | None = None
        self.result: ai.ImportResult | None = None
        self._task = None

        self.steps = QStackedWidget(self)
        self.steps.addWidget(self._mapping_step())
        self.steps.addWidget(self._preview_step())

        self.back_button = QPushButton(self.tr("Back"), self, objectName="importBack")
        self.back_button.clicked.connect(lambda: self._show_step(0))
        self.preview_button = QPushButton(self.tr("Preview"), self, objectName="importPreview")
        self.preview_button.clicked.connect(self.show_preview)
        self.import_button = QPushButton(self.tr("Import"), self, objectName="importRun")
        self.import_button.clicked.connect(self.run_import)
        close = QPushButton(self.tr("Close"), self, objectName="importClose")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps, 1)
        layout.addLayout(buttons)
        self._show_step(0)

    # -- step 1: file, cluster, mapping -----------------------------------------------------
    def _mapping_step(self) -> QWidget:
        step = QWidget(self)
        self.file_edit = QLineEdit(step, objectName="importFile")
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(self.tr("Choose the Excel file of the history"))
        choose = QPushButton(self.tr("Choose file…"), step, objectName="importChoose")
        choose.clicked.connect(self.choose_file)
        template = QPushButton(self.tr("Save template…"), step, objectName="importTemplate")
        template.setToolTip(self.tr("A workbook with the expected headers and one example row "
                                    "per kind"))
        template.clicked.connect(self.choose_template)
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(self.tr("File")))
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(choose)
        file_row.addWidget(template)

        self.cluster_combo = QComboBox(step, objectName="importCluster")
        self.cluster_combo.addItem(self.tr("From the file's “cluster” column"), None)
        for cluster_id, name in activities.cluster_choices(self.ctx.db):
            self.cluster_combo.addItem(name, cluster_id)
        self.cluster_combo.setCurrentIndex(max(0, self.cluster_combo.findData(self.ctx.cluster_id)))
        cluster_row = QHBoxLayout()
        cluster_row.addWidget(QLabel(self.tr("Cluster")))
        cluster_row.addWidget(self.cluster_combo, 1)

        self.sheets_label = QLabel(self.tr(
            "One sheet per kind (meetings, training courses, tours, exhibitions) or a “kind” "
            "column; resolutions in a sheet named “مصوبات” with the meeting's row. Nothing is "
            "written before the preview."), step, objectName="importSheets")
        self.sheets_label.setWordWrap(True)
        self.mapping = MappingWidget(step)
        self.mapping.setEnabled(False)
        scroll = QScrollArea(step)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.mapping)
        layout = QVBoxLayout(step)
        layout.addLayout(file_row)
        layout.addLayout(cluster_row)
        layout.addWidget(self.sheets_label)
        layout.addWidget(scroll, 1)
        return step

    def choose_file(self) -> None:
        path = file_to_open(self, self.tr("Choose the Excel file"),
                            self.tr("Excel workbook (*.xlsx);;All files (*)"))
        if path is not None:
            self.load(path)

    def choose_template(self) -> None:
        start = str(Path.home() / "khooshe-template.xlsx")
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the template workbook"), start,
            self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.save_template(Path(path if path.lower().endswith(".xlsx") else path + ".xlsx"))

    def save_template(self, path: Path) -> None:
        try:
            ai.write_template(path)
        except OSError as exc:
            show_error(self, self.tr("The template could not be saved: %1").replace(
                "%1", str(exc.strerror or exc)), repr(exc))
            return
        self.sheets_label.setText(self.tr("Template saved: %1. Fill it in and choose it here.")
                                  .replace("%1", ltr_isolate(str(path))))

    def load(self, path: Path):  # noqa: ANN201 - TaskHandle
        """Reads the workbook in the worker, then fills the mapping step."""
        self.workbook = None
        self.preview = None
        self.mapping.setEnabled(False)
        self.file_edit.setText(str(path))
        self._set_busy(True)

        def work(progress):  # noqa: ANN001, ANN202 - worker thread: no widgets here
            return ai.read_workbook(path, progress=_relay(progress))

        def done(workbook: ai.Workbook) -> None:
            self._set_busy(False)
            self.workbook = workbook
            remembered = ai.ColumnMapping.from_json(self.ctx.settings.import_mapping())
            self.default = ai.default_mapping(workbook, remembered)
            self.mapping.fill(workbook.headers_of("activities"), workbook.headers_of("resolutions"),
                              self.default)
            self.mapping.setEnabled(True)
            self.sheets_label.setText(self._sheets_text(workbook))
            self._show_step(0)

        def cancelled() -> None:
            self._set_busy(False)
            self.file_edit.clear()

        def failed(exc: BaseException) -> None:
            cancelled()
            show_error(self, _message(exc) or self.tr("The file could not be read."), repr(exc))

        self._task = run_with_progress(self, self.tr("Reading the Excel file"), work, done,
                                       failed, on_cancel=cancelled)
        return self._task

    def _sheets_text(self, workbook: ai.Workbook) -> str:
        parts = []
        for sheet in workbook.sheets:
            what = (self.tr("resolutions") if sheet.role == "resolutions"
                    else people_label(vocab.ACTIVITY_KINDS.get(sheet.kind or "", self.tr("kind from a column"))))
            parts.append(self.tr("“%1” (%2 rows, %3)").replace("%1", sheet.name).replace(
                "%2", fa_number(len(sheet.rows))).replace("%3", what))
        return self.tr("Sheets: %1. Check the column of each field, then press “Preview”.").replace(
            "%1", people_join(parts))

    def chosen_mapping(self) -> ai.ColumnMapping:
        return self.mapping.mapping()

    def _remember(self, chosen: ai.ColumnMapping) -> None:
        """Keeps the user's choices for the next file: the headers picked, and «none» only where
        the name match had found a column (otherwise every unmatched field would stay «none»)."""
        default = self.default or ai.ColumnMapping()

        def kept(part: dict[str, str], guessed: dict[str, str]) -> dict[str, str]:
            return {k: v for k, v in part.items() if v or guessed.get(k)}

        remembered = ai.ColumnMapping.from_json(self.ctx.settings.import_mapping())
        self.ctx.settings.set_import_mapping(ai.ColumnMapping(
            {**remembered.activity, **kept(dict(chosen.activity), dict(default.activity))},
            {**remembered.resolution, **kept(dict(chosen.resolution), dict(default.resolution))},
        ).to_json())
        self.ctx.settings.sync()

    # -- step 2: preview and import ---------------------------------------------------------
    def _preview_step(self) -> QWidget:
        step = QWidget(self)
        self.summary_label = QLabel(step, objectName="importSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.names_label = QLabel(step, objectName="importNames")
        self.names_label.setWordWrap(True)
        self.result_label = QLabel(step, objectName="importResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.issues = QTableWidget(0, 5, step)
        self.issues.setObjectName("importIssues")
        self.issues.setHorizontalHeaderLabels([self.tr("What"), self.tr("Sheet"), self.tr("Row"),
                                               self.tr("Column"), self.tr("Message")])
        read_only_rows(self.issues)
        self.issues.setWordWrap(True)
        self.issues.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.issues.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        # Messages wrap: each row grows to its message once the message column has its width.
        self.issues.horizontalHeader().sectionResized.connect(
            lambda *_args: self.issues.resizeRowsToContents())
        layout = QVBoxLayout(step)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.names_label)
        layout.addWidget(self.issues, 1)
        layout.addWidget(self.result_label)
        return step

    def show_preview(self):  # noqa: ANN201 - TaskHandle | None
        """Plans the import read-only in the worker and shows what it would do."""
        workbook = self.workbook
        if workbook is None:
            show_error(self, self.tr("Choose the Excel file first."))
            return None
        self._remember(self.chosen_mapping())

        def done(preview: ai.Preview) -> None:
            self._set_busy(False)
            self.preview = preview
            self.result = None
            self.result_label.clear()
            self._show_preview(preview)
            self._show_step(1)

        return self._start(self.tr("Checking the rows"), ai.preview_import, done,
                           lambda: self._set_busy(False))

    def _show_preview(self, preview: ai.Preview) -> None:
        counts = [f"{people_label(vocab.ACTIVITY_KINDS[k])}: {fa_number(n)}" for k, n in preview.counts.items()]
        if preview.resolutions:
            counts.append(self.tr("resolutions: %1").replace("%1", fa_number(preview.resolutions)))
        if preview.participants:
            counts.append(self.tr("participants: %1").replace("%1",
                                                              fa_number(preview.participants)))
        if preview.problems:
            state = self.tr("The file has %1 problems: fix them in the file and choose it again. "
                            "Nothing is imported while one remains.").replace(
                "%1", fa_number(len(preview.problems)))
        elif preview.total == 0:
            state = ai.nothing_new_message(preview)
        else:
            state = self.tr("Nothing has been written yet; press “Import” to add all of it "
                            "(a backup is made first).")
        head = self.tr("To import — %1.").replace("%1", people_join(counts) or "—")
        self.summary_label.setText(f"{head}\n{state}")
        names = []
        if preview.new_people:
            names.append(self.tr("New people (%1): %2").replace(
                "%1", fa_number(len(preview.new_people))).replace("%2", people_join(preview.new_people)))
        if preview.new_firms:
            names.append(self.tr("New firms (%1): %2").replace(
                "%1", fa_number(len(preview.new_firms))).replace("%2", people_join(preview.new_firms)))
        self.names_label.setText("\n".join(names))
        self.names_label.setVisible(bool(names))
        rows = ([(self.tr("Problem"), p.sheet, p.row, p.column, p.message) for p in preview.problems]
                + [(self.tr("Duplicate"), d.sheet, d.row, None, d.text().split(": ", 1)[-1])
                   for d in preview.duplicates]
                + [(self.tr("Check"), n.sheet, n.row, n.column, n.message) for n in preview.notes])
        self.issues.setRowCount(len(rows))
        for index, (what, sheet, row, column, message) in enumerate(rows):
            cells = (what, sheet, fa_number(row) if row is not None else "—", column or "—", message)
            for col, text in enumerate(cells):
                self.issues.setItem(index, col, QTableWidgetItem(text))
        self.issues.resizeRowsToContents()
        self.issues.setVisible(bool(rows))
        self._show_step(1)
        # Once the step is laid out, the message column has its width: wrap the rows to it.
        QTimer.singleShot(0, self.issues.resizeRowsToContents)

    def run_import(self):  # noqa: ANN201 - TaskHandle | None
        """Writes the previewed import in the worker: all rows or none, a backup first."""
        if self.workbook is None or self.preview is None or not self.preview.can_write:
            return None

        def done(result: ai.ImportResult) -> None:
            self.result = result
            self.preview = None  # imported: a second press would only find duplicates
            self._set_busy(False)
            if result.written:
                text = self.tr("Imported: %1 activities.").replace(
                    "%1", fa_number(result.preview.total))
                if result.backup is not None:
                    text += " " + self.tr("Backup made before importing: %1").replace(
                        "%1", ltr_isolate(str(result.backup)))
            else:
                text = ai.nothing_new_message(result.preview)
            self.result_label.setText(text)
            self.ctx.statusMessage.emit(text)

        return self._start(self.tr("Importing from Excel"), ai.run_import, done,
                           self._cancelled_import)

    # -- helpers ----------------------------------------------------------------------------
    def _start(self, title: str, call: Callable[..., object], done: Callable[..., None],
               on_cancel: Callable[[], None]):  # noqa: ANN202 - TaskHandle
        """Runs ``call(db, workbook, mapping, cluster_id=…, progress=…)`` in the worker with
        what the dialog shows now (read here, in the GUI thread)."""
        workbook, chosen = self.workbook, self.chosen_mapping()
        cluster_id, db = self.cluster_combo.currentData(), self.ctx.db
        self._set_busy(True)

        def work(progress):  # noqa: ANN001, ANN202 - worker thread: no widgets here
            return call(db, workbook, chosen, cluster_id=cluster_id, progress=_relay(progress))

        self._task = run_with_progress(self, title, work, done, self._failed, on_cancel=on_cancel)
        return self._task

    def _show_step(self, index: int) -> None:
        self.steps.setCurrentIndex(index)
        self._update_buttons()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = getattr(self, "_busy", False)
        on_preview = self.steps.currentIndex() == 1
        self.back_button.setVisible(on_preview)
        self.back_button.setEnabled(not busy)
        self.preview_button.setVisible(not on_preview)
        self.preview_button.setEnabled(not busy and self.workbook is not None)
        self.import_button.setVisible(on_preview)
        self.import_button.setEnabled(not busy and self.preview is not None
                                      and self.preview.can_write)

    def _cancelled_import(self) -> None:
        self._set_busy(False)
        self.result_label.setText(self.tr("The import was cancelled; nothing was written."))

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        show_error(self, _message(exc) or self.tr("The import failed; nothing was written."),
                   repr(exc))


def _relay(progress: ProgressCallback) -> Callable[[int, str], None]:
    """The services' progress callback: reports to the worker, stops at the user's Cancel.

    Stopping while writing raises inside the transaction, so it is rolled back: nothing written.
    """

    def report(percent: int, label: str) -> None:
        if not progress(percent, label):
            raise Cancelled

    return report


def _message(exc: BaseException) -> str | None:
    message = getattr(exc, "message", None)
    return message if isinstance(message, str) and message else None


def open_import_dialog(ctx: AppContext, parent: QWidget | None) -> ImportDialog:
    dialog = ImportDialog(ctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
