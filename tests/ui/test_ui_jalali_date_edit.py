"""JalaliDateEdit driven like a user: typing in any digits, reading order, the calendar popup."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QFont, QKeyEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import QWidget

from ui.jalali_calendar import JalaliCalendarView
from ui.jalali_date_edit import RLM, WEEKEND_COLOR, JalaliDateEdit, format_display

PERSIAN_LETTERS = re.compile(r"[\u0600-\u06ff]")


@pytest.fixture
def edit(qtbot) -> Iterator[JalaliDateEdit]:
    holder = QWidget()  # a window, so the field can have focus and show its error label
    qtbot.addWidget(holder)  # pytest-qt only keeps a weak reference: hold it until teardown
    widget = JalaliDateEdit(holder)
    holder.show()
    qtbot.waitExposed(holder)
    widget.setFocus()
    yield widget
    del holder


def _visual_x(text: str, index: int) -> float:
    """x of the caret before ``index`` when ``text`` is laid out in a right-to-left paragraph."""
    layout = QTextLayout(text, QFont("Vazirmatn", 10))
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1000)
    layout.endLayout()
    return line.cursorToX(index)[0]


def test_shows_jalali_with_persian_digits(edit: JalaliDateEdit) -> None:
    day = dt.date(2025, 12, 27)
    assert day.weekday() == 5  # Saturday: the first day of the Iranian week
    edit.setDate(day)
    assert edit.text() == "۱۴۰۴/۱۰/۰۶"
    assert edit.date() == day
    assert edit.isValid()
    assert edit.lineEdit().text() == "۱۴۰۴/۱۰/۰۶"
    assert RLM not in edit.lineEdit().text()


def test_date_reads_like_persian_text_year_on_the_visual_left() -> None:
    """As in letters, lists and the reports: one number, year first on the left."""
    shown = format_display(dt.date(2025, 12, 27))
    day_index = shown.rindex("۰۶")
    assert _visual_x(shown, 0) < _visual_x(shown, day_index)


def test_typing_latin_digits(edit: JalaliDateEdit, type_text, qtbot) -> None:
    with qtbot.waitSignal(edit.dateChanged) as blocker:
        type_text(edit.lineEdit(), "1404/10/06")
    assert blocker.args == [dt.date(2025, 12, 27)]
    assert edit.date() == dt.date(2025, 12, 27)
    assert edit.text() == "۱۴۰۴/۱۰/۰۶"  # shown in Persian digits while typing


@pytest.mark.parametrize(
    "typed",
    ["۱۴۰۳/۱۲/۳۰", "١٤٠٣/١٢/٣٠", "1403-12-30", "۱۴۰۳.۱۲.۳۰", "1403/12/30"],
)
def test_leap_esfand_30_is_valid_in_any_digits(edit: JalaliDateEdit, type_text, typed) -> None:
    type_text(edit.lineEdit(), typed)
    assert edit.isValid(), edit.errorText()
    assert edit.date() == dt.date(2025, 3, 20)
    edit.validate()
    assert edit.text() == "۱۴۰۳/۱۲/۳۰"


def test_impossible_date_gets_a_persian_message(edit: JalaliDateEdit, type_text, qtbot) -> None:
    type_text(edit.lineEdit(), "۱۴۰۴/۱۲/۳۰")
    assert not edit.isValid()
    assert edit.date() is None
    message = edit.errorText()
    assert PERSIAN_LETTERS.search(message)
    assert "اسفند" in message and "۲۹" in message
    error_label = edit.findChild(QWidget, "jalaliDateError")
    assert not error_label.isVisible()  # not while the user is still typing
    edit.lineEdit().editingFinished.emit()  # what leaving the field or pressing Enter does
    assert error_label.isVisible()
    assert error_label.text() == message
    # Correcting the day (backspace leaves ۱۴۰۴/۱۲/۳, the 3rd of Esfand) clears the error.
    edit.lineEdit().end(False)
    backspace = QKeyEvent(
        QEvent.Type.KeyPress, Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier
    )
    QCoreApplication.sendEvent(edit.lineEdit(), backspace)
    assert edit.isValid()
    assert edit.date() == dt.date(2026, 2, 22)
    assert not error_label.isVisible()


@pytest.mark.parametrize(
    ("typed", "needle"),
    [("1404/13/01", "ماه"), ("1404", "سال/ماه/روز"), ("04/10/06", "چهاررقمی")],
)
def test_other_bad_input(edit: JalaliDateEdit, type_text, typed, needle) -> None:
    type_text(edit.lineEdit(), typed)
    assert not edit.validate()
    assert needle in edit.errorText()


def test_empty_and_required(edit: JalaliDateEdit, qtbot) -> None:
    edit.setDate(dt.date(2025, 12, 27))
    with qtbot.waitSignal(edit.dateChanged) as blocker:
        edit.clear()
    assert blocker.args == [None]
    assert edit.date() is None and edit.isValid()
    required = JalaliDateEdit(allow_empty=False)
    qtbot.addWidget(required)
    assert not required.isValid()
    assert required.errorText() == "تاریخ را وارد کنید."
    required.setDate(dt.date(2025, 1, 1))
    assert required.isValid()


def test_calendar_popup_is_jalali_with_friday_weekend(edit: JalaliDateEdit, qtbot) -> None:
    edit.setDate(dt.date(2025, 12, 27))
    edit.showCalendar()
    popup = edit.calendarPopup()
    qtbot.waitUntil(popup.isVisible)
    calendar = edit.calendarWidget()
    assert isinstance(calendar, JalaliCalendarView)
    assert (calendar.yearShown(), calendar.monthShown()) == (1404, 10)
    assert calendar.title.text() == "دی ۱۴۰۴"
    cells = calendar.dayCells()
    assert [cell.text() for cell, _ in cells][:3] == ["۱", "۲", "۳"]
    # 1 Dey 1404 is a Monday: the third column of a Saturday-first week.
    first_cell, first_day = cells[0]
    assert first_day == dt.date(2025, 12, 22)
    grid = first_cell.parentWidget().layout().itemAt(1).layout()
    assert grid.getItemPosition(grid.indexOf(first_cell))[1] == 2
    # Fridays (the seventh column) are red, Saturdays and Sundays are not.
    for cell, day in cells:
        is_red = WEEKEND_COLOR.name() in cell.styleSheet()
        assert is_red == (day.weekday() == 4), day
    assert [cell for cell, _ in cells if cell.isChecked()] == [calendar.cellFor(edit.date())]

    # Picking a day in the popup sets it and closes the popup.
    with qtbot.waitSignal(edit.dateChanged):
        qtbot.mouseClick(calendar.cellFor(dt.date(2026, 1, 2)), Qt.MouseButton.LeftButton)
    assert edit.date() == dt.date(2026, 1, 2)
    assert edit.text() == "۱۴۰۴/۱۰/۱۲"
    assert not popup.isVisible()


def test_alt_down_opens_the_calendar(edit: JalaliDateEdit, qtbot) -> None:
    event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    QCoreApplication.sendEvent(edit.lineEdit(), event)
    qtbot.waitUntil(edit.calendarPopup().isVisible)
    edit.calendarPopup().hide()
