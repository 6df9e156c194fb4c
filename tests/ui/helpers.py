"""Helpers for driving widgets like a user in UI tests."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget


def _key_for(ch: str) -> int:
    if ch.isascii() and (ch.isalnum() or ch in "/-. "):
        return ord(ch.upper())
    # Non-ASCII text arrives with an unknown key code, as from a Persian keyboard layout.
    return int(Qt.Key.Key_unknown.value)


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` one character at a time, as key press/release events.

    QTest.keyClicks with non-ASCII text aborts the process (DESIGN §4), so Persian and
    Arabic-Indic digits are sent as QKeyEvents carrying the character in their text.
    """
    for ch in text:
        key = _key_for(ch)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch)
            QCoreApplication.sendEvent(widget, event)
    QCoreApplication.processEvents()
