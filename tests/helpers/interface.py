"""The interface in another language for one test, every translator removed after it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from journeyeditor import i18n


@contextmanager
def interface_in(
    app: QCoreApplication, language: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """`i18n.install(app, language)` for the block; afterwards ours and Qt's own
    translators (button texts) are gone, so the next tests find English words."""
    monkeypatch.setattr(i18n, "_language", i18n._language)
    monkeypatch.setattr(i18n, "_translate", i18n._translate)
    before = set(app.findChildren(QTranslator))
    try:
        assert i18n.install(app, language) is not None
        yield
    finally:
        for translator in set(app.findChildren(QTranslator)) - before:
            app.removeTranslator(translator)
            translator.deleteLater()
