"""Start the window as the `journeyeditor` command does, print what it shows, and quit.

Run by tests/unit/test_wheel.py with an installed wheel's Python: `python -I
window_report.py FILE --lang fr`. It calls the app's own start-up (`app.run_gui`) and,
once the window is up, prints one JSON line: where the package and its resources were
loaded from, the window's title and its menu titles. No hook in the app is needed.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

import journeyeditor
from journeyeditor import app as journey_app
from journeyeditor import resources

WAIT_MS = 200


def report(application: QApplication) -> None:
    windows = [w for w in application.topLevelWidgets() if isinstance(w, QMainWindow)]
    shown = [w for w in windows if w.isVisible()]
    if not shown:
        QTimer.singleShot(WAIT_MS, lambda: report(application))
        return
    window = shown[0]
    menus = [action.text() for action in window.menuBar().actions()]
    found = {
        "package": journeyeditor.__file__,
        "resources": str(resources.ROOT),
        "title": window.windowTitle(),
        "menus": menus,
    }
    print(json.dumps(found, ensure_ascii=False), flush=True)
    application.quit()


def main() -> int:
    application = journey_app.make_application([])
    QTimer.singleShot(WAIT_MS, lambda: report(application))
    return journey_app.run_gui(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
