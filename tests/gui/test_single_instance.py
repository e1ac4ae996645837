"""One app per person: a second launch with a file hands it to the running app and exits 0.

The running app is served in this process (app.Windows behind a single_instance.Server,
as run_gui sets them up); the second launch is a real `python -m journeyeditor FILE` in
a child process, which finds the server by the same per-user, per-data-folder name
(the test's private XDG_DATA_HOME keeps it apart from any other run).
"""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from journeyeditor.app import FileOpenEvents, Windows
from journeyeditor.ui import single_instance
from journeyeditor.ui.single_instance import Server

from helpers.projects import child_environment


@pytest.fixture
def running(qtbot: QtBot) -> Iterator[tuple[Server, Windows]]:
    """The first app: its windows and its server."""
    del qtbot
    windows = Windows()
    server = Server()
    server.filesArrived.connect(windows.open_files)
    assert server.listen()
    yield server, windows
    server.close()
    for window in list(windows.windows):
        window.close()


def second_launch(qtbot: QtBot, *args: str) -> subprocess.Popen[str]:
    """`journeyeditor ARGS` as a person's second double-click starts it; it exits once the
    running app answered, which needs this process's event loop, so wait by spinning it."""
    child = subprocess.Popen(
        [sys.executable, "-m", "journeyeditor", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_environment(),
    )
    try:
        qtbot.waitUntil(lambda: child.poll() is not None, timeout=60_000)
    finally:
        if child.poll() is None:  # it was not taken and started a window of its own
            child.kill()
            child.wait()
    return child


def shown_paths(windows: Windows) -> list[Path]:
    return [w.document.path for w in windows.windows if w.document is not None and w.isVisible()]


@pytest.fixture
def questions() -> Iterator[list[str]]:
    """Message boxes that came up, each cancelled (so a regression fails, never hangs)."""
    seen: list[str] = []

    def cancel() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.reject()

    timer = QTimer()
    timer.timeout.connect(cancel)
    timer.start(100)
    yield seen
    timer.stop()


def test_a_second_launch_hands_its_file_over(
    running: tuple[Server, Windows], sample_file: Path, qtbot: QtBot, questions: list[str]
) -> None:
    _server, windows = running
    child = second_launch(qtbot, str(sample_file))
    assert child.returncode == 0, child.stderr
    qtbot.waitUntil(lambda: shown_paths(windows) == [sample_file], timeout=10_000)
    # The same file again: its window comes forward, no second window is made.
    again = second_launch(qtbot, str(sample_file))
    assert again.returncode == 0, again.stderr
    assert shown_paths(windows) == [sample_file]
    assert len(windows.windows) == 1
    assert questions == [], "the window that has the file came forward; nobody was asked"


def hand_over_from_child(qtbot: QtBot, name: str, path: Path) -> int:
    """`single_instance.hand_over` in another process (in a thread of this one, PySide
    would hold the GIL through its blocking wait and starve the server); 0 when taken."""
    script = (
        "import sys; from pathlib import Path\n"
        "from journeyeditor.ui.single_instance import hand_over\n"
        "sys.exit(0 if hand_over([Path(sys.argv[2])], sys.argv[1]) else 1)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, name, str(path)], env=child_environment()
    )
    try:
        qtbot.waitUntil(lambda: child.poll() is not None, timeout=30_000)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    return child.returncode


def test_a_stale_socket_is_recovered(sample_file: Path, qtbot: QtBot, tmp_path: Path) -> None:
    """A crashed app left its socket file behind: nobody accepts on it, so the next app
    removes it and listens."""
    name = single_instance.server_name()
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(name)
    stale.close()
    assert not single_instance.hand_over([sample_file], name)
    server = Server(name)
    arrived: list[list[Path]] = []
    server.filesArrived.connect(arrived.append)
    try:
        assert server.listen()
        assert hand_over_from_child(qtbot, name, sample_file) == 0
        assert arrived == [[sample_file]]
    finally:
        server.close()


def test_no_running_app_means_no_hand_over(sample_file: Path) -> None:
    assert not single_instance.hand_over([sample_file])


def test_a_second_server_does_not_take_over(running: tuple[Server, Windows]) -> None:
    server, _windows = running
    other = Server(server.name)
    assert not other.listen()


def test_a_malformed_request_is_refused(running: tuple[Server, Windows], qtbot: QtBot) -> None:
    server, windows = running
    arrived: list[list[Path]] = []
    server.filesArrived.connect(arrived.append)
    client = socket.socket(socket.AF_UNIX)
    client.connect(server.name)
    client.sendall(b'{"open": [1, 2]}\n')
    client.settimeout(0)
    closed: list[bytes] = []

    def answered() -> bool:
        try:
            closed.append(client.recv(10))
        except BlockingIOError:
            return False
        return True

    qtbot.waitUntil(answered, timeout=10_000)
    client.close()
    assert closed == [b""] and arrived == [] and windows.windows == []


def test_the_switch_turns_it_off(monkeypatch: pytest.MonkeyPatch) -> None:
    assert single_instance.enabled()
    monkeypatch.setenv(single_instance.SWITCH, "0")
    assert not single_instance.enabled()


def test_a_file_the_system_asks_to_open_is_opened(
    running: tuple[Server, Windows], sample_file: Path, qtbot: QtBot, questions: list[str]
) -> None:
    """macOS hands a document double-clicked in the Finder to the running app as a
    FileOpen event; it opens like a file handed over by a second launch, once."""
    _server, windows = running
    opener = FileOpenEvents(windows)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(opener)
    try:
        for _ in range(2):
            QApplication.sendEvent(app, QFileOpenEvent(str(sample_file)))
            qtbot.waitUntil(lambda: shown_paths(windows) == [sample_file], timeout=10_000)
        assert len(windows.windows) == 1
        assert questions == []
    finally:
        app.removeEventFilter(opener)
