"""Long work (reports, backups, imports) off the GUI thread, with a late-appearing progress dialog.

One call per user action: ``run_with_progress(parent, title, fn, on_done)``.  ``fn`` runs in a
QThreadPool thread and must not touch widgets (or ORM sessions opened by the GUI); it reports
progress through the callback it is given.  Results and errors come back on the GUI thread.
"""

from __future__ import annotations

import gc
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
    succeeded = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()


# While a worker talks to the database, the cyclic garbage collector stays off. A collection
# in another thread can finalize a cursor of the SQLite connection the worker is using at that
# moment, and sqlite3 connections are not safe for that: it crashed the process (seen in the
# exchange-page tests). Reference counting still frees almost everything meanwhile; the
# collector comes back when the last worker ends.
_GC_LOCK = threading.Lock()
_GC_HOLDS = 0


def hold_gc() -> None:
    global _GC_HOLDS
    with _GC_LOCK:
        if _GC_HOLDS == 0:
            gc.disable()
        _GC_HOLDS += 1


def release_gc() -> None:
    global _GC_HOLDS
    with _GC_LOCK:
        _GC_HOLDS = max(0, _GC_HOLDS - 1)
        if _GC_HOLDS == 0:
            gc.enable()


class _Runnable(QRunnable):
    def __init__(
        self,
        fn: Callable[[ProgressCallback], Any],
        signals: _Signals,
        cancel_event: threading.Event,
    ) -> None:
        super().__init__()
        self._fn = fn
        self._signals = signals
        self._cancel = cancel_event
        self._last: tuple[int | None, str | None] | None = None

    def _progress(self, percent: int | None = None, label_fa: str | None = None) -> bool:
        if percent is not None:
            percent = max(0, min(100, int(percent)))
        if (percent, label_fa) != self._last:
            self._last = (percent, label_fa)
            self._signals.progress.emit(percent, label_fa)
        return not self._cancel.is_set()

    def run(self) -> None:
        hold_gc()
        try:
            try:
                result = self._fn(self._progress)
            finally:
                release_gc()
        except Cancelled:
            self._signals.cancelled.emit()
        except BaseException as exc:  # everything must reach the GUI thread, not vanish here
            details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
            self._signals.failed.emit(exc, details)
        else:
            self._signals.succeeded.emit(result)


class TaskHandle(QObject, Generic[T]):
    """The GUI-side half of one background task; returned so callers can cancel or wait."""

    finished = Signal()  # after on_done / on_error / on_cancel ran

    def __init__(
        self,
        parent_widget: QWidget | None,
        title_fa: str,
        on_done: Callable[[T], None],
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
        self.signals = _Signals()
        self.signals.progress.connect(self._progress)
        self.signals.succeeded.connect(self._succeeded)
        self.signals.failed.connect(self._failed)
        self.signals.cancelled.connect(self._cancelled)
        self.dialog: QProgressDialog | None = None
        self._percent: int | None = None
        self._label: str | None = None
        self._done = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)
        self._timer.start(SHOW_DELAY_MS)

    def is_done(self) -> bool:
        return self._done

    def cancel(self) -> None:
        self.cancel_event.set()
        if self.dialog is not None:
            self.dialog.setLabelText(QCoreApplication.translate("Worker", "Cancelling…"))

    @Slot()
    def _show_dialog(self) -> None:
        if self._done:
            return
        dialog = QProgressDialog(self._parent_widget)
        dialog.setWindowTitle(self._title)
        dialog.setLabelText(self._label or self._title)
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

    @Slot(object)
    def _succeeded(self, result: T) -> None:
        # fn finished even if Cancel came too late to stop it: the work happened, so report it.
        self._finish()
        try:
            self._on_done(result)
        finally:
            self._release()

    @Slot(object, str)
    def _failed(self, exc: BaseException, details: str) -> None:
        self._finish()
        try:
            if self._on_error is not None:
                self._on_error(exc)
            else:
                message = getattr(exc, "message", None)
                if not isinstance(message, str) or not message:
                    message = QCoreApplication.translate(
                        "Worker", "The operation “{title}” failed."
                    ).format(title=self._title)
                show_error(self._parent_widget, message, details)
        finally:
            self._release()

    @Slot()
    def _cancelled(self) -> None:
        self._finish()
        try:
            if self._on_cancel is not None:
                self._on_cancel()
        finally:
            self._release()

    def _release(self) -> None:
        _ACTIVE.discard(self)
        self.finished.emit()


# Handles stay referenced here until their task ends; otherwise the GUI-side receiver could be
# garbage-collected while the thread still runs and the result would be silently dropped.
_ACTIVE: set[TaskHandle[Any]] = set()


def run_with_progress(
    parent: QWidget | None,
    title_fa: str,
    fn: Callable[[ProgressCallback], T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None] | None = None,
    *,
    on_cancel: Callable[[], None] | None = None,
    pool: QThreadPool | None = None,
) -> TaskHandle[T]:
    """Run ``fn(progress)`` in a worker thread; call ``on_done(result)`` on the GUI thread.

    A progress dialog titled ``title_fa`` appears only if the work takes longer than
    ``SHOW_DELAY_MS``.  Errors go to ``on_error`` or, by default, to ``show_error`` (using the
    exception's Persian ``message`` attribute when it has one).  ``on_cancel`` runs when ``fn``
    raises ``Cancelled``.
    """
    handle: TaskHandle[T] = TaskHandle(parent, title_fa, on_done, on_error, on_cancel)
    _ACTIVE.add(handle)
    runnable = _Runnable(fn, handle.signals, handle.cancel_event)
    (pool or QThreadPool.globalInstance()).start(runnable)
    return handle


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Block until the global pool is idle (used at shutdown so no thread outlives the app)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
