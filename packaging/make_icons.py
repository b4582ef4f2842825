"""Render resources/icons/thinkdesk.svg to PNGs (16-512 px) and a Windows .ico.

Run after editing the SVG: ``.venv/bin/python packaging/make_icons.py``. Uses Qt's SVG
renderer, so it needs nothing beyond the app's own dependencies. The .ico holds classic
32-bit BMP entries for 16-48 px (every Windows shell and NSIS read those) and a PNG entry for
256 px (the Vista+ format; a 256 px BMP would be 256 KB).
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 256)


def render(svg: Path, size: int):
    """The SVG as a straight-alpha ARGB32 QImage of ``size`` x ``size``."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def bmp_entry(image) -> bytes:
    """A DIB icon entry: BITMAPINFOHEADER, bottom-up BGRA rows, an all-zero AND mask."""
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in reversed(range(size)):
        line = image.constScanLine(y)
        rows.append(bytes(line)[: size * 4])  # ARGB32 is BGRA in memory on little-endian
    mask_stride = ((size + 31) // 32) * 4
    return header + b"".join(rows) + b"\0" * (mask_stride * size)


def write_ico(path: Path, images: dict[int, object]) -> None:
    entries = [(s, png_bytes(img) if s >= 256 else bmp_entry(img)) for s, img in images.items()]
    offset = 6 + 16 * len(entries)
    directory, blobs = b"", b""
    for size, blob in entries:
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        directory += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    path.write_bytes(struct.pack("<HHH", 0, 1, len(entries)) + directory + blobs)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svg = ICONS / "thinkdesk.svg"
    images = {size: render(svg, size) for size in sorted({*PNG_SIZES, *ICO_SIZES})}
    for size in PNG_SIZES:
        images[size].save(str(ICONS / f"thinkdesk-{size}.png"), "PNG")
    images[256].save(str(ICONS / "thinkdesk.png"), "PNG")
    write_ico(ICONS / "thinkdesk.ico", {size: images[size] for size in ICO_SIZES})
    print(f"wrote {len(PNG_SIZES) + 2} icons to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
