"""Fixtures shared by the exchange tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from services import exchange
from services.workspace import open_workspace


@pytest.fixture(scope="module")
def demo_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database's whole exchange package (the story's records, as an agent sends them)."""
    folder = tmp_path_factory.mktemp("demo")
    demo = open_workspace(str(folder / "demo.db"))
    try:
        demo.load_demo()
        package = folder / "demo.kxp"
        exchange.export_package(demo, package)
    finally:
        demo.dispose()
    return package
