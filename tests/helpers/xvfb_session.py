"""The real Journey Editor window for the scripted workshop session under Xvfb.

Run as `python tests/helpers/xvfb_session.py FILE WIDTH HEIGHT` on an X display. It opens
the main window exactly as the app does, at (0, 0) and WIDTH × HEIGHT, prints `"ready"`
(a JSON line) once the window is on screen, and then answers each line read on stdin
with one JSON line of screen coordinates, computed from the live scene layout and
widgets, so that the driver can click with xdotool:

- `where`: the window's X id; the map view's visible rectangle; per card-holding cell
  an empty spot (`None` when the cell has none) and per card its centre; the Workshop
  toolbar's two choosers and the Vote panel's "Start vote…" button; the timer
  overlay's buttons and digits while it shows; whether the presenter view is on and
  whether a card is being typed (the in-place editor has the focus).
- `popup`: the items of the open combo box popup, each `[label, x, y]`.
- `dialog`: the buttons of the open modal dialog, each `[label, x, y]`.

It only reports: every change is made by the driver's X events.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QPointF, QSocketNotifier, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QTabBar, QWidget

from journeyeditor.app import make_application
from journeyeditor.ui.main_window import MainWindow

Point = list[int]


def centre(widget: QWidget) -> Point:
    """The widget's centre on the screen."""
    at = widget.mapToGlobal(widget.rect().center())
    return [at.x(), at.y()]


def shown(widget: QWidget) -> bool:
    """On screen: visible, and not behind another tab (a tabbed dock's hidden page may
    still say it is visible)."""
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


class Reporter:
    """Answers the driver's questions about where things are on the screen."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def answer(self, question: str) -> Any:
        if question == "where":
            return self.where()
        if question == "popup":
            return self.popup()
        if question == "dialog":
            return self.dialog()
        return {"error": f"unknown question {question!r}"}

    def _global(self, pos: QPointF) -> Point:
        view = self.window.view
        at = view.viewport().mapToGlobal(view.mapFromScene(pos))
        return [at.x(), at.y()]

    def where(self) -> dict[str, Any]:
        window, view, scene = self.window, self.window.view, self.window.scene
        assert scene is not None and scene.layout is not None
        viewport = view.viewport()
        top_left = viewport.mapToGlobal(QPoint(0, 0))
        cells: list[dict[str, Any]] = []
        for (stage_id, lane_id), cell in scene.layout.cells.items():
            if not scene.holds_cards(lane_id):
                continue
            cells.append(
                {
                    "stage": stage_id,
                    "lane": lane_id,
                    "spot": self._empty_spot(stage_id, lane_id),
                    "cards": {
                        str(card_id): self._global(item.sceneBoundingRect().center())
                        for card_id in cell.card_ids
                        if (item := scene.card_items.get(card_id)) is not None
                    },
                }
            )
        bar, presenter = window.workshop_bar, window.presenter
        start = window.voting_panel.start_button
        overlay = presenter.overlay
        timer: dict[str, Any] | None = None
        focus = QApplication.focusWidget()
        if overlay.isVisible():
            timer = {
                "rect": [*centre(overlay), overlay.width(), overlay.height()],
                "five": centre(overlay.presets[0]) if overlay.presets[0].isVisible() else None,
                "start": centre(overlay.start_button) if overlay.start_button.isVisible() else None,
                "text": overlay.time_label.text(),
            }
        return {
            "window": int(window.winId()),
            "view": [top_left.x(), top_left.y(), viewport.width(), viewport.height()],
            "cells": cells,
            "department": centre(bar.department) if bar.department.isVisible() else None,
            "participant": centre(bar.participant) if bar.participant.isVisible() else None,
            "start_vote": centre(start) if shown(start) else None,
            "vote_tab": self._tab(window.voting_dock.windowTitle()),
            "timer": timer,
            "presenting": presenter.is_active(),
            "editing": focus is not None and focus.objectName() == "inlineEditor",
        }

    def _tab(self, title: str) -> Point | None:
        """The screen centre of the tab of a tabbed dock (the Vote dock is a tab beside the
        inspector), or None when no tab bar shows it."""
        for bar in self.window.findChildren(QTabBar):
            for index in range(bar.count()):
                if bar.isVisible() and bar.tabText(index) == title:
                    at = bar.mapToGlobal(bar.tabRect(index).center())
                    return [at.x(), at.y()]
        return None

    def _empty_spot(self, stage_id: int, lane_id: int) -> Point | None:
        """A point of the cell, below its cards, where a double-click starts a new card:
        the lowest one that `MapScene.empty_cell_at` accepts, a few pixels from the edge."""
        scene = self.window.scene
        assert scene is not None and scene.layout is not None
        rect = scene.layout.cells[(stage_id, lane_id)].rect
        x = rect.x + rect.w / 2
        y = rect.y + rect.h - 4
        while y > rect.y:
            cell = scene.empty_cell_at(QPointF(x, y))
            if cell is not None and (cell.stage_id, cell.lane_id) == (stage_id, lane_id):
                return self._global(QPointF(x, y))
            y -= 2
        return None

    def popup(self) -> list[list[Any]]:
        combo = QApplication.focusWidget()
        while combo is not None and not isinstance(combo, QComboBox):
            combo = combo.parentWidget()
        if combo is None or not combo.view().isVisible():
            return []
        items = combo.view()
        found: list[list[Any]] = []
        for row in range(combo.count()):
            rect = items.visualRect(combo.model().index(row, 0))
            at = items.viewport().mapToGlobal(rect.center())
            found.append([combo.itemText(row), at.x(), at.y()])
        return found

    def dialog(self) -> list[list[Any]]:
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible():
            return []
        return [
            [button.text(), *centre(button)]
            for button in modal.findChildren(QAbstractButton)
            if button.isVisible()
        ]


def main(reporting: type[Reporter] = Reporter) -> int:
    """`reporting`: the Reporter class that answers (another session's driver may ask
    more questions)."""
    app = make_application([])
    window = MainWindow()
    window.open_path(Path(sys.argv[1]))
    window.move(0, 0)
    window.resize(int(sys.argv[2]), int(sys.argv[3]))
    window.show()
    reporter = reporting(window)

    def say(value: Any) -> None:
        print(json.dumps(value), flush=True)

    def ready() -> None:
        handle = window.windowHandle()
        if handle is None or not handle.isExposed() or window.scene is None:
            QTimer.singleShot(50, ready)
            return
        say("ready")

    def read() -> None:
        line = sys.stdin.readline()
        if not line:
            notifier.setEnabled(False)
            return
        say(reporter.answer(line.strip()))

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(read)
    QTimer.singleShot(0, ready)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
