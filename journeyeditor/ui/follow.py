"""A panel that redraws on some of a Document's signals, moved from one document to the next."""

from __future__ import annotations

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

from journeyeditor.editing.document import Document


class FollowingPanel(QWidget):
    """Shows one Document at a time: `_refresh` runs on each of its `_signals` and when
    the panel moves to another document (the panel outlives the documents it shows)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None

    def set_document(self, document: Document) -> None:
        """Follow `document`, letting go of the one before, and show it."""
        if self.document is not None:
            for signal in self._signals(self.document):
                signal.disconnect(self._refresh)
        for signal in self._signals(document):
            signal.connect(self._refresh)
        self.document = document
        self._refresh()

    @staticmethod
    def _signals(document: Document) -> list[SignalInstance]:
        """The signals of `document` that change what the panel shows."""
        raise NotImplementedError

    def _refresh(self, *_ids: int) -> None:
        """Show the document as it is now."""
        raise NotImplementedError
