"""The Open Recent list, kept in QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

KEY = "recentFiles"
LIMIT = 10


def recent_files() -> list[Path]:
    value = QSettings().value(KEY, [])
    items = value if isinstance(value, list) else [value] if value else []
    return [Path(str(item)) for item in items if Path(str(item)).exists()]


def remember(path: Path) -> None:
    path = path.resolve()
    files = [p for p in recent_files() if p.resolve() != path]
    QSettings().setValue(KEY, [str(p) for p in [path, *files][:LIMIT]])
