"""Follow-up: overdue resolutions listed in red; marking one done removes it from the overdue view."""

from __future__ import annotations

from PySide6.QtCore import Qt

from services import followup
from services.demo import load_demo
from ui.context import AppContext
from ui.record_table import OVERDUE_COLOR


def test_overdue_listed_and_marking_done_removes_it(qtbot, db, ui_settings):
    with db.session_factory.begin() as s:
        load_demo(s)
    ctx = AppContext(db, ui_settings)
    from ui.pages import followup as page_module

    page = page_module.create_page(ctx)
    qtbot.addWidget(page)
    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    page.cluster_combo.setCurrentIndex(0)  # all clusters
    page.set_filter("overdue")
    overdue = followup.list_resolutions(db, only_overdue=True)
    assert overdue
    assert page.table.row_count() == len(overdue)
    first = page.table.model.item(0, 0)
    assert first.foreground().color() == OVERDUE_COLOR
    target = page.table.id_at(0)
    page.table.select_id(target)
    page.note_edit.setText("پیگیری تلفنی انجام شد")
    page.done_button.click()
    assert page.table.row_count() == len(overdue) - 1
    assert target not in {page.table.id_at(r) for r in range(page.table.row_count())}
    page.set_filter("all")
    assert target in {page.table.id_at(r) for r in range(page.table.row_count())}
    row = next(r for r in followup.list_resolutions(db, only_open=False) if r.id == target)
    assert row.status == "done" and "پیگیری تلفنی" in (row.followup_notes or "")


def test_double_click_asks_to_open_the_meeting(qtbot, db, ui_settings):
    with db.session_factory.begin() as s:
        load_demo(s)
    ctx = AppContext(db, ui_settings)
    from ui.pages import followup as page_module

    page = page_module.create_page(ctx)
    qtbot.addWidget(page)
    rid = page.table.id_at(0)
    with qtbot.waitSignal(ctx.openRecordRequested) as blocker:
        page.table.activated.emit(rid)
    meeting = next(r.meeting_id for r in page.table.rows if r.id == rid)
    assert blocker.args == ["activity", meeting]
