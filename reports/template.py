"""The page template shared by every report: header band, footer with «صفحه x از n», atomic save."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as to_landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from reports.adapters.reportlab_private import frame_room
from reports.common import pdf_kwargs
from reports.fonts import BOLD, REGULAR, register_fonts
from reports.headings import (
    heading as heading,  # re-exported: reports take their page pieces from here
)
from reports.headings import keep_headings_with_next
from reports.paragraph import RTLParagraph
from reports.rtl import draw_text, fa_digits, shape_line
from services.userfiles import write_atomically

if TYPE_CHECKING:
    from models.database import Database

log = logging.getLogger(__name__)

MARGIN = 16 * mm
HEADER_H = 22 * mm
FOOTER_H = 10 * mm
RULE = colors.HexColor("#5b6b7b")
MUTED = colors.HexColor("#444444")


class _Header:
    """What the header and footer show; kept apart from the canvas so the canvas stays generic."""

    def __init__(
        self,
        title: str,
        subtitle: str | None,
        cluster_name: str | None,
        letterhead: str | None,
        logo_path: str | None,
        generated_label: str | None,
    ) -> None:
        self.title = title
        self.subtitle = subtitle
        self.cluster_name = cluster_name
        self.letterhead = letterhead
        self.logo_path = logo_path if logo_path and os.path.isfile(logo_path) else None
        if logo_path and not self.logo_path:
            log.warning("report logo not found, printing without it: %s", logo_path)
        self.generated_label = generated_label


def _fit(text: str, font: str, size: float, max_width: float) -> str:
    """``text``, cut with an ellipsis so that shaped it never runs into its neighbour."""
    if pdfmetrics.stringWidth(shape_line(text), font, size) <= max_width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if pdfmetrics.stringWidth(shape_line(text[:mid] + "…"), font, size) <= max_width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def _draw_header(c: rl_canvas.Canvas, info: _Header, page_w: float, page_h: float) -> None:
    left, right = MARGIN, page_w - MARGIN
    width = right - left
    top = page_h - MARGIN
    c.saveState()
    y = top - 4 * mm
    if info.letterhead:
        c.setFont(REGULAR, 8.5)
        c.setFillColor(MUTED)
        draw_text(c, "centre", page_w / 2, y, _fit(info.letterhead, REGULAR, 8.5, width * 0.6))
        y -= 6.5 * mm
    else:
        y -= 2 * mm
    # Right: the cluster (first thing an RTL reader sees). Centre: title. Left: the logo.
    side = width * 0.22
    if info.cluster_name:
        c.setFont(BOLD, 10)
        c.setFillColor(colors.black)
        draw_text(c, "right", right, y, _fit(info.cluster_name, BOLD, 10, side))
    c.setFillColor(colors.black)
    c.setFont(BOLD, 13)
    draw_text(c, "centre", page_w / 2, y, _fit(info.title, BOLD, 13, width - 2 * side - 6 * mm))
    if info.subtitle:
        c.setFont(REGULAR, 9)
        c.setFillColor(MUTED)
        draw_text(c, "centre", page_w / 2, y - 5.5 * mm,
              _fit(info.subtitle, REGULAR, 9, width - 2 * side))
    if info.logo_path:
        logo_h = HEADER_H - 6 * mm
        try:
            c.drawImage(
                info.logo_path,
                left,
                top - HEADER_H + 3 * mm,
                width=side,
                height=logo_h,
                preserveAspectRatio=True,
                anchor="w",
                mask="auto",
            )
        except Exception:  # noqa: BLE001 - a broken logo must not cost the user the report
            log.warning("report logo unreadable, printing without it: %s", info.logo_path)
            info.logo_path = None
    c.setStrokeColor(RULE)
    c.setLineWidth(0.6)
    c.line(left, top - HEADER_H, right, top - HEADER_H)
    c.restoreState()


def _draw_footer(c: rl_canvas.Canvas, info: _Header, page_w: float, page: int, total: int) -> None:
    left, right = MARGIN, page_w - MARGIN
    y = MARGIN - 2 * mm
    c.saveState()
    c.setStrokeColor(RULE)
    c.setLineWidth(0.4)
    c.line(left, y + 5 * mm, right, y + 5 * mm)
    c.setFont(REGULAR, 8.5)
    c.setFillColor(MUTED)
    draw_text(c, "right", right, y, f"صفحه {fa_digits(page)} از {fa_digits(total)}")
    if info.generated_label:
        draw_text(c, "left", left, y, _fit(info.generated_label, REGULAR, 8.5, (right - left) * 0.6))
    c.restoreState()


def _numbered_canvas(info: _Header) -> type[rl_canvas.Canvas]:
    """A canvas class that holds pages back until the end, when the page count is known."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # reportlab's initial font is Helvetica, which would be listed (unembedded) in
            # every report although no text uses it.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or REGULAR
            kwargs["initialFontSize"] = kwargs.get("initialFontSize") or 10
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for number, state in enumerate(self._saved_pages, start=1):
                self.__dict__.update(state)
                w, h = self._pagesize
                _draw_header(self, info, w, h)
                _draw_footer(self, info, w, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def build_report(path: str | os.PathLike[str], story: list[Flowable], **page: Any) -> None:
    """Write ``story`` as a PDF, or as a Word document when ``path`` ends with ``.docx``;
    ``page`` holds build_pdf's keyword arguments (title, subtitle, letterhead…).

    Both come from the same story, so a report's data and layout are built once for either
    format; reports.docx_writer turns each flowable into its Word counterpart.
    """
    if Path(path).suffix.lower() == ".docx":
        from reports.docx_writer import build_docx

        build_docx(path, story, **page)
    else:
        build_pdf(path, story, **page)


def publish_report(db: Database, path: str | os.PathLike[str], story: list[Flowable],
                   **page: Any) -> None:
    """build_report with the letterhead, logo and "generated on" line this database's settings
    hold, so every report carries the user's heading without each one gathering it again."""
    build_report(path, story, **page, **pdf_kwargs(db))


def build_pdf(
    path_or_file: str | os.PathLike[str] | IO[bytes],
    story: list[Flowable],
    *,
    title: str,
    subtitle: str | None = None,
    cluster_name: str | None = None,
    letterhead: str | None = None,
    logo_path: str | None = None,
    author: str = "Khooshe",
    landscape: bool = False,
    generated_label: str | None = None,
) -> None:
    """Lay out ``story`` on A4 pages with the report header and footer.

    A path is written atomically (write_atomically). A binary file object is written directly.
    """
    register_fonts()
    info = _Header(title, subtitle, cluster_name, letterhead, logo_path, generated_label)
    pagesize = to_landscape(A4) if landscape else A4

    if isinstance(path_or_file, (str, os.PathLike)):
        write_atomically(path_or_file, lambda fh: _build(fh, story, info, pagesize, title, author))
    else:
        _build(path_or_file, story, info, pagesize, title, author)


def _build(
    out: IO[bytes],
    story: list[Flowable],
    info: _Header,
    pagesize: tuple[float, float],
    title: str,
    author: str,
) -> None:
    page_w, page_h = pagesize
    doc = BaseDocTemplate(
        out,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_H + 3 * mm,
        bottomMargin=MARGIN + FOOTER_H,
        title=title,
        author=author,
        creator="Khooshe",
        lang="fa-IR",
        initialFontName=REGULAR,
        initialFontSize=10,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    # An empty story would give a PDF with no page at all; one blank page reads better.
    doc.build(keep_headings_with_next(list(story)) or [Spacer(1, 1)],
              canvasmaker=_numbered_canvas(info))


def spacer(h: float) -> Spacer:
    """Vertical space of ``h`` points."""
    return Spacer(1, h)


def key_value_table(
    pairs: Sequence[tuple[str, str]], *, label_width: str = "30%", font_size: float = 9.5
) -> Table:
    """Label on the right (bold), its value to the left, one pair per row; full frame width."""
    register_fonts()
    leading = font_size * 1.6
    data = [
        [
            RTLParagraph(value, REGULAR, font_size, leading, "right"),
            RTLParagraph(label, BOLD, font_size, leading, "right"),
        ]
        for label, value in pairs
    ] or [["", ""]]
    value_width = f"{100 - float(label_width.rstrip('%'))}%"
    return Table(
        data,
        colWidths=[value_width, label_width],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # empty cells: no stray Helvetica
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#c9d1d9")),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        ),
        splitInRow=1,
        hAlign="CENTER",
    )


def signature_lines(names_or_roles: Sequence[str], *, per_row: int = 4) -> Flowable:
    """A row (or rows) of blank signature lines with captions; the first one on the right."""
    register_fonts()
    names = list(names_or_roles) or [""]
    per_row = max(1, min(per_row, len(names)))
    rows: list[list[Any]] = []
    style: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # empty cells: no stray Helvetica
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    gap = 6.0  # percent of the width between two signature lines, so they read as separate
    ncols = per_row * 2 - 1
    for start in range(0, len(names), per_row):
        chunk: list[str | None] = list(names[start : start + per_row])
        chunk += [None] * (per_row - len(chunk))
        blank_row = len(rows)
        rows.append([""] * ncols)  # the space where people sign
        caption_row = len(rows)
        captions: list[Any] = []
        for i, name in enumerate(chunk[::-1]):  # reversed: the first signer on the right
            if i:
                captions.append("")
            captions.append(RTLParagraph(name, REGULAR, 9.5, 15, "center") if name else "")
            if name is not None:
                col = i * 2
                style.append(("LINEABOVE", (col, caption_row), (col, caption_row), 0.6, RULE))
        rows.append(captions)
        style.append(("BOTTOMPADDING", (0, blank_row), (-1, blank_row), 16 * mm))
    sig = (100.0 - gap * (per_row - 1)) / per_row
    widths = [f"{sig if c % 2 == 0 else gap:.4f}%" for c in range(ncols)]
    table = Table(rows, colWidths=widths, style=TableStyle(style), hAlign="CENTER")
    # A signature line separated from its caption by a page break is useless on minutes.
    return _Whole(table)


class _Whole(KeepTogether):
    """A flowable that moves to the next page rather than split, unless a page cannot hold it.

    (reportlab's ``KeepTogether`` splits into a frame break and its content, which a heading
    glued before it would read as "something fits here". Still a KeepTogether, so the Word
    writer keeps it together too.)
    """

    def __init__(self, content: Flowable) -> None:
        super().__init__([content])
        self.content = content
        self.hAlign = getattr(content, "hAlign", "CENTER")

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width, self.height = self.content.wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        frame = frame_room(self)
        if frame is not None and not frame.at_top and self.height <= frame.height:
            return []
        return self.content.split(availWidth, availHeight)

    def draw(self) -> None:
        self.content.drawOn(self.canv, 0, 0)
