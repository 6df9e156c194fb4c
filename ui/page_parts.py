"""Small pieces every page uses, so that pages look alike and say it once."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget


def page_heading(text: str) -> QLabel:
    """A page's title: the app font, four points larger, bold."""
    heading = QLabel(text)
    font = QFont(heading.font())
    font.setPointSize(font.pointSize() + 4)
    font.setBold(True)
    heading.setFont(font)
    return heading


def title_bar(title: str, *widgets: QWidget) -> QHBoxLayout:
    """A page's top row: its title at the start, then (at the far end) the page's own choosers."""
    row = QHBoxLayout()
    row.addWidget(page_heading(title))
    row.addStretch(1)
    for widget in widgets:
        row.addWidget(widget)
    return row
