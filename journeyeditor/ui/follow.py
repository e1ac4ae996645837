"""A panel that redraws on some of a Document's signals, moved from one document to the next."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import SignalInstance

from journeyeditor.editing.document import Document

Signals = Callable[[Document], list[SignalInstance]]


def follow(old: Document | None, new: Document, signals: Signals, slot: Callable[[], None]) -> None:
    """Connect `slot` to `new`'s signals, letting go of `old`'s (the panel outlives them)."""
    if old is not None:
        for signal in signals(old):
            signal.disconnect(slot)
    for signal in signals(new):
        signal.connect(slot)
