"""Digits and numbers: conversion, formatting for people, parsing what people type."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from persian.digits import (
    fa_number,
    parse_decimal,
    parse_int,
    to_latin_digits,
    to_persian_digits,
)

PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"


def test_to_latin_digits_both_scripts() -> None:
    assert to_latin_digits(PERSIAN) == "0123456789"
    assert to_latin_digits(ARABIC_INDIC) == "0123456789"
    assert to_latin_digits("شماره ۰۹۱۲-٣٤٥ abc") == "شماره 0912-345 abc"


def test_to_latin_digits_decimal_separator_but_not_thousands() -> None:
    assert to_latin_digits("۱٫۵") == "1.5"
    # Thousands separators are kept: only digits (and ٫) change.
    assert to_latin_digits("۱٬۲۳۴،۵۶۷") == "1٬234،567"


def test_to_persian_digits() -> None:
    assert to_persian_digits("0123456789") == PERSIAN
    assert to_persian_digits(ARABIC_INDIC) == PERSIAN
    assert to_persian_digits("1404/07/15 ساعت 9") == "۱۴۰۴/۰۷/۱۵ ساعت ۹"


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (1234567, {}, "۱٬۲۳۴٬۵۶۷"),
        (0, {}, "۰"),
        (999, {}, "۹۹۹"),
        (1000, {}, "۱٬۰۰۰"),
        (-1234, {}, "-۱٬۲۳۴"),
        (1234567, {"grouping": False}, "۱۲۳۴۵۶۷"),
        (12.5, {}, "۱۲٫۵"),
        (0.1, {}, "۰٫۱"),
        (-0.25, {}, "-۰٫۲۵"),
        (1234.5, {"decimals": 2}, "۱٬۲۳۴٫۵۰"),
        (2.345, {"decimals": 2}, "۲٫۳۵"),
        (Decimal("2.345"), {"decimals": 2}, "۲٫۳۵"),  # half-up, not banker's rounding
        (Decimal("2.5"), {"decimals": 0}, "۳"),
        (1234, {"decimals": 2}, "۱٬۲۳۴٫۰۰"),
        (Decimal("1E+3"), {}, "۱٬۰۰۰"),
        (Decimal("1234567.891"), {}, "۱٬۲۳۴٬۵۶۷٫۸۹۱"),
        (-0.001, {"decimals": 2}, "۰٫۰۰"),  # no '-۰٫۰۰'
        (10**30, {}, "۱" + "٬۰۰۰" * 10),
        (Decimal(10**30), {"decimals": 2}, "۱" + "٬۰۰۰" * 10 + "٫۰۰"),
        (None, {}, "—"),
    ],
)
def test_fa_number(value: object, kwargs: dict, expected: str) -> None:
    assert fa_number(value, **kwargs) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), Decimal("NaN")])
def test_fa_number_rejects_non_finite(bad: object) -> None:
    with pytest.raises(ValueError):
        fa_number(bad)  # type: ignore[arg-type]


def test_fa_number_rejects_bool_and_strings() -> None:
    with pytest.raises(TypeError):
        fa_number(True)
    with pytest.raises(TypeError):
        fa_number("12")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("123", 123),
        ("۱۲۳", 123),
        ("١٢٣", 123),
        ("۱2٣", 123),  # mixed scripts in one number
        ("۱٬۲۳۴٬۵۶۷", 1234567),
        ("1,234,567", 1234567),
        ("۱،۲۳۴", 1234),
        ("1,234٬567", 1234567),
        ("  ۴۲  ", 42),
        ("\u200f۴۲\u200e", 42),
        ("\u2067-۴۲\u2069", -42),
        ("-۱٬۰۰۰", -1000),
        ("\u2212۵", -5),
        ("+7", 7),
        ("007", 7),
    ],
)
def test_parse_int(text: str, expected: int) -> None:
    assert parse_int(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "۱۲a",
        "1.5",
        "۱٫۵",
        "1,5",
        "1,2345",
        ",123",
        "123,",
        "1,,234",
        "1 234",
        "--1",
        "۱۲-",
        "½",
        "²",
    ],
)
def test_parse_int_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_int(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.5", Decimal("1.5")),
        ("۱٫۵", Decimal("1.5")),
        ("٠٫٥", Decimal("0.5")),
        ("۱٬۲۵۰٫۷۵", Decimal("1250.75")),
        ("1,250.75", Decimal("1250.75")),
        (".5", Decimal("0.5")),
        ("-۲", Decimal("-2")),
        ("\u200e 12 \u200f", Decimal("12")),
        ("0.1", Decimal("0.1")),  # exact, no binary float on the way
    ],
)
def test_parse_decimal(text: str, expected: Decimal) -> None:
    result = parse_decimal(text)
    assert result == expected
    assert isinstance(result, Decimal)


@pytest.mark.parametrize(
    "text", ["", "abc", "1.", "1.2.3", "۱٫۲٫۳", "1,5", "NaN", "Infinity", "1e5", "1 .5"]
)
def test_parse_decimal_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_decimal(text)


@given(st.integers(min_value=-(10**20), max_value=10**20), st.booleans())
def test_fa_number_parse_int_round_trip(n: int, grouping: bool) -> None:
    assert parse_int(fa_number(n, grouping=grouping)) == n


@given(
    st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12),
    st.integers(min_value=0, max_value=4),
)
def test_fa_number_parse_decimal_round_trip(d: Decimal, places: int) -> None:
    shown = fa_number(d, decimals=places)
    assert parse_decimal(shown) == d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@given(st.text())
def test_digit_conversions_only_touch_digits(s: str) -> None:
    assert len(to_latin_digits(s)) == len(s)
    assert to_latin_digits(to_persian_digits(s)) == to_latin_digits(s)


def test_fa_num_reads_a_whole_float_as_a_whole_number() -> None:
    from persian.digits import fa_num

    assert fa_num(12.0) == fa_number(12)
    assert fa_num(2.5) == fa_number(2.5)
    assert fa_num(None) == fa_number(None)
