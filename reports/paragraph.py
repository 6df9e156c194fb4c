"""``RTLParagraph``: a paragraph of plain user text laid out and drawn right to left.

Its lines come from ``reports.rtl`` (wrapping, shaping, the bidi order) and are drawn with
their copyable text through ``reports.textlayer``.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from reports import textlayer
from reports.fonts import REGULAR, register_fonts
from reports.rtl import Alignment, _wrap_with_ends, is_ltr_text, shape_line


class RTLParagraph(Flowable):
    """A paragraph of plain user text, drawn right to left.

    The text is never parsed as markup (unlike reportlab's ``Paragraph``), so ``<img src=...>``
    or ``&`` typed by a user print as they are and cannot make reportlab read a file.
    """

    def __init__(
        self,
        text: str,
        font_name: str = REGULAR,
        font_size: float = 10.0,
        leading: float | None = None,
        alignment: Alignment = "right",
        text_color: colors.Color | str = colors.black,
        *,
        space_before: float = 0.0,
        space_after: float = 0.0,
        _lines: Sequence[tuple[str, bool]] | None = None,
    ) -> None:
        super().__init__()
        register_fonts()
        if alignment not in ("right", "center", "left", "justify"):
            raise ValueError(f"unknown alignment: {alignment!r}")
        self.text = "" if text is None else str(text)
        self.font_name = font_name
        self.font_size = float(font_size)
        # Vazirmatn's ascent+descent is ~1.56 em; less leading makes marks touch the next line.
        self.leading = float(leading) if leading else self.font_size * 1.7
        self.alignment: Alignment = alignment
        self.text_color = colors.toColor(text_color) if isinstance(text_color, str) else text_color
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self._fixed_lines = list(_lines) if _lines is not None else None
        self._lines: list[tuple[str, bool]] = self._fixed_lines or []
        self._wrapped_for: float | None = None
        self.width = 0.0
        self.height = 0.0

    def __repr__(self) -> str:
        return f"RTLParagraph({self.text[:40]!r}...)"

    def _clone(self, lines: Sequence[tuple[str, bool]]) -> RTLParagraph:
        return RTLParagraph(
            self.text,
            self.font_name,
            self.font_size,
            self.leading,
            self.alignment,
            self.text_color,
            _lines=lines,
        )

    def _ensure_lines(self, avail_width: float) -> None:
        if self._fixed_lines is not None:
            self._lines = self._fixed_lines
        elif self._wrapped_for != avail_width:
            # Tables ask the same cell for its size several times: wrap once per width.
            self._lines = _wrap_with_ends(self.text, self.font_name, self.font_size, avail_width)
            self._wrapped_for = avail_width

    @property
    def lines(self) -> list[str]:
        """The logical lines of the last wrap (empty before the first wrap)."""
        return [line for line, _ in self._lines]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._ensure_lines(availWidth)
        self.width = availWidth
        self.height = len(self._lines) * self.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self._ensure_lines(availWidth)
        fit = int(availHeight // self.leading)
        if fit <= 0:
            return []
        if fit >= len(self._lines):
            return [self]
        first = self._clone(self._lines[:fit])
        rest = self._clone(self._lines[fit:])
        first.spaceBefore = self.spaceBefore
        rest.spaceAfter = self.spaceAfter
        return [first, rest]

    def draw(self) -> None:
        canv = self.canv
        canv.setFont(self.font_name, self.font_size)
        canv.setFillColor(self.text_color)
        face = pdfmetrics.getFont(self.font_name).face
        ascent = face.ascent * self.font_size / 1000.0
        descent = -face.descent * self.font_size / 1000.0
        # Centre the glyph box (ascent + descent) in each line's slot of height `leading`.
        offset = (self.leading - (ascent + descent)) / 2.0 + ascent
        right = self.width
        ltr = is_ltr_text(self.text)
        for i, (line, ends_para) in enumerate(self._lines):
            if not line:
                continue
            y = self.height - i * self.leading - offset
            visual = shape_line(line, ltr)
            if self.alignment == "justify" and not ends_para and " " in line:
                textlayer.begin(canv, line)
                self._draw_justified(visual, right, y)
                textlayer.end(canv)
            elif self.alignment == "center":
                textlayer.draw_line(canv, "centre", right / 2.0, y, line, visual)
            elif self.alignment == "left":
                textlayer.draw_line(canv, "left", 0, y, line, visual)
            else:
                textlayer.draw_line(canv, "right", right, y, line, visual)

    def _draw_justified(self, visual: str, right: float, y: float) -> None:
        # Split the *visual* string: its words are already in bidi order (a Latin run such as
        # "ISO 9001" stays left-to-right), so only the gaps between them need widening.
        words = [w for w in visual.split(" ") if w]
        fs, fn = self.font_size, self.font_name
        widths = [pdfmetrics.stringWidth(w, fn, fs) for w in words]
        if len(words) < 2:
            self.canv.drawRightString(right, y, visual)
            return
        gap = (right - sum(widths)) / (len(words) - 1)
        x = right
        for word, w in zip(reversed(words), reversed(widths), strict=True):
            self.canv.drawRightString(x, y, word)
            x -= w + gap
