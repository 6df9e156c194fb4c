"""The reports page: build in the background, preview inside the app, save and print."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument

from services import activities, records
from services.activities import ActivityFilter
from services.demo import load_demo
from ui.context import AppContext
from ui.pages.reports import ReportsPage


@pytest.fixture
def page(qtbot, db, ui_settings):
    with db.session_factory.begin() as session:
        load_demo(session)
    ctx = AppContext(db, ui_settings)
    widget = ReportsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    return widget


def pick(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def test_performance_report_is_built_previewed_saved_and_printed(qtbot, page, tmp_path: Path):
    cluster = next(c for c in records.list_records(page.ctx.db, "cluster") if c.title == "مسقطی لاری")
    pick(page.kind, "performance")
    pick(page.cluster, cluster.id)
    pick(page.period_kind, "year")
    pick(page.year, 1404)
    page.generate_button.click()
    qtbot.waitUntil(lambda: page.document.status() == QPdfDocument.Status.Ready, timeout=30_000)
    assert page.document.pageCount() >= 2
    assert page.save_button.isEnabled() and page.print_button.isEnabled()
    target = tmp_path / "saved.pdf"
    page.save_to(target)
    assert target.read_bytes()[:4] == b"%PDF"

    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    page.print_to(printer)
    assert (tmp_path / "printed.pdf").stat().st_size > 1000


def test_minutes_requested_from_a_meeting(qtbot, page):
    ids = activities.activity_ids(page.ctx.db, ActivityFilter(kind="meeting"))
    meeting = activities.get_activity(page.ctx.db, ids[0])
    page.ctx.reportRequested.emit("minutes", {"meeting": meeting.id,
                                              "cluster_id": meeting.activity["cluster_id"]})
    qtbot.waitUntil(lambda: page.document.status() == QPdfDocument.Status.Ready, timeout=30_000)
    assert page.kind.currentData() == "minutes"
    assert page.document.pageCount() >= 1


def test_missing_choice_is_a_persian_message_not_a_crash(qtbot, page, shown_errors):
    pick(page.kind, "performance")
    pick(page.period_kind, "custom")
    page.generate_button.click()
    assert shown_errors and "دوره" in shown_errors[-1][0] or shown_errors
    assert page.current_pdf is None
