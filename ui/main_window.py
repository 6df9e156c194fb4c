"""The main window: navigation on the reading side, pages in a stack, global actions.

The window knows nothing about clusters or meetings: page modules build their widgets and the
application registers them here.  Keeping it a thin shell is what stops it from becoming the
"god main window" DESIGN §2 warns about.

Start-up is progressive: the launcher shows this window — navigation, menus, status bar, the
frame of the start page — before the database is opened, in a *loading* state (pages area
disabled under a busy cursor, a status-bar message, database actions off). ``firstPainted`` says
when the first frame is on screen; ``set_loaded`` ends the loading state. A page registered with
a ``factory`` is built the first time it is shown (or asked for through ``page``), never before
``set_loaded``: until then its slot in the stack is an empty frame.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence, QPaintEvent
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
    widget: QWidget  # the page, or the empty frame standing in its place until it is built
    item: QListWidgetItem
    action: QAction
    factory: Callable[[], QWidget] | None = None  # set while the page is not built yet

    @property
    def built(self) -> bool:
        return self.factory is None


class MainWindow(QMainWindow):
    """Shell window.  Pages implementing ``maybe_close() -> bool`` can veto closing."""

    searchRequested = Signal()
    newActivityRequested = Signal()
    importExcelRequested = Signal()
    pageChanged = Signal(str)
    # The first frame is on screen (emitted from a zero timer posted by the first paint).
    firstPainted = Signal()
    # A lazily registered page was built: its key.
    pageBuilt = Signal(str)
    # set_loaded() ran: the current page is built and shows its data.
    loaded = Signal()

    def __init__(self, settings: UiSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._pages: dict[str, _Page] = {}
        self._loaded = False
        self._painted = False
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

        self.import_excel_action = QAction(self.tr("Import from Excel…"), self)
        self.import_excel_action.setObjectName("importExcelAction")
        self.import_excel_action.setStatusTip(
            self.tr("Bring in past meetings, training courses, tours and exhibitions from Excel")
        )
        self.import_excel_action.triggered.connect(self.importExcelRequested.emit)

        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.setObjectName("quitAction")
        # Spelled out: QKeySequence.Quit is empty on Windows, where agents mostly work.
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.new_activity_action)
        file_menu.addAction(self.import_excel_action)
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

    # -- loading state ----------------------------------------------------------------------
    def set_loading(self, message: str) -> None:
        """The database is being opened: say so, and keep the user out of the pages meanwhile."""
        self._loaded = False
        self._stack.setEnabled(False)
        self._stack.setCursor(Qt.CursorShape.BusyCursor)
        # Search and new activity need the database; page shortcuts still switch pages (built
        # once loaded).
        self.search_action.setEnabled(False)
        self.new_activity_action.setEnabled(False)
        self.import_excel_action.setEnabled(False)
        self.statusBar().showMessage(message)

    def set_loaded(self) -> None:
        """The database is open: build the current page, give the window back to the user."""
        self._loaded = True
        key = self.current_page_key()
        try:
            if key is not None:
                self._ensure_built(key)
        finally:
            # A page that failed to build (the error goes to the excepthook's dialog) must not
            # leave the whole window disabled: the other pages and the menus still work.
            self._stack.unsetCursor()
            self._stack.setEnabled(True)
            self.search_action.setEnabled(True)
            self.new_activity_action.setEnabled(True)
            self.import_excel_action.setEnabled(True)
            self.statusBar().showMessage(self.tr("Ready"))
        self.loaded.emit()

    def is_loaded(self) -> bool:
        return self._loaded

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # A zero timer posted from the first paint fires once the whole frame was painted.
            QTimer.singleShot(0, self.firstPainted.emit)

    def has_painted(self) -> bool:
        return self._painted

    # -- pages ------------------------------------------------------------------------------
    def register_page(
        self,
        key: str,
        title_fa_tr: str,
        widget: QWidget | None = None,
        icon: QIcon | None = None,
        shortcut: str | Sequence[str] | None = None,
        *,
        factory: Callable[[], QWidget] | None = None,
    ) -> None:
        """Add a page: ``title_fa_tr`` is the already translated title shown in navigation.

        Give either the page ``widget`` or a ``factory`` that builds it when first shown.
        """
        if key in self._pages:
            raise ValueError(f"page {key!r} is already registered")
        if (widget is None) == (factory is None):
            raise ValueError("give a page widget or a factory, not both")
        if widget is None:
            # The page's frame in the stack until it is built: empty, never a fake page.
            widget = QWidget(self._stack)
            widget.setObjectName(f"pageFrame_{key}")
        item = QListWidgetItem(title_fa_tr)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setSizeHint(QSize(0, 34))
        action = QAction(title_fa_tr, self)
        action.setObjectName(f"page_{key}")
        if icon is not None:
            item.setIcon(icon)
            action.setIcon(icon)
        keys = [shortcut] if isinstance(shortcut, str) else list(shortcut or ())
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
            item.setToolTip(QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText))
        action.triggered.connect(lambda _checked=False, k=key: self.show_page(k))
        self._pages[key] = _Page(key, title_fa_tr, widget, item, action, factory)
        self._stack.addWidget(widget)
        self._pages_menu.addAction(action)
        self._pages_menu_action.setVisible(True)
        self._nav.addItem(item)
        if len(self._pages) == 1:
            self.show_page(key)

    def show_page(self, key: str) -> None:
        page = self._pages[key]  # KeyError for an unknown key: a programming error
        if self._loaded:
            self._ensure_built(key)
        self._nav.setCurrentItem(page.item)
        self._stack.setCurrentWidget(page.widget)

    def current_page_key(self) -> str | None:
        widget = self._stack.currentWidget()
        for page in self._pages.values():
            if page.widget is widget:
                return page.key
        return None

    def page(self, key: str) -> QWidget:
        """The page itself, built now if it was not yet."""
        return self._ensure_built(key)

    def is_built(self, key: str) -> bool:
        return self._pages[key].built

    def page_keys(self) -> list[str]:
        return list(self._pages)

    def _ensure_built(self, key: str) -> QWidget:
        page = self._pages[key]
        if page.factory is None:
            return page.widget
        factory, page.factory = page.factory, None
        frame = page.widget
        try:
            widget = factory()
        except BaseException:
            page.factory = factory  # not built: the next show tries again
            raise
        # The page takes its frame's place in the stack (and its current-ness).
        was_current = self._stack.currentWidget() is frame
        self._stack.insertWidget(self._stack.indexOf(frame), widget)
        page.widget = widget
        if was_current:
            self._stack.setCurrentWidget(widget)
        self._stack.removeWidget(frame)
        frame.deleteLater()
        self.pageBuilt.emit(key)
        return widget

    def _on_nav_row(self, row: int) -> None:
        item = self._nav.item(row)
        if item is None:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        page = self._pages[key]
        if self._loaded:
            self._ensure_built(key)
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

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        for page in self._pages.values():
            if not page.built:
                continue  # never shown: nothing unsaved
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
