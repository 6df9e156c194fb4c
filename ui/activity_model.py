"""The activities list as a Qt table model that holds ids and fetches rows lazily.

The first screen comes from one LIMIT query plus a count, so the list paints in tens of
milliseconds even at 100k rows and the scroll bar is right from the start; every matching id
(sorted and filtered in SQL) is then read in a background thread — reading 100k ids takes a few
hundred milliseconds, too long to block the first paint. Until they arrive, a page far down is
read with OFFSET. The rows themselves (title, cluster, dates, …) are read in pages of
``PAGE_SIZE`` only when the view asks for a cell on that page.  Pages live in a
small cache, so scrolling through 100k activities keeps a few hundred rows in memory, never all.
Sorting by a header re-queries the ids with the SQL sort (no proxy model sorting in Python).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from models.database import Database
from models.vocab import ACTIVITY_KINDS, ACTIVITY_STATUSES
from persian.digits import fa_number
from persian.jalali import format_jalali
from services.activities import (
    ActivityFilter,
    activity_id_page,
    activity_ids,
    activity_rows,
    count_activities,
)
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
    # (generation, ids or None): every id of a reload, read in a background thread.
    _idsLoaded = Signal(int, object)
    idsComplete = Signal()

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._filter = ActivityFilter()
        self._sort_key = "start_date"
        self._descending = True
        self._ids: list[str] = []
        self._total = 0
        self._complete = True
        self._generation = 0
        self._pages: OrderedDict[int, list[ActivityRow]] = OrderedDict()
        self.page_loads = 0  # how many pages were read from the database (tests, benchmarks)
        self._idsLoaded.connect(self._on_ids_loaded)

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
        """Re-read the list (after a filter, a sort or a change elsewhere); rows come lazily."""
        self._generation += 1
        total = count_activities(self._db, self._filter)
        first = activity_id_page(self._db, self._filter, sort=self._sort_key,
                                 descending=self._descending, limit=PAGE_SIZE)
        self.beginResetModel()
        self._total = total
        self._ids = first
        self._complete = len(first) >= total
        self._pages.clear()
        self.endResetModel()
        if self._complete:
            self.idsComplete.emit()
        else:
            self._load_ids_in_background(self._generation)

    def _load_ids_in_background(self, generation: int) -> None:
        db, flt, key, descending = self._db, self._filter, self._sort_key, self._descending

        def work() -> None:
            from ui.worker import hold_gc, release_gc

            hold_gc()  # see ui.worker: no collection in other threads while this reads
            try:
                ids = activity_ids(db, flt, sort=key, descending=descending)
            except Exception:  # noqa: BLE001 - e.g. the app closing; the GUI reads on demand
                ids = None
            finally:
                release_gc()
            self._idsLoaded.emit(generation, ids)

        threading.Thread(target=work, name="activity-ids", daemon=True).start()

    def _on_ids_loaded(self, generation: int, ids: object) -> None:
        if generation != self._generation or self._complete or ids is None:
            return
        self._adopt_ids(list(ids))  # type: ignore[call-overload]

    def _adopt_ids(self, ids: list[str]) -> None:
        if len(ids) != self._total:  # changed meanwhile: the count must follow the ids
            self.beginResetModel()
            self._ids, self._total, self._complete = ids, len(ids), True
            self._pages.clear()
            self.endResetModel()
        else:
            self._ids, self._complete = ids, True
        self.idsComplete.emit()

    def ensure_all_ids(self) -> None:
        """Every id now (for finding a row by id); normally the background read got them."""
        if not self._complete:
            self._generation += 1
            self._adopt_ids(activity_ids(self._db, self._filter, sort=self._sort_key,
                                         descending=self._descending))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column][2]
        if key is None:
            return
        self._sort_key = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

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
        if not 0 <= row < self._total:
            return None
        if row < len(self._ids):
            return self._ids[row]
        data = self.row_data(row)
        return data.id if data is not None else None

    def row_of(self, activity_id: str) -> int:
        self.ensure_all_ids()
        try:
            return self._ids.index(activity_id)
        except ValueError:
            return -1

    def row_data(self, row: int) -> ActivityRow | None:
        if not 0 <= row < self._total:
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            start = number * PAGE_SIZE
            if self._complete or start + PAGE_SIZE <= len(self._ids):
                ids = self._ids[start:start + PAGE_SIZE]
            else:  # the ids are still on their way: read this page's ids directly
                ids = activity_id_page(self._db, self._filter, sort=self._sort_key,
                                       descending=self._descending, offset=start,
                                       limit=PAGE_SIZE)
            fetched = {r.id: r for r in activity_rows(self._db, ids)}
            page = [fetched.get(i) for i in ids]  # type: ignore[misc]
            self._pages[number] = page
            self.page_loads += 1
            while len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = row - number * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def cached_row_count(self) -> int:
        return sum(len(p) for p in self._pages.values())

    # -- Qt model API -----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

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
