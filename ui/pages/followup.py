"""پیگیری مصوبات: open and overdue resolutions, and marking progress on them."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from models.english import people_label
from models.vocab import RESOLUTION_STATUSES
from persian.digits import fa_number
from persian.jalali import format_jalali
from services import followup
from services.errors import ServiceError
from services.followup import ResolutionRow
from ui.cluster_combo import ClusterCombo
from ui.context import AppContext
from ui.errors import show_error
from ui.page import Page
from ui.page_parts import page_layout, title_bar
from ui.record_table import OVERDUE_COLOR, Column, RecordTable

FILTERS = ("open", "overdue", "all")


class FollowupPage(Page):
    key = "followup"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = page_layout(self, "followupPage")
        self.cluster_combo = ClusterCombo(ctx, self, allow_all=True)
        top = title_bar(self.tr("Follow-up of resolutions"), QLabel(self.tr("Cluster:")),
                        self.cluster_combo)
        top.addWidget(QLabel(self.tr("Show:")))
        self.filter_combo = QComboBox(self)
        self.filter_combo.setObjectName("statusFilter")
        self.filter_combo.addItem(self.tr("Open"), "open")
        self.filter_combo.addItem(self.tr("Overdue"), "overdue")
        self.filter_combo.addItem(self.tr("All"), "all")
        top.addWidget(self.filter_combo)
        layout.addLayout(top)

        columns = [
            Column(self.tr("No."), lambda r: r.number, lambda r: fa_number(r.number)),
            Column(self.tr("Resolution"), lambda r: r.text, lambda r: r.text, stretch=True),
            Column(self.tr("Owner"), lambda r: r.owner, lambda r: r.owner),
            Column(self.tr("Due date"), lambda r: r.due_date, lambda r: format_jalali(r.due_date)),
            Column(self.tr("Days overdue"), lambda r: r.days_overdue,
                   lambda r: fa_number(r.days_overdue) if r.overdue else ""),
            Column(self.tr("Status"), lambda r: r.status,
                   lambda r: people_label(RESOLUTION_STATUSES.get(r.status, r.status))),
            Column(self.tr("Meeting"), lambda r: r.meeting_title, lambda r: r.meeting_title),
            Column(self.tr("Meeting date"), lambda r: r.meeting_date,
                   lambda r: format_jalali(r.meeting_date)),
            Column(self.tr("Cluster"), lambda r: r.cluster_name, lambda r: r.cluster_name),
        ]
        self.table = RecordTable(
            ctx, columns, self._fetch, row_color=self._color, parent=self,
            empty_text=self.tr("No resolution to follow up here. Resolutions are recorded in a "
                               "meeting’s form; choose “All” to see the done ones too."))
        self.table.view.setToolTip(self.tr("Double-click to open the meeting"))
        self.table.activated.connect(self._open_meeting)
        layout.addWidget(self.table, 1)

        actions = QHBoxLayout()
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setPlaceholderText(self.tr("Follow-up note (optional)"))
        actions.addWidget(self.note_edit, 1)
        self.progress_button = QPushButton(self.tr("Mark in progress"))
        self.progress_button.setObjectName("inProgressButton")
        self.done_button = QPushButton(self.tr("Mark done"))
        self.done_button.setObjectName("doneButton")
        self.reopen_button = QPushButton(self.tr("Reopen"))
        self.progress_button.clicked.connect(lambda: self.set_status("in_progress"))
        self.done_button.clicked.connect(lambda: self.set_status("done"))
        self.reopen_button.clicked.connect(lambda: self.set_status("open"))
        for b in (self.progress_button, self.done_button, self.reopen_button):
            actions.addWidget(b)
        layout.addLayout(actions)

        self.cluster_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.filter_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        ctx.dataChanged.connect(self._on_data)
        self.refresh()

    def set_filter(self, which: str) -> None:
        self.filter_combo.setCurrentIndex(self.filter_combo.findData(which))

    def _fetch(self) -> list[ResolutionRow]:
        which = self.filter_combo.currentData() or "open"
        return followup.list_resolutions(
            self.ctx.db, cluster_id=self.cluster_combo.cluster_id(),
            only_open=which != "all", only_overdue=which == "overdue")

    @staticmethod
    def _color(row: ResolutionRow) -> QColor | None:
        return OVERDUE_COLOR if row.overdue else None

    def refresh(self) -> None:
        self.table.refresh()
        # One cluster chosen: its name in every row would only crowd the table.
        self.table.view.setColumnHidden(8, self.cluster_combo.cluster_id() is not None)

    def set_status(self, status: str) -> None:
        rid = self.table.current_id()
        if rid is None:
            self.ctx.statusMessage.emit(self.tr("Select a resolution first."))
            return
        note = self.note_edit.text().strip() or None
        try:
            followup.set_status(self.ctx.db, rid, status, note=note)
        except ServiceError as exc:
            show_error(self, exc.message)
            return
        self.note_edit.clear()
        self.ctx.statusMessage.emit(self.tr("Resolution marked “{status}”.").format(
            status=people_label(RESOLUTION_STATUSES[status])))

    def _open_meeting(self, resolution_id: str) -> None:
        for row in self.table.rows:
            if row.id == resolution_id:
                self.ctx.openRecordRequested.emit("activity", row.meeting_id)
                return

    def _on_data(self, kind: str) -> None:
        if kind in ("resolution", "activity", "person", "cluster", "*"):
            self.refresh()


def create_page(ctx: AppContext) -> QWidget:
    return FollowupPage(ctx)
