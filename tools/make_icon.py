"""Draws Khooshe's icon (an ear of wheat, «خوشه», on the app's green) and writes it as the PNG
the window uses and the multi-size .ico the Windows program and its installer use.

    QT_QPA_PLATFORM=offscreen python tools/make_icon.py

Run it again only to change the drawing; the files it writes are committed
(resources/icons/khooshe.png, resources/icons/khooshe.ico). Drawn with Qt, so no image library
is needed; the .ico holds one PNG per size (Windows Vista and later read PNG entries).
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
ACCENT = QColor("#2e6f62")  # ui.app_setup's accent
GRAIN = QColor("#f3e3a6")


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)  # drawn on a 256 grid
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(ACCENT)
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 52, 52)
    p.setPen(QPen(GRAIN, 11, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(128, 226), QPointF(128, 84))  # the stem
    # Each grain outlined in the background's green, so that overlapping grains stay apart
    # even at 16 pixels.
    p.setPen(QPen(ACCENT, 7))
    p.setBrush(GRAIN)
    grain = QPainterPath()
    grain.addEllipse(QRectF(-15, -30, 30, 60))
    for row, y in enumerate((184, 146, 108)):
        for side in (-1, 1):
            p.save()
            p.translate(128 + side * (30 - row * 3), y)
            p.rotate(side * 35)
            p.drawPath(grain)
            p.restore()
    p.save()
    p.translate(128, 62)
    p.drawPath(grain)
    p.restore()
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICONDIR, one ICONDIRENTRY per size (0 means 256), then the PNGs themselves."""
    head = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(head) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, blob in pngs.items():
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return head + entries + blobs


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    pngs = {size: png_bytes(draw(size)) for size in SIZES}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "khooshe.png").write_bytes(pngs[256])
    (OUT / "khooshe.ico").write_bytes(ico_bytes(pngs))
    print(f"wrote {OUT / 'khooshe.png'} and {OUT / 'khooshe.ico'} ({len(SIZES)} sizes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
