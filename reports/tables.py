"""Right-to-left tables: the first column is drawn on the right, the header repeats per page."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import Table, TableStyle

from reports.fonts import BOLD, REGULAR, register_fonts
from reports.rtl import Alignment, RTLParagraph, shape_line, text_width

HEADER_BG = colors.HexColor("#dfe6ee")
ZEBRA_BG = colors.HexColor("#f4f6f8")
GRID = colors.HexColor("#9aa5b1")

_ALIGNS = ("right", "center", "left", "justify")
# The narrowest frame a report uses (A4 portrait minus 16 mm margins), for percentage widths:
# text that fits a column there fits it in every layout.
NARROWEST_FRAME = 504.0
PADDING = 6.0  # LEFTPADDING + RIGHTPADDING below


def _cell_text(value: object) -> str:
    return "" if value is None else str(value)


def rtl_table(
    header: list[str],
    rows: Sequence[Sequence[str]],
    col_widths: list[float],
    *,
    font_size: float = 9,
    zebra: bool = True,
    align: list[str] | None = None,
    row_height: float | None = None,
) -> Table:
    """A table whose FIRST column (of ``header``, ``rows``, ``col_widths``, ``align``) is on the right.

    ``col_widths`` are points (or reportlab percentage strings such as ``"25%"``). ``align``
    gives each column's alignment in the same logical order: 'right' (default), 'center' (for
    numbers) or 'left'. ``row_height`` gives every body row a fixed height in points (room for
    a signature on attendance sheets); by default rows are as tall as their text. Cells are ``RTLParagraph``s, so long texts wrap and a row too tall for a
    page splits across pages instead of raising ``LayoutError``.
    """
    register_fonts()
    ncols = len(header)
    if ncols == 0:
        raise ValueError("a table needs at least one column")
    if len(col_widths) != ncols:
        raise ValueError(f"{len(col_widths)} column widths for {ncols} columns")
    aligns = list(align) if align is not None else ["right"] * ncols
    if len(aligns) != ncols:
        raise ValueError(f"{len(aligns)} alignments for {ncols} columns")
    for a in aligns:
        if a not in _ALIGNS:
            raise ValueError(f"unknown alignment: {a!r}")

    leading = font_size * 1.55
    head_cells = [RTLParagraph(_cell_text(h), BOLD, font_size, leading, "center") for h in header]
    data: list[list[RTLParagraph]] = [head_cells[::-1]]
    # Shaping is cached per string in reports.rtl, and each cell wraps only once per width, so
    # the per-cell cost here is one small object: 10,000 rows build in seconds.
    widths = [_points(w) for w in col_widths]
    for r, row in enumerate(rows):
        if len(row) > ncols:
            raise ValueError(f"row {r + 1} has {len(row)} cells for {ncols} columns")
        texts = [_cell_text(v) for v in row] + [""] * (ncols - len(row))
        cells = [
            _cell(t, a, w, font_size, leading) for t, a, w in zip(texts, aligns, widths, strict=True)
        ]
        data.append(cells[::-1])

    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # empty cells: no stray Helvetica
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("FONTSIZE", (0, 0), (-1, -1), font_size),
        ("LEADING", (0, 0), (-1, -1), leading),
    ]
    # One-line cells are pre-shaped strings (see _cell); they take the column's alignment here.
    for logical, a in enumerate(aligns):
        visual = ncols - 1 - logical
        style.append(("ALIGN", (visual, 1), (visual, -1), _alignment(a).upper()))
    if zebra and len(data) > 2:
        style.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA_BG]))
    return Table(
        data,
        colWidths=list(col_widths)[::-1],
        rowHeights=None if row_height is None else [None] + [row_height] * (len(data) - 1),
        style=TableStyle(style),
        repeatRows=1,
        splitInRow=1,
        hAlign="CENTER",
    )


def _alignment(a: str) -> Alignment:
    # Justified cells look ragged in narrow columns; treat them as right-aligned.
    return "right" if a == "justify" else a  # type: ignore[return-value]


def _points(width: float | str) -> float | None:
    if isinstance(width, int | float):
        return float(width)
    text = str(width).strip()
    if text.endswith("%"):
        try:
            return NARROWEST_FRAME * float(text[:-1]) / 100.0
        except ValueError:
            return None
    return None


def _cell(text: str, align: str, width: float | None, font_size: float,
          leading: float) -> RTLParagraph | str:
    """A cell: a shaped one-line string when the text fits, else a wrapping RTLParagraph.

    Most report cells (dates, numbers, names) fit on one line; as plain strings reportlab draws
    them without a flowable each, which was most of a 1,000-activity report's time. User text
    reaches reportlab only as an already shaped string drawn as-is: never parsed as markup.
    """
    if (width is not None and "\n" not in text and "\r" not in text
            and text_width(text, REGULAR, font_size) <= width - PADDING - 1):
        return shape_line(text)
    return RTLParagraph(text, REGULAR, font_size, leading, _alignment(align))
