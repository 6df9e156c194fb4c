"""A storage failure during a save (full disk, locked file) is a Persian message, not a crash."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

from services import records
from services.uow import StorageError


def test_full_disk_during_a_save_is_a_clear_message_and_nothing_is_written(db, monkeypatch):
    records.create(db, "cluster", {"name": "پیش از پر شدن دیسک"})
    real_create_in = records.create_in

    def full_disk(session, kind, data):  # noqa: ANN001, ANN202
        real_create_in(session, kind, data)
        raise OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(records, "create_in", full_disk)
    with pytest.raises(StorageError) as info:
        records.create(db, "cluster", {"name": "پس از پر شدن دیسک"})
    assert "فضای دیسک" in info.value.message
    monkeypatch.undo()
    assert [c.title for c in records.list_records(db, "cluster")] == ["پیش از پر شدن دیسک"]
