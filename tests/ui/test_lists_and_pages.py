"""Issue 11 items 1–4: one column rule for every list, a heading and a shortcut on every page,
empty states that say what to do, and one default year on every page."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QToolTip

from services import records
from services.periods import default_year
from ui.context import AppContext
from ui.pages.registry import NUMBER_ROW, page_infos
from ui.record_table import Column, RecordTable
from ui.table_columns import elided_text, header_width

LONG = "تصویب و اجرای طرح مشترک خرید مواد اولیه برای همه بنگاه‌های عضو خوشه با تسهیلات بانکی " * 2


def _rows(n: int = 6) -> list[SimpleNamespace]:
    return [SimpleNamespace(id=str(i), when=dt.date(2025, 3, 21 + i), text=f"{LONG} {i}",
                            owner="شرکت تعاونی مسقطی‌سازان لار و حومه", status="در جریان",
                            meeting_date=dt.date(2025, 1, 1)) for i in range(n)]


def _table(ctx: AppContext, qtbot, rows=None) -> RecordTable:
    from persian.jalali import format_jalali

    columns = [
        Column("ردیف", lambda r: r.id, lambda r: r.id),
        Column("مصوبه", lambda r: r.text, lambda r: r.text, stretch=True),
        Column("مسئول پیگیری", lambda r: r.owner, lambda r: r.owner),
        Column("مهلت", lambda r: r.when, lambda r: format_jalali(r.when)),
        Column("وضعیت", lambda r: r.status, lambda r: r.status),
        Column("تاریخ جلسه", lambda r: r.meeting_date, lambda r: format_jalali(r.meeting_date)),
        Column("اقدامات مشترک انجام‌شده", lambda r: 3, lambda r: "۳"),
    ]
    rows = _rows() if rows is None else rows
    table = RecordTable(ctx, columns, lambda: rows)
    qtbot.addWidget(table)
    table.resize(1000, 400)
    table.show()
    qtbot.waitExposed(table)
    table.refresh()
    return table


def _widths(table: RecordTable) -> list[int]:
    header = table.view.horizontalHeader()
    return [header.sectionSize(i) for i in range(header.count())]


# -- 1. columns --------------------------------------------------------------------------------
def test_the_main_text_takes_the_room_and_every_header_is_whole(qtbot, db, ui_settings):
    table = _table(AppContext(db, ui_settings), qtbot)
    widths = _widths(table)
    main = widths[1]
    others = widths[:1] + widths[2:]
    assert main >= max(others), widths
    assert main >= (table.view.viewport().width()) / len(widths)
    for column in range(len(widths)):
        text = table.model.headerData(column, Qt.Orientation.Horizontal)
        longest = max(table.view.horizontalHeader().fontMetrics().horizontalAdvance(part)
                      for part in str(text).split("\n"))
        assert widths[column] >= longest, (text, widths[column])
        assert widths[column] >= header_width(table.view, column) or column == 1
    # The table fits its width: nothing pushed out of sight to the side.
    assert sum(widths) <= table.view.viewport().width() + 2


def test_a_cut_cell_shows_its_whole_text_in_a_tooltip(qtbot, db, ui_settings):
    table = _table(AppContext(db, ui_settings), qtbot)
    index = table.proxy.index(0, 1)
    assert elided_text(table.view, index) == f"{LONG} 0"
    short = table.proxy.index(0, 0)
    assert elided_text(table.view, short) is None
    # And the tooltip really appears when the mouse rests on the cell.
    rect = table.view.visualRect(index)
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent

    pos = rect.center()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, table.view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(table.view.viewport(), event)
    assert QToolTip.text() == f"{LONG} 0"
    QToolTip.hideText()


def test_widths_the_user_dragged_win_and_a_window_resize_is_not_remembered(
        qtbot, db, ui_settings):
    ctx = AppContext(db, ui_settings)
    table = _table(ctx, qtbot)
    table.resize(1200, 400)
    qtbot.wait(20)
    assert ui_settings.column_widths(table.table_key) == []  # only the main column moved
    table.view.horizontalHeader().resizeSection(2, 77)  # the user drags a border
    saved = ui_settings.column_widths(table.table_key)
    assert saved and saved[2] == 77
    again = _table(ctx, qtbot)
    assert _widths(again)[2] == 77
    assert [w for i, w in enumerate(_widths(again)) if i != 1] == \
        [w for i, w in enumerate(saved) if i != 1]


def _shown_followup(qtbot, ctx: AppContext):  # noqa: ANN202 - FollowupPage
    """The follow-up page shown at a laptop's size, its list filled."""
    from ui.pages.followup import FollowupPage

    page = FollowupPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    page.table.refresh()
    return page


def test_followup_page_gives_the_resolution_text_the_room(qtbot, demo_ctx):
    page = _shown_followup(qtbot, demo_ctx)
    widths = _widths(page.table)
    main = widths[1]
    others = widths[:1] + widths[2:]
    assert main >= sum(others) / len(others) * 1.5, widths


def test_hiding_a_column_is_not_taken_for_the_users_widths(qtbot, demo_ctx):
    """The follow-up list hides its cluster column when one cluster is chosen: that resize
    (to 0 and back) once saved Qt's default 100 px for every column as the user's choice, and
    from then on the resolution text was cut to a sliver beside a wide meeting date."""
    page = _shown_followup(qtbot, demo_ctx)
    view = page.table.view
    view.setColumnHidden(8, False)
    view.setColumnHidden(8, True)
    assert demo_ctx.settings.column_widths(page.table.table_key) == []

    again = _shown_followup(qtbot, demo_ctx)  # the page as the app opens it next time
    widths = _widths(again.table)
    shown = [w for i, w in enumerate(widths) if not again.table.view.isColumnHidden(i)]
    assert widths[1] >= 1.5 * sum(shown) / len(shown), widths


# -- 2. headings and shortcuts ----------------------------------------------------------------
def _is_heading(label: QLabel) -> bool:
    app_size = QApplication.font().pointSize()
    return label.font().bold() and label.font().pointSize() >= app_size + 3 and bool(label.text())


@pytest.mark.parametrize("info", page_infos(), ids=lambda i: i.key)
def test_every_page_has_its_heading(qtbot, demo_ctx, info):
    page = info.create(demo_ctx)
    qtbot.addWidget(page)
    headings = [label for label in page.findChildren(QLabel) if _is_heading(label)]
    assert headings, f"{info.key} has no heading"


READ_ONLY_LISTS = {"action_plan": ("planTable",), "backups": ("backupsTable",),
                   "dashboard": ("upcomingTable",),
                   "exchange": ("exchangeCounts", "exchangeConflicts"),
                   "followup": ("recordTable",), "directory": ("recordTable",)}


@pytest.mark.parametrize("key", READ_ONLY_LISTS)
def test_read_only_lists_pick_whole_rows_edit_nothing_and_number_nothing(qtbot, demo_ctx, key):
    from PySide6.QtWidgets import QAbstractItemView, QTableView

    from ui.page_parts import read_only_rows

    page = next(info for info in page_infos() if info.key == key).create(demo_ctx)
    qtbot.addWidget(page)
    tables = [t for t in page.findChildren(QTableView) if t.objectName() in READ_ONLY_LISTS[key]]
    assert {t.objectName() for t in tables} == set(READ_ONLY_LISTS[key])
    for table in tables:
        assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
        assert table.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
        assert table.verticalHeader().isHidden()
    # How many rows may be picked stays each list's own (a record table picks one).
    single = QAbstractItemView.SelectionMode.SingleSelection
    assert (tables[0].selectionMode() == single) == (key in ("action_plan", "followup",
                                                             "directory"))
    plain = QTableView()
    qtbot.addWidget(plain)
    read_only_rows(plain)
    assert plain.selectionMode() == QAbstractItemView.SelectionMode.ExtendedSelection


def test_every_page_has_a_ctrl_number_shortcut_in_menu_order(qtbot, ui_settings):
    from PySide6.QtGui import QKeySequence

    from ui.launcher import build_shell

    infos = page_infos()
    assert [info.shortcut[0] for info in infos] == [f"Ctrl+{k}" for k in NUMBER_ROW[:len(infos)]]
    window = build_shell(ui_settings)
    qtbot.addWidget(window)
    for i, info in enumerate(infos):
        action = window.findChild(type(window.search_action), f"page_{info.key}")
        assert action.shortcut() == QKeySequence(f"Ctrl+{NUMBER_ROW[i]}"), info.key
    activities = window.findChild(type(window.search_action), "page_activities")
    assert activities.shortcut().toString() == "Ctrl+3"


# -- 3. empty states ---------------------------------------------------------------------------
def test_empty_lists_say_what_to_do(qtbot, db, ui_settings, tmp_path):
    from ui.pages.backups import BackupsPage
    from ui.pages.trash import TrashPage

    ctx = AppContext(db, ui_settings)
    trash = TrashPage(ctx)
    qtbot.addWidget(trash)
    trash.show()
    trash.table.refresh()
    assert trash.table.empty_state.isVisible()
    assert "restore" in trash.table.empty_state.text() or "بازیابی" in trash.table.empty_state.text()

    backups = BackupsPage(ctx)
    qtbot.addWidget(backups)
    backups.show()
    backups.show_backups([])
    state = backups.empty_state
    assert state.isVisible() and state.button is not None and state.button.isVisible()
    assert backups.backup_button.text() in state.text() or "«" in state.text() or "“" in state.text()


def test_report_preview_and_an_idle_cluster_say_what_to_do(qtbot, demo_ctx):
    from ui.pages.dashboard import DashboardPage
    from ui.pages.reports import ReportsPage

    reports = ReportsPage(demo_ctx)
    qtbot.addWidget(reports)
    reports.show()
    qtbot.waitExposed(reports)
    assert reports.preview_empty.isVisible()
    assert reports.preview_empty.button is not None

    idle = records.create(demo_ctx.db, "cluster", {"name": "خوشه بی‌فعالیت", "province": "فارس"})
    demo_ctx.set_cluster_id(idle.id)
    dashboard = DashboardPage(demo_ctx)
    qtbot.addWidget(dashboard)
    dashboard.show()
    qtbot.waitExposed(dashboard)
    assert dashboard.cluster_combo.cluster_id() == idle.id
    assert dashboard.chart_empty.isVisible()
    assert dashboard.chart_empty.button is not None and dashboard.chart_empty.button.isVisible()


# -- 4. one default year -----------------------------------------------------------------------
def test_default_year_is_this_year_or_the_latest_with_records(db):
    from persian.jalali import from_jalali

    assert default_year(db, as_of=from_jalali(1405, 9, 1)).year == 1405  # nothing recorded
    from models.entities import Activity

    cluster = records.create(db, "cluster", {"name": "خوشه آزمون"})
    with db.session_factory.begin() as s:
        s.add(Activity(kind="meeting", cluster_id=cluster.id, title="جلسه",
                       start_date=from_jalali(1403, 5, 1), status="done"))
        s.add(Activity(kind="meeting", cluster_id=cluster.id, title="جلسه دوم",
                       start_date=from_jalali(1404, 2, 1), status="done"))
        # A cancelled one in the current year does not count as work done in it.
        s.add(Activity(kind="meeting", cluster_id=cluster.id, title="لغو شده",
                       start_date=from_jalali(1405, 3, 1), status="cancelled"))
    opening = default_year(db, cluster.id, as_of=from_jalali(1405, 9, 1))
    assert (opening.year, opening.current, opening.is_current) == (1404, 1405, False)
    with db.session_factory.begin() as s:
        s.add(Activity(kind="meeting", cluster_id=cluster.id, title="جلسه سوم",
                       start_date=from_jalali(1405, 1, 20), status="done"))
    assert default_year(db, cluster.id, as_of=from_jalali(1405, 9, 1)).year == 1405


def test_dashboard_and_reports_open_on_the_same_year_and_say_why(qtbot, demo_ctx):
    from ui.pages.dashboard import DashboardPage
    from ui.pages.reports import ReportsPage

    expected = default_year(demo_ctx.db, demo_ctx.cluster_id)
    dashboard = DashboardPage(demo_ctx)
    reports = ReportsPage(demo_ctx)
    qtbot.addWidget(dashboard)
    qtbot.addWidget(reports)
    assert dashboard.year_combo.currentData() == expected.year
    assert reports.year.currentData() == expected.year
    if not expected.is_current:
        from persian.digits import to_persian_digits

        for note in (dashboard.year_note, reports.year_note):
            assert to_persian_digits(str(expected.year)) in note.text()
            assert to_persian_digits(str(expected.current)) in note.text()


# -- 5. Latin runs inside Persian --------------------------------------------------------------
def test_phones_emails_and_codes_in_lists_read_left_to_right():
    from persian.bidi import LRI, PDI
    from ui.record_table import format_value

    assert format_value("09121234567", "phone") == LRI + "۰۹۱۲۱۲۳۴۵۶۷" + PDI
    assert format_value("info@maskati.ir", "email") == LRI + "info@maskati.ir" + PDI
    assert format_value("0123456789", "national_id") == LRI + "۰۱۲۳۴۵۶۷۸۹" + PDI
    assert format_value("حلوای مسقطی", "text") == "حلوای مسقطی"
