"""Page breaks: no heading alone at a page's foot, signature blocks and signing rows kept whole."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from reportlab.platypus import Flowable

from reports.charts import bar_chart
from reports.paragraph import RTLParagraph
from reports.tables import rtl_table
from reports.template import build_pdf, heading, signature_lines, spacer
from tests.reports.test_pdf import fold, page_count


def pages(pdf: Path) -> list[str]:
    """The folded text of each page."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    return [fold(p) for p in out.split("\f")][:page_count(pdf)]


def _page_of(texts: list[str], needle: str) -> int:
    hits = [i for i, t in enumerate(texts) if fold(needle) in t]
    assert hits, needle
    return hits[0]


# Filler paragraphs of one line each: 1 to 45 lines walk the next block over the page foot.
FILLERS = range(1, 46, 2)


def _filler(lines: int) -> RTLParagraph:
    return RTLParagraph("\n".join(f"سطر پرکننده شماره {i}" for i in range(lines)))


@pytest.mark.parametrize("what", ["table", "chart", "paragraph", "subheading"])
def test_a_heading_stays_with_the_start_of_what_follows(tmp_path: Path, what: str) -> None:
    for n in FILLERS:
        body: list[Flowable]
        if what == "table":
            body = [rtl_table(["ردیف", "نام"], [[str(i), f"ردیف جدول {i}"] for i in range(3)],
                              [40, 200])]
            first = "ردیف جدول 0"
        elif what == "chart":
            body = [bar_chart(["فنی", "مالی"], [3, 4], title="نمودار دوره‌ها")]
            first = "نمودار دوره‌ها"
        elif what == "paragraph":
            body = [RTLParagraph("نخستین سطر متن پس از عنوان")]
            first = "نخستین سطر متن پس از عنوان"
        else:
            body = [heading("زیرعنوان دوم", 2), RTLParagraph("متن زیر زیرعنوان")]
            first = "متن زیر زیرعنوان"
        out = tmp_path / f"{what}-{n}.pdf"
        story = [_filler(n * 2), heading("عنوان بخش آزمایشی", 2), spacer(4), *body]
        build_pdf(out, story, title="آزمون")
        texts = pages(out)
        assert _page_of(texts, "عنوان بخش آزمایشی") == _page_of(texts, first), n


def test_signature_block_stays_whole_and_with_the_last_resolution_when_it_fits(
        tmp_path: Path) -> None:
    names = [f"امضاکننده شماره {i}" for i in range(1, 8)]
    seen_together = False
    for n in FILLERS:
        out = tmp_path / f"sig-{n}.pdf"
        story = [_filler(n * 2),
                 rtl_table(["ردیف", "متن مصوبه"], [["۱", "آخرین مصوبه جلسه"]], [40, 300]),
                 heading("امضای حاضران", 2), spacer(4), signature_lines(names, per_row=4)]
        build_pdf(out, story, title="صورتجلسه")
        texts = pages(out)
        block = _page_of(texts, "امضای حاضران")
        assert all(_page_of(texts, name) == block for name in names), n
        last = _page_of(texts, "آخرین مصوبه جلسه")
        if block == last:
            seen_together = True
        else:
            # Moved only because it did not fit below the resolution: a whole page holds it.
            assert block == last + 1
    assert seen_together


def test_a_signing_row_is_never_cut_across_pages(tmp_path: Path) -> None:
    # Names long enough to wrap in their column: the old table cut such a first row between
    # its lines at the page foot, leaving the name on one page and its signature box on two.
    rows = [[str(i), f"نام بسیار بلند شرکت‌کننده شماره {i} از بنگاه صنایع غذایی", ""]
            for i in range(1, 4)]
    for n in FILLERS:
        out = tmp_path / f"rows-{n}.pdf"
        story = [_filler(n * 2), rtl_table(["ردیف", "نام", "امضا"], rows, [30, 90, 120],
                                           row_height=30)]
        build_pdf(out, story, title="فهرست حضور و غیاب")
        texts = pages(out)
        for _, name, _ in rows:
            assert any(fold(name) in t for t in texts), (n, name)


def test_minutes_signature_block_is_on_one_page(tmp_path: Path) -> None:
    # The demo's seventh steering-committee meeting: its heading «امضای حاضران» used to end
    # page 1 alone, with every signature line on page 2.
    from models.migrate import open_database
    from reports.minutes import build_minutes
    from services.activities import get_activity
    from services.demo import load_demo
    from tests.reports.test_reports import _activity

    demo = open_database(str(tmp_path / "demo.db"))
    try:
        with demo.session_factory.begin() as session:
            load_demo(session)
        meeting = _activity(demo, "meeting", start_date=date(2026, 3, 6))
        out = build_minutes(demo, tmp_path / "m.pdf", meeting=meeting)
        texts = pages(out)
        block = _page_of(texts, "امضای حاضران")
        after = texts[block].split(fold("امضای حاضران"), 1)[1]
        present = [p.person_name for p in get_activity(demo, meeting).participants
                   if p.attended and p.person_name and p.role != "absent"]
        assert present
        for name in present:
            assert fold(name) in after, name
    finally:
        demo.dispose()


def test_a_heading_before_a_page_break_is_left_as_it_is(tmp_path: Path) -> None:
    from reportlab.platypus import PageBreak

    out = tmp_path / "break.pdf"
    build_pdf(out, [heading("عنوان پیش از شکست صفحه", 2), PageBreak(),
                    RTLParagraph("متن صفحه دوم")], title="آزمون")
    texts = pages(out)
    assert _page_of(texts, "عنوان پیش از شکست صفحه") == 0
    assert _page_of(texts, "متن صفحه دوم") == 1
