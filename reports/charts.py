"""Bar charts with Persian labels, laid out right to left (first category on the right / top).

The charts are flowables that draw their bars, axes and labels straight onto the canvas.
reportlab's chart widgets built a tree of a few hundred shapes and labels for the monthly chart
of a three-year period, each validated and rendered through several layers: about a sixth of a
1,000-activity report's time for three charts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from persian.digits import fa_number
from reports.fonts import BOLD, REGULAR, register_fonts
from reports.rtl import draw_text, shape_line

BAR = colors.HexColor("#3f7cac")
GRID = colors.HexColor("#e3e7eb")
NO_DATA = "داده‌ای نیست"
_TITLE_H = 22.0
_VALUE_SIZE = 7.5  # bar values and axis numbers
_CATEGORY_SIZE = 8.0
_TICK = 5.0  # category ticks, outside the plot
_BAR_SHARE = 10.0 / 18.0  # bar width : category slot (bar 10, gap 8, as before)


def _number(value: float) -> str:
    """A tick or bar value in Persian digits, without a useless '.0' and with a Persian separator."""
    if value == int(value):
        return fa_number(int(value))
    return fa_number(value, decimals=1)


def _clean(labels: Sequence[str], values: Sequence[float]) -> tuple[list[str], list[float]]:
    if len(labels) != len(values):
        raise ValueError(f"{len(labels)} labels for {len(values)} values")
    # NaN or infinity from a bad import would break the axis scaling: draw them as 0.
    nums = [float(v) if v is not None and math.isfinite(float(v)) else 0.0 for v in values]
    return ["" if label is None else str(label) for label in labels], nums


def _value_range(values: list[float]) -> tuple[float, float]:
    lo = min(0.0, *values)
    hi = max(0.0, *values)
    if hi == lo:  # all zero: give the axis a span
        hi = lo + 1.0
    return lo, hi + (hi - lo) * 0.12  # headroom for the value labels above the bars


def _integer_step(values: list[float], lo: float, hi: float) -> float | None:
    """Counts (all whole numbers) get whole-number ticks: no «۰٫۵ جلسه» on the axis."""
    if not all(v == int(v) for v in values):
        return None
    return float(max(1, math.ceil((hi - lo) / 5)))


def _nice_step(lo: float, hi: float) -> float:
    """A 1-2-2.5-5 × 10ⁿ step giving about five ticks."""
    raw = (hi - lo) / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude


def _ticks(lo: float, hi: float, step: float | None) -> list[float]:
    step = step or _nice_step(lo, hi)
    first = math.ceil(lo / step - 1e-9) * step
    count = int(math.floor((hi - first) / step + 1e-9)) + 1
    return [first + i * step for i in range(max(count, 0))]


def _text_box(font: str, size: float) -> tuple[float, float]:
    """(ascent, descent) in points, descent positive."""
    face = pdfmetrics.getFont(font).face
    return face.ascent * size / 1000.0, -face.descent * size / 1000.0


def _use_font(canv: Canvas, size: float) -> tuple[float, float]:
    """Write in the regular font at ``size`` from here on; its (ascent, descent), by which the
    labels are placed beside bars and ticks."""
    canv.setFont(REGULAR, size)
    return _text_box(REGULAR, size)


class _Chart(Flowable):
    """A fixed-size bar chart: a bold title on top, the bars drawn by ``_draw_bars`` on a value
    scale shared by both orientations (or a "no data" box)."""

    def __init__(self, labels: list[str], values: list[float], title: str, width: float,
                 height: float) -> None:
        super().__init__()
        register_fonts()
        self.labels, self.values = labels, values
        self.title = title
        self.width = float(width)
        self.height = float(height)
        self.hAlign = "CENTER"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setFillColor(colors.black)
        canv.setFont(BOLD, 11)
        draw_text(canv, "centre", self.width / 2, self.height - 14, self.title)
        self._plot()
        canv.restoreState()

    def _plot(self) -> None:
        if not self.values:
            self._no_data()
            return
        lo, hi = _value_range(self.values)
        self._draw_bars(self.canv, self.labels, self.values, lo, hi,
                        _ticks(lo, hi, _integer_step(self.values, lo, hi)))

    def _draw_bars(self, canv: Canvas, labels: list[str], values: list[float], lo: float,
                   hi: float, ticks: list[float]) -> None:
        raise NotImplementedError

    def _no_data(self) -> None:
        canv = self.canv
        canv.setStrokeColor(colors.lightgrey)
        canv.setLineWidth(0.5)
        canv.rect(1, 1, self.width - 2, self.height - _TITLE_H - 2, stroke=1, fill=0)
        canv.setFillColor(colors.grey)
        canv.setFont(REGULAR, 10)
        draw_text(canv, "centre", self.width / 2, (self.height - _TITLE_H) / 2, NO_DATA)


class _VerticalBars(_Chart):
    def __init__(self, labels: list[str], values: list[float], title: str, width: float,
                 height: float, label_angle: float) -> None:
        super().__init__(labels, values, title, width, height)
        self.label_angle = label_angle

    def _draw_bars(self, canv: Canvas, labels: list[str], values: list[float], lo: float,
                   hi: float, ticks: list[float]) -> None:
        x0, y0 = 10.0, 34.0
        if self.label_angle:
            longest = max((pdfmetrics.stringWidth(shape_line(lbl), REGULAR, _CATEGORY_SIZE)
                           for lbl in labels), default=0)
            y0 = 12 + longest
        w = self.width - 50
        h = self.height - _TITLE_H - y0 - 6
        n = len(values)
        slot = w / n

        def y_of(v: float) -> float:
            return y0 + (v - lo) / (hi - lo) * h

        # Grid at every tick, then the bars from zero.
        canv.setStrokeColor(GRID)
        canv.setLineWidth(0.4)
        canv.lines([(x0, y_of(t), x0 + w, y_of(t)) for t in ticks])
        base = y_of(min(max(0.0, lo), hi))
        canv.setFillColor(BAR)
        bar_w = slot * _BAR_SHARE
        # RTL: the first category is drawn on the right.
        centres = [x0 + w - (i + 0.5) * slot for i in range(n)]
        for cx, v in zip(centres, values, strict=True):
            top = y_of(v)
            if top != base:
                canv.rect(cx - bar_w / 2, min(base, top), bar_w, abs(top - base), stroke=0, fill=1)
        # Value labels just beyond each bar's end.
        canv.setFillColor(colors.black)
        ascent, descent = _use_font(canv, _VALUE_SIZE)
        for cx, v in zip(centres, values, strict=True):
            top = y_of(v)
            y = top + 3 + descent if v >= 0 else top - 3 - ascent
            draw_text(canv, "centre", cx, y, _number(v))
        # Category axis along the bottom, ticks between categories.
        canv.setStrokeColor(colors.black)
        canv.setLineWidth(1)
        canv.line(x0, y0, x0 + w, y0)
        canv.lines([(x0 + i * slot, y0, x0 + i * slot, y0 - _TICK) for i in range(n + 1)])
        ascent, descent = _use_font(canv, _CATEGORY_SIZE)
        for cx, lbl in zip(centres, labels, strict=True):
            if self.label_angle:
                # Read bottom to top, the start of the name against the axis.
                canv.saveState()
                canv.translate(cx, y0 - 3)
                canv.rotate(self.label_angle)
                draw_text(canv, "right", 0, -(ascent - descent) / 2, lbl)
                canv.restoreState()
            else:
                draw_text(canv, "centre", cx, y0 - 3 - ascent, lbl)
        # Value axis on the right: an RTL reader starts there.
        right = x0 + w
        canv.line(right, y0, right, y0 + h)
        canv.lines([(right, y_of(t), right + 3, y_of(t)) for t in ticks])
        ascent, descent = _use_font(canv, _VALUE_SIZE)
        for t in ticks:
            draw_text(canv, "left", right + 4, y_of(t) - (ascent - descent) / 2, _number(t))


class _HorizontalBars(_Chart):
    def __init__(self, labels: list[str], values: list[float], title: str, width: float,
                 height: float, label_width: float) -> None:
        super().__init__(labels, values, title, width, height)
        self.label_width = label_width

    def _draw_bars(self, canv: Canvas, labels: list[str], values: list[float], lo: float,
                   hi: float, ticks: list[float]) -> None:
        x0, y0 = 12.0, 22.0
        w = self.width - self.label_width - x0 - 8
        h = self.height - _TITLE_H - y0 - 6
        n = len(values)
        slot = h / n
        right = x0 + w

        def x_of(v: float) -> float:  # bars grow from the right edge leftwards
            return x0 + w * (1 - (v - lo) / (hi - lo))

        canv.setStrokeColor(GRID)
        canv.setLineWidth(0.4)
        canv.lines([(x_of(t), y0, x_of(t), y0 + h) for t in ticks])
        base = x_of(min(max(0.0, lo), hi))
        bar_h = slot * _BAR_SHARE
        # The first category on top.
        centres = [y0 + h - (i + 0.5) * slot for i in range(n)]
        canv.setFillColor(BAR)
        for cy, v in zip(centres, values, strict=True):
            end = x_of(v)
            if end != base:
                canv.rect(min(base, end), cy - bar_h / 2, abs(end - base), bar_h, stroke=0, fill=1)
        canv.setFillColor(colors.black)
        ascent, descent = _use_font(canv, _VALUE_SIZE)
        for cy, v in zip(centres, values, strict=True):
            # Just beyond the left end of the bar (its far end), vertically centred on it.
            draw_text(canv, "right", x_of(v) - 3, cy - (ascent - descent) / 2, _number(v))
        # Category axis on the right with the names beyond it; value axis along the bottom.
        canv.setStrokeColor(colors.black)
        canv.setLineWidth(1)
        canv.line(right, y0, right, y0 + h)
        canv.lines([(right, y0 + i * slot, right + _TICK, y0 + i * slot) for i in range(n + 1)])
        ascent, descent = _use_font(canv, _CATEGORY_SIZE)
        for cy, lbl in zip(centres, labels, strict=True):
            draw_text(canv, "left", right + 6, cy - (ascent - descent) / 2, lbl)
        canv.line(x0, y0, right, y0)
        canv.lines([(x_of(t), y0, x_of(t), y0 - _TICK) for t in ticks])
        ascent, _ = _use_font(canv, _VALUE_SIZE)
        for t in ticks:
            draw_text(canv, "centre", x_of(t), y0 - _TICK - 0.5 - ascent, _number(t))


def bar_chart(
    labels: list[str],
    values: list[float],
    *,
    title: str,
    width: float = 440,
    height: float = 220,
    label_angle: float = 0,
) -> Flowable:
    """Vertical bars; the first category is drawn on the right and the value axis on the right.

    ``label_angle`` 90 sets the category names vertically (many months on one axis); the
    plot then leaves room below for the longest name.
    """
    labels, nums = _clean(labels, values)
    return _VerticalBars(labels, nums, title, width, height, label_angle)


def horizontal_bar_chart(
    labels: list[str],
    values: list[float],
    *,
    title: str,
    width: float = 440,
    height: float | None = None,
    label_width: float = 110,
) -> Flowable:
    """Horizontal bars growing right-to-left, category names on the right, first one on top."""
    labels, nums = _clean(labels, values)
    if height is None:
        height = _TITLE_H + 40 + 22 * max(1, len(nums))
    return _HorizontalBars(labels, nums, title, width, height, label_width)
