"""UI test fixtures: the real Khooshe application set-up and throw-away settings files."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

import ui.errors
from ui.app_setup import create_application, install_translator
from ui.settings_store import UiSettings

_HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def qapp(qapp_args: list[str]) -> QApplication:
    """Override pytest-qt's qapp so every UI test runs in the configured Persian app."""
    return create_application(list(qapp_args) or ["khooshe-tests"], language="fa")


@pytest.fixture(autouse=True)
def _persian_app(qapp: QApplication):
    yield
    # A test that switched language must not leak English into the next one.
    install_translator(qapp, "fa")


@pytest.fixture(autouse=True)
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every show_error dialog as (text, details), recorded instead of shown.

    A real modal loop would block the offscreen test run forever (nobody presses OK), so it is
    replaced for all UI tests; a test asserts on this list to check what the user was told.
    """
    shown: list[tuple[str, str]] = []

    def record(box: QMessageBox) -> None:
        shown.append((box.text(), box.detailedText()))

    monkeypatch.setattr(ui.errors, "_run_modal", record)
    return shown


@pytest.fixture
def ui_settings(tmp_path: Path) -> UiSettings:
    return UiSettings(tmp_path / "ui.ini")


@pytest.fixture(scope="session")
def type_text() -> Callable[..., None]:
    # Loaded by path under a unique name: tests/ has no packages, and a bare "import helpers"
    # could pick up another directory's helpers.py.
    spec = importlib.util.spec_from_file_location("khooshe_ui_test_helpers", _HERE / "helpers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.type_text


@pytest.fixture(autouse=True)
def _no_worker_outlives_its_test(qapp: QApplication):
    """Background work started by a test finishes inside that test.

    A worker still reading the previous test's database while its widgets and engine are torn
    down is a race that can crash the process; the app itself waits the same way at exit.
    """
    yield
    from ui.worker import wait_for_all

    wait_for_all(30_000)
    qapp.processEvents()


@pytest.fixture
def demo_ctx(db, ui_settings):
    """An AppContext on the demo story, working on the Maskati Lari cluster."""
    from services import records
    from services.demo import load_demo
    from ui.context import AppContext

    with db.session_factory.begin() as s:
        load_demo(s)
    ctx = AppContext(db, ui_settings)
    ctx.set_cluster_id(next(c.id for c in records.list_records(db, "cluster")
                            if c.title == "مسقطی لاری"))
    return ctx
