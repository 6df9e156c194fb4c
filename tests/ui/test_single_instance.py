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
