"""run_with_progress: results and errors come back on the GUI thread; the dialog shows late."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QPushButton

import ui.worker as worker
from ui.worker import Cancelled, run_with_progress


def test_result_is_delivered_without_a_dialog(qtbot) -> None:
    results: list[tuple[int, int]] = []
    gui_thread = threading.get_ident()

    def work(progress) -> int:
        progress(50, "نیمه راه")
        return threading.get_ident()

    handle = run_with_progress(
        None, "آزمایش", work, lambda r: results.append((r, threading.get_ident()))
    )
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    worker_thread, callback_thread = results[0]
    assert worker_thread != gui_thread  # fn ran off the GUI thread
    assert callback_thread == gui_thread  # on_done runs on the GUI thread
    assert handle.is_done()
    assert handle.dialog is None  # quick work never flashes a progress dialog


def test_error_goes_to_on_error(qtbot) -> None:
    errors: list[BaseException] = []

    def work(progress) -> None:
        raise ZeroDivisionError("boom")

    run_with_progress(None, "آزمایش", work, lambda r: pytest.fail("no result"), errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ZeroDivisionError)


def test_error_goes_to_show_error_by_default(qtbot, monkeypatch) -> None:
    shown: list[tuple[str, str | None]] = []
    monkeypatch.setattr(
        worker, "show_error", lambda parent, msg, details=None: shown.append((msg, details))
    )

    class DomainError(Exception):
        message = "نام بنگاه تکراری است."

    def work(progress) -> None:
        raise DomainError("duplicate")

    run_with_progress(None, "ذخیره", work, lambda r: None)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    message, details = shown[0]
    assert message == "نام بنگاه تکراری است."
    assert details is not None and "DomainError" in details

    shown.clear()
    run_with_progress(None, "پشتیبان‌گیری", lambda p: 1 / 0, lambda r: None)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown[0][0] == "انجام «پشتیبان‌گیری» با خطا روبه‌رو شد."


def test_slow_work_shows_progress_and_can_be_cancelled(qtbot) -> None:
    release = threading.Event()
    cancelled: list[bool] = []

    def work(progress) -> None:
        progress(40, "در حال ساخت گزارش")
        while progress(40):
            if release.wait(0.02):
                return
        raise Cancelled

    handle = run_with_progress(
        None,
        "گزارش",
        work,
        lambda r: pytest.fail("cancelled work must not deliver"),
        on_cancel=lambda: cancelled.append(True),
    )
    try:
        assert handle.dialog is None
        qtbot.waitUntil(
            lambda: handle.dialog is not None and handle.dialog.isVisible(), timeout=3000
        )
        dialog = handle.dialog
        qtbot.waitUntil(lambda: dialog.value() == 40, timeout=3000)
        assert dialog.labelText() == "در حال ساخت گزارش"
        cancel_button = dialog.findChild(QPushButton)
        assert cancel_button.text() == "لغو"
        cancel_button.click()
        qtbot.waitUntil(lambda: bool(cancelled), timeout=5000)
        assert handle.is_done()
        assert handle.dialog is None
    finally:
        release.set()  # never leave a pool thread running: the pool is waited on at exit
