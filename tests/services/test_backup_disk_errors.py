"""A disk that refuses (full, read or write error, no permission) during a backup or a restore:
a BackupError whose Persian words say what happened, where and what to do; nothing half-written
is left, and a restore that failed before the swap says the database is unchanged."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from persian.bidi import ltr_isolate
from services import records
from services.backup import BackupError, create_backup, list_backups, restore_backup, verify_backup
from services.backup import archive as archive_module
from services.backup import keep as keep_module
from services.backup import verify as verify_module
from services.backup.common import TMP_PREFIX, drive_of


def _refusing(code: int):  # noqa: ANN202 - a stand-in for copy_range / os.link
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, f"simulated {errno.errorcode[code]}")

    return refuse


def _persian(text: str) -> bool:
    return sum("\u0600" <= ch <= "\u06ff" for ch in text) > 20


@pytest.fixture
def changed_since(db, tmp_path: Path):  # noqa: ANN001, ANN201 - a fixture
    """A backup of 3 people, the database grown to 4 since (closed); its bytes now."""
    for i in range(3):
        records.create(db, "person", {"full_name": f"شخص {i}"})
    info = create_backup(db.path, tmp_path / "b")
    records.create(db, "person", {"full_name": "پس از پشتیبان"})
    db.dispose()
    return info, db.path, db.path.read_bytes()


def _leftovers(*folders: Path) -> list[Path]:
    """What a failed backup or restore might leave: work folders, links, listed backups."""
    found: list[Path] = []
    for folder in folders:
        if folder.exists():
            found += list(folder.glob(TMP_PREFIX + "*")) + list(folder.glob("*.part"))
            found += [i.path for i in list_backups(folder)]
    return found


@pytest.mark.parametrize(("code", "kind", "words"), [
    (errno.ENOSPC, "no_space", "فضای کافی"), (errno.EIO, "disk_error", "خطای دیسک")])
def test_a_disk_error_while_the_restore_copies_says_so_and_changes_nothing(
        changed_since, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, kind: str,
        words: str) -> None:
    _info, db_path, before = changed_since
    monkeypatch.setattr(verify_module, "copy_range", _refusing(code))
    with pytest.raises(BackupError) as exc:
        restore_backup(_info.path, db_path, safety_dir=tmp_path / "safety")
    error = exc.value
    assert error.code == f"restore_{kind}"
    assert _persian(error.message) and words in error.message
    assert "دوباره بازیابی کنید" in error.message  # what to do
    assert ltr_isolate(str(drive_of(db_path.parent))) in error.message  # where
    assert error.database_unchanged
    assert db_path.read_bytes() == before
    assert _leftovers(db_path.parent, tmp_path / "safety") == []


def test_a_full_disk_at_the_safety_link_leaves_no_part_file(changed_since, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    info, db_path, before = changed_since
    monkeypatch.setattr(keep_module.os, "link", _refusing(errno.ENOSPC))
    with pytest.raises(BackupError) as exc:
        restore_backup(info.path, db_path, safety_dir=tmp_path / "safety")
    assert exc.value.code == "restore_no_space" and exc.value.database_unchanged
    assert db_path.read_bytes() == before
    assert _leftovers(db_path.parent, tmp_path / "safety") == []


def test_a_failed_restore_where_no_database_was_does_not_call_it_unchanged(
        changed_since, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The start-up recovery restores over a file already set aside: nothing to keep."""
    info, _db_path, _before = changed_since
    monkeypatch.setattr(verify_module, "copy_range", _refusing(errno.ENOSPC))
    with pytest.raises(BackupError) as exc:
        restore_backup(info.path, tmp_path / "new" / "k.db", safety_dir=tmp_path / "safety")
    assert exc.value.code == "restore_no_space" and not exc.value.database_unchanged


@pytest.mark.parametrize(("code", "kind", "words"), [
    (errno.ENOSPC, "no_space", "فضای کافی برای نوشتن پشتیبان نیست"),
    (errno.EIO, "disk_error", "خطای دیسک")])
def test_a_disk_error_while_the_backup_copies_says_so_and_leaves_nothing(
        changed_since, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, kind: str,
        words: str) -> None:
    _info, db_path, before = changed_since
    folder = tmp_path / "b2"
    monkeypatch.setattr(archive_module, "copy_range", _refusing(code))
    with pytest.raises(BackupError) as exc:
        create_backup(db_path, folder)
    assert exc.value.code == f"backup_{kind}"
    assert _persian(exc.value.message) and words in exc.value.message
    assert "دوباره پشتیبان بگیرید" in exc.value.message
    assert ltr_isolate(str(drive_of(folder))) in exc.value.message
    assert db_path.read_bytes() == before
    assert list(folder.iterdir()) == []


def test_a_backup_folder_without_permission_is_named(changed_since, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _info, db_path, _before = changed_since
    folder = tmp_path / "locked"

    def no_entry(*_args: object, **_kwargs: object) -> str:
        raise PermissionError(errno.EACCES, "Permission denied", str(folder / ".khooshe-x"))

    monkeypatch.setattr(archive_module.tempfile, "mkdtemp", no_entry)
    with pytest.raises(BackupError) as exc:
        create_backup(db_path, folder)
    assert exc.value.code == "backup_no_permission"
    assert ltr_isolate(str(folder)) in exc.value.message and "اجازه نوشتن" in exc.value.message
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(("code", "kind", "words"), [
    (errno.ENOSPC, "no_space", "جای موقت کافی"), (errno.EIO, "disk_error", "خطای دیسک")])
def test_a_disk_error_while_a_backup_is_verified_is_said_in_persian(
        changed_since, monkeypatch: pytest.MonkeyPatch, code: int, kind: str,
        words: str) -> None:
    info, _db_path, _before = changed_since
    stored = info.path.read_bytes()
    monkeypatch.setattr(verify_module, "copy_range", _refusing(code))
    with pytest.raises(BackupError) as exc:
        verify_backup(info.path)
    assert exc.value.code == f"verify_{kind}"
    assert _persian(exc.value.message) and words in exc.value.message
    assert "دوباره بررسی کنید" in exc.value.message
    # The backups list shows it as not verified, with the same words, instead of failing.
    [listed] = list_backups(info.path.parent)
    assert listed.valid is False and listed.error_code == f"verify_{kind}"
    assert info.path.read_bytes() == stored
