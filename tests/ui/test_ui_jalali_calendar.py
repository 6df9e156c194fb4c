"""The date field and its month grid show the stored date as persian.jalali does, 1300–1500.

Qt's own Jalali backend would fail these in 1437 and 1470 (a day off for whole years,
docs/calendar.md); the field and the grid are built on persian.jalali instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QWidget

from persian.digits import to_persian_digits
from persian.jalali import (
    MAX_INPUT_YEAR,
    MIN_INPUT_YEAR,
    days_in_month,
    format_jalali,
    from_jalali,
    to_jalali,
)
from ui.jalali_calendar import JalaliCalendarView, saturday_column
from ui.jalali_date_edit import JalaliDateEdit, format_display, parse_jalali_text

FIRST = from_jalali(MIN_INPUT_YEAR, 1, 1)
LAST = from_jalali(MAX_INPUT_YEAR, 12, days_in_month(MAX_INPUT_YEAR, 12))
# Around the years where Qt's 2820-year cycle and the official calendar part ways, plus the
# leap day the app's users meet first (1403/12/30).
EDGE_YEARS = (1403, 1404, 1436, 1437, 1438, 1469, 1470, 1471)


def _all_days() -> Iterator[dt.date]:
    day = FIRST
    while day <= LAST:
        yield day
        day += dt.timedelta(days=1)


@pytest.fixture
def edit(qtbot) -> Iterator[JalaliDateEdit]:
    holder = QWidget()
    qtbot.addWidget(holder)
    widget = JalaliDateEdit(holder)
    holder.show()
    qtbot.waitExposed(holder)
    yield widget
    del holder


def test_field_text_of_every_day_is_the_stored_date() -> None:
    for day in _all_days():
        shown = format_display(day)
        assert shown == format_jalali(day), day
        assert parse_jalali_text(shown) == day, day


def _sample_days() -> list[dt.date]:
    edges = [
        d
        for y in EDGE_YEARS
        for d in (from_jalali(y, 1, 1) + dt.timedelta(days=i) for i in range(366))
        if to_jalali(d)[0] == y
    ]
    return edges + list(_all_days())[::23]


def test_widget_and_popup_show_the_stored_day(edit: JalaliDateEdit, qtbot) -> None:
    calendar = edit.calendarWidget()
    for day in _sample_days():
        y, m, d = to_jalali(day)
        edit.setDate(day)
        assert edit.date() == day
        assert edit.text() == format_jalali(day)
        edit.showCalendar()
        assert (calendar.yearShown(), calendar.monthShown()) == (y, m)
        checked = [(cell, cell_day) for cell, cell_day in calendar.dayCells() if cell.isChecked()]
        assert len(checked) == 1
        cell, cell_day = checked[0]
        assert cell_day == day
        assert cell.text() == to_persian_digits(str(d)), day
    edit.calendarPopup().hide()


def test_every_month_grid_1300_to_1500() -> None:
    view = JalaliCalendarView()
    for y in range(MIN_INPUT_YEAR, MAX_INPUT_YEAR + 1):
        for m in range(1, 13):
            view.setCurrentPage(y, m)
            cells = view.dayCells()
            assert len(cells) == days_in_month(y, m), (y, m)
            first = from_jalali(y, m, 1)
            assert cells[0][1] == first
            assert cells[-1][1] == first + dt.timedelta(days=len(cells) - 1)
            assert cells[-1][0].text() == to_persian_digits(str(len(cells)))
            # The grid's first cell index is the weekday of the 1st, Saturday first.
            assert view._cell_dates.index(first) == saturday_column(first)
    view.deleteLater()


def test_picking_esfand_30_of_1436_stores_2058_03_20(edit: JalaliDateEdit, qtbot) -> None:
    """The day Qt calls 1437/01/01; the official calendar calls it 1436/12/30."""
    edit.setDate(dt.date(2058, 3, 10))
    edit.showCalendar()
    calendar = edit.calendarWidget()
    assert calendar.title.text() == "اسفند ۱۴۳۶"
    cell = calendar.cellFor(dt.date(2058, 3, 20))
    assert cell is not None and cell.text() == "۳۰"
    with qtbot.waitSignal(edit.dateChanged):
        qtbot.mouseClick(cell, Qt.MouseButton.LeftButton)
    assert edit.date() == dt.date(2058, 3, 20)
    assert edit.text() == "۱۴۳۶/۱۲/۳۰"


def test_1403_12_30_shown_and_1404_12_30_refused(edit: JalaliDateEdit) -> None:
    edit.setDate(dt.date(2025, 3, 20))
    assert edit.text() == "۱۴۰۳/۱۲/۳۰"
    edit.showCalendar()
    assert edit.calendarWidget().dayCells()[-1][0].text() == "۳۰"
    edit.calendarPopup().hide()
    edit.lineEdit().setText("۱۴۰۴/۱۲/۳۰")
    assert not edit.validate()
    assert edit.date() is None
    assert edit.errorText() == "اسفند ۱۴۰۴ فقط ۲۹ روز دارد؛ روز ۳۰ در آن نیست."


def _key(view: JalaliCalendarView, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    QCoreApplication.sendEvent(view, QKeyEvent(QEvent.Type.KeyPress, key, modifiers))


def test_keyboard_moves_by_what_the_reader_sees(edit: JalaliDateEdit, qtbot) -> None:
    edit.setDate(from_jalali(1436, 12, 29))
    edit.showCalendar()
    view = edit.calendarWidget()
    assert view.isRightToLeft()
    _key(view, Qt.Key.Key_Left)  # left is later in a right-to-left grid
    assert to_jalali(view.selectedDate()) == (1436, 12, 30)
    _key(view, Qt.Key.Key_Left)
    assert to_jalali(view.selectedDate()) == (1437, 1, 1)
    assert (view.yearShown(), view.monthShown()) == (1437, 1)
    _key(view, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert to_jalali(view.selectedDate()) == (1436, 1, 1)
    _key(view, Qt.Key.Key_End)
    assert to_jalali(view.selectedDate()) == (1436, 1, 31)
    _key(view, Qt.Key.Key_PageDown)  # 31 Farvardin → the last day of Ordibehesht, also 31
    assert to_jalali(view.selectedDate()) == (1436, 2, 31)
    with qtbot.waitSignal(edit.dateChanged):
        _key(view, Qt.Key.Key_Return)
    assert edit.text() == "۱۴۳۶/۰۲/۳۱"
    assert not edit.calendarPopup().isVisible()


def test_english_ui_month_grid_has_latin_digits_and_english_names(qapp) -> None:
    from ui.app_setup import install_translator

    install_translator(qapp, "en")  # the autouse fixture puts Persian back afterwards
    view = JalaliCalendarView()
    view.setSelectedDate(dt.date(2058, 3, 20))
    assert view.title.text() == "Esfand 1436"
    assert view.dayCells()[-1][0].text() == "30"
    heads = [label.text() for label in view.findChildren(QLabel) if label is not view.title]
    assert heads == ["Sa", "Su", "Mo", "Tu", "We", "Th", "Fr"]
    view.deleteLater()
