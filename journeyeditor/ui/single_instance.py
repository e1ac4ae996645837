"""One running app per person: a second launch hands its files to the first and exits.

The running app listens on a local socket (QLocalServer) in the user's private runtime
folder (XDG_RUNTIME_DIR, mode 0700: nobody else can squat the name or listen in), named
from the user and their data folder, so two people on one machine, or two test runs
with their own XDG_DATA_HOME, never meet. A launch first tries to connect: when someone
answers "ok" to its list of files, its work is done. When nobody answers, it starts
normally and listens itself; a socket left by a crashed app (nobody accepts on it) is
removed first (QLocalServer.removeServer). On Windows the name is a named pipe's.

The protocol is one line of JSON each way, `{"open": ["/abs/path", ...]}` then `ok`;
an empty list asks the running app only to show itself. Only this user may connect
(UserAccessOption), and what arrives is checked all the same: at most `MAX_REQUEST`
bytes, a list of strings.

Set JOURNEYEDITOR_SINGLE_INSTANCE=0 to start an independent app (tests, debugging).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

SWITCH = "JOURNEYEDITOR_SINGLE_INSTANCE"
TIMEOUT_MS = 3000
"""How long a launch waits for the running app to take its files."""
MAX_REQUEST = 1_000_000
"""Bytes a request may hold (some thousands of paths)."""
REPLY = b"ok\n"


def enabled() -> bool:
    return os.environ.get(SWITCH, "1") != "0"


def server_name() -> str:
    """Per user and per data folder; short, since Unix socket paths are limited."""
    locations = QStandardPaths.StandardLocation
    data = QStandardPaths.writableLocation(locations.GenericDataLocation)
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else ""
    name = "journeyeditor-" + hashlib.sha256(f"{user}\0{data}".encode()).hexdigest()[:16]
    if sys.platform == "win32":
        return name
    return str(Path(QStandardPaths.writableLocation(locations.RuntimeLocation)) / name)


def _answers(name: str) -> bool:
    """Whether an app listens on `name` (a refused connection means a stale socket)."""
    probe = QLocalSocket()
    probe.connectToServer(name)
    if not probe.waitForConnected(TIMEOUT_MS):
        return False
    probe.disconnectFromServer()
    return True


def hand_over(paths: Sequence[Path], name: str | None = None) -> bool:
    """Give `paths` (made absolute) to the running app; True when it took them."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    request = {"open": [str(Path(path).absolute()) for path in paths]}
    socket.write(json.dumps(request).encode() + b"\n")
    while socket.bytesToWrite():
        if not socket.waitForBytesWritten(TIMEOUT_MS):
            return False
    while not socket.canReadLine():
        if not socket.waitForReadyRead(TIMEOUT_MS):
            return False
    answer = bytes(socket.readLine().data())
    socket.disconnectFromServer()
    return answer == REPLY


def _parse(line: bytes) -> list[Path] | None:
    try:
        request = json.loads(line)
    except (ValueError, UnicodeError):
        return None
    paths = request.get("open") if isinstance(request, dict) else None
    if not isinstance(paths, list) or not all(isinstance(p, str) and p for p in paths):
        return None
    return [Path(p) for p in paths]


class Server(QObject):
    """The running app's ear: `filesArrived(paths)` for each launch that handed over."""

    filesArrived = Signal(list)

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self._server = QLocalServer(self)
        # Only this user may connect (where the folder alone does not already say so).
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start listening, unless another app does (False); a stale socket is removed.

        Asked first, since Qt's listen would silently take the name from a live app."""
        if _answers(self.name):
            return False
        QLocalServer.removeServer(self.name)
        return self._server.listen(self.name)

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.setParent(self)
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > MAX_REQUEST:
                socket.abort()
            return
        paths = _parse(bytes(socket.readLine(MAX_REQUEST).data()))
        if paths is None:
            socket.abort()
            return
        socket.write(REPLY)
        socket.flush()
        self.filesArrived.emit(paths)
