"""A small reusable list of records (hundreds, not 100k): Persian digits, Jalali dates, a folded
filter box, double-click to edit, Delete to the trash with an inline Undo.

The shared cluster picker the pages put at their top is ui.cluster_combo.ClusterCombo.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.english import people_label, people_labels
from persian.bidi import ltr_isolate
from persian.digits import fa_num, fa_number, people_digits
from persian.fold import fold
from persian.jalali import format_jalali, format_jalali_datetime
from services import records
from services.errors import NotFoundError
from services.schema import SPECS
from ui.context import AppContext
from ui.errors import show_error
from ui.page_parts import EmptyState, read_only_rows
from ui.record_form import open_record_form
from ui.table_columns import fit_columns, remember_widths

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
FOLD_ROLE = Qt.ItemDataRole.UserRole + 3
OVERDUE_COLOR = QColor("#b3261e")


def format_value(value: Any, field_type: str = "text", choices: dict[str, str] | None = None,
                 refs: dict[str, str] | None = None) -> str:
    """A stored value as a Persian reader sees it in a list."""
    if value is None or value == "":
        return ""
    if field_type == "bool":
        return "✓" if value else ""
    if field_type == "choice":
        return (choices or {}).get(value, str(value))
    if field_type == "ref":
        return (refs or {}).get(value, "")
    if isinstance(value, dt.datetime):
        return format_jalali_datetime(value)
    if isinstance(value, dt.date):
        return format_jalali(value)
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, int | float):
        return fa_num(value, grouping=field_type == "money" or abs(value) >= 10_000)
    if field_type in ("phone", "national_code", "national_id", "email", "url"):
        # Read left to right inside Persian text (persian.bidi), in the reader's digits.
        return ltr_isolate(people_digits(str(value)))
    return people_digits(str(value)) if field_type == "time" else str(value)


def sort_key(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return float(value)
    return fold(str(value))


@dataclass(frozen=True)
class Column:
    """One column: a header and how to get (raw value, shown text) from a row object."""

    header: str
    value: Callable[[Any], Any]
    text: Callable[[Any], str]
    stretch: bool = False


def field_column(kind: str, name: str, *, refs: dict[str, str] | None = None,
                 header: str | None = None, stretch: bool = False) -> Column:
    spec = SPECS[kind].field(name)
    choices = people_labels(spec.choices) if spec.choices else None
    return Column(
        header or people_label(spec.label),
        lambda row, n=name: row.get(n),
        lambda row, n=name: format_value(row.get(n), spec.type, choices, refs),
        stretch,
    )


class _FilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self.setSortRole(SORT_ROLE)

    def set_needle(self, text: str) -> None:
        self._needle = fold(text)
        self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        key = model.data(model.index(row, 0, parent), FOLD_ROLE) or ""
        return all(part in key for part in self._needle.split())


class RecordTable(QWidget):
    """Rows with an id each; ``fetch()`` returns them, ``columns`` say what to show.

    With ``kind`` set the table also edits: New/Edit open the record form, Delete moves the
    selected record to the trash and shows an Undo bar.
    """

    activated = Signal(str)  # id of the double-clicked row
    changed = Signal()  # after a delete or undo made here

    def __init__(
        self,
        ctx: AppContext,
        columns: Sequence[Column],
        fetch: Callable[[], Sequence[Any]],
        *,
        kind: str | None = None,
        row_id: Callable[[Any], str] = lambda row: row.id,
        new_defaults: Callable[[], dict[str, Any]] | None = None,
        row_color: Callable[[Any], QColor | None] | None = None,
        empty_text: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.columns = list(columns)
        self.fetch = fetch
        self.row_id = row_id
        self.new_defaults = new_defaults
        self.row_color = row_color
        self.rows: list[Any] = []
        self._last_deleted: tuple[str, str, str] | None = None  # kind, id, title

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setPlaceholderText(QCoreApplication.translate("RecordTable", "Filter…"))
        self.filter_edit.setClearButtonEnabled(True)
        top.addWidget(self.filter_edit, 1)
        self.count_label = QLabel()
        top.addWidget(self.count_label)
        self.buttons_layout = top
        if kind is not None:
            self.new_button = QPushButton(QCoreApplication.translate("RecordTable", "New"))
            self.new_button.setObjectName("newButton")
            self.edit_button = QPushButton(QCoreApplication.translate("RecordTable", "Edit"))
            self.delete_button = QPushButton(QCoreApplication.translate("RecordTable", "Delete"))
            self.delete_button.setToolTip(QCoreApplication.translate("RecordTable", "Move to the trash (Delete)"))
            self.new_button.clicked.connect(self.new_record)
            self.edit_button.clicked.connect(self.edit_current)
            self.delete_button.clicked.connect(self.delete_current)
            for b in (self.new_button, self.edit_button, self.delete_button):
                top.addWidget(b)
        self.export_button = QPushButton(QCoreApplication.translate("RecordTable",
                                                                    "Export to Excel"))
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(lambda: self.export_to_excel())
        top.addWidget(self.export_button)
        layout.addLayout(top)

        self.model = QStandardItemModel(0, len(self.columns), self)
        self.model.setHorizontalHeaderLabels([c.header for c in self.columns])
        self.proxy = _FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(self)
        self.view.setObjectName("recordTable")
        self.view.setModel(self.proxy)
        read_only_rows(self.view)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Rows keep the services' order (most overdue first, by date…) until a header is clicked.
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.doubleClicked.connect(self._on_double_click)
        # A width the user drags is kept for next time (QSettings through UiSettings).
        remember_widths(self.view, self.main_column, self._remember_widths)
        self.view.installEventFilter(self)
        layout.addWidget(self.view, 1)
        # What the empty list says (and, for an editable one, the button that fills it).
        self._empty_text = empty_text or (
            QCoreApplication.translate("RecordTable",
                                       "Nothing here yet. Press “New” to add the first.")
            if kind is not None else QCoreApplication.translate("RecordTable", "Nothing here yet."))
        self.empty_state = EmptyState(
            self.view, self._empty_text,
            QCoreApplication.translate("RecordTable", "New") if kind is not None else None,
            self.new_record if kind is not None else None)

        self.undo_bar = QFrame(self)
        self.undo_bar.setObjectName("undoBar")
        self.undo_bar.setStyleSheet("#undoBar { background: #fff6dc; border-radius: 3px; }")
        bar = QHBoxLayout(self.undo_bar)
        bar.setContentsMargins(8, 4, 8, 4)
        self.undo_label = QLabel()
        self.undo_button = QPushButton(QCoreApplication.translate("RecordTable", "Undo"))
        self.undo_button.setObjectName("undoButton")
        self.undo_button.clicked.connect(self.undo_delete)
        bar.addWidget(self.undo_label, 1)
        bar.addWidget(self.undo_button)
        self.undo_bar.hide()
        layout.addWidget(self.undo_bar)

        self.filter_edit.textChanged.connect(self._on_filter)

    # -- data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        # The app sets ctx.defer_hidden_lists: a hidden table (a page not shown yet) refreshes
        # when first shown, so start-up does not load thousands of people nobody looks at.
        if getattr(self.ctx, "defer_hidden_lists", False) and not self.isVisible():
            self._stale = True
            return
        self._stale = False
        selected = self.current_id()
        self.rows = list(self.fetch())
        sorting = self.view.isSortingEnabled()
        self.view.setSortingEnabled(False)
        self.model.removeRows(0, self.model.rowCount())
        for row in self.rows:
            rid = self.row_id(row)
            texts = [col.text(row) for col in self.columns]
            color = self.row_color(row) if self.row_color else None
            items = []
            for col, text in zip(self.columns, texts, strict=True):
                item = QStandardItem(text)
                item.setData(rid, ID_ROLE)
                item.setData(sort_key(col.value(row)), SORT_ROLE)
                if color is not None:
                    item.setForeground(color)
                items.append(item)
            items[0].setData(fold(" ".join(texts)), FOLD_ROLE)
            self.model.appendRow(items)
        self.view.setSortingEnabled(sorting)
        self._fit_columns()
        self._update_count()
        if selected:
            self.select_id(selected)

    @property
    def table_key(self) -> str:
        """Where this table's column widths are remembered (kind, or the headers)."""
        # "v3": before the shared column rule (v1) widths were saved on every resize, and in v2
        # hiding a column saved Qt's default widths; neither is the user's choice, so both are
        # left unread.
        return "table-v3/" + (self.kind or "|".join(c.header for c in self.columns))[:80]

    @property
    def main_column(self) -> int | None:
        """The record's main text column (the one marked ``stretch``)."""
        return next((i for i, c in enumerate(self.columns) if c.stretch), None)

    def _fit_columns(self) -> None:
        # The user's own widths (dragged earlier, kept in QSettings) win over the automatic fit.
        fit_columns(self.view, self.main_column, self.ctx.settings.column_widths(self.table_key))

    def _remember_widths(self, widths: list[int]) -> None:
        self.ctx.settings.set_column_widths(self.table_key, widths)

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.empty_state.set_text(self._empty_text if total == 0 else QCoreApplication.translate(
            "RecordTable", "No row matches the filter. Clear the filter box to see all rows."))
        if self.empty_state.button is not None:
            self.empty_state.button.setVisible(total == 0)
        self.empty_state.set_empty(shown == 0)
        if shown == total:
            self.count_label.setText(QCoreApplication.translate("RecordTable", "{n} rows").format(n=fa_number(total)))
        else:
            self.count_label.setText(QCoreApplication.translate("RecordTable", "{shown} of {total} rows").format(
                shown=fa_number(shown), total=fa_number(total)))

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if getattr(self, "_stale", False):
            self.refresh()

    def export_to_excel(self, target: Any = None):  # noqa: ANN201 - TaskHandle | None
        """The list as shown (filter and sort included) to a right-to-left Excel sheet."""
        from ui.list_export import export_list

        headers = [c.header for c in self.columns]
        rows = [[self.text_at(r, c) for c in range(len(self.columns))]
                for r in range(self.row_count())]
        title = self.window().windowTitle() or "Khooshe"
        return export_list(self, title[:31], headers, lambda _progress: rows, target=target,
                           on_done=lambda path: self.ctx.statusMessage.emit(ltr_isolate(str(path))))

    def _on_filter(self, text: str) -> None:
        self.proxy.set_needle(text)
        self._update_count()

    def row_count(self) -> int:
        return self.proxy.rowCount()

    def text_at(self, row: int, column: int) -> str:
        return self.proxy.index(row, column).data() or ""

    def id_at(self, row: int) -> str:
        return self.proxy.index(row, 0).data(ID_ROLE)

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return index.siblingAtColumn(0).data(ID_ROLE)

    def current_row_object(self) -> Any:
        rid = self.current_id()
        for row in self.rows:
            if self.row_id(row) == rid:
                return row
        return None

    def select_id(self, record_id: str) -> bool:
        for r in range(self.proxy.rowCount()):
            if self.id_at(r) == record_id:
                self.view.selectRow(r)
                self.view.setCurrentIndex(self.proxy.index(r, 0))
                return True
        return False

    # -- actions ------------------------------------------------------------------------------
    def _on_double_click(self, index: QModelIndex) -> None:
        rid = index.siblingAtColumn(0).data(ID_ROLE)
        if rid is None:
            return
        self.activated.emit(rid)
        if self.kind is not None:
            self.edit(rid)

    def new_record(self) -> None:
        assert self.kind is not None
        defaults = self.new_defaults() if self.new_defaults else None
        view = open_record_form(self.ctx, self.kind, None, self, defaults=defaults)
        if view is not None:
            self.refresh()
            self.select_id(view.id)

    def edit_current(self) -> None:
        rid = self.current_id()
        if rid is not None:
            self.edit(rid)

    def edit(self, record_id: str) -> None:
        assert self.kind is not None
        if open_record_form(self.ctx, self.kind, record_id, self) is not None:
            self.refresh()

    def delete_current(self) -> None:
        if self.kind is None:
            return
        rid = self.current_id()
        if rid is None:
            return
        index = self.view.currentIndex()
        title = index.siblingAtColumn(0).data() or ""
        try:
            records.delete(self.ctx.db, self.kind, rid)
        except NotFoundError as exc:
            show_error(self, exc.message)
            self.refresh()
            return
        self._last_deleted = (self.kind, rid, title)
        message = QCoreApplication.translate("RecordTable", "“{title}” was moved to the trash.").format(title=title)
        self.undo_label.setText(message)
        self.undo_bar.show()
        self.ctx.statusMessage.emit(message)
        self.refresh()
        self.changed.emit()

    def undo_delete(self) -> None:
        if self._last_deleted is None:
            return
        kind, rid, title = self._last_deleted
        self._last_deleted = None
        self.undo_bar.hide()
        try:
            records.restore(self.ctx.db, kind, rid)
        except NotFoundError as exc:
            show_error(self, exc.message)
            return
        self.ctx.statusMessage.emit(QCoreApplication.translate("RecordTable", "“{title}” was restored.").format(title=title))
        self.refresh()
        self.select_id(rid)
        self.changed.emit()

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.view and isinstance(event, QKeyEvent) and event.type() == \
                QKeyEvent.Type.KeyPress and event.key() == Qt.Key.Key_Delete:
            self.delete_current()
            return True
        if watched is self.view and isinstance(event, QKeyEvent) and event.type() == \
                QKeyEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            rid = self.current_id()
            if rid is not None:
                self.activated.emit(rid)
                if self.kind is not None:
                    self.edit(rid)
            return True
        return super().eventFilter(watched, event)
