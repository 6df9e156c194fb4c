"""The PDF's text layer: each drawn line carries its logical text as /ActualText.

The glyphs of a line are drawn reshaped (presentation forms) and reordered (visual order, brackets
mirrored, ZWNJ and bidi controls dropped), so the text a reader extracts from the glyphs alone is
another text: ``نشست )کمیته راهبری(``, ``مسقطیسازان``, ``ISO 9001در سال``. Every line is
therefore wrapped in a marked-content span whose /ActualText replaces its glyphs' text
(PDF 32000-1 §14.9.4)::

    /Span <</ActualText <FEFF…>>> BDC  …the line's text operators…  EMC

The string is UTF-16BE with a byte-order mark, hex-encoded, so no user text needs escaping.

What it holds is the line's logical characters in the order the extractors expect. poppler
(pdftotext, Evince, Okular; PDFium and pdf.js read the same way) takes a line's text to be in
visual order and reorders it for output: it walks the line from its end, writing each run of
non-left-to-right characters reversed and each run of left-to-right characters (letters and
digits, with the neutrals between them) as it stands. A logical string given as is comes out
reversed (measured with poppler 22.12). So the replacement text is the logical line in the order
that reordering turns back into it: ``visual_order`` is its exact inverse, and RIGHT-TO-LEFT MARKs
(U+200F, invisible) close a left-to-right run where a space or a bracket must stay on its other
side, and bound the line so that the cells of one table row never merge their runs. Copying then
gives the logical text with those marks and the extractor's embedding controls around it; NFKC
and removing bidi controls give exactly what was typed (ZWNJ and U+0654 included).

The direction classes are poppler's: right-to-left letters, left-to-right letters together with
digits and the characters that join numbers, everything else neutral (``_direction``).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache

from reportlab.pdfgen.canvas import Canvas

RLM = "\u200f"
EMC = "EMC"

_RTL = 0
_LTR = 1
_NEUTRAL = 2
# poppler's own classes (UnicodeTypeTable), measured: besides letters and digits, the
# characters that join or end numbers (+ - , . / : ٫ ٬ ، % ٪ # $ ° no-break space) are read
# left to right.
_LTR_CLASSES = frozenset({"L", "EN", "AN", "ES", "ET", "CS"})
_RTL_CLASSES = frozenset({"R", "AL"})


@lru_cache(maxsize=4096)
def _direction(ch: str) -> int:
    cls = unicodedata.bidirectional(ch)
    if cls in _LTR_CLASSES:
        return _LTR
    if cls in _RTL_CLASSES:
        return _RTL
    return _NEUTRAL


_LETTER = {_RTL: "R", _LTR: "L", _NEUTRAL: "N"}
# Each character's class as one letter, for the blocks report text is made of; str.translate
# classifies a line in one C call, and runs are then found by regular expressions.
_RANGES = ((0x00, 0x24F), (0x0590, 0x08FF), (0x2000, 0x206F), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))
_CLASSES = {c: _LETTER[_direction(chr(c))] for lo, hi in _RANGES for c in range(lo, hi + 1)}
_UNCLASSED = re.compile("[^LRN]")
_LTR_RUN = re.compile("L(?:N*L)*")  # letters/digits with the neutrals between them


def _classes(text: str) -> str:
    cls = text.translate(_CLASSES)
    if _UNCLASSED.search(cls):  # a character from another block
        cls = "".join(_LETTER[_direction(ch)] for ch in text)
    return cls


def _char_class(letter: str) -> str:
    """A regular-expression class of the characters of ``_RANGES`` whose class is ``letter``."""
    codes = sorted(c for c, k in _CLASSES.items() if k == letter)
    parts, i = [], 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        lo, hi = re.escape(chr(codes[i])), re.escape(chr(codes[j]))
        parts.append(lo if i == j else f"{lo}-{hi}")
        i = j + 1
    return "[" + "".join(parts) + "]"


# The same runs found on the text itself, for lines made only of the characters of _RANGES
# (every report line): no classification string is built. Equal to the classes' patterns
# (tests/reports/test_textlayer.py).
_L, _R, _N = (_char_class(k) for k in "LRN")
_OUTSIDE = re.compile("[^" + _L[1:-1] + _R[1:-1] + _N[1:-1] + "]")
_HAS_L = re.compile(_L)
_TEXT_LTR_RUN = re.compile(f"{_L}(?:{_N}*{_L})*")
_TEXT_RTL = re.compile(_R)
_CLASS_RTL = re.compile("R")
_ALL_L = re.compile(f"{_L}+")
_L_SET = frozenset(chr(c) for c, k in _CLASSES.items() if k == "L")


def visual_order(logical: str) -> str:
    """The string whose right-to-left reading (poppler's) is ``RLM + logical + RLM``.

    ``logical`` is cut into alternating runs: right-to-left runs (no letter or digit of a
    left-to-right script) and left-to-right runs (no right-to-left letter, ending on a letter or
    digit). Neutrals after a left-to-right run belong to the next right-to-left run, which must
    then start with a right-to-left character for the reader to end the left-to-right run at the
    right place: an RLM is put there. The runs are written last first, right-to-left ones
    reversed.
    """
    if logical[:1] in _L_SET and _ALL_L.fullmatch(logical):
        # Left-to-right characters only (a figure, a date: a third of a long report's table
        # lines): one left-to-right run and nothing after it.
        return RLM + RLM + logical + RLM
    if _OUTSIDE.search(logical):  # a character from another block: classify one by one
        cls = _classes(logical)
        return _reordered(logical, cls, _LTR_RUN, _CLASS_RTL)
    run = _TEXT_LTR_RUN.search(logical)
    if run is None:  # no left-to-right character (most Persian lines): one right-to-left run
        return RLM + logical[::-1] + RLM
    start, end = run.span()
    if not _HAS_L.search(logical, end):
        # One left-to-right run (a figure, a date, «مشهد 8785», «۱۴۰۲/۰۱/۱۴ تا»: half of a
        # report's lines): what _reordered gives for a single run, without its loop.
        tail = logical[end:]
        return ((RLM + tail[::-1] + RLM if tail else RLM + RLM) + logical[start:end]
                + logical[:start][::-1] + RLM)
    return _reordered(logical, logical, _TEXT_LTR_RUN, _TEXT_RTL)


def _reordered(logical: str, subject: str, ltr_run: re.Pattern[str],
               rtl: re.Pattern[str]) -> str:
    """The general rule: ``ltr_run`` and ``rtl`` find the runs and right-to-left characters in
    ``subject`` (``logical`` itself or its classes, position for position)."""
    out: list[str] = []  # the runs in reading order, right-to-left ones already reversed
    pos = 0
    for m in ltr_run.finditer(subject):
        run = logical[pos:m.start()]
        if pos and not rtl.match(subject, pos):
            run = RLM + run  # the reader must see the left-to-right run end here
        out.append((run if pos else RLM + run)[::-1])
        out.append(logical[m.start():m.end()])
        pos = m.end()
    tail = logical[pos:]
    out.append((RLM + tail + RLM)[::-1] if tail else RLM + RLM)
    return "".join(reversed(out))


# The codec's encoder looked up once (str.encode looks "utf-16-be" up in the codec registry at
# every call: a third of a span's cost).
_UTF16BE = codecs.getencoder("utf-16-be")


@lru_cache(maxsize=65536)
def span_open(logical: str) -> str:
    """The BDC operator opening a span whose replacement text is ``logical``."""
    data = _UTF16BE(visual_order(logical))[0].hex().upper()
    return f"/Span <</ActualText <FEFF{data}>>> BDC"


def begin(canv: Canvas, logical: str) -> None:
    """Open a span on ``canv``'s page; every ``begin`` is closed by ``end`` on the same page."""
    canv.addLiteral(span_open(logical))


def end(canv: Canvas) -> None:
    canv.addLiteral(EMC)


def draw_line(canv: Canvas, anchor: str, x: float, y: float, logical: str, visual: str) -> None:
    """``visual`` drawn at ``x`` (its left, right or centre: ``anchor``) with ``logical`` as text.

    The canvas's own string methods place the glyphs, so a line drawn through here sits exactly
    where the same call without the span put it.
    """
    canv.addLiteral(span_open(logical))
    if anchor == "right":
        canv.drawRightString(x, y, visual)
    elif anchor == "centre":
        canv.drawCentredString(x, y, visual)
    else:
        canv.drawString(x, y, visual)
    canv.addLiteral(EMC)
