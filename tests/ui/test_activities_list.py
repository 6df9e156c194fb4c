"""The activities page: lazy list, filters, sorting, open, delete with undo; 20k rows."""

from __future__ import annotations

import datetime as dt
import time
import uuid

import pytest
from PySide6.QtCore import Qt

from services import records
from services.activities import ActivityFilter, activity_ids
from services.demo import load_demo
from services.errors import NotFoundError
from ui import activity_form
from ui.activity_model import ID_ROLE, PAGE_SIZE, ActivityModel
from ui.context import AppContext
from ui.pages.activities import ActivitiesPage


@pytest.fixture(autouse=True)
def _no_modal(monkeypatch):
    monkeypatch.setattr(activity_form, "ask_unsaved", lambda _p: activity_form.DISCARD)
    yield
    for form in activity_form.open_forms():
        form.force_close()


@pytest.fixture
def demo_ctx(db, ui_settings):
    with db.session_factory.begin() as s:
        load_demo(s)
    return AppContext(db, ui_settings)


def _texts(page: ActivitiesPage, column: int) -> list[str]:
    m = page.model
    return [m.index(r, column).data() for r in range(m.rowCount())]


def test_list_shows_persian_labels_digits_and_jalali(qtbot, demo_ctx):
    page = ActivitiesPage(demo_ctx)
    qtbot.addWidget(page)
    m = page.model
    assert m.rowCount() == len(activity_ids(demo_ctx.db, ActivityFilter()))
    kinds = set(_texts(page, 0))
    assert kinds <= {"جلسه", "دوره آموزشی", "تور / بازدید", "نمایشگاه", "سایر فعالیت‌ها"}
    date = m.index(0, 3).data()
    assert date[:2] == "۱۴" and "/" in date and not any(c.isascii() and c.isdigit() for c in date)
    assert page.count_label.text().startswith(date[0]) or any("۰" <= c <= "۹"
                                                             for c in page.count_label.text())


def test_filters_and_sql_sort(qtbot, demo_ctx, type_text):
    page = ActivitiesPage(demo_ctx)
    qtbot.addWidget(page)
    total = page.model.rowCount()
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("exhibition"))
    assert set(_texts(page, 0)) == {"نمایشگاه"}
    page.kind_filter.setCurrentIndex(0)
    assert page.model.rowCount() == total
    page.date_from.setDate(dt.date(2025, 3, 21))  # 1404/01/01
    assert 0 < page.model.rowCount() < total
    page.date_from.clear()
    type_text(page.search_box, "استانبول")
    qtbot.waitUntil(lambda: page.model.rowCount() < total, timeout=2000)
    assert any("استانبول" in t for t in _texts(page, 1))
    page.search_box.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == total, timeout=2000)
    # A header click sorts in SQL: titles ascending.
    header = page.table.horizontalHeader()
    header.setSortIndicator(1, Qt.SortOrder.AscendingOrder)
    assert page.model.sort_key() == ("title", False)
    expected = activity_ids(demo_ctx.db, ActivityFilter(), sort="title", descending=False)
    assert [page.model.id_at(r) for r in range(page.model.rowCount())] == expected
    header.setSortIndicator(2, Qt.SortOrder.AscendingOrder)  # cluster: not sortable, kept
    assert page.model.sort_key() == ("title", False)


def test_open_delete_undo_with_keys(qtbot, demo_ctx):
    page = ActivitiesPage(demo_ctx)
    qtbot.addWidget(page)
    page.show()
    total = page.model.rowCount()
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(2, 1))
    target = page.selected_id()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    forms = activity_form.open_forms()
    assert len(forms) == 1 and forms[0].activity_id() == target
    forms[0].force_close()
    page.table.setCurrentIndex(page.model.index(2, 1))
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.model.rowCount() == total - 1
    assert page.model.row_of(target) == -1
    assert page.undo_bar.isVisible()
    with pytest.raises(NotFoundError):
        records.get(demo_ctx.db, "activity", target)
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == total
    assert page.selected_id() == target
    assert not page.undo_bar.isVisible()


def test_column_widths_remembered(qtbot, demo_ctx):
    page = ActivitiesPage(demo_ctx)
    qtbot.addWidget(page)
    # A border the user drags (the title column stretches, so drag the cluster column's).
    page.table.horizontalHeader().resizeSection(2, 211)
    again = ActivitiesPage(demo_ctx)
    qtbot.addWidget(again)
    assert again.table.columnWidth(2) == 211


def _bulk(db, n: int) -> None:
    """n activities straight into the tables (the service path takes minutes for 20k)."""
    from sqlalchemy import insert

    from models.base import utcnow
    from models.entities import Activity, Cluster

    now = utcnow()
    stamp = {"created_at": now, "updated_at": now}
    with db.session_factory.begin() as s:
        cluster = str(uuid.uuid4())
        s.execute(insert(Cluster), [{"id": cluster, "name": "خوشه آزمون", **stamp}])
        start = dt.date(2020, 1, 1)
        s.execute(insert(Activity), [{
            "id": str(uuid.uuid4()), "kind": "meeting" if i % 3 else "training",
            "cluster_id": cluster, "title": f"فعالیت شماره {i}", "status": "done",
            "start_date": start + dt.timedelta(days=i % 2000), "city": "لار", **stamp}
            for i in range(n)])


def test_model_at_20k_fetches_only_a_page(qtbot, db, ui_settings):
    _bulk(db, 20_000)
    ctx = AppContext(db, ui_settings)
    t0 = time.perf_counter()
    page = ActivitiesPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.wait(10)
    elapsed = time.perf_counter() - t0
    m: ActivityModel = page.model
    qtbot.waitUntil(m.is_counted, timeout=10_000)
    assert m.rowCount() == 20_000
    assert m.index(0, 1).data().startswith("فعالیت شماره")
    assert m.page_loads == 1 and m.cached_row_count() == PAGE_SIZE
    page.table.scrollToBottom()
    qtbot.wait(10)
    assert m.index(19_999, 1).data()
    assert m.page_loads == 2 and m.cached_row_count() <= 2 * PAGE_SIZE
    assert elapsed < 5
    qtbot.waitUntil(m.is_complete, timeout=10_000)  # the ids thread ends before the database


def test_count_and_first_page_at_once_every_id_after_the_first_paint(qtbot, db, ui_settings):
    _bulk(db, 600)
    ctx = AppContext(db, ui_settings)
    page = ActivitiesPage(ctx)
    qtbot.addWidget(page)
    m = page.model
    qtbot.waitUntil(m.is_counted, timeout=10_000)  # at once, unless the machine stalls
    # Before any paint: the count (scroll bar, label) and one page of lines; no id read yet.
    assert m.rowCount() == 600 and "۶۰۰" in page.count_label.text()
    assert m.page_loads == 1 and not m.is_complete() and m.ids_pending()
    page.resize(1000, 600)
    page.show()
    qtbot.waitUntil(m.is_complete, timeout=10_000)
    expected = activity_ids(db, ActivityFilter())
    assert [m.id_at(r) for r in range(m.rowCount())] == expected
    assert m.page_loads == 1
    # Sorting and filtering read again, the same way.
    page.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(m.is_complete, timeout=10_000)
    assert [m.id_at(r) for r in range(m.rowCount())] == activity_ids(
        db, ActivityFilter(), sort="title", descending=False)
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("training"))
    qtbot.waitUntil(m.is_counted, timeout=10_000)
    assert m.rowCount() == 200 and set(_texts(page, 0)) == {"دوره آموزشی"}


def test_a_long_count_does_not_hold_the_first_page(qtbot, db, ui_settings, monkeypatch):
    """The first page paints without the count when it is slow (a very large list): the label
    shows no figure, the rows are the first page's; when the count arrives the list grows to it
    and the label says it."""
    import threading

    from ui import activity_model

    _bulk(db, 300)
    release = threading.Event()
    real_count = activity_model.count_activities

    def slow_count(db_, flt):
        release.wait(10)
        return real_count(db_, flt)

    monkeypatch.setattr(activity_model, "count_activities", slow_count)
    page = ActivitiesPage(AppContext(db, ui_settings))
    qtbot.addWidget(page)
    m = page.model
    assert not m.is_counted() and m.rowCount() == PAGE_SIZE and page.count_label.text() == ""
    assert m.index(0, 1).data().startswith("فعالیت شماره")
    inserted = []
    m.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    with qtbot.waitSignal(m.countKnown, timeout=10_000):
        release.set()
    assert m.is_counted() and m.rowCount() == 300 and inserted == [(PAGE_SIZE, 299)]
    assert "۳۰۰" in page.count_label.text()
    page.show()
    qtbot.waitUntil(m.is_complete, timeout=10_000)
    assert [m.id_at(r) for r in range(300)] == activity_ids(db, ActivityFilter())


def test_a_count_that_is_ready_sets_the_list_at_once(qtbot, db, ui_settings):
    _bulk(db, 300)
    m = ActivityModel(db)
    m.prepare(ActivityFilter())
    qtbot.wait(200)  # the count has long finished: reload takes it without waiting
    m.set_filter(ActivityFilter())
    assert m.is_counted() and m.rowCount() == 300


def test_selecting_a_row_past_the_first_page_before_the_ids_arrive(qtbot, db, ui_settings):
    _bulk(db, 300)
    page = ActivitiesPage(AppContext(db, ui_settings))
    qtbot.addWidget(page)
    target = activity_ids(db, ActivityFilter())[250]
    assert not page.model.is_complete()
    assert page.select_id(target)  # reads the ids now
    assert page.model.is_complete() and page.selected_id() == target
    assert page.table.currentIndex().row() == 250


def test_a_page_read_by_offset_follows_the_ids_when_they_arrive(qtbot, db, ui_settings):
    """A page read before the ids (OFFSET) and an edit elsewhere in between: once the ids are
    in, every line shown is the line of the id at that row (opening it opens what is shown)."""
    _bulk(db, 300)
    m = ActivityModel(db)
    m.load_remaining_ids = lambda: None  # type: ignore[method-assign] # the ids come below
    m.set_filter(ActivityFilter())
    assert m.row_data(250) is not None and m.page_loads == 2
    moved = m.row_data(250)
    assert moved is not None
    records.update(db, "activity", moved.id, {"start_date": dt.date(2031, 1, 1)})
    changed = []
    m.dataChanged.connect(lambda a, b, _r: changed.append((a.row(), b.row())))
    m.ensure_all_ids()
    assert m.is_complete() and m.id_at(0) == moved.id
    assert changed and all(m.row_data(r).id == m.id_at(r) for r in range(m.rowCount()))


def test_cells_roles(qtbot, demo_ctx):
    m = ActivityModel(demo_ctx.db)
    m.set_filter(ActivityFilter())
    title, date = m.index(0, 1), m.index(0, 3)
    assert m.data(title, Qt.ItemDataRole.ToolTipRole) == title.data()
    assert m.data(date, Qt.ItemDataRole.ToolTipRole) is None
    assert m.data(date, Qt.ItemDataRole.TextAlignmentRole) == int(Qt.AlignmentFlag.AlignCenter)
    assert m.data(title, Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeading)
    assert m.data(title, ID_ROLE) == m.id_at(0) == activity_ids(demo_ctx.db, ActivityFilter())[0]
    assert m.data(title, Qt.ItemDataRole.DecorationRole) is None
    invalid = m.index(-1, -1)
    assert all(m.data(invalid, role) is None for role in (
        Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ToolTipRole, ID_ROLE))
    assert m.data(m.index(m.rowCount(), 1)) is None


def test_ids_are_read_for_a_shown_list_only(qtbot, db, ui_settings):
    _bulk(db, 300)
    page = ActivitiesPage(AppContext(db, ui_settings))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(page.model.is_complete, timeout=10_000)
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("meeting"))  # 200 > one page
    qtbot.waitUntil(page.model.is_counted, timeout=10_000)
    assert page.model.rowCount() == 200 and page.model.ids_pending()
    page.hide()
    page._load_remaining_ids()  # the timer of a paint just before the page was left
    assert page.model.ids_pending()
    page.show()  # painted again: read a moment later
    qtbot.waitUntil(page.model.is_complete, timeout=10_000)
    assert [page.model.id_at(r) for r in range(200)] == activity_ids(
        db, ActivityFilter(kind="meeting"))


def test_an_empty_list_says_what_to_do_and_a_full_one_builds_no_empty_state(qtbot, db,
                                                                          ui_settings) -> None:
    empty = ActivitiesPage(AppContext(db, ui_settings))
    qtbot.addWidget(empty)
    empty.resize(900, 600)
    empty.show()
    qtbot.waitExposed(empty)
    assert empty.model.rowCount() == 0
    assert empty.empty_state.isVisible()
    assert "Ctrl+N" in empty.empty_state.text()
    with db.session_factory.begin() as s:
        load_demo(s)
    full = ActivitiesPage(AppContext(db, ui_settings))
    qtbot.addWidget(full)
    assert full.model.rowCount() > 0
    assert full._empty_state is None  # never needed, never built
    empty.apply_filter()  # the demo's activities arrive: the empty state goes
    assert empty.model.rowCount() > 0 and not empty.empty_state.isVisible()
