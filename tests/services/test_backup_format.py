"""Backup format 2 (frozen main file, stored, piece digests) and reading format-1 files.

The format-1 fixtures were written by the format-1 writer (deflated database copy from the backup
API, per-table row checksums, whole-file seal) before it was replaced; they must keep verifying
and restoring.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import threading
import zipfile
from pathlib import Path

import pytest

import services.backup.archive as archive_module
from models.migrate import open_database
from services import records
from services.backup import BackupError, create_backup, restore_backup, verify_backup

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def filled(db):
    cluster = records.create(db, "cluster", {"name": "مسقطی لاری", "province": "فارس"})
    for i in range(30):
        records.create(db, "person", {"full_name": f"شخص {i}"})
    records.create(db, "firm", {"name": "شیرینی‌سرای لار", "cluster_id": cluster.id})
    return db


def _count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
    finally:
        conn.close()


@pytest.mark.parametrize("name, password", [("format1-plain.kbk", None),
                                            ("format1-encrypted.kbk", "رمز-قدیمی")])
def test_format_1_backups_still_verify_and_restore(tmp_path: Path, name: str,
                                                   password: str | None) -> None:
    old = tmp_path / name
    shutil.copy(FIXTURES / name, old)
    info = verify_backup(old, password=password)
    assert info.valid and info.counts["person"] == 12 and info.attachments == 2
    with zipfile.ZipFile(FIXTURES / "format1-plain.kbk") as zf:
        assert json.loads(zf.read("manifest.json"))["format_version"] == 1
    db_path = tmp_path / "data" / "k.db"
    db = open_database(str(db_path))
    records.create(db, "person", {"full_name": "فقط در پایگاه فعلی"})
    db.dispose()
    restored = restore_backup(old, db_path, password=password,
                              safety_dir=tmp_path / "safety")
    assert restored.counts["person"] == 12
    assert _count(db_path, "person") == 12
    files = sorted(p.name for p in (tmp_path / "data" / "k-files").rglob("*") if p.is_file())
    assert len(files) == 2
    for blob in (tmp_path / "data" / "k-files").rglob("*"):
        if blob.is_file():
            assert hashlib.sha256(blob.read_bytes()).hexdigest() == blob.name
    # The safety backup of the replaced database is a format-2 file that verifies.
    assert verify_backup(restored.safety_backup, password=password).counts["person"] == 1


def test_format_1_fixture_with_a_flipped_byte_is_refused(tmp_path: Path) -> None:
    data = bytearray((FIXTURES / "format1-plain.kbk").read_bytes())
    data[len(data) // 3] ^= 0x04
    bad = tmp_path / "bad.kbk"
    bad.write_bytes(bytes(data))
    with pytest.raises(BackupError) as exc:
        verify_backup(bad)
    assert exc.value.code in {"backup_tampered", "backup_truncated"}


def test_format_2_stores_the_main_file_byte_for_byte(filled, tmp_path: Path) -> None:
    info = create_backup(filled.path, tmp_path / "b")
    filled.dispose()
    with zipfile.ZipFile(info.path) as zf:
        assert zf.testzip() is None  # every CRC right: any zip tool can extract it
        manifest = json.loads(zf.read("manifest.json"))
        member = zf.getinfo("khooshe.db")
        stored = zf.read("khooshe.db")
    assert manifest["format_version"] == 2
    assert member.compress_type == zipfile.ZIP_STORED
    assert manifest["database"]["size"] == len(stored)
    pieces = [hashlib.sha256(stored[i:i + manifest["database"]["chunk_size"]]).hexdigest()
              for i in range(0, len(stored), manifest["database"]["chunk_size"])]
    assert manifest["database"]["chunk_sha256"] == pieces
    # Nothing was written after the backup: the stored bytes are the main file's bytes.
    assert stored == filled.path.read_bytes()
    assert info.counts["person"] == 30 and manifest["tables"]["person"] == {"rows": 30}
    assert info.path.read_bytes()[-77:-64] == b"KHBK2-SHA256:"


def test_writes_during_the_copy_wait_in_the_wal_and_the_copy_is_one_state(
        filled, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer commits and checkpoints while the main file is being copied piece by piece.

    The copy must hold exactly the state at the start (30 persons), the main file must not change
    while it is copied, and every commit must be in the database afterwards.
    """
    monkeypatch.setattr(archive_module, "HASH_CHUNK", 4096)  # many pieces: time to interleave
    db_path = filled.path
    writer = sqlite3.connect(db_path, timeout=10, isolation_level=None, check_same_thread=False)
    writer.execute("PRAGMA synchronous=OFF")  # many small commits; durability is not the point
    seen: list[tuple[str, int]] = []
    committed = []

    def progress(stage: str, done: int, total: int) -> None:
        if stage != "database":
            return
        main = hashlib.sha256(db_path.read_bytes()).hexdigest()
        seen.append((main, db_path.stat().st_size))
        if len(seen) % 10 == 1:
            # From another thread, as the app would: commit, then try to checkpoint.
            def write() -> None:
                for i in range(5):
                    writer.execute("INSERT INTO setting(key, value, updated_at) VALUES "
                                   "(?, '1', CURRENT_TIMESTAMP)", (f"during-{len(seen)}-{i}",))
                    committed.append(i)
                writer.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                writer.execute("PRAGMA busy_timeout=50")  # TRUNCATE waits for our reader
                assert writer.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 1
                writer.execute("PRAGMA busy_timeout=10000")

            thread = threading.Thread(target=write)
            thread.start()
            thread.join()

    settings_before = _count(db_path, "setting")
    info = create_backup(db_path, tmp_path / "b", progress=progress)
    assert len(seen) > 20 and committed
    assert len({s for s in seen}) == 1, "the main file changed while it was being copied"
    assert info.counts["setting"] == settings_before and info.counts["person"] == 30
    writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    writer.close()
    assert _count(db_path, "setting") == settings_before + len(committed)
    filled.dispose()
    restore_backup(info.path, db_path, safety_dir=tmp_path / "safety")
    assert _count(db_path, "setting") == settings_before
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_a_busy_wal_falls_back_to_the_backup_api(filled, tmp_path: Path) -> None:
    db_path = filled.path
    records.create(filled, "person", {"full_name": "در WAL"})
    reader = sqlite3.connect(db_path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM person").fetchone()  # pins the WAL: no checkpoint
    records.create(filled, "person", {"full_name": "پس از خواننده"})
    try:
        info = create_backup(db_path, tmp_path / "b")
    finally:
        reader.execute("COMMIT")
        reader.close()
    assert info.counts["person"] == 32
    assert verify_backup(info.path).counts["person"] == 32


def damaged_beyond_the_cheap_checks(db_path: Path) -> bytes:
    """The bytes of the (closed) database at `db_path` with one page of a derived table damaged:
    it opens, its schema, revision and counts read, only quick_check finds it."""
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='search_doc'").fetchone()[0]
    conn.close()
    # Garbage in the cell area of a derived table's page: not read by the counts.
    data = bytearray(db_path.read_bytes())
    start = (root - 1) * page_size
    data[start + page_size // 2: start + page_size - 8] = b"\xa5" * (page_size // 2 - 8)
    data[start + 3: start + 5] = (200).to_bytes(2, "big")  # 200 cells on the page
    return bytes(data)


def test_a_source_damaged_beyond_the_cheap_checks_is_refused_at_restore(
        filled, tmp_path: Path) -> None:
    """Backups no longer run integrity_check: restore's quick_check is what catches a bad copy."""
    db_path = filled.path
    filled.dispose()
    damaged = tmp_path / "damaged" / "k.db"
    damaged.parent.mkdir()
    damaged.write_bytes(damaged_beyond_the_cheap_checks(db_path))
    assert sqlite3.connect(damaged).execute("PRAGMA quick_check").fetchone()[0] != "ok"
    info = create_backup(damaged, tmp_path / "b")
    target = tmp_path / "target" / "k.db"
    target.parent.mkdir()
    shutil.copy(db_path, target)
    before = target.read_bytes()
    with pytest.raises(BackupError) as exc:
        restore_backup(info.path, target, safety_dir=tmp_path / "safety")
    assert exc.value.code == "backup_tampered"
    assert target.read_bytes() == before
    assert not (tmp_path / "safety").exists()


def test_the_source_header_is_still_checked(tmp_path: Path) -> None:
    not_db = tmp_path / "k.db"
    not_db.write_bytes(b"hello, not a database" * 100)
    with pytest.raises(BackupError) as exc:
        create_backup(not_db, tmp_path / "b")
    assert exc.value.code == "backup_source_damaged"
    assert any("\u0600" <= ch <= "\u06ff" for ch in exc.value.message)
    assert not list((tmp_path / "b").glob("*.kbk"))


def test_restore_sets_a_damaged_current_database_aside(filled, tmp_path: Path) -> None:
    info = create_backup(filled.path, tmp_path / "b")
    filled.dispose()
    db_path = filled.path
    db_path.write_bytes(b"\x00" * 8192)  # damaged: no safety backup of it, but never deleted
    restored = restore_backup(info.path, db_path, safety_dir=tmp_path / "safety")
    assert restored.safety_backup is not None and ".damaged-" in restored.safety_backup.name
    assert restored.safety_backup.read_bytes() == b"\x00" * 8192
    assert _count(db_path, "person") == 30


def test_big_databases_go_through_zipfile_with_zip64(filled, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # Pretend the database is past the 2 GiB zip limit: zipfile writes it with zip64 fields.
    monkeypatch.setattr(zipfile, "ZIP64_LIMIT", 1024)
    info = create_backup(filled.path, tmp_path / "b")
    monkeypatch.undo()
    with zipfile.ZipFile(info.path) as zf:
        assert zf.testzip() is None
    filled.dispose()
    assert verify_backup(info.path).counts["person"] == 30
    restore_backup(info.path, filled.path, safety_dir=tmp_path / "safety")
    assert _count(filled.path, "person") == 30
