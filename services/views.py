"""Plain, frozen data that services hand to the UI, reports and the command line (never ORM objects)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True)
class RecordView:
    kind: str
    id: str
    title: str
    values: Mapping[str, Any]
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None = None
    warnings: tuple[str, ...] = ()

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


def make_view(kind: str, obj: Any, field_names: tuple[str, ...], title_field: str,
              warnings: tuple[str, ...] = ()) -> RecordView:
    values = {name: getattr(obj, name) for name in field_names}
    return RecordView(
        kind=kind,
        id=obj.id,
        title=str(getattr(obj, title_field) or ""),
        values=MappingProxyType(values),
        created_at=obj.created_at,
        updated_at=obj.updated_at,
        deleted_at=obj.deleted_at,
        warnings=warnings,
    )


@dataclass(frozen=True)
class ParticipantView:
    id: str
    person_id: str | None
    person_name: str | None
    firm_id: str | None
    firm_name: str | None
    role: str
    attended: bool
    hours: float | None
    note: str | None

    @property
    def display_name(self) -> str:
        if self.person_name and self.firm_name:
            return f"{self.person_name} ({self.firm_name})"
        return self.person_name or self.firm_name or ""


@dataclass(frozen=True)
class ActivityDetail:
    activity: RecordView
    cluster_name: str
    participants: tuple[ParticipantView, ...] = ()
    resolutions: tuple[RecordView, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    @property
    def id(self) -> str:
        return self.activity.id


@dataclass(frozen=True)
class ActivityRow:
    """One line of the activities list."""

    id: str
    kind: str
    title: str
    cluster_name: str
    start_date: date
    end_date: date | None
    city: str | None
    status: str
    participants: int
    deleted: bool = False
