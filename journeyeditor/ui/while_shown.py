"""Listening to the document only while a widget is on screen.

A dialog kept around hidden must not redraw itself on every edit; one that is shown
again must catch up. `WhileShown` connects its signals when the widget is shown,
disconnects them when it is hidden, and calls `catch_up` on showing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, SignalInstance
from PySide6.QtWidgets import QWidget

Link = tuple[SignalInstance, Callable[..., Any]]


class WhileShown(QObject):
    """Keeps `links` (signal, slot) connected exactly while `widget` is shown."""

    def __init__(
        self, widget: QWidget, links: Sequence[Link], catch_up: Callable[[], Any] | None = None
    ) -> None:
        super().__init__(widget)
        self.links = list(links)
        self.catch_up = catch_up
        self.connected = False
        widget.installEventFilter(self)
        if widget.isVisible():
            self._connect(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            if not self.connected and self.catch_up is not None:
                self.catch_up()
            self._connect(True)
        elif event.type() == QEvent.Type.Hide:
            self._connect(False)
        return super().eventFilter(watched, event)

    def _connect(self, on: bool) -> None:
        if on == self.connected:
            return
        self.connected = on
        for signal, slot in self.links:
            if on:
                signal.connect(slot)
            else:
                signal.disconnect(slot)
