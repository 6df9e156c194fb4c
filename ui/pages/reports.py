"""گزارش‌ها: pick a report, a cluster and a Jalali period; build it in the background; preview it
inside the app; print it or save it.

reportlab and the report modules load only when the first report is generated, so they never
slow the app's start-up.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from models.database import data_dir
from models.english import people_label
from persian.bidi import ltr_isolate
from persian.digits import fa_number, people_digits
from persian.jalali import (
    JalaliDateError,
    custom_period,
    format_jalali,
    month_names,
    month_period,
    quarter_period,
    year_period,
)
from reports.catalog import CATALOG, entry
from services import activities, records
from services.activities import ActivityFilter
from services.periods import default_year
from ui.context import AppContext
from ui.errors import show_error
from ui.jalali_date_edit import JalaliDateEdit
from ui.page import Page
from ui.page_parts import EmptyState, default_year_note, page_heading
from ui.worker import run_with_progress


class ReportsPage(Page):
    key = "reports"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("reportsPage")
        self.current_pdf: Path | None = None
        # What the preview shows (kind, parameters): «Save as Word» builds the same report again.
        self._shown: tuple[str, dict] | None = None
        self._requested: tuple[str, dict] | None = None
        self._task = None

        form = QFormLayout()
        self.kind = QComboBox(objectName="reportKind")
        for item in CATALOG:
            self.kind.addItem(people_label(item.title), item.kind)
        form.addRow(self.tr("Report"), self.kind)
        self.cluster = QComboBox(objectName="reportCluster")
        form.addRow(self.tr("Cluster"), self.cluster)
        self.period_kind = QComboBox(objectName="periodKind")
        for label, code in ((self.tr("Year"), "year"), (self.tr("Quarter"), "quarter"),
                            (self.tr("Month"), "month"), (self.tr("Custom"), "custom")):
            self.period_kind.addItem(label, code)
        form.addRow(self.tr("Period"), self.period_kind)
        self.year = QComboBox(objectName="periodYear")
        this_year = default_year(ctx.db).current
        for y in range(this_year, this_year - 12, -1):
            self.year.addItem(people_digits(str(y)), y)
        # Says why the year is not this year's (services.periods.default_year, as the dashboard).
        self.year_note = QLabel(objectName="yearNote")
        self.year_note.setWordWrap(True)
        self.year_note.setStyleSheet("color: #4a5350;")
        self.part = QComboBox(objectName="periodPart")
        period_row = QHBoxLayout()
        period_row.addWidget(self.year)
        period_row.addWidget(self.part)
        self.period_row_widget = QWidget()
        self.period_row_widget.setLayout(period_row)
        form.addRow(self.tr("Year / part"), self.period_row_widget)
        form.addRow("", self.year_note)
        self.date_from = JalaliDateEdit(allow_empty=True)
        self.date_to = JalaliDateEdit(allow_empty=True)
        custom_row = QHBoxLayout()
        custom_row.addWidget(QLabel(self.tr("From")))
        custom_row.addWidget(self.date_from)
        custom_row.addWidget(QLabel(self.tr("To")))
        custom_row.addWidget(self.date_to)
        self.custom_widget = QWidget()
        self.custom_widget.setLayout(custom_row)
        form.addRow(self.tr("Custom period"), self.custom_widget)
        self.meeting = QComboBox(objectName="reportMeeting")
        form.addRow(self.tr("Meeting"), self.meeting)
        self.training = QComboBox(objectName="reportTraining")
        form.addRow(self.tr("Training course"), self.training)
        self.province = QComboBox(objectName="reportProvince")
        form.addRow(self.tr("Province"), self.province)
        self._form = form

        self.generate_button = QPushButton(self.tr("Generate"), objectName="generateButton")
        self.generate_button.setDefault(True)
        self.print_button = QPushButton(self.tr("Print…"), objectName="printButton")
        self.save_button = QPushButton(self.tr("Save as…"), objectName="saveButton")
        self.word_button = QPushButton(self.tr("Save as Word…"), objectName="wordButton")
        self.word_button.setToolTip(self.tr("An editable Word (.docx) copy of this report"))
        self.status = QLabel(objectName="reportStatus")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.generate_button, self.print_button, self.save_button,
                       self.word_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(page_heading(self.tr("Reports")))
        left_layout.addLayout(form)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.status)
        left_layout.addStretch(1)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("reportPreview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        # The page itself is laid out by the PDF; mirroring the preview would mirror the paper.
        self.view.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.preview_empty = EmptyState(
            self.view, self.tr("No report yet. Choose a report and its period, then press "
                               "“Generate”; the preview appears here."),
            self.tr("Generate"), lambda: self.generate())
        self.preview_empty.setLayoutDirection(self.layoutDirection())
        self.preview_empty.set_empty(True)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.kind.currentIndexChanged.connect(self._update_visible)
        self.period_kind.currentIndexChanged.connect(self._update_visible)
        self.cluster.currentIndexChanged.connect(self._reload_activities)
        self.generate_button.clicked.connect(self.generate)
        self.print_button.clicked.connect(self.print_report)
        self.save_button.clicked.connect(self.save_as)
        self.word_button.clicked.connect(self.save_as_word)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save_as)
        ctx.dataChanged.connect(lambda _kind: self.reload())
        ctx.reportRequested.connect(self.request)
        self.reload()
        self._update_visible()
        self._set_ready(False)

    # -- choices -----------------------------------------------------------------------------
    def reload(self) -> None:
        chosen = self.cluster.currentData() or self.ctx.cluster_id
        clusters = records.list_records(self.ctx.db, "cluster")
        self.cluster.blockSignals(True)
        self.cluster.clear()
        for c in sorted(clusters, key=lambda c: c.title):
            self.cluster.addItem(c.title, c.id)
        index = self.cluster.findData(chosen)
        self.cluster.setCurrentIndex(max(0, index))
        self.cluster.blockSignals(False)
        provinces = sorted({c["province"] for c in clusters if c["province"]})
        current_province = self.province.currentText()
        self.province.clear()
        self.province.addItems(provinces)
        if current_province in provinces:
            self.province.setCurrentText(current_province)
        self._reload_activities()

    def _apply_default_year(self) -> None:
        default = default_year(self.ctx.db, self.cluster.currentData())
        index = self.year.findData(default.year)
        if index < 0:
            self.year.addItem(people_digits(str(default.year)), default.year)
            index = self.year.count() - 1
        self.year.setCurrentIndex(index)
        self.year_note.setText(default_year_note(default))
        params = entry(self.kind.currentData()).params
        self._form.setRowVisible(self.year_note, "period" in params and bool(self.year_note.text())
                                 and self.period_kind.currentData() != "custom")

    def _reload_activities(self) -> None:
        self._apply_default_year()
        cluster_id = self.cluster.currentData()
        for combo, kind in ((self.meeting, "meeting"), (self.training, "training")):
            keep = combo.currentData()
            combo.clear()
            if cluster_id:
                flt = ActivityFilter(kind=kind, cluster_id=cluster_id)
                ids = activities.activity_id_page(self.ctx.db, flt, limit=500)
                for row in activities.activity_rows(self.ctx.db, ids):
                    combo.addItem(f"{format_jalali(row.start_date)} — {row.title}", row.id)
            index = combo.findData(keep)
            if index >= 0:
                combo.setCurrentIndex(index)

    def _update_visible(self) -> None:
        params = entry(self.kind.currentData()).params
        visible = {
            self.cluster: "cluster" in params or "meeting" in params or "training" in params,
            self.period_kind: "period" in params,
            self.period_row_widget: "period" in params and self.period_kind.currentData() != "custom",
            self.year_note: "period" in params and self.period_kind.currentData() != "custom"
            and bool(self.year_note.text()),
            self.custom_widget: "period" in params and self.period_kind.currentData() == "custom",
            self.meeting: "meeting" in params,
            self.training: "training" in params,
            self.province: "province" in params,
        }
        for widget, show in visible.items():
            self._form.setRowVisible(widget, show)
        part_kind = self.period_kind.currentData()
        self.part.clear()
        if part_kind == "quarter":
            quarters = (self.tr("Spring"), self.tr("Summer"), self.tr("Autumn"), self.tr("Winter"))
            for i, name in enumerate(quarters, start=1):
                self.part.addItem(name, i)
        elif part_kind == "month":
            for i, name in enumerate(month_names(), start=1):
                self.part.addItem(name, i)
        self.part.setVisible(part_kind in ("quarter", "month"))

    def request(self, kind: str, params: dict) -> None:
        """Another page asks for a report (e.g. «print minutes» from a meeting): fill in and build."""
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        if params.get("cluster_id"):
            self.cluster.setCurrentIndex(max(0, self.cluster.findData(params["cluster_id"])))
        for key, combo in (("meeting", self.meeting), ("training", self.training)):
            if params.get(key):
                index = combo.findData(params[key])
                if index < 0:
                    combo.addItem(params.get("title", params[key]), params[key])
                    index = combo.count() - 1
                combo.setCurrentIndex(index)
        self.ctx.showPageRequested.emit(self.key)
        self.generate()

    # -- building ----------------------------------------------------------------------------
    def _period(self) -> tuple[date, date]:
        kind = self.period_kind.currentData()
        if kind == "custom":
            start, end = self.date_from.date(), self.date_to.date()
            if start is None or end is None:
                raise JalaliDateError(self.tr("Enter both the start and the end of the period."))
            period = custom_period(start, end)
        elif kind == "quarter":
            period = quarter_period(self.year.currentData(), self.part.currentData())
        elif kind == "month":
            period = month_period(self.year.currentData(), self.part.currentData())
        else:
            period = year_period(self.year.currentData())
        return period.start, period.end

    def _params(self) -> dict:
        item = entry(self.kind.currentData())
        params: dict = {}
        if "cluster" in item.params:
            if not self.cluster.currentData():
                raise ValueError(self.tr("Choose a cluster."))
            params["cluster"] = self.cluster.currentData()
        if "period" in item.params:
            params["start"], params["end"] = self._period()
        for key, combo, message in (
                ("meeting", self.meeting, self.tr("Choose a meeting.")),
                ("training", self.training, self.tr("Choose a training course."))):
            if key in item.params:
                if not combo.currentData():
                    raise ValueError(message)
                params[key] = combo.currentData()
        if "province" in item.params:
            if not self.province.currentText():
                raise ValueError(self.tr("Choose a province."))
            params["province"] = self.province.currentText()
        return params

    def generate(self) -> None:
        try:
            params = self._params()
        except (ValueError, JalaliDateError) as exc:
            show_error(self, getattr(exc, "message", None) or str(exc))
            return
        kind = self.kind.currentData()
        out_dir = data_dir() / "reports"
        out_dir.mkdir(parents=True, exist_ok=True)
        out = out_dir / f"{kind}.pdf"
        db = self.ctx.db
        self._requested = (kind, params)
        self.generate_button.setEnabled(False)
        self.status.setText(self.tr("Building the report…"))

        def work(progress):  # noqa: ANN001, ANN202 - runs in the worker thread, no widgets here
            from reports.registry import REPORTS

            progress(10, None)
            return REPORTS[kind].builder(db, out, **params)

        self._task = run_with_progress(self, self.tr("Building the report"), work, self._show,
                                       self._failed)

    def _show(self, path: Path) -> None:
        self.generate_button.setEnabled(True)
        self.document.close()
        self.document.load(str(path))
        self.current_pdf = Path(path)
        self._shown = self._requested
        self.preview_empty.set_empty(self.document.pageCount() == 0)
        pages = fa_number(self.document.pageCount())
        self.status.setText(self.tr("Ready: %1 pages.").replace("%1", pages))
        self._set_ready(True)

    def _failed(self, exc: BaseException) -> None:
        self.generate_button.setEnabled(True)
        self.status.setText("")
        show_error(self, getattr(exc, "message", None) or self.tr("The report could not be built."),
                   repr(exc))

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        self.word_button.setEnabled(ready)

    # -- output ------------------------------------------------------------------------------
    def save_as(self) -> None:
        if self.current_pdf is None:
            return
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save report"),
                                                str(Path.home() / self.current_pdf.name),
                                                self.tr("PDF files (*.pdf)"))
        if target:
            self.save_to(Path(target))

    def save_to(self, target: Path) -> None:
        assert self.current_pdf is not None
        try:
            shutil.copyfile(self.current_pdf, target)
        except OSError as exc:
            show_error(self, self.tr("The file could not be saved: %1").replace(
                "%1", exc.strerror or str(exc)))
            return
        self.ctx.statusMessage.emit(self.tr("Saved: %1").replace("%1", ltr_isolate(str(target))))

    def save_as_word(self) -> None:
        if self._shown is None:
            return
        suggested = Path.home() / f"{self._shown[0]}.docx"
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save as Word"), str(suggested),
                                                self.tr("Word documents (*.docx)"))
        if target:
            self.save_word_to(Path(target))

    def save_word_to(self, target: Path):  # noqa: ANN201 - the worker task
        """Build the shown report again as a Word document at ``target`` (in the background)."""
        assert self._shown is not None
        if target.suffix.lower() != ".docx":
            target = target.with_name(target.name + ".docx")
        kind, params = self._shown
        db = self.ctx.db
        self.word_button.setEnabled(False)

        def work(progress):  # noqa: ANN001, ANN202 - runs in the worker thread, no widgets here
            from reports.registry import REPORTS

            progress(10, None)
            return REPORTS[kind].builder(db, target, **params)

        def done(path: Path) -> None:
            self.word_button.setEnabled(True)
            self.ctx.statusMessage.emit(self.tr("Saved: %1").replace("%1", ltr_isolate(str(path))))

        def failed(exc: BaseException) -> None:
            self.word_button.setEnabled(True)
            show_error(self, getattr(exc, "message", None)
                       or self.tr("The Word document could not be saved."), repr(exc))

        self._task = run_with_progress(self, self.tr("Saving the Word document"), work, done,
                                       failed)
        return self._task

    def print_report(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if self.current_pdf is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer) -> None:  # noqa: ANN001 - QPrinter (or any QPagedPaintDevice)
        painter = QPainter()
        if not painter.begin(printer):
            show_error(self, self.tr("The printer could not be started."))
            return
        try:
            for index in range(self.document.pageCount()):
                if index:
                    printer.newPage()
                rect = painter.viewport()
                page = self.document.pagePointSize(index)
                scale = min(rect.width() / page.width(), rect.height() / page.height())
                size = QSize(int(page.width() * scale), int(page.height() * scale))
                image = self.document.render(index, size)
                painter.drawImage(QPointF(0, 0), image)
        finally:
            painter.end()


def create_page(ctx: AppContext) -> QWidget:
    return ReportsPage(ctx)
