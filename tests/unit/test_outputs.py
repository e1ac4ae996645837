"""Outputs are safe: never onto their own input, permissions kept, nothing left if killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from journeyeditor.cli import main
from journeyeditor.store import database
from journeyeditor.store.errors import OutputExistsError, OutputIsInputError
from journeyeditor.store.files import write_atomically

from helpers.projects import folder_listing, sha256


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The command line in a child process, as a person runs it."""
    return subprocess.run(
        [sys.executable, "-m", "journeyeditor", *args], capture_output=True, text=True, timeout=120
    )


def cli_here(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """The command line in this process (quicker); its exit code and what it printed."""
    code = main(list(args))
    return code, capsys.readouterr().err


def spellings(path: Path) -> dict[str, Path]:
    """Other names of the same file: a detour through a folder, a symlink, a hard link."""
    sub = path.parent / "sub"
    sub.mkdir(exist_ok=True)
    link = path.with_name("link.journey")
    link.symlink_to(path)
    hard = path.with_name("hard.journey")
    os.link(path, hard)
    return {
        "itself": path,
        "detour": sub / ".." / path.name,
        "symlink": link,
        "hard link": hard,
    }


@pytest.mark.parametrize("fmt", ["json", "pdf", "png", "svg"])
def test_export_never_writes_onto_its_project(
    sample_file: Path, fmt: str, qapp: object, capsys: pytest.CaptureFixture[str]
) -> None:
    del qapp
    digest = sha256(sample_file)
    for name, output in spellings(sample_file).items():
        code, err = cli_here(
            capsys, "export", str(sample_file), "--format", fmt, "-o", str(output), "--force"
        )
        assert code == OutputIsInputError.exit_code, (name, err)
        assert len(err.splitlines()) == 1 and "the file being read" in err
        assert sha256(sample_file) == digest, name
    assert database.check_file(sample_file) == []
    result = cli("export", str(sample_file), "--format", fmt, "-o", str(sample_file), "--force")
    assert result.returncode == OutputIsInputError.exit_code, result
    assert "Traceback" not in result.stderr and sha256(sample_file) == digest


def test_import_never_writes_onto_its_json(sample_file: Path, tmp_path: Path) -> None:
    exported = tmp_path / "project.json"
    assert cli("export", str(sample_file), "--format", "json", "-o", str(exported)).returncode == 0
    digest = sha256(exported)
    result = cli("import", str(exported), "-o", str(exported), "--force")
    assert result.returncode == OutputIsInputError.exit_code, result
    assert sha256(exported) == digest


def test_existing_output_needs_force_and_keeps_its_mode(sample_file: Path, tmp_path: Path) -> None:
    output = tmp_path / "map.svg"
    output.write_text("keep me")
    os.chmod(output, 0o600)
    result = cli("export", str(sample_file), "--format", "svg", "-o", str(output))
    assert result.returncode == OutputExistsError.exit_code, result
    assert "already exists" in result.stderr and "disk space" not in result.stderr
    assert output.read_text() == "keep me"
    result = cli("export", str(sample_file), "--format", "svg", "-o", str(output), "--force")
    assert result.returncode == 0, result
    assert output.read_text().startswith("<?xml")
    assert (output.stat().st_mode & 0o777) == 0o600


def test_new_output_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomically(tmp_path / "new.bin", b"x")
    finally:
        os.umask(old)
    assert ((tmp_path / "new.bin").stat().st_mode & 0o777) == 0o640


KILLED_WRITER = """
import os, sys
from pathlib import Path
from journeyeditor.store.files import written_aside
with written_aside(Path(sys.argv[1])) as temporary:
    with open(temporary, "wb") as stream:
        stream.write(b"x" * 1_000_000)
        stream.flush()
        print("writing", flush=True)
        sys.stdin.read()
"""

KILLED_SAVE_AS = """
import os, sys
from pathlib import Path
from journeyeditor.cli import main
from journeyeditor.store import database, files
journey = database.open_file(sys.argv[1])
original = files.write_atomically
def stalled(path, data, *inputs):
    with files.written_aside(path, *inputs) as temporary:
        Path(temporary).write_bytes(data[: len(data) // 2])
        print("writing", flush=True)
        sys.stdin.read()
database.write_atomically = stalled
database.save_copy(journey, sys.argv[2])
"""


@pytest.mark.parametrize(
    ("script", "reads_sample"),
    [(KILLED_WRITER, False), (KILLED_SAVE_AS, True)],
    ids=["export", "save as"],
)
def test_killed_while_writing_leaves_nothing(
    sample_file: Path, tmp_path: Path, script: str, reads_sample: bool
) -> None:
    target = tmp_path / "out" / "target.journey"
    target.parent.mkdir()
    target.write_bytes(b"old content")
    listing = folder_listing(target.parent)
    arguments = [str(sample_file), str(target)] if reads_sample else [str(target)]
    child = subprocess.Popen(
        [sys.executable, "-c", script, *arguments],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "writing\n", "the child is in the middle of its write"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert folder_listing(target.parent) == listing, "no temporary file or journal left"
    assert target.read_bytes() == b"old content"
