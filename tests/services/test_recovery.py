"""A damaged database is set aside (never deleted) and the newest whole backup is found."""

from __future__ import annotations

import hashlib
from pathlib import Path

from models.migrate import open_database
from services import records
from services.backup import create_backup, restore_backup
from services.workspace import locate, set_aside


def test_damaged_database_is_set_aside_and_the_newest_valid_backup_offered(tmp_path: Path):
    path = tmp_path / "k.db"
    db = open_database(str(path))
    records.create(db, "cluster", {"name": "خوشه"})
    db.dispose()
    older = create_backup(path, tmp_path / "backups")
    newer = create_backup(path, tmp_path / "backups")
    (tmp_path / "backups" / "khooshe-1405-12-01_000000.kbk").write_bytes(b"broken")
    path.write_bytes(b"\x00" * 8192)  # damaged
    damaged_digest = hashlib.sha256(path.read_bytes()).hexdigest()
    recovery = set_aside(locate(str(path)))
    assert not path.exists()
    assert hashlib.sha256(recovery.damaged_copy.read_bytes()).hexdigest() == damaged_digest
    assert recovery.backup is not None and recovery.backup.path in {older.path, newer.path}
    assert recovery.backup.valid
    restore_backup(recovery.backup.path, path)
    db = open_database(str(path))
    assert [c.title for c in records.list_records(db, "cluster")] == ["خوشه"]
    db.dispose()
