"""models.paths.resource_path: the one way to find shipped files, from source and frozen."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from models import paths
from models.paths import resource_path, resource_root

ROOT = Path(__file__).resolve().parents[2]
PRODUCT_PACKAGES = ("cli", "models", "persian", "reports", "services", "ui")


def test_from_source_every_resource_is_there() -> None:
    assert resource_root() == ROOT
    assert (resource_path("resources", "fonts") / "Vazirmatn-Regular.ttf").is_file()
    assert resource_path("translations", "khooshe_fa.qm").is_file()
    assert (resource_path("models", "migrations") / "env.py").is_file()


def test_frozen_bundle_is_looked_up_under_meipass(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_root() == tmp_path
    assert resource_path("resources", "fonts") == tmp_path / "resources" / "fonts"


@pytest.mark.parametrize("module", ["ui.app_setup", "reports.fonts", "models.revisions"])
def test_users_of_resources_go_through_the_helper(module: str) -> None:
    source = (ROOT / (module.replace(".", "/") + ".py")).read_text("utf-8")
    assert "resource_path(" in source


def test_no_product_module_finds_files_next_to_its_source() -> None:
    """`Path(__file__)` breaks in the bundle (modules live in an archive there)."""
    offenders = []
    for package in PRODUCT_PACKAGES:
        for py in (ROOT / package).rglob("*.py"):
            if py == Path(paths.__file__).resolve() or "migrations" in py.parts:
                continue
            if re.search(r"Path\(__file__\)|os\.path\.dirname\(__file__\)", py.read_text("utf-8")):
                offenders.append(str(py.relative_to(ROOT)))
    assert offenders == []
