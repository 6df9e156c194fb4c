"""The activities list as a Qt table model that holds ids and fetches rows lazily.

The model asks the service for every matching id once, already sorted and filtered in SQL, so
the scroll bar is right from the start; the rows themselves (title, cluster, dates, …) are read
in pages of ``PAGE_SIZE`` only when the view asks for a cell on that page.  Pages live in a
small cache, so scrolling through 100k activities keeps a few hundred rows in memory, never all.
Sorting by a header re-queries the ids with the SQL sort (no proxy model sorting in Python).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from models.database import Database
from models.vocab import ACTIVITY_KINDS, ACTIVITY_STATUSES
from persian.digits import fa_number
from persian.jalali import format_jalali
from services.activities import ActivityFilter, activity_ids, activity_rows
from services.views import ActivityRow

PAGE_SIZE = 200
MAX_CACHED_PAGES = 40

# (key, English header, SQL sort key or None when the column cannot be sorted in SQL)
COLUMNS: tuple[tuple[str, str, str | None], ...] = (
    ("kind", QT_TRANSLATE_NOOP("ActivityModel", "Kind"), "kind"),
    ("title", QT_TRANSLATE_NOOP("ActivityModel", "Title"), "title"),
    ("cluster_name", QT_TRANSLATE_NOOP("ActivityModel", "Cluster"), None),
    ("start_date", QT_TRANSLATE_NOOP("ActivityModel", "Date"), "start_date"),
    ("end_date", QT_TRANSLATE_NOOP("ActivityModel", "End"), None),
    ("city", QT_TRANSLATE_NOOP("ActivityModel", "City"), "city"),
    ("status", QT_TRANSLATE_NOOP("ActivityModel", "Status"), "status"),
    ("participants", QT_TRANSLATE_NOOP("ActivityModel", "Participants"), None),
)

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ActivityModel(QAbstractTableModel):
    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._filter = ActivityFilter()
        self._sort_key = "start_date"
        self._descending = True
        self._ids: list[str] = []
        self._pages: OrderedDict[int, list[ActivityRow]] = OrderedDict()
        self.page_loads = 0  # how many pages were read from the database (tests, benchmarks)

    # -- querying ---------------------------------------------------------------------------
    @property
    def filter(self) -> ActivityFilter:
        return self._filter

    def set_filter(self, flt: ActivityFilter) -> None:
        self._filter = flt
        self.reload()

    def sort_key(self) -> tuple[str, bool]:
        return self._sort_key, self._descending

    def reload(self) -> None:
        """Re-read the ids (after a filter, a sort or a change elsewhere); rows come lazily."""
        ids = activity_ids(self._db, self._filter, sort=self._sort_key,
                           descending=self._descending)
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column][2]
        if key is None:
            return
        self._sort_key = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        self._ids = activity_ids(self._db, self._filter, sort=key, descending=self._descending)
        self._pages.clear()
        self.layoutChanged.emit()

    @staticmethod
    def sortable(column: int) -> bool:
        return 0 <= column < len(COLUMNS) and COLUMNS[column][2] is not None

    @staticmethod
    def column_of_sort_key(key: str) -> int:
        for i, (_name, _header, sort) in enumerate(COLUMNS):
            if sort == key:
                return i
        return 3

    # -- rows -------------------------------------------------------------------------------
    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, activity_id: str) -> int:
        try:
            return self._ids.index(activity_id)
        except ValueError:
            return -1

    def row_data(self, row: int) -> ActivityRow | None:
        if not 0 <= row < len(self._ids):
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            start = number * PAGE_SIZE
            ids = self._ids[start:start + PAGE_SIZE]
            fetched = {r.id: r for r in activity_rows(self._db, ids)}
            page = [fetched.get(i) for i in ids]  # type: ignore[misc]
            self._pages[number] = page
            self.page_loads += 1
            while len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[row - number * PAGE_SIZE]

    def cached_row_count(self) -> int:
        return sum(len(p) for p in self._pages.values())

    # -- Qt model API -----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("ActivityModel", COLUMNS[section][1])
        if orientation == Qt.Orientation.Vertical:
            return fa_number(section + 1, grouping=False)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self.id_at(index.row())
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.TextAlignmentRole):
            return None
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if key in ("start_date", "end_date", "participants"):
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeading)
        row = self.row_data(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.title if key == "title" else None
        return display_value(row, key)


def display_value(row: ActivityRow, key: str) -> str:
    if key == "kind":
        return ACTIVITY_KINDS.get(row.kind, row.kind)
    if key == "status":
        return ACTIVITY_STATUSES.get(row.status, row.status or "")
    if key in ("start_date", "end_date"):
        value = getattr(row, key)
        return format_jalali(value) if value else ""
    if key == "participants":
        return fa_number(row.participants) if row.participants else ""
    value = getattr(row, key)
    return "" if value is None else str(value)
