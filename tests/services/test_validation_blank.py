"""is_blank through one translate table: the same answer as looking at each character."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from persian.fold import strip_bidi
from services.schema import SPECS
from services.validation import _UNSEEN as UNSEEN_TABLE
from services.validation import clean_record, is_blank

_UNSEEN = {"\u200c", "\u200d", "\u00ad", "\ufeff"}


def _blank_by_character(text: str) -> bool:
    return all(ch.isspace() or ch in _UNSEEN for ch in strip_bidi(text))


def test_is_blank_agrees_with_the_character_definition() -> None:
    rng = random.Random(15)
    alphabet = " \t\n\r\u00a0\u2009\u3000\u200c\u200d\u00ad\ufeff\u200e\u200f\u061c\u202a\u202e" \
               "\u2066\u2069\u200b\x00\x1fاa1۱ـ"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        assert is_blank(text) == _blank_by_character(text), repr(text)


def test_an_activity_is_cleaned_by_the_fields_of_its_kind() -> None:
    spec = SPECS["activity"]
    data = {"kind": "training", "cluster_id": "c", "title": " دوره ", "start_date": "1404/07/12",
            "hours": "8", "number": "3"}
    training = clean_record(spec, data, session=None, activity_kind="training")
    assert training["hours"] == 8.0 and "number" not in training  # a meeting's field
    meeting = clean_record(spec, {**data, "kind": "meeting"}, session=None, activity_kind="meeting")
    assert meeting["number"] == 3 and "hours" not in meeting
    every = clean_record(spec, data, session=None)
    assert every["number"] == 3 and every["hours"] == 8.0 and every["title"] == "دوره"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(
    [" ", "\t", "\n", "\u00a0", "\u3000", "\u200c", "\u200d", "\u00ad", "\ufeff", "\u200f",
     "\u2067", "\u2069", "\u202b", "a", "ب", "۱", "\x00"]), max_size=6))
def test_is_blank_is_what_is_left_without_the_unseen(text: str) -> None:
    # The first-character shortcut gives the definition's answer.
    assert is_blank(text) == (not text.translate(UNSEEN_TABLE).strip())
