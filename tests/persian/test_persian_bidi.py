"""persian.bidi: the one bidi control set, LTR isolation of paths/codes, first-strong detection."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from persian.bidi import (
    BIDI_CONTROL_CHARS,
    BIDI_CONTROLS,
    EXPLICIT_BIDI_RE,
    LRI,
    PDI,
    first_strong_direction,
    is_ltr_first,
    ltr_isolate,
    strip_bidi,
)

ROOT = Path(__file__).resolve().parents[2]


def test_control_set_is_every_bidi_format_character():
    expected = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    assert set(expected) == BIDI_CONTROLS
    assert len(BIDI_CONTROL_CHARS) == len(BIDI_CONTROLS)
    # The explicit subset: levels that must be balanced, not the single marks.
    assert {c for c in BIDI_CONTROLS if EXPLICIT_BIDI_RE.fullmatch(c)} == set(
        "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def test_ltr_isolate_wraps_a_path_in_lri_pdi():
    assert ltr_isolate("/tmp/x/backups/") == "\u2066/tmp/x/backups/\u2069"
    assert ltr_isolate("") == ""


@given(st.text(alphabet=st.sampled_from("ab/.:@ \u200e\u202e\u2066\u2069۱")))
def test_ltr_isolate_is_balanced_and_idempotent(text):
    out = ltr_isolate(text)
    if out:
        assert out[0] == LRI and out[-1] == PDI
        # Exactly one isolate: nothing typed by the user can unbalance it.
        assert out.count(LRI) == 1 and out.count(PDI) == 1
    assert ltr_isolate(out) == out
    assert strip_bidi(out) == strip_bidi(text)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("ISO 9001 گواهی", "ltr"),
        ("گواهی ISO 9001", "rtl"),
        ("۱۲۳ Excel", "ltr"),
        ("  ۱۲۳ — ", None),
        ("\u2067علی\u2069 Excel", "ltr"),  # inside an isolate does not count (UAX #9 P2)
        ("", None),
    ],
)
def test_first_strong_direction(text, direction):
    assert first_strong_direction(text) == direction
    assert is_ltr_first(text) == (direction == "ltr")


def test_bidi_control_set_is_defined_once():
    """The control characters are listed only in persian/bidi.py (issue 11, item 5)."""
    literal = re.compile(r"\\u(?:202[a-eA-E]|206[6-9]|200[eEfF]|061[cC])|0x(?:202[A-E]|206[6-9])")
    offenders = []
    for package in ("persian", "ui", "reports", "services", "cli", "models"):
        for path in (ROOT / package).rglob("*.py"):
            if path.name == "bidi.py" and path.parent.name == "persian":
                continue
            if len(literal.findall(path.read_text(encoding="utf-8"))) >= 3:
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
