"""Python's cyclic garbage collector held off while a service builds a great deal of acyclic data.

A package's records are plain data: json.loads of a 10k package builds ~1.5 M objects, none in a
cycle, and a first import adds as many again in rows, search rows and driver tuples. Every few
thousand of them a collection walks the young ones, and as they pile up the older generations
again and again: a third of a re-import's parse, and three full collections in a first import.

Two collectors can be running: Python's automatic one (the command line, the tests), switched
off here and on again after only where it was on; and the desktop app's own, which runs with
the automatic collector off and collects on the GUI thread from a timer (ui.gui_gc): it asks
`collection_paused()` and waits while any pause is held, in whatever thread it was taken.

In models/ beside models.paths: no SQLAlchemy and nothing of services, so the app's collector
can ask it before the first frame without importing anything heavy (tests/ui/test_startup.py).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_held = 0  # pauses held now, by any thread (two imports may run at once in the office)
_was_on = False  # whether the automatic collector was on when the first of them began


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection, automatic or the GUI thread's, until the block ends (nestable).

    The first pause to begin switches the automatic collector off and the last to end switches
    it on again (if it was on): one thread's pause ending never turns it on inside another's."""
    global _held, _was_on
    with _lock:
        if _held == 0:
            _was_on = gc.isenabled()
            gc.disable()
        _held += 1
    try:
        yield
    finally:
        with _lock:
            _held -= 1
            if _held == 0 and _was_on:
                gc.enable()


def collection_paused() -> bool:
    """Whether some service holds a pause now (the GUI thread's collector then waits)."""
    return _held > 0
