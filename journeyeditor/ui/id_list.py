"""Lists whose rows stand for database rows: the id is kept in the item's user role; the
row of tool buttons under such a list."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QToolButton, QWidget

ROLE = Qt.ItemDataRole.UserRole


def current_id(widget: QListWidget) -> int | None:
    item = widget.currentItem()
    return int(item.data(ROLE)) if item else None


def select_id(widget: QListWidget, row_id: int) -> None:
    for row in range(widget.count()):
        if widget.item(row).data(ROLE) == row_id:
            widget.setCurrentRow(row)


def button_row(
    parent: QWidget, name: str, buttons: Sequence[tuple[str, str, str]]
) -> tuple[dict[str, QToolButton], QHBoxLayout]:
    """Tool buttons (key, text, tip) for the list `name`, each named `name.key` and
    with its tip as accessible name, by key, in a row that keeps them left."""
    made: dict[str, QToolButton] = {}
    row = QHBoxLayout()
    for key, text, tip in buttons:
        button = QToolButton(parent)
        button.setObjectName(f"{name}.{key}")
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        made[key] = button
        row.addWidget(button)
    row.addStretch(1)
    return made, row
