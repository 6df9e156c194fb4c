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


def test_month_names_are_whole_under_their_bars_and_never_overlap(qtbot, demo_ctx):
    """QtCharts cut «اردیبهشت» to «اردیبه...» at a 1280 px window; the page draws the names."""
    from ui.pages import dashboard

    ctx, _ = demo_ctx
    page = dashboard.create_page(ctx)
    qtbot.addWidget(page)
    page.set_year(1404)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.chart.plotArea().width() > 600)
    assert page.month_label_texts() == page.chart_categories  # every name whole, in bar order
    labels = page._month_labels
    rects = sorted((item.sceneBoundingRect() for item in labels), key=lambda r: r.left())
    assert all(a.right() <= b.left() for a, b in zip(rects, rects[1:], strict=False))
    # Farvardin is drawn at the right end, under the first bar of the year.
    farvardin = next(item for item in labels if item.text() == MONTH_NAMES[0])
    assert farvardin.sceneBoundingRect().left() == rects[-1].left()
    page.resize(420, 700)  # far too narrow: names are shortened, still apart
    qtbot.waitUntil(lambda: page.chart.plotArea().width() < 400)
    qtbot.wait(50)
    rects = sorted((item.sceneBoundingRect() for item in labels), key=lambda r: r.left())
    assert all(a.right() <= b.left() + 1 for a, b in zip(rects, rects[1:], strict=False))
    shown = zip(page.month_label_texts(), page.chart_categories, strict=True)
    assert any(text != name for text, name in shown)
