"""Backups: round trip with checksums, attachments, refusals of bad files, encryption, retention."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from persian.jalali import jalali_file_stamp
from services import records
from services.backup import (
    HASH_CHUNK,
    BackupError,
    apply_retention,
    create_backup,
    list_backups,
    restore_backup,
    table_digests,
    verify_backup,
)


def _digests(path: Path) -> dict:
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return table_digests(conn)
    finally:
        conn.close()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def filled(db):
    cluster = records.create(db, "cluster", {"name": "مسقطی لاری", "province": "فارس"})
    for i in range(30):
        records.create(db, "person", {"full_name": f"شخص {i}"})
    records.create(db, "firm", {"name": "شیرینی‌سرای لار", "cluster_id": cluster.id})
    return db


def test_round_trip_restores_identical_tables_while_another_connection_writes(filled, tmp_path):
    db_path = filled.path
    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:
        conn = sqlite3.connect(db_path, timeout=10, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        i = 0
        while not stop.is_set():
            conn.execute("INSERT INTO setting(key, value, updated_at) VALUES (?, ?, "
                         "CURRENT_TIMESTAMP)", (f"k{i}", json.dumps(i)))
            written.append(i)
            i += 1
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        infos = [create_backup(db_path, tmp_path / "b") for _ in range(3)]
    finally:
        stop.set()
        thread.join()
    assert written, "the writer must have run during the backups"
    for info in infos:
        assert info.valid
        verified = verify_backup(info.path)
        assert verified.counts["person"] == 30
    # The backups saw the writer at different moments: each is consistent in itself.
    counts = [i.counts["setting"] for i in infos]
    assert counts == sorted(counts)

    before = _digests(db_path)
    snapshot = create_backup(db_path, tmp_path / "b")
    records.create(filled, "person", {"full_name": "بعد از پشتیبان"})
    filled.dispose()
    restored = restore_backup(snapshot.path, db_path)
    assert _digests(db_path) == before
    assert restored.safety_backup is not None
    assert verify_backup(restored.safety_backup).counts["person"] == 31
    assert sqlite3.connect(db_path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_attachments_travel_and_come_back(filled, tmp_path):
    from services.attachments import add_attachment, attachment_file, remove_attachment

    person = records.list_records(filled, "person")[0]
    src = tmp_path / "scan.pdf"
    src.write_bytes(b"%PDF-1.4 scanned attendance sheet " * 100)
    kept = add_attachment(filled, "person", person.id, src)
    other = tmp_path / "photo.jpg"
    other.write_bytes(b"\xff\xd8 photo " * 50)
    deleted = add_attachment(filled, "person", person.id, other)
    remove_attachment(filled, deleted.id)
    info = create_backup(filled.path, tmp_path / "b")
    assert info.attachments == 2 and not info.missing_attachments
    blob = attachment_file(filled, kept.id)
    blob.unlink()
    deleted_blob = blob.parent.parent / deleted.sha256[:2] / deleted.sha256
    deleted_blob.unlink()
    filled.dispose()
    restore_backup(info.path, filled.path)
    assert blob.read_bytes() == src.read_bytes()
    assert deleted_blob.read_bytes() == other.read_bytes()


def test_missing_blob_is_reported_not_fatal(filled, tmp_path):
    from services.attachments import add_attachment, attachment_file

    person = records.list_records(filled, "person")[0]
    src = tmp_path / "a.txt"
    src.write_text("x")
    view = add_attachment(filled, "person", person.id, src)
    attachment_file(filled, view.id).unlink()
    info = create_backup(filled.path, tmp_path / "b")
    assert info.missing_attachments == [view.sha256]


def _refused(backup: Path, db_path: Path, code: str, password: str | None = None) -> None:
    before = db_path.read_bytes()
    files_before = sorted(p.name for p in db_path.parent.iterdir())
    with pytest.raises(BackupError) as exc:
        verify_backup(backup, password=password)
    assert exc.value.code == code, exc.value.message
    with pytest.raises(BackupError) as exc2:
        restore_backup(backup, db_path, password=password)
    assert exc2.value.code == code
    assert any("\u0600" <= ch <= "\u06ff" for ch in exc2.value.message)
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == files_before


@pytest.fixture
def good(filled, tmp_path):
    info = create_backup(filled.path, tmp_path / "b")
    filled.dispose()  # no -wal/-shm churn while comparing bytes
    return info, filled.path


def test_truncated_backup_is_refused(good, tmp_path):
    info, db_path = good
    bad = tmp_path / "truncated.kbk"
    data = info.path.read_bytes()
    bad.write_bytes(data[: len(data) // 2])
    _refused(bad, db_path, "backup_truncated")


def test_one_flipped_byte_anywhere_is_refused(good, tmp_path):
    info, db_path = good
    original = info.path.read_bytes()
    before = db_path.read_bytes()
    positions = sorted({0, 1, len(original) - 1, len(original) - 40, len(original) - 100,
                        *range(0, len(original), max(1, len(original) // 60))})
    for pos in positions:
        data = bytearray(original)
        data[pos] ^= 0x01
        bad = tmp_path / "flipped.kbk"
        bad.write_bytes(bytes(data))
        with pytest.raises(BackupError) as exc:
            restore_backup(bad, db_path)
        assert exc.value.code in {"backup_tampered", "backup_truncated", "backup_foreign"}, pos
    assert db_path.read_bytes() == before


def test_foreign_zip_is_refused(good, tmp_path):
    _, db_path = good
    bad = tmp_path / "photos.kbk"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("readme.txt", "holiday photos")
    _refused(bad, db_path, "backup_foreign")
    plain_sqlite = tmp_path / "other.kbk"
    sqlite3.connect(plain_sqlite).execute("CREATE TABLE t(x)").connection.commit()
    _refused(plain_sqlite, db_path, "backup_foreign")


def test_other_apps_sqlite_inside_is_refused(good, tmp_path):
    info, db_path = good
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO notes(text) VALUES ('hi')")
    conn.commit()
    conn.close()
    data = other.read_bytes()
    for version in (1, 2):
        bad = tmp_path / f"forged-{version}.kbk"
        with zipfile.ZipFile(info.path) as src, zipfile.ZipFile(bad, "w") as dst:
            manifest = json.loads(src.read("manifest.json"))
            # A forger can fix the easy fields: the size and digests of the database member.
            manifest["format_version"] = version
            manifest["database"]["sha256"] = _sha(other)
            manifest["database"]["size"] = len(data)
            pieces = [hashlib.sha256(data[i:i + HASH_CHUNK]).digest()
                      for i in range(0, len(data), HASH_CHUNK)]
            manifest["database"]["chunk_sha256"] = [p.hex() for p in pieces]
            manifest["database"]["tree_sha256"] = hashlib.sha256(b"".join(pieces)).hexdigest()
            dst.write(other, "khooshe.db")
            dst.writestr("manifest.json", json.dumps(manifest))
        _refused(bad, db_path, "backup_foreign")


def test_newer_schema_is_refused(good, tmp_path):
    _, db_path = good
    newer = tmp_path / "newer" / "khooshe.db"
    newer.parent.mkdir()
    conn = sqlite3.connect(db_path)
    conn.execute(f"VACUUM INTO '{newer}'")
    conn.close()
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num='9999_from_the_future'")
    conn.commit()
    conn.close()
    info = create_backup(newer, tmp_path / "newer-backups")  # backing up always works
    _refused(info.path, db_path, "backup_too_new")


def test_encrypted_round_trip_and_wrong_password(filled, tmp_path):
    before = _digests(filled.path)
    info = create_backup(filled.path, tmp_path / "b", password="گذرواژه-۱۲۳")
    assert info.encrypted and info.valid
    raw = info.path.read_bytes()
    assert b"SQLite format 3" not in raw and "شخص".encode() not in raw
    records.create(filled, "person", {"full_name": "بعدی"})
    filled.dispose()
    db_path = filled.path
    _refused(info.path, db_path, "backup_wrong_password", password="wrong")
    _refused(info.path, db_path, "backup_password_required", password=None)
    data = bytearray(raw)
    data[len(data) // 2] ^= 0x80
    flipped = tmp_path / "flipped.kbk"
    flipped.write_bytes(bytes(data))
    _refused(flipped, db_path, "backup_wrong_password", password="گذرواژه-۱۲۳")
    cut = tmp_path / "cut.kbk"
    cut.write_bytes(raw[:-20])
    _refused(cut, db_path, "backup_wrong_password", password="گذرواژه-۱۲۳")
    restore_backup(info.path, db_path, password="گذرواژه-۱۲۳")
    assert _digests(db_path) == before


def test_encryption_streams_many_chunks(tmp_path):
    import io
    import os

    from services.backup.crypto import CHUNK, decrypt_stream, encrypt_stream

    for size in (0, 1, CHUNK, CHUNK * 2 + 5):
        payload = os.urandom(size)
        enc = io.BytesIO()
        encrypt_stream(io.BytesIO(payload), enc, "pw")
        out = io.BytesIO()
        decrypt_stream(io.BytesIO(enc.getvalue()), out, "pw")
        assert out.getvalue() == payload
        if size > CHUNK:  # dropping a whole final chunk is detected
            cut = enc.getvalue()[: -(size % CHUNK + 16)]
            with pytest.raises(BackupError):
                decrypt_stream(io.BytesIO(cut), io.BytesIO(), "pw")


def test_list_backups_reports_validity(good, tmp_path):
    info, _ = good
    (tmp_path / "b" / "khooshe-1404-01-01_000000.kbk").write_bytes(b"PK\x03\x04junk")
    items = list_backups(tmp_path / "b")
    by_name = {i.path.name: i for i in items}
    assert by_name[info.path.name].valid is True
    assert by_name[info.path.name].counts["person"] == 30
    assert by_name["khooshe-1404-01-01_000000.kbk"].valid is False
    assert by_name["khooshe-1404-01-01_000000.kbk"].error


def _fake(folder: Path, when: datetime) -> Path:
    path = folder / f"khooshe-{jalali_file_stamp(when)}.kbk"
    path.write_bytes(b"x")
    return path


def test_retention_keeps_recent_daily_weekly_monthly(tmp_path):
    now = datetime(2025, 6, 30, 12, 0, 0)
    folder = tmp_path / "b"
    folder.mkdir()
    made: dict[datetime, Path] = {}
    # Every 6 hours for 400 days.
    t = now - timedelta(days=400)
    while t <= now:
        made[t] = _fake(folder, t)
        t += timedelta(hours=6)
    foreign = folder / "my-notes.kbk"
    foreign.write_bytes(b"keep me")
    removed = apply_retention(folder, keep_days_all=2, daily=14, weekly=8, monthly=12, now=now)
    kept = {t for t, p in made.items() if p.exists()}
    assert foreign.exists() and foreign not in removed
    assert {t for t, p in made.items() if p in removed} == set(made) - kept
    # Everything of the last 2 days.
    assert {t for t in made if t >= now - timedelta(days=2)} <= kept
    # One per day for the last 14 days: the newest of that day.
    for d in range(14):
        day = (now - timedelta(days=d)).date()
        of_day = [t for t in made if t.date() == day]
        assert max(of_day) in kept
    older = [t for t in kept if t < now - timedelta(days=2)]
    days = {t.date() for t in older}
    assert len(older) == len({t for t in older})
    # Beyond the daily window only weekly/monthly representatives remain.
    assert len(days) <= 14 + 8 + 12
    assert min(kept) >= now - timedelta(days=400)
    weeks = {t.isocalendar()[:2] for t in kept}
    assert len(weeks) >= 8
    # A second run removes nothing more.
    assert apply_retention(folder, now=now) == []


def test_retention_never_removes_the_only_backup(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    only = _fake(folder, datetime(2020, 1, 1))
    assert apply_retention(folder, daily=0, weekly=0, monthly=0, now=datetime(2025, 1, 1)) == []
    assert only.exists()


def test_a_refused_restore_leaves_no_safety_backup_in_an_existing_folder(good, tmp_path):
    """The safety backup of the current database is made while the backup to restore is being
    verified (issue 15); a refusal must delete it again, beside the backups already there."""
    info, db_path = good
    folder = tmp_path / "safety"
    folder.mkdir()
    (folder / "older.kbk").write_bytes(b"someone's older backup")
    data = info.path.read_bytes()
    bad = tmp_path / "truncated.kbk"
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(BackupError):
        restore_backup(bad, db_path, safety_dir=folder)
    assert sorted(p.name for p in folder.iterdir()) == ["older.kbk"]
    restored = restore_backup(info.path, db_path, safety_dir=folder)
    assert restored.safety_backup is not None and restored.safety_backup.parent == folder
    assert restored.safety_backup.is_file()
