"""The tables' kept number formatting equals reportlab's own, operator for operator."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas

from reports.table_text import Numbers, path_lines

# fp_str refuses numbers over 1e20; page coordinates are a few hundred points.
coordinate = st.one_of(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.floats(min_value=-1e19, max_value=1e19, allow_nan=False),
    st.integers(min_value=-10**6, max_value=10**6),
    st.sampled_from([0, 0.0, -0.0, 1e-7, -1e-7, 1.5e-7, 0.5, 1.0, 10.0, 99.99995, 841.8898]),
)


@settings(max_examples=2000)
@given(st.lists(coordinate, min_size=1, max_size=40))
def test_kept_numbers_format_as_fp_str(values: list[float]) -> None:
    # Asked in any order and again: equal numbers (0 and -0.0, 1 and 1.0) share an entry, so
    # whichever came first must format as the other would.
    numbers = Numbers()
    for v in values + values[::-1]:
        assert numbers[v] == fp_str(v)
    for x, y in zip(values, values[1:], strict=False):
        assert f"{numbers[x]} {numbers[y]}" == fp_str(x, y)


def _page(draw) -> bytes:  # noqa: ANN001
    canv = Canvas(io.BytesIO(), invariant=1, pageCompression=0)
    draw(canv)
    canv.showPage()
    return canv.getpdfdata()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(coordinate, coordinate, coordinate, coordinate), max_size=30))
def test_path_lines_writes_what_canvas_lines_writes(lines: list[tuple[float, ...]]) -> None:
    numbers = Numbers()
    numbers[0.0]  # an entry made before, as the table's text leaves them
    assert (_page(lambda c: c.addLiteral(path_lines(numbers, lines)))
            == _page(lambda c: c.lines(lines)))
