"""A workshop countdown: what is left is read from a clock, never counted in ticks.

Ticks only tell the screen to look again, so a busy event loop (a long layout, a map
switch) can delay the display but never the end of the countdown. The clock is a
callable returning monotonic milliseconds, so tests run it on a fake clock. The state is
the session's, not the document's: nothing here is undoable or saved in the file.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

Clock = Callable[[], int]
MINUTE_MS = 60_000
PRESETS_MIN = (5, 10, 15)
TICK_MS = 200


def monotonic_ms() -> int:
    """Milliseconds of a clock that never goes back (wall-clock changes do not count)."""
    return time.monotonic_ns() // 1_000_000


class Countdown(QObject):
    """Start, pause, resume and reset a countdown; `finished` once per run at zero.

    `tick(remaining_ms)` is emitted on every look at the clock while running and on
    every change of state; `stateChanged` when it starts, pauses, resets or ends.
    """

    tick = Signal(int)
    finished = Signal()
    stateChanged = Signal()

    def __init__(
        self,
        clock: Clock = monotonic_ms,
        duration_ms: int = PRESETS_MIN[0] * MINUTE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        """Where time is read: monotonic milliseconds (a test puts a fake clock here)."""
        self._duration = duration_ms
        self._left = duration_ms
        self._deadline: int | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.poll)

    def duration(self) -> int:
        return self._duration

    def remaining(self) -> int:
        """Milliseconds left: from the clock while running, frozen while paused."""
        if self._deadline is None:
            return self._left
        return max(0, self._deadline - self.clock())

    def is_running(self) -> bool:
        return self._deadline is not None

    def is_ticking(self) -> bool:
        """Whether the timer that refreshes the display is alive (it is, while running)."""
        return self._timer.isActive()

    def set_duration(self, duration_ms: int) -> None:
        """Choose a new length (a preset): stops and shows the full time."""
        self._duration = max(0, duration_ms)
        self.reset()

    def start(self) -> None:
        """Start, or resume from where it was paused; a run that ended starts afresh."""
        if self._deadline is not None:
            return
        if self._left == 0:
            self._left = self._duration
        self._deadline = self.clock() + self._left
        self._timer.start()
        self._changed()

    def pause(self) -> None:
        if self._deadline is None:
            return
        self._left = self.remaining()
        self._stop()
        self._changed()

    def toggle(self) -> None:
        """Start or resume when stopped, pause when running."""
        if self.is_running():
            self.pause()
        else:
            self.start()

    def reset(self) -> None:
        """Back to the full duration, stopped."""
        self._left = self._duration
        self._stop()
        self._changed()

    def poll(self) -> None:
        """Look at the clock: tell the display, and end the run when nothing is left."""
        if self._deadline is None:
            return
        left = self.remaining()
        if left > 0:
            self.tick.emit(left)
            return
        self._left = 0
        self._stop()
        self._changed()
        self.finished.emit()

    def _stop(self) -> None:
        self._deadline = None
        self._timer.stop()

    def _changed(self) -> None:
        self.stateChanged.emit()
        self.tick.emit(self.remaining())
