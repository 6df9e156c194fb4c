"""The one way to run work off the GUI thread: jobs, with progress, cancel and Persian errors.

Two calls, one runner:

* ``run_with_progress(parent, title, fn, on_done)`` — a user's long action (a report, a backup,
  an import): a progress dialog appears only after ``SHOW_DELAY_MS``, Cancel asks ``fn`` to
  stop, an error goes to ``on_error`` or to ``show_error`` in Persian.
* ``run_in_background(fn)`` — a quiet read the GUI needs soon (the activities list's count and
  ids): no dialog; the GUI thread may wait for it with ``job.result()``, or get ``on_done``.

``fn(progress)`` runs in a pool thread and must not touch widgets. It reads and writes through
the services, each call its own unit of work: its session is closed, and with it its connection
returned to the pool, before the call returns (each service opens and closes its own session); raw
DB-API cursors are closed where they are made (models.fast_query, models.search_query). What
could still keep database objects of this thread alive is a failed job's traceback: its frames
hold the sessions, results and cursors the failing code had. The runner clears those frames here,
in the worker, before the error travels to the GUI thread — so nothing a worker made is ever
finalized by a garbage collection in another thread (a cursor finalized by the GUI thread's
collector while its connection served another worker crashed the process before; the cyclic
collector no longer needs to be switched off).

Reads of the list (``READS``) have their own two threads, so a long report never makes the
list wait for its count.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.errors import show_error

T = TypeVar("T")

SHOW_DELAY_MS = 500  # quick work finishes before this and never flashes a dialog
WORK, READS = "work", "reads"  # the two lanes: users' long actions, the list's quick reads


class Cancelled(Exception):  # noqa: N818 - reads better at the raise site than CancelledError
    """Raise from ``fn`` (or let the progress callback raise it) to stop after a cancel."""


class ProgressCallback(Protocol):
    def __call__(self, percent: int | None = None, label_fa: str | None = None) -> bool:
        """Report ``percent`` (0–100, None = unknown) and an optional Persian step label.

        Returns False once the user pressed Cancel; ``fn`` should then stop (return early or
        raise ``Cancelled``).  Cheap to call often: unchanged values are not re-sent.
        """
        ...


class _Signals(QObject):
    # Emitted from the worker thread; the receiver lives in the GUI thread, so Qt queues them.
    progress = Signal(object, object)
    ended = Signal()  # the outcome is written: value, error or cancel


_POOLS: dict[str, QThreadPool] = {}


def _pool(lane: str) -> QThreadPool:
    if lane == WORK:
        return QThreadPool.globalInstance()
    pool = _POOLS.get(lane)
    if pool is None:
        pool = _POOLS[lane] = QThreadPool()
        pool.setMaxThreadCount(2)
    return pool


def release_frames(exc: BaseException) -> None:
    """Free, now, everything the tracebacks of ``exc`` (and of its causes) keep alive.

    Called in the thread that raised, after the details were formatted: the frames' locals —
    sessions, results, cursors — are dropped here by reference counting, and the error that
    travels to the GUI thread carries no frame, so it forms no cycle for another thread's
    collector to finalize.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        traceback.clear_frames(current.__traceback__)
        current.__traceback__ = None
        current = current.__cause__ or current.__context__


class _Outcome:
    """What a job ended with; written once by the worker, then read by the GUI thread."""

    __slots__ = ("cancelled", "details", "error", "settled", "value")

    def __init__(self) -> None:
        self.value: Any = None
        self.error: BaseException | None = None
        self.details = ""
        self.cancelled = False
        self.settled = threading.Event()


class _Runnable(QRunnable):
    # Holds no reference to the Job (a QObject of the GUI thread): when the pool deletes this
    # runnable in the worker thread, nothing of the GUI's can be freed there.
    def __init__(self, fn: Callable[[ProgressCallback], Any], signals: _Signals,
                 cancel_event: threading.Event, outcome: _Outcome) -> None:
        super().__init__()
        self._fn: Callable[[ProgressCallback], Any] | None = fn
        self._signals = signals
        self._cancel = cancel_event
        self._outcome = outcome
        self._last: tuple[int | None, str | None] | None = None

    def _progress(self, percent: int | None = None, label_fa: str | None = None) -> bool:
        if percent is not None:
            percent = max(0, min(100, int(percent)))
        if (percent, label_fa) != self._last:
            self._last = (percent, label_fa)
            self._signals.progress.emit(percent, label_fa)
        return not self._cancel.is_set()

    def run(self) -> None:
        fn, self._fn = self._fn, None  # the job's closure is freed in this thread, below
        outcome = self._outcome
        assert fn is not None
        try:
            outcome.value = fn(self._progress)
        except Cancelled as exc:
            release_frames(exc)
            outcome.cancelled = True
        except BaseException as exc:  # everything must reach the GUI thread, not vanish here
            outcome.details = "".join(
                traceback.format_exception(type(exc), exc, exc.__traceback__))
            release_frames(exc)
            outcome.error = exc
        del fn
        outcome.settled.set()
        self._signals.ended.emit()


class Job(QObject, Generic[T]):
    """The GUI-side half of one background job: cancel it, wait for it, or get its callbacks."""

    finished = Signal()  # after on_done / on_error / on_cancel ran

    def __init__(
        self,
        parent_widget: QWidget | None,
        title_fa: str | None,
        on_done: Callable[[T], None] | None,
        on_error: Callable[[BaseException], None] | None,
        on_cancel: Callable[[], None] | None,
    ) -> None:
        super().__init__()
        self._parent_widget = parent_widget
        self._title = title_fa
        self._on_done = on_done
        self._on_error = on_error
        self._on_cancel = on_cancel
        self.cancel_event = threading.Event()
        self._outcome = _Outcome()
        self.signals = _Signals(self)  # a child: the worker's reference never deletes it
        self.signals.progress.connect(self._progress)
        self.signals.ended.connect(self._ended)
        self.dialog: QProgressDialog | None = None
        self._percent: int | None = None
        self._label: str | None = None
        self._done = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)
        if title_fa is not None:  # quiet reads never show a dialog
            self._timer.start(SHOW_DELAY_MS)

    # -- GUI side -----------------------------------------------------------------------------
    def is_done(self) -> bool:
        return self._done

    def result(self, timeout: float | None = None) -> T:
        """Wait for the job (any thread) and return its value; raises what ``fn`` raised."""
        outcome = self._outcome
        if not outcome.settled.wait(timeout):
            raise TimeoutError(self._title or "background job")
        if outcome.error is not None:
            raise outcome.error
        if outcome.cancelled:
            raise Cancelled
        return outcome.value

    def cancel(self) -> None:
        self.cancel_event.set()
        if self.dialog is not None:
            self.dialog.setLabelText(QCoreApplication.translate("Worker", "Cancelling…"))

    @Slot()
    def _show_dialog(self) -> None:
        if self._done:
            return
        dialog = QProgressDialog(self._parent_widget)
        dialog.setWindowTitle(self._title or "")
        dialog.setLabelText(self._label or self._title or "")
        dialog.setCancelButtonText(QCoreApplication.translate("Worker", "Cancel"))
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(360)
        self._apply_percent(dialog)
        dialog.canceled.connect(self.cancel)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog = dialog
        dialog.show()

    def _apply_percent(self, dialog: QProgressDialog) -> None:
        if self._percent is None:
            dialog.setRange(0, 0)  # a busy indicator until fn reports a percentage
        else:
            dialog.setRange(0, 100)
            dialog.setValue(self._percent)

    @Slot(object, object)
    def _progress(self, percent: int | None, label_fa: str | None) -> None:
        self._percent = percent
        if label_fa:
            self._label = label_fa
        if self.dialog is not None:
            self._apply_percent(self.dialog)
            if label_fa and not self.cancel_event.is_set():
                self.dialog.setLabelText(label_fa)

    def _finish(self) -> None:
        self._done = True
        self._timer.stop()
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None

    @Slot()
    def _ended(self) -> None:
        self._finish()
        outcome = self._outcome
        try:
            if outcome.error is not None:
                self._report_error(outcome.error, outcome.details)
            elif outcome.cancelled:
                if self._on_cancel is not None:
                    self._on_cancel()
            elif self._on_done is not None:
                # fn finished even if Cancel came too late to stop it: the work happened.
                self._on_done(outcome.value)
        finally:
            _ACTIVE.discard(self)
            self.finished.emit()

    def _report_error(self, exc: BaseException, details: str) -> None:
        if self._on_error is not None:
            self._on_error(exc)
        elif self._title is not None:
            message = getattr(exc, "message", None)
            if not isinstance(message, str) or not message:
                message = QCoreApplication.translate(
                    "Worker", "The operation “{title}” failed."
                ).format(title=self._title)
            show_error(self._parent_widget, message, details)
        # A quiet read without on_error: its caller reads the error from result().


TaskHandle = Job  # the name the pages' type comments use

# Jobs stay referenced here until they end; otherwise the GUI-side receiver could be
# garbage-collected while the thread still runs and the result would be silently dropped.
_ACTIVE: set[Job[Any]] = set()


def _start(job: Job[T], fn: Callable[[ProgressCallback], T], lane: str,
           pool: QThreadPool | None) -> Job[T]:
    _ACTIVE.add(job)
    (pool or _pool(lane)).start(_Runnable(fn, job.signals, job.cancel_event, job._outcome))
    return job


def run_with_progress(
    parent: QWidget | None,
    title_fa: str,
    fn: Callable[[ProgressCallback], T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None] | None = None,
    *,
    on_cancel: Callable[[], None] | None = None,
    pool: QThreadPool | None = None,
) -> Job[T]:
    """Run ``fn(progress)`` in a worker thread; call ``on_done(result)`` on the GUI thread.

    A progress dialog titled ``title_fa`` appears only if the work takes longer than
    ``SHOW_DELAY_MS``.  Errors go to ``on_error`` or, by default, to ``show_error`` (using the
    exception's Persian ``message`` attribute when it has one).  ``on_cancel`` runs when ``fn``
    raises ``Cancelled``.
    """
    return _start(Job(parent, title_fa, on_done, on_error, on_cancel), fn, WORK, pool)


def run_in_background(
    fn: Callable[[ProgressCallback], T],
    on_done: Callable[[T], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    *,
    lane: str = READS,
) -> Job[T]:
    """Run a quiet read: no dialog; ``on_done`` on the GUI thread, or wait with ``result()``.

    Without ``on_error`` an error is not shown: ``result()`` raises it to the caller.
    """
    return _start(Job(None, None, on_done, on_error, None), fn, lane, None)


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Block until every job has ended (used at shutdown so no thread outlives the app)."""
    pools = [QThreadPool.globalInstance(), *_POOLS.values()]
    return all([pool.waitForDone(timeout_ms) for pool in pools])
