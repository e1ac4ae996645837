"""The app in a real X window on Xvfb, driven with xdotool: a card dragged from the
palette into a cell lands in that cell in the file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from journeyeditor.editing.document import Document

from helpers.xvfb import virtual_display, xdotool

HELPER = Path(__file__).resolve().parent.parent / "helpers" / "xvfb_app.py"


@pytest.fixture
def display() -> Iterator[str]:
    with virtual_display(1280, 800) as name:
        yield name


@pytest.mark.xvfb
def test_palette_card_dragged_into_cell_lands_in_file(
    display: str, sample_file: Path, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_RUNTIME_DIR": str(tmp_path),
    }
    app = subprocess.Popen(
        [sys.executable, str(HELPER), str(sample_file)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert app.stdout is not None
        line = app.stdout.readline()
        assert line, f"the app did not start: {app.stderr.read() if app.stderr else ''}"
        where = json.loads(line)
        (nx, ny), (cx, cy) = where["note"], where["cell"]
        before = _cell(sample_file, where["stage"], where["lane"])
        xdotool(display, "mousemove", str(nx), str(ny))
        time.sleep(0.3)
        xdotool(display, "mousedown", "1")
        steps = 12
        for step in range(1, steps + 1):
            x = nx + (cx - nx) * step / steps
            y = ny + (cy - ny) * step / steps
            xdotool(display, "mousemove", str(round(x)), str(round(y)))
            time.sleep(0.05)
        time.sleep(0.3)
        xdotool(display, "mouseup", "1")
        deadline = time.monotonic() + 10
        after = before
        while time.monotonic() < deadline and len(after) == len(before):
            time.sleep(0.2)
            after = _cell(sample_file, where["stage"], where["lane"])
        shot = os.environ.get("JOURNEYEDITOR_XVFB_SHOT")
        if shot and shutil.which("import"):
            subprocess.run(["import", "-display", display, "-window", "root", shot], check=False)
        assert len(after) == len(before) + 1, "no card was added to the target cell"
        assert after[: len(before)] == before
    finally:
        app.terminate()
        app.wait(10)


def _cell(path: Path, stage_id: int, lane_id: int) -> list[int]:
    document = Document.open(path, read_only=True)
    try:
        return [card.id for card in document.cell(stage_id, lane_id)]
    finally:
        document.close()
