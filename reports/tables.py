"""Right-to-left tables: the first column is drawn on the right, the header repeats per page.

``RTLTable`` lays its rows out itself and draws them straight onto the canvas: every cell is
measured once (word widths come from the shaping cache of reports.rtl), each row's height is
computed once per frame width, and a page of rows is drawn as one text object and one path of
grid lines. reportlab's generic ``Table`` with a flowable per wrapping cell spent most of a
1,000-activity report's time in per-cell style lookups, ``_calc_height`` and per-cell drawing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from reports.adapters.reportlab_private import frame_room
from reports.fonts import BOLD, REGULAR, register_fonts
from reports.rtl import _wrap_with_ends, is_ltr_text, text_width
from reports.table_text import TextOps, path_lines

HEADER_BG = colors.HexColor("#dfe6ee")
ZEBRA_BG = colors.HexColor("#f4f6f8")
GRID = colors.HexColor("#9aa5b1")
GRID_WIDTH = 0.4

_ALIGNS = ("right", "center", "left", "justify")
# Cell padding in points: left/right and top/bottom.
H_PAD = 3.0
V_PAD = 1.0
PADDING = 2 * H_PAD


def _cell_text(value: object) -> str:
    return "" if value is None else str(value)


@dataclass(slots=True)
class _Row:
    """One laid-out row: per column (logical order) its lines as (text, width) pairs."""

    # Tuples all the way down (text and width): the garbage collector untracks them at its first
    # pass, so a long table's cells do not count towards the full collections of the process.
    cells: list[tuple[tuple[str, float], ...]]
    height: float
    index: int  # body row number from 0 (zebra parity); -1 for the header
    lines: int  # the tallest cell's line count
    texts: list[str]  # what the cells hold, to measure again at another width


class _Layout:
    """Column widths and rows measured for one available width.

    ``figures`` holds, for each centred column of figures, the width of its widest figure: every
    figure of the column ends at the right edge of that centred block, so units sit under units
    on every page of the table (centring each figure alone staggers ۲۹۸ against ۴۵۰٬۰۰۰).
    """

    __slots__ = ("widths", "header", "rows", "figures")

    def __init__(self, widths: list[float], header: _Row, rows: list[_Row],
                 figures: list[float | None]) -> None:
        self.widths = widths
        self.header = header
        self.rows = rows
        self.figures = figures


# A figure: digits with their separators, signs and a footnote star; a lone dash is no figure.
_FIGURE = re.compile(r"[0-9۰-۹٠-٩][0-9۰-۹٠-٩٫٬.,:/%٪+\- ]*(?: ?\*)?")
_DASH = "—"


def _figure_blocks(rows: list[_Row], aligns: list[str]) -> list[float | None]:
    blocks: list[float | None] = []
    for col, align in enumerate(aligns):
        widest: float | None = None
        if align == "center":
            for row in rows:
                cell = row.cells[col]
                if not cell or (len(cell) == 1 and cell[0][0].strip() in ("", _DASH)):
                    continue
                if len(cell) != 1 or not _FIGURE.fullmatch(cell[0][0].strip()):
                    widest = None
                    break
                widest = max(widest or 0.0, cell[0][1])
        blocks.append(widest)
    return blocks


class RTLTable(Flowable):
    """A grid table of plain text, first column on the right, header row repeated on each page.

    Cell text is never parsed as markup; it reaches the PDF only as shaped strings. Long texts
    wrap inside their column; a row taller than what is left of a page moves to the next page,
    or splits between its lines when it is the first row there (so nothing is ever clipped).

    The FIRST column (of ``header``, ``rows``, ``col_widths``, ``align``) is on the right.
    ``col_widths`` are points or percentage strings of the frame width such as ``"25%"``.
    ``align`` gives each column's alignment in the same logical order: 'right' (default),
    'center' (for numbers) or 'left'. ``row_height`` gives every body row at least that height
    in points (room for a signature on attendance sheets); by default rows are as tall as their
    text. Long texts wrap, and a row too tall for a page splits across pages instead of raising
    ``LayoutError``.
    """

    def __init__(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[object]],
        col_widths: Sequence[float | str],
        *,
        font_size: float = 9,
        zebra: bool = True,
        align: Sequence[str] | None = None,
        row_height: float | None = None,
        _layout: tuple[float, _Layout, list[_Row]] | None = None,
    ) -> None:
        super().__init__()
        register_fonts()
        self.header = [_cell_text(h) for h in header]
        self.ncols = len(self.header)
        self.col_widths = list(col_widths)
        aligns = list(align) if align is not None else ["right"] * self.ncols
        _check(self.ncols, self.col_widths, aligns, rows)
        self.aligns = [_alignment(a) for a in aligns]
        self.font_size = float(font_size)
        self.leading = self.font_size * 1.55
        self.zebra = zebra
        self.row_height = row_height
        self.hAlign = "CENTER"
        self._texts = rows
        # (available width, layout, this fragment's rows): a fragment made by split() shares
        # the measured rows of its table and owns only its slice of them.
        self._layout = _layout
        self.width = 0.0
        self.height = 0.0

    def __repr__(self) -> str:
        return f"RTLTable({self.ncols} columns, {len(self._texts)} rows)"

    # -- layout --------------------------------------------------------------------------------

    def _resolve_widths(self, avail: float) -> list[float]:
        widths = []
        for w in self.col_widths:
            if isinstance(w, int | float):
                widths.append(float(w))
            else:
                text = str(w).strip()
                if not text.endswith("%"):
                    raise ValueError(f"column width must be points or a percentage: {w!r}")
                widths.append(avail * float(text[:-1]) / 100.0)
        return widths

    def _measure_row(self, texts: list[str], widths: list[float], font: str,
                     index: int) -> _Row:
        size = self.font_size
        cells: list[tuple[tuple[str, float], ...]] = []
        tallest = 1
        for text, width in zip(texts, widths, strict=True):
            inner = width - PADDING
            # Most cells (numbers, dates, names) fit on one line: one cached measurement.
            if "\n" not in text and "\r" not in text and "\t" not in text and (
                    "\u2028" not in text and "\u2029" not in text and "\v" not in text):
                w = text_width(text, font, size)
                if w <= inner - 1:
                    cells.append(((text, w),))
                    continue
            lines = tuple([(line, text_width(line, font, size))
                           for line, _ in _wrap_with_ends(text, font, size, inner)])
            cells.append(lines)
            tallest = max(tallest, len(lines))
        height = tallest * self.leading + 2 * V_PAD
        if self.row_height is not None and index >= 0:
            # A fixed height (room to sign) grows only when the text needs more.
            height = max(height, float(self.row_height))
        return _Row(cells, height, index, tallest, texts)

    def _ensure_layout(self, avail: float) -> tuple[_Layout, list[_Row]]:
        if self._layout is not None and self._layout[0] == avail:
            return self._layout[1], self._layout[2]
        if self._layout is not None:
            # A fragment asked at another width (frames of another size): measure its rows
            # again from their texts.
            rows = self._layout[2]
            return self._measure(avail, [row.texts for row in rows], [row.index for row in rows])
        n = self.ncols
        texts = []
        for row in self._texts:  # (row lengths were checked by __init__)
            texts.append([_cell_text(v) for v in row] + [""] * (n - len(row)))
        return self._measure(avail, texts, list(range(len(texts))))

    def _measure(self, avail: float, texts: list[list[str]],
                 indices: list[int]) -> tuple[_Layout, list[_Row]]:
        widths = self._resolve_widths(avail)
        header = self._measure_row(self.header, widths, BOLD, -1)
        rows = [self._measure_row(t, widths, REGULAR, i)
                for t, i in zip(texts, indices, strict=True)]
        layout = _Layout(widths, header, rows, _figure_blocks(rows, self.aligns))
        self._layout = (avail, layout, rows)
        return layout, rows

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        layout, rows = self._ensure_layout(availWidth)
        self.width = sum(layout.widths)
        self.height = layout.header.height + sum(r.height for r in rows)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        layout, rows = self._ensure_layout(availWidth)
        room = availHeight - layout.header.height
        used = 0.0
        fit = 0
        for row in rows:
            if used + row.height > room + 1e-6:
                break
            used += row.height
            fit += 1
        if fit == len(rows):
            # Everything fits (rounding) or there are no rows and not even the header fits:
            # a header-only table moves to the next frame whole.
            return [self] if rows else []
        head: list[_Row] = rows[:fit]
        tail: list[_Row] = rows[fit:]
        if fit == 0:
            # Not even the first row fits. A row that fits an empty frame moves there whole
            # (a trainee's name stays beside its signature box); one taller than any page is
            # cut between lines. Without the frame's height (another layout engine), cut.
            row = rows[0]
            frame = frame_room(self)
            if frame is not None and layout.header.height + row.height <= frame.height + 1e-6:
                return []
            lines = int((room - 2 * V_PAD + 1e-6) // self.leading)
            if lines < 1 or lines >= row.lines:
                return []
            first, rest = self._split_row(row, lines)
            head, tail = [first], [rest, *rows[1:]]
        return [self._fragment(availWidth, layout, head),
                self._fragment(availWidth, layout, tail)]

    def _split_row(self, row: _Row, lines: int) -> tuple[_Row, _Row]:
        top = [cell[:lines] for cell in row.cells]
        bottom = [cell[lines:] for cell in row.cells]
        tail_lines = max(1, max(len(c) for c in bottom))

        def texts(cells: list[tuple[tuple[str, float], ...]]) -> list[str]:
            return ["\n".join(t for t, _ in cell) for cell in cells]

        return (_Row(top, lines * self.leading + 2 * V_PAD, row.index, lines, texts(top)),
                _Row(bottom, tail_lines * self.leading + 2 * V_PAD, row.index, tail_lines,
                     texts(bottom)))

    def _fragment(self, avail: float, layout: _Layout, rows: list[_Row]) -> RTLTable:
        part = RTLTable(self.header, (), self.col_widths, font_size=self.font_size,
                        zebra=self.zebra, align=self.aligns, row_height=self.row_height,
                        _layout=(avail, layout, rows))
        return part

    # -- drawing -------------------------------------------------------------------------------

    def draw(self) -> None:
        if self._layout is None:  # drawn without wrap(): lay out at the natural width
            self.wrap(sum(w for w in self.col_widths if isinstance(w, int | float)), 0)
        assert self._layout is not None
        _, layout, rows = self._layout
        canv = self.canv
        widths = layout.widths
        total_w = sum(widths)
        # x of each column's right edge; the first (logical) column is on the right.
        rights = []
        x = total_w
        for w in widths:
            rights.append(x)
            x -= w
        all_rows = [layout.header, *rows]
        tops = []
        y = self.height
        for row in all_rows:
            tops.append(y)
            y -= row.height

        canv.saveState()
        # Backgrounds: header band, then every other body row.
        canv.setFillColor(HEADER_BG)
        canv.rect(0, tops[0] - layout.header.height, total_w, layout.header.height,
                  stroke=0, fill=1)
        if self.zebra:
            canv.setFillColor(ZEBRA_BG)
            for row, top in zip(rows, tops[1:], strict=True):
                if row.index % 2 == 1:
                    canv.rect(0, top - row.height, total_w, row.height, stroke=0, fill=1)
        # Text: one BT/ET block of operators for the whole fragment (see reports.table_text.TextOps).
        canv.setFillColor(colors.black)
        ops = TextOps(canv)
        size, leading = self.font_size, self.leading
        # Where each column's lines start, worked out once per fragment, not once per line.
        head_cols = [_Placement(right, width, "center", None) for right, width in
                     zip(rights, widths, strict=True)]
        body_cols = [_Placement(right, width, align, block) for right, width, align, block in
                     zip(rights, widths, self.aligns, layout.figures, strict=True)]
        show = ops.show
        for row, top in zip(all_rows, tops, strict=True):
            is_header = row.index < 0
            font = BOLD if is_header else REGULAR
            offset = _baseline_offset(font, size, leading)
            height = row.height
            for cell, text, place in zip(row.cells, row.texts,
                                         head_cols if is_header else body_cols, strict=True):
                if not cell:
                    continue
                ltr = is_ltr_text(text)
                kind, base, centre = place.kind, place.base, place.centre
                # Vertically centred, as the rows of the old reportlab table were.
                block_top = top - (height - len(cell) * leading) / 2.0
                for i, (line, w) in enumerate(cell):
                    if not line:
                        continue
                    # (_Placement's rule, written out: this runs for every line of the report.)
                    if kind == "right" or (kind == "figure" and line.strip() != _DASH):
                        x = base - w
                    elif kind == "left":
                        x = base
                    else:
                        x = centre - w / 2.0
                    show(font, size, x, block_top - i * leading - offset, line, ltr)
        canv.addLiteral(ops.finish())
        # Grid: every row and column boundary as one path.
        canv.setStrokeColor(GRID)
        canv.setLineWidth(GRID_WIDTH)
        bottom = tops[-1] - all_rows[-1].height
        lines = [(0, t, total_w, t) for t in tops]
        lines.append((0, bottom, total_w, bottom))
        lines += [(r, tops[0], r, bottom) for r in rights]
        lines.append((0, tops[0], 0, bottom))
        canv.addLiteral(path_lines(ops.numbers, lines))  # (canv.lines, numbers kept)
        canv.restoreState()


class _Placement:
    """Where a column puts a line of width ``w`` (the draw loop applies it): the same arithmetic
    as one expression per line gave, so every position is the same float, with the column's
    part done once: ``base - w`` for right-aligned lines and figures, ``base`` for left-aligned
    ones, ``centre - w / 2`` for centred ones.

    A centred column of figures ends each figure at the right edge of its widest figure's
    centred block (a dash stays centred); other columns centre, or keep to their right or left
    padding.
    """

    __slots__ = ("kind", "base", "centre")

    def __init__(self, right: float, width: float, align: str, block: float | None) -> None:
        self.centre = right - width / 2.0
        if block is not None:
            self.kind, self.base = "figure", self.centre + block / 2.0
        elif align == "center":
            self.kind, self.base = "center", self.centre
        elif align == "left":
            self.kind, self.base = "left", right - width + H_PAD
        else:
            self.kind, self.base = "right", right - H_PAD


_OFFSETS: dict[tuple[str, float, float], float] = {}


def _baseline_offset(font: str, size: float, leading: float) -> float:
    """Distance from the top of a line slot to the baseline, glyph box centred in the slot."""
    key = (font, size, leading)
    if key not in _OFFSETS:
        face = pdfmetrics.getFont(font).face
        ascent = face.ascent * size / 1000.0
        descent = -face.descent * size / 1000.0
        _OFFSETS[key] = (leading - (ascent + descent)) / 2.0 + ascent
    return _OFFSETS[key]


def _check(ncols: int, col_widths: list[float | str], aligns: list[str],
           rows: Sequence[Sequence[object]]) -> None:
    if ncols == 0:
        raise ValueError("a table needs at least one column")
    if len(col_widths) != ncols:
        raise ValueError(f"{len(col_widths)} column widths for {ncols} columns")
    if len(aligns) != ncols:
        raise ValueError(f"{len(aligns)} alignments for {ncols} columns")
    for a in aligns:
        if a not in _ALIGNS:
            raise ValueError(f"unknown alignment: {a!r}")
    for r, row in enumerate(rows):
        if len(row) > ncols:
            raise ValueError(f"row {r + 1} has {len(row)} cells for {ncols} columns")


# The name the reports build their tables by (``rtl_table(header, rows, widths, align=…)``).
rtl_table = RTLTable


def _alignment(a: str) -> str:
    # Justified cells look ragged in narrow columns; treat them as right-aligned.
    return "right" if a == "justify" else a
