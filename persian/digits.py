"""Digits and numbers: Persian for people, ASCII for machines (DESIGN §3 "Digits").

Users type digits in whichever script their keyboard layout produces (the standard Persian
layout gives ۰–۹, some Windows layouts give Arabic-Indic ٠–٩, number pads give 0–9), so every
parser here accepts all three, and every formatter for humans writes Persian digits.
"""

from __future__ import annotations

import math
import re
from contextvars import ContextVar
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .bidi import BIDI_STRIP_TABLE as _BIDI_MARKS

__all__ = [
    "ARABIC_DECIMAL_SEPARATOR",
    "ARABIC_THOUSANDS_SEPARATOR",
    "fa_money",
    "fa_num",
    "fa_number",
    "latin_for_people",
    "people_digits",
    "set_latin_for_people",
    "parse_decimal",
    "parse_int",
    "to_latin_digits",
    "to_persian_digits",
]

PERSIAN_ZERO = 0x06F0
ARABIC_INDIC_ZERO = 0x0660
ARABIC_DECIMAL_SEPARATOR = "\u066b"  # ٫
ARABIC_THOUSANDS_SEPARATOR = "\u066c"  # ٬
ARABIC_COMMA = "\u060c"  # ، – people type it as a thousands separator on the Persian layout

_TO_LATIN = {PERSIAN_ZERO + i: str(i) for i in range(10)}
_TO_LATIN.update({ARABIC_INDIC_ZERO + i: str(i) for i in range(10)})
# ٫ is only ever a decimal separator, so turning it into '.' cannot change a non-number's meaning.
_TO_LATIN[ord(ARABIC_DECIMAL_SEPARATOR)] = "."

_TO_PERSIAN = {ord(str(i)): chr(PERSIAN_ZERO + i) for i in range(10)}
_TO_PERSIAN.update({ARABIC_INDIC_ZERO + i: chr(PERSIAN_ZERO + i) for i in range(10)})

# Invisible marks that copy-paste from other apps (or our own RTL widgets) drags along with a
# number.

_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2010": "-", "\u2011": "-"})
_SEPARATORS = ",\u066c\u060c"
# Grouping is checked (1–3 digits, then groups of exactly 3) so that "1,5" typed by someone
# meaning one-and-a-half is rejected instead of silently becoming fifteen.
_INT_BODY = rf"(?:[0-9]{{1,3}}(?:[{_SEPARATORS}][0-9]{{3}})+|[0-9]+)"
_INT_RE = re.compile(rf"[+-]?{_INT_BODY}")
_DECIMAL_RE = re.compile(rf"[+-]?(?:{_INT_BODY}(?:\.[0-9]+)?|\.[0-9]+)")


def to_latin_digits(s: str) -> str:
    """Persian and Arabic-Indic digits (and the Arabic decimal separator ٫) to ASCII.

    Thousands separators (٬ and ،) are left alone: only the caller knows whether a ، is a
    separator inside a number or a comma in a sentence.
    """
    return s.translate(_TO_LATIN)


def to_persian_digits(s: str) -> str:
    """ASCII and Arabic-Indic digits to Persian ۰–۹; everything else unchanged."""
    return s.translate(_TO_PERSIAN)


# The English UI (--lang en) shows figures with Latin digits and separators (issue 11 item 7).
# A context variable, set once by ui.app_setup in the GUI thread: worker threads start with a
# fresh context, so the reports and exports they build stay Persian documents whatever the UI
# language, and the command line never sets it.
_LATIN_FOR_PEOPLE: ContextVar[bool] = ContextVar("khooshe_latin_for_people", default=False)


def set_latin_for_people(latin: bool) -> None:
    """Figures formatted in this thread from now on use Latin (True) or Persian digits."""
    _LATIN_FOR_PEOPLE.set(latin)


def latin_for_people() -> bool:
    return _LATIN_FOR_PEOPLE.get()


def people_digits(s: str) -> str:
    """Digits of ``s`` in the script people read here: Persian, or Latin in the English UI."""
    return s.translate(_TO_LATIN) if _LATIN_FOR_PEOPLE.get() else s.translate(_TO_PERSIAN)


def fa_number(
    value: int | float | Decimal | None,
    *,
    grouping: bool = True,
    decimals: int | None = None,
) -> str:
    """Format a number for a person: '۱٬۲۳۴٬۵۶۷', '-۱۲٫۵'; None → '—'.

    `decimals` rounds half-up (what people expect of money) and pads with zeros; without it an
    int shows no fraction, a float shows its shortest round-tripping form (0.1 → '۰٫۱', not
    0.1000000000000000055…) and a Decimal shows the digits it carries.
    """
    if value is None:
        return "—"
    # bool is an int subclass; formatting True as '۱' would hide a bug in the caller.
    if isinstance(value, bool):
        raise TypeError("fa_number() does not format booleans")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot format {value!r} as a number")
        number = Decimal(repr(value))
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot format {value!r} as a number")
        number = value
    else:
        raise TypeError(f"fa_number() expects int, float or Decimal, not {type(value).__name__}")

    if decimals is not None:
        if decimals < 0:
            raise ValueError("decimals must be >= 0")
        # The default 28-digit context would raise InvalidOperation on big amounts in Rial.
        with localcontext() as ctx:
            ctx.prec = max(28, number.adjusted() + decimals + 2)
            number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)

    # Sign is decided after rounding so -0.001 with decimals=2 reads '۰٫۰۰', not '-۰٫۰۰'.
    # copy_abs(), not abs(): abs() rounds to the 28-digit context and would corrupt big sums.
    negative = number < 0
    text = format(number.copy_abs(), ",f" if grouping else "f")
    if _LATIN_FOR_PEOPLE.get():
        return ("-" if negative else "") + text
    # «٬» and «٫», never a Latin comma: beside a Persian «،» a «,» reads as a list separator.
    text = text.replace(",", ARABIC_THOUSANDS_SEPARATOR).replace(".", ARABIC_DECIMAL_SEPARATOR)
    return ("-" if negative else "") + to_persian_digits(text)


def fa_num(value: float | int | None, *, grouping: bool = True) -> str:
    """Persian digits; a float with nothing after the point reads as a whole number."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, float):
        value = round(value, 2)
    return fa_number(value, grouping=grouping)


def fa_money(value: int | float | Decimal | None) -> str:
    """An amount in Rial with its unit: '۱٬۲۰۰٬۰۰۰ ریال' ('1,200,000 rials' in the English UI)."""
    if value is None:
        return "—"
    return fa_number(value, decimals=0) + (" rials" if _LATIN_FOR_PEOPLE.get() else " ریال")


def _clean_number_text(text: str) -> str:
    if not isinstance(text, str):
        raise TypeError(f"expected str, not {type(text).__name__}")
    return to_latin_digits(text.translate(_BIDI_MARKS).strip().translate(_MINUS_SIGNS))


def _drop_separators(s: str) -> str:
    for sep in _SEPARATORS:
        s = s.replace(sep, "")
    return s


def parse_int(text: str) -> int:
    """Parse an integer typed in any digit script, with optional thousands separators.

    Raises ValueError for anything that is not exactly one integer (empty text, letters, a
    fraction, badly grouped separators).
    """
    s = _clean_number_text(text)
    if not _INT_RE.fullmatch(s):
        raise ValueError(f"not an integer: {text!r}")
    return int(_drop_separators(s))


def parse_decimal(text: str) -> Decimal:
    """Parse a decimal number ('۱٬۲۵۰٫۵', '1,250.5', '٠٫٥') exactly, as a Decimal."""
    s = _clean_number_text(text)
    if not _DECIMAL_RE.fullmatch(s):
        raise ValueError(f"not a number: {text!r}")
    return Decimal(_drop_separators(s))
