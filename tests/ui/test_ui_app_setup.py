"""Application set-up, settings storage and the PySide6 refcount regression guard."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QCoreApplication, QLocale, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from ui.app_setup import install_translator, language_change_notice
from ui.settings_store import UiSettings


def test_application_is_persian_rtl_with_vazirmatn(qapp: QApplication) -> None:
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert qapp.applicationName() == "Khooshe"
    assert qapp.organizationName() == "Khooshe"
    assert qapp.font().family() == "Vazirmatn"
    label = QLabel("سلام")
    # QFontInfo reports the font actually resolved, i.e. that the TTF really loaded.
    assert QFontInfo(label.font()).family() == "Vazirmatn"
    assert QLocale().language() == QLocale.Language.Persian
    assert QLocale().territory() == QLocale.Country.Iran
    assert qapp.style().name().lower() == "fusion"


def test_persian_translation_is_installed(qapp: QApplication) -> None:
    assert QCoreApplication.translate("MainWindow", "Quit") == "خروج"
    assert "زبان" in language_change_notice()


def test_switching_to_english_and_back(qapp: QApplication) -> None:
    install_translator(qapp, "en")
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert QCoreApplication.translate("MainWindow", "Quit") == "Quit"
    assert QLocale().language() == QLocale.Language.English
    assert install_translator(qapp, "fa")
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert QCoreApplication.translate("MainWindow", "Quit") == "خروج"
    with pytest.raises(ValueError):
        install_translator(qapp, "de")


def test_settings_round_trip(tmp_path: Path) -> None:
    ini = tmp_path / "ui.ini"
    settings = UiSettings(ini)
    assert settings.window_geometry() is None
    assert settings.column_widths("firms") == []
    assert settings.last_cluster_id() is None
    assert settings.language() == "fa"

    settings.set_window_geometry(QByteArray(b"\x01\x02geom"))
    settings.set_window_state(b"state")
    settings.set_column_widths("firms", [120, 80, 200])
    settings.set_last_cluster_id("3f1c")
    settings.set_language("en")
    settings.sync()

    again = UiSettings(ini)
    assert bytes(again.window_geometry()) == b"\x01\x02geom"
    assert bytes(again.window_state()) == b"state"
    assert again.column_widths("firms") == [120, 80, 200]
    assert again.column_widths("meetings") == []
    assert again.last_cluster_id() == "3f1c"
    assert again.language() == "en"
    again.set_last_cluster_id(None)
    assert again.last_cluster_id() is None
    with pytest.raises(ValueError):
        again.set_language("fr")


def test_settings_survive_a_hand_edited_file(tmp_path: Path) -> None:
    ini = tmp_path / "ui.ini"
    ini.write_text(
        "[tables]\nfirms\\column_widths=abc,12\n[ui]\nlanguage=klingon\n", encoding="utf-8"
    )
    settings = UiSettings(ini)
    assert settings.column_widths("firms") == []
    assert settings.language() == "fa"


def test_settext_does_not_leak_none(qapp: QApplication) -> None:
    """DESIGN §4: PySide6 6.12.0 leaks a reference to None per setter call, then aborts."""
    edit = QLineEdit()
    for i in range(50):  # warm up caches so they do not count as growth
        edit.setText(str(i))
    before = sys.getrefcount(None)
    for i in range(1000):
        edit.setText(f"متن {i}")
    growth = sys.getrefcount(None) - before
    assert growth < 100, f"None refcount grew by {growth} over 1000 setText calls"
