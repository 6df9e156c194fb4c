"""Turning what a user typed into clean values, or Persian messages that name the field.

Values may arrive as Python objects (from code and tests) or as text in any digit script (from
forms, the command line, spreadsheets); both go through the same rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from persian.bidi import BIDI_STRIP_TABLE
from persian.digits import parse_decimal, parse_int, to_latin_digits, to_persian_digits
from persian.fold import strip_bidi
from persian.jalali import JalaliDateError, format_jalali, parse_jalali
from services.errors import FieldError, ValidationError, item_lines
from services.schema import FieldSpec, RecordSpec

_INVISIBLE = {"\u200c", "\u200d", "\u00ad", "\ufeff"}
_TIME_RE = re.compile(r"^(\d{1,2})[:٫.](\d{2})$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()\-]{2,30}$")


# str.translate table deleting what a reader cannot see but spaces: bidi controls, ZWNJ & co.
_UNSEEN = {**BIDI_STRIP_TABLE, **dict.fromkeys(map(ord, _INVISIBLE), None)}


def is_blank(text: str) -> bool:
    """True for text with nothing a reader could see: spaces, ZWNJ, bidi controls only."""
    # Text that begins with a seen character other than a space is not blank: no copy is made
    # (most values of an import). Otherwise in C: without the unseen characters, only
    # whitespace (what str.strip takes, the same test as str.isspace) is left.
    if text and not text[0].isspace() and ord(text[0]) not in _UNSEEN:
        return False
    return not text.translate(_UNSEEN).strip()


def valid_national_code(code: str) -> bool:
    """Iran's 10-digit کد ملی with its check digit (mod 11)."""
    if not re.fullmatch(r"\d{10}", code) or len(set(code)) == 1:
        return False
    total = sum(int(code[i]) * (10 - i) for i in range(9))
    remainder = total % 11
    check = int(code[9])
    return check == remainder if remainder < 2 else check == 11 - remainder


def _digits_only(text: str) -> str:
    return "".join(ch for ch in to_latin_digits(strip_bidi(text)) if not ch.isspace() and ch != "-")


# Identity numbers are kept as their digits alone (people type and paste them with spaces and
# dashes); each kind then has its own rule and its own message ({label}: the field's label).
_IDENTITY_NUMBERS: dict[str, tuple[Callable[[str], object], str]] = {
    "national_code": (valid_national_code,
                      "«{label}» معتبر نیست؛ کد ملی ده رقم است و رقم آخر آن کنترلی است."),
    "national_id": (re.compile(r"\d{11}").fullmatch, "«{label}» باید یازده رقم باشد."),
}


class _Cleaner:
    def __init__(self, session: Session | None) -> None:
        self.session = session
        self.errors: list[FieldError] = []

    def fail(self, spec: FieldSpec, code: str, message: str) -> None:
        self.errors.append(FieldError(spec.name, code, message))

    def clean(self, spec: FieldSpec, value: Any) -> Any:  # noqa: C901 - one branch per field type
        label = spec.label
        if isinstance(value, str):
            if "\x00" in value:
                self.fail(spec, "invalid_char", f"«{label}» نویسه نامعتبر (NUL) دارد؛ آن را پاک کنید.")
                return None
            if spec.type not in ("text", "longtext"):
                value = value.strip()
            if is_blank(value):
                value = None
        if value is None:
            if spec.required:
                self.fail(spec, "required", f"«{label}» را وارد کنید؛ این فیلد الزامی است.")
            return False if spec.type == "bool" else None

        kind = spec.type
        if kind in ("text", "longtext"):
            text = str(value)
            if kind == "text":
                text = text.strip()
            if spec.max_len and len(text) > spec.max_len:
                self.fail(spec, "too_long",
                          f"«{label}» حداکثر {to_persian_digits(str(spec.max_len))} نویسه می‌تواند "
                          f"باشد (اکنون {to_persian_digits(str(len(text)))} نویسه).")
                return None
            return text
        if kind == "date":
            if isinstance(value, datetime):
                return value.date()
            if isinstance(value, date):
                return value
            try:
                return parse_jalali(str(value))
            except JalaliDateError as exc:
                self.fail(spec, "date_invalid", f"«{label}»: {exc.message}")
                return None
        if kind == "time":
            match = _TIME_RE.match(to_latin_digits(str(value)))
            if not match or int(match[1]) > 23 or int(match[2]) > 59:
                self.fail(spec, "time_invalid", f"«{label}» را به شکل ۱۴:۳۰ وارد کنید.")
                return None
            return f"{int(match[1]):02d}:{match[2]}"
        if kind in ("int", "money"):
            try:
                number = value if isinstance(value, int) and not isinstance(value, bool) else parse_int(str(value))
            except ValueError:
                self.fail(spec, "number_invalid", f"«{label}» باید یک عدد صحیح باشد.")
                return None
            if number < 0:
                self.fail(spec, "negative", f"«{label}» نمی‌تواند منفی باشد.")
                return None
            return number
        if kind in ("hours", "score", "float"):
            try:
                number = float(value) if isinstance(value, int | float) and not isinstance(value, bool) else float(parse_decimal(str(value)))
            except (ValueError, ArithmeticError):
                self.fail(spec, "number_invalid", f"«{label}» باید یک عدد باشد.")
                return None
            if number != number or number in (float("inf"), float("-inf")):
                self.fail(spec, "number_invalid", f"«{label}» باید یک عدد باشد.")
                return None
            if kind == "hours" and number <= 0:
                self.fail(spec, "not_positive", f"«{label}» باید بیشتر از صفر باشد.")
                return None
            if kind == "score" and number < 0:
                self.fail(spec, "negative", f"«{label}» نمی‌تواند منفی باشد.")
                return None
            return number
        if kind == "bool":
            if isinstance(value, str):
                return value.strip().lower() in {"1", "true", "yes", "بله", "آری", "✓"}
            return bool(value)
        if kind == "choice":
            assert spec.choices is not None
            text = str(value).strip()
            if text in spec.choices:
                return text
            for code, fa in spec.choices.items():  # a Persian label typed or pasted in
                if unicodedata.normalize("NFC", fa) == unicodedata.normalize("NFC", text):
                    return code
            allowed = item_lines(spec.choices.values())
            self.fail(spec, "choice_invalid", f"«{label}» باید یکی از این‌ها باشد:\n{allowed}")
            return None
        if kind == "ref":
            ref_id = str(value)
            if self.session is not None and not self._ref_exists(spec, ref_id):
                self.fail(spec, "ref_missing",
                          f"«{label}» انتخاب‌شده پیدا نشد یا در سطل بازیافت است؛ دوباره انتخاب کنید.")
                return None
            return ref_id
        if kind in _IDENTITY_NUMBERS:
            valid, message = _IDENTITY_NUMBERS[kind]
            code = _digits_only(str(value))
            if not valid(code):
                self.fail(spec, f"{kind}_invalid", message.format(label=label))
                return None
            return code
        if kind == "phone":
            phone = to_latin_digits(strip_bidi(str(value))).strip()
            if not _PHONE_RE.match(phone):
                self.fail(spec, "phone_invalid",
                          f"«{label}» فقط رقم، فاصله، خط تیره و + می‌تواند داشته باشد.")
                return None
            return phone
        if kind == "email":
            email = strip_bidi(str(value)).strip()
            if not _EMAIL_RE.match(email):
                self.fail(spec, "email_invalid", f"«{label}» نشانی رایانامه معتبری نیست.")
                return None
            return email
        raise AssertionError(f"unknown field type {kind}")

    def _ref_exists(self, spec: FieldSpec, ref_id: str) -> bool:
        from services.schema import MODEL_BY_KIND

        assert self.session is not None and spec.ref_kind is not None
        model = MODEL_BY_KIND[spec.ref_kind]
        row = self.session.execute(
            select(model.id).where(model.id == ref_id, model.deleted_at.is_(None))
        ).first()
        return row is not None


# (spec, activity kind) -> (its field names, the fields that apply), worked out once per spec and
# kind: an exchange import cleans tens of thousands of records of a handful of specs. Keyed by the
# spec's id (a spec holds dicts, so it is not hashable) with the spec kept beside to check it.
_FIELDS: dict[tuple[int, str | None], tuple[RecordSpec, frozenset[str], tuple[FieldSpec, ...]]] = {}


def _fields_of(spec: RecordSpec,
               activity_kind: str | None) -> tuple[frozenset[str], tuple[FieldSpec, ...]]:
    found = _FIELDS.get((id(spec), activity_kind))
    if found is None or found[0] is not spec:
        found = (spec, frozenset(spec.field_names),
                 tuple(f for f in spec.fields if f.applies_to(activity_kind)))
        _FIELDS[(id(spec), activity_kind)] = found
    return found[1], found[2]


def clean_record(
    spec: RecordSpec,
    data: Mapping[str, Any],
    *,
    session: Session | None,
    existing: Mapping[str, Any] | None = None,
    activity_kind: str | None = None,
) -> dict[str, Any]:
    """Validates `data` (merged over `existing` for updates); returns clean values or raises."""
    names, fields = _fields_of(spec, activity_kind)
    unknown = data.keys() - names
    if unknown:
        raise ValueError(f"unknown fields for {spec.kind}: {sorted(unknown)}")
    return _clean_fields(spec, fields, data, session, existing, {})


def clean_fields_into(spec: RecordSpec, row: dict[str, Any], *,
                      activity_kind: str | None = None) -> dict[str, Any]:
    """clean_record (no session, no existing values) of a row that holds other keys besides the
    spec's fields (an exchange record's id and stamps), written back into `row`: each field that
    applies gets its clean value and every other field of the spec None. Neither the fields'
    sub-dict nor the result is copied (an import cleans tens of thousands of rows)."""
    names, fields = _fields_of(spec, activity_kind)
    _clean_fields(spec, fields, row, None, None, row)
    if len(fields) != len(names):
        for name in names.difference(f.name for f in fields):
            row[name] = None
    return row


def _clean_fields(spec: RecordSpec, fields: tuple[FieldSpec, ...], data: Mapping[str, Any],
                  session: Session | None, existing: Mapping[str, Any] | None,
                  out: dict[str, Any]) -> dict[str, Any]:
    """The rules of clean_record for `fields`, read from `data` (merged over `existing`) and
    written into `out`; raises ValidationError naming every field that fails."""
    cleaner = _Cleaner(session)
    merged: Mapping[str, Any] = data if existing is None else {**existing, **data}
    clean = cleaner.clean
    get = merged.get
    for field in fields:
        name = field.name
        if existing is None:
            value = get(name)
            # An empty optional field needs no call (about half the fields of an imported row).
            # (clean gives None for None in every type but bool, whose None is False.)
            if value is None and not field.required and field.type != "bool":
                out[name] = None
                continue
            out[name] = clean(field, value)
            continue
        if name not in data:
            # Unchanged on update: keep, but still check required-ness of what is stored.
            value = merged.get(name)
            if field.required and value in (None, ""):
                cleaner.fail(field, "required", f"«{field.label}» را وارد کنید؛ این فیلد الزامی است.")
            out[name] = value
            continue
        out[name] = clean(field, merged.get(name))
    return check_date_ranges(spec, out, cleaner)


def check_date_ranges(spec: RecordSpec, out: dict[str, Any], cleaner: _Cleaner) -> dict[str, Any]:
    """The spec's end-before-start rules over clean values; raises every failure collected."""
    for start_name, end_name in spec.date_ranges:
        start, end = out.get(start_name), out.get(end_name)
        if isinstance(start, date) and isinstance(end, date) and end < start:
            end_spec, start_spec = spec.field(end_name), spec.field(start_name)
            cleaner.fail(end_spec, "end_before_start",
                         f"«{end_spec.label}» ({format_jalali(end)}) نمی‌تواند پیش از "
                         f"«{start_spec.label}» ({format_jalali(start)}) باشد.")
    if cleaner.errors:
        raise ValidationError(cleaner.errors)
    return out
