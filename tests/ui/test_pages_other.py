"""Clusters, action plan, joint actions and settings pages build on the demo and read right to left."""

from __future__ import annotations

import importlib

import pytest
from PySide6.QtCore import Qt

from services import changes, plans, records
from services import settings as db_settings
from ui.context import AppContext
from ui.page import Page
from ui.pages.registry import PAGE_MODULES

MINE = ["dashboard", "clusters", "followup", "directory", "action_plan", "joint_actions",
        "trash", "settings_page"]


def test_registry_lists_pages_in_order():
    names = [m.rsplit(".", 1)[1] for m in PAGE_MODULES]
    mine = [n for n in names if n in MINE]
    assert mine == MINE


@pytest.mark.parametrize("name", MINE)
def test_page_builds_right_to_left(qtbot, demo_ctx, name):
    module = importlib.import_module(f"ui.pages.{name}")
    page = module.create_page(demo_ctx)
    qtbot.addWidget(page)
    assert isinstance(page, Page) and page.ctx is demo_ctx
    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # Refreshing on any change must not fail (as after a restore or an exchange import).
    changes.publish(demo_ctx.db, changes.Changes.all())


def test_clusters_page_shows_standing_and_sets_cluster(qtbot, demo_ctx):
    from ui.pages import clusters

    page = clusters.create_page(demo_ctx)
    qtbot.addWidget(page)
    assert page.table.row_count() == len(records.list_records(demo_ctx.db, "cluster"))
    assert "توسعه‌یافته" in page.standing_label.text()
    other = next(r.id for r in page.table.rows if r.name != "مسقطی لاری")
    page.table.select_id(other)
    with qtbot.waitSignal(demo_ctx.clusterChanged):
        page.work_button.click()
    assert demo_ctx.cluster_id == other


def test_action_plan_marks_computed_actuals(qtbot, demo_ctx):
    from ui.pages import action_plan

    page = action_plan.create_page(demo_ctx)
    qtbot.addWidget(page)
    lines = plans.plan_vs_actual(demo_ctx.db, demo_ctx.cluster_id)
    assert page.table.rowCount() == len(lines) > 0
    computed = [i for i, line in enumerate(lines) if line.computed]
    assert computed
    assert page.table.item(computed[0], 4).text().startswith("⚙")
    assert page.table.cellWidget(computed[0], 5).value() > 0


def test_joint_actions_listed_for_cluster(qtbot, demo_ctx):
    from ui.pages import joint_actions

    page = joint_actions.create_page(demo_ctx)
    qtbot.addWidget(page)
    expected = records.list_records(demo_ctx.db, "joint_action", cluster_id=demo_ctx.cluster_id)
    assert page.table.row_count() == len(expected) > 0


def test_settings_saved_and_language_notice(qtbot, db, ui_settings):
    from ui.pages import settings_page

    ctx = AppContext(db, ui_settings)
    page = settings_page.create_page(ctx)
    qtbot.addWidget(page)
    page.org_edit.setText("شرکت شهرک‌های صنعتی فارس")
    page.language_combo.setCurrentIndex(page.language_combo.findData("en"))
    page.save_button.click()
    assert db_settings.get_setting(db, "organisation_name") == "شرکت شهرک‌های صنعتی فارس"
    assert ui_settings.language() == "en"
    assert page.language_notice.text()
