"""Child of the hostile-file runner: open FILE in the main window, offscreen, once.

    python tests/hostile/window_child.py FILE

Opens the window as the app does for a file named on the command line
(`MainWindow.open_or_warn`), shows it and paints it once, then prints one JSON line:
`{"opened": bool, "messages": [text of every message box]}`. Message boxes never block:
each is recorded and answered "Yes" (so a write-protected file is tried read-only).
Exits 0 when the window opened the file or said why not, 1 when it did neither.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QMessageBox

from journeyeditor.app import make_application
from journeyeditor.ui.main_window import MainWindow

MESSAGES: list[str] = []
YES = QMessageBox.StandardButton.Yes


def _record(_parent: Any, _title: str, text: str, *_args: Any, **_kwargs: Any) -> Any:
    MESSAGES.append(text)
    return YES


def _record_exec(box: QMessageBox) -> int:
    MESSAGES.append(box.text())
    return int(YES.value)


def main() -> int:
    for name in ("critical", "warning", "information", "question"):
        setattr(QMessageBox, name, staticmethod(_record))
    QMessageBox.exec = _record_exec  # type: ignore[method-assign, assignment]
    app = make_application([])
    window = MainWindow()
    opened = window.open_or_warn(Path(sys.argv[1]))
    window.show()
    app.processEvents()
    window.grab()  # paint every widget, the map included
    window.close()
    app.processEvents()
    print(json.dumps({"opened": opened, "messages": MESSAGES}), flush=True)
    return 0 if opened or MESSAGES else 1


if __name__ == "__main__":
    sys.exit(main())
