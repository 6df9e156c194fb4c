"""show_error and the uncaught-exception hook."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

import ui.errors as errors
from ui.errors import LOG_FILE_NAME, build_error_box, install_excepthook, show_error


@pytest.fixture
def shown(monkeypatch) -> list[QMessageBox]:
    boxes: list[QMessageBox] = []

    def fake_modal(box: QMessageBox) -> None:
        boxes.append(box)

    monkeypatch.setattr(errors, "_run_modal", fake_modal)
    return boxes


@pytest.fixture
def hook_env(monkeypatch):
    # monkeypatch restores the real hooks after the test.
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    yield
    logger = logging.getLogger("khooshe.crash")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()


def test_error_box_copies_details_and_stays_open(qtbot) -> None:
    box = build_error_box(None, "پرونده پشتیبان خراب است.", "Traceback: details here")
    qtbot.addWidget(box)
    assert box.text() == "پرونده پشتیبان خراب است."
    assert box.windowTitle() == "خطا"
    assert box.detailedText() == "Traceback: details here"
    copy = box.findChild(QPushButton, "copyDetailsButton")
    assert copy.text() == "کپی جزئیات"
    box.show()
    QApplication.clipboard().clear()
    copy.click()
    assert QApplication.clipboard().text() == "Traceback: details here"
    assert box.isVisible()  # copying must not close the dialog
    assert copy.text() == "کپی شد"
    box.close()


def test_show_error_without_details(shown) -> None:
    show_error(None, "تاریخ نامعتبر است.")
    assert shown[0].text() == "تاریخ نامعتبر است."
    assert shown[0].findChild(QPushButton, "copyDetailsButton") is None


def test_excepthook_logs_and_shows_persian_dialog(tmp_path: Path, shown, hook_env) -> None:
    install_excepthook(tmp_path)
    try:
        raise ZeroDivisionError("division by zero in a slot")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    log = (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "Uncaught exception" in log
    assert "ZeroDivisionError: division by zero in a slot" in log
    assert "Traceback" in log
    assert len(shown) == 1
    assert shown[0].text().startswith("خطای پیش‌بینی‌نشده")
    assert "ZeroDivisionError" in shown[0].detailedText()
    assert str(tmp_path / LOG_FILE_NAME) in shown[0].detailedText()


def test_excepthook_survives_a_broken_dialog(tmp_path: Path, monkeypatch, hook_env) -> None:
    def broken(box: QMessageBox) -> None:
        raise RuntimeError("no display")

    monkeypatch.setattr(errors, "_run_modal", broken)
    install_excepthook(tmp_path)
    try:
        raise KeyError("x")
    except KeyError:
        sys.excepthook(*sys.exc_info())  # must not raise
    log = (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "KeyError" in log
    assert "could not show the error dialog" in log


def test_thread_exceptions_are_logged(tmp_path: Path, shown, hook_env) -> None:
    install_excepthook(tmp_path)

    def boom() -> None:
        raise ValueError("in a worker thread")

    thread = threading.Thread(target=boom, name="import-worker")
    thread.start()
    thread.join()
    log = (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "import-worker" in log and "ValueError: in a worker thread" in log
    assert shown == []  # no dialog from a non-GUI thread
