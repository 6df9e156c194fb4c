"""The program's icon: the window's, and the .ico of the Windows program and its installer."""

from __future__ import annotations

import struct
from pathlib import Path

from PySide6.QtGui import QImage

from models.paths import resource_path
from ui.app_setup import ICON_PATH

ROOT = Path(__file__).resolve().parents[2]
ICO = resource_path("resources", "icons", "khooshe.ico")


def test_the_app_shows_its_icon(qapp) -> None:  # noqa: ANN001 - pytest-qt's fixture
    from ui.app_setup import create_application

    app = create_application([])
    assert app is qapp
    pixmap = app.windowIcon().pixmap(64, 64)
    assert not pixmap.isNull() and pixmap.width() == 64
    assert ICON_PATH.is_file() and QImage(str(ICON_PATH)).width() == 256


def test_the_ico_holds_every_size_windows_asks_for() -> None:
    data = ICO.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        width, height, _colours, _zero, planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * i)
        image = QImage.fromData(data[offset: offset + length], "PNG")
        side = width or 256
        assert (width, planes, bits) == (height, 1, 32)
        assert image.width() == image.height() == side
        sizes.append(side)
    assert {16, 32, 48, 256} <= set(sizes)


def test_the_windows_program_and_installer_use_it() -> None:
    spec = (ROOT / "packaging" / "khooshe.spec").read_text("utf-8")
    assert 'ICON = str(ROOT / "resources" / "icons" / "khooshe.ico")' in spec
    assert spec.count("icon=ICON") == 2  # the command line and the console-less program
    assert '"resources" / "icons" / "khooshe.png"' in spec  # the window's, inside the bundle
    setup = (ROOT / "packaging" / "khooshe.iss").read_text("utf-8")
    assert "SetupIconFile=..\\resources\\icons\\khooshe.ico" in setup
