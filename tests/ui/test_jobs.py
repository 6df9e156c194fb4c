"""One jobs runner (ui.worker): quiet reads, the collector left on, nothing of a worker freed
by another thread, and the old crash's conditions survived."""

from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from services.activities import ActivityFilter, count_activities
from services.demo import load_demo
from ui import worker
from ui.activity_model import ActivityModel

ROOT = Path(__file__).resolve().parents[2]


class _Witness:
    """Notes the thread that frees it."""

    def __init__(self, freed_in: list[int]) -> None:
        self._freed_in = freed_in

    def __del__(self) -> None:
        self._freed_in.append(threading.get_ident())


def test_what_a_failing_job_held_is_freed_in_the_worker(qtbot):
    freed_in: list[int] = []
    ran_in: list[int] = []
    errors: list[BaseException] = []

    def job(_progress):  # noqa: ANN001, ANN202
        ran_in.append(threading.get_ident())
        held = _Witness(freed_in)  # noqa: F841 - a session or cursor in a real failure
        raise LookupError("کد پیدا نشد")

    worker.run_in_background(job, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    # The error reached the GUI thread without the frames: what they held was freed there,
    # in the worker, not by whichever thread drops the error or collects a cycle.
    assert freed_in == ran_in
    assert isinstance(errors[0], LookupError) and errors[0].__traceback__ is None


def test_a_failed_job_still_reports_its_traceback(qtbot, monkeypatch):
    shown: list[tuple[str, str | None]] = []
    monkeypatch.setattr(worker, "show_error",
                        lambda parent, msg, details=None: shown.append((msg, details)))

    def deep() -> None:
        raise KeyError("x")

    worker.run_with_progress(None, "گزارش", lambda _p: deep(), lambda _r: None)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "deep" in (shown[0][1] or "") and "KeyError" in (shown[0][1] or "")


def test_jobs_do_not_switch_the_collector(qtbot):
    # Automatic collection is off for the app's whole life (ui/gui_gc.py); a job neither turns
    # it on nor off again, as the old switch around workers did.
    seen: list[bool] = []
    gc_was = gc.isenabled()
    job = worker.run_in_background(lambda _p: seen.append(gc.isenabled()))
    job.result(timeout=5)
    assert seen == [gc_was] and gc.isenabled() == gc_was


def test_result_waits_and_raises_what_the_job_raised(qtbot):
    assert worker.run_in_background(lambda _p: 6 * 7).result(timeout=5) == 42
    with pytest.raises(ZeroDivisionError):
        worker.run_in_background(lambda _p: 1 / 0).result(timeout=5)


def test_list_reads_do_not_wait_behind_long_work(qtbot, db):
    release = threading.Event()
    started = threading.Semaphore(0)

    def long_work(_progress):  # noqa: ANN001, ANN202
        started.release()
        release.wait(10)

    # Fill every thread of the long-work lane (reports, backups, imports).
    long_jobs = [worker.run_with_progress(None, "کار طولانی", long_work, lambda _r: None)
                 for _ in range(worker.QThreadPool.globalInstance().maxThreadCount())]
    try:
        for _ in long_jobs:
            assert started.acquire(timeout=5)
        count = worker.run_in_background(lambda _p: count_activities(db, ActivityFilter()))
        assert count.result(timeout=5) == 0
    finally:
        release.set()


def test_the_activities_list_reads_through_the_runner(qtbot, db, monkeypatch):
    with db.session_factory.begin() as s:
        load_demo(s)
    lanes: list[str] = []
    real = worker._start

    def spy(job, fn, lane, pool):  # noqa: ANN001, ANN202
        lanes.append(lane)
        return real(job, fn, lane, pool)

    monkeypatch.setattr(worker, "_start", spy)
    model = ActivityModel(db)
    model.reload()  # the count
    assert lanes == [worker.READS]
    if not model.is_complete():
        model.load_remaining_ids()
        qtbot.waitUntil(model.is_complete, timeout=10_000)
        assert lanes == [worker.READS, worker.READS]
    assert model.rowCount() == count_activities(db, ActivityFilter())


def test_no_raw_threads_and_no_collector_switch_in_ui():
    offenders = []
    for path in sorted(ROOT.glob("ui/**/*.py")):
        text = path.read_text(encoding="utf-8")
        if path.name == "gui_gc.py":  # the one place that owns the collector, for the app's life
            text = text.replace("gc.disable()", "")
        if re.search(r"threading\.Thread\(|gc\.disable\(|gc\.enable\(|QThread\(", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_background_reads_survive_collections_forced_on_the_gui_thread(tmp_path):
    # In a child process: the old failure was the process dying, not an exception.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    child = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "ui" / "gc_stress.py"), str(tmp_path), "8"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert child.returncode == 0, child.stdout[-2000:] + child.stderr[-4000:]
    assert child.stdout.strip().splitlines()[-1] == "ok"
