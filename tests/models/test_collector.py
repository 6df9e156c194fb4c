"""models.collector: the automatic collector off inside a pause, on again after only where it
was on; pauses nest and are seen from any thread."""

from __future__ import annotations

import gc

import pytest

from models.collector import collection_paused, collector_paused


@pytest.fixture
def automatic_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_a_pause_switches_the_automatic_collector_off_and_on_again(automatic_on):
    assert not collection_paused()
    with collector_paused():
        assert not gc.isenabled() and collection_paused()
        with collector_paused():  # nested (the read inside the import)
            assert collection_paused()
        assert not gc.isenabled() and collection_paused()
    assert gc.isenabled() and not collection_paused()


def test_the_pause_ends_on_an_error_too(automatic_on):
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError
    assert gc.isenabled() and not collection_paused()


def test_a_collector_that_was_off_stays_off():
    was = gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled() and not collection_paused()
    finally:
        if was:
            gc.enable()


def test_pauses_of_two_threads_overlapping_keep_the_collector_off_until_both_end(automatic_on):
    import threading

    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: list[bool] = []

    def first() -> None:
        with collector_paused():
            first_in.set()
            second_in.wait(10)
        first_out.set()

    def second() -> None:
        first_in.wait(10)
        with collector_paused():
            second_in.set()
            first_out.wait(10)
            seen.append(gc.isenabled())  # the first thread's pause has ended

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == [False]
    assert gc.isenabled() and not collection_paused()
