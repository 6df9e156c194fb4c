"""The text of a table's cells as PDF operators: each distinct line shaped, reordered, encoded
and given its replacement text once per document, then drawn again with one look-up.

Used by ``reports.tables.RTLTable``, which places the lines; this module only turns a logical
line into operators. Its private reportlab use (the canvas's document, a font's subset codes)
goes through ``reports.adapters.reportlab_private``.
"""

from __future__ import annotations

import codecs

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from reports.adapters.reportlab_private import canvas_doc, subset_codes
from reports.rtl import shape_line
from reports.textlayer import EMC, span_open


class DocumentTexts:
    """What a document's tables have encoded: each line's operators, and an encoder per font."""

    __slots__ = ("lines", "encoders", "numbers")

    def __init__(self) -> None:
        self.lines: dict[tuple[str, str, bool], Line] = {}  # (font, logical line, ltr)
        self.encoders: dict[str, Encoder] = {}
        self.numbers = Numbers()


class Numbers(dict[float, str]):
    """``fp_str`` of each number, written once per document: ``numbers[x]``.

    reportlab's ``fp_str`` formats through C ``sprintf``, whose exact decimal conversion costs
    ~2,000 instructions a number; a report's tables write ~25,000 coordinates, and nearly all
    repeat (a row's baseline for each of its cells, a column's x for each repeated text, the
    grid's edges). Equal numbers are the same double, so they format alike (test_table_text).
    """

    __slots__ = ()

    def __missing__(self, value: float) -> str:
        text = self[value] = fp_str(value)
        return text


def path_lines(numbers: Numbers, lines: list[tuple[float, float, float, float]]) -> str:
    """The operators ``Canvas.lines(lines)`` appends, as one string (the page's code is joined
    by newlines), with the numbers formatted through ``numbers``."""
    code = ["n"]
    code += [f"{numbers[x1]} {numbers[y1]} m {numbers[x2]} {numbers[y2]} l"
             for x1, y1, x2, y2 in lines]
    code.append("S")
    return "\n".join(code)


# A line ready to draw: the font resource of its only run (None when it takes several), the
# operators before and after its position in that case, its span (BDC) and its runs.
# (Immutable through and through, so the collector untracks a document's lines.)
Line = tuple[str | None, str, str, str, tuple[tuple[str, str], ...]]


class TextOps:
    """PDF text operators for many strings at known positions, in one BT/ET block.

    The documented way to write a dynamic (subset TrueType) font without a text object:
    ``font.splitString`` gives the subset and codes of each run, ``getSubsetInternalName`` the
    font resource (reportlab.pdfbase.ttfonts). reportlab's ``textOut`` would also measure every
    string again and format it through several layers; a page of a report table draws a few
    hundred strings. Each distinct line is shaped, reordered, encoded and given its replacement
    text once per canvas (one document): the same date or label repeats down a column, and a
    line drawn again costs one dictionary look-up and its position. The caller brackets the
    block with saveState/restoreState, so the font set here does not leak into the canvas's own
    text state.
    """

    def __init__(self, canv: Canvas) -> None:
        self.doc = canvas_doc(canv)
        texts = getattr(canv, "_khooshe_texts", None)
        if texts is None:
            texts = DocumentTexts()
            canv._khooshe_texts = texts  # type: ignore[attr-defined]
        self.lines = texts.lines
        self.encoders = texts.encoders
        self.numbers = texts.numbers
        self.code: list[str] = ["BT"]
        self.font = ""  # the font resource and size set last in this text object
        self.size = 0.0

    def show(self, font_name: str, size: float, x: float, y: float, logical: str,
             ltr: bool) -> None:
        """``logical`` (a line of a field laid out left to right when ``ltr``) drawn at x, y."""
        line = self.lines.get((font_name, logical, ltr))
        if line is None:
            line = self._prepare(font_name, logical, ltr)
        name, before, after, span, runs = line
        if name is not None and name == self.font and size == self.size:
            # The usual string: one subset, the font already set: one operator line inside the
            # line's replacement text (reports.textlayer). Marked content may sit inside a text
            # object as long as it holds no BT/ET.
            numbers = self.numbers
            self.code.append(f"{before}{numbers[x]} {numbers[y]}{after}")
            return
        code = self.code
        numbers = self.numbers
        code.append(span)
        code.append(f"1 0 0 1 {numbers[x]} {numbers[y]} Tm")
        for run_name, chunk in runs:
            if run_name != self.font or size != self.size:
                code.append(f"{run_name} {fp_str(size)} Tf")
                self.font, self.size = run_name, size
            code.append(f"<{chunk}> Tj")
        code.append(EMC)

    def _prepare(self, font_name: str, logical: str, ltr: bool) -> Line:
        encoder = self.encoders.get(font_name)
        if encoder is None:
            encoder = self.encoders[font_name] = Encoder(pdfmetrics.getFont(font_name),
                                                          self.doc)
        runs = tuple([(encoder.subset_name(subset), chunk.hex())
                      for subset, chunk in encoder.split(shape_line(logical, ltr))])
        span = span_open(logical)
        line: Line
        if len(runs) == 1:
            # What the general path writes, as one string (the block is joined by newlines).
            line = (runs[0][0], f"{span}\n1 0 0 1 ", f" Tm <{runs[0][1]}> Tj {EMC}", span, runs)
        else:
            line = (None, "", "", span, runs)
        self.lines[(font_name, logical, ltr)] = line
        return line

    def finish(self) -> str:
        self.code.append("ET")
        return "\n".join(self.code)


class Encoder:
    """``font.splitString(text, doc)``, through a C charmap once the glyphs have their codes.

    reportlab's splitString walks each character in Python to give it a subset code; after a
    report's first rows nearly every glyph has one, and nearly all fit the first subset of 256.
    The codes reportlab assigned (the font's per-document ``assignments``, the dict splitString
    itself fills) become a charmap, and a string is encoded in one C call. Anything else goes to
    splitString: a new glyph, a second subset, a no-break space (drawn as a space), a glyph the
    font lacks, another reportlab.
    """

    def __init__(self, font: TTFont, doc: object) -> None:
        self.font, self.doc = font, doc
        self._map: object | None = None
        self._codes: dict[int, int] | None = None
        self._known = -1
        self._names: dict[int, str] = {}

    def subset_name(self, subset: int) -> str:
        """The font resource of ``subset`` (``getSubsetInternalName``, asked once per subset:
        it looks the document up in a weak dictionary at every call)."""
        name = self._names.get(subset)
        if name is None:
            name = self._names[subset] = self.font.getSubsetInternalName(subset, self.doc)
        return name

    def split(self, text: str) -> list[tuple[int, bytes]]:
        if not text:
            return []
        assignments = self._codes
        if assignments is None:
            # (The font's state for the document, made by its first splitString, keeps this
            # one dict while the document is drawn.)
            assignments = self._codes = subset_codes(self.font, self.doc)
            if assignments is None:
                return self.font.splitString(text, self.doc)
        if len(assignments) != self._known:
            table = ["\ufffe"] * 256
            for code, n in assignments.items():
                if 0 <= n < 256 and code != 0xA0:
                    table[n] = chr(code)
            self._map = codecs.charmap_build("".join(table))
            self._known = len(assignments)
        try:
            return [(0, codecs.charmap_encode(text, "strict", self._map)[0])]
        except UnicodeEncodeError:
            return self.font.splitString(text, self.doc)
