"""What must hold for a write-protected file; run in-process or as a child process.

    python write_protected_child.py FILE

The child form runs inside a private mount namespace where FILE's folder is mounted
read-only (tests/helpers/write_protect.py); it prints `ok` when every check passed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication

from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.store import database
from journeyeditor.store.errors import ReadOnlyFileError

from helpers.projects import child_environment, folder_listing, sha256


def check_write_protected(path: Path) -> None:
    """Editing is refused with a clear message, reading works, and nothing changes."""
    before, listing = sha256(path), folder_listing(path.parent)
    try:
        Document.open(path).close()
    except ReadOnlyFileError as error:
        message = error.message()
    else:
        raise AssertionError(f"{path.name} was opened for editing")
    assert message.startswith(f"{path.name} is read-only (") and "Save As" in message, message
    assert database.check_file(path) == ["read-only"]
    command = [sys.executable, "-m", "journeyeditor", "check", str(path)]
    result = subprocess.run(
        command, capture_output=True, text=True, env=child_environment(), check=False
    )
    assert (result.returncode, result.stdout.strip()) == (0, f"{path.name}: sound (read-only)."), (
        result
    )
    viewer = Document.open(path, read_only=True)
    try:
        errors: list[str] = []
        viewer.errorOccurred.connect(errors.append)
        assert viewer.read_only and viewer.maps() and viewer.cards(viewer.maps()[0].id)
        assert not viewer.push(edits.edit_project(viewer, name="changed"))
        assert errors == [ReadOnlyFileError(path, "opened read-only").message()], errors
    finally:
        viewer.close()
    assert sha256(path) == before, "the file's bytes changed"
    assert folder_listing(path.parent) == listing, "files appeared or vanished beside it"


if __name__ == "__main__":
    app = QCoreApplication([sys.argv[0]])
    check_write_protected(Path(sys.argv[1]))
    print("ok")
