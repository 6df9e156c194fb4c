"""ui.table_columns measures plain-text columns from their distinct texts: the same widths as
Qt's delegate gives cell by cell, and the same columns on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QTableView

from services.demo import load_demo
from ui import table_columns
from ui.activity_model import ActivityModel
from ui.context import AppContext
from ui.pages.activities import ActivitiesPage


def _page(qtbot, db, ui_settings) -> ActivitiesPage:
    with db.session_factory.begin() as s:
        load_demo(s)
    page = ActivitiesPage(AppContext(db, ui_settings))
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def _delegate_width(view, column: int) -> int:
    model = view.model()
    widest = max((view.sizeHintForIndex(model.index(row, column)).width()
                  for row in range(min(model.rowCount(), table_columns.SAMPLE_ROWS))), default=0)
    return widest + (1 if view.showGrid() else 0) + 2 if widest else 0


def test_the_activities_model_promises_plain_text_cells() -> None:
    assert getattr(ActivityModel, table_columns.PLAIN_TEXT_CELLS) is True


def test_text_widths_equal_the_delegates_cell_by_cell(qtbot, db, ui_settings) -> None:
    page = _page(qtbot, db, ui_settings)
    view = page.table
    assert view.model().rowCount() > 10
    for column in range(view.model().columnCount()):
        assert table_columns.content_width(view, column) == _delegate_width(view, column), column
    # A cell text with a line break is laid out as the delegate shows it (two lines).
    assert table_columns._widest_text(view, {"یک\nدو"}) <= table_columns._widest_text(
        view, {"یک دو"})


def test_a_header_width_is_measured_again_when_its_text_changes(qtbot) -> None:
    model = QStandardItemModel(2, 2)
    model.setHorizontalHeaderLabels(["عنوان", "وضعیت"])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    before = table_columns.header_width(view, 0)
    assert table_columns.header_width(view, 0) == before  # the kept value
    model.setHeaderData(0, Qt.Orientation.Horizontal, "عنوان بسیار بسیار بلند یک فعالیت")
    assert table_columns.header_width(view, 0) > before
    # Broken on two lines (the rule for a tight table), it needs its longer line only.
    model.setHeaderData(0, Qt.Orientation.Horizontal, "عنوان بسیار بسیار\nبلند یک فعالیت")
    assert before < table_columns.header_width(view, 0) < table_columns.header_width(view, 1) * 8


def test_the_first_rows_texts_come_in_one_call_and_give_the_same_widths(qtbot, db,
                                                                       ui_settings) -> None:
    page = _page(qtbot, db, ui_settings)
    view, model = page.table, page.table.model()
    rows = model.sample_rows(table_columns.SAMPLE_ROWS)
    assert len(rows) == min(model.rowCount(), table_columns.SAMPLE_ROWS)
    assert rows == [tuple(model.data(model.index(r, c)) or "" for c in range(model.columnCount()))
                    for r in range(len(rows))]
    count = model.columnCount()
    assert table_columns._content_widths(view, count) == [
        table_columns.content_width(view, c) for c in range(count)]


def test_a_text_is_laid_out_once_per_font_for_every_view(qtbot, monkeypatch) -> None:
    laid_out: list[str] = []
    real = table_columns.QTextLayout

    def counting(text: str, font):  # noqa: ANN001, ANN202
        laid_out.append(text)
        return real(text, font)

    monkeypatch.setattr(table_columns, "QTextLayout", counting)
    monkeypatch.setattr(table_columns, "_TEXT_WIDTHS", {})  # nothing measured by other tests
    texts = {"جلسه کمیته راهبری ۱۴۰۵", "شیراز"}
    widths = []
    for _ in range(2):
        view = QTableView()
        qtbot.addWidget(view)
        widths.append(table_columns._widest_text(view, set(texts)))
    assert widths[0] == widths[1] > 0
    assert sorted(laid_out) == sorted(texts)  # the second view measured nothing again
    bigger = QTableView()
    qtbot.addWidget(bigger)
    font = bigger.font()
    font.setPointSize(font.pointSize() + 6)
    bigger.setFont(font)
    assert table_columns._widest_text(bigger, set(texts)) > widths[0]  # another font: measured
