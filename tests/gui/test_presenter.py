"""The presenter view with real key and mouse events: F11 in, Escape or F11 out with the
window exactly as it was, and a countdown (on a fake clock) that runs on through map
changes and scrolling."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QMargins,
    QPointF,
    QRect,
    QSettings,
    Qt,
)
from PySide6.QtWidgets import QDockWidget, QPlainTextEdit, QToolBar, QWidget
from pytestqt.qtbot import QtBot

from journeyeditor.editing import edits, voting
from journeyeditor.model import LaneKind
from journeyeditor.ui.countdown import MINUTE_MS
from journeyeditor.ui.main_window import MainWindow

from helpers.fake_clock import FakeClock

CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def clock(window: MainWindow) -> FakeClock:
    fake = FakeClock()
    window.presenter.countdown.clock = fake
    return fake


def panels(window: MainWindow) -> list[QWidget]:
    return [*window.findChildren(QDockWidget), *window.findChildren(QToolBar)]


def shown_panels(window: MainWindow) -> set[str]:
    return {panel.objectName() for panel in panels(window) if panel.isVisible()}


def fitted_to_width(window: MainWindow) -> bool:
    scene = window.view.scene()
    shown = scene.sceneRect().width() * window.view.zoom()
    return abs(shown - window.view.viewport().width()) <= 2


def centre(window: MainWindow) -> QPointF:
    view = window.view
    return view.mapToScene(view.viewport().rect().center())


@dataclass
class Look:
    """What `leave` must give back."""

    full_screen: bool
    geometry: QRect
    layout: QByteArray
    panels: set[str]
    menu_bar: bool
    zoom: float
    centre: QPointF

    @classmethod
    def of(cls, window: MainWindow) -> Look:
        return cls(
            window.isFullScreen(),
            window.geometry(),
            window.saveState(),
            shown_panels(window),
            window.menuBar().isVisible(),
            window.view.zoom(),
            centre(window),
        )


def press(
    qtbot: QtBot,
    window: MainWindow,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """A key pressed with the map focused, as a presenter would."""
    window.view.setFocus()
    qtbot.keyClick(window.view, key, modifier)


def enter(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: fitted_to_width(window))


def click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, LEFT)


def test_f11_goes_full_screen_with_the_map_alone_fitted_to_the_width(
    window: MainWindow, qtbot: QtBot
) -> None:
    assert {"mapsDock", "inspectorDock", "mainToolBar", "findBar"} <= shown_panels(window)
    assert not window.isFullScreen() and not fitted_to_width(window)
    enter(qtbot, window)
    assert window.presenter.is_active()
    assert window.isFullScreen()
    assert window.windowState() & Qt.WindowState.WindowFullScreen
    assert shown_panels(window) == set()
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert window.presenter.overlay.isVisible()
    assert window.presenter.action.isChecked()


@pytest.mark.parametrize("key", [Qt.Key.Key_Escape, Qt.Key.Key_F11])
def test_leaving_restores_the_window_exactly(window: MainWindow, qtbot: QtBot, key: Qt.Key) -> None:
    window.palette_dock.hide()
    window.view.set_zoom(1.6)
    window.view.centerOn(900, 500)
    QCoreApplication.processEvents()
    before = Look.of(window)
    enter(qtbot, window)
    assert Look.of(window) != before
    press(qtbot, window, key)
    assert not window.presenter.is_active()
    QCoreApplication.processEvents()
    after = Look.of(window)
    assert after.full_screen is False
    assert after.geometry == before.geometry
    assert after.panels == before.panels and "paletteDock" not in after.panels
    assert after.layout == before.layout
    assert after.menu_bar and window.statusBar().isVisible()
    assert after.zoom == pytest.approx(before.zoom)
    assert abs(after.centre.x() - before.centre.x()) <= 1
    assert abs(after.centre.y() - before.centre.y()) <= 1
    assert not window.presenter.overlay.isVisible()


def test_escape_in_a_card_being_edited_cancels_the_edit_only(
    window: MainWindow, qtbot: QtBot
) -> None:
    enter(qtbot, window)
    scene = window.scene
    assert scene is not None
    scene.select_cards([next(iter(scene.card_items))])
    press(qtbot, window, Qt.Key.Key_F2)
    editor = window.view.viewport().findChild(QPlainTextEdit, "inlineEditor")
    assert editor is not None and editor.hasFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert window.presenter.is_active() and window.isFullScreen()


def test_menu_keys_work_with_the_menu_bar_hidden(window: MainWindow, qtbot: QtBot) -> None:
    enter(qtbot, window)
    assert window.view.zoom() != pytest.approx(1.0)
    press(qtbot, window, Qt.Key.Key_0, CTRL)
    assert window.view.zoom() == pytest.approx(1.0)


def test_closing_in_the_presenter_view_remembers_the_ordinary_layout(
    window: MainWindow, qtbot: QtBot
) -> None:
    layout, geometry = window.saveState(), window.saveGeometry()
    enter(qtbot, window)
    window.close()
    assert QSettings().value("window/state") == layout
    assert QSettings().value("window/geometry") == geometry


def test_timer_buttons_start_pause_resume_and_reset(
    window: MainWindow, qtbot: QtBot, clock: FakeClock
) -> None:
    enter(qtbot, window)
    overlay = window.presenter.overlay
    countdown = window.presenter.countdown
    click(qtbot, overlay.presets[1])
    assert overlay.time_label.text() == "10:00"
    click(qtbot, overlay.start_button)
    assert countdown.is_running() and overlay.start_button.text() == "Pause"
    clock.advance(61_000)
    with qtbot.waitSignal(countdown.tick):
        pass
    assert overlay.time_label.text() == "08:59"
    click(qtbot, overlay.start_button)
    clock.advance(120_000)
    assert countdown.remaining() == 10 * MINUTE_MS - 61_000
    assert overlay.time_label.text() == "08:59" and overlay.start_button.text() == "Resume"
    click(qtbot, overlay.start_button)
    clock.advance(30_000)
    with qtbot.waitSignal(countdown.tick):
        pass
    assert overlay.time_label.text() == "08:29"
    click(qtbot, overlay.reset_button)
    assert not countdown.is_running()
    assert overlay.time_label.text() == "10:00" and overlay.start_button.text() == "Start"


def test_time_up_finishes_once_and_flashes(
    window: MainWindow, qtbot: QtBot, clock: FakeClock
) -> None:
    enter(qtbot, window)
    overlay = window.presenter.overlay
    countdown = window.presenter.countdown
    finished: list[bool] = []
    countdown.finished.connect(lambda: finished.append(True))
    click(qtbot, overlay.presets[0])
    click(qtbot, overlay.start_button)
    assert not overlay.flashing()
    clock.advance(5 * MINUTE_MS)
    with qtbot.waitSignal(countdown.finished):
        pass
    clock.advance(10_000)
    countdown.poll()
    countdown.poll()
    assert finished == [True]
    assert overlay.flashing()
    assert overlay.time_label.text() == "00:00" and overlay.start_button.text() == "Start"


def test_the_timer_hides_nothing_of_the_map(
    window: MainWindow, qtbot: QtBot, clock: FakeClock
) -> None:
    """The timer has a band of its own above the map, in the view's top right corner:
    no stage header or card under it, its buttons shown or not; leaving gives the map
    the whole view back."""
    del clock
    enter(qtbot, window)
    view, overlay = window.view, window.presenter.overlay
    corner = view.contentsRect()
    for running in (False, True):
        if running:
            click(qtbot, overlay.presets[0])
            click(qtbot, overlay.start_button)
            assert not overlay.controls.isVisible()
        box = overlay.geometry()
        assert overlay.isVisible() and corner.contains(box)
        assert not box.intersects(view.viewport().geometry()), (box, view.viewport().geometry())
        assert box.right() > corner.center().x() and box.top() < corner.center().y()
    press(qtbot, window, Qt.Key.Key_Escape)
    assert view.viewportMargins() == QMargins()
    assert view.viewport().geometry().top() == view.contentsRect().top()


def test_timer_runs_on_through_map_changes_and_scrolling(
    window: MainWindow, qtbot: QtBot, clock: FakeClock
) -> None:
    enter(qtbot, window)
    overlay = window.presenter.overlay
    countdown = window.presenter.countdown
    click(qtbot, overlay.presets[0])
    click(qtbot, overlay.start_button)
    clock.advance(20_000)
    scene = window.scene
    assert scene is not None
    first_map = scene.map_id
    press(qtbot, window, Qt.Key.Key_PageDown, CTRL)
    assert scene.map_id != first_map
    qtbot.waitUntil(lambda: fitted_to_width(window))
    window.view.set_zoom(2.0)
    bar = window.view.verticalScrollBar()
    top, where = bar.value(), overlay.pos()
    press(qtbot, window, Qt.Key.Key_PageDown)
    assert bar.value() > top
    assert overlay.pos() == where and overlay.isVisible()
    clock.advance(40_000)
    with qtbot.waitSignal(countdown.tick):
        pass
    assert countdown.is_running() and countdown.is_ticking()
    assert countdown.remaining() == 5 * MINUTE_MS - 60_000
    assert overlay.time_label.text() == "04:00"


def lane_on_screen(window: MainWindow, lane_id: int) -> bool:
    """Whether the lane's header row lies wholly inside the presenter's viewport."""
    scene = window.scene
    assert scene is not None and scene.layout is not None
    rect = next(header.rect for header in scene.layout.lanes if header.id == lane_id)
    top = window.view.mapFromScene(QPointF(rect.x, rect.y))
    bottom = window.view.mapFromScene(QPointF(rect.x, rect.y + rect.h))
    return top.y() >= 0 and bottom.y() <= window.view.viewport().height()


def test_a_vote_started_while_presenting_brings_its_lanes_into_view(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The lowest card lane of the map is voted on: below the fold when the presenter
    view starts, on the screen once the vote starts; a vote given after that leaves the
    view where the presenter scrolled it."""
    enter(qtbot, window)
    scene, document = window.scene, window.document
    assert scene is not None and scene.map_id is not None and document is not None
    lanes = [lane for lane in document.lanes(scene.map_id) if lane.kind == LaneKind.TEXT.value]
    lowest = lanes[-1].id
    assert not lane_on_screen(window, lowest)
    assert document.push(voting.open_ballot(document, scene.map_id, [lowest]))
    assert lane_on_screen(window, lowest)
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.minimum())
    assert document.push(edits.add_participant(document, "Ana", None))
    participant = document.participants()[0].id
    card = next(c for c in document.cards(scene.map_id) if c.lane_id == lowest)
    ballot = document.open_ballot(scene.map_id)
    assert ballot is not None
    assert document.push(voting.give_vote(document, ballot.id, card.id, participant))
    assert bar.value() == bar.minimum()


def test_a_vote_on_a_lane_near_the_top_brings_the_stage_names_with_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Scrolled to the bottom, a vote on the second lane scrolls back up far enough to
    show the stage headers above it too: the room must read which stage a card is in."""
    enter(qtbot, window)
    scene, document = window.scene, window.document
    assert scene is not None and scene.map_id is not None and document is not None
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    second = document.lanes(scene.map_id)[1].id
    assert not lane_on_screen(window, second)
    assert document.push(voting.open_ballot(document, scene.map_id, [second]))
    assert lane_on_screen(window, second)
    assert window.view.mapFromScene(QPointF(0, 0)).y() >= 0


def test_closing_while_presenting_reads_nothing_of_the_closed_file(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The window shrinking from full screen after its file closed must not fit the
    map again (that reads the vote from the closed file: pytest-qt would see it raise)."""
    enter(qtbot, window)
    window.close()
    qtbot.wait(100)
    assert not window.presenter.is_active()
