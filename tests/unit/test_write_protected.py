"""A file the system really refuses to write, even to root: refused for editing with a
clear message, readable, and left byte for byte as it was.

CI runs as root, for whom `chmod 444` protects nothing, so these tests protect files
the way the kernel enforces for root too (tests/helpers/write_protect.py): the file
made immutable (`chattr +i`, what CI uses), or its folder bind-mounted read-only in a
private mount namespace. A user who is not root gets plain file modes instead. A test
is skipped only for a user who is not root and whom no mechanism binds; as root, a
missing mechanism is a failure, since then nothing here would be tested.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.store.errors import ReadOnlyFileError

from helpers.projects import child_environment, export_file, folder_listing, sha256
from helpers.write_protect import (
    CHILD,
    ROOT,
    Unavailable,
    file_mode,
    immutable,
    read_only_mount_available,
    read_only_mount_command,
    refuses_writes,
    write_protected_file,
)
from helpers.write_protected_child import check_write_protected


def unavailable(reason: str) -> None:
    """Skip for a user who is not root; fail for root, who must be able to test this."""
    if ROOT:
        pytest.fail(f"running as root and {reason}: nothing would test write protection")
    pytest.skip(reason)


@pytest.fixture
def protected(sample_file: Path, qapp: QCoreApplication) -> Iterator[Path]:
    """The sample file, write-protected (its folder stays writable)."""
    del qapp
    try:
        with write_protected_file(sample_file) as mechanism:
            print(f"write protection: {mechanism}")
            yield sample_file
    except Unavailable as why:
        unavailable(str(why))


def test_a_protected_file_is_really_protected(protected: Path) -> None:
    """The mechanism binds the user running the tests (root included)."""
    assert refuses_writes(protected)


def test_a_write_protected_file_is_offered_read_only(protected: Path) -> None:
    check_write_protected(protected)


def test_a_file_in_a_read_only_folder_is_offered_read_only(sample_file: Path) -> None:
    """The folder on a read-only mount: not even a journal could be written beside it."""
    folder = sample_file.parent
    if ROOT:
        why = read_only_mount_available(folder)
        if why:
            unavailable(why)
        command = read_only_mount_command(folder, [sys.executable, str(CHILD), str(sample_file)])
        result = subprocess.run(
            command, capture_output=True, text=True, env=child_environment(), timeout=120
        )
        assert (result.returncode, result.stdout.strip()) == (0, "ok"), result.stderr
        return
    with file_mode(folder):
        check_write_protected(sample_file)


def test_protection_while_editing_changes_nothing(sample_file: Path, qapp: object) -> None:
    """The file turns immutable under an open editor: the edit fails, is reported naming
    the file, stays off the undo stack, and the file keeps its bytes. SQLite leaves its
    journal beside the file (it could not write the file to roll back); the next open
    for editing, once the file is writable, rolls it back to the same content. (File
    modes cannot stand in here: they do not bind a file already open for writing.)"""
    del qapp
    document = Document.open(sample_file)
    try:
        errors: list[str] = []
        document.errorOccurred.connect(errors.append)
        before, listing = export_file(sample_file), folder_listing(sample_file.parent)
        command = edits.edit_project(document, name="changed")
        try:
            with immutable(sample_file):
                raw = sha256(sample_file)
                assert not document.push(command)
                assert sha256(sample_file) == raw
        except Unavailable as why:
            unavailable(str(why))
        assert len(errors) == 1 and sample_file.name in errors[0], errors
        assert document.stack.count() == 0
    finally:
        document.close()
    assert export_file(sample_file) == before
    Document.open(sample_file).close()
    assert export_file(sample_file) == before
    assert folder_listing(sample_file.parent) == listing


def test_protection_while_editing_is_called_read_only(sample_file: Path, qapp: object) -> None:
    del qapp
    document = Document.open(sample_file)
    try:
        errors: list[str] = []
        document.errorOccurred.connect(errors.append)
        command = edits.edit_project(document, name="changed")
        try:
            with immutable(sample_file):
                assert not document.push(command)
        except Unavailable as why:
            unavailable(str(why))
        assert errors and "read-only" in errors[0], errors
        expected = ReadOnlyFileError(sample_file, "").message().split("(")[0]
        assert errors[0].startswith(expected)
    finally:
        document.close()
