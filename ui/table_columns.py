"""One rule for the columns of every list in the app (issue 11, item 1).

* The record's *main* column (a resolution's text, a cluster's name, an achievement's title)
  takes the room that is left: it is the one the reader came for, so it is never the one cut.
* Every other column (dates, numbers, statuses, names beside the main text) is as wide as its
  content, never narrower than its header (a header is always whole) and never wider than
  ``OTHER_MAX``, so a long owner name cannot push the main text off the screen.
* A cell whose text does not fit shows the whole text in a tooltip.
* Widths the user dragged are remembered by the caller and win over the rule when given back.

Tables call ``fit_columns`` after filling (and once more when rows first arrive);
``remember_widths`` connects the saving of dragged widths so that a window resize, which only
moves the main column, is not mistaken for the user's choice.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QFont, QHelpEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QToolTip

OTHER_MAX = 220  # px: the widest a column beside the main text gets from the automatic fit
MAIN_SHARE = 0.35  # of the table's width: what the main column is sure to get if its text needs it
ASSUMED_WIDTH = 1000  # px: the table's width when it is not laid out yet (a hidden page)
SAMPLE_ROWS = 48  # rows measured per column (fewer than one page of the lazily read lists)
MIN_WIDTH = 30  # px: the narrowest a remembered width is restored to
_FITTED = "_khooshe_fitted"
_CONTENTS = "_khooshe_content_widths"
_HEADERS = "_khooshe_header_widths"
# A model whose class sets this attribute to True promises plain text cells: display text only,
# in the view's font, no icon, check box, font role or cell widget. Its columns are measured from
# their distinct texts (_widest_text), not cell by cell through the delegate.
PLAIN_TEXT_CELLS = "plain_text_cells"
# Such a model may also give the display texts of its first rows in one call,
# ``sample_rows(count) -> list of row tuples`` (what data() gives each cell, "" for none), so a fit
# does not ask index() and data() from Python for every cell of 48 rows.
SAMPLE_ROWS_METHOD = "sample_rows"
_UNBOUNDED = 1_000_000.0  # px: a line width no cell text reaches (the delegate's "no wrapping")
# Natural widths of cell texts per font (QFont.key()) and text, for every view: a list opened
# again, refilled or refitted measures only the texts it has not shown before. Bounded: cleared
# whole past _MAX_KEPT entries (a few thousand distinct dates, names and places in practice).
_TEXT_WIDTHS: dict[tuple[str, str], float] = {}
_MAX_KEPT = 50_000
# Header widths per model class, header text, font, style and sort arrow, for every view (the
# section size hint is a style pass; each list page builds a new view).
_HEADER_WIDTHS: dict[tuple[object, ...], int] = {}


def main_column(view: QTableView, main: int | None) -> int:
    """The stretching column: the one named, else the last one."""
    count = view.model().columnCount() if view.model() is not None else 0
    if main is not None and 0 <= main < count:
        return main
    return max(count - 1, 0)


def header_width(view: QTableView, column: int) -> int:
    """What the header of ``column`` needs to show its whole text (and the sort arrow).

    Kept per view for each text, font and sort arrow: a list is fitted three times on its way
    to the first paint and Qt's section size hint is a style pass of its own (~2 ms a list).
    """
    header = view.horizontalHeader()
    model = view.model()
    text = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    key = (column, text, header.font().key(),
           header.isSortIndicatorShown() and header.sortIndicatorSection() == column)
    known: dict[tuple[object, ...], int] | None = getattr(view, _HEADERS, None)
    if known is None:
        known = {}
        setattr(view, _HEADERS, known)
    found = known.get(key)
    if found is None:
        style = header.style()
        # A header's hint depends on what its model gives for the section (text, font, icon,
        # alignment: the same for one model class and text) and on the style and style sheets.
        shared = (type(model), *key, type(style).__name__, header.styleSheet(),
                  view.styleSheet()) if getattr(model, PLAIN_TEXT_CELLS, False) else None
        found = _HEADER_WIDTHS.get(shared) if shared is not None else None
        if found is None:
            margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
            arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
            line = max((header.fontMetrics().horizontalAdvance(part)
                        for part in text.split("\n")), default=0)
            measured = line + 2 * margin + arrow + margin
            found = max(header.sectionSizeHint(column), measured)
            if shared is not None:
                _HEADER_WIDTHS[shared] = found
        known[key] = found
    return found


def fit_columns(view: QTableView, main: int | None, saved: Sequence[int] = ()) -> None:
    """Apply the rule of this module to ``view``; ``saved`` are the user's remembered widths."""
    model = view.model()
    if model is None:
        return
    count = model.columnCount()
    header = view.horizontalHeader()
    stretch = main_column(view, main)
    header.setStretchLastSection(False)
    widths = _user_widths(saved, count) or _automatic_widths(view, stretch, count)
    setattr(view, _FITTED, True)
    try:
        for column in range(count):
            if column == stretch and widths[column] < 0:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                continue
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, widths[column])
    finally:
        setattr(view, _FITTED, False)
    _install_filter(view, main, saved)


def content_width(view: QTableView, column: int) -> int:
    """The widest of the first ``SAMPLE_ROWS`` cells of ``column`` (and any cell widget).

    A sample, not every row: a lazily read list (activities) must not be read to its end to
    size a column, and the first rows are the ones on screen.
    """
    model = view.model()
    rows = range(min(model.rowCount(), SAMPLE_ROWS))
    if getattr(model, PLAIN_TEXT_CELLS, False):
        widest = _widest_text(view, {str(model.data(model.index(row, column)) or "")
                                     for row in rows})
    else:
        widest = _delegate_width(view, column, rows)
    return _with_grid(view, widest)


def _delegate_width(view: QTableView, column: int, rows: range) -> int:
    """The widest cell of ``column`` in ``rows`` as the delegate (or a cell widget) sizes it."""
    model = view.model()
    widest = 0
    for row in rows:
        index = model.index(row, column)
        widget = view.indexWidget(index)
        hint = widget.sizeHint().width() if widget is not None else \
            view.sizeHintForIndex(index).width()
        widest = max(widest, hint)
    return widest


def _with_grid(view: QTableView, widest: int) -> int:
    # The grid line takes a pixel of the section (Qt's own resizeColumnToContents adds it too);
    # without it a date exactly as wide as its hint was drawn cut: «۱۴۰۵/۰۳/…».
    return widest + (1 if view.showGrid() else 0) + 2 if widest else 0


def _widest_text(view: QTableView, texts: set[str]) -> int:
    """What ``sizeHintForIndex`` gives the widest of ``texts`` as plain cells, measured once each.

    Qt's item delegate sizes a text cell by laying it out with the cell's font (QTextLayout's
    natural width, rounded up) plus the focus-frame margin on both sides. Asking the delegate
    instead costs one style pass and some fifteen ``data()`` calls (one per role) per cell:
    ~10 ms of the activities list's first paint for 48 rows × 8 columns, most cells repeating
    a date, a kind or a city. tests/ui/test_table_columns.py checks both agree on a real list.
    """
    texts.discard("")
    if not texts:
        return 0
    font = view.font()
    font_key = font.key()
    known = _TEXT_WIDTHS
    widest = 0.0
    option: QTextOption | None = None
    for text in texts:
        width = known.get((font_key, text))
        if width is None:
            if option is None:
                option = QTextOption()
                option.setWrapMode(QTextOption.WrapMode.WordWrap)
            width = _natural_width(text, font, option)
            if len(known) >= _MAX_KEPT:
                known.clear()
            known[(font_key, text)] = width
        widest = max(widest, width)
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return math.ceil(widest) + 2 * margin


def _natural_width(text: str, font: QFont, option: QTextOption) -> float:
    # As the delegate shows it: a newline is a line break inside the cell.
    layout = QTextLayout(text.replace("\n", "\u2028"), font)
    layout.setTextOption(option)
    layout.beginLayout()
    widest = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(_UNBOUNDED)
        widest = max(widest, line.naturalTextWidth())
    layout.endLayout()
    return widest


def _content_widths(view: QTableView, count: int) -> list[int]:
    """``content_width`` of every column, measured once per state of the model's rows.

    A list is fitted when it is filled, when rows arrive and on every resize of its window;
    only the first two change what the cells hold. Measuring 48 rows × 9 columns three times
    was ~28 ms of the activities list's 67 ms to its first painted rows.
    """
    model = view.model()
    cached = getattr(view, _CONTENTS, None)
    if cached is None or cached[0] is not model:
        cached = [model, None, None]
        setattr(view, _CONTENTS, cached)

        def forget(*_args: object) -> None:
            cached[1] = None

        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved,
                       model.dataChanged, model.layoutChanged, model.columnsInserted,
                       model.columnsRemoved):
            signal.connect(forget)
    key = (model.rowCount(), count, view.font().key())
    if cached[1] != key:
        sample = getattr(model, SAMPLE_ROWS_METHOD, None)
        if getattr(model, PLAIN_TEXT_CELLS, False) and sample is not None:
            rows = sample(min(model.rowCount(), SAMPLE_ROWS))
            widths = [_with_grid(view, _widest_text(view, {row[c] for row in rows}))
                      for c in range(count)]
        else:
            widths = [content_width(view, c) for c in range(count)]
        cached[1], cached[2] = key, widths
    return list(cached[2])


def _user_widths(saved: Sequence[int], count: int) -> list[int]:
    if len(saved) != count:
        return []
    widths = [max(MIN_WIDTH, int(w)) for w in saved]
    return widths


def _automatic_widths(view: QTableView, stretch: int, count: int) -> list[int]:
    """Widths by the rule; -1 for the main column when it can simply take what is left."""
    width = view.viewport().width()
    available = width if view.isVisible() and width >= 200 else ASSUMED_WIDTH
    heads = [header_width(view, c) for c in range(count)]
    contents = _content_widths(view, count)
    if sum(max(h, min(w, OTHER_MAX)) for h, w in zip(heads, contents, strict=True)) > available:
        # Tight: a header much wider than its column's content (a count under «اقدامات مشترک
        # انجام‌شده») goes on two lines, so it stays whole without taking the main text's room.
        for c in range(count):
            if c != stretch and heads[c] > contents[c] * 1.5 and _wrap_header(view, c):
                heads[c] = header_width(view, c)
    widths = [max(heads[c], min(contents[c], OTHER_MAX)) for c in range(count)]
    main_need = max(heads[stretch], min(contents[stretch], int(available * MAIN_SHARE)))
    others = [c for c in range(count) if c != stretch]
    budget = available - main_need
    if sum(widths[c] for c in others) > budget:
        # Not room for all: the widest columns beside the main text are cut down to a common
        # ceiling (never below their header), so short dates and statuses stay whole and the
        # long texts are cut alike (their cells then show a tooltip).
        low, high = 0, OTHER_MAX
        while low < high:
            ceiling = (low + high + 1) // 2
            if sum(max(heads[c], min(widths[c], ceiling)) for c in others) <= budget:
                low = ceiling
            else:
                high = ceiling - 1
        for c in others:
            widths[c] = max(heads[c], min(widths[c], low))
    left = available - sum(widths[c] for c in others)
    # The main column stretches over what is left; when that would cut it to well under its
    # need it keeps its need and the table scrolls sideways rather than cutting it.
    widths[stretch] = -1 if left >= max(heads[stretch], int(main_need * 0.6)) else main_need
    return widths


def _wrap_header(view: QTableView, column: int) -> bool:
    """Break the header of ``column`` at its middle space; False when it is one word or read-only."""
    model = view.model()
    text = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    if "\n" in text or " " not in text:
        return False
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return bool(model.setHeaderData(column, Qt.Orientation.Horizontal,
                                    text[:cut] + "\n" + text[cut + 1:]))


def remember_widths(view: QTableView, main: int | None, save: Callable[[list[int]], None]) -> None:
    """Call ``save(widths)`` when the user drags a column border (not on a window resize)."""
    header = view.horizontalHeader()

    def on_resized(column: int, old: int, new: int) -> None:
        if getattr(view, _FITTED, False) or column == main_column(view, main):
            return
        # Hiding or showing a column (the follow-up list hides its cluster column when one
        # cluster is chosen) resizes it from or to 0; a drag never does. Saving then stored
        # Qt's default 100 px for every column as if the user had chosen it.
        if old == 0 or new == 0 or header.isSectionHidden(column):
            return
        widths = [header.sectionSize(i) for i in range(header.count())]
        save(widths)
        # From now on the user's widths hold, also when the window is resized.
        _install_filter(view, main, widths)

    header.sectionResized.connect(on_resized)


def elided_text(view: QAbstractItemView, index: QModelIndex) -> str | None:
    """The whole text of a cell that is drawn cut (elided), else None."""
    if not index.isValid():
        return None
    text = index.data(Qt.ItemDataRole.DisplayRole)
    if text is None or text == "":
        return None
    text = str(text)
    rect = view.visualRect(index)
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    needed = view.fontMetrics().horizontalAdvance(text) + 2 * margin
    return text if needed > rect.width() else None


class _ColumnsFilter(QObject):
    """On the viewport: shows a cut cell's whole text, and fits the columns again on a resize.

    The tooltip is shown only when the model gives none of its own.
    """

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self.main: int | None = None
        self.saved: Sequence[int] = ()
        self._width = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self._view.indexAt(event.pos())
            if index.isValid() and not index.data(Qt.ItemDataRole.ToolTipRole):
                text = elided_text(self._view, index)
                if text is not None:
                    QToolTip.showText(event.globalPos(), text, self._view.viewport())
                    return True
        elif event.type() == QEvent.Type.Resize:
            width = self._view.viewport().width()
            # Only a change of width matters (a scroll bar appearing changes the height).
            if abs(width - self._width) > 8 and not self.saved:
                self._width = width
                fit_columns(self._view, self.main, self.saved)
        return False


def _install_filter(view: QTableView, main: int | None, saved: Sequence[int]) -> None:
    found = view.findChild(_ColumnsFilter)
    if found is None:
        found = _ColumnsFilter(view)
        view.viewport().installEventFilter(found)
    found.main = main
    found.saved = list(saved)
