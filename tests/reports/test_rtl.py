"""Unit tests of the RTL helper: shaping, bidi order and logical line breaking."""

from __future__ import annotations

import unicodedata

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from reportlab.pdfgen.canvas import Canvas

from reports.fonts import BOLD, REGULAR, register_fonts
from reports.paragraph import RTLParagraph
from reports.rtl import fa_digits, shape_line, text_width, wrap_logical

register_fonts()


def test_register_fonts_is_idempotent() -> None:
    register_fonts()
    register_fonts()


def test_hamza_above_is_kept() -> None:
    # The reshaper's default (delete_harakat=True) would drop U+0654 from خانهٔ.
    assert "\u0654" in shape_line("خانهٔ صنعت")


def test_lam_alef_ligature_but_no_allah_ligature() -> None:
    assert "\ufefb" in shape_line("لار")  # isolated lam-alef, which Vazirmatn has
    assert "\ufdf2" not in shape_line("عبدالله")  # names keep the letters the user typed


def test_brackets_are_mirrored() -> None:
    # In an RTL line the logical "(" sits on the visual right and must look like ")" there;
    # reading the visual string left to right therefore gives "(" first. The Rust
    # bidi.get_display (not used) leaves them unmirrored.
    visual = shape_line("(سلام)")
    assert visual[0] == "(" and visual[-1] == ")"


def test_latin_run_keeps_its_order_inside_persian() -> None:
    visual = shape_line("گواهی ISO 9001 در سال ۱۴۰۴")
    assert "ISO 9001" in visual
    assert "۱۴۰۴" in visual
    # The year ends the logical line, so in an RTL line it is drawn leftmost.
    assert visual.index("۱۴۰۴") < visual.index("ISO 9001")


def test_brackets_beside_a_latin_run() -> None:
    # pdftotext cannot be the oracle here (poppler misplaces brackets next to LTR runs when it
    # reorders), so the visual string is checked directly; the rendered page reads
    # «(با حمایت شرکت) و ISO 9001 (سال ۱۴۰۴)» from right to left.
    visual = unicodedata.normalize("NFKC", shape_line("(با حمایت شرکت) و ISO 9001 (سال ۱۴۰۴)"))
    assert visual == f"(۱۴۰۴ {'سال'[::-1]}) ISO 9001 و ({'با حمایت شرکت'[::-1]})"


def test_line_starting_with_latin_is_still_rtl() -> None:
    visual = shape_line("ISO 9001 گرفت")
    assert visual.endswith("ISO 9001")


def test_latin_first_field_is_laid_out_left_to_right() -> None:
    from reports.rtl import is_ltr_text

    for text in ("a < b & c > d", "Maskati Lar Co.", "info@maskati-lar.ir"):
        assert is_ltr_text(text)
        assert shape_line(text, True) == text  # trailing punctuation stays at the end
    # Persian first, or a Persian sentence that starts with a Latin word: right to left.
    for text in ("ISO 9001 در سال", "خوشه Maskati", "۱۲۳", ""):
        assert not is_ltr_text(text)
    assert shape_line("a < b & c > d.") == ".a < b & c > d"  # what RTL did: the stop jumped


def test_emails_paths_and_phones_are_left_to_right_isolates() -> None:
    visual = shape_line("تلفن +98 71 5222 3344 و ایمیل info@maskati-lar.ir.")
    assert "+98 71 5222 3344" in visual and "info@maskati-lar.ir" in visual
    # The isolates keep their order in the right-to-left line: the phone first, on the right.
    assert visual.index("info@maskati-lar.ir") < visual.index("+98 71 5222 3344")
    assert visual.startswith(".")  # the sentence's full stop ends it, on the left
    assert "/tmp/x/backups" in shape_line("پوشه /tmp/x/backups پر است")
    assert "C:\\Khooshe\\out.pdf" in shape_line("فایل C:\\Khooshe\\out.pdf ساخته شد")
    # Two years in a row are numbers of a Persian sentence, not a phone.
    assert shape_line("سال‌های 1402 1403") == shape_line("سال‌های 1402 1403", False)
    assert "1402 1403" not in shape_line("سال‌های 1402 1403")


# What every isolated run is made of, among other things, so the substring pre-test sees it.
_ISOLATE_PARTS = list("ab@.-_+0۰123۴/\\:~ ") + ["www.", "http://", "https://", "C:\\", " 71 "]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_ISOLATE_PARTS + list("سلامی")), max_size=14).map("".join))
def test_the_isolate_pre_test_never_misses_a_run(text: str) -> None:
    import reports.rtl as rtl

    assert rtl._may_hold_ltr_run(text) or not rtl._LTR_RUN.search(text)


def test_clear_caches_forgets_every_shaped_text() -> None:
    import reports.rtl as rtl
    import reports.textlayer as textlayer

    rtl.text_width(rtl.shape_line("نشست (کمیته) ۱۴۰۲"), REGULAR, 9)
    textlayer.span_open("نشست")
    rtl.is_ltr_text("نشست")
    rtl.clear_caches()
    for cached in (rtl.reshape, rtl.shape_line, rtl._word_width_1000, rtl._line_width_1000,
                   rtl.is_ltr_text, textlayer.span_open):
        assert cached.cache_info().currsize == 0, cached
    assert not rtl._GLYPH_WIDTHS


def test_fa_digits() -> None:
    assert fa_digits("1404/01/02 ٣") == "۱۴۰۴/۰۱/۰۲ ۳"


def _words(text: str) -> list[str]:
    return text.split()


def test_wrap_respects_width_and_keeps_words() -> None:
    text = "خوشهٔ حلوای مسقطی لار در سال ۱۴۰۴ گواهی ISO 9001 گرفت و اعضای آن می‌توانند " * 20
    lines = wrap_logical(text, REGULAR, 10, 200)
    assert len(lines) > 5
    for line in lines:
        assert text_width(line, REGULAR, 10) <= 200
    assert _words(" ".join(lines)) == _words(text)


def test_wrap_keeps_explicit_newlines() -> None:
    lines = wrap_logical("اول\nدوم\n\nچهارم", REGULAR, 10, 300)
    assert lines == ["اول", "دوم", "", "چهارم"]


def test_wrap_breaks_a_5000_character_word() -> None:
    word = "ب" * 4999 + "ٔ"
    lines = wrap_logical(word, REGULAR, 10, 150)
    assert len(lines) > 10
    assert "".join(lines) == word
    assert all(text_width(line, REGULAR, 10) <= 150 for line in lines)
    # The combining hamza never starts a line on its own.
    assert not lines[-1].startswith("ٔ")


def test_wrap_narrower_than_one_glyph_still_terminates() -> None:
    lines = wrap_logical("سلام دنیا", BOLD, 12, 1)
    assert "".join(lines) == "سلامدنیا"


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(
        st.text(alphabet="ابپتثجچحخدذرزسشصکگلمنوهیۀ‌ ۱۲۳ISO9()<&>", min_size=1, max_size=25),
        min_size=0,
        max_size=30,
    ),
    width=st.floats(min_value=20, max_value=400),
)
def test_wrap_property(words: list[str], width: float) -> None:
    text = " ".join(words)
    lines = wrap_logical(text, REGULAR, 9, width)
    # Nothing is lost or reordered: the characters other than spaces come back in order.
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        fits = text_width(line, REGULAR, 9) <= width
        assert fits or len(line) == 1


def test_paragraph_splits_by_lines() -> None:
    para = RTLParagraph("کلمه " * 400, font_size=10, leading=16, alignment="justify")
    _, h = para.wrap(300, 10_000)
    parts = para.split(300, h / 2)
    assert len(parts) == 2
    total = sum(len(p.lines) for p in parts)  # type: ignore[attr-defined]
    assert total == len(para.lines)
    assert para.split(300, 5) == []


def test_paragraph_draws_every_alignment(tmp_path) -> None:  # type: ignore[no-untyped-def]
    c = Canvas(str(tmp_path / "x.pdf"))
    for align in ("right", "center", "left", "justify"):
        p = RTLParagraph("متن آزمایشی ISO 9001 " * 30, alignment=align)  # type: ignore[arg-type]
        p.wrapOn(c, 300, 800)
        p.drawOn(c, 50, 50)
    c.save()


# -- the shaping shortcuts give exactly what the libraries give -------------------------------

_PERSIAN = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیۀءآأؤئإةىيكـٔ"
_MIXED = _PERSIAN + "\u200c\u200d\u064b\u0670۰۱۲۳۴۵۶۷۸۹0123456789٠١٢٣٤٥٦٧٨٩٫٬,./:—–-،*()٪%a "
# What the right-to-left fast path must get right besides: brackets and guillemets (mirrored),
# terminators and separators beside digits (W2/W4/W5), marks after digits and spaces (W1), a
# Hebrew letter (R, not AL: W2 leaves European digits after it alone), the marks RLM and LRM,
# a no-break space (a common separator), Arabic number signs.
_RTL_TRAPS = "[]{}<>«»!?\"'#$+=^_|~\u00a0\u200f\u200e\u05d0\u0600\u0654\u066a\u06dd؟؛ "


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_MIXED + _RTL_TRAPS, min_size=1, max_size=30))
def test_shape_line_is_python_bidi_on_the_reshaped_line(text: str) -> None:
    from arabic_reshaper import ArabicReshaper
    from bidi.algorithm import get_display

    import reports.rtl as rtl

    reference = ArabicReshaper(configuration={
        "delete_harakat": False, "support_ligatures": True, "ARABIC LIGATURE ALLAH": False,
        "RIAL SIGN": False})
    # (E-mails, paths and grouped phone numbers are isolated first: tested below.)
    assume(not rtl._LTR_RUN.search(text))
    try:
        shaped = reference.reshape(text)
    except IndexError:  # arabic-reshaper's own ZWJ bug; see the next test
        return
    rtl.shape_line.cache_clear()
    assert shape_line(text) == get_display(shaped, base_dir="R")


def test_persian_lines_take_the_bidi_shortcut() -> None:
    import reports.rtl as rtl

    for line in ("جلسه کمیته راهبری خوشه", "۱۴۰۲/۰۴/۱۰ تا ۱۴۰۲/۰۴/۱۲", "سفارش ۱۴٬۲۰۰ ریال",
                 "—", "۱٬۸۸۸", "می‌توانند", "(سلام)", "«مسقطی‌سازان لار»", "(۱۴۰۲/۱۱/۰۴)",
                 "داراب 3313 (۱۴۰۴/۱۱/۰۱)", "۱۲۳ / ۱۱۹", "نفر-ساعت"):
        assert rtl._rtl_visual(rtl.reshape(line)) is not None, line
    # A left-to-right letter; a terminator or separator whose number W2 decides.
    for line in ("ISO 9001 گرفت", "۵۰٪ پیشرفت", "سال ۱۴۰۲-۱۴۰۳", "۱/٢ سهم"):
        assert rtl._rtl_visual(rtl.reshape(line)) is None, line


def test_zwj_before_lam_alef_does_not_crash() -> None:
    # arabic-reshaper 3.1 raised IndexError here, which failed the whole report.
    for text in ("د\u200dگز-م٨\u200c۸ه2لأ", "چ/٣\u200d,لأ"):
        assert shape_line(text)


def test_reshaper_options_survive_the_frozen_configuration() -> None:
    import reports.rtl as rtl

    assert rtl._RESHAPER.configuration.getboolean("delete_harakat") is False
    assert rtl._RESHAPER.configuration.getboolean("ARABIC LIGATURE ALLAH") is False
    assert rtl._RESHAPER.configuration.getboolean("support_ligatures") is True
    assert rtl._RESHAPER.configuration.get("language") == "Arabic"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_MIXED, min_size=1, max_size=20))
def test_reshape_is_arabic_reshaper(text: str) -> None:
    # Word by word, through the plain-word joining loop where it applies.
    from arabic_reshaper import ArabicReshaper

    import reports.rtl as rtl

    reference = ArabicReshaper(configuration={
        "delete_harakat": False, "support_ligatures": True, "ARABIC LIGATURE ALLAH": False,
        "RIAL SIGN": False})
    try:
        expected = reference.reshape(text)
    except IndexError:
        return
    rtl.reshape.cache_clear()
    assert rtl.reshape(text) == expected


def test_a_line_without_letters_is_not_joined(monkeypatch) -> None:  # noqa: ANN001
    # Most distinct words of a long report's tables are figures and dates: nothing to join.
    import reports.rtl as rtl

    def no_joining(word: str) -> str:
        raise AssertionError(f"joined {word!r}")

    monkeypatch.setattr(rtl, "_join_letters", no_joining)
    rtl.reshape.cache_clear()
    for text in ("۱۴۰۴/۰۳/۳۰", "560", "۱۴۰۲/۰۳/۲۶ — ۱۴۰۲/۰۳/۳۰", "(۴۵۰٬۰۰۰)", "—", " ", ""):
        assert rtl.reshape(text) == text
    rtl.reshape.cache_clear()


def test_a_line_is_reshaped_once_for_its_width_and_its_glyphs() -> None:
    # The width of a table cell and the glyphs drawn come from the same reshaped line.
    import reports.rtl as rtl

    rtl.clear_caches()
    line = "نوآوری در محصول — مرودشت 7455"
    text_width(line, REGULAR, 9)
    misses = rtl.reshape.cache_info().misses
    shape_line(line)
    assert rtl.reshape.cache_info().misses == misses
    rtl.clear_caches()


def test_glyph_widths_add_up_exactly() -> None:
    # A line is measured whole, its words were measured one by one: the same number only
    # because every width is a whole number of font units (Vazirmatn: 2048 to the em, so
    # 125/256 at size 1000). Such sums add exactly in any grouping, and stringWidth's scaling
    # ((s * 0.001) * 1000) gives each back exactly (checked for every sum below 2**32 units;
    # it would not for any multiple of 1/256: 9/256 comes back 0.03515625000000001).
    from reportlab.pdfbase import pdfmetrics

    for name in (REGULAR, BOLD):
        face = pdfmetrics.getFont(name).face
        for width in [*face.charWidths.values(), face.defaultWidth]:
            assert (width * 2048 / 1000).is_integer(), (name, width)
    for units in (1, 9, 2047, 123457, 2**31 - 1):
        s = units * 1000 / 2048
        assert s * 0.001 * 1000 == s


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=_MIXED + _RTL_TRAPS, max_size=30), st.sampled_from([REGULAR, BOLD]))
def test_a_line_is_as_wide_as_its_words(text: str, font: str) -> None:
    import reports.rtl as rtl

    rtl.clear_caches()
    words = text.split(" ")
    by_words = (sum(rtl._word_width_1000(w, font) for w in words)
                + rtl._word_width_1000(" ", font) * (len(words) - 1))
    assert rtl._line_width_1000(text, font) == by_words
    assert text_width(text, font, 9) == by_words * 9 / 1000.0


_FIGURES = "0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٫٬.,:/%٪+-\u00a0\u0600\u06dd²ab ب()"


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet=_FIGURES, min_size=1, max_size=12), st.booleans())
def test_a_figure_is_drawn_as_python_bidi_draws_it(text: str, ltr: bool) -> None:
    # Figures alone (counts, dates, amounts) are drawn as they stand; the rest as before.
    from arabic_reshaper import ArabicReshaper
    from bidi.algorithm import get_display

    import reports.rtl as rtl

    assume(not rtl._LTR_RUN.search(text))
    reference = ArabicReshaper(configuration={
        "delete_harakat": False, "support_ligatures": True, "ARABIC LIGATURE ALLAH": False,
        "RIAL SIGN": False})
    rtl.shape_line.cache_clear()
    expected = get_display(reference.reshape(text), base_dir="L" if ltr else "R")
    assert shape_line(text, ltr) == expected


def test_a_figure_is_not_reordered(monkeypatch) -> None:  # noqa: ANN001
    import reports.rtl as rtl

    def no_reordering(text: str, ltr: bool) -> str:
        raise AssertionError(f"reordered {text!r}")

    monkeypatch.setattr(rtl, "_visual", no_reordering)
    rtl.shape_line.cache_clear()
    for line in ("۱۴۰۳/۰۶/۰۴", "۲۴۸", "560", "۴۵۰٬۰۰۰", "٣٫٥", "12:30"):
        assert shape_line(line) == line
        assert shape_line(line, True) == line
    rtl.shape_line.cache_clear()


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=_MIXED + _RTL_TRAPS + "\u0670\u064b", max_size=14))
def test_the_w2_pre_test_never_misses(text: str) -> None:
    import reports.rtl as rtl

    assert rtl._W2_MAY.search(text) or not rtl._W2_DECIDES.search(text)


class _NotSearched:
    def search(self, *args: object) -> None:
        raise AssertionError("searched")


def test_dates_do_not_try_the_w2_alternation(monkeypatch) -> None:  # noqa: ANN001
    import reports.rtl as rtl

    monkeypatch.setattr(rtl, "_W2_DECIDES", _NotSearched())
    for line in ("۱۴۰۴/۰۳/۳۰ تا", "(۱۴۰۲/۰۳/۲۶)", "۱۴۰۲/۰۳/۲۶ تا ۱۴۰۲/۰۳/۳۰", "ساعت ۱۲:۳۰"):
        assert rtl._rtl_visual(rtl.reshape(line)) is not None, line


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(_MIXED + _RTL_TRAPS + "\ufefb\ufe8d\uFB8A"),
                                  st.characters()), max_size=30),
       st.sampled_from([REGULAR, BOLD]))
def test_a_shaped_line_is_as_wide_as_reportlab_measures_it(text: str, font: str) -> None:
    # Glyphs the font lacks (its default width) and characters beyond the BMP included.
    from reportlab.pdfbase import pdfmetrics

    import reports.rtl as rtl

    assert rtl._shaped_width_1000(text, font) == pdfmetrics.stringWidth(text, font, 1000)


def test_each_glyph_is_measured_once(monkeypatch) -> None:  # noqa: ANN001
    from reportlab.pdfbase import pdfmetrics

    import reports.rtl as rtl

    asked: list[str] = []
    measure = pdfmetrics.stringWidth

    def counting(text: str, font_name: str, size: float) -> float:
        asked.append(text)
        return measure(text, font_name, size)

    monkeypatch.setattr(pdfmetrics, "stringWidth", counting)
    rtl.clear_caches()
    text_width("سلام ۱۲", REGULAR, 9)
    assert sorted(asked) == sorted(set(rtl.reshape("سلام ۱۲")))
    asked.clear()
    text_width("۱۲ سلام سلام", REGULAR, 9)  # another line of the same glyphs
    text_width("سلام ۱۲", REGULAR, 12)
    assert asked == []
    rtl.clear_caches()
