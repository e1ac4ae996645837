"""The real start (`app.run_gui`) when the main window cannot be made.

Prints `dialog: <what it says>` once the crash dialog shows, closes it, and exits with
whatever run_gui returns. Run with JOURNEYEDITOR_SINGLE_INSTANCE=0 and an offscreen Qt.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from journeyeditor import app
from journeyeditor.ui import main_window
from journeyeditor.ui.crash_dialog import CrashDialog


class BrokenWindow:
    def __init__(self) -> None:
        raise RuntimeError("injected failure at start-up")


def close_the_dialog() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, CrashDialog) and widget.isVisible():
            print("dialog:", widget.what.text().split(": ", 1)[1], flush=True)
            widget.close()
            return
    QTimer.singleShot(50, close_the_dialog)


def make_application(argv: list[str]) -> QApplication:
    """The app's own, then a look for the dialog once its event loop runs."""
    made = real_make_application(argv)
    QTimer.singleShot(0, close_the_dialog)
    return made


real_make_application = app.make_application


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    main_window.MainWindow = BrokenWindow  # type: ignore[misc,assignment]
    app.make_application = make_application  # type: ignore[assignment]
    return app.run_gui([])


if __name__ == "__main__":
    sys.exit(main())
