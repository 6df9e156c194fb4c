"""Start the desktop application: settings, language, database, window, pages, global actions.

``main.py`` parses the command line and calls ``launch``.  Start-up stays light: report and
spreadsheet libraries are imported only by the pages that use them, when they are used.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QWidget

from models.database import data_dir, default_db_path
from models.errors import DataLayerError
from models.migrate import open_database
from ui.app_setup import create_application
from ui.context import AppContext
from ui.errors import install_excepthook, show_error
from ui.main_window import MainWindow
from ui.pages.registry import page_infos
from ui.settings_store import UiSettings


def _load_demo_story(database) -> bool:  # noqa: ANN001 - models.database.Database
    from services.demo import demo_loaded, load_demo

    with database.session_factory.begin() as session:
        if demo_loaded(session):
            return False
        load_demo(session)
    return True


def build_window(database, settings: UiSettings) -> tuple[MainWindow, AppContext]:  # noqa: ANN001
    """The main window with every registered page and the global actions wired."""
    ctx = AppContext(database, settings)
    if ctx.cluster_id is None:
        _pick_busiest_cluster(ctx)
    window = MainWindow(settings)
    ctx.setParent(window)
    for info in page_infos():
        widget = info.module.create_page(ctx)
        window.register_page(info.key, QCoreApplication.translate("pages", info.title), widget,
                             shortcut=info.shortcut)

    def open_search() -> None:
        from ui.search_dialog import open_search as _open

        _open(ctx, window)

    def new_activity() -> None:
        from ui.activity_form import open_activity_form

        open_activity_form(ctx, window)

    def open_record(kind: str, record_id: str) -> None:
        if kind == "activity":
            from ui.activity_form import open_activity_form

            open_activity_form(ctx, window, activity_id=record_id)

    def show_page(key: str) -> None:
        if key in window.page_keys():
            window.show_page(key)

    window.searchRequested.connect(open_search)
    window.newActivityRequested.connect(new_activity)
    ctx.openRecordRequested.connect(open_record)
    ctx.showPageRequested.connect(show_page)
    ctx.statusMessage.connect(window.show_status)
    return window, ctx


def _pick_busiest_cluster(ctx: AppContext) -> None:
    """With no cluster chosen yet, start on the one with the most activities (the demo's)."""
    from services import records
    from services.activities import ActivityFilter, count_activities

    clusters = records.list_records(ctx.db, "cluster")
    if not clusters or len(clusters) > 200:
        return
    best = max(clusters, key=lambda c: count_activities(ctx.db, ActivityFilter(cluster_id=c.id)))
    ctx.set_cluster_id(best.id)


def launch(db: str | None, screenshot: str | None, page: str | None,
           language: str | None) -> int:
    settings = UiSettings()
    app = create_application(sys.argv[:1] or ["khooshe"], language=language or settings.language())
    install_excepthook(data_dir() / "logs")
    headless = screenshot is not None

    first_run = db is None and not default_db_path().exists()
    guard = None
    if not headless:
        # One writer per database: a second launch wakes the first window and exits.
        from models.database import resolve_url, sqlite_path
        from ui.single_instance import SingleInstance, busy_message

        path = sqlite_path(resolve_url(db))
        if path is not None:
            guard = SingleInstance(path)
            if not guard.acquire():
                if guard.knock():
                    return 0
                show_error(None, busy_message(guard.owner_description()))
                return 1
    try:
        database = open_database(db)
        demo_added = _load_demo_story(database) if first_run else False
    except DataLayerError as exc:
        if headless:
            print(exc.message, file=sys.stderr)
        else:
            show_error(None, exc.message, exc.details)
        return 2

    window, _ctx = build_window(database, settings)
    if demo_added:
        window.show_status(
            QCoreApplication.translate(
                "Launcher",
                "This is your first start: a demo cluster was added so you can look around. "
                "Its records are marked as demo data.",
            ),
            0,
        )
    if page is not None and page not in window.page_keys():
        message = QCoreApplication.translate("Launcher", "Unknown page “%1”. Pages: %2").replace("%1", page).replace(
            "%2", ", ".join(window.page_keys()))
        print(message, file=sys.stderr)
        if headless:
            database.dispose()
            return 2
    elif page is not None:
        window.show_page(page)

    if headless:
        try:
            window.render_to_png(Path(screenshot), page if page in window.page_keys() else None)
        except OSError as exc:
            print(str(exc), file=sys.stderr)
            return 1
        finally:
            window.hide()
            database.dispose()
        return 0

    if guard is not None:
        guard.raiseRequested.connect(lambda: _bring_forward(window))
    window.show()
    QTimer.singleShot(0, lambda: _focus_page(window))
    code = app.exec()
    database.dispose()
    if guard is not None:
        guard.release()
    return int(code)


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
