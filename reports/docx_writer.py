"""A report's story as an editable Word document (python-docx), right to left, A4.

reports.template.build_report calls this for a ``.docx`` path with the very story it would lay
out as PDF, so both formats share each report's data-building and layout code. Every flowable the
reports use has a Word counterpart here: headings (keep-with-next, outline levels), paragraphs,
the grid tables (header row repeated on each page, first column on the right), the label/value
tables, signature rows (rows that cannot split, kept with the next row: never parted from their
captions), charts as a table of their figures (an editable paper wants numbers, not a picture),
the photo grids of reports.photos, spacers and page breaks. A flowable with no counterpart is a
programming error and raises, so a new kind of flowable cannot silently vanish from Word.

The page header repeats the report's title, subtitle, cluster and letterhead; the footer has
«صفحه x از n» as PAGE and NUMPAGES fields and the generated-by line.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docx import Document
from docx.shared import Mm
from lxml.etree import _Element
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
)

from reports import docx_xml as x
from reports.charts import _Chart
from reports.common import num
from reports.fonts import BOLD
from reports.headings import Heading
from reports.paragraph import RTLParagraph
from reports.photos import PhotoCell, PhotoGrid, _Placeholder
from reports.rtl import fa_digits
from reports.tables import RTLTable
from services.userfiles import write_atomically

PAGE_W, PAGE_H = Mm(210), Mm(297)
MARGIN_MM = 16
TEXT_TWIPS = round((210 - 2 * MARGIN_MM) / 25.4 * 1440)  # the text column: 178 mm
TEXT_POINTS = TEXT_TWIPS / x.TWIPS_PER_PT
HEADING_LEVEL = {15.0: 0, 12.5: 1, 11.0: 2}  # reports.template.heading sizes → outline levels
MUTED = "555555"


def _widths(widths: Iterable[Any], *, reverse: bool = False) -> list[int]:
    """Column widths (points or "25%") as twips of the text column, in logical order."""
    values = []
    for w in widths:
        if isinstance(w, str) and w.endswith("%"):
            values.append(float(w[:-1]) / 100 * TEXT_TWIPS)
        elif isinstance(w, int | float):
            values.append(float(w) * x.TWIPS_PER_PT)
        else:  # None: share what is left
            values.append(-1.0)
    rest = [i for i, v in enumerate(values) if v < 0]
    if rest:
        left = max(TEXT_TWIPS - sum(v for v in values if v >= 0), 0)
        for i in rest:
            values[i] = left / len(rest)
    out = [max(1, round(v)) for v in values]
    return out[::-1] if reverse else out


class _Writer:
    """Appends the story's flowables to the document body (or to a table cell)."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.part = document.part

    # -- one flowable -------------------------------------------------------------------------
    def blocks(self, flowable: Flowable, *, keep: bool = False) -> list[_Element]:
        if isinstance(flowable, Heading):
            level = HEADING_LEVEL.get(flowable.font_size, 2)
            return [x.paragraph(x.text_runs(flowable.text, bold=True, size=flowable.font_size),
                                keep_next=True, keep_lines=True, outline_level=level,
                                space_before=flowable.spaceBefore + 4,
                                space_after=flowable.spaceAfter + 2, size=flowable.font_size)]
        if isinstance(flowable, RTLParagraph):
            return [self._paragraph(flowable, keep=keep)]
        if isinstance(flowable, RTLTable):
            return [self._grid(flowable, keep=keep)]
        if isinstance(flowable, PhotoGrid):
            return [self._photos(flowable)]
        if isinstance(flowable, Table):
            return [self._plain_table(flowable, keep=keep)]
        if isinstance(flowable, KeepTogether):
            inner = flowable._content  # noqa: SLF001 - reportlab keeps its flowables there
            return [b for f in inner for b in self.blocks(f, keep=True)]
        if isinstance(flowable, _Chart):
            return self._chart(flowable)
        if isinstance(flowable, PageBreak):
            return [x.paragraph([], page_break_before=True, size=2, line_height=2)]
        if isinstance(flowable, CondPageBreak):  # a Spacer subclass: test it first
            return []  # Word keeps headings with what follows (keepNext) instead
        if isinstance(flowable, Spacer):
            height = max(1.0, float(flowable.height))
            return [x.paragraph([], size=2, line_height=height, keep_next=keep)]
        if isinstance(flowable, Image):
            return [x.paragraph([self._picture(Path(flowable.filename), flowable.drawWidth)],
                                align="center")]
        if isinstance(flowable, _Placeholder):
            return [self._paragraph(flowable.label)]
        raise TypeError(f"no Word rendering for {type(flowable).__name__}; add one to "
                        "reports.docx_writer")

    def _paragraph(self, p: RTLParagraph, *, keep: bool = False) -> _Element:
        color = p.text_color.hexval()[2:] if p.text_color is not None else None
        color = None if color in (None, "000000") else color
        return x.paragraph(
            x.text_runs(p.text, bold=p.font_name == BOLD, size=p.font_size, color=color),
            align=p.alignment, keep_next=keep, space_before=p.spaceBefore,
            space_after=p.spaceAfter, size=p.font_size)

    # -- tables -------------------------------------------------------------------------------
    def _grid(self, t: RTLTable, *, keep: bool) -> _Element:
        """RTLTable: its lists are already in logical order (first column on the right)."""
        widths = _widths(t.col_widths)
        tbl = x.table(widths, header_rows=1)

        def cells(values: Iterable[object], *, bold: bool, shade: str | None) -> list[_Element]:
            out = []
            for i, (w, value) in enumerate(zip(widths, values, strict=False)):
                align = t.aligns[i] if i < len(t.aligns) else "right"
                text = "" if value is None else str(value)
                out.append(x.cell(w, [x.paragraph(x.text_runs(text, bold=bold,
                                                              size=t.font_size),
                                                  align=align, size=t.font_size,
                                                  keep_next=keep)], shade=shade))
            return out

        tbl.append(x.row(cells(t.header, bold=True, shade="DFE6EE"), header=True,
                         cant_split=True))
        for values in t._texts:  # noqa: SLF001 - the table's own rows, as given to it
            padded = list(values) + [""] * (t.ncols - len(values))
            # As in the PDF, a row that does not fit moves to the next page whole.
            tbl.append(x.row(cells(padded, bold=False, shade=None), cant_split=True,
                             min_height=t.row_height))
        return tbl

    def _plain_table(self, t: Table, *, keep: bool) -> _Element:
        """reportlab Tables (label/value pairs, signature rows): columns are stored left to right,
        so each row is reversed into logical order; the lines above and below cells and the tall
        blank rows where people sign come from the table's own style."""
        rows = t._cellvalues  # noqa: SLF001
        ncols = len(rows[0]) if rows else 0
        widths = _widths(t._colWidths, reverse=True)  # noqa: SLF001
        above, below = set(), set()
        for cmd in t._linecmds:  # noqa: SLF001 - ('LINEABOVE', (c0, r0), (c1, r1), …)
            op, (c0, r0), (c1, r1) = cmd[0], cmd[1], cmd[2]
            target = {"LINEABOVE": above, "LINEBELOW": below}.get(op)
            if target is None:
                continue
            for r in range(r0 % len(rows), r1 % len(rows) + 1):
                for c in range(c0 % ncols, c1 % ncols + 1):
                    target.add((r, ncols - 1 - c))
        tbl = x.table(widths, borders=False)
        for r, values in enumerate(rows):
            styles = t._cellStyles[r]  # noqa: SLF001
            tall = max((s.bottomPadding for s in styles), default=0)
            out = []
            for c, value in enumerate(reversed(values)):
                paras = self._cell_blocks(value, keep=keep)
                out.append(x.cell(widths[c], paras, top_line=(r, c) in above,
                                  bottom_line=(r, c) in below, no_borders=True))
            tbl.append(x.row(out, cant_split=keep,
                             min_height=tall if tall > 20 else None))
            if keep:  # keep-with-next on every paragraph of the row: rows stay on one page
                for p in tbl[-1].iter(x.qn("w:pPr")):
                    if p.find(x.qn("w:keepNext")) is None:
                        p.insert(0, x.el("keepNext"))
        return tbl

    def _cell_blocks(self, value: object, *, keep: bool) -> list[_Element]:
        if value is None or isinstance(value, str):
            return [x.paragraph(x.text_runs(value or ""), keep_next=keep)]
        if isinstance(value, Flowable):
            return self.blocks(value, keep=keep)
        return [b for f in value for b in self._cell_blocks(f, keep=keep)]

    def _chart(self, chart: _Chart) -> list[_Element]:
        title = x.paragraph(x.text_runs(chart.title, bold=True, size=11), keep_next=True,
                            align="center", space_before=6, space_after=2, size=11)
        if not chart.values:
            return [title, x.paragraph(x.text_runs("داده‌ای برای این نمودار نیست.",
                                                   color=MUTED), align="center")]
        widths = [round(TEXT_TWIPS * 0.45), round(TEXT_TWIPS * 0.2)]
        tbl = x.table(widths)
        for label, value in zip(chart.labels, chart.values, strict=True):
            tbl.append(x.row([
                x.cell(widths[0], [x.paragraph(x.text_runs(fa_digits(label)))]),
                x.cell(widths[1], [x.paragraph(x.text_runs(num(value)), align="center")]),
            ], cant_split=True))
        return [title, tbl]

    # -- photos -------------------------------------------------------------------------------
    def _photos(self, grid: PhotoGrid) -> _Element:
        width = TEXT_TWIPS // grid.per_row
        widths = [width] * grid.per_row
        tbl = x.table(widths, borders=False)
        box_pt = width / x.TWIPS_PER_PT - 8
        small = grid.per_row == 4
        size = 7.5 if small else 9.0
        for start in range(0, len(grid.cells), grid.per_row):
            chunk: list[PhotoCell | None] = list(grid.cells[start:start + grid.per_row])
            chunk += [None] * (grid.per_row - len(chunk))
            out = []
            for c in chunk:  # logical order: bidiVisual puts the first on the right
                paras = [] if c is None else self._photo_cell(c, box_pt, size)
                out.append(x.cell(width, paras, no_borders=True))
            tbl.append(x.row(out, cant_split=True))
        return tbl

    def _photo_cell(self, c: PhotoCell, box_pt: float, size: float) -> list[_Element]:
        if c.image is not None:
            w, h = c.pixel_size
            max_h = box_pt * 0.75
            scale = min(box_pt / w, max_h / h)
            picture = x.paragraph([self._picture(c.image, w * scale)], align="center",
                                  keep_next=True)
        else:
            # No brackets: around a Latin file extension they come out mirrored in a bidi line.
            picture = x.paragraph(x.text_runs(f"عکس در دسترس نیست: {c.file_name}",
                                              size=size, color="666666"), align="center",
                                  keep_next=True, space_before=24, space_after=24)
        paras = [picture, x.paragraph(x.text_runs(c.caption, bold=True, size=size),
                                      align="center", size=size)]
        if c.detail:
            paras.append(x.paragraph(x.text_runs(c.detail, size=size - 1, color=MUTED),
                                     align="center", size=size - 1))
        return paras

    def _picture(self, path: Path, width_pt: float, part: Any = None) -> _Element:
        inline = (part or self.part).new_pic_inline(str(path), int(width_pt * 12700), None)
        return x.el("r", [x.run_props(), x.el("drawing", [inline])])


def _setup(document: Any, *, landscape: bool) -> None:
    """A4, the report margins, a right-to-left section, Vazirmatn as every default font."""
    section = document.sections[0]
    section.page_width, section.page_height = (PAGE_H, PAGE_W) if landscape else (PAGE_W, PAGE_H)
    section.left_margin = section.right_margin = Mm(MARGIN_MM)
    section.top_margin, section.bottom_margin = Mm(36), Mm(24)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    sect = section._sectPr  # noqa: SLF001
    grid = sect.find(x.qn("w:docGrid"))
    bidi = x.el("bidi")  # right-to-left section: columns and page order
    if grid is not None:
        grid.addprevious(bidi)
    else:
        sect.append(bidi)
    defaults = document.styles.element.find(x.qn("w:docDefaults"))
    r_default = defaults.find(x.qn("w:rPrDefault"))
    r_default.remove(r_default[0])
    r_default.append(x.run_props(size=10))
    p_default = defaults.find(x.qn("w:pPrDefault"))
    p_default.remove(p_default[0])
    p_default.append(x.el("pPr", [x.el("bidi"), x.el("spacing", after="60", line="300",
                                                     lineRule="auto")]))
    _name_fallback_font(document)


def _name_fallback_font(document: Any) -> None:
    """Vazirmatn in the font table with Tahoma as its alternative and the Arabic charset, so a
    machine without Vazirmatn picks a font that has Persian letters."""
    from lxml import etree

    for part in document.part.package.iter_parts():
        if str(part.partname) != "/word/fontTable.xml":
            continue
        root = etree.fromstring(part.blob)
        font = x.el("font", [x.el("altName", val=x.FALLBACK_FONT), x.el("charset", val="B2"),
                             x.el("family", val="swiss"), x.el("pitch", val="variable")],
                    name=x.FONT)
        root.insert(0, font)
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",  # noqa: SLF001
                                    standalone=True)


def _header_footer(document: Any, writer: _Writer, *, title: str, subtitle: str | None,
                   cluster_name: str | None, letterhead: str | None, logo_path: str | None,
                   generated_label: str | None) -> None:
    section = document.sections[0]
    head = section.header._element  # noqa: SLF001
    for p in list(head):
        head.remove(p)
    if letterhead:
        head.append(x.paragraph(x.text_runs(letterhead, size=8.5, color="444444"),
                                align="center", size=8.5))
    runs = []
    if logo_path and os.path.isfile(logo_path):
        try:
            runs.append(writer._picture(Path(logo_path), 60, part=section.header.part))  # noqa: SLF001
            runs += x.text_runs("  ")
        except Exception:  # noqa: BLE001 - a broken logo must not cost the user the report
            runs = []
    runs += x.text_runs(title, bold=True, size=13)
    head.append(x.paragraph(runs, align="center", size=13))
    line = " — ".join(s for s in (cluster_name, subtitle) if s)
    head.append(x.paragraph(x.text_runs(line, size=9, color="444444"), align="center", size=9,
                            border_below=True, space_after=4))
    foot = section.footer._element  # noqa: SLF001
    for p in list(foot):
        foot.remove(p)
    fmt = {"size": 8.5, "color": "444444"}
    page = (x.text_runs("صفحه ", **fmt) + x.field_runs("PAGE", "۱", **fmt)
            + x.text_runs(" از ", **fmt) + x.field_runs("NUMPAGES", "۱", **fmt))
    foot.append(x.paragraph(page, size=8.5))
    if generated_label:
        foot.append(x.paragraph(x.text_runs(generated_label, **fmt), size=8.5))


def build_docx(path: str | os.PathLike[str], story: list[Flowable], *, title: str,
               subtitle: str | None = None, cluster_name: str | None = None,
               letterhead: str | None = None, logo_path: str | None = None,
               author: str = "Khooshe", landscape: bool = False,
               generated_label: str | None = None) -> None:
    """Write ``story`` to ``path`` as a .docx (atomically, like the PDFs)."""
    document = Document()
    _setup(document, landscape=landscape)
    props = document.core_properties
    props.title, props.author, props.language = title, author, x.LANG
    writer = _Writer(document)
    _header_footer(document, writer, title=title, subtitle=subtitle, cluster_name=cluster_name,
                   letterhead=letterhead, logo_path=logo_path, generated_label=generated_label)
    body = document.element.body
    end = body.sectPr
    previous: Flowable | None = None
    for flowable in story:
        # A spacer between a heading and what it heads must keep with next as well: Word and
        # LibreOffice follow the keepNext chain paragraph by paragraph, so one plain spacer
        # paragraph left «امضای حاضران» alone at the foot of a page.
        glued = isinstance(previous, Heading) and isinstance(flowable, Spacer) and \
            not isinstance(flowable, CondPageBreak)
        for block in writer.blocks(flowable, keep=glued):
            end.addprevious(block)
        previous = flowable
    if not len(body) or body[0] is end:
        end.addprevious(x.paragraph([]))
    write_atomically(path, document.save)
