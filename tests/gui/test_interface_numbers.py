"""Counts the interface writes itself (rows read, events listed) follow the interface's
language, not Python's fixed grouping: "1,241" in English, "1 241" in French."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from journeyeditor import i18n
from journeyeditor.ui.measure_worker import rows_text

from helpers.interface import interface_in


def test_rows_are_counted_in_the_interface_language(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert rows_text(1241) == "1,241"
    with interface_in(qapp, "fr", monkeypatch):
        assert i18n.interface_language() == "fr"
        assert rows_text(1241) == "1\N{NARROW NO-BREAK SPACE}241"
        assert rows_text(1_000_000) == "1\N{NARROW NO-BREAK SPACE}000\N{NARROW NO-BREAK SPACE}000"
