"""The text layer: every drawn line's /ActualText reads back (pdftotext) as the logical line."""

from __future__ import annotations

import random
import re
import subprocess
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reports.paragraph import RTLParagraph
from reports.tables import rtl_table
from reports.template import build_pdf
from reports.textlayer import RLM, _direction, span_open, visual_order
from tests.reports.test_pdf import fold, pdf_text

# What users type into report fields: Persian letters, ZWNJ, the hamza mark, Latin, both digit
# sets with their separators, brackets, guillemets and the usual punctuation.
ALPHABET = list("نشستکمیهراهبریدزلارخانمسقطیبفگ") + ["\u200c", "\u0654", " ", " ", " "] + list(
    "ISOGulfabcdxyz0123456789۰۱۲۳۴۵۶۷۸۹٫٬.,:;!?؟،؛()[]«»<>&@/+-%٪—")


def _reader_order(visual: str) -> str:
    """poppler's reorderText for a right-to-left page, without its embedding controls.

    From the end: runs of non-left-to-right characters reversed, runs of non-right-to-left
    characters as they stand (TextOutputDev.cc); the classes are reports.textlayer's.
    """
    out: list[str] = []
    i = len(visual) - 1
    while i >= 0:
        j = i
        while j >= 0 and _direction(visual[j]) != 1:
            j -= 1
        out.extend(visual[k] for k in range(i, j, -1))
        i = j
        while j >= 0 and _direction(visual[j]) != 0:
            j -= 1
        out.append(visual[j + 1:i + 1])
        i = j
    return "".join(out)


@given(st.text(alphabet=ALPHABET, max_size=40))
@settings(max_examples=400, deadline=None)
def test_visual_order_is_the_inverse_of_the_readers_order(text: str) -> None:
    assert _reader_order(visual_order(text)).replace(RLM, "") == text.replace(RLM, "")


@given(st.text(alphabet=ALPHABET + ["\u0654", "ـ", "ؤ", "٠", "۔", "\u00a0", "中", "ü"],
               max_size=40))
@settings(max_examples=400, deadline=None)
def test_the_shortcuts_are_the_general_rule(text: str) -> None:
    """The all right-to-left and all left-to-right shortcuts, and the runs found on the text
    itself, give what the general rule gives on the character-by-character classes."""
    import reports.textlayer as textlayer

    cls = "".join(textlayer._LETTER[textlayer._direction(ch)] for ch in text)
    general = textlayer._reordered(text, cls, textlayer._LTR_RUN, textlayer._CLASS_RTL)
    assert visual_order(text) == general
    # The one-call classification is the character-by-character one.
    assert textlayer._classes(text) == cls


def test_persian_lines_and_figures_take_the_shortcuts() -> None:
    import reports.textlayer as textlayer

    for line in ("نشست (کمیته راهبری) در شیراز", "«مسقطی‌سازان لار»", "خانهٔ صنعت!"):
        assert not textlayer._HAS_L.search(line)
    for line in ("ISO 9001 در سال", "۱۲٫۵ درصد", "لار، فارس"):
        assert textlayer._HAS_L.search(line)
        assert not textlayer._TEXT_LTR_RUN.fullmatch(line)
    for line in ("۱۴۰۲/۰۱/۱۰", "۲۵۲٬۰۶۰", "۱۲۳ / ۱۱۹"):
        assert textlayer._TEXT_LTR_RUN.fullmatch(line)
        assert visual_order(line) == RLM + RLM + line + RLM


def test_replacement_text_is_hex_utf16_with_bom() -> None:
    op = span_open("a (ب)")
    match = re.fullmatch(r"/Span <</ActualText <FEFF([0-9A-F]+)>>> BDC", op)
    assert match
    assert bytes.fromhex(match.group(1)).decode("utf-16-be") == visual_order("a (ب)")


def _strings(n: int) -> list[str]:
    rng = random.Random(14)
    out = []
    while len(out) < n:
        s = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 24)))
        s = re.sub(r"\s+", " ", s).strip()  # pdftotext collapses spaces; so does fold()
        if s and not s.startswith("\u0654"):
            out.append(s)
    return out


def test_pdftotext_reads_every_line_as_typed(tmp_path: Path) -> None:
    strings = _strings(150)
    out = tmp_path / "layer.pdf"
    story = [RTLParagraph("فهرست نوشته‌هایی که کاربر در گزارش وارد کرده است")]
    story += [RTLParagraph(s) for s in strings]
    story.append(rtl_table(["ردیف", "متن"], [[str(i), s] for i, s in enumerate(strings[:40])],
                           [40, 300]))
    build_pdf(out, story, title="لایه متن")
    lines = {fold(line) for line in subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True,
        check=True).stdout.splitlines()}
    missing = [s for s in strings if fold(s) not in lines]
    assert not missing


def test_every_drawn_line_is_one_span(tmp_path: Path) -> None:
    out = tmp_path / "spans.pdf"
    build_pdf(out, [RTLParagraph("یک\nدو\nسه", alignment="justify"),
                    rtl_table(["الف", "ب"], [["۱", "۲"]], [50, 50])], title="عنوان")
    data = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(out), "-"],
                          capture_output=True, check=True).stdout
    # 3 paragraph lines, 2 header cells, 2 body cells, the title and the page number.
    assert data.count(b"/ActualText") == data.count(b"EMC") == 9
    assert b"/Lang (fa-IR)" in data
    assert fold("صفحه ۱ از ۱") in pdf_text(out)


_FIGURE_CHARS = list("0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٫٬.,:/%٪+-#$°") + ["\u00a0", "a", "Z", " ",
                                                                     "ب", "(", "中", "²"]


@given(st.text(alphabet=_FIGURE_CHARS, max_size=12))
@settings(max_examples=600, deadline=None)
def test_the_figure_shortcut_is_the_general_rule(text: str) -> None:
    # Lines of left-to-right characters only (figures, dates), and lines that only start so.
    import reports.textlayer as textlayer

    cls = "".join(textlayer._LETTER[textlayer._direction(ch)] for ch in text)
    assert visual_order(text) == textlayer._reordered(text, cls, textlayer._LTR_RUN,
                                                      textlayer._CLASS_RTL)


class _NotSearched:
    def search(self, *args: object) -> None:
        raise AssertionError("searched")


def test_a_figure_is_its_own_replacement_text_without_any_search(monkeypatch) -> None:  # noqa: ANN001
    import reports.textlayer as textlayer

    for name in ("_OUTSIDE", "_HAS_L", "_TEXT_LTR_RUN"):
        monkeypatch.setattr(textlayer, name, _NotSearched())
    for line in ("۱۴۰۲/۰۱/۱۰", "۲۵۲٬۰۶۰", "560", "12:30", "ISO"):
        assert visual_order(line) == RLM + RLM + line + RLM


def test_the_replacement_text_is_encoded_by_the_encoder_looked_up_once(monkeypatch) -> None:  # noqa: ANN001
    import codecs

    import reports.textlayer as textlayer

    calls: list[str] = []
    encoder = codecs.getencoder("utf-16-be")

    def counting(text: str) -> tuple[bytes, int]:
        calls.append(text)
        return encoder(text)

    monkeypatch.setattr(textlayer, "_UTF16BE", counting)
    textlayer.span_open.cache_clear()
    assert span_open("نشست ۱۲") == "/Span <</ActualText <FEFF{}>>> BDC".format(
        visual_order("نشست ۱۲").encode("utf-16-be").hex().upper())
    assert calls == [visual_order("نشست ۱۲")]
    textlayer.span_open.cache_clear()


def test_a_persian_line_takes_one_search(monkeypatch) -> None:  # noqa: ANN001
    # The left-to-right run search alone tells a line without any such character.
    import reports.textlayer as textlayer

    monkeypatch.setattr(textlayer, "_HAS_L", _NotSearched())
    for line in ("نشست (کمیته راهبری) در شیراز", "«مسقطی‌سازان لار»", "خانهٔ صنعت!"):
        assert visual_order(line) == RLM + line[::-1] + RLM
