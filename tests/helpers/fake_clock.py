"""A clock for the workshop countdown that moves only when a test says so."""

from __future__ import annotations


class FakeClock:
    """Monotonic milliseconds, like `journeyeditor.ui.countdown.monotonic_ms`."""

    def __init__(self) -> None:
        self.now = 7_000_000

    def __call__(self) -> int:
        return self.now

    def advance(self, ms: int) -> None:
        self.now += ms
