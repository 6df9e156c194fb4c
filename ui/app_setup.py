"""The one place that turns a bare QApplication into Khooshe's application.

Direction, locale, font, style and translators are application-wide settings; setting them here
once (and never per widget) is what keeps every window consistently right-to-left and Persian
(DESIGN §2, §3 "UI").
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from models.paths import resource_path
from persian.digits import set_latin_for_people
from ui.gui_gc import install_gui_thread_gc

log = logging.getLogger(__name__)

FONTS_DIR = resource_path("resources", "fonts")
# The ear of wheat (tools/make_icon.py draws it): windows, the task bar, the dialogs.
ICON_PATH = resource_path("resources", "icons", "khooshe.png")
TRANSLATIONS_DIR = resource_path("translations")

APP_NAME = "Khooshe"
FONT_FAMILY = "Vazirmatn"
FONT_POINT_SIZE = 10
LANGUAGES = ("fa", "en")

# The application object owns the translators; keeping them in this attribute lets
# install_translator() remove the previous language's translators instead of stacking them.
_TRANSLATORS_ATTR = "_khooshe_translators"


def create_application(argv: list[str], *, language: str = "fa") -> QApplication:
    """Create (or adopt an already created) QApplication and configure it for Khooshe."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; expected one of {LANGUAGES}")
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(_display_name(language))
    app.setWindowIcon(QIcon(str(ICON_PATH)))
    app.setStyle(QStyleFactory.create("Fusion"))
    app.setPalette(calm_palette())
    load_fonts()
    app.setFont(QFont(FONT_FAMILY, FONT_POINT_SIZE))
    install_translator(app, language)
    # Before any worker starts: collections only on this (the GUI) thread, see ui/gui_gc.py.
    install_gui_thread_gc(app)
    return app


def _display_name(language: str) -> str:
    return "خوشه" if language == "fa" else APP_NAME


def load_fonts(fonts_dir: Path = FONTS_DIR) -> list[str]:
    """Register every bundled TTF; returns the families Qt found (empty if none loaded)."""
    families: list[str] = []
    for ttf in sorted(fonts_dir.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(ttf))
        if font_id < 0:
            # A missing or damaged font must not stop the app; Qt falls back to a system font.
            log.warning("could not load font %s", ttf)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(set(families))


def calm_palette() -> QPalette:
    """A light, low-contrast-chrome palette: long data-entry sessions, printed-paper feel."""
    role = QPalette.ColorRole
    text = "#1f2624"
    accent = "#2e6f62"  # muted green: "khooshe" is also an ear of wheat
    # The palette as a table, role → colour, so a colour is changed in one place.
    colours = {
        role.Window: "#f4f5f2",
        role.WindowText: text,
        role.Base: "#ffffff",
        role.AlternateBase: "#eef2ef",
        role.Text: text,
        role.Button: "#e9ece8",
        role.ButtonText: text,
        role.ToolTipBase: "#fffbe6",
        role.ToolTipText: text,
        role.PlaceholderText: "#7d8582",
        role.Highlight: accent,
        role.HighlightedText: "#ffffff",
        role.Link: accent,
        role.BrightText: "#b3261e",
    }
    pal = QPalette()
    for which, colour in colours.items():
        pal.setColor(which, QColor(colour))
    disabled = QColor("#9aa19e")
    for which in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, which, disabled)
    return pal


def install_translator(app: QCoreApplication, language: str) -> bool:
    """Switch the application's translators, direction and default locale to ``language``.

    Returns True when the change is complete.  Widgets that already exist keep the texts they
    were built with, so the main window tells the user to restart (see
    ``language_change_notice``); the return value says whether Khooshe's own catalogue loaded.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; expected one of {LANGUAGES}")
    for old in getattr(app, _TRANSLATORS_ATTR, []):
        app.removeTranslator(old)
    installed: list[QTranslator] = []
    ok = True
    if language == "fa":
        QLocale.setDefault(QLocale(QLocale.Language.Persian, QLocale.Country.Iran))
        ours = QTranslator(app)
        ok = ours.load(str(TRANSLATIONS_DIR / "khooshe_fa.qm"))
        if ok:
            installed.append(ours)
        else:
            log.warning("translations/khooshe_fa.qm missing or unreadable; UI stays English")
        # Qt's own strings (standard buttons, "Show Details...", context menus); optional.
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qtbase = QTranslator(app)
        if qtbase.load("qtbase_fa", qt_dir):
            installed.append(qtbase)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    for tr in installed:
        app.installTranslator(tr)
    # Figures and Jalali dates follow: Latin digits and English month names in English.
    set_latin_for_people(language != "fa")
    setattr(app, _TRANSLATORS_ATTR, installed)
    if isinstance(app, QApplication):
        app.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if language == "fa" else Qt.LayoutDirection.LeftToRight
        )
    return ok


def language_change_notice() -> str:
    """The text to show after the user picks another language in settings."""
    return QCoreApplication.translate(
        "AppSetup", "The new language will be used after you restart Khooshe."
    )
