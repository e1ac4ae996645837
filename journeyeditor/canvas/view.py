"""MapView: zoom (Ctrl+wheel, pinch, keys), pan (space-drag, middle button), fit."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QPixmapCache,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGestureEvent,
    QGraphicsScene,
    QGraphicsView,
    QPinchGesture,
    QWidget,
)

from journeyeditor.canvas import mime
from journeyeditor.canvas.edge_scroll import EdgeScroll
from journeyeditor.canvas.items import LOD_TEXT
from journeyeditor.canvas.palette_drop import PaletteAim
from journeyeditor.canvas.scene import MapScene
from journeyeditor.render.qt_painter import qcolor

MIN_ZOOM, MAX_ZOOM = 0.05, 6.0
CACHED_VIEWPORTS = 4
"""Pixmap cache room, in viewports of 32-bit pixels (twice what the items take)."""
STEP = 1.25
SCROLL_ROOM = 0.25
"""The share of the viewport's height by which the vertical scroll range grows or
shrinks at a time."""
ARROWS: dict[int, tuple[int, int]] = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}
"""How each arrow key moves the current cell: (stages, lanes)."""


SHOWING = frozenset(
    {
        QEvent.Type.Paint,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.ContextMenu,
        QEvent.Type.DragMove,
        QEvent.Type.Drop,
    }
)
"""Viewport events before which the cards on screen get their items (made lazily)."""


def cells_area(scene: QGraphicsScene | None) -> QRectF:
    """The scene rectangle the cells' backgrounds paint edge to edge in opaque colours
    (a grid right and below the corner, rows meeting on shared edges drawn crisp), or
    an empty one when they may leave pixels uncovered: far zoomed out (the cells'
    cached pictures sit on whole pixels) or when a lane's colour (its cells') lets
    what is under it show."""
    if not isinstance(scene, MapScene) or scene.overview:
        return QRectF()
    layout = scene.layout
    if layout is None or not layout.cells:
        return QRectF()
    if any(qcolor(lane.color).alpha() != 255 for lane in layout.lanes):
        return QRectF()
    c = layout.corner
    return QRectF(c.right, c.bottom, layout.width - c.right, layout.height - c.bottom)


def around(rect: QRectF, hole: QRectF, margin: float) -> list[QRectF]:
    """`rect` less `hole` shrunk by `margin`, as up to four bands that overlap (those
    above and below span the full width, those left and right the full height): no two
    meet on an edge where rounding could leave a row of pixels unfilled, and the sliver
    of the hole they fill is painted over by what covers the hole."""
    inner = hole.adjusted(margin, margin, -margin, -margin)
    if inner.isEmpty() or not inner.intersects(rect):
        return [rect]
    parts = [
        QRectF(rect.left(), rect.top(), rect.width(), inner.top() - rect.top()),
        QRectF(rect.left(), inner.bottom(), rect.width(), rect.bottom() - inner.bottom()),
        QRectF(rect.left(), rect.top(), inner.left() - rect.left(), rect.height()),
        QRectF(inner.right(), rect.top(), rect.right() - inner.right(), rect.height()),
    ]
    return [part for part in parts if part.width() > 0 and part.height() > 0]


class RubberBand:
    """The view's selection rectangle as the edge scroll aims it (`Aimed`): on while Qt
    draws it; after each scroll the mouse moves again where it is, so Qt stretches the
    rectangle, from where it was pressed on the map, over what came into sight."""

    def __init__(self, view: MapView) -> None:
        self.view = view

    @property
    def active(self) -> bool:
        return not self.view.rubberBandRect().isNull()

    def move(self, pos: QPointF) -> None:
        view = self.view
        # Every card the rectangle reaches gets its item, at any zoom: those scrolled
        # into sight, and those it spans that never were (held at a corner, the map
        # scrolls both ways and passes some by).
        shown = view.mapToScene(view.viewport().rect()).boundingRect()
        band = view.mapToScene(view.rubberBandRect()).boundingRect()
        view.map_scene().show_cards(shown.united(band))
        at = QPointF(view.mapFromScene(pos))
        global_pos = QPointF(view.viewport().mapToGlobal(at.toPoint()))
        held = Qt.MouseButton.LeftButton
        keys = QGuiApplication.keyboardModifiers()
        event = QMouseEvent(
            QEvent.Type.MouseMove, at, global_pos, Qt.MouseButton.NoButton, held, keys
        )
        QGraphicsView.mouseMoveEvent(view, event)  # Qt's own: no new follow of the edge


class MapView(QGraphicsView):
    """The window onto the map. `zoomChanged` carries the zoom factor (1.0 = 100 %)."""

    zoomChanged = Signal(float)

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setObjectName("mapView")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setAcceptDrops(True)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self.viewport().setAutoFillBackground(False)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.zoomChanged.connect(self._zoom_changed)
        self._space = False
        self._pan_from: QPoint | None = None
        self._scroll_rect: QRectF | None = None
        self.edge_scroll = EdgeScroll(self)
        self.rubber_band = RubberBand(self)
        scene.sceneRectChanged.connect(self.fit_scroll_range)
        self.fit_scroll_range()
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.valueChanged.connect(self.pin_headers)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        """Scroll; zoomed in or out, also paint the whole viewport again. Qt moves the
        pixels already on screen and paints only what scrolled into sight and the
        pinned headers' band: at a zoom other than 100 %, a card painted again there
        landed a pixel off its neighbours that were moved (about 0.5 ms a step at
        2,000 cards, tests/gui/test_scroll_paint.py)."""
        super().scrollContentsBy(dx, dy)
        if abs(self.zoom() - 1.0) > 1e-9:
            self.viewport().update()

    def setScene(self, scene: QGraphicsScene | None) -> None:
        old = self.scene()
        if old is not None:
            old.sceneRectChanged.disconnect(self.fit_scroll_range)
        super().setScene(scene)
        if scene is not None:
            scene.sceneRectChanged.connect(self.fit_scroll_range)
        self.fit_scroll_range()
        self.pin_headers()

    def scroll_step(self) -> float:
        """The height, in scene units, that the scroll range is a whole number of."""
        return max(1.0, self.viewport().height() * SCROLL_ROOM) / (self.zoom() or 1.0)

    def fit_scroll_range(self) -> None:
        """Scroll over the scene's rectangle, its height rounded up to a `scroll_step`
        when it is taller than the viewport.

        A new scroll range costs a window about as much as an edit itself: Qt lays out
        and repaints the whole view and both scroll bars. An edit that makes a row taller
        by a card therefore changes the range only once in several, and the blank below
        the map stays under a quarter of the window. A map shorter than the viewport
        keeps its exact rectangle, so it stays centred without scroll bars. Once a
        rectangle is set on the view from outside, it is left alone."""
        scene = self.scene()
        set_outside = self._scroll_rect is not None and self.sceneRect() != self._scroll_rect
        if scene is None or set_outside:
            return
        rect = scene.sceneRect()
        if not rect.isNull() and rect.height() * self.zoom() > self.viewport().height():
            step = self.scroll_step()
            rect = QRectF(rect.x(), rect.y(), rect.width(), math.ceil(rect.height() / step) * step)
        self._scroll_rect = None if rect.isNull() else rect  # null: Qt follows the scene
        self.setSceneRect(rect)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Room in Qt's pixmap cache for every item's cached picture: the cells and
        headers under the viewport and the cards over them take about two viewports of
        pixels; with less, pictures pushed out of the cache are drawn again each paint."""
        super().resizeEvent(event)
        self.fit_scroll_range()
        self.pin_headers()
        size = self.viewport().size() * self.viewport().devicePixelRatio()
        need = CACHED_VIEWPORTS * size.width() * size.height() * 4 // 1024
        if need > QPixmapCache.cacheLimit():
            QPixmapCache.setCacheLimit(need)

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        """The viewport is opaque, so nothing fills it before a paint: fill what the
        cells will not cover (a full-window fill under them was about a tenth of a repaint)."""
        viewport = self.viewport()
        color = viewport.palette().color(viewport.backgroundRole())
        pixel = 1 / max(painter.worldTransform().m11(), MIN_ZOOM)
        rect = QRectF(rect).adjusted(-pixel, -pixel, pixel, pixel)  # rounding: every edge row
        for part in around(rect, cells_area(self.scene()), pixel):
            painter.fillRect(part, color)

    def map_scene(self) -> MapScene:
        scene = self.scene()
        assert isinstance(scene, MapScene)
        return scene

    def zoom(self) -> float:
        return float(self.transform().m11())

    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom to `factor`, keeping `anchor` (a viewport point) still when given."""
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        old_anchor = self.transformationAnchor()
        if anchor is None:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        before = self.mapToScene(anchor.toPoint()) if anchor is not None else None
        scale = factor / self.zoom()
        self.scale(scale, scale)
        if anchor is not None and before is not None:
            after = self.mapToScene(anchor.toPoint())
            shift = after - before
            self.translate(shift.x(), shift.y())
        self.setTransformationAnchor(old_anchor)
        self.zoomChanged.emit(self.zoom())

    def _zoom_changed(self, zoom: float) -> None:
        self.fit_scroll_range()
        scene = self.scene()
        if isinstance(scene, MapScene):
            scene.set_overview(zoom < LOD_TEXT)
        self.pin_headers()

    def pin_headers(self) -> None:
        """Tell the map what part of it the window shows, for its headers to stay in
        sight (`MapScene.pin_headers`): after every scroll, resize and zoom."""
        scene = self.scene()
        if isinstance(scene, MapScene):
            scene.pin_headers(self.mapToScene(self.viewport().rect()).boundingRect())

    def reveal(self, rect: QRectF) -> None:
        """Show `rect` (a card found or picked from the ranking) to be read: zoomed out
        past the cards' words (the overview's blocks), the map first goes to actual size
        around it; then it scrolls it clear of the pinned headers."""
        if self.zoom() < LOD_TEXT:
            self.set_zoom(1.0)
            self.centerOn(rect.center())
        self.map_scene().bring_into_view(rect, 40, 40)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / STEP)

    def zoom_actual(self) -> None:
        self.set_zoom(1.0)

    def fit(self) -> None:
        """The whole map in the window, with its legend when shown."""
        shown = self.map_scene().shown_rect()
        if shown is None:
            return
        self.fitInView(shown, Qt.AspectRatioMode.KeepAspectRatio)
        self.zoomChanged.emit(self.zoom())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            self.set_zoom(self.zoom() * STEP**steps, event.position())
            event.accept()
        else:
            super().wheelEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() in SHOWING:
            scene = self.scene()
            if isinstance(scene, MapScene):
                shown = self.mapToScene(self.viewport().rect()).boundingRect()
                looking = event.type() in (QEvent.Type.Paint, QEvent.Type.MouseMove)
                scene.show_cards(shown, painting=looking)
        if event.type() == QEvent.Type.NativeGesture:
            assert isinstance(event, QNativeGestureEvent)
            if event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
                self.set_zoom(self.zoom() * (1 + event.value()), event.position())
                return True
        if event.type() == QEvent.Type.Gesture:
            assert isinstance(event, QGestureEvent)
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                center = self.viewport().mapFromGlobal(pinch.centerPoint().toPoint())
                self.set_zoom(self.zoom() * pinch.scaleFactor(), QPointF(center))
                return True
        return super().viewportEvent(event)

    # Panning: hold space and drag, or drag with the middle button.

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and not self._editing():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        scene = self.scene()
        if isinstance(scene, MapScene) and self._edit_key(scene, event):
            event.accept()
            return
        super().keyPressEvent(event)

    def _edit_key(self, scene: MapScene, event: QKeyEvent) -> bool:
        """F2 or Enter edits the one selected card; Enter on the current cell types a new
        card into it, arrow keys move it, Escape lets go of it."""
        key = event.key()
        if key in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            cards = scene.selected_cards()
            if len(cards) == 1:
                scene.edit_card(cards[0])
                return True
            if not cards and key != Qt.Key.Key_F2:
                return scene.type_in_current_cell()
        if key == Qt.Key.Key_Escape and scene.current_cell is not None:
            scene.set_current_cell(None)
            return True
        if key in ARROWS and not event.modifiers() and not scene.selectedItems():
            return scene.move_current_cell(*ARROWS[key])
        return False

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and self._space:
            self._space = False
            self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def _editing(self) -> bool:
        focus = self.viewport().focusWidget()
        return focus is not None and focus.objectName() == "inlineEditor"

    def mousePressEvent(self, event: QMouseEvent) -> None:
        middle = event.button() == Qt.MouseButton.MiddleButton
        if middle or (self._space and event.button() == Qt.MouseButton.LeftButton):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)
        scene = self.scene()
        left = event.button() == Qt.MouseButton.LeftButton
        if isinstance(scene, MapScene) and left and scene.mouseGrabberItem() is None:
            # Nothing took the press: Qt draws a selection rectangle from here. It takes
            # cards (and faces), not the headers it crosses: pinned at the window's
            # edges, they are under every rectangle that scrolled. (Only then: a flag
            # changed has Qt repaint every header.)
            scene.headers_selectable(False)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            now = event.position().toPoint()
            delta = now - self._pan_from
            self._pan_from = now
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)
        scene = self.scene()
        if isinstance(scene, MapScene):
            drags = (scene.card_drag, scene.header_drag, scene.point_drag, self.rubber_band)
            drag = next((d for d in drags if d.active), None)
            if drag is not None:
                reach = scene.point_drag.reach() if drag is scene.point_drag else None
                self.edge_scroll.follow(event.position(), drag, event.spontaneous(), reach)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.edge_scroll.stop()
        scene = self.scene()
        if isinstance(scene, MapScene):
            scene.headers_selectable(True)
        if self._pan_from is not None:
            self._pan_from = None
            if self._space:
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            else:
                self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """A palette entry dragged near the window's edge scrolls the map too."""
        super().dragMoveEvent(event)
        item = mime.palette_item(event.mimeData())
        scene = self.scene()
        if item is not None and isinstance(scene, MapScene):
            aim = PaletteAim(scene.palette_drop, item)
            self.edge_scroll.follow(event.position(), aim, held=False)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.edge_scroll.stop()
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.edge_scroll.stop()
        super().dropEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Another window took over (a message box, another program): the mouse's
        release may never reach the view, so a drag ends here, writing nothing, and so
        does scrolling at the edge."""
        self.edge_scroll.stop()
        scene = self.scene()
        if isinstance(scene, MapScene):
            for gesture in (scene.card_drag, scene.header_drag, scene.point_drag):
                if gesture.active:
                    gesture.cancel()
            scene.headers_selectable(True)
        super().focusOutEvent(event)
