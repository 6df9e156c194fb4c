"""برنامه اقدام: each line's target against the actual, counted from the records where possible."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from persian.digits import fa_num, latin_for_people, people_digits
from persian.jalali import format_jalali
from services import plans, records
from services.errors import NotFoundError
from services.plans import PlanLine
from ui.cluster_combo import ClusterCombo
from ui.context import AppContext
from ui.errors import show_error
from ui.page import Page
from ui.page_parts import EmptyState, page_layout, read_only_rows, title_bar
from ui.record_form import open_record_form
from ui.table_columns import fit_columns


class ActionPlanPage(Page):
    key = "action_plan"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.lines: list[PlanLine] = []
        layout = page_layout(self, "actionPlanPage")
        self.cluster_combo = ClusterCombo(ctx, self)
        layout.addLayout(title_bar(self.tr("Action plan: target and actual"),
                                   QLabel(self.tr("Cluster:")), self.cluster_combo))

        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New line"))
        self.edit_button = QPushButton(self.tr("Edit"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.new_button.clicked.connect(self.new_line)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        for b in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.note = QLabel(self.tr("⚙ = counted automatically from the recorded activities"))
        self.note.setStyleSheet("color: #4a5350;")
        buttons.addWidget(self.note)
        layout.addLayout(buttons)

        headers = [self.tr("Action"), self.tr("Indicator"), self.tr("Baseline"),
                   self.tr("Target"), self.tr("Actual"), self.tr("Progress"),
                   self.tr("Period"), self.tr("Owner")]
        self.table = QTableWidget(0, len(headers), self)
        self.table.setObjectName("planTable")
        self.table.setHorizontalHeaderLabels(headers)
        read_only_rows(self.table)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.cellDoubleClicked.connect(lambda _r, _c: self.edit_current())
        layout.addWidget(self.table, 1)
        self.empty_state = EmptyState(
            self.table, self.tr("This cluster has no action plan yet. Press “New line” to add "
                                "its first action and target."),
            self.tr("New line"), self.new_line)

        self.cluster_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        ctx.dataChanged.connect(self._on_data)
        ctx.openRecordRequested.connect(self.open_record)
        self.refresh()

    def refresh(self) -> None:
        cid = self.cluster_combo.cluster_id()
        self.lines = plans.plan_vs_actual(self.ctx.db, cid) if cid else []
        self.table.setRowCount(0)
        for line in self.lines:
            r = self.table.rowCount()
            self.table.insertRow(r)
            actual = fa_num(line.actual) if line.actual is not None else "—"
            if line.computed:
                actual = "⚙ " + actual
            period = " – ".join(x for x in (format_jalali(line.period_start),
                                            format_jalali(line.period_end)) if x)
            texts = [line.action, line.indicator,
                     fa_num(line.baseline) if line.baseline is not None else "",
                     fa_num(line.target) if line.target is not None else "",
                     actual, "", period, line.owner or ""]
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, line.id)
                if c == 4 and line.computed:
                    item.setToolTip(self.tr("Counted automatically from the records"))
                self.table.setItem(r, c, item)
            bar = QProgressBar()
            bar.setRange(0, 100)
            percent = round((line.progress or 0) * 100)
            bar.setValue(min(percent, 100))
            bar.setFormat(people_digits(f"{percent}%" if latin_for_people() else f"{percent}٪") if line.progress is not None else "—")
            bar.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setCellWidget(r, 5, bar)
        fit_columns(self.table, main=0)
        self.table.setColumnWidth(5, max(120, self.table.columnWidth(5)))  # the progress bar
        self.empty_state.set_empty(not self.lines)

    def current_id(self) -> str | None:
        item = self.table.item(self.table.currentRow(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def new_line(self) -> None:
        cid = self.cluster_combo.cluster_id()
        if open_record_form(self.ctx, "action_plan_item", None, self,
                            defaults={"cluster_id": cid}) is not None:
            self.refresh()

    def edit_current(self) -> None:
        rid = self.current_id()
        if rid and open_record_form(self.ctx, "action_plan_item", rid, self) is not None:
            self.refresh()

    def delete_current(self) -> None:
        rid = self.current_id()
        if rid is None:
            return
        try:
            records.delete(self.ctx.db, "action_plan_item", rid)
        except NotFoundError as exc:
            show_error(self, exc.message)
        self.ctx.statusMessage.emit(self.tr("The line was moved to the trash."))

    def _on_data(self, kind: str) -> None:
        if kind in ("action_plan_item", "activity", "joint_action", "firm", "cluster", "*"):
            self.refresh()

    def open_record(self, kind: str, record_id: str) -> None:
        """openRecordRequested; also called directly when the request built this page."""
        if kind == "action_plan_item":
            if open_record_form(self.ctx, kind, record_id, self) is not None:
                self.refresh()


def create_page(ctx: AppContext) -> QWidget:
    return ActionPlanPage(ctx)
