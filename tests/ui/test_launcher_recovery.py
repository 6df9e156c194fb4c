"""A damaged database at start is set aside and the newest whole backup offered and restored."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from models.errors import DatabaseDamagedError
from models.migrate import open_database
from services import records
from services.backup import create_backup
from tests.ui.message_boxes import answer as _answer
from ui import database_open


def _damaged_with_backup(tmp_path: Path) -> Path:
    path = tmp_path / "k.db"
    db = open_database(str(path))
    records.create(db, "cluster", {"name": "خوشه سالم"})
    db.dispose()
    create_backup(path, tmp_path / "backups")
    path.write_bytes(b"\x00" * 4096)
    return path


def test_damaged_database_is_set_aside_and_the_backup_restored(qapp, tmp_path, monkeypatch):
    path = _damaged_with_backup(tmp_path)
    texts = _answer(monkeypatch, QMessageBox.ButtonRole.AcceptRole)
    with pytest.raises(DatabaseDamagedError) as info:
        open_database(str(path))
    database = database_open.recover_damaged(str(path), info.value)
    assert database is not None
    assert [c.title for c in records.list_records(database, "cluster")] == ["خوشه سالم"]
    database.dispose()
    assert list(tmp_path.glob("k.db.damaged-*"))  # never deleted
    assert "k.db.damaged-" in texts[0] and "۱۴" in texts[0]


def test_quitting_leaves_the_damaged_copy_and_opens_nothing(qapp, tmp_path, monkeypatch):
    path = _damaged_with_backup(tmp_path)
    _answer(monkeypatch, QMessageBox.ButtonRole.RejectRole)
    with pytest.raises(DatabaseDamagedError) as info:
        open_database(str(path))
    assert database_open.recover_damaged(str(path), info.value) is None
    assert not path.exists()
    aside = [p for p in tmp_path.glob("k.db.damaged-*") if not p.name.endswith(("-wal", "-shm"))]
    assert [p.read_bytes() for p in aside] == [b"\x00" * 4096]


def test_a_remembered_cluster_of_another_database_is_replaced(qapp, db, ui_settings):
    from services.demo import load_demo
    from ui.context import AppContext

    with db.session_factory.begin() as s:
        load_demo(s)
    ui_settings.set_last_cluster_id("a-cluster-of-some-other-database")
    ctx = AppContext(db, ui_settings)
    assert not database_open._cluster_exists(ctx)
    database_open.choose_start_cluster(ctx)
    assert records.get(db, "cluster", ctx.cluster_id).title == "مسقطی لاری"


def test_a_backup_of_another_database_is_never_offered(qapp, tmp_path, monkeypatch):
    """Before, the newest whole backup in the folder was offered, whichever database it was of."""
    from services.workspace import open_workspace

    path = tmp_path / "k.db"
    with open_workspace(str(path)) as db:
        records.create(db, "cluster", {"name": "خوشه این پایگاه"})
    other = tmp_path / "demo.db"
    with open_workspace(str(other)) as db:
        records.create(db, "cluster", {"name": "خوشه نمونه"})
    create_backup(other, tmp_path / "backups")  # the only backup in the shared folder
    path.write_bytes(b"\x00" * 4096)
    texts = _answer(monkeypatch, QMessageBox.ButtonRole.AcceptRole)  # no restore button: quit
    with pytest.raises(DatabaseDamagedError) as info:
        open_database(str(path))
    database = database_open.recover_damaged(str(path), info.value)
    assert database is None  # AcceptRole is only the restore button, which is not there
    assert "۱" in texts[0] and "پایگاه‌های داده دیگر" in texts[0]
