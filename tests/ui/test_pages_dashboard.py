"""The dashboard shows the demo cluster's figures for 1404 exactly as the stats service counts them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from persian.digits import fa_number
from persian.jalali import MONTH_NAMES, year_period
from services import records, stats
from services.demo import load_demo
from ui.context import AppContext


@pytest.fixture
def demo_ctx(db, ui_settings):
    with db.session_factory.begin() as s:
        load_demo(s)
    ctx = AppContext(db, ui_settings)
    cid = next(c.id for c in records.list_records(db, "cluster") if c.title == "مسقطی لاری")
    ctx.set_cluster_id(cid)
    return ctx, cid


def test_dashboard_figures_match_cluster_summary(qtbot, demo_ctx):
    from ui.pages import dashboard

    ctx, cid = demo_ctx
    page = dashboard.create_page(ctx)
    qtbot.addWidget(page)
    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert page.cluster_combo.currentText() == "مسقطی لاری"
    page.set_year(1404)
    period = year_period(1404)
    s = stats.cluster_summary(ctx.db, cid, period.start, period.end)
    assert s.meetings > 0 and s.trainings > 0
    assert page.figure_text("meetings") == fa_number(s.meetings)
    assert page.figure_text("trainings") == fa_number(s.trainings)
    assert page.figure_text("tours") == fa_number(s.tours)
    assert page.figure_text("exhibitions") == fa_number(s.exhibitions)
    assert page.figure_text("joint_actions") == fa_number(s.joint_actions_done)
    assert page.figure_text("open_resolutions") == fa_number(s.open_resolutions)
    assert page.figure_text("overdue_resolutions") == fa_number(s.overdue_resolutions)
    assert fa_number(s.training_participants) in page.cards["trainings"].detail.text()
    assert sorted(page.chart_categories) == sorted(MONTH_NAMES)
    # Right to left: Farvardin sits at the reading start (the right end of the axis).
    assert page.chart_categories[-1] == MONTH_NAMES[0]


def test_overdue_card_asks_for_followup_page(qtbot, demo_ctx):
    from ui.pages import dashboard

    ctx, _ = demo_ctx
    page = dashboard.create_page(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(ctx.showPageRequested) as blocker:
        qtbot.mouseClick(page.cards["overdue_resolutions"], Qt.MouseButton.LeftButton)
    assert blocker.args == ["followup"]
