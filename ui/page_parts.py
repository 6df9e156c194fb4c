"""Small pieces every page uses, so that pages look alike and say it once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.figures import DefaultYear
from persian.digits import people_digits


def page_heading(text: str) -> QLabel:
    """A page's title: the app font, four points larger, bold."""
    heading = QLabel(text)
    font = QFont(heading.font())
    font.setPointSize(font.pointSize() + 4)
    font.setBold(True)
    heading.setFont(font)
    return heading


def page_layout(page: QWidget, object_name: str, title: str | None = None) -> QVBoxLayout:
    """A page's column layout, with its title on top when ``title`` is given (a page whose title
    shares the top row with choosers adds a title_bar instead); ``object_name`` names the page
    for the style sheet and the tests. Every page starts this way, so it is written once."""
    page.setObjectName(object_name)
    layout = QVBoxLayout(page)
    if title is not None:
        layout.addWidget(page_heading(title))
    return layout


def file_to_open(parent: QWidget, caption: str, file_filter: str,
                 folder: Path | None = None) -> Path | None:
    """The file the user picks in the open dialog (starting in ``folder``, else the home
    folder), or None when they cancel."""
    path, _filter = QFileDialog.getOpenFileName(parent, caption, str(folder or Path.home()),
                                                file_filter)
    return Path(path) if path else None


def title_bar(title: str, *widgets: QWidget) -> QHBoxLayout:
    """A page's top row: its title at the start, then (at the far end) the page's own choosers."""
    row = QHBoxLayout()
    row.addWidget(page_heading(title))
    row.addStretch(1)
    for widget in widgets:
        row.addWidget(widget)
    return row


class EmptyState(QWidget):
    """What an empty list or preview says: one line on what to do, and the button that does it.

    Laid over the area's viewport (a table, a PDF preview), so the page keeps its layout and the
    headers stay; ``set_empty`` shows or hides it. Every empty list in the app uses this one
    widget (issue 11, item 3), so they look and read alike.
    """

    def __init__(self, area: QAbstractScrollArea, text: str, button_text: str | None = None,
                 on_click: Callable[[], object] | None = None) -> None:
        super().__init__(area.viewport())
        self.setObjectName("emptyState")
        self._area = area
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.label = QLabel(text, self)
        self.label.setObjectName("emptyStateText")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setStyleSheet("color: #4a5350;")
        layout.addWidget(self.label)
        self.button: QPushButton | None = None
        if button_text is not None:
            self.button = QPushButton(button_text, self)
            self.button.setObjectName("emptyStateButton")
            if on_click is not None:
                self.button.clicked.connect(lambda _checked=False: on_click())
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(self.button)
            row.addStretch(1)
            layout.addLayout(row)
        layout.addStretch(2)
        area.viewport().installEventFilter(self)
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def set_text(self, text: str) -> None:
        self.label.setText(text)

    def set_empty(self, empty: bool) -> None:
        if empty:
            self.setGeometry(self._area.viewport().rect())
            self.raise_()
        self.setVisible(empty)

    def follow(self, model: QAbstractItemModel) -> None:
        """Show whenever ``model`` has no rows (connected to this widget's own slot, so the
        connections end with it)."""
        self._model = model
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved,
                       model.layoutChanged):
            signal.connect(self._on_model)
        self._on_model()

    def _on_model(self, *_args: object) -> None:
        self.set_empty(self._model.rowCount() == 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize and watched is self._area.viewport():
            self.setGeometry(self._area.viewport().rect())
        return False


def read_only_rows(table: QTableView) -> None:
    """A table the user reads and picks rows from: cells are not edited in place (a row opens
    its form, or there is nothing to edit), a click selects the whole row, and there are no row
    numbers. Every such list sets these three the same way, so it is said once; how many rows may
    be selected stays the caller's."""
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()


def empty_state_for(view: QAbstractItemView, text: str, button_text: str | None = None,
                    on_click: Callable[[], object] | None = None) -> EmptyState:
    """An ``EmptyState`` over ``view`` that shows whenever its model has no rows."""
    state = EmptyState(view, text, button_text, on_click)
    state.follow(view.model())
    return state


def default_year_note(default: DefaultYear) -> str:
    """Said beside the year chooser when a page does not open on the current year."""
    if default.is_current:
        return ""
    return QCoreApplication.translate(
        "PageParts", "No activities in %1 yet: showing %2, the latest year with records.").replace(
        "%1", people_digits(str(default.current))).replace(
        "%2", people_digits(str(default.year)))
