"""The presenter view: the map alone, full screen and fitted to its width, with a countdown.

For workshops in front of a projector. Entering remembers the window exactly as it was
(state, geometry, docks and toolbars, menu and status bars, zoom and centre) and leaving
puts all of it back. The countdown belongs to the presenter, not to a map: it keeps
running while the view scrolls, zooms or shows another map, and nothing of it is saved
in the file or the undo history.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QEvent, QMargins, QObject, QPointF, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QTransform
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QGraphicsView,
    QMainWindow,
    QMenu,
    QMenuBar,
    QToolBar,
)

from journeyeditor.canvas.scene import MapScene
from journeyeditor.canvas.view import MAX_ZOOM, MapView
from journeyeditor.ui.countdown import Countdown
from journeyeditor.ui.maps_panel import MapsPanel
from journeyeditor.ui.timer_overlay import TimerOverlay

MAXIMIZED = Qt.WindowState.WindowMaximized
READABLE_ZOOM = 0.5
"""Below this a projected card is unreadable: a wider map scrolls sideways instead."""
VOTED_MARGIN = 24
"""Screen pixels kept above and below the lanes of a vote brought into view."""


@dataclass(frozen=True)
class _Before:
    """The window as it was when the presenter view began."""

    window_state: Qt.WindowState
    geometry: QRect
    saved_geometry: QByteArray
    layout: QByteArray
    menu_bar_hidden: bool
    status_bar_hidden: bool
    transform: QTransform
    centre: QPointF
    scroll_bars: tuple[Qt.ScrollBarPolicy, Qt.ScrollBarPolicy]
    frame: QFrame.Shape
    margins: QMargins


def _menu_actions(menu_bar: QMenuBar) -> list[QAction]:
    """Every command of the menus, submenus included (not the menus themselves)."""
    found: list[QAction] = []
    pending = list(menu_bar.actions())
    while pending:
        action = pending.pop(0)
        menu = action.menu()
        if isinstance(menu, QMenu):
            pending.extend(menu.actions())
        elif not action.isSeparator():
            found.append(action)
    return found


class Presenter(QObject):
    """Enter and leave the presenter view of `window`, whose central widget is `view`.

    `action` (F11, checkable) belongs in the View menu; Escape also leaves. With the
    docks hidden, `map_actions` (Ctrl+Page Down and Up, in and out of the presenter
    view) go through the maps of `maps`.
    """

    def __init__(self, window: QMainWindow, view: MapView, maps: MapsPanel) -> None:
        super().__init__(window)
        self.window = window
        self.view = view
        self.maps = maps
        self.countdown = Countdown(parent=self)
        self.overlay = TimerOverlay(self.countdown, view)
        self.overlay.hide()
        self.action = QAction(self.tr("&Presenter View"), window)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence(Qt.Key.Key_F11))
        self.action.setStatusTip(self.tr("The map alone, full screen, with a workshop timer"))
        self.action.triggered.connect(self._triggered)
        window.addAction(self.action)
        self.map_actions = [
            self._map_action(self.tr("&Next Map"), "Ctrl+PgDown", 1),
            self._map_action(self.tr("P&revious Map"), "Ctrl+PgUp", -1),
        ]
        self._before: _Before | None = None
        self._ballot: int | None = None
        """The vote whose lanes were last brought into view (a new one scrolls again)."""
        self._borrowed: list[QAction] = []
        self._anchor = view.resizeAnchor()
        window.installEventFilter(self)
        view.installEventFilter(self)

    def _map_action(self, text: str, keys: str, step: int) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: self.step_map(step))
        self.window.addAction(action)
        return action

    def step_map(self, step: int) -> None:
        """Show the next (1) or previous (-1) map of the project, stopping at either end."""
        rows = self.maps.list.count()
        row = self.maps.list.currentRow() + step
        if rows and 0 <= row < rows:
            self.maps.list.setCurrentRow(row)

    def is_active(self) -> bool:
        return self._before is not None

    def _triggered(self, checked: bool) -> None:
        if checked:
            self.enter()
        else:
            self.leave()

    def enter(self) -> None:
        """Hide every panel, go full screen and fit the map to the screen's width."""
        if self._before is not None:
            return
        window, view = self.window, self.view
        self._before = _Before(
            window_state=window.windowState(),
            geometry=window.geometry(),
            saved_geometry=window.saveGeometry(),
            layout=window.saveState(),
            menu_bar_hidden=window.menuBar().isHidden(),
            status_bar_hidden=window.statusBar().isHidden(),
            transform=view.transform(),
            centre=view.mapToScene(view.viewport().rect().center()),
            scroll_bars=(view.horizontalScrollBarPolicy(), view.verticalScrollBarPolicy()),
            frame=view.frameShape(),
            margins=view.viewportMargins(),
        )
        # The menus are hidden with their bar; their shortcuts keep working from the window.
        self._borrowed = [a for a in _menu_actions(window.menuBar()) if a not in window.actions()]
        window.addActions(self._borrowed)
        for panel in (*window.findChildren(QDockWidget), *window.findChildren(QToolBar)):
            panel.hide()
        window.menuBar().hide()
        window.statusBar().hide()
        window.setWindowState(window.windowState() | Qt.WindowState.WindowFullScreen)
        # The wheel and the keys still scroll; bars would only take width from the map.
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setFrameShape(QFrame.Shape.NoFrame)
        # The timer's own band above the map: it hides no stage header and no card.
        view.setViewportMargins(0, self.overlay.band_height(), 0, 0)
        self.overlay.show()
        self.overlay.place()
        self.fit_width()
        self.action.setChecked(True)

    def leave(self) -> None:
        """Put the window back exactly as it was before `enter`."""
        before = self._before
        if before is None:
            return
        self._before = None
        window, view = self.window, self.view
        self.overlay.hide()
        for action in self._borrowed:
            window.removeAction(action)
        self._borrowed = []
        window.setWindowState(before.window_state)
        if not before.window_state & (MAXIMIZED | Qt.WindowState.WindowFullScreen):
            window.setGeometry(before.geometry)
        window.restoreState(before.layout)
        # Laid out again once the window has its old size back, restoreState puts every
        # dock edge where it was (done at the full-screen size, an edge may move a pixel).
        QTimer.singleShot(0, window, lambda: window.restoreState(before.layout))
        window.menuBar().setHidden(before.menu_bar_hidden)
        window.statusBar().setHidden(before.status_bar_hidden)
        view.setHorizontalScrollBarPolicy(before.scroll_bars[0])
        view.setVerticalScrollBarPolicy(before.scroll_bars[1])
        view.setFrameShape(before.frame)
        view.setViewportMargins(before.margins)
        # The window shrinks back later (the window system decides when): keep the centre.
        view.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        view.setTransform(before.transform)
        view.centerOn(before.centre)
        view.zoomChanged.emit(view.zoom())
        self.action.setChecked(False)

    def window_layout(self) -> tuple[QByteArray, QByteArray]:
        """The window's geometry and docks to remember for next time: as they were
        before the presenter view, when it is on."""
        if self._before is not None:
            return self._before.saved_geometry, self._before.layout
        return self.window.saveGeometry(), self.window.saveState()

    def fit_width(self) -> None:
        """Zoom so that the map and its margin fill the screen's width (never below a
        readable size), showing its top left."""
        scene = self.view.scene()
        width = scene.sceneRect().width() if isinstance(scene, MapScene) else 0.0
        if width <= 0:
            return
        zoom = (self.view.viewport().width() - 1) / width
        self.view.set_zoom(min(MAX_ZOOM, max(READABLE_ZOOM, zoom)))
        for bar in (self.view.horizontalScrollBar(), self.view.verticalScrollBar()):
            bar.setValue(bar.minimum())
        self._ballot = None
        self.voting_changed()

    def voting_changed(self) -> None:
        """While presenting, a vote that starts on the shown map brings its lanes into
        view: they are mostly pain points and opportunities, low on the map, where the
        room could not see the cards it votes on. The stage headers come with them when
        both fit on the screen. Votes given later scroll nothing."""
        scene = self.view.scene()
        if not self.is_active() or not isinstance(scene, MapScene) or scene.map_id is None:
            return
        ballot = scene.document.open_ballot(scene.map_id)
        if ballot is None or ballot.id == self._ballot or scene.layout is None:
            self._ballot = None if ballot is None else ballot.id
            return
        self._ballot = ballot.id
        voted = set(scene.document.ballot_lanes(ballot.id))
        rects = [header.rect for header in scene.layout.lanes if header.id in voted]
        if not rects:
            return
        top = min(rect.y for rect in rects)
        bottom = max(rect.y + rect.h for rect in rects)
        shown = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        margin = VOTED_MARGIN / self.view.zoom()
        if bottom + 2 * margin <= shown.height():
            top = 0.0  # the stage names fit above the lanes: the room reads which is which
        # Taller than the screen: its top first, where the first voted lane starts.
        band = scene.layout.corner.h  # the stage headers, held at the top when scrolled
        height = min(bottom - top, shown.height() - 2 * margin - band)
        scene.bring_into_view(
            QRectF(shown.x(), top, 1, max(1.0, height)), 0, int(VOTED_MARGIN), across=False
        )

    def map_shown(self) -> None:
        """Another map, or another screen size: fit again while presenting (the countdown
        runs on)."""
        if self.is_active():
            self.fit_width()

    def _restore_anchor(self) -> None:
        self.view.setResizeAnchor(self._anchor)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window and kind == QEvent.Type.KeyPress and self.is_active():
            assert isinstance(event, QKeyEvent)
            plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
            if event.key() == Qt.Key.Key_Escape and plain:
                self.leave()
                return True
        if watched is self.view and kind == QEvent.Type.Resize:
            if self.is_active():
                QTimer.singleShot(0, self, self.map_shown)
            elif self.view.resizeAnchor() != self._anchor:
                QTimer.singleShot(0, self, self._restore_anchor)
        return super().eventFilter(watched, event)
