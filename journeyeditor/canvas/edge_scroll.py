"""Scrolling the map while a card, a header or a palette entry is dragged near the
window's edge.

A map of thousands of cards is taller and wider than any window; without this a card
could only be dragged to a cell already in sight.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QGuiApplication

if TYPE_CHECKING:
    from journeyeditor.canvas.view import MapView

EDGE = 32.0
"""Viewport pixels inside the window's edges (and below or right of the headers pinned
there) where a drag scrolls the map."""
FASTEST = 24
"""Pixels scrolled per tick at the edge itself, over the headers and outside the window;
nearer the middle, proportionally fewer."""
TICK_MS = 16


class Aimed(Protocol):
    """A drag the map scrolls under: on while `active`, aimed anew by `move` (a scene
    point) after each scroll."""

    @property
    def active(self) -> bool: ...

    def move(self, pos: QPointF) -> None: ...


def _speed(at: float, low: float, high: float) -> int:
    """Pixels per tick along one axis: negative when `at` is within `EDGE` of `low`,
    positive within `EDGE` of `high`, 0 in between."""
    if at < low + EDGE:
        return -max(1, min(FASTEST, round(FASTEST * (low + EDGE - at) / EDGE)))
    if at > high - EDGE:
        return max(1, min(FASTEST, round(FASTEST * (at - high + EDGE) / EDGE)))
    return 0


class EdgeScroll(QObject):
    """While a drag is on and the mouse is near an edge of the view, a timer scrolls
    the view that way and aims the drag at the point now under the mouse, so what is
    dragged, or the drop guide, follows the map. It stops when the drag ends, the mouse
    leaves the edge, the map cannot scroll further (or what the drag can reach is in
    sight that way), or the window is left (a release that never arrives)."""

    def __init__(self, view: MapView) -> None:
        super().__init__(view)
        self.view = view
        self.at = QPointF()
        self.drag: Aimed | None = None
        self.held = False
        """Whether the drag came from a real mouse (then its button is checked each
        tick: a release lost while another window grabbed the mouse ends the scroll).
        Qt's drag and drop holds the mouse itself: its end comes as a drop or the drag
        leaving the view."""
        self.reach: QRectF | None = None
        """The part of the map the drag can use (a face: its lane's curve), None for
        all of it: no scrolling past it once its edge is in sight."""
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)

    def follow(self, at: QPointF, drag: Aimed, held: bool, reach: QRectF | None = None) -> None:
        """The mouse moved to viewport point `at` during `drag`."""
        self.at = QPointF(at)
        self.drag = drag
        self.held = held
        self.reach = reach
        if self._step() == (0, 0):
            self.timer.stop()
        elif not self.timer.isActive():
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.drag = None
        self.reach = None

    def _step(self) -> tuple[int, int]:
        """Pixels to scroll across and down at this tick."""
        view = self.view
        scene = view.map_scene()
        area = view.viewport().rect()
        if scene.layout is None:
            return 0, 0
        corner = scene.layout.corner
        zoom = view.zoom()
        across = _speed(self.at.x(), area.left() + corner.w * zoom, area.right())
        down = _speed(self.at.y(), area.top() + corner.h * zoom, area.bottom())
        reach = self.reach
        if reach is not None:
            seen = view.mapToScene(area).boundingRect().adjusted(corner.w, corner.h, 0, 0)
            if (across < 0 and reach.left() >= seen.left()) or (
                across > 0 and reach.right() <= seen.right()
            ):
                across = 0
            if (down < 0 and reach.top() >= seen.top()) or (
                down > 0 and reach.bottom() <= seen.bottom()
            ):
                down = 0
        return across, down

    def _tick(self) -> None:
        view = self.view
        drag = self.drag
        lost = self.held and not QGuiApplication.mouseButtons() & Qt.MouseButton.LeftButton
        if drag is None or not drag.active or lost:
            self.stop()
            return
        across, down = self._step()
        moved = False
        for bar, step in ((view.horizontalScrollBar(), across), (view.verticalScrollBar(), down)):
            before = bar.value()
            bar.setValue(before + step)
            moved = moved or bar.value() != before
        if not moved:
            self.timer.stop()  # at the map's end: the next mouse move starts it again
            return
        drag.move(view.mapToScene(self.at.toPoint()))
