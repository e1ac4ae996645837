"""The real window for the import session under Xvfb (`tests/gui/test_import_session.py`).

Run as `python tests/helpers/xvfb_import.py FILE WIDTH HEIGHT`; like `xvfb_session.py` it
only reports where things are, and the driver acts with X events. On top of its
questions it answers `menus` (the menu bar's titles and the open menu's entries, at
their screen centres), `map` (the lane kinds of the map shown, the undo stack's size)
and `modal`: the active modal dialog's class and title, the screen centres of its
visible buttons (by text), line edits and list or tree items (by text) and, for the
progress dialog, its phase text, bar value (0-1000) and row counts, so that the driver
can click Cancel halfway; `null` when no modal dialog is open.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLineEdit,
    QListWidget,
    QMenu,
    QTreeWidget,
    QWidget,
)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from journeyeditor.ui.measure_worker import ProgressDialog

from helpers.xvfb_session import Reporter, centre, main


class ImportReporter(Reporter):
    def answer(self, question: str) -> Any:
        if question == "modal":
            return self.modal()
        if question == "map":
            return self.map_state()
        if question == "menus":
            return self.menus()
        return super().answer(question)

    def modal(self) -> dict[str, Any] | None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            return None
        found: dict[str, Any] = {
            "title": dialog.windowTitle(),
            "kind": type(dialog).__name__,
            "buttons": {
                b.text(): centre(b)
                for b in dialog.findChildren(QAbstractButton)
                if b.isVisible() and b.isEnabled() and b.text()
            },
            "edits": [centre(e) for e in dialog.findChildren(QLineEdit) if e.isVisible()],
            "items": self._items(dialog),
        }
        if isinstance(dialog, ProgressDialog):
            found["phase"] = dialog.phase.text()
            found["bar"] = dialog.bar.value() if dialog.bar.maximum() else None
            found["rows"] = dialog.rows.text()
            found["rate"] = dialog.rate.text()
            found["left"] = dialog.left.text()
        return found

    def _items(self, dialog: QWidget) -> dict[str, list[int]]:
        items: dict[str, list[int]] = {}
        for widget in dialog.findChildren(QListWidget):
            if not widget.isVisible():
                continue
            for row in range(widget.count()):
                rect = widget.visualItemRect(widget.item(row))
                at = widget.viewport().mapToGlobal(rect.center())
                items.setdefault(widget.item(row).text(), [at.x(), at.y()])
        for tree in dialog.findChildren(QTreeWidget):
            if not tree.isVisible():
                continue
            for row in range(tree.topLevelItemCount()):
                rect = tree.visualItemRect(tree.topLevelItem(row))
                at = tree.viewport().mapToGlobal(rect.center())
                items.setdefault(tree.topLevelItem(row).text(0), [at.x(), at.y()])
        return items

    def menus(self) -> dict[str, list[int]]:
        """The menu bar's titles and the open menu's entries, each at its screen centre."""
        found: dict[str, list[int]] = {}
        bar = self.window.menuBar()
        for action in bar.actions():
            at = bar.mapToGlobal(bar.actionGeometry(action).center())
            found[action.text()] = [at.x(), at.y()]
        for menu in QApplication.topLevelWidgets():
            if isinstance(menu, QMenu) and menu.isVisible():
                for action in menu.actions():
                    at = menu.mapToGlobal(menu.actionGeometry(action).center())
                    found[action.text()] = [at.x(), at.y()]
        return found

    def map_state(self) -> dict[str, Any]:
        """The lanes the scene shows now (kind per lane id), to wait for the funnel lane."""
        window = self.window
        document, scene = window.document, window.scene
        assert document is not None and scene is not None and scene.map_id is not None
        return {
            "lanes": [lane.kind for lane in document.lanes(scene.map_id)],
            "undo": document.stack.count(),
        }


if __name__ == "__main__":
    sys.exit(main(ImportReporter))
