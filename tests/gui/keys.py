"""A person's keys on the inspector's fields: choose in a combo's popup, type and confirm."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot


def option_index(combo: QComboBox, value: Any) -> int:
    """Where `value` is among the options of a `Choice` (its own list of values)."""
    values = combo._values  # type: ignore[attr-defined]
    return next(i for i, v in enumerate(values) if v == value and type(v) is type(value))


def pick(qtbot: QtBot, combo: QComboBox, index: int) -> None:
    """Open the popup with F4, walk to option `index` with the arrow keys, press Return."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_F4)
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    while view.currentIndex().row() != index:
        down = view.currentIndex().row() < index
        qtbot.keyClick(view, Qt.Key.Key_Down if down else Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible())


def choose(qtbot: QtBot, combo: QComboBox, value: Any) -> None:
    """Choose the option standing for `value`, through the popup."""
    pick(qtbot, combo, option_index(combo, value))


def retype(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Select everything, type `text` (or erase), and press Return."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
