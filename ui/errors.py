"""One way to tell the user something went wrong, and a safety net for uncaught exceptions.

Every error the user sees goes through ``show_error``: a Persian message, the technical details
folded away under «جزئیات», and a button that copies them so the agent can paste them into a
message to support without retyping a traceback.
"""

from __future__ import annotations

import datetime as _dt
import logging
import logging.handlers
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

LOG_FILE_NAME = "khooshe.log"
_LOGGER_NAME = "khooshe.crash"
_HANDLER_TAG = "_khooshe_crash_handler"


def build_error_box(
    parent: QWidget | None, message_fa: str, details: str | None = None
) -> QMessageBox:
    """The error dialog, built but not shown (tests inspect it; ``show_error`` runs it)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("Errors", "Error"))
    box.setText(message_fa)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setDefaultButton(QMessageBox.StandardButton.Ok)
    if details:
        box.setDetailedText(details)
        copy = QPushButton(QCoreApplication.translate("Errors", "Copy details"), box)
        copy.setObjectName("copyDetailsButton")
        box.addButton(copy, QMessageBox.ButtonRole.ActionRole)
        # QMessageBox closes on any button it manages; dropping the button box's connection
        # keeps the dialog open after copying, so the user can still read or press OK.
        copy.clicked.disconnect()
        copy.clicked.connect(lambda: _copy_to_clipboard(details, copy))
    return box


def _copy_to_clipboard(text: str, button: QPushButton) -> None:
    QApplication.clipboard().setText(text)
    button.setText(QCoreApplication.translate("Errors", "Copied"))


def _run_modal(box: QMessageBox) -> None:
    """Run the dialog; tests replace this to avoid blocking on a modal loop."""
    box.exec()


def show_error(parent: QWidget | None, message_fa: str, details: str | None = None) -> None:
    """Show ``message_fa`` (already Persian, e.g. a domain error's message) in an error box."""
    box = build_error_box(parent, message_fa, details)
    try:
        _run_modal(box)
    finally:
        box.deleteLater()


# --------------------------------------------------------------------------------------------
# Uncaught exceptions
# --------------------------------------------------------------------------------------------

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def crash_logger(log_dir: Path) -> logging.Logger:
    """The logger that writes to ``log_dir/khooshe.log`` (rotating, UTF-8), set up once."""
    logger = logging.getLogger(_LOGGER_NAME)
    target = str((log_dir / LOG_FILE_NAME).resolve())
    for handler in list(logger.handlers):
        if getattr(handler, _HANDLER_TAG, False):
            if getattr(handler, "baseFilename", None) == target:
                return logger
            logger.removeHandler(handler)
            handler.close()
    log_dir.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        target, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    setattr(handler, _HANDLER_TAG, True)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return logger


def install_excepthook(log_dir: Path) -> ExceptHook:
    """Log every uncaught exception to ``log_dir/khooshe.log`` and tell the user in Persian.

    Without this, an exception in a Qt slot only reaches stderr, which a desktop user never
    sees.  The hook itself must never raise: if the dialog cannot be shown (no application,
    wrong thread, Qt in a bad state) the exception is only logged.  Returns the installed hook.
    """
    logger = crash_logger(log_dir)
    showing = threading.Lock()  # an error raised while our dialog runs must not stack dialogs

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        details = ""
        try:
            details = "".join(traceback.format_exception(exc_type, exc, tb))
            logger.error("Uncaught exception\n%s", details.rstrip())
        except Exception:  # the hook must survive even a broken logger
            pass
        if not _can_show_dialog() or not showing.acquire(blocking=False):
            return
        try:
            stamp = _dt.datetime.now().isoformat(timespec="seconds")
            log_label = QCoreApplication.translate("Errors", "Log file")
            show_error(
                _active_window(),
                QCoreApplication.translate(
                    "Errors",
                    "An unexpected error occurred. The details were written to the log file. "
                    "If it happens again, copy the details and send them to support.",
                ),
                f"{stamp}\n{details}\n{log_label}: {log_dir / LOG_FILE_NAME}",
            )
        except Exception:
            try:
                logger.exception("could not show the error dialog")
            except Exception:
                pass
        finally:
            showing.release()

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        # Worker threads cannot open dialogs; logging is what they can safely do.
        try:
            logger.error(
                "Uncaught exception in thread %s\n%s",
                getattr(args.thread, "name", "?"),
                "".join(
                    traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)
                ).rstrip(),
            )
        except Exception:
            pass

    sys.excepthook = hook
    threading.excepthook = thread_hook
    return hook


def _can_show_dialog() -> bool:
    app = QApplication.instance()
    return isinstance(app, QApplication) and QThread.currentThread() == app.thread()


def _active_window() -> QWidget | None:
    return QApplication.activeWindow()
