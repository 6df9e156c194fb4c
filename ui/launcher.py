"""Start the desktop application: settings, language, window, database, pages, global actions.

``main.py`` parses the command line and calls ``launch``. Start-up is progressive, so that the
window is on screen as soon as Qt can draw it, whatever the size of the database:

1. before the first frame, only what the frame needs: the application (fonts, translators,
   palette), the single-instance lock and the real main window — navigation, menus, status bar
   and the start page's frame — in its loading state. Nothing here imports SQLAlchemy, the
   models, the services or the report libraries (check with ``python -X importtime``);
2. right after the first paint (``MainWindow.firstPainted``), the database is opened exactly as
   before — integrity check, recovery of a damaged file, refusing a newer or foreign file,
   backup before migrating — with its dialogs over the window; then the start page is built with
   its data and the window is enabled (``attach_database``). An up-to-date file's quick_check
   (``EarlyCheck``, started before the first frame) may still be running then: the start page is
   filled without waiting for it, every write waits for it (``services.workspace.StartupCheck``),
   and if it fails the recovery dialog comes as it would have before the window was loaded;
   When it is safe — an up-to-date SQLite file whose check covers it and has not failed, the
   dashboard as start page (``models.health.reads_before_open``) — step 2 comes in two halves:
   the dashboard is built and filled from figures read with plain sqlite3
   (``models.quick_reader``: the SQL of ``models.figures`` that ``services.stats`` runs too),
   before SQLAlchemy, the ORM and the services are imported, and the window is loaded; once that
   frame is on screen the database is opened as above (or sooner, when anything asks the
   context for it: ``AppContext(open_db=…)``). A first start (the demo), a file to migrate, a
   foreign or damaged file and a server database take the path above unchanged;
3. every other page is built when first shown. Requests between pages go through
   ``AppContext`` signals; ``ui.pages.registry.connect_unbuilt_pages`` builds a page that is asked
   for something before it exists.

``--screenshot`` does the same steps without waiting for a paint, and renders the loaded page.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from models.health import EarlyCheck
from models.paths import data_dir, default_db_path, is_url, plain_sqlite_path
from ui.app_setup import create_application
from ui.context import AppContext
from ui.database_open import (
    Opened,
    StartFailed,
    choose_start_cluster,
    open_app_database,
    recover_damaged,
)
from ui.errors import install_excepthook, show_error
from ui.main_window import MainWindow
from ui.pages.registry import connect_unbuilt_pages, page_infos, page_keys
from ui.settings_store import UiSettings

if TYPE_CHECKING:
    from models.quick_reader import StartFigures
    from services.workspace import Workspace


def build_shell(settings: UiSettings) -> MainWindow:
    """The main window with every registered page's navigation entry; no page is built yet.

    Each page is built the first time it is shown, with the window's ``AppContext`` (set by
    ``attach_database``); until then the window imports none of the page modules.
    """
    window = MainWindow(settings)
    for info in page_infos():
        window.register_page(info.key, QCoreApplication.translate("pages", info.title),
                             shortcut=info.shortcut,
                             factory=lambda info=info: info.create(_context_of(window)))
    # Objects built so far live as long as the window: keep them out of the collector's full
    # passes, which otherwise showed up as a 100 ms hitch while scrolling a 100k list. Pages
    # built later are frozen once built, for the same reason.
    window.pageBuilt.connect(lambda _key: QTimer.singleShot(0, gc.freeze))
    return window


def _context_of(window: MainWindow) -> AppContext:
    ctx = window.findChild(AppContext)
    if ctx is None:
        raise RuntimeError("a page was built before the database was attached")
    return ctx


def attach_database(window: MainWindow, database: Workspace, settings: UiSettings) -> AppContext:
    """Step 2 of the start: the context on the open database, the global actions, the pages.

    Builds the current page (with its data) and ends the window's loading state.
    """
    ctx = AppContext(database, settings)
    choose_start_cluster(ctx)
    _connect_context(window, ctx)
    _start_backup_schedule(window, ctx)
    window.set_loaded()
    return ctx


def _start_backup_schedule(window: MainWindow, ctx: AppContext) -> None:
    if ctx.db.path is not None:
        from ui.backup_scheduler import BackupScheduler

        # Pages (the backups page) and the close handler share one schedule.
        ctx.backup_scheduler = BackupScheduler(ctx, window)  # type: ignore[attr-defined]


def _connect_context(window: MainWindow, ctx: AppContext) -> None:
    """The context in the window: the requests between pages and the global actions. Nothing
    here reads the database (the start's first fill connects it before the database is open:
    whatever asks ``ctx.db`` then opens it)."""
    ctx.setParent(window)
    # Lists of pages nobody has opened yet load when first shown (measured: the directory's
    # 15k people and firms took 1.3 s of a 100k database's start-up).
    ctx.defer_hidden_lists = True  # type: ignore[attr-defined]
    # Before any page exists, so that it runs before the pages' own slots.
    connect_unbuilt_pages(ctx, window.is_built, window.page)

    def open_search() -> None:
        from ui.search_dialog import open_search as _open

        _open(ctx, window)

    def new_activity() -> None:
        from ui.activity_form import open_activity_form

        open_activity_form(ctx, window)

    def import_excel() -> None:
        from ui.import_dialog import open_import_dialog

        open_import_dialog(ctx, window)

    def open_record(kind: str, record_id: str) -> None:
        if kind == "activity":
            from ui.activity_form import open_activity_form

            open_activity_form(ctx, window, activity_id=record_id)

    def show_page(key: str) -> None:
        if key in window.page_keys():
            window.show_page(key)

    window.searchRequested.connect(open_search)
    window.newActivityRequested.connect(new_activity)
    window.importExcelRequested.connect(import_excel)
    ctx.openRecordRequested.connect(open_record)
    ctx.showPageRequested.connect(show_page)
    ctx.statusMessage.connect(window.show_status)


def build_window(database: Workspace, settings: UiSettings) -> tuple[MainWindow, AppContext]:
    """The main window on an open database, loaded: the start page built, the others on show."""
    window = build_shell(settings)
    ctx = attach_database(window, database, settings)
    return window, ctx


def _first_run_notice() -> str:
    return QCoreApplication.translate(
        "Launcher",
        "This is your first start: a demo cluster was added so you can look around. "
        "Its records are marked as demo data.",
    )


def _opening_message() -> str:
    return QCoreApplication.translate("Launcher", "Opening the database…")


FIRST_PAINT_FALLBACK_MS = 2000
# How often the loaded window looks whether the start-up quick_check has ended (it takes
# 0.1–0.5 s at the office's scale; polled rather than signalled from the check's thread).
CHECK_POLL_MS = 25
# benchmarks/bundle_bench.py sets this to time the frozen program, which cannot run the
# benchmark's own child code: the app prints the monotonic clock (system-wide on Linux) at its
# first frame and leaves before opening the database.
FIRST_PAINT_PROBE_ENV = "KHOOSHE_FIRST_PAINT_PROBE"
FIRST_PAINT_PROBE_MARK = "KHOOSHE-FIRST-PAINT "


def _report_first_paint() -> None:
    print(f"{FIRST_PAINT_PROBE_MARK}{time.monotonic():.6f}", flush=True)
    os._exit(0)


@dataclass
class Startup:
    """A window on its way up: the database and context once step 2 ran, or its exit code."""

    window: MainWindow
    db: str | None
    first_run: bool
    settings: UiSettings
    database: Workspace | None = None
    ctx: AppContext | None = None
    exit_code: int | None = None  # set when the database step failed (the user was told)
    # Called with exit_code after a failure: the app's event loop ends (QApplication.exit).
    on_failed: Callable[[int], None] | None = None
    # quick_check of the file, started in a thread before the first frame (see EarlyCheck).
    early_check: EarlyCheck | None = None
    _started: bool = field(default=False, repr=False)
    # The context of a window filled before its database was opened, until it is opened.
    _pending: AppContext | None = field(default=None, repr=False)

    def open_database(self) -> None:
        """Step 2: called once, right after the window's first frame."""
        if self._started:
            return
        self._started = True
        figures = self._read_start_figures()
        if figures is not None:
            self._show_start_figures(figures)
            return
        window = self.window
        opened = self._open()
        if opened is None:
            return
        self._opened(attach_database(window, opened.database, self.settings), opened)

    def _open(self) -> Opened | None:
        """The database opened as before (checked, recovered, migrated); None: it failed, the
        user was told and the window closed."""
        window = self.window
        try:
            opened = open_app_database(self.db, first_run=self.first_run, parent=window,
                                       headless=False, early_check=self.early_check)
        except StartFailed as failed:
            self.exit_code = failed.code
            window.close()
            if self.on_failed is not None:
                self.on_failed(failed.code)
            return None
        self.database = opened.database
        return opened

    def _opened(self, ctx: AppContext, opened: Opened, *, focus: bool = True) -> None:
        self.ctx = ctx
        if opened.demo_added:
            self.window.show_status(_first_run_notice(), 0)
        if focus:
            QTimer.singleShot(0, lambda: _focus_page(self.window))
        if not opened.database.check_finished():
            self._watch_check()

    # -- the first fill before the database is opened -----------------------------------------
    def _read_start_figures(self) -> StartFigures | None:
        """The start page's first figures read with plain sqlite3 (models.quick_reader), when
        that is safe: the dashboard opens on an up-to-date SQLite file whose check covers it and
        has not failed. None: the usual way (open the database, then fill the page)."""
        from models.health import reads_before_open

        path = plain_sqlite_path(self.db)
        # (A window that never painted — started minimized — has nobody to show it to.)
        if (path is None or self.first_run or not self.window.has_painted()
                or self.window.current_page_key() != "dashboard"
                or not reads_before_open(path, self.early_check)):
            return None
        from models.quick_reader import FiguresRead

        # The figures read (without the GIL) while the dashboard's code (QtCharts, the page) is
        # imported, which building the page would do right after anyway.
        read = FiguresRead(path, self.settings.last_cluster_id())
        next(info for info in page_infos() if info.key == "dashboard").module  # noqa: B018
        return read.result()

    def _show_start_figures(self, figures: StartFigures) -> None:
        """The dashboard filled from `figures` now; the database opened once that is on screen
        (or as soon as anything asks the context for it)."""
        window = self.window
        ctx = AppContext(None, self.settings, open_db=self._open_for_context)
        ctx.start_figures = figures  # type: ignore[attr-defined] - read by the dashboard
        ctx.set_cluster_id(figures.cluster_id)  # as choose_start_cluster would choose
        _connect_context(window, ctx)
        self._pending = ctx
        QTimer.singleShot(FIRST_PAINT_FALLBACK_MS, self._open_pending)  # if it never paints
        window.set_loaded()
        _focus_page(window)  # in the frame with the data, as it would be once opened
        key = window.current_page_key()
        if key is not None and not ctx.has_db():
            _AfterPaint(window.page(key), self._open_pending)

    def _open_pending(self) -> None:
        ctx = self._pending
        if ctx is None or ctx.has_db():
            return
        try:
            ctx.db  # noqa: B018 - opens it (_open_for_context)
        except RuntimeError:
            pass  # it failed, or is being opened (a dialog of it is up): handled there

    def _open_for_context(self) -> None:
        ctx, window = self._pending, self.window
        assert ctx is not None
        opened = self._open()
        if opened is None:
            return
        ctx.attach_db(opened.database)
        _start_backup_schedule(window, ctx)
        if opened.recovered:
            # The figures shown were read from the file that failed its check: read again.
            choose_start_cluster(ctx)
            from services import changes

            changes.publish(opened.database, changes.Changes.all())
        self._opened(ctx, opened, focus=False)  # the page has it since its data was shown

    def _watch_check(self) -> None:
        """The start page is filled while the start-up quick_check still runs: when it ends, a
        failure leads to the same recovery dialog as a failure before the window was loaded."""
        timer = QTimer(self.window)
        timer.setInterval(CHECK_POLL_MS)

        def poll() -> None:
            if self.database is not None and not self.database.check_finished():
                return
            timer.stop()
            timer.deleteLater()
            self._check_ended()

        timer.timeout.connect(poll)
        timer.start()

    def _check_ended(self) -> None:
        from models.errors import DatabaseDamagedError, DataLayerError

        database, window = self.database, self.window
        if database is None:
            return
        try:
            database.wait_for_check()
            return
        except DatabaseDamagedError as exc:
            damage = exc
        database.close()  # no connection may stay on the file that is set aside
        try:
            recovered = recover_damaged(self.db, damage, window)
        except DataLayerError as exc:
            show_error(window, exc.message, exc.details)
            recovered = None
        if recovered is None:
            self.exit_code = 2
            window.close()
            if self.on_failed is not None:
                self.on_failed(2)
            return
        # Every page holds this handle: it takes over the recovered database and they refresh.
        database.adopt(recovered)
        if self.ctx is not None:
            choose_start_cluster(self.ctx)


def start_window(db: str | None, settings: UiSettings, *, first_run: bool = False,
                 page: str | None = None,
                 on_failed: Callable[[int], None] | None = None,
                 early_check: EarlyCheck | None = None) -> Startup:
    """Steps 1 and 2: show the window now, open the database right after its first frame."""
    window = build_shell(settings)
    if page is not None:
        window.show_page(page)
    window.set_loading(_opening_message())
    startup = Startup(window, db, first_run, settings, on_failed=on_failed,
                      early_check=early_check)
    if os.environ.get(FIRST_PAINT_PROBE_ENV):
        window.firstPainted.connect(_report_first_paint)  # before open_database: it runs first
    window.firstPainted.connect(startup.open_database)
    window.show()
    # A window that is never exposed (started minimized, on another desktop) never paints:
    # open the database anyway after a while (open_database runs once).
    QTimer.singleShot(FIRST_PAINT_FALLBACK_MS, startup.open_database)
    return startup


def _lock_path(db: str | None) -> Path | None:
    if db is not None and is_url(db):
        # A URL needs SQLAlchemy to be read; rare (a server or an explicit sqlite:// URL).
        from services.workspace import lock_path

        return lock_path(db)
    return plain_sqlite_path(db)


def launch(db: str | None, screenshot: str | None, page: str | None,
           language: str | None) -> int:
    settings = UiSettings()
    app = create_application(sys.argv[:1] or ["khooshe"], language=language or settings.language())
    install_excepthook(data_dir() / "logs")
    headless = screenshot is not None

    first_run = db is None and not default_db_path().exists()
    if page is not None and page not in page_keys():
        message = QCoreApplication.translate("Launcher", "Unknown page “%1”. Pages: %2").replace(
            "%1", page).replace("%2", ", ".join(page_keys()))
        print(message, file=sys.stderr)
        if headless:
            return 2
        page = None
    if headless:
        return _screenshot(db, Path(screenshot), page, first_run, settings)

    guard = None
    # One writer per database: a second launch wakes the first window and exits.
    from ui.single_instance import SingleInstance, busy_message

    path = _lock_path(db)
    if path is not None:
        guard = SingleInstance(path)
        if not guard.acquire():
            if guard.knock():
                return 0
            show_error(None, busy_message(guard.owner_description()))
            return 1

    # Held the lock: no other Khooshe writes the file now, so its quick_check can start at once
    # and run on the second core while the window is built and SQLAlchemy imported.
    early_check = EarlyCheck(path) if path is not None else None
    startup = start_window(db, settings, first_run=first_run, page=page, on_failed=app.exit,
                           early_check=early_check)
    window = startup.window
    if guard is not None:
        guard.raiseRequested.connect(lambda: _bring_forward(window))
    code = app.exec()
    ctx = startup.ctx
    scheduler = getattr(ctx, "backup_scheduler", None) if ctx is not None else None
    if scheduler is not None:
        scheduler.backup_on_close()
    if startup.database is not None:
        startup.database.close()
    if guard is not None:
        guard.release()
    return int(startup.exit_code if startup.exit_code is not None else code)


def _screenshot(db: str | None, target: Path, page: str | None, first_run: bool,
                settings: UiSettings) -> int:
    """``--screenshot``: the same steps, without waiting for a paint; the loaded page as PNG."""
    window = build_shell(settings)
    if page is not None:
        window.show_page(page)
    try:
        opened = open_app_database(db, first_run=first_run, parent=None, headless=True)
    except StartFailed as failed:
        return failed.code
    database = opened.database
    try:
        attach_database(window, database, settings)
        if opened.demo_added:
            window.show_status(_first_run_notice(), 0)
        window.render_to_png(target, page)
    except OSError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        window.hide()
        database.close()
    return 0


class _AfterPaint(QObject):
    """Calls `then` once, from a zero timer posted by `widget`'s next paint: once that frame
    is on screen (as MainWindow.firstPainted for the first frame)."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


def _bring_forward(window: MainWindow) -> None:
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()


def _focus_page(window: MainWindow) -> None:
    key = window.current_page_key()
    if key is not None:
        widget: QWidget = window.page(key)
        widget.setFocus()
