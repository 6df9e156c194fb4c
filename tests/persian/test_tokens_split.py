"""tokens() splits through a translate table: the same words as looking at each character."""

from __future__ import annotations

import random
import sys
import unicodedata

from persian.fold import fold, tokens


def _tokens_by_character(text: str) -> list[str]:
    """The definition: a word is a run of letters, digits and marks of the folded text."""
    out: list[str] = []
    current: list[str] = []
    for ch in fold(text):
        if unicodedata.category(ch)[0] in "LNM":
            current.append(ch)
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


def test_no_word_character_is_whitespace_to_split() -> None:
    # str.split() would otherwise cut a word at it.
    assert not [cp for cp in range(sys.maxunicode + 1)
                if unicodedata.category(chr(cp))[0] in "LNM" and chr(cp).isspace()]


def test_random_text_splits_as_character_by_character() -> None:
    rng = random.Random(15)
    alphabet = ("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكةۀأإآؤئء" "۰۱۲۳۴۵۶۷۸۹٠١٢٣0123456789"
                "abcXYZéü" "\u064b\u0650\u0654\u0670\u0301" "\u200c\u200d\u200f\u202b\u00a0\t\n "
                "،؛؟!.,-_()[]«»/\\\"'ـ" "\u2028\ufeff\x00\x1f")
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert tokens(text) == _tokens_by_character(text), repr(text)
