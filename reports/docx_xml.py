"""WordprocessingML pieces of a right-to-left Persian document, built as lxml elements.

Every paragraph is a ``w:bidi`` paragraph and every run a ``w:rtl`` + ``w:cs`` run whose font is
named in all four slots (``w:rFonts`` ascii/hAnsi/eastAsia/cs) with its size twice (``w:sz`` and
``w:szCs``: Word sizes Persian letters by the complex-script one). Text goes in exactly as stored,
in logical order and unshaped: Word and LibreOffice shape and order it themselves, so nothing
from reports.rtl (reshaper, bidi reordering) is used here.

Alignment is written only where it is unambiguous: a paragraph aligned to its start (the right)
carries no ``w:jc`` at all, because Word and LibreOffice read ``left``/``right`` of a ``w:bidi``
paragraph differently; ``center`` and ``both`` mean the same to both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from copy import deepcopy
from functools import cache

from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import oxml_parser
from lxml.etree import _Element

FONT = "Vazirmatn"
# Named in the font table as the one to use where Vazirmatn is not installed: Tahoma has the
# Persian letters and ships with every Windows; LibreOffice falls back by the Arabic charset.
FALLBACK_FONT = "Tahoma"
LANG = "fa-IR"
TWIPS_PER_PT = 20
# Characters XML 1.0 cannot hold (a pasted control character would make Word refuse the file).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


_W = {"w": nsmap["w"]}


@cache
def _w(name: str) -> str:
    return qn(f"w:{name}")


def el(tag: str, children: Iterable[_Element] = (), **attrs: str) -> _Element:
    """``<w:tag w:key="value">children</w:tag>``; attribute names without the ``w:`` prefix.

    Made straight by python-docx's parser (what OxmlElement does, without re-parsing the prefix
    of every tag: a 1,000-activity report has some 200,000 elements)."""
    e = oxml_parser.makeelement(_w(tag), nsmap=_W)
    for key, value in attrs.items():
        e.set(_w(key), value)
    for child in children:
        e.append(child)
    return e


def clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def run_props(*, bold: bool = False, size: float = 10.0, color: str | None = None) -> _Element:
    """``w:rPr`` in schema order: fonts, bold (both scripts), colour, size (both), rtl, cs, lang."""
    return deepcopy(_run_props(bold, size, color))  # a run owns its properties element


@cache
def _run_props(bold: bool, size: float, color: str | None) -> _Element:
    props = [el("rFonts", ascii=FONT, hAnsi=FONT, eastAsia=FONT, cs=FONT)]
    if bold:
        props += [el("b"), el("bCs")]
    if color:
        props.append(el("color", val=color.lstrip("#").upper()))
    half_points = str(round(size * 2))
    props += [el("sz", val=half_points), el("szCs", val=half_points), el("rtl"), el("cs"),
              el("lang", val=LANG, bidi=LANG)]
    return el("rPr", props)


def text_runs(text: str, **fmt: object) -> list[_Element]:
    """Runs of ``text``; a newline becomes a line break inside the same paragraph."""
    runs = []
    for i, line in enumerate(clean(text).split("\n")):
        if i:
            runs.append(el("r", [run_props(**fmt), el("br")]))  # type: ignore[arg-type]
        if line:
            t = el("t")
            t.text = line
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            runs.append(el("r", [run_props(**fmt), t]))  # type: ignore[arg-type]
    return runs


def field_runs(instruction: str, placeholder: str, **fmt: object) -> list[_Element]:
    """A complex field (PAGE, NUMPAGES) that the reader's program fills in on every page."""
    def run(child: _Element) -> _Element:
        return el("r", [run_props(**fmt), child])  # type: ignore[arg-type]

    instr = el("instrText")
    instr.text = f" {instruction} "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    shown = el("t")
    shown.text = placeholder
    return [run(el("fldChar", fldCharType="begin")), run(instr),
            run(el("fldChar", fldCharType="separate")), run(shown),
            run(el("fldChar", fldCharType="end"))]


def paragraph(runs: Iterable[_Element], *, align: str = "right", keep_next: bool = False,
              keep_lines: bool = False, page_break_before: bool = False,
              space_before: float = 0.0, space_after: float = 0.0,
              outline_level: int | None = None, size: float = 10.0,
              line_height: float | None = None, border_below: bool = False) -> _Element:
    """A right-to-left ``w:p``; ``size`` also sets the paragraph mark's (empty lines' height)."""
    props: list[_Element] = []
    if keep_next:
        props.append(el("keepNext"))
    if keep_lines:
        props.append(el("keepLines"))
    if page_break_before:
        props.append(el("pageBreakBefore"))
    if border_below:
        props.append(el("pBdr", [el("bottom", val="single", sz="4", space="1",
                                    color="5B6B7B")]))
    props.append(el("bidi"))
    spacing = {"before": str(round(space_before * TWIPS_PER_PT)),
               "after": str(round(space_after * TWIPS_PER_PT))}
    if line_height:
        spacing.update(line=str(round(line_height * TWIPS_PER_PT)), lineRule="exact")
    props.append(el("spacing", **spacing))
    if align == "center":
        props.append(el("jc", val="center"))
    elif align == "justify":
        props.append(el("jc", val="both"))
    if outline_level is not None:
        props.append(el("outlineLvl", val=str(outline_level)))
    props.append(run_props(size=size))
    return el("p", [el("pPr", props), *runs])


def table(col_twips: list[int], *, borders: bool = True, header_rows: int = 0) -> _Element:
    """An empty right-to-left ``w:tbl`` (``w:bidiVisual``: the first column on the right)."""
    edge = {"val": "single", "sz": "4", "space": "0", "color": "9AA5B1"} if borders else {
        "val": "nil"}
    props = el("tblPr", [
        el("bidiVisual"),
        el("tblW", w=str(sum(col_twips)), type="dxa"),
        el("jc", val="center"),
        el("tblBorders", [el(side, **edge) for side in
                          ("top", "left", "bottom", "right", "insideH", "insideV")]),
        el("tblLayout", type="fixed"),
        el("tblCellMar", [el("left", w="60", type="dxa"), el("right", w="60", type="dxa")]),
        el("tblLook", val="0000", firstRow="1" if header_rows else "0", lastRow="0",
           firstColumn="0", lastColumn="0", noHBand="1", noVBand="1"),
    ])
    grid = el("tblGrid", [el("gridCol", w=str(w)) for w in col_twips])
    return el("tbl", [props, grid])


def row(cells: Iterable[_Element], *, header: bool = False, cant_split: bool = False,
        min_height: float | None = None) -> _Element:
    props: list[_Element] = []
    if cant_split:
        props.append(el("cantSplit"))
    if min_height:
        props.append(el("trHeight", val=str(round(min_height * TWIPS_PER_PT)), hRule="atLeast"))
    if header:
        props.append(el("tblHeader"))  # repeated at the top of every page
    return el("tr", [el("trPr", props), *cells])


def cell(width: int, paragraphs: list[_Element], *, shade: str | None = None,
         top_line: bool = False, bottom_line: bool = False, no_borders: bool = False,
         v_align: str = "top") -> _Element:
    props = [el("tcW", w=str(width), type="dxa")]
    if top_line or bottom_line or no_borders:
        line = {"val": "single", "sz": "6", "space": "0", "color": "5B6B7B"}
        props.append(el("tcBorders", [  # schema order: top, left, bottom, right
            el("top", **(line if top_line else {"val": "nil"})), el("left", val="nil"),
            el("bottom", **(line if bottom_line else {"val": "nil"})), el("right", val="nil")]))
    if shade:
        props.append(el("shd", val="clear", color="auto", fill=shade.lstrip("#").upper()))
    props.append(el("vAlign", val=v_align))
    # A cell must end with a paragraph, even an empty one.
    return el("tc", [el("tcPr", props), *(paragraphs or [paragraph([])])])
