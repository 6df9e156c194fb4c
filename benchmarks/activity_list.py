"""Figure 2: the activities list — time to first rows, and the slowest step while scrolling.

Measured in a fresh child process per database (``python -m benchmarks.activity_list DB N``):

* first rows: from creating ``ActivitiesPage`` (which builds its ``ActivityModel`` and reads the
  ids) to the end of the first paint of the table with rows in it, inside a shown 1280×800
  window. Median of several openings; the service part alone (model reload + first page of rows)
  is kept in the details. Baseline: the first 200 rows straight from sqlite3 in the same process.
* scrolling: the table's vertical scroll bar is driven to the end — jumps spread evenly over the
  whole range (as when the thumb is dragged, each landing on rows not read yet) and then
  page-down steps — each step is ``setValue`` + ``processEvents`` until the viewport has
  painted. The slowest single step is the figure; the baseline is the same walk over a
  QTableView whose model has as many rows and answers with constant strings (Qt's own cost).
"""

from __future__ import annotations

import json
import sys
import time

from benchmarks.common import Figure, Settings, run_child

FIRST_ROWS_MS = 100.0
SCROLL_STEP_MS = 50.0

FIRST_PAGE_SQL = (
    "SELECT a.id, a.kind, a.title, c.name, a.start_date, a.end_date, a.city, a.status "
    "FROM activity a JOIN cluster c ON c.id = a.cluster_id WHERE a.deleted_at IS NULL "
    "ORDER BY a.start_date DESC, a.id DESC LIMIT 200"
)


def _child(db_path: str, openings: int, jumps: int, pages: int) -> None:
    import sqlite3
    import tempfile

    from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QEvent, QObject, Qt
    from PySide6.QtWidgets import QMainWindow, QTableView

    from benchmarks.common import emit, median
    from models.migrate import open_database
    from services.activities import ActivityFilter
    from ui.activity_model import ActivityModel
    from ui.app_setup import create_application
    from ui.context import AppContext
    from ui.pages.activities import ActivitiesPage
    from ui.settings_store import UiSettings

    app = create_application(["bench"], language="fa")
    db = open_database(db_path)
    settings = UiSettings(tempfile.mkdtemp() + "/ui.ini")
    ctx = AppContext(db, settings)

    class Painted(QObject):
        count = 0

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    def wait_paint(watch: Painted, before: int, limit_s: float = 5.0) -> None:
        deadline = time.perf_counter() + limit_s
        while watch.count == before and time.perf_counter() < deadline:
            QCoreApplication.processEvents()
        QCoreApplication.processEvents()  # what the paint posted (deferred fetches, timers)

    # -- baseline: the first screen's rows straight from SQLite --------------------------------
    raw = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    raw_times = []
    for _ in range(max(3, openings)):
        start = time.perf_counter()
        raw.execute(FIRST_PAGE_SQL).fetchall()
        raw_times.append(time.perf_counter() - start)
    raw.close()

    # -- service/model part alone -----------------------------------------------------------
    model_times = []
    for _ in range(openings):
        start = time.perf_counter()
        model = ActivityModel(db)
        model.set_filter(ActivityFilter())
        model.row_data(0)
        model_times.append(time.perf_counter() - start)

    # -- the page: construct, show, first paint with rows ---------------------------------------
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    QCoreApplication.processEvents()
    open_times = []
    page = None
    watch = Painted()
    for _ in range(openings):
        if page is not None:
            page.table.viewport().removeEventFilter(watch)
            page.deleteLater()
            QCoreApplication.processEvents()
        before = watch.count
        start = time.perf_counter()
        page = ActivitiesPage(ctx)
        page.table.viewport().installEventFilter(watch)
        window.setCentralWidget(page)
        wait_paint(watch, before)
        open_times.append(time.perf_counter() - start)
    assert page is not None
    rows = page.model.rowCount()
    loads_before = page.model.page_loads

    def scroll_walk(view: QTableView, viewport_watch: Painted) -> list[float]:
        bar = view.verticalScrollBar()
        top = bar.maximum()
        targets = [round(top * (i + 1) / jumps) for i in range(jumps)] if jumps else []
        # Then page-down steps from the top, as with the keyboard or the wheel.
        targets += [min(top, bar.pageStep() * (i + 1)) for i in range(pages)]
        if targets and pages:
            targets.insert(jumps, 0)
        steps = []
        for value in targets:
            before = viewport_watch.count
            start = time.perf_counter()
            bar.setValue(value)
            wait_paint(viewport_watch, before, 2.0)
            steps.append(time.perf_counter() - start)
        return steps

    steps = scroll_walk(page.table, watch)
    loads = page.model.page_loads - loads_before

    # -- baseline view: same size and row count, constant data --------------------------------
    class Constant(QAbstractTableModel):
        def rowCount(self, parent=None) -> int:  # noqa: ANN001, N802 - Qt API
            return rows

        def columnCount(self, parent=None) -> int:  # noqa: ANN001, N802 - Qt API
            return 8

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN201
            if role == Qt.ItemDataRole.DisplayRole:
                return "بسته‌بندی — شیراز"
            return None

    plain_model = Constant()
    plain = QTableView()
    plain.setModel(plain_model)
    plain.verticalHeader().setVisible(False)
    plain.verticalHeader().setDefaultSectionSize(30)
    plain_watch = Painted()
    plain.viewport().installEventFilter(plain_watch)
    window.setCentralWidget(plain)
    wait_paint(plain_watch, 0)
    plain_steps = scroll_walk(plain, plain_watch)
    emit({
        "rows": rows, "open_s": open_times, "model_s": model_times, "raw_s": raw_times,
        "steps_s": steps, "plain_steps_s": plain_steps, "page_loads": loads,
        "median_step_s": median(steps) if steps else None,
    })
    db.dispose()
    del app


def run(settings: Settings, databases: dict[int, str]) -> list[Figure]:
    openings = settings.reps(3, 7)
    jumps, pages = (40, 20) if settings.quick else (200, 100)
    figures = []
    for scale, db in databases.items():
        _, r = run_child(["-m", "benchmarks.activity_list", db,
                          json.dumps([openings, jumps, pages])], settings.work_dir, timeout=600)
        from benchmarks.common import median

        first = median(r["open_s"]) * 1000
        raw = median(r["raw_s"]) * 1000
        figures.append(Figure(
            key="list_first_rows", label="activities: first rows painted", scale=scale,
            value=first, unit="ms", baseline=raw, baseline_label="sqlite3 first 200 rows",
            target=f"≤ {FIRST_ROWS_MS:g} ms", met=first <= FIRST_ROWS_MS, runs=openings,
            details={"open_ms": [round(x * 1000, 1) for x in r["open_s"]],
                     "model_reload_and_first_page_ms": [round(x * 1000, 1) for x in r["model_s"]],
                     "rows": r["rows"]}))
        worst = max(r["steps_s"]) * 1000
        plain_worst = max(r["plain_steps_s"]) * 1000
        figures.append(Figure(
            key="list_scroll_worst", label="activities: slowest scroll step", scale=scale,
            value=worst, unit="ms", baseline=plain_worst, baseline_label="constant model",
            target=f"< {SCROLL_STEP_MS:g} ms", met=worst < SCROLL_STEP_MS,
            runs=len(r["steps_s"]),
            details={"median_step_ms": round(r["median_step_s"] * 1000, 2),
                     # (ms, step index): steps before `jumps` are thumb jumps, then page-downs
                     "slowest_steps": sorted(((round(t * 1000, 1), i) for i, t in
                                              enumerate(r["steps_s"])), reverse=True)[:5],
                     "page_loads": r["page_loads"], "jumps": jumps, "page_steps": pages}))
    return figures


if __name__ == "__main__":
    _openings, _jumps, _pages = json.loads(sys.argv[2])
    _child(sys.argv[1], _openings, _jumps, _pages)
