"""Python's cyclic garbage collector runs on the GUI thread only, for the whole life of the app.

Why: an automatic collection runs in whichever thread happens to allocate when a threshold is
crossed — often a worker building thousands of SQLAlchemy objects. A Qt object caught in a
reference cycle (a dialog, a timer, a signal holder left by the previous screen) is then
destroyed from that worker thread, which Qt does not allow, and the GUI thread segfaults in its
event loop a moment later. Seen in this suite: the search dialog's garbage collected while the
exchange page's preview ran in a worker (`tests/ui/test_gui_gc.py` provokes it).

So automatic collection is switched off once, at start, and a timer on the GUI thread does the
same work: every tick it collects the oldest generation whose count passed its threshold, as
CPython's own rule does. Unlike the old switch (collector off while a worker ran, on again
after), nothing is toggled around jobs, and a collection can never happen in a worker.

While a service holds `models.collector.collector_paused` (an exchange package read and
imported in a worker builds millions of acyclic objects) the timer collects nothing: each
collection would walk all of them on the GUI thread, holding the interpreter while the worker
waits. The garbage is collected at the first tick after the pause.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from models.collector import collection_paused

TICK_MS = 500  # often enough that garbage does not pile up; a young-generation pass is ~µs
_ATTR = "_khooshe_gui_gc"


class GuiThreadCollector(QObject):
    """Owns the timer; created on (and so living in) the GUI thread."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.collections = 0
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.collect_due)
        gc.disable()
        self._timer.start()

    def collect_due(self) -> int | None:
        """Collect the oldest generation whose count passed its threshold; which one, or None
        (also while a service holds the collector paused)."""
        if collection_paused():
            return None
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if thresholds[generation] and counts[generation] > thresholds[generation]:
                gc.collect(generation)
                self.collections += 1
                return generation
        return None


def install_gui_thread_gc(app: QObject) -> GuiThreadCollector:
    """Switch automatic collection off and collect from ``app``'s (the GUI) thread; idempotent."""
    found = getattr(app, _ATTR, None)
    if isinstance(found, GuiThreadCollector):
        gc.disable()  # a test may have switched it on again
        return found
    collector = GuiThreadCollector(app)
    setattr(app, _ATTR, collector)
    return collector
