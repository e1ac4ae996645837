"""Unexpected failures (bugs): a log file in the person's data folder, never a lost session.

A failure a person can cause (a locked, broken or read-only file) has its own message
and exit code (store/errors.py). Anything else is a bug: its traceback goes to a
rotating log file, and the person is told in plain words, with the log's path.

- The window (app.py) installs `Hooks` at its real start, never on import, so tests keep
  pytest-qt's own capture of exceptions in slots. PySide6 hands an exception raised in a
  slot or a virtual method to `sys.excepthook` and carries on; a Python thread's goes to
  `threading.excepthook`. Both are logged, then passed to the window's reporter.
- A bug caught where it happened and undone there (an edit, rolled back by the Document)
  goes the same way through `report_caught`, while the hooks are installed.
- The command line (`command_line`) prints one line and the log's path, never a
  traceback, and exits with `EXIT_SOFTWARE`; a closed pipe (`info F | head -1`) ends it
  quietly with `EXIT_BROKEN_PIPE`.
"""

from __future__ import annotations

import logging
import os
import platform
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from journeyeditor import __version__, i18n

ORGANIZATION = "JourneyEditor"
APPLICATION = "Journey Editor"
LOG_NAME = "journeyeditor.log"
LOG_BYTES = 1_000_000
LOG_BACKUPS = 3
EXIT_SOFTWARE = 70
"""sysexits.h EX_SOFTWARE: an internal error, not something the person did."""
EXIT_BROKEN_PIPE = 141
"""What a shell reports for a program ended by SIGPIPE (128 + 13), as `yes | head` is."""
EXIT_INTERRUPTED = 130
"""What a shell reports for a program ended by Ctrl+C (128 + SIGINT)."""
SHORT_MESSAGE = 200
"""Characters of an exception's message kept on the command line's one line."""

LOG = logging.getLogger(__name__)
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def identify() -> None:
    """Name the application, so Qt's standard paths and settings are this app's."""
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)


def log_path() -> Path:
    """The log file, in the data folder (the app's names are set first if nobody did).

    Qt is imported here and in `environment`, only once something went wrong: the command
    line's quick sub-commands start without it."""
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    if not QCoreApplication.organizationName():
        identify()
    location = QStandardPaths.StandardLocation.AppDataLocation
    return Path(QStandardPaths.writableLocation(location)) / "logs" / LOG_NAME


def start_logging() -> Path:
    """Send warnings and worse to the rotating log file (once per file); return its path.

    `logging.handlers` (sockets, pickling, queues) is imported here, once something is to
    be logged: the command line's quick sub-commands start without it."""
    from logging.handlers import RotatingFileHandler

    path = log_path()
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, RotatingFileHandler) and handler.baseFilename == str(path):
            return path
    path.parent.mkdir(parents=True, exist_ok=True)
    # Opened now, so an unwritable folder raises OSError here rather than a logging error
    # (with its traceback on stderr) at the first record.
    handler = RotatingFileHandler(
        path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
    )
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path


def stop_logging(path: Path) -> None:
    """Close and remove the handler `start_logging` added for `path`."""
    from logging.handlers import RotatingFileHandler

    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, RotatingFileHandler) and handler.baseFilename == str(path):
            root.removeHandler(handler)
            handler.close()


def environment() -> str:
    """What a bug report needs besides the traceback: versions and platform."""
    import PySide6
    from PySide6.QtCore import qVersion

    return (
        f"Journey Editor {__version__}\n"
        f"Python {platform.python_version()} ({sys.executable})\n"
        f"Qt {qVersion()}, PySide6 {PySide6.__version__}\n"
        f"{platform.platform()}\n"
    )


@dataclass(frozen=True)
class Failure:
    """One unexpected exception, as the dialog and the log show it."""

    kind: str
    """Where it happened: "slot", "thread", "start-up" or "edit" (rolled back)."""
    summary: str
    """`Type: message` on one line."""
    trace: str

    @classmethod
    def of(cls, kind: str, info: ExcInfo) -> Failure:
        error_type, error, tb = info
        text = " ".join(str(error).split())
        summary = f"{error_type.__name__}: {text}" if text else error_type.__name__
        return cls(kind, summary, "".join(traceback.format_exception(error_type, error, tb)))

    @property
    def signature(self) -> tuple[str, str]:
        """What makes two failures "the same one again": the exception and where it rose."""
        places = [line for line in self.trace.splitlines() if line.startswith("  File ")]
        return self.summary, places[-1] if places else ""

    def details(self) -> str:
        """The text "Copy details" puts on the clipboard."""
        return f"{self.summary}\n\n{environment()}\n{self.trace}"


def log_failure(failure: Failure) -> None:
    LOG.error("unexpected exception (%s)\n%s%s", failure.kind, environment(), failure.trace)


_installed: list[Hooks] = []
"""The hooks installed now, the latest last (`report_caught` hands bugs to it)."""


class Hooks:
    """sys.excepthook and threading.excepthook, while installed: log, then `report`.

    `report` is called in the thread that failed; the window's reporter takes it to the
    GUI thread. Ctrl+C and a thread's SystemExit keep Python's own handling.
    """

    def __init__(self, report: Callable[[Failure], None]) -> None:
        self._report = report
        self._saved: tuple[object, object] | None = None
        self._reporting = threading.local()

    def install(self) -> None:
        if self._saved is None:
            self._saved = (sys.excepthook, threading.excepthook)
            sys.excepthook = self.excepthook
            threading.excepthook = self.thread_excepthook
            _installed.append(self)

    def uninstall(self) -> None:
        if self._saved is not None:
            sys.excepthook, threading.excepthook = self._saved  # type: ignore[assignment]
            self._saved = None
            _installed.remove(self)

    def excepthook(
        self, error_type: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(error_type, KeyboardInterrupt):
            sys.__excepthook__(error_type, error, tb)
            return
        self.handle("slot", (error_type, error, tb))

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        self.handle("thread", (args.exc_type, args.exc_value, args.exc_traceback))

    def handle(self, kind: str, info: ExcInfo) -> None:
        """Log, then report, unless this is a failure of the reporting itself (which
        would come straight back here): that one is only logged."""
        failure = Failure.of(kind, info)
        log_failure(failure)
        if getattr(self._reporting, "active", False):
            return
        self._reporting.active = True
        try:
            self._report(failure)
        except Exception:
            LOG.exception("the failure could not be reported")
        finally:
            self._reporting.active = False


def report_caught(kind: str, error: BaseException) -> bool:
    """A bug caught and undone where it happened: logged and shown as the hooks show any
    other. False when no hooks are installed (the command line, most tests): the caller
    then tells of it its own way."""
    if not _installed:
        return False
    _installed[-1].handle(kind, (type(error), error, error.__traceback__))
    return True


def _one_line(error: BaseException, path: Path | None, reason: str) -> str:
    summary = Failure.of("command", (type(error), error, None)).summary[:SHORT_MESSAGE]
    if path is None:
        return i18n.translate(
            "crash", "journeyeditor: internal error ({0}); no log could be written: {1}"
        ).format(summary, reason)
    return i18n.translate("crash", "journeyeditor: internal error ({0}); details in {1}").format(
        summary, path
    )


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so Python's last flush at exit meets no closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # a stdout with no file descriptor has nothing left to flush into a pipe
    finally:
        os.close(devnull)


def command_line(run: Callable[[Sequence[str]], int], argv: Sequence[str]) -> int:
    """Run a sub-command: a bug is one line on stderr with the log's path, exit 70."""
    try:
        code = run(argv)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as error:
        path: Path | None = None
        reason = ""
        try:
            path = start_logging()
            log_failure(Failure.of("command", (type(error), error, error.__traceback__)))
        except OSError as log_error:
            path, reason = None, str(log_error)
        sys.stderr.write(_one_line(error, path, reason) + "\n")
        return EXIT_SOFTWARE
