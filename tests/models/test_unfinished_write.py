"""A write killed half-way in rollback-journal mode leaves `<db>-journal` beside the file: the
checks see the state SQLite's roll-back gives (not the half-written pages), without writing to
the file, and the app opens it."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from models.health import check_sqlite_file, journal_of, probe_sqlite_file
from models.migrate import open_database
from services import records

ROOT = Path(__file__).resolve().parents[2]
WRITER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size=10")  # spill the half-written pages into the file itself
conn.execute("BEGIN")
conn.execute("UPDATE firm SET notes = hex(randomblob(400))")
conn.execute("DELETE FROM firm WHERE rowid % 3 = 0")
print("ready", flush=True)
time.sleep(60)
"""


def _kill_mid_write(path: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE)
    assert child.stdout is not None and child.stdout.readline().strip() == b"ready"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert journal_of(path).exists()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def cut_off(tmp_path: Path) -> Path:
    """A Khooshe database in rollback-journal mode, 400 firms committed, a write killed."""
    path = tmp_path / "khooshe.db"
    db = open_database(str(path))
    cluster = records.create(db, "cluster", {"name": "خوشه آزمون"})
    with db.session_factory.begin() as session:
        from models.entities import Firm

        session.add_all(Firm(name=f"بنگاه {n}", cluster_id=cluster.id) for n in range(400))
    db.dispose()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode=DELETE").fetchone() == ("delete",)
    conn.close()
    _kill_mid_write(path)
    return path


def test_the_check_sees_the_rolled_back_state_and_writes_nothing(cut_off: Path) -> None:
    before = _digest(cut_off), _digest(journal_of(cut_off))
    for full in (False, True):
        health = check_sqlite_file(cut_off, full=full)
        assert health.ok, health.problems
        assert health.rolled_back and health.up_to_date()
    assert probe_sqlite_file(cut_off).rolled_back
    assert (_digest(cut_off), _digest(journal_of(cut_off))) == before


def test_the_app_opens_it_with_the_last_committed_records(cut_off: Path) -> None:
    db = open_database(str(cut_off))
    try:
        assert len(records.list_records(db, "firm")) == 400
    finally:
        db.dispose()
    assert not journal_of(cut_off).exists()


def test_a_healthy_file_is_read_in_place(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    open_database(str(path)).dispose()
    health = check_sqlite_file(path, full=False)
    assert health.ok and not health.rolled_back


def test_the_command_line_check_says_a_write_was_rolled_back(cut_off: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", "--db", str(cut_off)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "نیمه‌کاره" in done.stdout and done.stdout.strip().endswith("ok")
    assert journal_of(cut_off).exists()  # check changes nothing
