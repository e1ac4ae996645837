"""Issue 8, "A stranger's file cannot hurt you": every hostile file of tests/hostile/corpus.py.

Every case goes through `journeyeditor check` in this process (fast), with a time limit;
a representative sample (runner.representatives) goes through every public entry point
(check, info, the four exports, import-events, import-survey, the window) in child
processes with time and memory limits. `HOSTILE_FULL=1` sends every case through every
entry point (a long manual run).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from journeyeditor import cli

from . import corpus, runner
from .children import TIMEOUT_S, run_child

CASES = corpus.all_cases()
FULL = os.environ.get("HOSTILE_FULL") == "1"
CHILD_CASES = CASES if FULL else tuple(runner.representatives(CASES))


class CaseTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt this process's Python code (a blocking open() included) after `seconds`."""

    def expire(_signum: int, _frame: object) -> None:
        raise CaseTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def raised(error: BaseException) -> str:
    """An unexpected exception as one line: type, where it came from, message."""
    frame = traceback.extract_tb(error.__traceback__)[-1]
    where = f"{Path(frame.filename).name}:{frame.lineno}"
    return f"raised {type(error).__name__} at {where}: {str(error)[:200]}"


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_check_in_process(
    case: corpus.Case, tmp_path: Path, qapp: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    del qapp  # the command line then uses pytest-qt's application instead of making one
    path = case.build(tmp_path)
    before = runner.fingerprint(tmp_path)
    problems = []
    try:
        with time_limit(TIMEOUT_S):
            code = cli.main(["check", str(path)])
    except CaseTimeout:
        problems.append("timeout")
    except SystemExit as exit_:
        problems.append(f"SystemExit({exit_.code}) escaped")
    except Exception as error:
        problems.append(raised(error))
    else:
        out, err = capsys.readouterr()
        problems += runner.refusal_problems(path.name, case.refused, code, out, err)
    after = runner.fingerprint(tmp_path)
    problems += [f"beside the file: {change}" for change in runner.disk_changes(before, after)]
    assert not problems, "; ".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize("case", CHILD_CASES, ids=[case.id for case in CHILD_CASES])
def test_every_entry_point_in_a_child(case: corpus.Case, tmp_path: Path) -> None:
    problems = runner.all_commands(case, tmp_path)
    failing = [f"{command}: {'; '.join(found)}" for command, found in problems.items() if found]
    assert not failing, "\n".join(failing)


def test_representatives_cover_every_family() -> None:
    families = {case.family for case in CASES}
    assert {case.family for case in runner.representatives(CASES)} == families
    assert runner.representatives(CASES) == runner.representatives(reversed(CASES))


def test_a_long_window_message_is_read_whole() -> None:
    message = "x.journey is refused: " + "word " * 100
    report = json.dumps({"opened": False, "messages": [message]})
    assert runner.window_problems("x.journey", True, f"Qt says hello\n{report}\n") == []
    assert runner.window_problems("y.journey", True, report) != []


SELF_TESTS = {
    "hang": ("import time; time.sleep(60)", "timeout"),
    "signal": ("import os, signal; os.kill(os.getpid(), signal.SIGSEGV)", "killed by SIGSEGV"),
    "memory": ("x = bytearray(3 << 30)", "traceback: MemoryError"),
    "traceback": ("raise KeyError(7)", "traceback: KeyError: 7"),
}


@pytest.mark.parametrize("name", list(SELF_TESTS))
def test_the_runner_sees_what_kills_a_child(name: str, tmp_path: Path) -> None:
    """The limits and the verdicts work: a hang, a signal, memory and a traceback."""
    code, symptom = SELF_TESTS[name]
    outcome = run_child([sys.executable, "-c", code], tmp_path, timeout_s=2)
    assert runner.crash_symptoms(outcome) == [symptom]


def test_an_import_is_judged_against_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The verdicts of the two imports: a refused file must get `check`'s exit code; an
    accepted one may be refused only as read-only, in one line naming it."""
    codes = {"check": 13, "import-events": 13, "import-survey": 21}

    def child(_case: corpus.Case, command: str, _work: Path) -> tuple[list[str], int]:
        return [], codes.get(command, 1)

    monkeypatch.setattr(runner, "child_problems", child)
    refused = corpus.Case("x.y.z", "test", lambda folder: folder)
    problems = runner.all_commands(refused, tmp_path)
    assert problems["import-events"] == [] and problems["import-survey"] == [
        "exit 21, not check's 13"
    ]
    line = "x.journey is read-only (another program saved it in write-ahead-log mode).\n"
    assert runner.import_problems("x.journey", False, 8, "", line) == []
    assert runner.import_problems("x.journey", False, 13, "", line) != []
    assert runner.import_problems("x.journey", True, 0, "", "") == ["accepted (exit 0)"]
