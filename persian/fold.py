"""Search keys for Persian text (DESIGN §3 "Text").

We store what the user typed and search through a *folded* key, because the same word reaches
us in many spellings: Arabic keyboards give ي/ك, copy-paste gives presentation forms and bidi
marks, some people type ZWNJ in «می‌شود» and others a space or nothing. Folding is deliberately
simple and predictable (no general NLP normaliser): names and phone numbers must survive it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from .bidi import BIDI_CONTROLS, strip_bidi
from .bidi import BIDI_STRIP_TABLE as _BIDI_TABLE

__all__ = [
    "BIDI_CONTROLS",
    "fold",
    "index_text",
    "name_key",
    "near_duplicates",
    "strip_bidi",
    "tokens",
]


# Single-character replacements, applied after NFKC (which has already turned presentation
# forms such as ﻙ or ﯾ into the base letters listed here).
_LETTERS = {
    "\u064a": "\u06cc",  # ي Arabic yeh → ی
    "\u0649": "\u06cc",  # ى alef maksura → ی
    "\u0626": "\u06cc",  # ئ yeh with hamza → ی
    "\u0643": "\u06a9",  # ك Arabic kaf → ک
    "\u0629": "\u0647",  # ة teh marbuta → ه
    "\u06c0": "\u0647",  # ۀ heh with yeh above → ه (same as ه + U+0654 once marks are gone)
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0671": "\u0627",  # ٱ alef wasla
    "\u0622": "\u0627",  # آ – people search «اب» for «آب» as often as the reverse
    "\u0624": "\u0648",  # ؤ → و
    "\u066b": ".",  # ٫ Arabic decimal separator, so ۱٫۵ and 1.5 fold alike
}

_REMOVED = [
    0x0640,  # tatweel (kashida): pure typography
    *range(0x064B, 0x0660),  # harakat, including U+0654 hamza above (fine for a key)
    0x0670,  # superscript alef
    *range(0x06D6, 0x06EE),  # Quranic annotation marks
    0x200C,  # ZWNJ: makes «می‌شود» and «میشود» one key
    0x200D,  # ZWJ
    0x00AD,  # soft hyphen
    # Other invisible characters that editors and the web insert; they would otherwise split
    # or silently change a key while looking identical on screen.
    0x200B,  # zero width space
    0x2060,  # word joiner
    0xFEFF,  # BOM / zero width no-break space
]


class _FoldMap(dict[int, str | None]):
    """str.translate table: fixed entries plus lazily computed ones for digits and controls.

    Computing on demand avoids walking all 1.1M code points at import time to find every
    Unicode decimal digit.
    """

    def __missing__(self, cp: int) -> str | None:
        ch = chr(cp)
        value: str | None
        if cp < 0x20 or 0x7F <= cp <= 0x9F:
            # NUL, tabs, newlines, DEL, C1 controls: treat as a word break, never as part of a key.
            value = " "
        elif unicodedata.category(ch) == "Nd":
            # Digits of any script (Persian, Arabic-Indic, Devanagari, …) to ASCII.
            value = str(unicodedata.decimal(ch))
        else:
            value = ch
        self[cp] = value
        return value


_FOLD_MAP = _FoldMap()
_FOLD_MAP.update(_BIDI_TABLE)
_FOLD_MAP.update({ord(k): v for k, v in _LETTERS.items()})
_FOLD_MAP.update(dict.fromkeys(_REMOVED, None))

_MAX_PASSES = 8


def _fold_once(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    s = s.translate(_FOLD_MAP)
    s = s.casefold()
    # str.split() with no argument splits on every Unicode whitespace (NBSP, U+202F, …) and
    # drops empty pieces, which is exactly "collapse runs, then strip".
    return " ".join(s.split())


def fold(text: str) -> str:
    """The search key of `text` (see module doc). Idempotent: fold(fold(x)) == fold(x).

    One pass is not always a fixed point: removing a mark can bring two characters together
    that NFKC then composes (e + U+064B + U+0301), and casefold() output is not always NFKC.
    So we repeat until nothing changes; real text settles after the first or second pass.
    """
    s = _fold_once(text)
    if s == text:  # a pass that changed nothing is a fixed point already (half of real text)
        return s
    for _ in range(_MAX_PASSES):
        again = _fold_once(s)
        if again == s:
            return s
        s = again
    return s


def _is_token_char(ch: str) -> bool:
    # Letters and digits make words; marks that survive folding (Latin accents that NFKC could
    # not compose, Indic vowel signs) belong to the word they sit on rather than splitting it.
    return unicodedata.category(ch)[0] in "LNM"


class _BreakMap(dict[int, str]):
    """str.translate table: every character that is not part of a word becomes a space (each
    code point's category looked up once, then kept), so tokens() splits in C instead of
    looking at each character in Python (the search index of an imported package spent more
    time there than in folding)."""

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        value = ch if _is_token_char(ch) else " "
        self[cp] = value
        return value


_BREAKS = _BreakMap()


def tokens(text: str) -> list[str]:
    """Fold, then split on everything that is not a letter, digit or mark; no empty tokens."""
    # No letter, digit or mark is whitespace to str.split (tests/persian checks every one).
    return fold(text).translate(_BREAKS).split()


def index_text(text: str) -> str:
    """Text for a full-text index: the tokens, then every adjacent pair joined.

    The pairs make the space in «می شود» optional: the record also holds «میشود», so a search
    for the joined query key finds it. index_text("می شود خوب") == "می شود خوب میشود شودخوب".
    """
    toks = tokens(text)
    pairs = [a + b for a, b in zip(toks, toks[1:], strict=False)]
    return " ".join(toks + pairs)


def name_key(name: str) -> str:
    """Key for duplicate detection: fold without any spaces (علي رضايي == علی‌رضایی)."""
    return fold(name).replace(" ", "")


def near_duplicates(name: str, existing: Iterable[str]) -> list[str]:
    """Existing names that fold to the same key as `name` but are spelled differently.

    An exact match (ignoring surrounding spaces) is not reported: that is the same name, which
    the caller handles on its own terms. Order of `existing` is kept, repeats are dropped.
    """
    key = name_key(name)
    if not key:
        # A blank name would otherwise "match" every other blank one.
        return []
    target = name.strip()
    found: list[str] = []
    seen: set[str] = set()
    for other in existing:
        if other in seen or other.strip() == target:
            continue
        if name_key(other) == key:
            found.append(other)
            seen.add(other)
    return found
