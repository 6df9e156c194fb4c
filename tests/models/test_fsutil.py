"""models.fsutil.replace_file: Windows' "file in use" answers, reproduced on any system."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from models import fsutil
from models.fsutil import REPLACE_TIMEOUT_S, FileInUseError, is_transient_lock, replace_file


def _windows_error(winerror: int) -> PermissionError:
    # What os.replace raises on Windows; the attribute is only set by the OS there.
    error = PermissionError(13, "The process cannot access the file")
    error.winerror = winerror  # type: ignore[attr-defined]
    return error


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def _flaky_replace(monkeypatch: pytest.MonkeyPatch, failures: int, winerror: int = 32) -> list:
    calls: list[tuple[str, str]] = []
    real = os.replace

    def replace(src, dst):
        calls.append((os.fspath(src), os.fspath(dst)))
        if len(calls) <= failures:
            raise _windows_error(winerror)
        real(src, dst)

    monkeypatch.setattr(fsutil.os, "replace", replace)
    return calls


def test_replaces_like_os_replace(tmp_path: Path) -> None:
    src, dst = tmp_path / "new.tmp", tmp_path / "فایل.db"
    src.write_bytes(b"new")
    dst.write_bytes(b"old")
    replace_file(src, dst)
    assert dst.read_bytes() == b"new" and not src.exists()


def test_target_open_for_a_moment_is_waited_for(tmp_path: Path, monkeypatch) -> None:
    src, dst = tmp_path / "new.tmp", tmp_path / "target"
    src.write_bytes(b"new")
    dst.write_bytes(b"old")
    calls = _flaky_replace(monkeypatch, failures=3)
    fake = FakeTime()
    replace_file(src, dst, sleep=fake.sleep, clock=fake.clock)
    assert len(calls) == 4
    assert fake.sleeps == [0.02, 0.04, 0.08]  # doubling pauses
    assert dst.read_bytes() == b"new"


def test_a_file_held_open_for_good_fails_within_the_bound(tmp_path: Path, monkeypatch) -> None:
    src, dst = tmp_path / "new.tmp", tmp_path / "target"
    src.write_bytes(b"new")
    dst.write_bytes(b"old")
    calls = _flaky_replace(monkeypatch, failures=10_000, winerror=5)
    fake = FakeTime()
    with pytest.raises(FileInUseError) as info:
        replace_file(src, dst, sleep=fake.sleep, clock=fake.clock)
    assert isinstance(info.value, PermissionError) and is_transient_lock(info.value)
    assert str(info.value) == (
        f"فایل «{dst}» در برنامه دیگری باز است؛ آن برنامه را ببندید و دوباره تلاش کنید."
    )
    assert fake.now == pytest.approx(REPLACE_TIMEOUT_S)  # waited the bound, not more
    assert max(fake.sleeps) == 0.5
    assert 10 < len(calls) < 30
    assert dst.read_bytes() == b"old" and src.read_bytes() == b"new"  # nothing half-done


def test_other_errors_are_not_retried(tmp_path: Path, monkeypatch) -> None:
    fake = FakeTime()
    with pytest.raises(FileNotFoundError):
        replace_file(tmp_path / "missing", tmp_path / "target", sleep=fake.sleep, clock=fake.clock)
    # A permission error without a Windows lock code (Linux: a read-only folder) is real.
    calls = _flaky_replace(monkeypatch, failures=1, winerror=0)
    (tmp_path / "a").write_bytes(b"")
    with pytest.raises(PermissionError):
        replace_file(tmp_path / "a", tmp_path / "b", sleep=fake.sleep, clock=fake.clock)
    assert len(calls) == 1 and fake.sleeps == []
