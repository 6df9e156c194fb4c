"""Right-to-left text for reportlab: shaping, line breaking and a plain-text paragraph flowable.

reportlab knows neither Arabic-script joining nor the bidi algorithm, so each *line* is reshaped
(presentation forms) and reordered to visual order before it is drawn. This must happen after
line breaking: shaping a whole paragraph first and wrapping the visual string would put the last
line first (DESIGN §3).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

from arabic_reshaper import ArabicReshaper
from arabic_reshaper.letters import FINAL, INITIAL, ISOLATED, MEDIAL
from bidi.algorithm import get_display
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from persian.bidi import EXPLICIT_BIDI_RE as _EXPLICIT_BIDI_RE
from persian.bidi import is_ltr_first
from reports import textlayer
from reports.adapters.reshaper_private import freeze_configuration, letter_forms, special_pattern
from reports.fonts import register_fonts

Alignment = Literal["right", "center", "left", "justify"]

_RESHAPER = ArabicReshaper(
    configuration={
        # Keep U+0654 (and other marks): with the default True, خانهٔ loses its hamza.
        "delete_harakat": False,
        "support_ligatures": True,
        # Vazirmatn has the four lam-alef forms (U+FEF5..U+FEFC), which are mandatory in
        # Persian typography, so letter ligatures stay on (reshaper default). The word ligature
        # ﷲ would turn names such as عبدالله into a devotional glyph nobody typed: off.
        "ARABIC LIGATURE ALLAH": False,
        "RIAL SIGN": False,
    }
)
freeze_configuration(_RESHAPER)

# Joining without the reshaper's generic machinery for the common word: no harakat, no ZWJ, no
# lam-alef (the only ligatures enabled). ArabicReshaper.reshape takes ~30 µs a word (option
# lookups, a regex per letter, the ligature search); a report has a few thousand distinct words.
# This is its own joining loop with the reshaper's letter table, checked against it in
# tests/reports/test_adapters.py; anything else still goes to the reshaper.
_LETTERS = letter_forms(_RESHAPER)
_ISOLATED, _INITIAL, _MEDIAL, _FINAL = ISOLATED, INITIAL, MEDIAL, FINAL
_AS_IS = -1  # not a letter the table knows: kept, and it breaks the joining
_JOINS_BEFORE = frozenset(k for k, f in _LETTERS.items() if f[_FINAL] or f[_MEDIAL])
_JOINS_AFTER = frozenset(k for k, f in _LETTERS.items() if f[_INITIAL] or f[_MEDIAL])
_JOINS_BOTH = frozenset(k for k, f in _LETTERS.items() if f[_MEDIAL])
# Words with anything else (harakat, ZWJ, a ligature) go to the reshaper; None: all words do.
_PLAIN_WORD = special_pattern(_RESHAPER) if _LETTERS else None
_HAS_LETTER = re.compile("[" + "".join(re.escape(k) for k in sorted(_LETTERS)) + "]")


def _join_letters(word: str) -> str:
    letters: list[str] = []
    forms: list[int] = []
    for ch in word:
        if ch not in _LETTERS:
            form = _AS_IS
        elif not forms:
            form = _ISOLATED
        else:
            prev_form, prev = forms[-1], letters[-1]
            if (prev_form == _AS_IS or ch not in _JOINS_BEFORE or prev not in _JOINS_AFTER
                    or (prev_form == _FINAL and prev not in _JOINS_BOTH)):
                form = _ISOLATED
            else:
                forms[-1] = _INITIAL if prev_form == _ISOLATED else _MEDIAL
                form = _FINAL
        letters.append(ch)
        forms.append(form)
    return "".join([ch if form == _AS_IS else _LETTERS[ch][form]
                    for ch, form in zip(letters, forms, strict=True)])


# Bidi controls and line/paragraph separators other than \n would be drawn as missing glyphs.
_NEWLINES = (("\r", ""), ("\u2028", "\n"), ("\u2029", "\n"), ("\t", " "), ("\v", "\n"))


def _normalise_newlines(text: str) -> str:
    for old, new in _NEWLINES:
        if old in text:
            text = text.replace(old, new)
    return text


# A private copy rather than persian.digits: that module is still being written, and the report
# engine should not break whenever it does. Reports format their numbers themselves.
_FA_DIGITS = str.maketrans("0123456789٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶۷۸۹")


def fa_digits(value: object) -> str:
    """Text of ``value`` with Latin and Arabic-Indic digits written as Persian digits."""
    return str(value).translate(_FA_DIGITS)


@lru_cache(maxsize=65536)
def reshape(text: str) -> str:
    """Arabic-script joining (presentation forms) in logical order; cached.

    Joining and the lam-alef ligatures (the only ones enabled) never cross a space, so a line is
    reshaped word by word through this same cache: report cells repeat words far more often than
    whole lines.
    """
    if _PLAIN_WORD is not None and not _HAS_LETTER.search(text) and not _PLAIN_WORD.search(text):
        # No letter to join and nothing for the reshaper (a number, a date, a dash): the text
        # as it stands, which is what joining gives it. Most distinct words of a long report's
        # tables are such figures.
        return text
    if " " in text and "\u200d" not in text:
        # (A ZWJ makes the reshaper move marks across the next space, so such a line is
        # shaped whole, exactly as before.)
        return " ".join([reshape(word) for word in text.split(" ")])
    if _PLAIN_WORD is not None and not _PLAIN_WORD.search(text):
        return _join_letters(text)
    try:
        return str(_RESHAPER.reshape(text))
    except IndexError:
        # arabic-reshaper 3.1 drops a ZWJ from its output before it places the lam-alef
        # ligatures, and then indexes past the end («د\u200dگز-مه2لأ»). The joiner is
        # invisible: shape the word without it rather than fail the whole report.
        return str(_RESHAPER.reshape(text.replace("\u200d", "")))


@lru_cache(maxsize=65536)
def shape_line(text: str, ltr: bool = False) -> str:
    """One line of logical text as the visual string to draw left to right.

    Uses the pure-Python ``bidi.algorithm.get_display`` because the Rust ``bidi.get_display`` of
    python-bidi 0.6 does not mirror brackets. The base direction is right to left (a Persian
    line that starts with ``ISO 9001`` still reads right to left) unless ``ltr``: the direction
    of the field the line belongs to (``is_ltr_text``). E-mails, URLs, paths and phone numbers
    are laid out as left-to-right isolates in either case. Lines made only of Persian words,
    numbers and neutrals (no left-to-right letter) take a shortcut that gives the same string
    (see ``_rtl_visual``).
    """
    if not text:
        return ""
    if text[0] in _DIGIT_SET and _NUMBER_RUN.fullmatch(text):
        # A figure alone (a count, a date, an amount: a third of a long report's table lines):
        # every character of one number takes level 2 in either direction, and a number has
        # no letter to join and nothing mirrored, so it is drawn as it stands.
        return text
    # Explicit embeddings/overrides/isolates typed or pasted by users (an RLO without PDF, an LRI
    # without PDI) make python-bidi assert; they are invisible, so the line is drawn without them.
    if _EXPLICIT_BIDI_RE.search(text):
        text = _EXPLICIT_BIDI_RE.sub("", text)
    if not text:
        return ""
    if _may_hold_ltr_run(text) and _LTR_RUN.search(text):
        return _with_isolates(text, ltr)
    return _visual(text, ltr)


def _visual(text: str, ltr: bool) -> str:
    shaped = reshape(text)
    if not ltr:
        visual = _rtl_visual(shaped)
        if visual is not None:
            return visual
    return str(get_display(shaped, base_dir="L" if ltr else "R"))


# Always left to right, wherever they stand (DESIGN §3): e-mails, URLs, paths, and phone
# numbers written in groups (+98 71 5222 3344 would otherwise read 3344 5222 71 98+ in a
# right-to-left line). An unbroken run of digits (a national id) is left to right anyway.
_LTR_RUN = re.compile(
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"|(?:https?://|www\.)[^\s]+[^\s.,،؛:)»]"
    r"|(?<!\S)(?:[A-Za-z]:\\|~?/)[^\s]*[^\s.,،؛:)»]"
    r"|(?:\+|(?<![0-9۰-۹])[0۰])[0-9۰-۹]{1,4}(?:[ -][0-9۰-۹]{2,5}){1,4}(?![0-9۰-۹])")
# What every _LTR_RUN holds, found with plain substring tests: the e-mail's @, a URL's :// or
# www., a path's \\ or a slash at the start of a word, a phone's + or its leading zero before a
# group. _LTR_RUN, an alternation tried at every position, cost ~3 µs a line (as much as the
# rest of shaping a line); nearly no report line passes this test.
_SLASH_WORD = re.compile(r"(?<!\S)~?/")
_ZERO_GROUP = re.compile("[0۰][0-9۰-۹]{1,4}[ -]")


def _may_hold_ltr_run(text: str) -> bool:
    """False only when ``_LTR_RUN`` finds nothing in ``text``."""
    return ("@" in text or "\\" in text or "+" in text or "://" in text or "www." in text
            or ("/" in text and _SLASH_WORD.search(text) is not None)
            or (("0" in text or "۰" in text) and _ZERO_GROUP.search(text) is not None))


# Stand-ins for the isolated runs while the rest of the line is reordered: other-neutral
# characters (ideographic description characters) that are never mirrored and never typed.
_SLOTS = tuple(chr(c) for c in range(0x2FF0, 0x2FFC))


def _with_isolates(text: str, ltr: bool) -> str:
    """The line reordered with each ``_LTR_RUN`` as one neutral unit, laid out LTR in its place."""
    runs: list[str] = []

    def slot(m: re.Match[str]) -> str:
        if len(runs) == len(_SLOTS):
            return m.group()
        runs.append(m.group())
        return _SLOTS[len(runs) - 1]

    visual = _visual(_LTR_RUN.sub(slot, text), ltr)
    for stand_in, run in zip(_SLOTS, runs, strict=False):
        visual = visual.replace(stand_in, _visual(run, True))
    return visual


_HAS_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


@lru_cache(maxsize=65536)
def is_ltr_text(text: str) -> bool:
    """True for a field laid out left to right: it starts (first strong character, as
    ``dir="auto"``) with a Latin letter and holds no Persian letter (an English firm name, an
    e-mail, ``a < b & c > d``). A Persian sentence that starts with ``ISO 9001`` stays right to
    left: read left to right it would put its Persian words in reverse order.
    """
    return not _HAS_RTL.search(text) and is_ltr_first(text)


def draw_text(canv: Canvas, anchor: str, x: float, y: float, text: str) -> None:
    """One logical line drawn shaped at ``x`` (its 'left', 'right' or 'centre'), with its text layer."""
    textlayer.draw_line(canv, anchor, x, y, text, shape_line(text, is_ltr_text(text)))


# The bidi fast path. In a right-to-left paragraph with no left-to-right letter, UAX #9 gives
# every character level 1 except the numbers (level 2): the neutrals between letters, numbers,
# the start and the end of the line all take the paragraph's direction (N1: numbers count as
# right to left). Reordering is then the line reversed with each number turned back, and every
# mirrored character (brackets, guillemets) drawn mirrored. Which characters make up a number
# (W1-W6) depends on the last strong letter before it (W2: European digits after an Arabic
# letter become Arabic numbers) only where a separator or terminator touches a digit or a mark
# follows something other than a letter, so such lines, any left-to-right letter and any other
# control take the general algorithm (python-bidi, which also drops the BN joiners: rule X9).
# The fast path is checked against python-bidi in tests/reports/test_rtl.py; get_display costs
# ~0.1 ms a line (a report's bracketed dates, «…» names and «۱۲۳ / ۱۱۹» figures went there).
_BIDI_RANGES = ((0x0000, 0x024F), (0x0590, 0x08FF), (0x2000, 0x206F), (0xFB1D, 0xFDFF),
                (0xFE70, 0xFEFF))


def _bidi_chars(*classes: str) -> str:
    """The characters of ``_BIDI_RANGES`` in these bidi classes, escaped for a regex set."""
    return "".join(re.escape(chr(cp)) for lo, hi in _BIDI_RANGES for cp in range(lo, hi + 1)
                   if unicodedata.bidirectional(chr(cp)) in classes)


_BN = "\u200c\u200d"  # the joiners, dropped (X9)
_RTL_LETTERS = _bidi_chars("AL", "R")
_MARKS = _bidi_chars("NSM")
_EN = _bidi_chars("EN")
_AN = _bidi_chars("AN")
_DIGITS = _EN + _AN
_CS = _bidi_chars("CS")
_ES_ET = _bidi_chars("ES", "ET")
_NOT_RTL_LINE = re.compile(f"[^{_RTL_LETTERS}{_MARKS}{_DIGITS}{_CS}{_ES_ET}"
                           f"{_bidi_chars('WS', 'ON')}]")
# What every _W2_DECIDES match holds: a separator or terminator, a mark, or an Arabic digit
# (a common separator decides only between European and Arabic digits). Dates (European digits
# and slashes) pass this one-character test; the alternation would be tried at every position.
_W2_MAY = re.compile(f"[{_ES_ET}{_MARKS}{_AN}]")
# W2 would decide: a separator or terminator beside a digit (a single European separator
# between European digits, a terminator next to one, joins the number only if W2 left them
# European), a common separator between a European and an Arabic digit; and W1: a mark that
# takes the type of a digit or a neutral.
_W2_DECIDES = re.compile(f"[{_DIGITS}][{_ES_ET}]|[{_ES_ET}][{_DIGITS}]"
                         f"|[{_EN}][{_CS}][{_AN}]|[{_AN}][{_CS}][{_EN}]"
                         f"|(?:^|[^{_RTL_LETTERS}{_MARKS}])[{_MARKS}]")
# A number: digits, and single common separators between two digits of the same kind (W4).
_NUMBER_RUN = re.compile(f"[{_DIGITS}](?:[{_DIGITS}]|(?<=[{_EN}])[{_CS}](?=[{_EN}])"
                         f"|(?<=[{_AN}])[{_CS}](?=[{_AN}]))*")
_HAS_DIGIT = re.compile(f"[{_DIGITS}]")
_DIGIT_SET = frozenset(chr(cp) for lo, hi in _BIDI_RANGES for cp in range(lo, hi + 1)
                       if unicodedata.bidirectional(chr(cp)) in ("EN", "AN"))
# L4: a character with the Bidi_Mirrored property at an odd level is drawn as its mirror image
# where it has one. python-bidi's own pairs, read through get_display: a line of mirrored
# neutrals alone resolves to level 1 everywhere, so it comes back reversed and mirrored.
_MIRRORED = "".join(chr(cp) for lo, hi in _BIDI_RANGES for cp in range(lo, hi + 1)
                    if unicodedata.mirrored(chr(cp)))
_MIRROR = {ord(a): ord(b) for a, b in zip(_MIRRORED, get_display(_MIRRORED, base_dir="R")[::-1],
                                          strict=True) if a != b}
_HAS_MIRRORED = re.compile("[" + "".join(re.escape(chr(cp)) for cp in _MIRROR) + "]")


def _reversed_match(m: re.Match[str]) -> str:
    return m.group()[::-1]


def _rtl_visual(shaped: str) -> str | None:
    """The visual order of a shaped right-to-left line without left-to-right letters, or None
    where the fast path does not apply (see above)."""
    if "\u200c" in shaped or "\u200d" in shaped:
        shaped = shaped.replace("\u200c", "").replace("\u200d", "")
    if _NOT_RTL_LINE.search(shaped) or (_W2_MAY.search(shaped) and _W2_DECIDES.search(shaped)):
        return None
    visual = shaped[::-1]
    if _HAS_MIRRORED.search(visual):
        visual = visual.translate(_MIRROR)
    if _HAS_DIGIT.search(visual):
        visual = _NUMBER_RUN.sub(_reversed_match, visual)
    return visual


@lru_cache(maxsize=262144)
def _word_width_1000(word: str, font_name: str) -> float:
    # Width at size 1000 so one cache entry serves every font size (widths scale linearly).
    return _shaped_width_1000(reshape(word), font_name)


@lru_cache(maxsize=65536)
def _line_width_1000(text: str, font_name: str) -> float:
    # The line's own reshaped text, measured in one call: the reshape is the one shape_line
    # draws (same cache entry), so a table cell is joined once for its width and its glyphs.
    # This is the sum of its words' widths exactly (joining never crosses a space, and every
    # glyph width is a whole number of the font's 2048 units, so any grouping of the sum is
    # exact and stringWidth's scaling returns it unchanged: tests/reports/test_rtl.py). A ZWJ
    # makes reshape shape the line whole, which may move a mark across a space: such a line
    # is still measured word by word, as it always was.
    if "\u200d" in text:
        words = text.split(" ")
        space = _word_width_1000(" ", font_name)
        return sum([_word_width_1000(w, font_name) for w in words]) + space * (len(words) - 1)
    return _shaped_width_1000(reshape(text), font_name)


class _GlyphWidths(dict[str, float]):
    """Each character's width at size 1000 in one font: ``stringWidth`` of the character alone,
    asked once. reportlab's ``stringWidth`` costs ~1,000 instructions a character (its C loop
    makes an integer and a dictionary look-up of each, after parsing its arguments and copying
    the text); a report measures a few thousand distinct lines made of a few hundred glyphs."""

    __slots__ = ("font_name",)

    def __init__(self, font_name: str) -> None:
        super().__init__()
        self.font_name = font_name

    def __missing__(self, ch: str) -> float:
        width = self[ch] = float(pdfmetrics.stringWidth(ch, self.font_name, 1000))
        return width


_GLYPH_WIDTHS: dict[str, _GlyphWidths] = {}


def _shaped_width_1000(shaped: str, font_name: str) -> float:
    """``stringWidth(shaped, font_name, 1000)``: its characters' widths added up, which is what
    reportlab adds (exactly, in any order: whole font units, see ``_line_width_1000``)."""
    widths = _GLYPH_WIDTHS.get(font_name)
    if widths is None:
        widths = _GLYPH_WIDTHS[font_name] = _GlyphWidths(font_name)
    return float(sum(map(widths.__getitem__, shaped)))


def text_width(text: str, font_name: str, font_size: float) -> float:
    """Width of ``text`` as it will be drawn (after reshaping)."""
    return _line_width_1000(text, font_name) * font_size / 1000.0


def clear_caches() -> None:
    """Forget every shaped, measured and reordered text (the benchmark builds reports cold)."""
    for cached in (reshape, shape_line, _word_width_1000, _line_width_1000, is_ltr_text,
                   textlayer.span_open):
        cached.cache_clear()
    _GLYPH_WIDTHS.clear()


def _split_long_word(word: str, font_name: str, font_size: float, max_width: float) -> list[str]:
    """Cut a word wider than ``max_width`` into pieces that each fit (at least one character)."""
    pieces: list[str] = []
    start = 0
    n = len(word)
    while start < n:
        # Binary search the longest prefix that fits: a 5,000-character word needs ~13
        # measurements per piece instead of one per character.
        lo, hi = start + 1, n
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if text_width(word[start:mid], font_name, font_size) <= max_width:
                lo = mid
            else:
                hi = mid - 1
        end = lo
        # Never separate a base letter from its combining marks (the hamza of خانهٔ).
        while end < n and unicodedata.combining(word[end]):
            end += 1
        pieces.append(word[start:end])
        start = end
    return pieces


def _wrap_with_ends(
    text: str, font_name: str, font_size: float, max_width: float
) -> list[tuple[str, bool]]:
    """Lines in logical order, each flagged True when it ends its paragraph."""
    register_fonts()
    out: list[tuple[str, bool]] = []
    space = _word_width_1000(" ", font_name) * font_size / 1000.0
    max_width = max(max_width, 0.0)
    for para in _normalise_newlines(text).split("\n"):
        words = [w for w in para.split(" ") if w]
        if not words:
            out.append(("", True))
            continue
        line: list[str] = []
        width = 0.0
        for word in words:
            w = text_width(word, font_name, font_size)
            if line and width + space + w <= max_width:
                line.append(word)
                width += space + w
                continue
            if line:
                out.append((" ".join(line), False))
                line, width = [], 0.0
            if w <= max_width:
                line, width = [word], w
                continue
            pieces = _split_long_word(word, font_name, font_size, max_width)
            out.extend((p, False) for p in pieces[:-1])
            line = [pieces[-1]]
            width = text_width(pieces[-1], font_name, font_size)
        out.append((" ".join(line), True))
    return out


def wrap_logical(text: str, font_name: str, font_size: float, max_width: float) -> list[str]:
    """Break ``text`` into lines (logical order) no wider than ``max_width`` once shaped.

    Explicit newlines start new lines; runs of spaces collapse; a word wider than the line is
    cut by characters. Every line holds at least one character, so this always terminates.
    """
    return [line for line, _ in _wrap_with_ends(text, font_name, font_size, max_width)]
