"""A virtual X screen (Xvfb) and xdotool, shared by the tests that drive the real window."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

NEEDED = ("Xvfb", "xdotool")


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
