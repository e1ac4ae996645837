"""A virtual X screen (Xvfb), xdotool and a driver of the app in it (questions to its helper,
X events to its window, its file read meanwhile), shared by the tests that drive the real window."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest

NEEDED = ("Xvfb", "xdotool")
QUIET = ("qt.qpa.xcb:", "qt.qpa.fonts:")
"""Messages of Qt's X platform about the virtual screen itself, not about our code."""


def require_tools(*more: str) -> None:
    """Skip without Xvfb, xdotool (or `more` tools), except under CI, where their absence
    is a failure."""
    missing = [tool for tool in (*NEEDED, *more) if shutil.which(tool) is None]
    if missing:
        reason = f"{', '.join(missing)} not installed (scripts/setup.sh installs them)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


@contextmanager
def virtual_display(width: int, height: int) -> Iterator[str]:
    """An Xvfb server with one screen of `width` × `height`; yields its DISPLAY name."""
    require_tools()
    read, write = os.pipe()
    screen = f"{width}x{height}x24"
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", screen, "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as stream:
        number = stream.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def xdotool(display: str, *args: str) -> str:
    env = {**os.environ, "DISPLAY": display}
    done = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=30)
    return done.stdout


def query(path: Path, sql: str, *parameters: Any) -> list[tuple[Any, ...]]:
    """Rows read on a read-only connection of the test's own, while the app runs."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        return connection.execute(sql, parameters).fetchall()


def wait_for(what: str, check: Callable[[], Any], wait: float) -> Any:
    """Poll until `check` gives something true, at most `wait` seconds (the app works at
    its own pace)."""
    deadline = time.monotonic() + wait
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


class AppDriver:
    """The app in its child process: questions to its helper (one JSON line each way on
    its stdin and stdout), X events to its window."""

    def __init__(self, display: str, app: subprocess.Popen[str]) -> None:
        self.display = display
        self.app = app

    def ask(self, question: str) -> Any:
        assert self.app.stdin is not None and self.app.stdout is not None
        self.app.stdin.write(question + "\n")
        self.app.stdin.flush()
        line = self.app.stdout.readline()
        assert line, "the app stopped answering"
        return json.loads(line)

    def x(self, *args: str) -> None:
        xdotool(self.display, *args)

    def click(self, at: list[int], repeat: int = 1) -> None:
        self.x("mousemove", str(at[0]), str(at[1]), "click", "--repeat", str(repeat), "1")


D = TypeVar("D", bound=AppDriver)


@contextmanager
def running_app(
    driver: Callable[[str, subprocess.Popen[str]], D],
    display: str,
    command: list[str],
    env: dict[str, str],
    folder: Path,
) -> Iterator[D]:
    """The app started by `command` (a helper script and its arguments, run by this
    Python), driven by a `driver`, once it says it is ready. On a failure the screen goes
    to `folder`/failure.png and the app's messages are printed; it never outlives the
    test, and when the test passes its stderr holds no traceback and nothing but QUIET."""
    app = subprocess.Popen(
        [sys.executable, *command],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert app.stdout is not None
        assert json.loads(app.stdout.readline() or "null") == "ready", "the app did not start"
        yield driver(display, app)
    except BaseException:
        failed = folder / "failure.png"
        subprocess.run(["import", "-display", display, "-window", "root", str(failed)], timeout=60)
        print(f"the screen when the test failed: {failed}")
        app.terminate()
        app.wait(10)
        print(app.stderr.read() if app.stderr else "")
        raise
    finally:
        if app.poll() is None:
            app.terminate()
            app.wait(10)
    errors = app.stderr.read() if app.stderr else ""
    assert "Traceback" not in errors, errors
    noise = [line for line in errors.splitlines() if line and not line.startswith(QUIET)]
    assert not noise, errors
