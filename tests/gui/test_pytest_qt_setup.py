"""The suite's own guard rails: an exception in a Qt slot and a Qt warning from the app's
code fail the test that caused them."""

from __future__ import annotations

import pytest


def test_exceptions_in_qt_slots_are_caught_for_the_whole_suite(
    pytestconfig: pytest.Config,
) -> None:
    assert not pytestconfig.getini("qt_no_exception_capture")
    assert "no:pytestqt" not in str(pytestconfig.getini("addopts"))


def test_qt_warnings_fail_and_only_platform_noise_is_ignored(pytestconfig: pytest.Config) -> None:
    assert pytestconfig.getini("qt_log_level_fail") == "WARNING"
    ignored = pytestconfig.getini("qt_log_ignore")
    assert ignored and all(
        any(word in pattern for word in ("propagateSizeHints", "plugin", "ontconfig", "XDG"))
        for pattern in ignored
    )
