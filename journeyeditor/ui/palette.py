"""The palette: card, lane and stage kinds to drag onto the map."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QDrag, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from journeyeditor.canvas.mime import PaletteItem
from journeyeditor.render import drawing, icons, qt_painter
from journeyeditor.render.layout import Rect
from journeyeditor.render.primitives import Box, Primitive

ROLE = Qt.ItemDataRole.UserRole
ICON = 22


def _icon(shapes: list[Primitive]) -> QIcon:
    pixmap = QPixmap(ICON * 2, ICON * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    qt_painter.paint(painter, shapes)
    painter.end()
    return QIcon(pixmap)


def _card_icon(kind: str) -> QIcon:
    shapes: list[Primitive] = [
        Box(Rect(2, 3, 18, 16), drawing.CARD_FILL[kind], "#8a8f99", 1.0, 3),
        Box(Rect(2, 3, 3, 16), drawing.KIND_ACCENT[kind], None, 0, 1),
    ]
    if kind == "touchpoint":
        shapes += icons.channel("website", 7, 6, 11)
    elif kind == "pain_point":
        shapes += icons.severity(2, 7, 8, 4)
    elif kind == "emotion":
        shapes += icons.face(1, 12, 11, 6)
    return _icon(shapes)


class Palette(QListWidget):
    """Drag an entry onto a cell (cards), a lane border (lanes) or the stage row (stages)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("palette")
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setIconSize(QSize(ICON, ICON))
        self.setSpacing(1)
        cards: list[tuple[str, str, dict[str, Any]]] = [
            (self.tr("Note"), "text", {}),
            (self.tr("Touchpoint"), "touchpoint", {"channel": "website", "owned": True}),
            (self.tr("Pain point"), "pain_point", {"severity": 2}),
            (self.tr("Opportunity"), "opportunity", {"priority": "medium"}),
            (self.tr("Metric"), "metric", {}),
        ]
        for name, kind, fields in cards:
            self._add(
                name,
                _card_icon(kind),
                PaletteItem("card", kind, fields),
                self.tr("Drag into a cell to add a card"),
            )
        lanes = [
            (self.tr("Text lane"), "text"),
            (self.tr("Touchpoint lane"), "touchpoint"),
            (self.tr("Emotion lane"), "emotion"),
            (self.tr("Pain point lane"), "pain_point"),
            (self.tr("Opportunity lane"), "opportunity"),
            (self.tr("Metric lane"), "metric"),
            (self.tr("Image lane"), "image"),
        ]
        for name, kind in lanes:
            self._add(
                name,
                _card_icon(kind),
                PaletteItem("lane", kind),
                self.tr("Drag between two lanes to add a lane there"),
            )
        self._add(
            self.tr("Stage"),
            _card_icon("text"),
            PaletteItem("stage"),
            self.tr("Drag between two stages to add a stage there"),
        )

    def _add(self, name: str, icon: QIcon, item: PaletteItem, tip: str) -> None:
        entry = QListWidgetItem(icon, name)
        entry.setData(ROLE, item)
        entry.setToolTip(tip)
        self.addItem(entry)

    def palette_item(self, row: int) -> PaletteItem:
        item = self.item(row).data(ROLE)
        assert isinstance(item, PaletteItem)
        return item

    def startDrag(self, supportedActions: Qt.DropAction) -> None:  # noqa: N803 - Qt's name
        current = self.currentItem()
        if current is None:
            return
        drag = QDrag(self)
        drag.setMimeData(self.palette_item(self.row(current)).mime())
        drag.setPixmap(current.icon().pixmap(ICON, ICON))
        drag.exec(Qt.DropAction.CopyAction)
