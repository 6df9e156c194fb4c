"""Settings stored in the database (they travel with it and its backups): letterhead, logo, backups."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from models.database import Database
from models.entities import Setting
from services.uow import unit_of_work

DEFAULTS: dict[str, Any] = {
    "letterhead": "",
    "logo_path": "",
    "organisation_name": "",
    "backup_dir": "",
    "backup_interval_minutes": 30,
    "backup_keep_days_all": 2,
    "backup_keep_daily": 14,
    "backup_keep_weekly": 8,
    "backup_keep_monthly": 12,
}


def get_setting(db: Database, key: str) -> Any:
    with db.session_factory() as session:
        row = session.get(Setting, key)
        if row is None:
            return DEFAULTS.get(key)
        try:
            return json.loads(row.value)
        except ValueError:
            return DEFAULTS.get(key)


def set_setting(db: Database, key: str, value: Any) -> None:
    set_settings(db, {key: value})


def set_settings(db: Database, values: Mapping[str, Any]) -> None:
    """Saves several settings as one action (one transaction, one published change)."""
    with unit_of_work(db) as session:
        for key, value in values.items():
            text = json.dumps(value, ensure_ascii=False)
            row = session.get(Setting, key)
            if row is None:
                session.add(Setting(key=key, value=text))
            else:
                row.value = text


def all_settings(db: Database) -> dict[str, Any]:
    values = dict(DEFAULTS)
    with db.session_factory() as session:
        for row in session.query(Setting):
            try:
                values[row.key] = json.loads(row.value)
            except ValueError:
                continue
    return values
