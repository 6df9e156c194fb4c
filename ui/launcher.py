"""Start the desktop application: settings, language, database, window, pages, global actions.

``main.py`` parses the command line and calls ``launch``.  Start-up stays light: report and
spreadsheet libraries are imported only by the pages that use them, when they are used.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QWidget

from models.database import data_dir, default_db_path
from models.errors import DatabaseDamagedError, DataLayerError
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
    _choose_start_cluster(ctx)
    window = MainWindow(settings)
    ctx.setParent(window)
    # Lists of pages nobody has opened yet load when first shown (measured: the directory's
    # 15k people and firms took 1.3 s of a 100k database's start-up).
    ctx.defer_hidden_lists = True  # type: ignore[attr-defined]
    if database.path is not None:
        from ui.backup_scheduler import BackupScheduler

        # Pages (the backups page) and the close handler share one schedule.
        ctx.backup_scheduler = BackupScheduler(ctx, window)  # type: ignore[attr-defined]
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


def _choose_start_cluster(ctx: AppContext) -> None:
    if ctx.cluster_id is None or not _cluster_exists(ctx):
        # The remembered cluster may belong to another database (--db elsewhere): start fresh.
        ctx.set_cluster_id(None)
        _pick_busiest_cluster(ctx)


def _cluster_exists(ctx: AppContext) -> bool:
    from services import records
    from services.errors import NotFoundError

    try:
        records.get(ctx.db, "cluster", ctx.cluster_id or "")
    except NotFoundError:
        return False
    return True


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
        try:
            database = open_database(db)
        except DatabaseDamagedError as exc:
            if headless:
                raise
            database = _recover_damaged(db, exc)
            if database is None:
                return 2
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
    # Everything built so far lives as long as the window: keep it out of the collector's full
    # passes, which otherwise showed up as a 100 ms hitch while scrolling a 100k list.
    QTimer.singleShot(0, gc.freeze)
    code = app.exec()
    scheduler = getattr(_ctx, "backup_scheduler", None)
    if scheduler is not None:
        scheduler.backup_on_close()
    database.dispose()
    if guard is not None:
        guard.release()
    return int(code)


def _recover_damaged(db: str | None, error: DatabaseDamagedError):  # noqa: ANN202 - Database | None
    """The database failed its check at start: set it aside, offer the newest whole backup."""
    from PySide6.QtWidgets import QMessageBox

    from models.database import resolve_url, sqlite_path
    from persian.jalali import format_jalali_datetime
    from services.backup import restore_backup
    from services.recovery import set_aside_damaged

    path = sqlite_path(resolve_url(db))
    if path is None:
        show_error(None, error.message, error.details)
        return None
    recovery = set_aside_damaged(path)
    text = QCoreApplication.translate("Launcher", "The database was damaged. It was not changed: it was set aside as\n%1"
              ).replace("%1", str(recovery.damaged_copy))
    box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("Launcher", "Damaged database"), text)
    restore_button = None
    if recovery.backup is not None:
        when = recovery.backup.created_at
        from datetime import UTC

        local = when.replace(tzinfo=UTC).astimezone() if when else None
        box.setInformativeText(QCoreApplication.translate(
            "Launcher", "The newest whole backup is from %1. Restore it?").replace(
            "%1", format_jalali_datetime(local) if local else recovery.backup.path.name))
        restore_button = box.addButton(QCoreApplication.translate("Launcher", "Restore the backup"),
                                       QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText(QCoreApplication.translate(
            "Launcher", "No whole backup was found in %1. You can start with an empty database; "
            "the damaged file stays where it is.").replace("%1", str(recovery.backup_dir)))
    empty_button = box.addButton(QCoreApplication.translate("Launcher", "Start with an empty database"),
                                 QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QCoreApplication.translate("Launcher", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if restore_button is not None and clicked is restore_button:
        try:
            restore_backup(recovery.backup.path, path)
        except Exception as exc:  # noqa: BLE001 - shown to the user, nothing else to do here
            show_error(None, getattr(exc, "message", str(exc)))
            return None
        return open_database(db)
    if clicked is empty_button:
        return open_database(db)
    return None


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
