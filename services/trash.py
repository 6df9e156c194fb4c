"""سطل بازیافت: every record moved to the trash, and bringing it back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from models.database import Database
from services import records
from services.schema import SPECS
from services.views import RecordView


@dataclass(frozen=True)
class TrashItem:
    kind: str
    kind_label: str
    id: str
    title: str
    deleted_at: datetime


def list_trash(db: Database, *, limit: int = 5000) -> list[TrashItem]:
    """Deleted records of every kind, most recently deleted first."""
    items: list[TrashItem] = []
    with db.session_factory() as session:
        for kind, spec in SPECS.items():
            model = spec.model
            title = getattr(model, spec.title_field)
            for rid, text, when in session.execute(
                select(model.id, title, model.deleted_at)
                .where(model.deleted_at.is_not(None))
                .order_by(model.deleted_at.desc()).limit(limit)
            ):
                items.append(TrashItem(kind, spec.label, rid, str(text or ""), when))
    items.sort(key=lambda i: i.deleted_at, reverse=True)
    return items[:limit]


def restore(db: Database, kind: str, record_id: str) -> RecordView:
    return records.restore(db, kind, record_id)
