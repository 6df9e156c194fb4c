"""What every part of the exchange shares: the format's names, kinds, messages and small helpers."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from models.id_lists import chunks as chunks  # the exchange's look-ups share models' chunking
from services.errors import CodedError, ServiceError
from services.schema import MODEL_BY_KIND, SPECS

FORMAT = "khooshe-exchange"
FORMAT_VERSION = 1
SUFFIX = ".kxp"
MANIFEST = "manifest.json"
RECORDS = "records.json"
FILES_PREFIX = "files/"

# Parents before children, so references resolve in one pass.
KINDS = ("cluster", "organisation", "firm", "person", "activity", "participant", "resolution",
         "joint_action", "action_plan_item", "indicator_value", "attachment")
MODELS: dict[str, type] = {k: MODEL_BY_KIND[k] for k in KINDS}
EXTRA_LABELS = {"participant": "شرکت‌کننده", "attachment": "پیوست"}
# Foreign keys of the kinds that have no RecordSpec.
EXTRA_REFS = {"participant": {"activity_id": "activity", "person_id": "person",
                              "firm_id": "firm"}}
UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                     r"[0-9a-fA-F]{12}$")
SHA_RE = re.compile(r"^[0-9a-f]{64}$")
REFUSED = "بسته تبادل پذیرفته نشد و چیزی در پایگاه داده نوشته نشد: "
TAMPERED = REFUSED + "فایل خراب یا دست‌کاری شده است (کنترل صحت نخواند)."
FOREIGN = REFUSED + "این فایل بسته تبادل خوشه نیست."


class ExchangeError(CodedError):
    """A package could not be written or was refused; `.message` is Persian."""

    code = "exchange_error"


def kind_label(kind: str) -> str:
    return SPECS[kind].label if kind in SPECS else EXTRA_LABELS[kind]


def columns_of(model: type) -> list:
    return [c for c in model.__table__.columns if c.name != "version"]


def to_json(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def ref_fields(kind: str) -> dict[str, str]:
    if kind in SPECS:
        return {f.name: f.ref_kind for f in SPECS[kind].fields
                if f.type == "ref" and f.ref_kind is not None}
    return EXTRA_REFS.get(kind, {})


def record_name(kind: str, row: dict[str, Any]) -> str:
    title_field = SPECS[kind].title_field if kind in SPECS else (
        "file_name" if kind == "attachment" else None)
    title = row.get(title_field) if title_field else None
    ident = row.get("id")
    text = f"{kind_label(kind)}"
    if isinstance(title, str) and title.strip():
        short = title.strip()
        text += f" «{short[:60]}{'…' if len(short) > 60 else ''}»"
    if isinstance(ident, str):
        text += f" (شناسه {ident[:36]})"
    return text


def bad_record(kind: str, row: dict[str, Any], message: str) -> ExchangeError:
    return ExchangeError(REFUSED + f"{record_name(kind, row)}: {message}", "exchange_invalid_record")


class Row:
    """A database row read for comparison (attribute access like the ORM object)."""

    def __init__(self, values: Any) -> None:
        # The values are the instance's attributes, read by Python's own lookup (a __getattr__
        # was a Python call per attribute, 250k of them to index an import's new records); a
        # dict is taken as it is (the import's fresh rows), anything else copied.
        self.__dict__ = values if type(values) is dict else dict(values)


def conflict_error() -> ServiceError:
    from services.records import conflict

    return conflict()
