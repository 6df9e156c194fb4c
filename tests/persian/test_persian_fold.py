"""Folding: the search key must make every common spelling of a Persian word meet."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from persian.fold import (
    BIDI_CONTROLS,
    fold,
    index_text,
    name_key,
    near_duplicates,
    strip_bidi,
    tokens,
)

ZWNJ = "\u200c"
ZWJ = "\u200d"

# ---------------------------------------------------------------------------------------------
# strip_bidi


def test_strip_bidi_removes_every_control() -> None:
    controls = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    assert set(controls) == BIDI_CONTROLS
    assert strip_bidi(f"{controls}علی{controls}۱۲") == "علی۱۲"


def test_strip_bidi_keeps_zwnj_and_text() -> None:
    assert strip_bidi("می\u200cشود abc") == "می\u200cشود abc"


# ---------------------------------------------------------------------------------------------
# fold: one test per rule


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("علي", "علی"),  # ي → ی
        ("موسى", "موسی"),  # ى → ی
        ("كتاب", "کتاب"),  # ك → ک
        ("مدرسة", "مدرسه"),  # ة → ه
        ("خانۀ", "خانه"),  # ۀ → ه
        ("خانهٔ", "خانه"),  # ه + U+0654 → ه (hamza above removed)
        ("أحمد", "احمد"),  # أ → ا
        ("إيران", "ایران"),  # إ → ا (and ي → ی)
        ("ٱلله", "الله"),  # ٱ → ا
        ("آب", "اب"),  # آ → ا
        ("ا\u0653ب", "اب"),  # decomposed آ folds the same
        ("مؤسسه", "موسسه"),  # ؤ → و
        ("مسئول", "مسیول"),  # ئ → ی
        ("مسي\u0654ول", "مسیول"),  # decomposed ئ folds the same
        ("ﻛﺘﺎﺏ", "کتاب"),  # presentation forms → base letters (NFKC) → ک
        ("ﻋﻠﻲ", "علی"),
        ("ﻻ", "لا"),  # lam-alef ligature
    ],
)
def test_fold_letters(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_fold_tatweel() -> None:
    assert fold("کـــتاب") == "کتاب"
    assert fold("ـ") == ""


@pytest.mark.parametrize(
    "raw",
    [
        "مُحَمَّد",  # damma, fatha, shadda
        "مُحَمَّدٌ",  # tanwin
        "محمّد",
        "مُحمد",
        "مِحمِد",
        "محمدْ",  # sukun
    ],
)
def test_fold_diacritics(raw: str) -> None:
    assert fold(raw) == "محمد"


def test_fold_superscript_alef_and_quranic_marks() -> None:
    assert fold("هٰذا") == "هذا"
    assert fold("الله\u06d6\u06e1") == "الله"


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("۱۲۳", "123"),
        ("١٢٣", "123"),
        ("۱2٣", "123"),
        ("٠٩١٢۳۴۵6789", "09123456789"),
        ("१२३", "123"),  # Devanagari: any script's digits
        ("１２３", "123"),  # fullwidth (NFKC)
        ("۱٫۵", "1.5"),
    ],
)
def test_fold_digits(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@pytest.mark.parametrize(
    "raw",
    [
        "می\u200cشود",
        "میشود",
        "می\u200c\u200cشود",
        f"{ZWNJ}میشود{ZWNJ}",
        f"می{ZWJ}شود",
        "می\u00adشود",
    ],
)
def test_fold_zwnj_present_absent_doubled_zwj_soft_hyphen(raw: str) -> None:
    assert fold(raw) == "میشود"


def test_fold_bidi_controls() -> None:
    assert fold("\u200fعلی\u200e \u202bرضایی\u202c \u2067۱۲\u2069") == "علی رضایی 12"
    assert fold("\u061cعلی") == "علی"


def test_fold_casefold() -> None:
    assert fold("Khooshe ABC") == "khooshe abc"
    assert fold("Straße") == "strasse"


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("  علی   رضایی  ", "علی رضایی"),
        ("علی\u00a0رضایی", "علی رضایی"),  # NBSP
        ("علی\u202fرضایی", "علی رضایی"),  # narrow NBSP
        ("علی\t\n\r رضایی", "علی رضایی"),
        ("علی\u2003\u3000رضایی", "علی رضایی"),
        ("\n\n", ""),
        ("", ""),
    ],
)
def test_fold_whitespace(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_fold_control_characters_become_spaces() -> None:
    assert fold("علی\x00رضایی") == "علی رضایی"
    assert fold("a\x01\x02b\x7fc") == "a b c"
    assert fold("\x00") == ""


def test_fold_keeps_phone_numbers_and_names_recognisable() -> None:
    # No general NLP normaliser: only the listed rules apply.
    assert fold("۰۹۱۲-۳۴۵-۶۷۸۹") == "0912-345-6789"
    assert fold("+98 (912) 345") == "+98 (912) 345"
    assert fold("سید محمدحسین") == "سید محمدحسین"


def test_fold_all_rules_together() -> None:
    raw = "\u200f  عَلِـــيّ\u200cرضايئ  ك١٢۳ \u00a0 مدرسة\u200e"
    assert fold(raw) == "علیرضایی ک123 مدرسه"


# Characters that interact with NFKC and casefold, to push hypothesis towards hard cases.
_TRICKY = st.sampled_from(
    [
        "e",
        "\u0301",
        "\u064b",
        "\u0654",
        "\u0653",
        "\u0670",
        "ي",
        "ى",
        "ك",
        "ة",
        "ۀ",
        "ە",
        "ا",
        "و",
        "ه",
        "\u200c",
        "\u200d",
        "\u00ad",
        "\u0640",
        " ",
        "\u00a0",
        "\u202f",
        "\x00",
        "\t",
        "İ",
        "ß",
        "ﬁ",
        "ǅ",
        "ﷺ",
        "ﻵ",
        "\u200f",
        "\u2067",
        "١",
        "۵",
        "५",
        "ΐ",
        "\u0345",
        "\u1e9e",
        "\u03a3",
        "\u0130",
        "\u1f88",
    ]
)


@settings(max_examples=1500)
@given(st.text())
@example("e\u064b\u0301")  # removing the mark lets NFKC compose é on the second pass
@example("\u0345\u0301")
@example("İ\u0301")
def test_fold_idempotent_any_text(s: str) -> None:
    once = fold(s)
    assert fold(once) == once


@settings(max_examples=1500)
@given(st.lists(_TRICKY, max_size=12).map("".join))
def test_fold_idempotent_tricky_text(s: str) -> None:
    once = fold(s)
    assert fold(once) == once


def _passes_until_fixed(text: str) -> str:
    """fold's definition: passes until one changes nothing (at most 9)."""
    from persian.fold import _MAX_PASSES, _fold_once

    s = _fold_once(text)
    for _ in range(_MAX_PASSES):
        again = _fold_once(s)
        if again == s:
            break
        s = again
    return s


@settings(max_examples=1500)
@given(st.one_of(st.text(), st.lists(_TRICKY, max_size=12).map("".join)))
@example("e\u064b\u0301")
@example("abc")
def test_fold_stops_at_an_unchanged_first_pass_with_the_same_answer(s: str) -> None:
    assert fold(s) == _passes_until_fixed(s)


@given(st.text())
def test_fold_output_invariants(s: str) -> None:
    out = fold(s)
    assert out == out.strip()
    assert "  " not in out
    assert not (set(out) & BIDI_CONTROLS)
    assert not set(out) & {ZWNJ, ZWJ, "\u00ad", "\u0640", "\x00", "\t", "\n"}
    assert all(ch in "0123456789" for ch in out if unicodedata.category(ch) == "Nd")
    assert unicodedata.is_normalized("NFKC", out)


# ---------------------------------------------------------------------------------------------
# tokens and index_text


def test_tokens_split_on_non_letters() -> None:
    assert tokens("علی، رضایی! (۰۹۱۲-۳۴۵)") == ["علی", "رضایی", "0912", "345"]
    assert tokens("  ") == []
    assert tokens("--") == []
    assert tokens("a_b.c") == ["a", "b", "c"]


def test_tokens_fold_first() -> None:
    assert tokens("علي\u200cرضايي كريمي") == ["علیرضایی", "کریمی"]


def test_index_text_example() -> None:
    assert index_text("می شود خوب") == "می شود خوب میشود شودخوب"


def test_index_text_edge_cases() -> None:
    assert index_text("") == ""
    assert index_text("علی") == "علی"
    assert index_text("علي، رضا") == "علی رضا علیرضا"


VARIANTS = ["میشود", "می شود", "می\u200cشود", "ميشود"]


def _query_key(query: str) -> str:
    """What a search service looks up: the query's folded tokens joined without spaces."""
    return "".join(tokens(query))


@pytest.mark.parametrize("query", VARIANTS)
@pytest.mark.parametrize("stored", VARIANTS)
def test_four_variants_find_each_other(query: str, stored: str) -> None:
    record = f"این کار {stored} ان‌شاءالله"
    assert _query_key(query) in index_text(record).split()


def test_variants_have_one_query_key() -> None:
    assert {_query_key(v) for v in VARIANTS} == {"میشود"}


# ---------------------------------------------------------------------------------------------
# names


@pytest.mark.parametrize(
    "other", ["علي رضايي", "علی رضایی", "علی‌رضایی", "علیرضایی", " علي  رضايي ", "عَلی رضایی"]
)
def test_name_key_variants_equal(other: str) -> None:
    assert name_key(other) == name_key("علی رضایی") == "علیرضایی"


def test_name_key_distinguishes_different_names() -> None:
    assert name_key("علی رضایی") != name_key("علی رضوی")


def test_near_duplicates_ali() -> None:
    assert near_duplicates("علی", ["علي", "حسن", "علی", "عليرضا"]) == ["علي"]


def test_near_duplicates_full_names() -> None:
    existing = ["علي رضايي", "علی‌رضایی", "علی رضایی", "علی رضوی", "علي رضايي"]
    assert near_duplicates(" علی رضایی ", existing) == ["علي رضايي", "علی‌رضایی"]


def test_near_duplicates_none_and_blank() -> None:
    assert near_duplicates("زهرا", ["زهره", "فاطمه"]) == []
    assert near_duplicates("", ["", " ", "\u200c"]) == []
    assert near_duplicates("علی", []) == []


def test_near_duplicates_accepts_any_iterable() -> None:
    assert near_duplicates("كريم", (n for n in ["کریم", "کرim"])) == ["کریم"]
