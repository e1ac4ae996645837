"""The real Journey Editor window for the Xvfb test, reporting where things are on screen.

Run as `python tests/helpers/xvfb_app.py FILE` on an X display. It opens the main window
exactly as the app does, then prints one JSON line with screen coordinates: the palette's
"Note" entry and the centre of a target cell, with that cell's stage and lane ids.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QTimer

from journeyeditor.app import make_application
from journeyeditor.ui.main_window import MainWindow


def main() -> int:
    app = make_application([])
    window = MainWindow()
    window.open_path(Path(sys.argv[1]))
    window.move(0, 0)
    window.resize(1280, 800)
    window.show()

    def report() -> None:
        scene, view = window.scene, window.view
        assert scene is not None and scene.layout is not None
        palette = window.palette_list
        note = palette.visualItemRect(palette.item(0)).center()
        note_global = palette.viewport().mapToGlobal(note)
        stage = scene.stages[1]
        lane = next(lane for lane in scene.lanes if lane.kind == "text")
        cell = scene.layout.cells[(stage.id, lane.id)].rect
        target = QPointF(cell.x + cell.w / 2, cell.bottom - 6)
        view.ensureVisible(cell.x, cell.y, cell.w, cell.h, 10, 10)
        target_global = view.viewport().mapToGlobal(view.mapFromScene(target))
        print(
            json.dumps(
                {
                    "note": [note_global.x(), note_global.y()],
                    "cell": [target_global.x(), target_global.y()],
                    "stage": stage.id,
                    "lane": lane.id,
                }
            ),
            flush=True,
        )

    QTimer.singleShot(1500, report)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
