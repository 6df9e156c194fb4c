"""تنظیمات: the organisation's name, the letterhead and logo of the reports, the language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from services import settings as db_settings
from ui.app_setup import language_change_notice
from ui.context import AppContext
from ui.page import Page
from ui.page_parts import page_layout


class SettingsPage(Page):
    key = "settings"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = page_layout(self, "settingsPage", self.tr("Settings"))

        form = QFormLayout()
        self.org_edit = QLineEdit()
        self.org_edit.setObjectName("organisationName")
        form.addRow(self.tr("Organisation name:"), self.org_edit)
        self.letterhead_edit = QPlainTextEdit()
        self.letterhead_edit.setObjectName("letterhead")
        self.letterhead_edit.setFixedHeight(90)
        self.letterhead_edit.setPlaceholderText(self.tr("Printed at the top of every report"))
        form.addRow(self.tr("Letterhead:"), self.letterhead_edit)
        logo_row = QHBoxLayout()
        self.logo_edit = QLineEdit()
        # A path is typed and read left to right, also in the Persian UI (slashes in place).
        self.logo_edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.logo_edit.setObjectName("logoPath")
        self.logo_button = QPushButton(self.tr("Choose…"))
        self.logo_button.clicked.connect(self.choose_logo)
        logo_row.addWidget(self.logo_edit, 1)
        logo_row.addWidget(self.logo_button)
        form.addRow(self.tr("Logo:"), logo_row)
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        # Language names in their own language (as in the main window's menu).
        self.language_combo.addItem("فارسی", "fa")
        self.language_combo.addItem("English", "en")
        form.addRow(self.tr("Language:"), self.language_combo)
        layout.addLayout(form)
        self.language_notice = QLabel()
        self.language_notice.setObjectName("languageNotice")
        self.language_notice.setStyleSheet("color: #8a5a00;")
        layout.addWidget(self.language_notice)

        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save settings"))
        self.save_button.setObjectName("saveSettingsButton")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.load()

    def load(self) -> None:
        values = db_settings.all_settings(self.ctx.db)
        self.org_edit.setText(values.get("organisation_name") or "")
        self.letterhead_edit.setPlainText(values.get("letterhead") or "")
        self.logo_edit.setText(values.get("logo_path") or "")
        self.language_combo.setCurrentIndex(
            max(self.language_combo.findData(self.ctx.settings.language()), 0))
        self._saved = self._values()

    def _values(self) -> tuple[str, str, str, str]:
        return (self.org_edit.text().strip(), self.letterhead_edit.toPlainText().strip(),
                self.logo_edit.text().strip(), self.language_combo.currentData())

    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the logo"), str(Path(self.logo_edit.text()).parent),
            self.tr("Images (*.png *.jpg *.jpeg)"))
        if path:
            self.logo_edit.setText(path)

    def save(self) -> None:
        org, letterhead, logo, language = self._values()
        db_settings.set_settings(self.ctx.db, {"organisation_name": org,
                                               "letterhead": letterhead, "logo_path": logo})
        if language != self.ctx.settings.language():
            self.ctx.settings.set_language(language)
            self.ctx.settings.sync()
            self.language_notice.setText(language_change_notice())
        self._saved = self._values()
        self.ctx.statusMessage.emit(self.tr("Settings saved."))

    def maybe_close(self) -> bool:
        """Unsaved settings are saved on the way out rather than lost."""
        if self._values() != self._saved:
            self.save()
        return True


def create_page(ctx: AppContext) -> QWidget:
    return SettingsPage(ctx)
