"""Draw the app's icon in every size the desktops ask for, from its SVG source.

    python tools/icons.py    # resources/icons/journeyeditor-<size>.png, .ico and .icns

Linux themes take the PNGs (share/icons/hicolor/<size>x<size>/apps), Windows the .ico,
macOS the .icns; tests/unit/test_icons.py checks they are drawn from the current SVG.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from journeyeditor import resources

SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
"""The sizes a Windows .ico holds (256 is its largest)."""


def draw(size: int) -> QImage:
    """The SVG icon drawn on a transparent square of `size` pixels."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(resources.ICON)).render(painter)
    painter.end()
    return image


def write_all() -> list[Path]:
    written = []
    for size in SIZES:
        path = resources.icon_png(size)
        if not draw(size).save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        written.append(path)
    largest = Image.open(resources.icon_png(SIZES[-1]))
    largest.save(resources.ICON_ICO, sizes=[(size, size) for size in ICO_SIZES])
    largest.save(
        resources.ICON_ICNS,
        append_images=[Image.open(resources.icon_png(size)) for size in SIZES[:-1]],
    )
    return [*written, resources.ICON_ICO, resources.ICON_ICNS]


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for path in write_all():
        print(path.relative_to(resources.CHECKOUT.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
