"""Figure 7: peak RSS of the app on the database after every page was opened.

A fresh child (``python -m benchmarks.memory app DB``) builds the real main window with every
registered page (``ui.launcher.build_window``), shows it, opens each page in turn letting it
settle, then reads its peak RSS: VmHWM from /proc/self/status (``common.peak_rss_kb``) — Linux
keeps ru_maxrss across fork+exec, so a child of a parent that once held 600 MB would report 600 MB.
The baseline is a child showing a bare PySide6 QMainWindow (the floor for any Qt app).
"""

from __future__ import annotations

import os
import sys

from benchmarks.common import Figure, Settings, median, run_child

LIMIT_MB = 250.0


def _child(mode: str, db_path: str | None) -> None:
    import tempfile

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from benchmarks.common import emit, peak_rss_kb

    pages: list[str] = []
    if mode == "app":
        from models.migrate import open_database
        from ui.app_setup import create_application
        from ui.launcher import build_window
        from ui.settings_store import UiSettings

        app = create_application(["bench"], language="fa")
        database = open_database(db_path)
        window, _ctx = build_window(database, UiSettings(tempfile.mkdtemp() + "/ui.ini"))
        window.resize(1280, 800)
        window.show()
        for key in window.page_keys():
            window.show_page(key)
            for _ in range(5):
                QCoreApplication.processEvents()
            pages.append(key)
    else:
        app = QApplication(["bench"])
        window = QMainWindow()
        window.setCentralWidget(QLabel("Khooshe"))
        window.resize(1280, 800)
        window.show()
        for _ in range(5):
            QCoreApplication.processEvents()
    emit({"maxrss_kb": peak_rss_kb(), "pages": pages})
    del app
    os._exit(0)


def run(settings: Settings, databases: dict[int, str]) -> list[Figure]:
    runs = settings.reps(1, 3)
    bare = median([run_child(["-m", "benchmarks.memory", "bare"], settings.work_dir)[1]
                   ["maxrss_kb"] for _ in range(runs)]) / 1024
    figures = []
    for scale, db in databases.items():
        results = [run_child(["-m", "benchmarks.memory", "app", db], settings.work_dir)[1]
                   for _ in range(runs)]
        peak = median([r["maxrss_kb"] for r in results]) / 1024
        figures.append(Figure(
            key="peak_rss", label="peak RSS, every page opened", scale=scale, value=peak,
            unit="MB", baseline=bare, baseline_label="bare QMainWindow",
            target=f"≤ {LIMIT_MB:g} MB", met=peak <= LIMIT_MB, runs=runs,
            details={"pages": results[0]["pages"]}))
    return figures


if __name__ == "__main__":
    _child(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
