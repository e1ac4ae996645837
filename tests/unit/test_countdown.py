"""The workshop countdown on a fake clock: time left is read from the clock, not counted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from journeyeditor.ui.countdown import MINUTE_MS, Countdown

from helpers.fake_clock import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def countdown(clock: FakeClock, qapp: QCoreApplication) -> Countdown:
    del qapp
    return Countdown(clock, duration_ms=5 * MINUTE_MS)


def test_running_time_is_read_from_the_clock_without_any_tick(
    countdown: Countdown, clock: FakeClock
) -> None:
    countdown.start()
    clock.advance(61_500)
    assert countdown.remaining() == 5 * MINUTE_MS - 61_500
    assert countdown.is_running() and countdown.is_ticking()


def test_poll_tells_the_display_what_is_left(countdown: Countdown, clock: FakeClock) -> None:
    shown: list[int] = []
    countdown.tick.connect(shown.append)
    countdown.start()
    clock.advance(2_000)
    countdown.poll()
    assert shown[-1] == 5 * MINUTE_MS - 2_000


def test_pause_freezes_and_resume_goes_on_from_there(
    countdown: Countdown, clock: FakeClock
) -> None:
    countdown.start()
    clock.advance(10_000)
    countdown.pause()
    clock.advance(600_000)
    assert countdown.remaining() == 5 * MINUTE_MS - 10_000
    assert not countdown.is_running() and not countdown.is_ticking()
    countdown.toggle()
    clock.advance(5_000)
    assert countdown.remaining() == 5 * MINUTE_MS - 15_000


def test_reset_stops_at_the_full_duration(countdown: Countdown, clock: FakeClock) -> None:
    countdown.start()
    clock.advance(30_000)
    countdown.reset()
    clock.advance(30_000)
    assert countdown.remaining() == 5 * MINUTE_MS
    assert not countdown.is_running()


def test_a_preset_replaces_the_duration_and_stops(countdown: Countdown, clock: FakeClock) -> None:
    countdown.start()
    countdown.set_duration(15 * MINUTE_MS)
    clock.advance(1_000)
    assert countdown.remaining() == 15 * MINUTE_MS and not countdown.is_running()


def test_zero_finishes_exactly_once_and_a_new_start_runs_again(
    countdown: Countdown, clock: FakeClock
) -> None:
    finished: list[bool] = []
    countdown.finished.connect(lambda: finished.append(True))
    countdown.start()
    clock.advance(5 * MINUTE_MS + 400)
    countdown.poll()
    clock.advance(1_000)
    countdown.poll()
    countdown.poll()
    assert finished == [True]
    assert countdown.remaining() == 0 and not countdown.is_ticking()
    countdown.start()
    assert countdown.remaining() == 5 * MINUTE_MS and countdown.is_running()
