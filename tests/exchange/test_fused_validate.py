"""validate_row cleans a spec record in place: the same values and the same Persian errors as
clean_record over a sub-dict of the fields copied back into a copy of the row (the old path)."""

from __future__ import annotations

import copy
from datetime import date, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from services.errors import ValidationError
from services.exchange.common import KINDS, ExchangeError, bad_record
from services.exchange.validate import validate_row
from services.schema import SPECS, RecordSpec
from services.validation import _Cleaner, check_date_ranges, clean_record

SPEC_KINDS = [k for k in KINDS if k in SPECS]
ACTIVITY_KINDS = ["training", "meeting", "exhibition", "tour", "unknown", None]

# Good, blank, unseen-only, padded, too long and wrong values, for any field type.
_VALUES: list[Any] = [
    None, "", "   ", "\u200c", "\u200f\u200c ", " متن ", "متن", "x" * 5000, "a\x00b",
    "۱۴۰۳/۰۱/۱۵", "1403/13/40", "14:30", "25:00", "۱۲", "-3", "abc", "1.5", 0, -1, 7, 2.5,
    True, False, date(2025, 3, 6), date(2020, 1, 1), datetime(2025, 3, 9, 10, 0),
    "0012345679", "12345678901", "+98 21 1234", "a@b.ir", "بله", "done", "planned",
    "domestic", "\u2067متن\u2069", "\ufeff",
]

_GOOD: dict[str, Any] = {
    "date": date(2025, 3, 6), "time": "14:30", "int": 7, "money": 1000, "hours": 2.5,
    "score": 4.0, "float": 1.5, "bool": True, "ref": "000292c5-4a05-4825-8ab4-d9f817a121b8",
    "national_code": "0012345679", "national_id": "12345678901", "phone": "+98 21 1234",
    "email": "a@b.ir",
}


def _old_clean_record(spec: RecordSpec, data: dict[str, Any],
                      activity_kind: str | None) -> dict[str, Any]:
    """clean_record before the fused pass (no session, no existing values): a call of clean for
    every field that applies, None or not."""
    cleaner = _Cleaner(None)
    out = {f.name: cleaner.clean(f, data.get(f.name)) for f in spec.fields
           if f.applies_to(activity_kind)}
    return check_date_ranges(spec, out, cleaner)


def _old_validate(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    """validate_row before the fused pass (the reference)."""
    spec = SPECS[kind]
    names = spec.field_names
    activity_kind = row.get("kind") if kind == "activity" else None
    data = {name: row.get(name) for name in names}
    try:
        values = _old_clean_record(spec, data, activity_kind)
    except ValidationError as exc:
        raise bad_record(kind, row, exc.message) from None
    cleaned = dict(row)
    for name in names:
        cleaned[name] = values.get(name)
    return cleaned


@st.composite
def _rows(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    kind = draw(st.sampled_from(SPEC_KINDS))
    row: dict[str, Any] = {"id": "000292c5-4a05-4825-8ab4-d9f817a121b8",
                           "created_at": datetime(2026, 1, 1), "updated_at": datetime(2026, 1, 2),
                           "deleted_at": None, "origin": None}
    for field in SPECS[kind].fields:
        pick = draw(st.integers(0, 5))
        if pick == 0:  # a field left out of the package's row
            continue
        if pick == 1:
            row[field.name] = draw(st.sampled_from(_VALUES))
        elif field.choices:
            row[field.name] = draw(st.sampled_from([*field.choices, *field.choices.values()]))
        else:  # mostly good values, so that whole records pass too
            row[field.name] = _GOOD.get(field.type, "متن")
    if kind == "activity":
        row["kind"] = draw(st.sampled_from(ACTIVITY_KINDS))
    return kind, row


def _outcome(fn: Any, kind: str, row: dict[str, Any]) -> tuple[str, Any]:
    try:
        return "ok", fn(kind, copy.deepcopy(row))
    except ExchangeError as exc:
        return "refused", (exc.message, exc.code)


@settings(max_examples=600, deadline=None)
@given(_rows())
def test_fused_validate_matches_the_two_pass_path(case: tuple[str, dict[str, Any]]) -> None:
    kind, row = case
    outcome = _outcome(validate_row, kind, row)
    assert outcome == _outcome(_old_validate, kind, row)
    _SEEN.add(outcome[0])


_SEEN: set[str] = set()


def test_the_random_records_both_pass_and_fail() -> None:
    assert _SEEN == {"ok", "refused"}


@settings(max_examples=300, deadline=None)
@given(_rows())
def test_clean_record_matches_the_call_per_field(case: tuple[str, dict[str, Any]]) -> None:
    # The forms' path: clean_record skips the call for an empty optional field, same answer.
    kind, row = case
    spec = SPECS[kind]
    data = {name: row.get(name) for name in spec.field_names}
    activity_kind = row.get("kind") if kind == "activity" else None

    def outcome(fn: Any) -> Any:
        try:
            return fn()
        except ValidationError as exc:
            return exc.message
    assert outcome(lambda: clean_record(spec, data, session=None, activity_kind=activity_kind)) \
        == outcome(lambda: _old_clean_record(spec, data, activity_kind))


def test_a_refused_record_is_named_by_its_title_as_it_came() -> None:
    # The title is cleaned in place; the refusal still names the record by what the package held.
    row = {"id": "000292c5-4a05-4825-8ab4-d9f817a121b8", "kind": "meeting",
           "title": "  جلسه  ", "start_date": date(2025, 3, 9), "end_date": date(2025, 3, 1),
           "status": "done", "created_at": datetime(2026, 1, 1),
           "updated_at": datetime(2026, 1, 1)}
    assert _outcome(validate_row, "activity", row) == _outcome(_old_validate, "activity", row)
    assert _outcome(validate_row, "activity", row)[0] == "refused"
