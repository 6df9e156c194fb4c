"""Bidirectional text: the one list of bidi controls, and isolating Latin runs in Persian.

A path, URL, e-mail, phone number or code shown inside right-to-left text is reordered by the
Unicode bidi algorithm: ``/tmp/x/backups`` in a Persian label reads ``tmp/x/backups/`` with the
slash at the wrong end. Wrapping it in LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE
(U+2066 … U+2069) makes it one left-to-right unit that does not mix with its surroundings.

The same control characters also arrive from copy-paste and must be stripped before parsing or
searching; every module takes the set from here so there is one definition (DESIGN §3 "Text").
Pure Python: no Qt, no intra-package imports, so every other module of ``persian`` may use it.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "BIDI_CONTROLS",
    "BIDI_CONTROL_CHARS",
    "BIDI_STRIP_TABLE",
    "EXPLICIT_BIDI_RE",
    "FSI",
    "LRI",
    "PDI",
    "RLI",
    "first_strong_direction",
    "is_ltr_first",
    "ltr_isolate",
    "strip_bidi",
]

LRI = "\u2066"  # LEFT-TO-RIGHT ISOLATE
RLI = "\u2067"  # RIGHT-TO-LEFT ISOLATE
FSI = "\u2068"  # FIRST STRONG ISOLATE
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE

# Marks (LRM, RLM, ALM), embeddings and overrides (LRE, RLE, PDF, LRO, RLO) and isolates
# (LRI, RLI, FSI, PDI): every invisible character that only steers the bidi algorithm.
BIDI_CONTROL_CHARS = (
    "\u200e\u200f\u061c"
    "\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069"
)
BIDI_CONTROLS: frozenset[str] = frozenset(BIDI_CONTROL_CHARS)
# str.translate table deleting every control.
BIDI_STRIP_TABLE: dict[int, None] = dict.fromkeys(map(ord, BIDI_CONTROL_CHARS), None)
# Only the explicit embeddings, overrides and isolates: the ones that open or close a level and
# so break a bidi implementation when unbalanced (the marks are harmless single characters).
EXPLICIT_BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")

_STRONG_LTR = frozenset({"L"})
_STRONG_RTL = frozenset({"R", "AL"})


def strip_bidi(text: str) -> str:
    """``text`` without any bidi control character."""
    return text.translate(BIDI_STRIP_TABLE)


def ltr_isolate(text: str) -> str:
    """``text`` as one isolated left-to-right run, for a path, URL, e-mail, phone or code.

    Controls already in ``text`` are dropped first, so an unbalanced isolate typed by a user
    cannot leak out, and isolating twice gives the same string as isolating once.
    """
    clean = strip_bidi(text)
    if not clean:
        return ""
    return LRI + clean + PDI


def first_strong_direction(text: str) -> str | None:
    """'ltr' or 'rtl' for the first strongly directional character (UAX #9 P2), else None.

    Characters inside an isolate are skipped, as the algorithm does.
    """
    depth = 0
    for ch in text:
        if ch in (LRI, RLI, FSI):
            depth += 1
            continue
        if ch == PDI:
            depth = max(0, depth - 1)
            continue
        if depth:
            continue
        cls = unicodedata.bidirectional(ch)
        if cls in _STRONG_LTR:
            return "ltr"
        if cls in _STRONG_RTL:
            return "rtl"
    return None


def is_ltr_first(text: str) -> bool:
    """True when the first strong character is left-to-right (``ISO 9001 …``, ``Excel``)."""
    return first_strong_direction(text) == "ltr"
