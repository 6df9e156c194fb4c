"""Bar charts with Persian labels, laid out right to left (first category on the right / top)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from reports.fonts import BOLD, REGULAR, register_fonts
from reports.rtl import fa_digits, shape_line

BAR = colors.HexColor("#3f7cac")
NO_DATA = "داده‌ای نیست"
_TITLE_H = 22.0


def _number(value: float) -> str:
    """A tick or bar value in Persian digits, without a useless '.0' and with a Persian separator."""
    if value == int(value):
        text = f"{int(value):,}"
    else:
        text = f"{value:,.1f}"
    return fa_digits(text.replace(",", "٬").replace(".", "٫"))


def _clean(labels: Sequence[str], values: Sequence[float]) -> tuple[list[str], list[float]]:
    if len(labels) != len(values):
        raise ValueError(f"{len(labels)} labels for {len(values)} values")
    # NaN or infinity from a bad import would make reportlab's axis scaling fail: draw them as 0.
    nums = [float(v) if v is not None and math.isfinite(float(v)) else 0.0 for v in values]
    return ["" if label is None else str(label) for label in labels], nums


def _frame(title: str, width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    d.hAlign = "CENTER"
    # The renderer starts from Helvetica unless told otherwise, which would list an
    # unembedded Helvetica in every report with a chart.
    d.initialFontName = REGULAR
    d.add(
        String(
            width / 2,
            height - 14,
            shape_line(title),
            fontName=BOLD,
            fontSize=11,
            textAnchor="middle",
        )
    )
    return d


def _no_data(d: Drawing, width: float, height: float) -> Drawing:
    d.add(
        Rect(
            1,
            1,
            width - 2,
            height - _TITLE_H - 2,
            strokeColor=colors.lightgrey,
            fillColor=None,
            strokeWidth=0.5,
        )
    )
    d.add(
        String(
            width / 2,
            (height - _TITLE_H) / 2,
            shape_line(NO_DATA),
            fontName=REGULAR,
            fontSize=10,
            textAnchor="middle",
            fillColor=colors.grey,
        )
    )
    return d


def _value_range(values: list[float]) -> tuple[float, float]:
    lo = min(0.0, *values)
    hi = max(0.0, *values)
    if hi == lo:  # all zero: give the axis a span so reportlab does not divide by zero
        hi = lo + 1.0
    return lo, hi + (hi - lo) * 0.12  # headroom for the value labels above the bars


def _integer_step(values: list[float], lo: float, hi: float) -> float | None:
    """Counts (all whole numbers) get whole-number ticks: no «۰٫۵ جلسه» on the axis."""
    if not all(v == int(v) for v in values):
        return None
    return float(max(1, math.ceil((hi - lo) / 5)))


def _style_value_axis(axis: object, lo: float, hi: float, step: float | None = None) -> None:
    axis.valueMin = lo  # type: ignore[attr-defined]
    axis.valueMax = hi  # type: ignore[attr-defined]
    if step:
        axis.valueStep = step  # type: ignore[attr-defined]
    axis.labels.fontName = REGULAR  # type: ignore[attr-defined]
    axis.labels.fontSize = 7.5  # type: ignore[attr-defined]
    axis.labelTextFormat = _number  # type: ignore[attr-defined]
    axis.visibleGrid = True  # type: ignore[attr-defined]
    axis.gridStrokeColor = colors.HexColor("#e3e7eb")  # type: ignore[attr-defined]
    axis.gridStrokeWidth = 0.4  # type: ignore[attr-defined]


def _style_bars(chart: VerticalBarChart | HorizontalBarChart) -> None:
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = _number
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = 7.5
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 8


def bar_chart(
    labels: list[str],
    values: list[float],
    *,
    title: str,
    width: float = 440,
    height: float = 220,
    label_angle: float = 0,
) -> Drawing:
    """Vertical bars; the first category is drawn on the right and the value axis on the right.

    ``label_angle`` 90 sets the category names vertically (many months on one axis); the
    plot then leaves room below for the longest name.
    """
    register_fonts()
    labels, nums = _clean(labels, values)
    d = _frame(title, width, height)
    if not nums:
        return _no_data(d, width, height)
    lo, hi = _value_range(nums)
    chart = VerticalBarChart()
    chart.x, chart.y = 10, 34
    if label_angle:
        longest = max((stringWidth(shape_line(lbl), REGULAR, 8) for lbl in labels), default=0)
        chart.y = 12 + longest
    chart.width = width - 50
    chart.height = height - _TITLE_H - chart.y - 6
    # RTL: reversing the data (not the axis) keeps reportlab's label placement simple.
    chart.data = [nums[::-1]]
    chart.categoryAxis.categoryNames = [shape_line(lbl) for lbl in labels[::-1]]
    chart.categoryAxis.labels.boxAnchor = "e" if label_angle else "n"
    chart.categoryAxis.labels.angle = label_angle
    chart.categoryAxis.labels.dy = -3
    chart.valueAxis.joinAxisMode = None
    _style_value_axis(chart.valueAxis, lo, hi, _integer_step(nums, lo, hi))
    _style_bars(chart)
    chart.barLabels.nudge = 6
    chart.barWidth = 10
    chart.groupSpacing = 8
    d.add(chart)
    _move_value_axis_right(d, chart)
    return d


def _move_value_axis_right(d: Drawing, chart: VerticalBarChart) -> None:
    # reportlab draws the value axis on the left only; an RTL reader starts on the right, so put
    # the tick labels there by mirroring the axis in a separate group.
    chart.valueAxis.visible = False
    from reportlab.graphics.charts.axes import YValueAxis

    axis = YValueAxis()
    axis.setPosition(chart.x + chart.width, chart.y, chart.height)
    _style_value_axis(axis, chart.valueAxis.valueMin, chart.valueAxis.valueMax,
                      getattr(chart.valueAxis, "valueStep", None))
    axis.visibleGrid = False
    axis.labels.boxAnchor = "w"
    axis.labels.dx = 4
    axis.tickLeft = 0
    axis.tickRight = 3
    axis.configure(chart.data)
    d.add(axis)


def horizontal_bar_chart(
    labels: list[str],
    values: list[float],
    *,
    title: str,
    width: float = 440,
    height: float | None = None,
    label_width: float = 110,
) -> Drawing:
    """Horizontal bars growing right-to-left, category names on the right, first one on top."""
    register_fonts()
    labels, nums = _clean(labels, values)
    if height is None:
        height = _TITLE_H + 40 + 22 * max(1, len(nums))
    d = _frame(title, width, height)
    if not nums:
        return _no_data(d, width, height)
    lo, hi = _value_range(nums)
    chart = HorizontalBarChart()
    chart.x, chart.y = 12, 22
    chart.width = width - label_width - chart.x - 8
    chart.height = height - _TITLE_H - chart.y - 6
    # reportlab lists the first category at the bottom: reverse so the first one is on top.
    chart.data = [nums[::-1]]
    chart.categoryAxis.categoryNames = [shape_line(lbl) for lbl in labels[::-1]]
    # Bars grow from the right edge leftwards, with the category names to their right.
    chart.valueAxis.reverseDirection = 1
    chart.categoryAxis.joinAxisMode = "right"
    chart.categoryAxis.labels.boxAnchor = "w"
    chart.categoryAxis.labels.dx = 6
    _style_value_axis(chart.valueAxis, lo, hi, _integer_step(nums, lo, hi))
    _style_bars(chart)
    # reportlab places bar labels for a reversed value axis half over the bar; draw them here,
    # just beyond the left end of each bar, vertically centred on it.
    chart.barLabelFormat = None
    n = len(nums)
    for i, v in enumerate(chart.data[0]):
        x = chart.x + chart.width * (1 - (v - lo) / (hi - lo))
        y = chart.y + (i + 0.5) * chart.height / n - 2.7
        d.add(String(x - 3, y, _number(v), fontName=REGULAR, fontSize=7.5, textAnchor="end"))
    chart.barWidth = 10
    chart.groupSpacing = 8
    d.add(chart)
    return d
