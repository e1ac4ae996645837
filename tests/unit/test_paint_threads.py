"""The app and the command line paint on their own thread: Qt's pool of painting
threads (which costs more than it saves on the canvas, see paint_threads.py) is never
started. Each case runs in a fresh process, because the pool, once made, stays."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from journeyeditor import paint_threads

ROOT = Path(__file__).resolve().parents[2]

PAINT_AND_LIST_THREADS = """
import os, sys
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
how = sys.argv[1]
if how == "app":
    from journeyeditor.app import make_application
    make_application([])
elif how == "cli":
    from journeyeditor.cli import _application
    _application(["export"])
else:
    QGuiApplication([])
image = QImage(800, 800, QImage.Format.Format_ARGB32_Premultiplied)
image.fill(0)
painter = QPainter(image)
painter.fillRect(image.rect(), QColor(255, 0, 0, 128))
painter.end()
for task in os.listdir("/proc/self/task"):
    print(open(f"/proc/self/task/{task}/comm").read().strip())
"""


def painting_threads(how: str) -> list[str]:
    """The names of the threads of a fresh process started `how` after one large fill."""
    env = {k: v for k, v in os.environ.items() if k != paint_threads.SWITCH}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-c", PAINT_AND_LIST_THREADS, how],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return [name for name in result.stdout.splitlines() if name.startswith("Thread (pooled)")]


def test_a_bare_qt_application_fills_with_a_pool_of_threads() -> None:
    """The control: without the switch, Qt starts its pool (so the cases below can fail)."""
    assert painting_threads("bare")


@pytest.mark.parametrize("how", ["app", "cli"])
def test_the_app_and_the_command_line_paint_on_one_thread(how: str) -> None:
    assert painting_threads(how) == []
