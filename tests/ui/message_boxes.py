"""Message boxes answered by the tests instead of a person (imported as ``tests.ui.message_boxes``)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox


def answer(monkeypatch: pytest.MonkeyPatch, role: QMessageBox.ButtonRole) -> list[str]:
    """Every QMessageBox.exec clicks the button with `role`; returns the texts shown."""
    texts: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        texts.append(box.text() + "\n" + box.informativeText())
        for button in box.buttons():
            if box.buttonRole(button) == role:
                button.click()
                break
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return texts
