"""Small pieces the forms share: the red inline error under a field or a row."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

ERROR_STYLE = "color: #b3261e;"


def error_label(parent: QWidget | None) -> QLabel:
    """A hidden, word-wrapped red label; ``set_error`` shows it with a message."""
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def set_error(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))
