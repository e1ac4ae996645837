"""Editing text in place, over the item, at the view's zoom: card text and header names."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QGraphicsView, QPlainTextEdit

from journeyeditor.render import qt_painter


class InlineEditor(QPlainTextEdit):
    """Plain text only. Enter commits (Shift+Enter: new line), Escape cancels (and calls
    `cancel`, if given) or, with `escape_saves`, commits too; leaving commits.

    `ended_by` says afterwards what closed it: "enter", "escape" or "focus".
    """

    def __init__(
        self,
        view: QGraphicsView,
        scene_rect: QRectF,
        text: str,
        size: float,
        commit: Callable[[str], None],
        multiline: bool = True,
        cancel: Callable[[], None] | None = None,
        escape_saves: bool = False,
    ) -> None:
        super().__init__(view.viewport())
        self.setObjectName("inlineEditor")
        self._commit = commit
        self._cancel = cancel
        self._done = False
        self.multiline = multiline
        self.escape_saves = escape_saves
        self.ended_by = "focus"
        zoom = view.transform().m11()
        self.setFont(qt_painter.font(max(6.0, size * zoom), False))
        self.setPlainText(text)
        self.selectAll()
        self.setFrameShape(QFrame.Shape.Box)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        rect = view.mapFromScene(scene_rect).boundingRect()
        rect.setHeight(max(rect.height(), int(size * zoom * 3.2)))
        self.setGeometry(rect)
        self.setStyleSheet("QPlainTextEdit { background: #fffef6; border: 2px solid #2f6fdb; }")
        self.installEventFilter(self)
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self.ended_by = "escape"
                self.finish(save=self.escape_saves)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                if not (shift and self.multiline):
                    self.ended_by = "enter"
                    self.finish(save=True)
                    return True
        return super().eventFilter(watched, event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.finish(save=True)

    def finish(self, save: bool) -> None:
        """Close once; hand the text over only when saving."""
        if self._done:
            return
        self._done = True
        text = self.toPlainText()
        self.hide()
        self.deleteLater()
        if save:
            self._commit(text)
        elif self._cancel is not None:
            self._cancel()
