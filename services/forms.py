"""What a form shows when it opens, read in one service call (one session, one snapshot).

A form used to gather its pieces itself — the record, the choices of each reference field, the
people and firms it can pick, the attachments — each its own read; between two of them another
user of the office database could change what the next one saw. Here each form gets one
frozen answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from models.database import Database
from services import records
from services.activities import get_activity_in
from services.attachments import AttachmentView, list_attachments_in
from services.schema import SPECS
from services.views import ActivityDetail, RecordView

# (id, title) of each record a reference field may point to, per referenced kind.
Choices = dict[str, tuple[tuple[str, str], ...]]


@dataclass(frozen=True)
class ActivityFormData:
    detail: ActivityDetail | None  # None: a new activity
    choices: Choices  # the clusters the activity can belong to
    people: tuple[RecordView, ...]  # who can take part or follow a resolution up
    firms: tuple[RecordView, ...]
    attachments: tuple[AttachmentView, ...]


@dataclass(frozen=True)
class RecordFormData:
    record: RecordView | None  # None: a new record
    choices: Choices


def _choices(session: Session, kinds: set[str]) -> Choices:
    return {kind: tuple((v.id, v.title) for v in records.list_records_in(session, kind))
            for kind in sorted(kinds)}


def _ref_kinds(kind: str) -> set[str]:
    return {f.ref_kind for f in SPECS[kind].fields if f.type == "ref" and f.ref_kind}


def activity_form_data(db: Database, activity_id: str | None = None) -> ActivityFormData:
    """Everything the activity form shows; raises NotFoundError for a missing activity."""
    with db.session_factory() as session:
        detail = get_activity_in(session, activity_id) if activity_id is not None else None
        files = (list_attachments_in(session, "activity", activity_id)
                 if activity_id is not None else [])
        return ActivityFormData(
            detail=detail, choices=_choices(session, _ref_kinds("activity")),
            people=tuple(records.list_records_in(session, "person")),
            firms=tuple(records.list_records_in(session, "firm")), attachments=tuple(files))


def record_form_data(db: Database, kind: str, record_id: str | None = None) -> RecordFormData:
    """The record (if any) and the choices of its reference fields; NotFoundError if missing."""
    with db.session_factory() as session:
        record = (records.view_of(kind, records.load(session, kind, record_id))
                  if record_id is not None else None)
        return RecordFormData(record=record, choices=_choices(session, _ref_kinds(kind)))
