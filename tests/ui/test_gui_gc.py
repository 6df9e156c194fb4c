"""Garbage is collected on the GUI thread only (ui/gui_gc.py).

An automatic collection runs in whichever thread allocates when a threshold is crossed; a Qt
object in a reference cycle collected from a worker thread is destroyed off its thread and the
GUI thread segfaults later (seen: the search dialog's garbage collected while the exchange
preview ran in a worker).
"""

from __future__ import annotations

import gc
import threading

from ui import worker
from ui.gui_gc import GuiThreadCollector, install_gui_thread_gc


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_the_app_collects_on_the_gui_thread_only(qtbot, qapp):
    # The app's own set-up (create_application, behind the qapp fixture) switched it over.
    assert not gc.isenabled()
    collector = install_gui_thread_gc(qapp)
    assert isinstance(collector, GuiThreadCollector)
    threads: list[int] = []

    def record(phase: str, _info: dict) -> None:
        if phase == "start":
            threads.append(threading.get_ident())

    gc.callbacks.append(record)
    try:
        # A worker that allocates far past every threshold, as a big read does.
        job = worker.run_in_background(lambda _p: [_Cycle() for _ in range(100_000)] and None)
        job.result(timeout=30)
        worker_threads = [t for t in threads if t != threading.get_ident()]
        assert worker_threads == [], "a collection ran in a worker thread"
        before = collector.collections
        qtbot.waitUntil(lambda: collector.collections > before, timeout=5000)
        assert threads and set(threads) == {threading.get_ident()}
    finally:
        gc.callbacks.remove(record)


def test_collect_due_follows_the_generations_thresholds(qapp):
    collector = install_gui_thread_gc(qapp)
    gc.collect()
    assert collector.collect_due() is None  # nothing counted since the full collection
    garbage = [_Cycle() for _ in range(gc.get_threshold()[0] + 50)]
    del garbage
    assert collector.collect_due() == 0


def test_installing_twice_keeps_one_collector(qapp):
    assert install_gui_thread_gc(qapp) is install_gui_thread_gc(qapp)


def test_the_gui_thread_waits_while_a_worker_holds_the_collector_paused(qapp):
    from models.collector import collector_paused

    collector = install_gui_thread_gc(qapp)
    gc.collect()
    entered, leave = threading.Event(), threading.Event()

    def import_like() -> None:
        with collector_paused():
            entered.set()
            leave.wait(10)

    thread = threading.Thread(target=import_like)
    thread.start()
    try:
        assert entered.wait(10)
        garbage = [_Cycle() for _ in range(gc.get_threshold()[0] + 50)]
        del garbage
        assert collector.collect_due() is None  # past the threshold, but the worker's pause holds
    finally:
        leave.set()
        thread.join(10)
    assert not gc.isenabled()  # the app's collector stays the only one
    assert collector.collect_due() == 0
