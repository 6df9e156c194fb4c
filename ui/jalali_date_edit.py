"""A Jalali date field: Persian digits, any-digit typing, a Friday-weekend calendar popup.

Why not QDateEdit: its sections are tied to one display format, it cannot be empty, it only
accepts the digits of its locale, and its popup marks Saturday/Sunday as the weekend (DESIGN §4).

Reading order: ``۱۴۰۴/۱۰/۰۶`` is typed and stored in logical order year/month/day, and shown the
way Persian text shows dates everywhere (letters, lists, reports, this app's tables): the bidi
algorithm keeps digits and slashes together as one number, so the year sits on the visual left.
That is what QDateEdit gets wrong in a right-to-left window (it mirrors its sections and puts
the year on the right, DESIGN §4). Bidi marks pasted in are ignored.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import (
    QCalendar,
    QCoreApplication,
    QEvent,
    QLocale,
    QObject,
    QPoint,
    QRegularExpression,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QGuiApplication,
    QKeyEvent,
    QRegularExpressionValidator,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from persian import jalali
from persian.bidi import BIDI_CONTROL_CHARS as _BIDI_MARKS
from persian.digits import people_digits, to_latin_digits
from ui.jalali_calendar import WEEKEND_COLOR, JalaliCalendarView

RLM = "\u200f"
_STRIP_BIDI = str.maketrans("", "", _BIDI_MARKS)
# What a user may type as a separator: '/', '-', '.', the Arabic decimal separator the Persian
# keyboard produces next to the digits, and spaces.
_SEPARATOR_CHARS = "/-.\u066b "
_SPLIT_RE = re.compile(r"[/\-.\u066b\s]+")

# A typo guard shared with the command line: Khooshe records programme activities, not history.
MIN_YEAR = jalali.MIN_INPUT_YEAR
MAX_YEAR = jalali.MAX_INPUT_YEAR

# Only for the localized month name in messages. Leap years, month lengths and conversion come
# from persian.jalali: Qt's Jalali backend (Birashk's 2820-year cycle) puts 1437 and 1470 a day
# off the official calendar that persian.jalali follows (docs/calendar.md).
_QT_JALALI_NAMES = QCalendar(QCalendar.System.Jalali)


class JalaliDateError(ValueError):
    """A date the user typed that cannot be read; ``message`` is for the user (translated)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def strip_bidi(text: str) -> str:
    return text.translate(_STRIP_BIDI)


def format_display(value: dt.date) -> str:
    """'۱۴۰۴/۱۰/۰۶': Persian digits in logical order (see the module docstring)."""
    return jalali.format_jalali(value)


def parse_jalali_text(text: str) -> dt.date:
    """Read y/m/d typed with Persian, Arabic-Indic or Latin digits; raise JalaliDateError."""
    clean = to_latin_digits(strip_bidi(text)).strip()
    parts = [p for p in _SPLIT_RE.split(clean) if p]
    if len(parts) != 3 or not all(p.isascii() and p.isdigit() for p in parts):
        raise JalaliDateError(
            QCoreApplication.translate(
                "JalaliDateEdit", "Write the date as year/month/day, for example 1404/10/06."
            )
        )
    if len(parts[0]) != 4:
        raise JalaliDateError(
            QCoreApplication.translate(
                "JalaliDateEdit", "Write the year with four digits, for example 1404."
            )
        )
    year, month, day = (int(p) for p in parts)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise JalaliDateError(
            QCoreApplication.translate(
                "JalaliDateEdit", "The year must be between {first} and {last}."
            ).format(first=people_digits(str(MIN_YEAR)), last=people_digits(str(MAX_YEAR)))
        )
    if not 1 <= month <= 12:
        raise JalaliDateError(
            QCoreApplication.translate("JalaliDateEdit", "The month must be between 1 and 12.")
        )
    days = jalali.days_in_month(year, month)
    if not 1 <= day <= days:
        raise JalaliDateError(
            QCoreApplication.translate(
                "JalaliDateEdit", "{month} {year} has {days} days; there is no day {day}."
            ).format(
                month=_QT_JALALI_NAMES.monthName(QLocale(), month),
                year=people_digits(str(year)),
                days=people_digits(str(days)),
                day=people_digits(str(day)),
            )
        )
    return jalali.from_jalali(year, month, day)


def _normalize_typing(text: str, cursor: int) -> tuple[str, int]:
    """Persian digits and '/' separators, keeping the caret after the same character."""
    significant = [c for c in text[:cursor] if c not in _BIDI_MARKS]
    keep_before = len(significant)
    out: list[str] = []
    new_cursor = 0
    count = 0
    for ch in text:
        if ch in _BIDI_MARKS:
            continue
        mapped = "/" if ch in _SEPARATOR_CHARS else people_digits(ch)
        out.append(mapped)
        count += 1
        if count == keep_before:
            new_cursor = len("".join(out))
    return "".join(out), new_cursor


class _CalendarPopup(QFrame):
    """The popup: a Jalali month grid (persian.jalali's calendar) plus Today/Clear buttons."""

    picked = Signal(object)  # datetime.date
    clearRequested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = JalaliCalendarView(self)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)

        self.today_button = QPushButton(QCoreApplication.translate("JalaliDateEdit", "Today"), self)
        self.today_button.clicked.connect(lambda: self._pick(dt.date.today()))
        self.clear_button = QPushButton(
            QCoreApplication.translate("JalaliDateEdit", "No date"), self
        )
        self.clear_button.clicked.connect(self._clear)

        buttons = QHBoxLayout()
        buttons.addWidget(self.today_button)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.calendar)
        layout.addLayout(buttons)

    def _pick(self, day: dt.date) -> None:
        self.hide()
        self.picked.emit(day)

    def _clear(self) -> None:
        self.hide()
        self.clearRequested.emit()


class JalaliDateEdit(QWidget):
    """A date field that shows and accepts Jalali dates; stores Gregorian ``datetime.date``.

    Empty is a valid value unless ``allow_empty`` is False.  Errors are shown in red under the
    field once the user leaves it (or when ``validate()`` is called), and are always readable
    via ``errorText()`` so a form can refuse to save.
    """

    dateChanged = Signal(object)  # datetime.date | None, whenever date() changes
    validityChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None, *, allow_empty: bool = True) -> None:
        super().__init__(parent)
        self._allow_empty = allow_empty
        self._value: dt.date | None = None
        self._error = ""
        self._valid = True
        self._popup: _CalendarPopup | None = None

        self._line = QLineEdit(self)
        self._line.setObjectName("jalaliDateLine")
        self._line.setPlaceholderText(self.tr("year/month/day"))
        self._line.setClearButtonEnabled(allow_empty)
        self._line.setValidator(
            QRegularExpressionValidator(
                QRegularExpression(
                    f"[0-9\u06f0-\u06f9\u0660-\u0669{re.escape(_SEPARATOR_CHARS)}"
                    f"{_BIDI_MARKS}]{{0,16}}"
                ),
                self._line,
            )
        )
        # Wide enough for '۱۴۰۴/۱۰/۰۶' plus the clear button, but no wider: a date stretched
        # across a whole form row reads like a free-text field.
        self._line.setFixedWidth(self._line.fontMetrics().horizontalAdvance("۱۴۰۴/۱۰/۰۶") + 60)
        self._line.textEdited.connect(self._on_text_edited)
        self._line.editingFinished.connect(self.validate)
        self._line.installEventFilter(self)

        self._button = QToolButton(self)
        self._button.setObjectName("jalaliCalendarButton")
        self._button.setArrowType(Qt.ArrowType.DownArrow)
        self._button.setToolTip(self.tr("Choose from the calendar (Alt+Down)"))
        self._button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._button.clicked.connect(self.showCalendar)

        self._error_label = QLabel(self)
        self._error_label.setObjectName("jalaliDateError")
        self._error_label.setWordWrap(True)
        self._error_label.setStyleSheet(f"color: {WEEKEND_COLOR.name()};")
        self._error_label.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self._line)
        row.addWidget(self._button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self._error_label)
        self.setFocusProxy(self._line)
        if not allow_empty:
            self._set_state(None, self.tr("Enter a date."), show_error=False)

    # -- public API -------------------------------------------------------------------------
    def date(self) -> dt.date | None:
        """The date shown, or None when the field is empty or holds an unreadable date."""
        return self._value

    def setDate(self, value: dt.date | None) -> None:
        if value is None:
            self._line.setText("")
        else:
            if isinstance(value, dt.datetime):
                value = value.date()
            self._line.setText(format_display(value))
        self._reparse(show_error=True)

    def clear(self) -> None:
        self.setDate(None)

    def text(self) -> str:
        """The text as typed, without the invisible display marks (e.g. '۱۴۰۴/۱۰/۰۶')."""
        return strip_bidi(self._line.text())

    def isValid(self) -> bool:
        return self._valid

    def errorText(self) -> str:
        """The Persian reason the current text is not a usable date; '' when it is."""
        return self._error

    def validate(self) -> bool:
        """Re-read the text, reformat a good date, show the error of a bad one."""
        self._reparse(show_error=True)
        if self._valid and self._value is not None:
            formatted = format_display(self._value)
        else:
            # Even a wrong date keeps the display form: digits-only text without the marks
            # would turn left-to-right and jump to the other edge of the field.
            formatted = _normalize_typing(self._line.text(), 0)[0]
        if self._line.text() != formatted:
            self._line.setText(formatted)
        return self._valid

    def allowEmpty(self) -> bool:
        return self._allow_empty

    def setAllowEmpty(self, allow: bool) -> None:
        self._allow_empty = allow
        self._line.setClearButtonEnabled(allow)
        self._reparse(show_error=False)

    def setReadOnly(self, read_only: bool) -> None:
        self._line.setReadOnly(read_only)
        self._button.setEnabled(not read_only)

    def lineEdit(self) -> QLineEdit:
        return self._line

    def calendarWidget(self) -> JalaliCalendarView:
        return self._ensure_popup().calendar

    def calendarPopup(self) -> QFrame:
        return self._ensure_popup()

    def showCalendar(self) -> None:
        if self._line.isReadOnly():
            return
        popup = self._ensure_popup()
        popup.calendar.setSelectedDate(self._value or dt.date.today())
        popup.clear_button.setVisible(self._allow_empty)
        popup.adjustSize()
        popup.move(self._popup_position(popup.sizeHint().width(), popup.sizeHint().height()))
        popup.show()
        popup.calendar.setFocus()

    # -- internals --------------------------------------------------------------------------
    def _ensure_popup(self) -> _CalendarPopup:
        if self._popup is None:
            self._popup = _CalendarPopup(self)
            self._popup.picked.connect(self._on_picked)
            self._popup.clearRequested.connect(self.clear)
        return self._popup

    def _popup_position(self, width: int, height: int) -> QPoint:
        below = self._line.mapToGlobal(QPoint(0, self._line.height()))
        if self.isRightToLeft():
            # Align the popup's right edge with the field's right edge, where RTL reading starts.
            right = self._line.mapToGlobal(QPoint(self._line.width(), 0)).x()
            x = right - width
        else:
            x = below.x()
        y = below.y() + 2
        screen = QGuiApplication.screenAt(below) or self.screen()
        if screen is not None:
            area = screen.availableGeometry()
            x = max(area.left(), min(x, area.right() - width))
            if y + height > area.bottom():
                y = self._line.mapToGlobal(QPoint(0, 0)).y() - height - 2
        return QPoint(x, y)

    def _on_picked(self, day: dt.date) -> None:
        self.setDate(day)
        self._line.setFocus()

    def _on_text_edited(self, text: str) -> None:
        normalized, cursor = _normalize_typing(text, self._line.cursorPosition())
        if normalized != text:
            self._line.setText(normalized)
            self._line.setCursorPosition(cursor)
        # While typing, only clear an old error; a half-typed date is not yet a mistake.
        self._reparse(show_error=False)

    def _reparse(self, *, show_error: bool) -> None:
        raw = self.text().strip()
        if not raw:
            error = "" if self._allow_empty else self.tr("Enter a date.")
            self._set_state(None, error, show_error=show_error)
            return
        try:
            value = parse_jalali_text(raw)
        except JalaliDateError as exc:
            self._set_state(None, exc.message, show_error=show_error)
            return
        self._set_state(value, "", show_error=show_error)

    def _set_state(self, value: dt.date | None, error: str, *, show_error: bool) -> None:
        was_valid = self._valid
        changed = value != self._value
        self._value = value
        self._error = error
        self._valid = not error
        if not error:
            self._error_label.hide()
            self._error_label.clear()
        elif show_error:
            self._error_label.setText(error)
            self._error_label.show()
        self._line.setProperty("invalid", bool(error) and show_error)
        if changed:
            self.dateChanged.emit(value)
        if was_valid != self._valid:
            self.validityChanged.emit(self._valid)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._line and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = event.key() == Qt.Key.Key_Down and (
                event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.showCalendar()
                return True
        return super().eventFilter(watched, event)
