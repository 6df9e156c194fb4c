"""MainWindow: registration, navigation side, global shortcuts, unsaved-changes veto, PNGs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QListWidget, QMessageBox, QStackedWidget, QWidget

from ui.main_window import MainWindow
from ui.settings_store import UiSettings


class _EditorPage(QLabel):
    """A page with unsaved changes: asks before closing, like a real form."""

    def __init__(self, answer: bool) -> None:
        super().__init__("فرم ثبت جلسه")
        self.answer = answer
        self.asked = 0

    def maybe_close(self) -> bool:
        self.asked += 1
        return self.answer


@pytest.fixture
def window(qtbot, ui_settings: UiSettings) -> Iterator[MainWindow]:
    win = MainWindow(ui_settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win


def test_starts_without_placeholder_pages(window: MainWindow) -> None:
    nav = window.findChild(QListWidget, "navigation")
    assert nav.count() == 0
    assert window.page_keys() == []
    assert window.current_page_key() is None
    assert window.windowTitle() == "خوشه"


def test_navigation_is_on_the_right(window: MainWindow, qtbot) -> None:
    window.register_page("meetings", "جلسه‌ها", QLabel("جلسه‌ها"))
    window.register_page("firms", "بنگاه‌ها", QLabel("بنگاه‌ها"), shortcut="Ctrl+2")
    nav = window.findChild(QListWidget, "navigation")
    stack = window.findChild(QStackedWidget, "pages")
    qtbot.waitUntil(lambda: nav.width() > 0)
    assert nav.geometry().left() > stack.geometry().right()
    assert window.current_page_key() == "meetings"  # the first registered page is shown

    with qtbot.waitSignal(window.pageChanged) as blocker:
        nav.setCurrentRow(1)
    assert blocker.args == ["firms"]
    assert stack.currentWidget() is window.page("firms")
    window.show_page("meetings")
    assert nav.currentRow() == 0

    with pytest.raises(ValueError):
        window.register_page("firms", "دوباره", QWidget())
    with pytest.raises(KeyError):
        window.show_page("nope")


def test_global_shortcuts(window: MainWindow, qtbot) -> None:
    window.register_page("meetings", "جلسه‌ها", QLabel("a"))
    window.register_page("firms", "بنگاه‌ها", QLabel("b"), shortcut="Ctrl+2")
    assert window.search_action.shortcut().toString() == "Ctrl+F"
    assert window.new_activity_action.shortcut().toString() == "Ctrl+N"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    with qtbot.waitSignal(window.searchRequested, timeout=1000):
        QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(window.newActivityRequested, timeout=1000):
        QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "firms"
    QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_close_with_unsaved_changes_asks(window: MainWindow) -> None:
    window.register_page("other", "سایر", QLabel("c"))
    editor = _EditorPage(answer=False)
    window.register_page("editor", "ثبت", editor)
    assert window.current_page_key() == "other"
    assert not window.close()
    assert editor.asked == 1
    assert window.isVisible()
    assert window.current_page_key() == "editor"  # the user is shown what is unsaved
    editor.answer = True
    assert window.close()
    assert editor.asked == 2


def test_geometry_is_remembered(qtbot, tmp_path: Path) -> None:
    settings = UiSettings(tmp_path / "ui.ini")
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 500)  # inside the offscreen platform's 800x600 screen
    qtbot.waitUntil(lambda: first.size().width() == 700)
    assert first.close()
    second = MainWindow(UiSettings(tmp_path / "ui.ini"))
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)


def test_render_to_png(window: MainWindow, tmp_path: Path) -> None:
    window.register_page("meetings", "جلسه‌ها", QLabel("جلسه‌ها"))
    window.register_page("firms", "بنگاه‌ها", QLabel("بنگاه‌ها"))
    path = window.render_to_png(tmp_path / "shots" / "firms.png", page_key="firms")
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1280, 800)
    assert window.current_page_key() == "firms"


def test_language_choice_is_saved_and_needs_restart(
    window: MainWindow, ui_settings: UiSettings, monkeypatch
) -> None:
    notices: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda parent, title, text: notices.append(text))
    )
    english = next(a for a in window.language_actions.actions() if a.data() == "en")
    english.trigger()
    assert ui_settings.language() == "en"
    assert notices and "دوباره" in notices[0]
