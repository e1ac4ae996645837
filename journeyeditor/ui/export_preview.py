"""The export dialog's preview: one page or image, centred on grey, checkered where clear."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget


class Preview(QWidget):
    """Shows one page or image centred on grey, on a checkerboard where it is transparent."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage()
        self.checkered = False
        self.setMinimumSize(QSize(420, 360))

    def show_image(self, image: QImage, checkered: bool) -> None:
        self.image, self.checkered = image, checkered
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#e4e6ea"))
        if self.image.isNull():
            return
        room = self.rect().adjusted(16, 16, -16, -16)
        scale = min(room.width() / self.image.width(), room.height() / self.image.height())
        w, h = self.image.width() * scale, self.image.height() * scale
        target = QRectF(room.x() + (room.width() - w) / 2, room.y() + (room.height() - h) / 2, w, h)
        painter.fillRect(target.translated(2, 3), QColor(0, 0, 0, 40))
        if self.checkered:
            painter.fillRect(target, QColor("white"))
            tile = 8
            painter.setClipRect(target)
            for row in range(int(h // tile) + 1):
                for column in range(int(w // tile) + 1):
                    if (row + column) % 2:
                        cell = QRectF(
                            target.x() + column * tile, target.y() + row * tile, tile, tile
                        )
                        painter.fillRect(cell, QColor("#d9dce1"))
            painter.setClipping(False)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, self.image)
        painter.end()
