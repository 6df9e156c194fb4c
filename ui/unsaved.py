"""The one question a form asks before it closes with unsaved changes: save, discard or keep.

Both forms (the activity form and the generic record form) ask it the same way, so the user
meets one dialog with one wording and the same buttons wherever they edit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

SAVE, DISCARD, KEEP = "save", "discard", "keep"


def _exec(box: QMessageBox) -> int:
    return box.exec()


def ask_unsaved(parent: QWidget | None, *, default: str = SAVE,
                run: Callable[[QMessageBox], object] | None = None) -> str:
    """Ask what to do with unsaved changes; returns SAVE, DISCARD or KEEP.

    ``default`` is the answer Enter gives (Escape always keeps editing). ``run`` shows the box
    (``QMessageBox.exec`` unless a caller's test seam answers it without a modal loop).
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("UnsavedChanges", "Unsaved changes"))
    box.setText(QCoreApplication.translate("UnsavedChanges", "The changes are not saved. Save them before closing?"))
    role = QMessageBox.ButtonRole
    buttons = {
        SAVE: box.addButton(QCoreApplication.translate("UnsavedChanges", "Save"), role.AcceptRole),
        DISCARD: box.addButton(QCoreApplication.translate("UnsavedChanges", "Discard changes"),
                               role.DestructiveRole),
        KEEP: box.addButton(QCoreApplication.translate("UnsavedChanges", "Keep editing"),
                            role.RejectRole),
    }
    box.setDefaultButton(buttons[default])
    box.setEscapeButton(buttons[KEEP])
    (run or _exec)(box)
    clicked = box.clickedButton()
    box.deleteLater()
    return next((answer for answer, button in buttons.items() if button is clicked), KEEP)
