"""Marking strings for Qt Linguist in code that must not import Qt (model, store)."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Return `text` untranslated; lupdate collects it under `context`."""
    del context
    return text
