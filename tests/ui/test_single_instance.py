"""One writer per database: the second launch knocks instead of opening; stale locks clear."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from ui.single_instance import SingleInstance, busy_message


def test_second_instance_is_refused_and_wakes_the_first(qtbot, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    first = SingleInstance(db)
    assert first.acquire()
    second = SingleInstance(db)
    assert not second.acquire()
    with qtbot.waitSignal(first.raiseRequested, timeout=3000):
        assert second.knock()
    assert "pid" in second.owner_description()
    assert "باز است" in busy_message(second.owner_description())
    first.release()
    third = SingleInstance(db)
    assert third.acquire()
    third.release()


def test_a_stale_lock_from_a_crashed_process_is_cleared(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    # QLockFile's format: pid, app name, host name, one per line; a pid that cannot exist.
    (tmp_path / "k.db.lock").write_text(f"999999\nKhooshe\n{socket.gethostname()}\n")
    instance = SingleInstance(db)
    assert instance.acquire()
    assert (tmp_path / "k.db.lock").read_text().splitlines()[0] == str(os.getpid())
    instance.release()


def test_different_databases_do_not_block_each_other(tmp_path: Path) -> None:
    a, b = SingleInstance(tmp_path / "a.db"), SingleInstance(tmp_path / "b.db")
    assert a.acquire() and b.acquire()
    a.release()
    b.release()


_HOLDER = """
import sys, time
from PySide6.QtCore import QCoreApplication
from ui.single_instance import SingleInstance
app = QCoreApplication([])
guard = SingleInstance(__import__("pathlib").Path(sys.argv[1]))
print("held" if guard.acquire() else "refused", flush=True)
time.sleep(60)
"""


def test_another_process_holds_the_lock_until_it_dies(tmp_path: Path) -> None:
    """Across processes, under a Persian user folder; a killed holder leaves a stale lock."""
    import subprocess
    import sys

    folder = tmp_path / "Users" / "علی‌رضا محمدی" / "AppData" / "Local" / "Khooshe"
    folder.mkdir(parents=True)
    db = folder / "khooshe.db"
    root = Path(__file__).resolve().parents[2]
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(db)], cwd=root,
                              stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert not SingleInstance(db).acquire()
    finally:
        holder.kill()  # what a crash or the task manager does: no unlock
        holder.wait(10)
    assert (folder / "khooshe.db.lock").exists()
    after = SingleInstance(db)
    assert after.acquire()
    after.release()


def test_local_server_name_is_a_valid_windows_pipe_name(tmp_path: Path) -> None:
    from ui.single_instance import server_name

    name = server_name(tmp_path / "علی‌رضا" / ("پوشه" * 80) / "khooshe.db")
    assert name.isascii() and len(name) < 100 and "\\" not in name and "/" not in name
