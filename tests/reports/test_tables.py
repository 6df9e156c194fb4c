"""RTLTable: layout, splitting across pages and the text it writes."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from reports.fonts import REGULAR, register_fonts
from reports.rtl import shape_line
from reports.table_text import Encoder
from reports.tables import RTLTable, rtl_table
from reports.template import build_pdf
from tests.reports.test_pdf import fold, page_count, pdf_text

register_fonts()


def test_percent_widths_follow_the_frame_and_one_line_cells_stay_one_line() -> None:
    table = rtl_table(["الف", "ب"], [["یک", "دو"], ["سه", "چهار"]], ["25%", "75%"])
    w, h = table.wrap(400, 1000)
    assert w == pytest.approx(400)
    layout, rows = table._ensure_layout(400)
    assert layout.widths == pytest.approx([100, 300])
    assert all(len(cell) == 1 for row in rows for cell in row.cells)
    assert h == pytest.approx(layout.header.height + sum(r.height for r in rows))


def test_long_cells_wrap_inside_their_column() -> None:
    text = "متن بلند یک مصوبه که در ستون باریک جا نمی‌شود " * 3
    table = rtl_table(["ردیف", "متن"], [["۱", text]], [30, 120])
    table.wrap(150, 1000)
    _, rows = table._ensure_layout(150)
    lines = rows[0].cells[1]
    assert len(lines) > 3
    assert all(width <= 120 - 6 for _, width in lines)
    assert " ".join(t for t, _ in lines).split() == text.split()


def test_split_repeats_the_header_and_keeps_every_row() -> None:
    rows = [[str(i), f"بنگاه {i}"] for i in range(200)]
    table = rtl_table(["ردیف", "نام"], rows, [60, 200])
    parts = table.split(260, 300)
    assert len(parts) == 2
    first, rest = parts
    assert isinstance(first, RTLTable) and isinstance(rest, RTLTable)
    _, h = first.wrap(260, 300)
    assert h <= 300
    _, first_rows = first._ensure_layout(260)
    _, rest_rows = rest._ensure_layout(260)
    assert [r.index for r in first_rows + rest_rows] == list(range(200))
    # The header is part of both fragments' height.
    header = first._ensure_layout(260)[0].header
    assert h == pytest.approx(header.height + sum(r.height for r in first_rows))


def test_a_row_taller_than_a_page_is_cut_between_lines_and_nothing_is_lost() -> None:
    text = " ".join(f"جمله{i}" for i in range(400))
    table = rtl_table(["ردیف", "متن"], [["۱", text], ["۲", "کوتاه"]], [40, 200])
    first, rest = table.split(240, 200)
    _, top = first._ensure_layout(240)
    _, bottom = rest._ensure_layout(240)
    assert len(top) == 1 and top[0].height <= 200
    words = [t for row in (top[0], bottom[0]) for t, _ in row.cells[1]]
    assert " ".join(words).split() == text.split()
    assert [r.index for r in bottom] == [0, 1]


def test_nothing_fits_returns_no_split() -> None:
    table = rtl_table(["ردیف"], [["۱"]], [40])
    assert table.split(40, 5) == []


def test_fixed_row_height_is_a_minimum() -> None:
    table = rtl_table(["نام", "امضا"], [["علی", ""], ["نام " * 60, ""]], [100, 100],
                      row_height=40)
    table.wrap(200, 1000)
    _, rows = table._ensure_layout(200)
    assert rows[0].height == 40
    assert rows[1].height > 40  # the text needs more: nothing drawn outside its row


def test_rows_with_too_many_cells_are_refused() -> None:
    with pytest.raises(ValueError):
        rtl_table(["الف"], [["۱", "۲"]], [40])
    with pytest.raises(ValueError):
        rtl_table(["الف"], [["۱"]], [40], align=["diagonal"])


def test_encoder_matches_reportlab_split_string() -> None:
    font = pdfmetrics.getFont(REGULAR)
    a, b = Canvas("a.pdf"), Canvas("b.pdf")
    encoder = Encoder(font, b._doc)
    alphabet = [chr(c) for c in [*range(0xFB50, 0xFC00), *range(0xFE70, 0xFF00),
                                 *range(0x20, 0x7F), 0xA0, 0x1F600]]
    rng = random.Random(6)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert encoder.split(text) == font.splitString(text, a._doc), text
    assert len(font.state[a._doc].subsets) > 1  # both paths crossed a subset boundary


def test_table_pdf_reads_in_order_with_columns_right_to_left(tmp_path: Path) -> None:
    rows = [[str(i), f"بنگاه شمارهٔ {i}", "(شیراز)", "ISO 9001"] for i in range(1, 121)]
    out = tmp_path / "t.pdf"
    build_pdf(out, [rtl_table(["ردیف", "نام", "شهر", "گواهی"], rows, [40, 200, 80, 80],
                              align=["center", "right", "right", "left"])], title="آزمون")
    n = page_count(out)
    assert n >= 2
    for page in (1, n):
        assert fold("ردیف") in pdf_text(out, page, page)
    text = pdf_text(out)
    positions = [text.index(fold(f"بنگاه شمارهٔ {i}")) for i in (1, 60, 120)]
    assert positions == sorted(positions)
    layout = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(out), "-"],
                            capture_output=True, text=True, check=True).stdout
    line = next(x for x in layout.splitlines() if "ISO" in x)
    # First column (row number) on the right, the Latin column on the left.
    assert line.index("ISO") < line.index("1", line.index("ISO") + 8)
    assert shape_line("(شیراز)")[0] == "("


def _word_boxes(pdf: Path) -> list[tuple[str, float, float, float]]:
    """(text, xMin, xMax, yMin) of every word pdftotext -bbox finds on page 1.

    (-bbox gives each span's text in the order it is stored, before poppler reorders lines.)
    """
    import html
    import re as _re

    out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(html.unescape(m.group(4)).replace("\u200f", ""), float(m.group(1)), float(m.group(3)), float(m.group(2)))
            for m in _re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                  r'yMax="[\d.]+">([^<]*)</word>', out)]


def test_figures_of_a_centred_column_end_under_each_other(tmp_path: Path) -> None:
    figures = ["۵", "۲۹۸ *", "۴۵۰٬۰۰۰ *", "۱٬۸۸۸", "۱۲٫۵"]
    out = tmp_path / "figures.pdf"
    build_pdf(out, [rtl_table(["شاخص", "عملکرد"], [[f"شاخص {i}", f] for i, f in
                                                 enumerate(figures)] + [["بی‌مقدار", "—"]],
                              [200, 100], align=["right", "center"])], title="آزمون")
    boxes = _word_boxes(out)
    ends = [next(x1 for t, _, x1, _ in boxes if t.strip(" *") == f.strip(" *")) for f in figures]
    assert max(ends) - min(ends) < 0.5, ends
    # The widest figure is centred in its column; a dash stays centred.
    widest = next((x0, x1) for t, x0, x1, _ in boxes if "۴۵۰٬۰۰۰" in t)
    dash = next((x0, x1) for t, x0, x1, _ in boxes if t == "—")
    assert abs((widest[0] + widest[1]) / 2 - (dash[0] + dash[1]) / 2) < 6


def test_wrapped_lines_of_a_right_aligned_cell_end_at_its_right_edge(tmp_path: Path) -> None:
    outcome = ("۲ قرارداد، سفارش ۹٬۵۰۰٬۰۰۰٬۰۰۰ ریال، ۳۴ مشتری بالقوه\n"
               "آشنایی با خریداران عمده منطقه و نخستین سفارش صادراتی تعاونی خوشه.")
    out = tmp_path / "wrapped.pdf"
    table = rtl_table(["نمایشگاه", "نتایج"], [["Gulfood دبی", outcome]], [120, 150])
    build_pdf(out, [table], title="آزمون")
    # The نتایج column is the left one (x 150..300 of the 270-point table centred on A4).
    body = [b for b in _word_boxes(out) if b[3] > 110 and b[1] < 300 and "صفحه" not in b[0]]
    body = [b for b in body if b[0] != "جیاتن"]  # its centred header
    assert len(body) >= 4
    ends = [x1 for _, _, x1, _ in body]
    assert max(ends) - min(ends) < 0.5, body


def test_each_distinct_line_is_shaped_and_encoded_once_per_document(tmp_path: Path,
                                                                    monkeypatch) -> None:  # noqa: ANN001
    """A date or a label repeated down a column costs one look-up after its first drawing."""
    import reports.table_text as table_text

    shaped: list[str] = []

    def counting(line: str, ltr: bool = False) -> str:
        shaped.append(line)
        return shape_line(line, ltr)

    monkeypatch.setattr(table_text, "shape_line", counting)
    rows = [["۱۴۰۲/۰۱/۱۰", "جلسه کمیته راهبری"] for _ in range(200)]
    build_pdf(tmp_path / "repeat.pdf", [rtl_table(["تاریخ", "عنوان"], rows, [100, 300])],
              title="تکرار")
    # The two header cells and the two body texts, though the header repeats on each page.
    assert page_count(tmp_path / "repeat.pdf") > 1
    assert sorted(shaped) == sorted(["تاریخ", "عنوان", "۱۴۰۲/۰۱/۱۰", "جلسه کمیته راهبری"])
    text = fold(pdf_text(tmp_path / "repeat.pdf"))
    assert text.count(fold("جلسه کمیته راهبری")) == 200


def test_table_glyphs_are_hex_strings(tmp_path: Path) -> None:
    """A subset code of a Persian glyph (1-31, 128-255) is four characters as a literal string
    escape (\\ooo) and two in hex: the table's text is written in hex (same glyphs, pages
    pixel-identical), so its streams are smaller and quicker to compress."""
    import re
    import zlib

    from reportlab.pdfbase.pdfutils import asciiBase85Decode

    out = tmp_path / "hex.pdf"
    build_pdf(out, [rtl_table(["تاریخ", "عنوان"], [["۱۴۰۲/۰۱/۱۰", "جلسه کمیته راهبری"]],
                              [100, 300])], title="هگز")
    data = out.read_bytes()
    streams = re.findall(rb"/ASCII85Decode /FlateDecode \] /Length \d+\s*>>\s*stream\r?\n(.*?)"
                         rb"endstream", data, re.S)
    content = b"".join(zlib.decompress(asciiBase85Decode(s.strip())) for s in streams)
    table_text = content[content.index(b"BT\n/Span"):]
    assert re.search(rb"Tm <[0-9a-f]+> Tj EMC", table_text)
    assert b") Tj" not in table_text[:table_text.index(b"ET")]
    assert fold("جلسه کمیته راهبری") in fold(pdf_text(out))
