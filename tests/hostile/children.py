"""Child processes on this worktree's code, with a time limit and a memory limit.

A hostile file may hang, exhaust memory or crash the interpreter; a child process keeps
that from taking the test run down with it, and tells which of the three it was.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = 30
MEMORY_BYTES = 2 << 30
XDG_VARIABLES = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


@dataclass(frozen=True)
class Outcome:
    """How a child ended: `returncode` is None when it was stopped at the time limit,
    negative when a signal killed it."""

    returncode: int | None
    stdout: str
    stderr: str


def child_env(home: Path | None = None) -> dict[str, str]:
    """This worktree's package first (the venv's editable install points elsewhere), no
    display, English messages, and (given `home`) private settings and data folders."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["LC_ALL"] = "C.UTF-8"
    env.pop("LANGUAGE", None)
    if home is not None:
        for variable in XDG_VARIABLES:
            env[variable] = str(home / variable.lower())
    return env


def journeyeditor_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "journeyeditor", *args]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def run_child(argv: Sequence[str], home: Path, timeout_s: float = TIMEOUT_S) -> Outcome:
    """Run `argv` to the end, or until `timeout_s`, within MEMORY_BYTES of address space."""
    try:
        done = subprocess.run(
            argv,
            cwd=ROOT,
            env=child_env(home),
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout_s,
            preexec_fn=_limit_memory,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as expired:
        return Outcome(None, _text(expired.stdout), _text(expired.stderr))
    return Outcome(done.returncode, done.stdout, done.stderr)


def _text(output: bytes | str | None) -> str:
    if isinstance(output, bytes):
        return output.decode("utf-8", "replace")
    return output or ""


def run_checked(argv: Sequence[str]) -> None:
    """Run a step that must succeed (building the corpus), failing loudly if it does not."""
    done = subprocess.run(
        argv, cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, f"{argv} failed:\n{done.stderr}"
