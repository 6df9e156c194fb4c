"""«Export to Excel» on the lists: every row as shown, right-to-left, Persian headers."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from services.activities import ActivityFilter, count_activities
from services.demo import load_demo
from ui.context import AppContext
from ui.pages.activities import ActivitiesPage
from ui.pages.directory import create_page as create_directory


@pytest.fixture
def ctx(db, ui_settings):
    with db.session_factory.begin() as s:
        load_demo(s)
    return AppContext(db, ui_settings)


def test_activities_list_exports_every_row(qtbot, ctx, tmp_path: Path) -> None:
    page = ActivitiesPage(ctx)
    qtbot.addWidget(page)
    target = tmp_path / "activities.xlsx"
    handle = page.export_to_excel(target)
    qtbot.waitUntil(lambda: handle.is_done() and target.exists(), timeout=20_000)
    sheet = load_workbook(target).worksheets[0]
    assert sheet.sheet_view.rightToLeft
    header = [c.value for c in sheet[1]]
    assert "عنوان" in header
    expected = count_activities(ctx.db, page.model.filter)
    assert sheet.max_row - 1 == expected
    assert expected == count_activities(ctx.db, ActivityFilter(cluster_id=page.model.filter.cluster_id))


def test_a_record_table_exports_what_it_shows(qtbot, ctx, tmp_path: Path) -> None:
    page = create_directory(ctx)
    qtbot.addWidget(page)
    table = page.tables["firm"]
    table.refresh()
    target = tmp_path / "firms.xlsx"
    handle = table.export_to_excel(target)
    qtbot.waitUntil(lambda: handle.is_done() and target.exists(), timeout=20_000)
    sheet = load_workbook(target).worksheets[0]
    assert sheet.max_row - 1 == table.row_count() > 0
    assert [c.value for c in sheet[1]] == [c.header for c in table.columns]
