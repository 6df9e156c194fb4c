"""Progressive start-up: the window is drawn before the database is opened, pages are built when
first shown, and requests between pages reach a page that did not exist yet."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget

import models.migrate
from cli.commands import _app_arguments
from models.health import EarlyCheck
from services import activities, records
from services.activities import ActivityFilter
from services.demo import load_demo
from ui import launcher
from ui.main_window import MainWindow
from ui.pages.registry import PAGES, page_infos

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo_db(db):
    with db.session_factory.begin() as s:
        load_demo(s)
    return db


@pytest.fixture
def loaded(qtbot, demo_db, ui_settings):
    window, ctx = launcher.build_window(demo_db, ui_settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, ctx


def _close(qtbot, window: MainWindow) -> None:
    window.close()
    qtbot.wait(10)


def _outdated(path: Path) -> None:
    """A database one migration behind: the app backs it up and migrates it before use."""
    from alembic import command

    database = models.migrate.open_database(str(path))
    with database.engine.begin() as conn:
        command.downgrade(models.migrate.alembic_config(conn), "0004")
    database.dispose()


def test_window_is_painted_before_the_database_is_opened(qtbot, tmp_path, ui_settings,
                                                           monkeypatch):
    # A file to migrate is opened (backed up, migrated) before the start page is filled, as
    # before the quick first fill: only an up-to-date file is read before it is opened.
    path = tmp_path / "k.db"
    _outdated(path)
    seen: list[tuple[str, object]] = []
    real_open = models.migrate.open_database

    def recording_open(db, **options):  # noqa: ANN001, ANN003, ANN202
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        stack = window.findChild(QStackedWidget, "pages")
        seen.append(("open", (window.has_painted(), window.is_loaded(), stack.isEnabled(),
                              window.statusBar().currentMessage())))
        seen.append(("early_check", options.get("early_check")))
        return real_open(db, **options)

    monkeypatch.setattr(models.migrate, "open_database", recording_open)
    monkeypatch.setattr(launcher, "FIRST_PAINT_FALLBACK_MS", 60_000)  # only the paint, here
    early = EarlyCheck(path)  # launch() starts it once it holds the single-instance lock
    startup = launcher.start_window(str(path), ui_settings, early_check=early)
    window = startup.window
    qtbot.addWidget(window)
    window.firstPainted.connect(lambda: seen.append(("painted", None)))
    # Before the first frame: the real window, loading, every page only a frame.
    assert not window.is_loaded()
    assert window.page_keys() == [info.key for info in PAGES]
    assert not any(window.is_built(key) for key in window.page_keys())
    assert not window.search_action.isEnabled()
    qtbot.waitUntil(lambda: startup.ctx is not None, timeout=20_000)
    assert seen[0] == ("open", (True, False, False, "در حال باز کردن پایگاه داده…"))
    assert seen[1] == ("early_check", early)  # the quick_check started before the first frame
    assert window.is_loaded() and window.findChild(QStackedWidget, "pages").isEnabled()
    assert window.search_action.isEnabled()
    # The start page was built with its data; the others wait until shown.
    assert window.current_page_key() == "dashboard" and window.is_built("dashboard")
    assert not window.is_built("directory") and not window.is_built("reports")
    assert startup.exit_code is None
    assert startup.database.revision() == models.migrate.head_revision()
    assert list((tmp_path / "backups").glob("k-before-migration-*.db"))
    _close(qtbot, window)
    startup.database.dispose()


def _demo_file(path: Path) -> Path:
    from services.workspace import open_workspace

    with open_workspace(str(path)) as database:
        database.load_demo()
    return path


def _dashboard_state(page) -> dict:  # noqa: ANN001 - a DashboardPage
    """Everything the dashboard shows, as text."""
    from PySide6.QtCharts import QBarSeries

    def combo(box):  # noqa: ANN001, ANN202
        return [box.itemText(i) for i in range(box.count())], box.currentText()

    upcoming = page.upcoming
    bars = [s for s in page.chart.series() if isinstance(s, QBarSeries)]
    return {
        "cards": {key: (card.value.text(), card.detail.text()) for key, card in page.cards.items()},
        "clusters": combo(page.cluster_combo), "years": combo(page.year_combo),
        "note": (page.year_note.text(), page.year_note.isVisibleTo(page)),
        "upcoming": [[upcoming.item(r, c).text() for c in range(upcoming.columnCount())]
                     for r in range(upcoming.rowCount())],
        "chart": (page.chart.title(), [[bar_set.at(i) for i in range(bar_set.count())]
                                       for b in bars for bar_set in b.barSets()],
                  page.chart_categories),
        "empty": page.upcoming_empty.isVisibleTo(page),
    }


def test_the_dashboard_is_filled_before_the_database_is_opened(qtbot, tmp_path, ui_settings,
                                                               monkeypatch):
    from ui.pages.dashboard import DashboardPage

    path = _demo_file(tmp_path / "k.db")
    seen: list[tuple] = []
    real_open = models.migrate.open_database

    def recording_open(db, **options):  # noqa: ANN001, ANN003, ANN202
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        built = window.is_built("dashboard")
        seen.append((window.is_loaded(), built,
                     _dashboard_state(window.page("dashboard")) if built else None))
        return real_open(db, **options)

    monkeypatch.setattr(models.migrate, "open_database", recording_open)
    monkeypatch.setattr(launcher, "FIRST_PAINT_FALLBACK_MS", 60_000)  # only the paints, here
    startup = launcher.start_window(str(path), ui_settings, early_check=EarlyCheck(path))
    window = startup.window
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: startup.ctx is not None, timeout=20_000)
    # Opened once the dashboard was on screen with its data, read with plain sqlite3.
    assert len(seen) == 1 and seen[0][:2] == (True, True)
    shown = seen[0][2]
    assert shown["cards"]["meetings"][0] not in ("۰", "—") and shown["upcoming"] is not None
    assert startup.exit_code is None and startup.ctx.db is startup.database
    # What it showed is what the services show, and nothing was read again.
    assert _dashboard_state(window.page("dashboard")) == shown
    again = DashboardPage(startup.ctx)
    qtbot.addWidget(again)
    again.resize(window.page("dashboard").size())
    assert _dashboard_state(again) == shown
    # The window goes on as before: the other pages, the actions.
    assert window.search_action.isEnabled()
    window.show_page("activities")
    assert window.is_built("activities")
    assert getattr(startup.ctx, "backup_scheduler", None) is not None
    _close(qtbot, window)
    startup.database.dispose()


def test_a_page_asked_for_before_the_database_is_opened_opens_it(qtbot, tmp_path,
                                                                ui_settings, monkeypatch):
    path = _demo_file(tmp_path / "k.db")
    monkeypatch.setattr(launcher.Startup, "_open_pending", lambda self: None)  # not by itself
    startup = launcher.start_window(str(path), ui_settings, early_check=EarlyCheck(path))
    window = startup.window
    qtbot.addWidget(window)
    qtbot.waitUntil(window.is_loaded, timeout=20_000)
    assert startup.ctx is None and startup.database is None  # the dashboard only, so far
    window.show_page("activities")  # the page asks its context for the database: opened now
    assert window.is_built("activities") and startup.ctx is not None
    assert startup.ctx.db is startup.database
    _close(qtbot, window)
    startup.database.dispose()


def test_a_window_that_never_paints_still_opens_its_database(qtbot, db, ui_settings,
                                                             monkeypatch):
    from PySide6.QtWidgets import QMainWindow

    # Started minimized or on another desktop: no paint event ever comes.
    monkeypatch.setattr(MainWindow, "paintEvent", QMainWindow.paintEvent)
    monkeypatch.setattr(launcher, "FIRST_PAINT_FALLBACK_MS", 50)
    startup = launcher.start_window(str(db.path), ui_settings)
    qtbot.addWidget(startup.window)
    qtbot.waitUntil(lambda: startup.ctx is not None, timeout=20_000)
    assert startup.window.is_loaded() and not startup.window.has_painted()
    _close(qtbot, startup.window)
    startup.database.dispose()


def test_a_refused_database_is_explained_over_the_window(qtbot, tmp_path, ui_settings,
                                                          shown_errors):
    import sqlite3

    foreign = tmp_path / "other.db"
    con = sqlite3.connect(foreign)
    con.execute("create table notes (x)")
    con.commit()
    con.close()
    ended: list[int] = []
    # (Not QApplication.exit here: it would end every later event loop of the test session.)
    startup = launcher.start_window(str(foreign), ui_settings, on_failed=ended.append)
    qtbot.addWidget(startup.window)
    qtbot.waitUntil(lambda: startup.exit_code is not None, timeout=20_000)
    assert startup.exit_code == 2 and startup.ctx is None and ended == [2]
    assert shown_errors and "خوشه" in shown_errors[0][0]
    assert not startup.window.isVisible()


def test_a_page_requested_before_it_existed_gets_the_request(qtbot, loaded, monkeypatch):
    window, ctx = loaded
    from ui.pages import clusters

    opened: list[tuple[str, str]] = []
    monkeypatch.setattr(clusters, "open_record_form",
                        lambda _ctx, kind, record_id, _parent: opened.append((kind, record_id)))
    cluster = records.list_records(ctx.db, "cluster")[0]
    assert not window.is_built("clusters")
    ctx.openRecordRequested.emit("cluster", cluster.id)
    assert window.is_built("clusters")
    assert opened == [("cluster", cluster.id)]  # once: not again through the page's own slot
    ctx.openRecordRequested.emit("cluster", cluster.id)
    assert len(opened) == 2  # later requests come through the page's own connection
    _close(qtbot, window)


def test_a_report_requested_before_the_reports_page_existed_is_built(qtbot, loaded,
                                                                    shown_errors):
    window, ctx = loaded
    ids = activities.activity_ids(ctx.db, ActivityFilter(kind="meeting"))
    meeting = activities.get_activity(ctx.db, ids[0])
    assert not window.is_built("reports")
    ctx.reportRequested.emit("minutes", {"meeting": meeting.id,
                                         "cluster_id": meeting.activity["cluster_id"]})
    page = window.page("reports")
    assert window.current_page_key() == "reports"
    qtbot.waitUntil(lambda: page.document.status() == QPdfDocument.Status.Ready, timeout=60_000)
    assert not shown_errors
    assert page.kind.currentData() == "minutes"
    _close(qtbot, window)


def test_shortcuts_build_their_page_from_any_page(qtbot, loaded):
    window, ctx = loaded
    window.activateWindow()
    assert not window.is_built("directory")
    QTest.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "directory" and window.is_built("directory")
    QTest.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "reports" and window.is_built("reports")
    from ui.activity_form import ActivityForm, open_forms
    from ui.search_dialog import SearchDialog

    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(isinstance(f, ActivityForm) for f in open_forms()))
    for form in open_forms():
        form.force_close()
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, SearchDialog)]
    assert dialogs and dialogs[-1].isVisible()
    for dialog in dialogs:
        dialog.close()
    ctx.showPageRequested.emit("trash")
    assert window.current_page_key() == "trash" and window.is_built("trash")
    _close(qtbot, window)


def test_search_hit_shows_the_page_then_opens_the_record_once(qtbot, loaded, monkeypatch):
    window, ctx = loaded
    from ui.pages import directory

    opened: list[tuple[str, str]] = []
    monkeypatch.setattr(directory, "open_record_form",
                        lambda _ctx, kind, record_id, _parent: opened.append((kind, record_id)))
    firm = records.list_records(ctx.db, "firm")[0]
    # What the search dialog sends for a firm: show its page, then open the record.
    ctx.showPageRequested.emit("directory")
    ctx.openRecordRequested.emit("firm", firm.id)
    assert window.current_page_key() == "directory"
    assert opened == [("firm", firm.id)]
    _close(qtbot, window)


def test_page_chosen_while_loading_is_built_when_loaded(qtbot, ui_settings):
    window = MainWindow(ui_settings)
    qtbot.addWidget(window)
    built: list[str] = []

    def factory(key: str):  # noqa: ANN202
        built.append(key)
        return QLabel(key)

    for key in ("a", "b", "c"):
        window.register_page(key, key, factory=lambda key=key: factory(key))
    window.set_loading("…")
    window.show_page("b")
    assert built == [] and window.current_page_key() == "b"
    window.set_loaded()
    assert built == ["b"] and window.current_page_key() == "b"
    assert window.page("b").text() == "b"
    window.show_page("c")
    assert built == ["b", "c"]
    assert window.page("a").text() == "a" and window.current_page_key() == "c"


def test_a_start_page_that_fails_to_build_leaves_the_window_usable(qtbot, ui_settings):
    window = MainWindow(ui_settings)
    qtbot.addWidget(window)
    attempts: list[int] = []

    def broken():  # noqa: ANN202
        attempts.append(1)
        raise RuntimeError("the start page failed")

    window.register_page("start", "start", factory=broken)
    window.register_page("other", "other", factory=lambda: QLabel("other"))
    window.set_loading("…")
    with pytest.raises(RuntimeError):
        window.set_loaded()
    stack = window.findChild(QStackedWidget, "pages")
    assert stack.isEnabled() and window.search_action.isEnabled()
    assert not window.is_built("start")
    window.show_page("other")
    assert window.page("other").text() == "other"
    with pytest.raises(RuntimeError):
        window.show_page("start")  # tried again, not left half-built
    assert len(attempts) == 2


def test_registry_matches_the_page_modules():
    from ui.page import Page

    for info in page_infos():
        module = info.module
        pages = [obj for obj in vars(module).values() if isinstance(obj, type)
                 and issubclass(obj, Page) and obj.__module__ == module.__name__]
        assert [page.key for page in pages] == [info.key], info.module_name
        if info.opens:  # connect_unbuilt_pages hands the missed request to open_record
            assert callable(getattr(pages[0], "open_record", None))
        if info.takes_reports:
            assert callable(getattr(pages[0], "request", None))
    from ui.pages import directory

    assert set(next(i for i in PAGES if i.key == "directory").opens) == set(directory.KINDS)


def test_command_line_without_a_subcommand_skips_the_subcommand_parser():
    assert _app_arguments(["--db", "x.db"]).db == "x.db"
    assert _app_arguments([]).db is None
    assert _app_arguments(["--db", "x.db", "--screenshot", "a.png", "--page", "trash"]).page == \
        "trash"
    for argv in (["demo", "--db", "x"], ["-h"], ["--help"], ["--lang", "xx"], ["--db"],
                 ["--scr", "a.png"], ["check"]):
        assert _app_arguments(argv) is None, argv


_BEFORE_FIRST_FRAME = """
import json, sys
from ui import launcher
def stop(self):
    heavy = sorted(m for m in sys.modules if m.split(".")[0] in
                   ("sqlalchemy", "alembic", "reportlab", "openpyxl", "services", "reports")
                   or m in ("models.entities", "models.database", "models.migrate"))
    pages = sorted(m for m in sys.modules if m.startswith("ui.pages.") and m != "ui.pages.registry")
    print("RESULT:" + json.dumps({"heavy": heavy[:20], "pages": pages,
                                  "painted": self.window.has_painted()}), flush=True)
    import os
    os._exit(0)
launcher.Startup.open_database = stop
import main
main.main(["--db", sys.argv[1]])
"""


def test_nothing_heavy_is_imported_before_the_first_frame(tmp_path):
    db = tmp_path / "k.db"
    models.migrate.open_database(str(db)).dispose()
    result = _app_child(_BEFORE_FIRST_FRAME, db, tmp_path)
    assert result == {"heavy": [], "pages": [], "painted": True}


def _app_child(code: str, db: Path, tmp_path: Path) -> dict:
    """Runs `code` (which starts the app on `db`) in a fresh process; its RESULT: line."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KHOOSHE_DATA_DIR=str(tmp_path / "data"),
               HOME=str(tmp_path / "home"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code, str(db)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT:")), None)
    assert line is not None, out.stderr
    return json.loads(line[len("RESULT:"):])


_DATA_SHOWN = """
import json, sys
from ui import launcher
def stop(self):
    heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "alembic")
                   or m in ("models.entities", "models.database", "services.stats"))
    page = self.window.page("dashboard")
    print("RESULT:" + json.dumps({"heavy": heavy[:20], "loaded": self.window.is_loaded(),
                                  "meetings": page.figure_text("meetings")}), flush=True)
    import os
    os._exit(0)
launcher.Startup._open_pending = stop
import main
main.main(["--db", sys.argv[1]])
"""


def test_the_dashboard_shows_its_data_before_sqlalchemy_is_imported(tmp_path):
    result = _app_child(_DATA_SHOWN, _demo_file(tmp_path / "k.db"), tmp_path)
    assert result["heavy"] == [] and result["loaded"]
    assert result["meetings"] not in ("۰", "—")


def test_the_start_page_does_not_import_the_record_lists_and_forms():
    # The dashboard is built on the way to "data shown"; ui.record_table (and through it the
    # record form and services.forms) cost ~37 ms there for one number formatter.
    code = ("import sys; import ui.pages.dashboard; "
            "print(sorted(m for m in sys.modules if m in ('ui.record_table', 'ui.record_form', "
            "'services.forms') or m.split('.')[0] in ('sqlalchemy', 'services')))")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stderr


def test_only_an_up_to_date_sqlite_file_is_read_before_it_is_opened(qtbot, tmp_path,
                                                                    ui_settings):
    """A server, a first start (the demo goes in) or another start page: the usual way."""
    path = _demo_file(tmp_path / "k.db")
    window = launcher.build_shell(ui_settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.has_painted)

    def figures(db: str, *, first_run: bool = False, early: bool = True):  # noqa: ANN202
        startup = launcher.Startup(window, db, first_run, ui_settings,
                                   early_check=EarlyCheck(path) if early else None)
        return startup._read_start_figures()

    assert figures(str(path)) is not None
    assert figures("postgresql+psycopg://khooshe@127.0.0.1:5432/office", early=False) is None
    assert figures(str(path), early=False) is None  # no check of the file started
    assert figures(str(tmp_path / "new.db"), first_run=True) is None
    window.show_page("reports")
    assert figures(str(path)) is None
