"""Trash: a deleted firm is listed with its kind and restored from the page; the directory's undo."""

from __future__ import annotations

from PySide6.QtCore import Qt

from services import records
from ui.context import AppContext


def test_trash_restores_deleted_firm(qtbot, db, ui_settings):
    ctx = AppContext(db, ui_settings)
    firm = records.create(db, "firm", {"name": "بنگاه حذف‌شده"})
    records.delete(db, "firm", firm.id)
    from ui.pages import trash

    page = trash.create_page(ctx)
    qtbot.addWidget(page)
    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert page.table.row_count() == 1
    assert page.table.text_at(0, 0) == "بنگاه"
    assert page.table.text_at(0, 1) == "بنگاه حذف‌شده"
    assert page.table.text_at(0, 2)[:2] == "۱۴"  # a Jalali year in Persian digits
    page.table.select_id(f"firm:{firm.id}")
    with qtbot.waitSignal(ctx.dataChanged):
        page.restore_button.click()
    assert records.get(db, "firm", firm.id).deleted_at is None
    assert page.table.row_count() == 0


def test_directory_delete_key_and_undo(qtbot, db, ui_settings):
    ctx = AppContext(db, ui_settings)
    firm = records.create(db, "firm", {"name": "بنگاه نمونه", "employees": 12})
    from ui.pages import directory

    page = directory.create_page(ctx)
    qtbot.addWidget(page)
    page.only_cluster.setChecked(False)
    table = page.tables["firm"]
    assert table.row_count() == 1
    assert "کوچک" in [table.text_at(0, c) for c in range(len(table.columns))]
    table.select_id(firm.id)
    qtbot.keyClick(table.view, Qt.Key.Key_Delete)
    assert table.row_count() == 0
    assert not table.undo_bar.isHidden()
    table.undo_button.click()
    assert table.row_count() == 1
    assert records.get(db, "firm", firm.id).deleted_at is None
