"""A bug in a command-line run: one line naming the log, exit 70, never a traceback; a
closed stdout ends the run quietly; importing the app installs no exception hook."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from journeyeditor import crash

from helpers.projects import child_environment

INJECT = """
import sys
import journeyeditor.cli as cli

def broken(path):
    raise RuntimeError("injected\\nfailure in summary")

cli.summary = broken  # what `info` calls: an internal error in a real command
sys.exit(cli.main(sys.argv[1:]))
"""


def child(*args: str, stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        env=child_environment(),
    )


def logged() -> Path:
    """Where a child's log goes: its data folder is the test's XDG_DATA_HOME."""
    data = Path(os.environ["XDG_DATA_HOME"])
    return data / crash.ORGANIZATION / crash.APPLICATION / "logs" / crash.LOG_NAME


def test_an_internal_error_is_one_line_and_the_log(sample_file: Path) -> None:
    result = child("-c", INJECT, "info", str(sample_file))
    assert result.returncode == crash.EXIT_SOFTWARE == 70
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "RuntimeError: injected failure in summary" in lines[0]
    log = logged()
    assert str(log) in lines[0]
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "in broken" in text and "cmd_info" in text
    assert "Journey Editor" in text and "Qt " in text


def test_a_closed_stdout_ends_quietly(sample_file: Path) -> None:
    """`journeyeditor info F | head -1`: the reader is gone before anything is written."""
    read, write = os.pipe()
    os.close(read)
    try:
        result = child("-m", "journeyeditor", "info", str(sample_file), stdout=write)
    finally:
        os.close(write)
    assert result.stderr == ""
    assert result.returncode == crash.EXIT_BROKEN_PIPE


def test_importing_the_app_installs_no_hook() -> None:
    """Only the real start installs the crash hooks, so pytest-qt keeps its own."""
    script = (
        "import sys, threading\n"
        "hooks = sys.excepthook, threading.excepthook\n"
        "import journeyeditor.cli, journeyeditor.app, journeyeditor.crash\n"
        "import journeyeditor.ui.crash_dialog, journeyeditor.ui.single_instance\n"
        "assert (sys.excepthook, threading.excepthook) == hooks\n"
    )
    result = child("-c", script)
    assert result.returncode == 0, result.stderr
