"""Shared test set-up: headless Qt, the source tree on sys.path, a fresh database per test."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Before anything imports Qt: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test ever reads or writes the real user's data folder."""
    monkeypatch.setenv("KHOOSHE_DATA_DIR", str(tmp_path_factory.mktemp("khooshe-data")))


@pytest.fixture
def db(tmp_path: Path):
    """A fresh, migrated SQLite database per test."""
    from models.migrate import open_database

    database = open_database(str(tmp_path / "test.db"))
    yield database
    database.dispose()
