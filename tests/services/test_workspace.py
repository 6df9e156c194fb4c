"""services.workspace: the database's life in one place, from `--db` to close."""

from __future__ import annotations

import ast
import hashlib
import sqlite3
from pathlib import Path

import pytest

from models.migrate import head_revision, known_revisions
from services import records, workspace
from services.backup import create_backup
from services.workspace import WorkspaceMissing, WorkspaceOutdated, locate, open_workspace

ROOT = Path(__file__).resolve().parents[2]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _closed(path: Path, cluster: str) -> Path:
    with open_workspace(str(path)) as ws:
        records.create(ws, "cluster", {"name": cluster})
    return path


def test_locate_resolves_paths_urls_and_the_default(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("KHOOSHE_DATA_DIR", str(tmp_path / "data"))
    here = locate(str(tmp_path / "k.db"))
    assert here.path == (tmp_path / "k.db").absolute() and here.url.startswith("sqlite:///")
    assert locate("postgresql://u@localhost/khooshe").path is None
    default = locate(None)
    assert default.path is not None and default.path.parent == tmp_path / "data"
    assert default.missing_message() is None  # the default file is the app's to create
    assert "پیدا نشد" in (here.missing_message() or "")


def test_a_command_that_must_not_create_refuses_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "typo.db"
    with pytest.raises(WorkspaceMissing) as err:
        open_workspace(str(path), create=False)
    assert "پیدا نشد" in err.value.message and not path.exists()
    with open_workspace(str(path)) as ws:  # the app's way: created and migrated
        assert ws.revision() == head_revision() and ws.location.path == path.absolute()
    assert path.exists()


def test_without_migrating_nothing_is_written_not_even_a_new_file(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    with pytest.raises(WorkspaceMissing):
        open_workspace(str(missing), migrate=False)
    assert list(tmp_path.iterdir()) == []
    old = _closed(tmp_path / "old.db", "خوشه")
    older = sorted(known_revisions() - {head_revision()})[0]
    conn = sqlite3.connect(old)
    conn.execute("UPDATE alembic_version SET version_num = ?", (older,))
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _digest(old)
    with pytest.raises(WorkspaceOutdated):
        open_workspace(str(old), migrate=False)
    assert _digest(old) == before and not (tmp_path / "backups").exists()


def test_the_demo_is_loaded_once(tmp_path: Path) -> None:
    with open_workspace(str(tmp_path / "k.db")) as ws:
        assert not ws.has_records()
        assert ws.load_demo_once() is True
        count = records.count_records(ws, "cluster")
        assert ws.load_demo_once() is False
        assert records.count_records(ws, "cluster") == count > 0 and ws.has_records()


def test_restore_through_the_handle_keeps_it_usable(tmp_path: Path) -> None:
    with open_workspace(str(tmp_path / "k.db")) as ws:
        records.create(ws, "cluster", {"name": "پیش از پشتیبان"})
        info = ws.backup(tmp_path / "b")
        records.create(ws, "cluster", {"name": "پس از پشتیبان"})
        restored = ws.restore(info.path)
        assert restored.safety_backup is not None
        # The same handle, no reopening: it reads the restored file.
        assert [c.title for c in records.list_records(ws, "cluster")] == ["پیش از پشتیبان"]


def test_recovery_offers_only_a_backup_of_the_damaged_database(tmp_path: Path) -> None:
    """Two databases share one backup folder; the other one's backup is newer. Before, the
    newest whole backup in the folder was offered, whichever database it was of."""
    folder = tmp_path / "backups"
    mine = _closed(tmp_path / "mine.db", "خوشه من")
    other = _closed(tmp_path / "other.db", "خوشه دیگر")
    own = create_backup(mine, folder)
    create_backup(other, folder)  # newer, of another database
    found = workspace.backups_for(locate(str(mine)))
    assert [b.path for b in found.mine] == [own.path] and len(found.every) == 2
    recovery = workspace.set_aside(locate(str(mine)))
    assert recovery.backup is not None and recovery.backup.path == own.path
    assert recovery.others == 1
    with workspace.restore_and_open(locate(str(mine)), recovery.backup.path) as ws:
        assert [c.title for c in records.list_records(ws, "cluster")] == ["خوشه من"]


def test_a_file_too_damaged_to_name_itself_is_matched_by_its_path(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    mine = _closed(tmp_path / "mine.db", "خوشه من")
    other = _closed(tmp_path / "other.db", "خوشه دیگر")
    own = create_backup(mine, folder)
    create_backup(other, folder)
    mine.write_bytes(b"\x00" * 8192)  # no id can be read from it any more
    recovery = workspace.set_aside(locate(str(mine)))
    assert recovery.backup is not None and recovery.backup.path == own.path


def test_a_backup_names_its_database_and_keeps_that_name_when_restored(tmp_path: Path) -> None:
    from services.backup import database_id_of_file, verify_backup

    path = _closed(tmp_path / "k.db", "خوشه")
    database_id = database_id_of_file(path)
    info = verify_backup(create_backup(path, tmp_path / "b").path)
    assert database_id and info.database_id == database_id
    assert info.source_path == str(path.absolute())
    elsewhere = tmp_path / "elsewhere.db"
    with open_workspace(str(elsewhere)) as ws:
        ws.restore(info.path)
    assert database_id_of_file(elsewhere) == database_id


FORBIDDEN_ATTRIBUTES = {"engine", "session_factory", "dispose"}
FORBIDDEN_NAMES = {"open_database", "resolve_url", "sqlite_path", "upgrade", "connect"}


def _offences(path: Path) -> list[str]:
    """Uses (not mentions in prose) of an engine, a session factory, URL resolving, opening,
    migrating or connecting, read from the code's syntax tree."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_ATTRIBUTES:
            found.append((node.lineno, f".{node.attr}"))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("models."):
            found += [(node.lineno, a.name) for a in node.names if a.name in FORBIDDEN_NAMES]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in FORBIDDEN_NAMES:
            found.append((node.lineno, node.func.id))
    return [f"{path.relative_to(ROOT)}:{line}: {what}" for line, what in sorted(found)]


@pytest.mark.parametrize("layer", ["ui", "cli"])
def test_the_app_and_the_commands_hold_only_the_workspace_handle(layer: str) -> None:
    """No engine, session factory, URL resolving or migration outside services.workspace."""
    offenders = [o for path in sorted((ROOT / layer).rglob("*.py")) for o in _offences(path)]
    assert offenders == []
