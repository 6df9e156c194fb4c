"""A restore's safety backup is the replaced file itself (format 3, services.backup.keep)."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest

from models.health import SQLITE_HEADER
from services import backup as kbk
from services import records
from services.backup import keep as keep_module
from services.backup.keep import describe, keep_replaced, linkable


def _people(path: Path) -> int:
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM person").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def two_states(db, tmp_path):
    """A backup holding 3 people, and the live database grown to 5 people since."""
    for i in range(3):
        records.create(db, "person", {"full_name": f"شخص {i}"})
    backup = kbk.create_backup(db.path, tmp_path / "b")
    for i in range(2):
        records.create(db, "person", {"full_name": f"بعدی {i}"})
    db.dispose()
    return backup, db.path


def test_the_replaced_file_becomes_a_listed_verified_restorable_backup(two_states, tmp_path):
    backup, db_path = two_states
    old_bytes = db_path.read_bytes()
    old_inode = db_path.stat().st_ino
    folder = tmp_path / "safety"
    restored = kbk.restore_backup(backup.path, db_path, safety_dir=folder)
    safety = restored.safety_backup
    assert safety is not None and safety.parent == folder and safety.suffix == ".kbk"
    # Not a copy: the very file that was the database, with the archive after its bytes.
    assert safety.stat().st_ino == old_inode
    data = safety.read_bytes()
    assert data.startswith(SQLITE_HEADER) and data[: len(old_bytes)] == old_bytes
    assert _people(db_path) == 3
    checked = kbk.verify_backup(safety)
    assert checked.counts["person"] == 5 and checked.reason == "before-restore"
    [listed] = kbk.list_backups(folder)
    assert listed.valid and listed.path == safety
    assert kbk.stamp_of(safety) is not None  # named like every backup: retention sees it
    assert kbk.apply_retention(folder) == []
    # And it restores again, as any backup does.
    kbk.restore_backup(safety, db_path, safety_dir=tmp_path / "safety2")
    assert _people(db_path) == 5
    assert not list(folder.glob("*.part"))


def test_a_flipped_byte_in_a_kept_backup_is_refused(two_states, tmp_path):
    backup, db_path = two_states
    safety = kbk.restore_backup(backup.path, db_path, safety_dir=tmp_path / "s").safety_backup
    assert safety is not None
    size = safety.stat().st_size
    for offset in (5000, size - 300, size - 10):  # in the database, in the archive, the seal
        bad = tmp_path / f"bad-{offset}.kbk"
        data = bytearray(safety.read_bytes())
        data[offset] ^= 0x01
        bad.write_bytes(bytes(data))
        with pytest.raises(kbk.BackupError):
            kbk.verify_backup(bad)


def test_a_refused_restore_changes_nothing_and_makes_no_folder(two_states, tmp_path):
    backup, db_path = two_states
    before = db_path.read_bytes()
    bad = tmp_path / "bad.kbk"
    data = backup.path.read_bytes()
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(kbk.BackupError):
        kbk.restore_backup(bad, db_path, safety_dir=tmp_path / "safety")
    assert db_path.read_bytes() == before
    assert not (tmp_path / "safety").exists()


def test_a_swap_that_fails_leaves_the_old_database_in_place_and_no_link(two_states, tmp_path):
    """Between the link and the swap (a crash, a failed rename) the database is where it was;
    the second name does not stay behind."""
    _backup, db_path = two_states
    before = db_path.read_bytes()
    folder = tmp_path / "safety"
    described = describe(db_path)
    assert described is not None

    def swap() -> None:
        raise OSError(errno.EIO, "simulated failure of the rename")

    with pytest.raises(OSError):
        keep_replaced(db_path, folder, described, swap)
    assert db_path.read_bytes() == before
    assert list(folder.iterdir()) == []


def test_a_full_disk_while_appending_keeps_the_old_database_beside(two_states, tmp_path,
                                                                     monkeypatch):
    backup, db_path = two_states
    before = db_path.read_bytes()

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(keep_module, "_append_archive", full)
    restored = kbk.restore_backup(backup.path, db_path, safety_dir=tmp_path / "safety")
    assert _people(db_path) == 3  # the restore itself is done
    aside = restored.safety_backup
    assert aside is not None and ".before-restore-" in aside.name
    assert aside.read_bytes() == before  # nothing lost: the old database, whole
    assert not list((tmp_path / "safety").glob("*.part"))


def test_a_database_written_after_it_was_described_is_described_again(two_states, tmp_path):
    _backup, db_path = two_states
    described = describe(db_path)
    assert described is not None
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=DELETE")  # the write lands in the main file at once
    conn.execute("DELETE FROM person WHERE full_name LIKE 'بعدی%'")
    conn.commit()
    conn.close()
    new_db = tmp_path / "other.db"
    new_db.write_bytes(db_path.read_bytes())
    safety = keep_replaced(db_path, tmp_path / "safety", described,
                           lambda: new_db.replace(db_path))
    assert safety is not None
    assert kbk.verify_backup(safety).counts["person"] == 3


def test_a_stale_link_of_the_live_database_is_removed(two_states, tmp_path):
    backup, db_path = two_states
    folder = tmp_path / "safety"
    folder.mkdir()
    stale = folder / "khooshe-1400-01-01_000000.kbk.part"
    stale.hardlink_to(db_path)  # what a restore killed between link and swap leaves
    kbk.restore_backup(backup.path, db_path, safety_dir=folder)
    assert not stale.exists()


def test_a_password_or_another_file_system_keeps_a_copied_backup(two_states, tmp_path,
                                                                 monkeypatch):
    _backup, db_path = two_states
    assert linkable(db_path, tmp_path / "new-folder", None)
    assert not linkable(db_path, tmp_path / "new-folder", "رمز")
    # Where no hard link can be made, the copy of before (format 2) is the safety backup.
    monkeypatch.setattr(keep_module.os, "link", _no_links)
    backup = kbk.create_backup(db_path, tmp_path / "b2")
    restored = kbk.restore_backup(backup.path, db_path, safety_dir=tmp_path / "safety")
    safety = restored.safety_backup
    assert safety is not None and not safety.read_bytes().startswith(SQLITE_HEADER)
    assert kbk.verify_backup(safety).counts["person"] == 5


def _no_links(*_args: object) -> None:
    raise OSError(errno.EPERM, "Operation not permitted")


def test_a_current_database_damaged_beyond_the_probe_is_kept_but_never_offered(two_states,
                                                                              tmp_path):
    """The replaced database's own quick_check is not run (issue 15): a file whose damage only
    quick_check finds is kept byte for byte as a format-3 backup, which every check that lists
    or uses a backup refuses; an unreadable one is still set aside (test_backup_format)."""
    from tests.services.test_backup_format import damaged_beyond_the_cheap_checks

    backup, db_path = two_states
    damaged = damaged_beyond_the_cheap_checks(db_path)
    db_path.write_bytes(damaged)
    folder = tmp_path / "safety"
    restored = kbk.restore_backup(backup.path, db_path, safety_dir=folder)
    assert _people(db_path) == 3
    safety = restored.safety_backup
    assert safety is not None and safety.suffix == ".kbk"
    assert safety.read_bytes()[: len(damaged)] == damaged  # nothing lost
    with pytest.raises(kbk.BackupError) as exc:
        kbk.verify_backup(safety)
    assert exc.value.code == "backup_tampered"
    [listed] = kbk.list_backups(folder)
    assert listed.valid is False


def test_retention_never_deletes_a_checked_backup_for_a_kept_unchecked_one(two_states,
                                                                           tmp_path):
    """A day (older than keep_days_all) holds a checked backup and, later, a restore's safety
    backup kept without quick_check (issue 15: it may be damaged). By name alone the later file
    took the day's place and the checked one was deleted; now both stay."""
    from datetime import datetime, timedelta

    from persian.jalali import jalali_file_stamp

    backup, db_path = two_states
    folder = tmp_path / "safety"
    safety = kbk.restore_backup(backup.path, db_path, safety_dir=folder).safety_backup
    assert safety is not None and keep_module.kept_unchecked(safety)
    assert not keep_module.kept_unchecked(backup.path)  # a format-2 backup: 16 bytes say so
    now = datetime(2026, 12, 3, 12, 0, 0)

    def named(when: datetime) -> Path:
        return folder / f"khooshe-{jalali_file_stamp(when)}.kbk"

    day = now - timedelta(days=5)
    good = named(day.replace(hour=9))
    good.write_bytes(backup.path.read_bytes())
    unchecked = safety.rename(named(day.replace(hour=15)))
    newest = named(now - timedelta(hours=1))
    newest.write_bytes(backup.path.read_bytes())
    removed = kbk.apply_retention(folder, keep_days_all=2, now=now)
    assert removed == []
    assert good.exists() and unchecked.exists() and newest.exists()
    # A later checked backup of that day takes its place as before: the earlier ones go.
    later = named(day.replace(hour=18))
    later.write_bytes(backup.path.read_bytes())
    assert sorted(kbk.apply_retention(folder, keep_days_all=2, now=now)) == [good, unchecked]


class _Killed(BaseException):
    """Stands for the process being killed: nothing after it in the restore runs."""


def _kill_while_appending(part: Path, *_args: object) -> None:
    with part.open("ab") as fh:
        fh.write(b"PK\x03\x04 half of a zip")  # the append had begun
    raise _Killed


def _restore_killed_after_swap(backup: kbk.BackupInfo, db_path: Path, folder: Path,
                                monkeypatch: pytest.MonkeyPatch) -> Path:
    """Runs a restore that is killed while it appends its zip; returns the `.part` it leaves."""
    with monkeypatch.context() as m:
        m.setattr(keep_module, "_append_archive", _kill_while_appending)
        with pytest.raises(_Killed):
            kbk.restore_backup(backup.path, db_path, safety_dir=folder)
    [part] = folder.glob("*.kbk.part")
    return part


def _age(path: Path) -> None:
    aged = path.stat().st_mtime - 3600
    os.utime(path, (aged, aged))


def test_a_restore_killed_after_its_swap_leaves_the_old_database_to_the_next_backup(
        two_states, tmp_path, monkeypatch):
    backup, db_path = two_states
    old_bytes = db_path.read_bytes()
    folder = tmp_path / "safety"
    part = _restore_killed_after_swap(backup, db_path, folder, monkeypatch)
    assert _people(db_path) == 3 and kbk.list_backups(folder) == []
    # A part this young may still be a running restore's: the next backup leaves it alone.
    kbk.create_backup(db_path, folder)
    assert part.exists()
    _age(part)
    kbk.create_backup(db_path, folder)
    assert not part.exists()
    kept = [i for i in kbk.list_backups(folder) if i.reason == "before-restore"]
    assert len(kept) == 1 and kept[0].valid and kept[0].counts["person"] == 5
    assert kept[0].path.read_bytes()[: len(old_bytes)] == old_bytes
    kbk.restore_backup(kept[0].path, db_path, safety_dir=tmp_path / "safety2")
    assert _people(db_path) == 5


def test_a_killed_restores_part_that_cannot_be_described_is_set_beside(two_states, tmp_path,
                                                                        monkeypatch):
    backup, db_path = two_states
    old_bytes = db_path.read_bytes()
    folder = tmp_path / "safety"
    part = _restore_killed_after_swap(backup, db_path, folder, monkeypatch)
    _age(part)
    monkeypatch.setattr(keep_module, "describe", lambda _path: None)
    [aside] = keep_module.finish_leftovers(folder, db_path)
    assert aside.parent == db_path.parent and ".before-restore-" in aside.name
    assert aside.read_bytes() == old_bytes  # cut back to the database: every byte of it
