"""Column widths the user sets on a list are remembered for next time."""

from __future__ import annotations

from services import records
from ui.context import AppContext
from ui.record_table import Column, RecordTable


def make_table(ctx: AppContext) -> RecordTable:
    columns = [Column("نام", lambda r: r.title, lambda r: r.title),
               Column("شهر", lambda r: r.get("city"), lambda r: r.get("city") or "")]
    return RecordTable(ctx, columns, lambda: records.list_records(ctx.db, "firm"), kind="firm")


def test_dragged_width_is_kept_for_the_next_table(qtbot, db, ui_settings) -> None:
    records.create(db, "firm", {"name": "کارگاه", "city": "لار"})
    ctx = AppContext(db, ui_settings)
    first = make_table(ctx)
    qtbot.addWidget(first)
    first.refresh()
    first.view.horizontalHeader().resizeSection(0, 333)
    second = make_table(ctx)
    qtbot.addWidget(second)
    second.refresh()
    assert second.view.horizontalHeader().sectionSize(0) == 333
