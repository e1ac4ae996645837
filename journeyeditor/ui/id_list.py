"""Lists whose rows stand for database rows: the id is kept in the item's user role."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget

ROLE = Qt.ItemDataRole.UserRole


def current_id(widget: QListWidget) -> int | None:
    item = widget.currentItem()
    return int(item.data(ROLE)) if item else None


def select_id(widget: QListWidget, row_id: int) -> None:
    for row in range(widget.count()):
        if widget.item(row).data(ROLE) == row_id:
            widget.setCurrentRow(row)
