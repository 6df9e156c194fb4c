"""One record of a package: JSON values to Python values by column type, then the schema rules."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer

from models.entities import Activity
from models.vocab import PARTICIPANT_ROLES
from services.errors import ValidationError
from services.exchange.common import (
    MODELS,
    SHA_RE,
    TAMPERED,
    UUID_RE,
    ExchangeError,
    bad_record,
    columns_of,
)
from services.schema import MODEL_BY_KIND, SPECS
from services.validation import clean_fields_into


@cache
def column_map(kind: str) -> dict[str, Any]:
    return {c.name: c for c in columns_of(Activity if kind == "activity" else MODELS[kind])}


_DATETIME, _DATE, _BOOL, _INT, _FLOAT, _TEXT = range(6)


@cache
def _convert_plan(kind: str) -> tuple[dict[str, None], dict[str, tuple[int, int | None]]]:
    """A kind's every column as None (the row's starting point, in column order) and each
    column's (type tag, text length), worked out once instead of per row."""
    plan = {}
    for name, column in column_map(kind).items():
        ctype = column.type
        if isinstance(ctype, DateTime):
            tag = _DATETIME
        elif isinstance(ctype, Date):
            tag = _DATE
        elif isinstance(ctype, Boolean):
            tag = _BOOL
        elif isinstance(ctype, Integer):  # BigInteger too
            tag = _INT
        elif isinstance(ctype, Float):
            tag = _FLOAT
        else:
            tag = _TEXT
        plan[name] = (tag, getattr(ctype, "length", None))
    return dict.fromkeys(plan), plan


def convert_row(kind: str, row: Any) -> dict[str, Any]:
    """JSON row -> Python values by column type; raises ExchangeError naming the record.

    Every column of the kind is in the result (None where the row has no value), in column
    order; only the values the row holds are looked at (most of an activity's columns belong
    to the other kinds of activity and are null)."""
    if not isinstance(row, dict):
        raise ExchangeError(TAMPERED, "exchange_tampered")
    empty, plan = _convert_plan(kind)
    if not row.keys() <= plan.keys():  # (no set built for every row)
        unknown = row.keys() - plan.keys()
        raise bad_record(kind, row, f"فیلد ناشناخته: {', '.join(sorted(map(str, unknown)))[:200]}")
    out: dict[str, Any] = empty.copy()
    for name, value in row.items():
        if value is None:
            continue
        tag, length = plan[name]
        try:
            if tag == _TEXT:
                if type(value) is not str or "\x00" in value or (length and len(value) > length):
                    raise ValueError
            elif tag == _DATETIME:
                if type(value) is not str:
                    raise ValueError
                value = datetime.fromisoformat(value)
                if value.tzinfo is not None:  # stamps are naive UTC; only a foreign one has a zone
                    value = value.replace(tzinfo=None)
            elif tag == _DATE:
                if type(value) is not str:
                    raise ValueError
                value = date.fromisoformat(value)
            elif tag == _BOOL:
                if not isinstance(value, bool):
                    raise ValueError
            elif tag == _INT:
                if not isinstance(value, int) or isinstance(value, bool) or abs(value) > 2**62:
                    raise ValueError
            elif not isinstance(value, int | float) or isinstance(value, bool):
                raise ValueError
            else:
                value = float(value)
            out[name] = value
        except (ValueError, OverflowError):
            label = name
            if kind in SPECS and name in SPECS[kind].field_names:
                label = SPECS[kind].field(name).label
            raise bad_record(kind, row, f"مقدار «{label}» نامعتبر است.") from None
    if not isinstance(out.get("id"), str) or not UUID_RE.match(out["id"]):
        raise bad_record(kind, row, "شناسه رکورد نامعتبر است.")
    if out.get("origin") is not None and not UUID_RE.match(out["origin"]):
        raise bad_record(kind, row, "شناسه عامل سازنده نامعتبر است.")
    if out.get("created_at") is None or out.get("updated_at") is None:
        raise bad_record(kind, row, "زمان ثبت یا ویرایش رکورد ندارد.")
    return out


def validate_row(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    """services/schema.py rules (clean_record) for spec kinds; explicit rules for the others."""
    if kind in SPECS:
        spec = SPECS[kind]
        activity_kind = row.get("kind") if kind == "activity" else None
        # Cleaned in place (the row is convert_row's own dict): no sub-dict of the fields, no
        # copy of the row. The title is kept to name the record as it came, should it fail.
        title = row.get(spec.title_field)
        try:
            return clean_fields_into(spec, row, activity_kind=activity_kind)
        except ValidationError as exc:
            row[spec.title_field] = title
            raise bad_record(kind, row, exc.message) from None
    if kind == "participant":
        if not row.get("activity_id"):
            raise bad_record(kind, row, "فعالیت ندارد.")
        if not row.get("person_id") and not row.get("firm_id"):
            raise bad_record(kind, row, "هر شرکت‌کننده باید یک فرد یا یک بنگاه باشد.")
        if row.get("role") not in PARTICIPANT_ROLES:
            raise bad_record(kind, row, "نقش شرکت‌کننده شناخته نیست.")
        if row.get("hours") is not None and not 0 <= row["hours"] < 10_000:
            raise bad_record(kind, row, "ساعت حضور نامعتبر است.")
        row.setdefault("position", 0)
        if row.get("attended") is None:
            row["attended"] = True
        if row.get("position") is None:
            row["position"] = 0
        return row
    if kind == "attachment":
        if row.get("owner_kind") not in MODEL_BY_KIND or not row.get("owner_id"):
            raise bad_record(kind, row, "صاحب پیوست نامعتبر است.")
        if not row.get("file_name") or "/" in row["file_name"] or "\\" in row["file_name"]:
            raise bad_record(kind, row, "نام فایل پیوست نامعتبر است.")
        if not SHA_RE.match(row.get("sha256") or "") or row.get("size") is None \
                or row["size"] < 0:
            raise bad_record(kind, row, "چکیده یا اندازه پیوست نامعتبر است.")
        return row
    raise AssertionError(kind)

