"""The activities list as a Qt table model that holds ids and fetches rows lazily.

Opening the list costs one indexed LIMIT query that brings the first page of lines (no id list)
while the lines are counted in a thread, so the first rows paint in the same time at 300k
activities as at 10k. The scroll bar is right from the start when the count is ready by then (up
to ~100k activities); otherwise it shows the first page and grows to the whole list when the count
arrives, a few milliseconds later (``countKnown``). Every matching id (sorted and filtered in SQL) is then read in
a background job (ui.worker), packed in one SQLite step that releases the GIL, so it does not slow the
first paint; until it arrives a page far down is read with OFFSET. Lines are read in pages of
``PAGE_SIZE`` when the view asks for a cell on that page (one query by primary key) and turned
into display strings (labels, Jalali dates, Persian digits) once per page, so ``data()`` only
indexes a tuple. Pages live in a small cache: scrolling through 100k activities keeps a few
thousand lines in memory, never all. Sorting by a header re-queries with the SQL sort (no proxy
model sorting in Python).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
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
from models.english import people_label
from models.vocab import ACTIVITY_KINDS, ACTIVITY_STATUSES
from persian.digits import fa_number
from persian.jalali import format_jalali
from services.activities import (
    ActivityFilter,
    activity_id_view,
    activity_row_page,
    activity_rows,
    count_activities,
)
from services.views import ActivityRow
from ui.worker import run_in_background

# A page covers a full screen of 30-pixel rows on a 1920-pixel-high window; a thumb landing reads
# one or two pages, so a small page keeps each landing cheap.
PAGE_SIZE = 64
MAX_CACHED_PAGES = 64
# How long the first page waits for the count that runs beside it: the count of a list of up to
# ~100k lines is ready by then, so its scroll bar is right from the first paint; a longer list
# paints its first page without waiting and its scroll bar grows when the count arrives.
COUNT_WAIT_S = 0.010

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
_TITLE_COLUMN = 1

ID_ROLE = Qt.ItemDataRole.UserRole + 1

# data() runs for every role of every visible cell on each paint: plain ints compare fastest.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ID = int(ID_ROLE)
_CENTERED = int(Qt.AlignmentFlag.AlignCenter)
_LEADING = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeading)
_ALIGNMENTS = tuple(_CENTERED if key in ("start_date", "end_date", "participants") else _LEADING
                    for key, _h, _s in COLUMNS)

Cells = tuple[str, ...]


class _Page:
    """One page of lines and their display strings (None where a line vanished meanwhile)."""

    __slots__ = ("cells", "rows")

    def __init__(self, rows: list[ActivityRow | None]) -> None:
        self.rows = rows
        self.cells: list[Cells | None] = [None if r is None else display_cells(r) for r in rows]


class _Count:
    """count_activities(db, flt) as a background job; result() waits for it (and raises what
    it raised)."""

    def __init__(self, db: Database, flt: ActivityFilter) -> None:
        self.filter = flt
        self._job = run_in_background(lambda _progress: count_activities(db, flt))

    def result(self, timeout: float | None = None) -> int:
        """The count; with ``timeout`` raises TimeoutError if it is not ready by then."""
        return self._job.result(timeout)

    def ready(self, timeout: float = 0) -> bool:
        """True once the count has settled, waiting at most ``timeout`` seconds for it."""
        try:
            self._job.result(timeout)
        except TimeoutError:
            return False
        except Exception:  # noqa: BLE001 - settled with an error: result() raises it to its caller
            return True
        return True

    def when_done(self, slot: Any) -> None:
        """Call ``slot()`` on the GUI thread once the count has settled (at once if it has)."""
        if self._job.is_done():
            slot()
        else:
            self._job.finished.connect(slot)


class ActivityModel(QAbstractTableModel):
    # Display text only (ui.table_columns measures the columns from their distinct texts).
    plain_text_cells = True
    # (generation, ids or None): every id of a reload, read in a background thread.
    _idsLoaded = Signal(int, object)
    idsComplete = Signal()
    # The exact number of lines arrived after the first page was shown (see reload).
    countKnown = Signal()

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._filter = ActivityFilter()
        self._sort_key = "start_date"
        self._descending = True
        # Every id in display order (packed text, see activity_id_view), or a prefix of them
        # (the first page's) until the background read brings the rest.
        self._ids: Sequence[str] = []
        self._total = 0
        self._complete = True
        self._counted = True  # False while rowCount() is the first page's, awaiting the count
        self._generation = 0
        self._pages: OrderedDict[int, _Page] = OrderedDict()
        # The page data() used last: consecutive cells of a paint skip the cache bookkeeping.
        self._hot_number = -1
        self._hot: _Page | None = None
        self.page_loads = 0  # how many pages were read from the database (tests, benchmarks)
        self._ids_requested = -1  # the generation whose background read was started
        self._pending_count: _Count | None = None
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

    def is_complete(self) -> bool:
        """True once every id of the current list is known (the background read arrived)."""
        return self._complete

    def prepare(self, flt: ActivityFilter) -> None:
        """Start counting the list for `flt` now, for the reload that will ask for it (the page
        calls this before building its widgets, so the count runs while they are built)."""
        self._pending_count = _Count(self._db, flt)

    def reload(self) -> None:
        """Re-read the list (after a filter, a sort or a change elsewhere): the first page now,
        the count as soon as it is ready, every id in the background, other pages when they are
        looked at."""
        self._generation += 1
        # The count scans every matching index entry in one SQLite step that releases the GIL
        # (0.6 / 5.5 / 31 ms at 10k / 100k / 300k activities): in a thread, it runs while this
        # thread reads the first page. The first page waits for it COUNT_WAIT_S at most: that
        # wait was the one part of opening the list that grew with the database.
        counter, self._pending_count = self._pending_count, None
        if counter is None or counter.filter != self._filter:
            counter = _Count(self._db, self._filter)
        first = activity_row_page(self._db, self._filter, sort=self._sort_key,
                                  descending=self._descending, limit=PAGE_SIZE)
        counted = len(first) < PAGE_SIZE or counter.ready(COUNT_WAIT_S)
        total = max(counter.result(), len(first)) if counted else len(first)
        self.beginResetModel()
        self._clear_pages()
        self._total = total
        self._counted = counted
        self._ids = [r.id for r in first]
        self._complete = counted and len(first) >= self._total
        if first:
            self._store_page(0, _Page(list(first)))
        self.endResetModel()
        if not counted:
            generation = self._generation

            def arrived() -> None:
                try:
                    self._on_count(generation, counter)
                except RuntimeError:  # the model was deleted meanwhile (its page closed)
                    pass

            counter.when_done(arrived)
        # The other ids are read when a view has painted these rows (ActivitiesPage) or a page
        # past them is needed, not now: the read would compete with the first paint.
        if self._complete:
            self.idsComplete.emit()

    def is_counted(self) -> bool:
        """True once rowCount() is the whole list's, not only the first page's."""
        return self._counted

    def _on_count(self, generation: int, counter: _Count) -> None:
        if generation != self._generation or self._counted:
            return  # reloaded meanwhile, or the ids came first and set the total
        try:
            total = counter.result(0)
        except Exception:  # noqa: BLE001 - the background id read sets the total instead
            return
        if total > self._total:
            self.beginInsertRows(QModelIndex(), self._total, total - 1)
            self._total = total
            self.endInsertRows()
        self._counted = True
        self.countKnown.emit()

    def ids_pending(self) -> bool:
        """True while the list's ids are incomplete and their background read not started."""
        return not self._complete and self._ids_requested != self._generation

    def load_remaining_ids(self) -> None:
        """Start reading every id of the current list in the background (once per reload)."""
        if self.ids_pending():
            self._ids_requested = self._generation
            self._load_ids_in_background(self._generation)

    def _load_ids_in_background(self, generation: int) -> None:
        db, flt, key, descending = self._db, self._filter, self._sort_key, self._descending

        def read(_progress: object) -> Sequence[str]:
            return activity_id_view(db, flt, sort=key, descending=descending)

        def arrived(ids: object) -> None:
            try:
                self._idsLoaded.emit(generation, ids)
            except RuntimeError:  # the model was deleted meanwhile (its page closed)
                pass

        # An error (e.g. the app closing) is dropped: the GUI reads a page by OFFSET on demand.
        run_in_background(read, arrived, lambda _exc: None)

    def _on_ids_loaded(self, generation: int, ids: object) -> None:
        if generation != self._generation or self._complete or ids is None:
            return
        assert isinstance(ids, Sequence)
        self._adopt_ids(ids)

    def _adopt_ids(self, ids: Sequence[str]) -> None:
        if len(ids) != self._total:  # changed meanwhile: the count must follow the ids
            self.beginResetModel()
            self._ids, self._total, self._complete = ids, len(ids), True
            self._clear_pages()
            self.endResetModel()
        else:
            self._ids, self._complete = ids, True
            # A page read by OFFSET before the ids came must show the lines these ids name
            # (an edit elsewhere may have moved one): otherwise a row would open another record.
            for number, page in list(self._pages.items()):
                start = number * PAGE_SIZE
                if [r.id if r else None for r in page.rows] != ids[start:start + len(page.rows)]:
                    self._drop_page(number)
                    last = min(self._total, start + PAGE_SIZE) - 1
                    self.dataChanged.emit(self.index(start, 0),
                                          self.index(last, len(COLUMNS) - 1))
        if not self._counted:  # the ids came before the count: they are the count
            self._counted = True
            self.countKnown.emit()
        self.idsComplete.emit()

    def ensure_all_ids(self) -> None:
        """Every id now (for finding a row by id); normally the background read got them."""
        if not self._complete:
            self._generation += 1
            self._adopt_ids(activity_id_view(self._db, self._filter, sort=self._sort_key,
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

    # -- pages ------------------------------------------------------------------------------
    def _clear_pages(self) -> None:
        self._pages.clear()
        self._hot_number, self._hot = -1, None

    def _drop_page(self, number: int) -> None:
        self._pages.pop(number, None)
        if number == self._hot_number:
            self._hot_number, self._hot = -1, None

    def _store_page(self, number: int, page: _Page) -> None:
        self._pages[number] = page
        self.page_loads += 1
        while len(self._pages) > MAX_CACHED_PAGES:
            dropped, _page = self._pages.popitem(last=False)
            if dropped == self._hot_number:
                self._hot_number, self._hot = -1, None

    def _page(self, number: int) -> _Page:
        if number == self._hot_number and self._hot is not None:
            return self._hot
        page = self._pages.get(number)
        if page is None:
            page = self._read_page(number)
            self._store_page(number, page)
        else:
            self._pages.move_to_end(number)
        self._hot_number, self._hot = number, page
        return page

    def _read_page(self, number: int) -> _Page:
        start = number * PAGE_SIZE
        end = min(start + PAGE_SIZE, self._total)
        if end <= len(self._ids):
            ids = self._ids[start:end]
            found = {r.id: r for r in activity_rows(self._db, ids)}
            return _Page([found.get(i) for i in ids])  # a line deleted meanwhile stays a gap
        # The ids are still on their way: this page straight from the sorted, filtered query
        # (and the ids from now on, for the next landings).
        self.load_remaining_ids()
        rows: list[ActivityRow | None] = list(activity_row_page(
            self._db, self._filter, sort=self._sort_key, descending=self._descending,
            offset=start, limit=end - start))
        return _Page(rows)

    def _locate(self, row: int) -> tuple[_Page, int] | None:
        """The page that holds ``row`` (read if need be) and the row's place in it; None for a row
        outside the list, or past the end of a page the database returned short."""
        if not 0 <= row < self._total:
            return None
        number = row // PAGE_SIZE
        page = self._page(number)
        offset = row - number * PAGE_SIZE
        return (page, offset) if offset < len(page.rows) else None

    def _cells(self, row: int) -> Cells | None:
        found = self._locate(row)
        return None if found is None else found[0].cells[found[1]]

    # -- rows -------------------------------------------------------------------------------
    def id_at(self, row: int) -> str | None:
        if not 0 <= row < self._total:
            return None
        if row < len(self._ids):
            return self._ids[row]
        data = self.row_data(row)
        return data.id if data is not None else None

    def row_of(self, activity_id: str) -> int:
        try:  # the first page's ids are known at once: no need to wait for the others
            return self._ids.index(activity_id)
        except ValueError:
            if self._complete:
                return -1
        self.ensure_all_ids()
        try:
            return self._ids.index(activity_id)
        except ValueError:
            return -1

    def row_data(self, row: int) -> ActivityRow | None:
        found = self._locate(row)
        return None if found is None else found[0].rows[found[1]]

    def sample_rows(self, count: int) -> list[Cells]:
        """The display texts of the first ``count`` lines, as data() gives them (ui.table_columns
        measures the columns from them without a data() call per cell)."""
        empty: Cells = ("",) * len(COLUMNS)
        rows: list[Cells] = []
        for row in range(min(count, self._total)):
            cells = self._cells(row)
            rows.append(empty if cells is None else cells)
        return rows

    def cached_row_count(self) -> int:
        return sum(len(p.rows) for p in self._pages.values())

    # -- Qt model API -----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = _DISPLAY) -> Any:
        if role != _DISPLAY:  # (asked for many roles on every paint: an int compare)
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("ActivityModel", COLUMNS[section][1])
        if orientation == Qt.Orientation.Vertical:
            return fa_number(section + 1, grouping=False)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        # Called for some ten roles of every visible cell on every paint: the display strings
        # are ready in the page (see _Page), and an invalid index has row -1.
        if role == _DISPLAY:
            cells = self._cells(index.row())
            return cells[index.column()] if cells is not None else None
        if role == _ALIGNMENT:
            return _ALIGNMENTS[index.column()] if index.row() >= 0 else None
        if role == _TOOLTIP:
            if index.column() != _TITLE_COLUMN:
                return None
            cells = self._cells(index.row())
            return cells[_TITLE_COLUMN] if cells is not None else None
        if role == _ID:
            return self.id_at(index.row())
        return None


# Formatting a Jalali date through jdatetime costs ~0.1 ms; a list has few distinct dates.
@lru_cache(maxsize=50_000)
def _jalali_text(value: date) -> str:
    return format_jalali(value)


def _jalali(value: date | None) -> str:
    return "" if value is None else _jalali_text(value)


@lru_cache(maxsize=10_000)
def _count_text(value: int) -> str:
    return fa_number(value) if value else ""


def display_cells(row: ActivityRow) -> Cells:
    """The eight display strings of a line, in COLUMNS order."""
    return (
        people_label(ACTIVITY_KINDS.get(row.kind, row.kind)),
        "" if row.title is None else str(row.title),
        "" if row.cluster_name is None else str(row.cluster_name),
        _jalali(row.start_date),
        _jalali(row.end_date),
        "" if row.city is None else str(row.city),
        people_label(ACTIVITY_STATUSES.get(row.status, row.status or "")),
        _count_text(row.participants),
    )


_KEY_COLUMN = {key: i for i, (key, _h, _s) in enumerate(COLUMNS)}


def display_value(row: ActivityRow, key: str) -> str:
    return display_cells(row)[_KEY_COLUMN[key]]
