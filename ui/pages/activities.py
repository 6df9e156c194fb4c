"""The activities list: filter by kind, cluster, Jalali dates and text; open, add, delete, undo.

The table is backed by ui.activity_model, which keeps only ids and reads rows page by page, so the
page opens as fast on 100k activities as on the demo's forty.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.english import people_labels
from models.vocab import ACTIVITY_KINDS
from persian.bidi import ltr_isolate
from persian.digits import fa_number
from services import records
from services.activities import ActivityFilter, cluster_choices, list_origins
from services.errors import ServiceError
from ui import activity_form
from ui.activity_model import COLUMNS, ActivityModel
from ui.context import AppContext
from ui.errors import show_error
from ui.jalali_date_edit import JalaliDateEdit
from ui.page import Page
from ui.page_parts import EmptyState, page_heading
from ui.table_columns import fit_columns, remember_widths

# "v2": the widths saved before the shared column rule included automatic ones, not only the
# user's, so they are left unread.
TABLE_KEY = "activities-v2"
SEARCH_DEBOUNCE_MS = 250
IDS_AFTER_PAINT_MS = 250
TITLE_COLUMN = next(i for i, (key, _h, _s) in enumerate(COLUMNS) if key == "title")


class ActivitiesPage(Page):
    key = "activities"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("activitiesPage")
        self._last_deleted: tuple[str, str] | None = None  # (id, title) for undo
        # The list is counted while the widgets below are built (see ActivityModel.prepare):
        # the filter it opens with is every activity of the cluster being worked on.
        self.model = ActivityModel(ctx.db, self)
        self.model.prepare(ActivityFilter(cluster_id=ctx.cluster_id))

        # -- filter bar ----------------------------------------------------------------------
        self.kind_filter = QComboBox(self)
        self.kind_filter.setObjectName("kindFilter")
        self.kind_filter.addItem(self.tr("All kinds"), None)
        for code, label in people_labels(ACTIVITY_KINDS).items():
            self.kind_filter.addItem(label, code)
        self.cluster_filter = QComboBox(self)
        self.cluster_filter.setObjectName("clusterFilter")
        self.cluster_filter.setMinimumWidth(180)
        # Sized by a length, not by measuring every cluster name (an office has hundreds: the
        # first layout measured each, ~2.5 ms per hundred names, twice); the bar stretches it.
        self.cluster_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.cluster_filter.setMinimumContentsLength(22)
        # Office view: the records of several agents are here; pick one agent's (hidden when the
        # database holds one installation's records only).
        self.origin_filter = QComboBox(self)
        self.origin_filter.setObjectName("originFilter")
        self.origin_filter.setToolTip(self.tr("Agent whose records are shown"))
        self.date_from = JalaliDateEdit(self)
        self.date_from.setObjectName("dateFrom")
        self.date_to = JalaliDateEdit(self)
        self.date_to.setObjectName("dateTo")
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("activitySearch")
        self.search_box.setPlaceholderText(self.tr("Search title, place, summary…"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(200)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.apply_filter)

        self.new_button = QToolButton(self)
        self.new_button.setObjectName("newActivityButton")
        self.new_button.setText(self.tr("New activity"))
        self.new_button.setToolTip(self.tr("Record a new activity (Ctrl+N)"))
        self.new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(self.new_button)
        for code, label in people_labels(ACTIVITY_KINDS).items():
            action = menu.addAction(label)
            action.triggered.connect(lambda _c=False, k=code: self.new_activity(k))
        self.new_button.setMenu(menu)
        self.new_button.clicked.connect(lambda: self.new_activity())

        bar = QHBoxLayout()
        bar.addWidget(self.new_button)
        bar.addSpacing(12)
        bar.addWidget(self.search_box, 2)
        bar.addWidget(self.kind_filter)
        bar.addWidget(self.cluster_filter, 1)
        bar.addWidget(self.origin_filter)
        bar.addWidget(QLabel(self.tr("From"), self))
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(self.tr("to"), self))
        bar.addWidget(self.date_to)
        self.export_button = QPushButton(self.tr("Export to Excel"), self)
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(lambda: self.export_to_excel())
        bar.addWidget(self.export_button)

        # -- table ---------------------------------------------------------------------------
        self.table = QTableView(self)
        self.table.setObjectName("activitiesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(False)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(self.model.column_of_sort_key("start_date"),
                                Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._on_sort_indicator)
        header.setSectionsClickable(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        remember_widths(self.table, TITLE_COLUMN,
                        lambda widths: self.ctx.settings.set_column_widths(TABLE_KEY, widths))
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.table.installEventFilter(self)
        # Every id of the list is read in the background a moment after rows were painted on
        # a shown page, not during the first paint nor for a list closed or left at once (at 100k
        # the read takes ~80 ms of a core); scrolling far reads them at once anyway (see
        # ActivityModel.load_remaining_ids).
        self._ids_timer = QTimer(self)
        self._ids_timer.setSingleShot(True)
        self._ids_timer.setInterval(IDS_AFTER_PAINT_MS)
        self._ids_timer.timeout.connect(self._load_remaining_ids)
        self.table.viewport().installEventFilter(self)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("activityCount")
        # What an empty list says is built when a list first comes up empty (see empty_state):
        # a list with rows never needs it, and it filters every event of the table's viewport.
        self._empty_state: EmptyState | None = None

        # -- undo bar ------------------------------------------------------------------------
        self.undo_bar = QFrame(self)
        self.undo_bar.setObjectName("undoBar")
        self.undo_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.undo_bar.setStyleSheet("#undoBar { background: #fff6d6; }")
        self.undo_label = QLabel(self.undo_bar)
        self.undo_button = QPushButton(self.tr("Undo"), self.undo_bar)
        self.undo_button.setObjectName("undoButton")
        self.undo_button.clicked.connect(self.undo_delete)
        close_undo = QToolButton(self.undo_bar)
        close_undo.setText("×")
        close_undo.setAutoRaise(True)
        close_undo.clicked.connect(self.undo_bar.hide)
        undo_layout = QHBoxLayout(self.undo_bar)
        undo_layout.setContentsMargins(8, 4, 8, 4)
        undo_layout.addWidget(self.undo_label, 1)
        undo_layout.addWidget(self.undo_button)
        undo_layout.addWidget(close_undo)
        self.undo_bar.hide()

        footer = QHBoxLayout()
        footer.addWidget(self.count_label, 1)
        hint = QLabel(self.tr("Enter: open · Delete: move to the trash"), self)
        hint.setStyleSheet("color: #6b7370;")
        footer.addWidget(hint)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(page_heading(self.tr("Activities")))
        layout.addLayout(bar)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(footer)

        # -- wiring --------------------------------------------------------------------------
        self._reload_clusters()
        self._reload_origins()
        self.kind_filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.origin_filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.cluster_filter.currentIndexChanged.connect(self._on_cluster_chosen)
        self.date_from.dateChanged.connect(lambda _d: self.apply_filter())
        self.date_to.dateChanged.connect(lambda _d: self.apply_filter())
        self.search_box.textChanged.connect(lambda _t: self._search_timer.start())
        ctx.dataChanged.connect(self._on_data_changed)
        ctx.clusterChanged.connect(self._on_context_cluster)
        self.model.countKnown.connect(self._show_count)
        self.apply_filter()

    @property
    def empty_state(self) -> EmptyState:
        if self._empty_state is None:
            self._empty_state = EmptyState(self.table, "", self.tr("New activity"),
                                           lambda: self.new_activity())
        return self._empty_state

    def _show_count(self) -> None:
        # A very large list paints its first page before its count arrives: no figure until then
        # rather than the first page's.
        self.count_label.setText(
            self.tr("%1 activities").replace("%1", fa_number(self.model.rowCount()))
            if self.model.is_counted() else "")

    # -- filters ----------------------------------------------------------------------------
    def current_filter(self) -> ActivityFilter:
        return ActivityFilter(
            kind=self.kind_filter.currentData(),
            cluster_id=self.cluster_filter.currentData(),
            date_from=self.date_from.date(),
            date_to=self.date_to.date(),
            text=self.search_box.text().strip() or None,
            origin=self.origin_filter.currentData() if self.origin_filter.count() else None,
        )

    def apply_filter(self) -> None:
        self._search_timer.stop()
        selected = self.selected_id()
        self.model.set_filter(self.current_filter())
        self._after_reload(selected)

    def _after_reload(self, keep_id: str | None) -> None:
        n = self.model.rowCount()
        self._fit_columns()
        self._show_count()
        filtered = self.model.filter != ActivityFilter(cluster_id=self.model.filter.cluster_id)
        if n == 0:
            self.empty_state.set_text(
                self.tr("No activity matches these filters. Clear the search or widen the dates.")
                if filtered else
                self.tr("No activities yet. Press “New activity” (Ctrl+N) to record the first.")
            )
            if self.empty_state.button is not None:
                self.empty_state.button.setVisible(not filtered)
        if self._empty_state is not None:
            self._empty_state.set_empty(n == 0)
        if keep_id is not None:
            self.select_id(keep_id)

    def _reload_clusters(self) -> None:
        current = self.cluster_filter.currentData() if self.cluster_filter.count() else \
            self.ctx.cluster_id
        self.cluster_filter.blockSignals(True)
        self.cluster_filter.clear()
        self.cluster_filter.addItem(self.tr("All clusters"), None)
        for cluster_id, name in cluster_choices(self.ctx.db):  # two columns, not whole records
            self.cluster_filter.addItem(name, cluster_id)
        index = self.cluster_filter.findData(current) if current else 0
        self.cluster_filter.setCurrentIndex(max(0, index))
        self.cluster_filter.blockSignals(False)

    def _reload_origins(self) -> None:
        current = self.origin_filter.currentData() if self.origin_filter.count() else None
        origins = list_origins(self.ctx.db)
        self.origin_filter.blockSignals(True)
        self.origin_filter.clear()
        self.origin_filter.addItem(self.tr("All agents"), None)
        for origin, name in origins:
            self.origin_filter.addItem(name, origin)
        index = self.origin_filter.findData(current) if current else 0
        self.origin_filter.setCurrentIndex(max(0, index))
        self.origin_filter.blockSignals(False)
        self.origin_filter.setVisible(len(origins) > 1)

    def _on_cluster_chosen(self, _index: int) -> None:
        cluster_id = self.cluster_filter.currentData()
        if cluster_id is not None:  # "all clusters" is a local view, not the cluster one works on
            self.ctx.set_cluster_id(cluster_id)
        self.apply_filter()

    def _on_context_cluster(self, cluster_id: object) -> None:
        index = self.cluster_filter.findData(cluster_id) if cluster_id else 0
        if index >= 0 and index != self.cluster_filter.currentIndex():
            self.cluster_filter.setCurrentIndex(index)

    def _on_data_changed(self, kind: str) -> None:
        if kind in ("cluster", "*"):
            self._reload_clusters()
        if kind in ("cluster", "activity", "*"):
            self._reload_origins()
        if kind in ("activity", "cluster", "participant", "resolution", "*"):
            self.apply_filter()

    # -- sorting ----------------------------------------------------------------------------
    def _on_sort_indicator(self, column: int, order: Qt.SortOrder) -> None:
        if not ActivityModel.sortable(column):
            key, descending = self.model.sort_key()
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(
                self.model.column_of_sort_key(key),
                Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder,
            )
            header.blockSignals(False)
            self.ctx.statusMessage.emit(self.tr("This column cannot be sorted."))
            return
        selected = self.selected_id()
        self.model.sort(column, order)
        if selected:
            self.select_id(selected)

    # -- widths -----------------------------------------------------------------------------
    def _fit_columns(self) -> None:
        # The shared rule (ui.table_columns); widths the user dragged win.
        fit_columns(self.table, TITLE_COLUMN, self.ctx.settings.column_widths(TABLE_KEY))

    # -- selection and opening --------------------------------------------------------------
    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.id_at(index.row())

    def select_id(self, activity_id: str) -> bool:
        row = self.model.row_of(activity_id)
        if row < 0:
            return False
        index = self.model.index(row, 1)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _load_remaining_ids(self) -> None:
        if self.isVisible():  # a hidden list reads them when it is shown and painted again
            self.model.load_remaining_ids()

    def _on_double_clicked(self, index: QModelIndex) -> None:
        self.open_row(index.row())

    def open_row(self, row: int) -> activity_form.ActivityForm | None:
        activity_id = self.model.id_at(row)
        if activity_id is None:
            return None
        return activity_form.open_activity_form(self.ctx, self.window(), activity_id=activity_id)

    def new_activity(self, kind: str | None = None) -> activity_form.ActivityForm:
        return activity_form.open_activity_form(self.ctx, self.window(), kind=kind)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            if self.model.ids_pending() and not self._ids_timer.isActive():
                self._ids_timer.start()
            return False
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Delete and not event.modifiers():
                self.delete_selected()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                index = self.table.currentIndex()
                if index.isValid():
                    self.open_row(index.row())
                return True
        return super().eventFilter(watched, event)

    # -- delete and undo --------------------------------------------------------------------
    def delete_selected(self) -> None:
        index = self.table.currentIndex()
        activity_id = self.selected_id()
        if activity_id is None:
            return
        row_data = self.model.row_data(index.row())
        title = row_data.title if row_data else ""
        next_row = min(index.row(), self.model.rowCount() - 2)  # before the list reloads
        try:
            records.delete(self.ctx.db, "activity", activity_id)
        except ServiceError as exc:
            show_error(self, exc.message)
            return
        self._last_deleted = (activity_id, title)
        if next_row >= 0:
            self.table.setCurrentIndex(self.model.index(next_row, 1))
        message = self.tr("“%1” was moved to the trash.").replace("%1", title)
        self.undo_label.setText(message)
        self.undo_bar.show()
        self.ctx.statusMessage.emit(message)

    def undo_delete(self) -> None:
        if self._last_deleted is None:
            return
        activity_id, title = self._last_deleted
        try:
            records.restore(self.ctx.db, "activity", activity_id)
        except ServiceError as exc:
            show_error(self, exc.message)
            return
        self._last_deleted = None
        self.undo_bar.hide()
        self.select_id(activity_id)
        self.ctx.statusMessage.emit(self.tr("“%1” is back.").replace("%1", title))

    # -- closing ----------------------------------------------------------------------------
    def export_to_excel(self, target=None):  # noqa: ANN001, ANN201 - Path | None → TaskHandle
        """The list as filtered and sorted now, every row of it, to a right-to-left sheet."""
        from ui.list_export import export_list

        headers = [self.model.headerData(c, Qt.Orientation.Horizontal)
                   for c in range(self.model.columnCount())]
        key, descending = self.model.sort_key()
        rows = _activity_export_rows(self.ctx.db, self.model.filter, key, descending)
        return export_list(self, self.tr("Activities"), headers, rows, target=target,
                           on_done=lambda path: self.ctx.statusMessage.emit(ltr_isolate(str(path))))

    def maybe_close(self) -> bool:
        """Asked by the main window before it closes: open forms with unsaved changes."""
        return activity_form.maybe_close_all()


def _activity_export_rows(db, flt, sort, descending):  # noqa: ANN001, ANN202
    """Rows of the filtered, sorted list for Excel, read in chunks (it may hold 100k)."""
    from models.vocab import ACTIVITY_STATUSES
    from persian.jalali import format_jalali
    from services.activities import activity_ids, activity_rows

    def rows(progress):  # noqa: ANN001, ANN202 - worker thread
        ids = activity_ids(db, flt, sort=sort, descending=descending)
        out = []
        for start in range(0, len(ids), 2000):
            for r in activity_rows(db, ids[start:start + 2000]):
                out.append([ACTIVITY_KINDS.get(r.kind, r.kind), r.title, r.cluster_name,
                            format_jalali(r.start_date), format_jalali(r.end_date), r.city or "",
                            ACTIVITY_STATUSES.get(r.status, r.status), r.participants])
            progress(min(99, int(100 * (start + 2000) / max(1, len(ids)))))
        return out

    return rows


def create_page(ctx: AppContext) -> QWidget:
    return ActivitiesPage(ctx)
