"""Driving the map view with real Qt mouse, wheel and key events, as a person would."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QFrame, QGraphicsScene

from journeyeditor.canvas.view import MapView
from journeyeditor.render.layout import Rect

BIG_VIEW = (1000, 600)
"""The window of the `big_map` fixture (tests/gui/conftest.py)."""
LEFT = Qt.MouseButton.LeftButton
NONE = Qt.MouseButton.NoButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def bare_view(scene: QGraphicsScene, width: int, height: int) -> MapView:
    """A shown view without frame or scroll bars: its viewport is the whole picture a
    test compares, pixel for pixel."""
    view = MapView(scene)
    view.setFrameShape(QFrame.Shape.NoFrame)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.resize(width, height)
    view.show()
    return view


def visible(view: MapView) -> QRectF:
    """The part of the scene the view shows."""
    return view.mapToScene(view.viewport().rect()).boundingRect()


def scroll(view: MapView, down: int = 0, right: int = 0) -> None:
    """Move the scroll bars by so many pixels, and let the window catch up."""
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + down)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + right)
    QApplication.processEvents()


def center(rect: Rect) -> QPointF:
    return QPointF(rect.x + rect.w / 2, rect.y + rect.h / 2)


def viewport_point(view: MapView, scene_pos: QPointF) -> QPoint:
    return view.mapFromScene(scene_pos)


def mouse(
    view: MapView,
    kind: QEvent.Type,
    scene_pos: QPointF,
    button: Qt.MouseButton = LEFT,
    buttons: Qt.MouseButton = LEFT,
    modifiers: Qt.KeyboardModifier = NO_MODIFIER,
) -> None:
    local = QPointF(viewport_point(view, scene_pos))
    global_pos = QPointF(view.viewport().mapToGlobal(local.toPoint()))
    event = QMouseEvent(kind, local, global_pos, button, buttons, modifiers)
    QApplication.sendEvent(view.viewport(), event)


def press(
    view: MapView,
    at: QPointF,
    modifiers: Qt.KeyboardModifier = NO_MODIFIER,
    button: Qt.MouseButton = LEFT,
) -> None:
    mouse(view, QEvent.Type.MouseButtonPress, at, button, button, modifiers)


def release(
    view: MapView,
    at: QPointF,
    modifiers: Qt.KeyboardModifier = NO_MODIFIER,
    button: Qt.MouseButton = LEFT,
) -> None:
    mouse(view, QEvent.Type.MouseButtonRelease, at, button, NONE, modifiers)


def click(view: MapView, at: QPointF, modifiers: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    press(view, at, modifiers)
    release(view, at, modifiers)


def double_click(view: MapView, at: QPointF) -> None:
    click(view, at)
    mouse(view, QEvent.Type.MouseButtonDblClick, at)
    release(view, at)


def drag(
    view: MapView,
    start: QPointF,
    end: QPointF,
    steps: int = 6,
    button: Qt.MouseButton = LEFT,
    modifiers: Qt.KeyboardModifier = NO_MODIFIER,
) -> None:
    """Press, move in several steps (Qt needs at least one move), release."""
    press(view, start, modifiers, button)
    for step in range(1, steps + 1):
        point = start + (end - start) * (step / steps)
        mouse(view, QEvent.Type.MouseMove, point, NONE, button, modifiers)
    release(view, end, modifiers, button)


def wheel(view: MapView, at: QPointF, steps: int, modifiers: Qt.KeyboardModifier) -> None:
    local = QPointF(viewport_point(view, at))
    global_pos = QPointF(view.viewport().mapToGlobal(local.toPoint()))
    event = QWheelEvent(
        local,
        global_pos,
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        NONE,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)


def drop(view: MapView, data: QMimeData, at: QPointF) -> bool:
    """Deliver a drag-and-drop of `data` at `at` the way Qt delivers a real one."""
    local = viewport_point(view, at)
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(local, actions, data, NONE, NO_MODIFIER)
    QApplication.sendEvent(view.viewport(), enter)
    move = QDragMoveEvent(local, actions, data, NONE, NO_MODIFIER)
    QApplication.sendEvent(view.viewport(), move)
    event = QDropEvent(QPointF(local), actions, data, NONE, NO_MODIFIER)
    QApplication.sendEvent(view.viewport(), event)
    return event.isAccepted()


class PaintedArea(QObject):
    """How many pixels a view's viewport repainted since made (or since `pixels` was
    set back to 0): what Qt found changed, as a window paints it."""

    def __init__(self, view: MapView) -> None:
        super().__init__()
        self.pixels = 0
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            region = event.region()  # type: ignore[attr-defined]
            self.pixels += sum(r.width() * r.height() for r in region)
        return False

    def reset(self) -> None:
        """Let the pending repaints happen, then count from 0. A scroll's moved items
        reach the viewport through two queued steps (the scene's, then the widget's),
        so the events are processed more than once."""
        for _ in range(3):
            QApplication.processEvents()
        self.pixels = 0
