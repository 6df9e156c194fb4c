"""End-to-end checks of built PDFs with poppler (pdftotext, pdfinfo, pdffonts) and qpdf."""

from __future__ import annotations

import re
import subprocess
import time
import unicodedata
from pathlib import Path

import pytest
from reportlab.platypus import Flowable

from reports.charts import bar_chart, horizontal_bar_chart
from reports.paragraph import RTLParagraph
from reports.rtl import fa_digits
from reports.tables import rtl_table
from reports.template import build_pdf, heading, key_value_table, signature_lines, spacer

# Bidi embedding/override/isolate controls and marks: pdftotext wraps each RTL line in
# U+202B…U+202C and each Latin or digit run in U+202A…U+202C, and the text layer's replacement
# texts carry RIGHT-TO-LEFT MARKs (reports.textlayer); none of them is text a user typed.
_BIDI_CONTROLS = dict.fromkeys(
    [0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
)


def fold(text: str) -> str:
    """The comparable form of a text: NFKC, no bidi controls, whitespace runs as one space.

    NFKC turns Arabic presentation forms (the glyphs' own text) back into base letters
    (DESIGN §4) and leaves ZWNJ and U+0654 alone, so they are compared. Line breaks become
    spaces: a wrapped paragraph reads as one text.
    """
    text = unicodedata.normalize("NFKC", text).translate(_BIDI_CONTROLS)
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    """The PDF's text as pdftotext (plain, reading order) extracts it, folded.

    Every line carries its logical text (reports.textlayer), so brackets, spaces at script
    boundaries and ZWNJ come back as typed.
    """
    args = ["pdftotext", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    raw = subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True, text=True)
    return fold(raw.stdout)


def raw_text(pdf: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return out.stdout


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
    assert match
    return int(match.group(1))


def qpdf_ok(pdf: Path) -> None:
    res = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


TRICKY = [
    "اعضای تعاونی می‌توانند محصولات خود را صادر کنند",
    "جلسهٔ کمیته راهبری در خانهٔ صنعت",
    "(با حمایت شرکت شهرک‌های صنعتی فارس)",
    "گواهی ISO 9001 در سال ۱۴۰۴ دریافت شد",
]


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "sample.pdf"
    story: list[Flowable] = [heading("گزارش آزمایشی")]
    story += [RTLParagraph(t, alignment="justify") for t in TRICKY]
    story += [
        spacer(6),
        key_value_table([("نام خوشه", "حلوای مسقطی لار"), ("استان", "فارس")]),
        rtl_table(["ستون اول", "ستون دوم"], [["alpha", "omega"]], [120, 120]),
        bar_chart(["فنی", "مالی"], [3, 4], title="نمودار"),
        signature_lines(["دبیر", "ناظر"]),
    ]
    build_pdf(
        out,
        story,
        title="عنوان گزارش",
        cluster_name="خوشه حلوا",
        generated_label="تاریخ تهیه: ۱۴۰۴/۰۱/۰۲",
        subtitle="بهار",
        letterhead="شرکت",
    )
    return out


def test_tricky_strings_come_back_in_logical_order(sample_pdf: Path) -> None:
    text = pdf_text(sample_pdf)
    for s in TRICKY:
        assert fold(s) in text


def test_hamza_glyph_survives(sample_pdf: Path) -> None:
    assert "\u0654" in raw_text(sample_pdf)


def test_first_table_column_is_on_the_right(sample_pdf: Path) -> None:
    # -layout keeps the visual left-to-right position of words on a line.
    out = subprocess.run(
        ["pdftotext", "-layout", str(sample_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    row = next(line for line in out.splitlines() if "alpha" in line)
    assert row.index("omega") < row.index("alpha")


def test_fonts_are_embedded_and_nothing_else(sample_pdf: Path) -> None:
    out = subprocess.run(
        ["pdffonts", str(sample_pdf)], capture_output=True, text=True, check=True
    ).stdout
    rows = out.splitlines()[2:]
    assert any("Vazirmatn-Regular" in r for r in rows)
    assert any("Vazirmatn-Bold" in r for r in rows)
    for r in rows:
        # columns: name type encoding emb sub uni object-id gen
        assert r.split()[-5] == "yes", r


def test_qpdf_check_passes(sample_pdf: Path) -> None:
    qpdf_ok(sample_pdf)


def test_footer_numbers_pages_in_persian(tmp_path: Path) -> None:
    out = tmp_path / "pages.pdf"
    build_pdf(out, [RTLParagraph("متن " * 3000)], title="آزمون")
    n = page_count(out)
    assert n >= 2
    assert fold(f"صفحه ۱ از {fa_digits(n)}") in pdf_text(out, 1, 1)
    assert fold(f"صفحه {fa_digits(n)} از {fa_digits(n)}") in pdf_text(out, n, n)


def test_long_paragraph_flows_over_pages_in_order(tmp_path: Path) -> None:
    sentences = [f"این جمله شماره {fa_digits(i)} از گزارش است" for i in range(1, 401)]
    out = tmp_path / "long.pdf"
    build_pdf(out, [RTLParagraph(" ".join(sentences), alignment="justify")], title="آزمون")
    assert page_count(out) >= 2
    text = pdf_text(out)
    positions = [text.index(fold(s)) for s in (sentences[0], sentences[199], sentences[-1])]
    assert positions == sorted(positions)


def test_markup_prints_literally_and_reads_no_file(tmp_path: Path) -> None:
    evil = "نام x <img src=/etc/passwd> & <b>x</b> a < b &amp; y پایان"
    plain = "نام " + "x" * (len(evil) - 4)
    a, b = tmp_path / "evil.pdf", tmp_path / "plain.pdf"
    # A Persian paragraph as on every report page: poppler reads a page whose letters are
    # mostly Latin left to right, and the text layer is written for right-to-left pages.
    persian = RTLParagraph("این متن آزمایشی فارسی است و جای متن یک گزارش را می‌گیرد. " * 3)
    build_pdf(a, [persian, RTLParagraph(evil), rtl_table(["ستون"], [[evil]], [300])],
              title="آزمون")
    build_pdf(b, [persian, RTLParagraph(plain), rtl_table(["ستون"], [[plain]], [300])],
              title="آزمون")
    # The text layer gives the line as typed, Persian/Latin boundaries included.
    assert fold(evil) in pdf_text(a)
    # /etc/passwd is a few kB; an embedded image or file would show in size and structure.
    assert a.stat().st_size - b.stat().st_size < 1500
    qdf = subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", str(a), "-"], capture_output=True, check=True
    ).stdout
    # (reportlab always lists /ImageB /ImageC /ImageI in the ProcSet; an image is /Subtype /Image.)
    assert b"/Subtype /Image" not in qdf and b"/XObject" not in qdf


def test_5000_character_word(tmp_path: Path) -> None:
    word = "خوشه" * 1250
    out = tmp_path / "word.pdf"
    build_pdf(
        out, [RTLParagraph(word), rtl_table(["الف", "ب"], [[word, "۱"]], [80, 40])], title="آزمون"
    )
    qpdf_ok(out)
    # Only the paragraph: the table's cell is cut at other places, and the header repeated on
    # each page lands between its lines in the extracted text.
    only = tmp_path / "word-only.pdf"
    build_pdf(only, [RTLParagraph(word)], title="آزمون")
    # Header and footer of the next page land between the two halves of a word cut at a page
    # break, so each page break may cost one count.
    # (Each line of the cut word is a line of the text: without the line breaks it is one word.)
    joined = pdf_text(only).replace(" ", "")
    assert joined.count(fold("خوشه")) >= 1250 - (page_count(only) - 1)


def test_10000_row_table(tmp_path: Path) -> None:
    rows = [
        [fa_digits(i), f"بنگاه شمارهٔ {i}", "علی رضایی", "لار", fa_digits(i * 3)]
        for i in range(1, 10_001)
    ]
    out = tmp_path / "big.pdf"
    start = time.perf_counter()
    table = rtl_table(
        ["ردیف", "نام بنگاه", "مدیر", "شهر", "کارکنان"],
        rows,
        [40, 160, 110, 80, 60],
        align=["center", "right", "right", "right", "center"],
    )
    build_pdf(out, [table], title="فهرست بنگاه‌ها")
    elapsed = time.perf_counter() - start
    assert elapsed < 60, elapsed
    n = page_count(out)
    assert n > 100
    # The header row repeats on every page.
    assert fold("نام بنگاه") in pdf_text(out, 2, 2)
    assert fold("نام بنگاه") in pdf_text(out, n, n)
    assert fold("بنگاه شمارهٔ 10000") in pdf_text(out, n, n)


def test_charts_survive_empty_zero_and_bad_values(tmp_path: Path) -> None:
    out = tmp_path / "charts.pdf"
    story: list[Flowable] = [
        bar_chart([], [], title="خالی"),
        horizontal_bar_chart([], [], title="خالی افقی"),
        bar_chart(["الف", "ب"], [0, 0], title="صفر"),
        horizontal_bar_chart(["الف", "ب"], [0.0, 0.0], title="صفر افقی"),
        bar_chart(["الف", "ب", "پ"], [float("nan"), float("inf"), -2], title="بد"),
        horizontal_bar_chart(["فنی", "مدیریتی"], [12.5, 1200], title="ساعت آموزش"),
    ]
    build_pdf(out, story, title="نمودارها")
    text = pdf_text(out)
    assert text.count(fold("داده‌ای نیست")) == 2
    assert fold("۱٬۲۰۰") in text and fold("۱۲٫۵") in text
    with pytest.raises(ValueError):
        bar_chart(["الف"], [1, 2], title="x")


def test_failed_build_leaves_no_file(tmp_path: Path) -> None:
    class Boom(Flowable):
        def wrap(self, aw: float, ah: float) -> tuple[float, float]:
            return 10, 10

        def draw(self) -> None:
            raise RuntimeError("boom")

    out = tmp_path / "report.pdf"
    out.write_bytes(b"old report")
    with pytest.raises(RuntimeError):
        build_pdf(out, [RTLParagraph("متن"), Boom()], title="آزمون")
    assert out.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_landscape_and_file_object(tmp_path: Path) -> None:
    out = tmp_path / "land.pdf"
    with out.open("wb") as fh:
        build_pdf(fh, [], title="افقی", landscape=True, logo_path=str(tmp_path / "missing.png"))
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "841.89 x 595.276" in info
    qpdf_ok(out)
