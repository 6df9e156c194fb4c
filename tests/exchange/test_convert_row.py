"""convert_row looks only at the values a row holds: the same result (every column of the kind,
in column order, None where the row has none) and the same Persian errors as the old pass over
every column of the kind."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Boolean, Date, DateTime, Float, Integer

from services.exchange.common import KINDS, ExchangeError, bad_record
from services.exchange.validate import column_map, convert_row
from services.schema import SPECS

_ID = "000292c5-4a05-4825-8ab4-d9f817a121b8"
_STAMP = "2026-12-03T14:17:41.837590"

# Right and wrong JSON values for every column type (the columns' own types pick the right ones).
_VALUES: list[Any] = [None, "", "متن", "a\x00b", "x" * 600, "2025-03-06", "2025-13-40",
                      _STAMP, "2026-12-03T14:17:41+03:30", 0, -1, 7, 2**63, 2.5, True, False,
                      [], {}]


def _reference(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    """The pass before: every column of the kind looked up in the row, in column order."""
    out: dict[str, Any] = {}
    for name, column in column_map(kind).items():
        value = row.get(name)
        if value is None:
            out[name] = None
            continue
        ctype = column.type
        try:
            if isinstance(ctype, DateTime):
                if type(value) is not str:
                    raise ValueError
                value = datetime.fromisoformat(value).replace(tzinfo=None)
            elif isinstance(ctype, Date):
                if type(value) is not str:
                    raise ValueError
                value = date.fromisoformat(value)
            elif isinstance(ctype, Boolean):
                if not isinstance(value, bool):
                    raise ValueError
            elif isinstance(ctype, Integer):
                if not isinstance(value, int) or isinstance(value, bool) or abs(value) > 2**62:
                    raise ValueError
            elif isinstance(ctype, Float):
                if not isinstance(value, int | float) or isinstance(value, bool):
                    raise ValueError
                value = float(value)
            else:
                length = getattr(ctype, "length", None)
                if type(value) is not str or "\x00" in value or (length and len(value) > length):
                    raise ValueError
        except (ValueError, OverflowError):
            label = name
            if kind in SPECS and name in SPECS[kind].field_names:
                label = SPECS[kind].field(name).label
            raise bad_record(kind, row, f"مقدار «{label}» نامعتبر است.") from None
        out[name] = value
    return out


@st.composite
def _rows(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    kind = draw(st.sampled_from(KINDS))
    row: dict[str, Any] = {}
    for name in column_map(kind):  # a package's rows keep the columns' order
        if name == "id":
            row[name] = _ID
        elif name in ("created_at", "updated_at"):
            row[name] = _STAMP
        elif draw(st.booleans()):  # mostly a value of the column's type, now and then any value
            good = _good(column_map(kind)[name].type)
            row[name] = draw(st.sampled_from(_VALUES)) if draw(st.integers(0, 9)) == 0 else good
    return kind, row


def _good(ctype: Any) -> Any:
    for types, value in ((DateTime, _STAMP), (Date, "2025-03-06"), (Boolean, True),
                         (Integer, 7), (Float, 2.5)):
        if isinstance(ctype, types):
            return value
    return "متن"


def _outcome(convert: Any, kind: str, row: dict[str, Any]) -> Any:
    try:
        out = convert(kind, row)
    except ExchangeError as exc:
        return ("error", exc.message, exc.code)
    return ("ok", list(out.items()))


@settings(max_examples=400, deadline=None)
@given(_rows())
def test_convert_row_equals_the_pass_over_every_column(kind_row: tuple[str, dict[str, Any]]) -> None:
    kind, row = kind_row
    expected = _outcome(_reference, kind, row)
    if expected[0] == "ok":  # convert_row's own record checks come after the values
        expected = _outcome(lambda k, r: (_reference(k, r), convert_row(k, r))[1], kind, row)
    assert _outcome(convert_row, kind, row) == expected


@pytest.mark.parametrize("kind", KINDS)
def test_every_column_is_in_the_result_in_column_order(kind: str) -> None:
    out = convert_row(kind, {"id": _ID, "created_at": _STAMP, "updated_at": _STAMP})
    assert list(out) == list(column_map(kind))
    assert out["id"] == _ID and out["created_at"] == datetime.fromisoformat(_STAMP)
    assert all(v is None for k, v in out.items() if k not in ("id", "created_at", "updated_at"))


def test_a_null_value_is_none_and_an_unknown_field_is_refused() -> None:
    out = convert_row("firm", {"id": _ID, "created_at": _STAMP, "updated_at": _STAMP,
                               "name": None, "employees": 12})
    assert out["name"] is None and out["employees"] == 12
    with pytest.raises(ExchangeError, match="فیلد ناشناخته"):
        convert_row("firm", {"id": _ID, "created_at": _STAMP, "updated_at": _STAMP, "bogus": 1})
