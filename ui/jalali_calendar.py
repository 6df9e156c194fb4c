"""A Jalali month grid built on persian.jalali, the app's one calendar reference.

Why not QCalendarWidget with QCalendar(Jalali): Qt's Jalali backend uses Birashk's 2820-year
cycle, which disagrees with the official (astronomical) calendar and with persian.jalali in
1437 and 1470 (docs/calendar.md): every day of those years would be shown one day off from the
stored date. Month lengths, the first weekday of a month and every cell's date therefore come
from persian.jalali here, so the grid always shows what the lists, reports and CLI show.

Saturday is the first column and Friday, the Iranian weekend, is red. The grid follows the
layout direction: in the right-to-left app Saturday is the rightmost column, as on printed
Iranian calendars.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from persian.digits import latin_for_people, people_digits
from persian.jalali import (
    MAX_INPUT_YEAR,
    MIN_INPUT_YEAR,
    WEEKDAY_NAMES,
    days_in_month,
    format_jalali_long,
    from_jalali,
    month_names,
    to_jalali,
)

WEEKEND_COLOR = QColor("#c62828")
WEEKEND_STYLE = f"color: {WEEKEND_COLOR.name()};"
_ROWS = 6  # a 31-day month starting on a Friday spans six weeks
# The English UI's column heads, Saturday first like WEEKDAY_NAMES.
_ENGLISH_WEEKDAYS = ("Saturday", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
_FIRST = from_jalali(MIN_INPUT_YEAR, 1, 1)
_LAST = from_jalali(MAX_INPUT_YEAR, 12, days_in_month(MAX_INPUT_YEAR, 12))


def saturday_column(day: dt.date) -> int:
    """Column of ``day`` in a Saturday-first week (Saturday 0 … Friday 6)."""
    return (day.weekday() + 2) % 7  # Python: Monday 0 … Saturday 5


def _clamp(day: dt.date) -> dt.date:
    return min(max(day, _FIRST), _LAST)


class JalaliCalendarView(QWidget):
    """One Jalali month: navigation, seven weekday headers and up to 31 day buttons.

    ``clicked`` and ``activated`` carry a ``datetime.date`` (Gregorian, as stored).
    Keys: arrows move the selection a day or a week, Page Up/Down a month (with Ctrl a year),
    Home/End to the month's first/last day, Enter or Space picks the selected day.
    """

    clicked = Signal(object)
    activated = Signal(object)
    currentPageChanged = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("jalaliCalendar")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._selected = _clamp(dt.date.today())
        self._year, self._month, _ = to_jalali(self._selected)

        self.title = QLabel(self)
        self.title.setObjectName("jalaliCalendarTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        # In a right-to-left window "earlier" is on the right, so the arrows point outwards.
        rtl = self.isRightToLeft()
        back, forward = (
            (Qt.ArrowType.RightArrow, Qt.ArrowType.LeftArrow)
            if rtl
            else (Qt.ArrowType.LeftArrow, Qt.ArrowType.RightArrow)
        )
        self.previous_button = self._nav_button(
            "jalaliPreviousMonth", back, self.tr("Previous month")
        )
        self.next_button = self._nav_button("jalaliNextMonth", forward, self.tr("Next month"))
        self.previous_button.clicked.connect(lambda: self._step_month(-1))
        self.next_button.clicked.connect(lambda: self._step_month(1))
        header = QHBoxLayout()
        header.addWidget(self.previous_button)
        header.addWidget(self.title, 1)
        header.addWidget(self.next_button)

        grid = QGridLayout()
        grid.setSpacing(1)
        # ش ی د س چ پ ج, as on printed Iranian calendars; Sa Su Mo … in the English UI, which
        # also has Latin digits and English month names (persian.digits.latin_for_people).
        names = _ENGLISH_WEEKDAYS if latin_for_people() else WEEKDAY_NAMES
        for column, name in enumerate(names):
            label = QLabel(name[:2] if latin_for_people() else name[0], self)
            label.setToolTip(name)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            if column == 6:
                label.setStyleSheet(WEEKEND_STYLE)
            grid.addWidget(label, 0, column)
        self._cells: list[QToolButton] = []
        for index in range(_ROWS * 7):
            cell = QToolButton(self)
            cell.setObjectName("jalaliDay")
            cell.setCheckable(True)
            cell.setAutoRaise(True)
            cell.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the view has the keyboard
            cell.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
            cell.setMinimumSize(QSize(30, 24))
            cell.clicked.connect(lambda _checked=False, i=index: self._on_cell_clicked(i))
            grid.addWidget(cell, 1 + index // 7, index % 7)
            self._cells.append(cell)
        self._cell_dates: list[dt.date | None] = [None] * len(self._cells)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addLayout(grid)
        self._fill()

    # -- public API -------------------------------------------------------------------------
    def selectedDate(self) -> dt.date:
        return self._selected

    def setSelectedDate(self, day: dt.date) -> None:
        """Select ``day`` and show its month (dates outside 1300–1500 are clamped to it)."""
        self._selected = _clamp(day)
        year, month, _ = to_jalali(self._selected)
        self.setCurrentPage(year, month)

    def yearShown(self) -> int:
        return self._year

    def monthShown(self) -> int:
        return self._month

    def setCurrentPage(self, year: int, month: int) -> None:
        year = min(max(year, MIN_INPUT_YEAR), MAX_INPUT_YEAR)
        changed = (year, month) != (self._year, self._month)
        self._year, self._month = year, month
        self._fill()
        if changed:
            self.currentPageChanged.emit(year, month)

    def dayCells(self) -> list[tuple[QToolButton, dt.date]]:
        """The shown month's buttons with the stored date each stands for, in day order."""
        return [(c, d) for c, d in zip(self._cells, self._cell_dates, strict=True) if d is not None]

    def cellFor(self, day: dt.date) -> QToolButton | None:
        for cell, cell_day in self.dayCells():
            if cell_day == day:
                return cell
        return None

    # -- internals --------------------------------------------------------------------------
    def _nav_button(self, name: str, arrow: Qt.ArrowType, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setArrowType(arrow)
        button.setAutoRaise(True)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    def _fill(self) -> None:
        year, month = self._year, self._month
        self.title.setText(f"{month_names()[month - 1]} {people_digits(str(year))}")
        first = from_jalali(year, month, 1)
        offset = saturday_column(first)
        length = days_in_month(year, month)
        today = dt.date.today()
        for index, cell in enumerate(self._cells):
            number = index - offset + 1
            if not 1 <= number <= length:
                self._cell_dates[index] = None
                cell.setText("")
                cell.setToolTip("")
                cell.setChecked(False)
                cell.setEnabled(False)
                continue
            day = first + dt.timedelta(days=number - 1)
            self._cell_dates[index] = day
            cell.setEnabled(True)
            cell.setText(people_digits(str(number)))
            cell.setToolTip(format_jalali_long(day))
            cell.setChecked(day == self._selected)
            font = QFont(cell.font())
            font.setBold(day == today)
            cell.setFont(font)
            cell.setStyleSheet(WEEKEND_STYLE if index % 7 == 6 else "")
        self.previous_button.setEnabled((year, month) > (MIN_INPUT_YEAR, 1))
        self.next_button.setEnabled((year, month) < (MAX_INPUT_YEAR, 12))

    def _step_month(self, step: int) -> None:
        index = self._year * 12 + self._month - 1 + step
        self.setCurrentPage(index // 12, index % 12 + 1)

    def _on_cell_clicked(self, index: int) -> None:
        day = self._cell_dates[index]
        if day is None:
            return
        self._selected = day
        self._fill()
        self.clicked.emit(day)

    def _shift_months(self, months: int) -> dt.date:
        year, month, day = to_jalali(self._selected)
        index = year * 12 + month - 1 + months
        year, month = index // 12, index % 12 + 1
        year = min(max(year, MIN_INPUT_YEAR), MAX_INPUT_YEAR)
        return from_jalali(year, month, min(day, days_in_month(year, month)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        # Arrow keys follow what the reader sees: in a right-to-left grid "left" is later.
        sign = -1 if self.isRightToLeft() else 1
        year, month, day = to_jalali(self._selected)
        steps = {
            Qt.Key.Key_Left: -sign,
            Qt.Key.Key_Right: sign,
            Qt.Key.Key_Up: -7,
            Qt.Key.Key_Down: 7,
        }
        if key in steps:
            self.setSelectedDate(_clamp(self._selected + dt.timedelta(days=steps[key])))
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            months = 12 if event.modifiers() & Qt.KeyboardModifier.ControlModifier else 1
            self.setSelectedDate(
                self._shift_months(-months if key == Qt.Key.Key_PageUp else months)
            )
        elif key == Qt.Key.Key_Home:
            self.setSelectedDate(from_jalali(year, month, 1))
        elif key == Qt.Key.Key_End:
            self.setSelectedDate(from_jalali(year, month, days_in_month(year, month)))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self._selected)
        else:
            super().keyPressEvent(event)
