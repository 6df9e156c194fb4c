"""The main window: navigation on the reading side, pages in a stack, global actions.

The window knows nothing about clusters or meetings: page modules build their widgets and the
application registers them here.  Keeping it a thin shell is what stops it from becoming the
"god main window" DESIGN §2 warns about.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from ui.app_setup import language_change_notice
from ui.settings_store import UiSettings


@dataclass
class _Page:
    key: str
    title: str
    widget: QWidget
    item: QListWidgetItem
    action: QAction


class MainWindow(QMainWindow):
    """Shell window.  Pages implementing ``maybe_close() -> bool`` can veto closing."""

    searchRequested = Signal()
    newActivityRequested = Signal()
    pageChanged = Signal(str)

    def __init__(self, settings: UiSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._pages: dict[str, _Page] = {}
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Khooshe"))

        self._nav = QListWidget(self)
        self._nav.setObjectName("navigation")
        self._nav.setMinimumWidth(170)
        self._nav.setMaximumWidth(240)
        self._nav.setIconSize(QSize(20, 20))
        self._nav.setSpacing(2)
        self._nav.setAccessibleName(self.tr("Sections"))
        self._stack = QStackedWidget(self)
        self._stack.setObjectName("pages")
        self._nav.currentRowChanged.connect(self._on_nav_row)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        # First in the layout = the reading side: right in Persian, left in English.
        layout.addWidget(self._nav)
        layout.addWidget(self._stack, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self.statusBar().showMessage(self.tr("Ready"))
        self._restore_geometry()

    # -- actions and menus ------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.search_action = QAction(self.tr("Search…"), self)
        self.search_action.setObjectName("searchAction")
        self.search_action.setShortcut(QKeySequence("Ctrl+F"))
        self.search_action.setStatusTip(self.tr("Search all records"))
        self.search_action.triggered.connect(self.searchRequested.emit)

        self.new_activity_action = QAction(self.tr("New activity…"), self)
        self.new_activity_action.setObjectName("newActivityAction")
        self.new_activity_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_activity_action.setStatusTip(
            self.tr("Record a meeting, training, tour, exhibition or other activity")
        )
        self.new_activity_action.triggered.connect(self.newActivityRequested.emit)

        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.setObjectName("quitAction")
        # Spelled out: QKeySequence.Quit is empty on Windows, where agents mostly work.
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.new_activity_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.search_action)

        self._pages_menu = QMenu(self.tr("&Go"), self)
        self._pages_menu_action = self.menuBar().addMenu(self._pages_menu)
        self._pages_menu_action.setVisible(False)  # shown once a page is registered

        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        language_menu = settings_menu.addMenu(self.tr("Language"))
        group = QActionGroup(self)
        # Language names in their own language, so a user who cannot read the current UI
        # language can still find theirs; not translated on purpose.
        for code, name in (("fa", "فارسی"), ("en", "English")):
            action = QAction(name, group)
            action.setCheckable(True)
            action.setChecked(self._settings.language() == code)
            action.setData(code)
            language_menu.addAction(action)
        group.triggered.connect(self._on_language_chosen)
        self.language_actions = group

        toolbar = QToolBar(self.tr("Main toolbar"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.new_activity_action)
        toolbar.addAction(self.search_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

    def _on_language_chosen(self, action: QAction) -> None:
        code = action.data()
        if code == self._settings.language():
            return
        self._settings.set_language(code)
        self._settings.sync()
        QMessageBox.information(self, self.tr("Language"), language_change_notice())

    # -- pages ------------------------------------------------------------------------------
    def register_page(
        self,
        key: str,
        title_fa_tr: str,
        widget: QWidget,
        icon: QIcon | None = None,
        shortcut: str | None = None,
    ) -> None:
        """Add a page: ``title_fa_tr`` is the already translated title shown in navigation."""
        if key in self._pages:
            raise ValueError(f"page {key!r} is already registered")
        item = QListWidgetItem(title_fa_tr)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setSizeHint(QSize(0, 34))
        action = QAction(title_fa_tr, self)
        action.setObjectName(f"page_{key}")
        if icon is not None:
            item.setIcon(icon)
            action.setIcon(icon)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            item.setToolTip(QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText))
        action.triggered.connect(lambda _checked=False, k=key: self.show_page(k))
        self._pages[key] = _Page(key, title_fa_tr, widget, item, action)
        self._stack.addWidget(widget)
        self._pages_menu.addAction(action)
        self._pages_menu_action.setVisible(True)
        self._nav.addItem(item)
        if len(self._pages) == 1:
            self.show_page(key)

    def show_page(self, key: str) -> None:
        page = self._pages[key]  # KeyError for an unknown key: a programming error
        self._nav.setCurrentItem(page.item)
        self._stack.setCurrentWidget(page.widget)

    def current_page_key(self) -> str | None:
        widget = self._stack.currentWidget()
        for page in self._pages.values():
            if page.widget is widget:
                return page.key
        return None

    def page(self, key: str) -> QWidget:
        return self._pages[key].widget

    def page_keys(self) -> list[str]:
        return list(self._pages)

    def _on_nav_row(self, row: int) -> None:
        item = self._nav.item(row)
        if item is None:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        page = self._pages[key]
        if self._stack.currentWidget() is not page.widget:
            self._stack.setCurrentWidget(page.widget)
        self.pageChanged.emit(key)

    # -- status bar -------------------------------------------------------------------------
    def show_status(self, message: str, timeout_ms: int = 5000) -> None:
        self.statusBar().showMessage(message, timeout_ms)

    # -- geometry and closing ---------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self._settings.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(self._first_run_size())
        state = self._settings.window_state()
        if state is not None:
            self.restoreState(state)

    def _first_run_size(self) -> QSize:
        # 1280x800 suits the page layouts, but many field laptops have 1366x768 screens.
        wanted = QSize(1280, 800)
        screen = self.screen()
        if screen is None:
            return wanted
        available = screen.availableGeometry().size() * 0.95
        return wanted.boundedTo(available)

    def save_geometry(self) -> None:
        self._settings.set_window_geometry(self.saveGeometry())
        self._settings.set_window_state(self.saveState())
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        for page in self._pages.values():
            maybe_close = getattr(page.widget, "maybe_close", None)
            if callable(maybe_close) and not maybe_close():
                # Show the page that refused, so the user sees what is still unsaved.
                self.show_page(page.key)
                event.ignore()
                return
        self.save_geometry()
        event.accept()

    # -- screenshots ------------------------------------------------------------------------
    def render_to_png(
        self, path: Path | str, page_key: str | None = None, size: tuple[int, int] = (1280, 800)
    ) -> Path:
        """Show ``page_key`` (or the current page) at ``size`` and save the window as PNG."""
        if page_key is not None:
            self.show_page(page_key)
        self.resize(*size)
        if not self.isVisible():
            self.show()
        # Several rounds: layouts, deferred polish and lazily fetched models settle in steps.
        for _ in range(5):
            QCoreApplication.processEvents()
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not self.grab().save(str(target), "PNG"):
            raise OSError(f"could not write {target}")
        return target
