"""File → Merge from file…: choose draft files, see what merging them does, then apply it.

Nothing is written before OK; OK pushes the whole merge as one undo step. A draft that
fails any check is refused with its message and nothing else happens.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeyeditor.editing import merge
from journeyeditor.editing.document import Document, translate
from journeyeditor.store.errors import JourneyFileError


class MergeDialog(QDialog):
    """The preview of a merge plan: per draft, what is added, matched and skipped."""

    def __init__(self, document: Document, plan: merge.MergePlan, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.plan = plan
        self.setWindowTitle(self.tr("Merge from files"))
        self.resize(720, 480)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Nothing has been changed yet. OK merges it all as one step (Undo takes it back)."
            )
            if not plan.empty
            else self.tr("These files hold nothing that the project does not already have.")
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        for summary in plan.drafts:
            top = QTreeWidgetItem([summary.name])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for section in merge.sections(summary):
                line = QTreeWidgetItem(top, [section.text])
                line.addChildren([QTreeWidgetItem([name]) for name in section.names])
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        layout.addWidget(self.tree)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not plan.empty)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def apply(self) -> None:
        """Merge (one undo step); the document reports a refusal itself."""
        if self.document.push(self.plan.command(self.document)):
            self.accept()
        else:
            self.reject()


def merge_files(document: Document, paths: Sequence[Path], parent: QWidget | None) -> bool:
    """Read and check the drafts, show the preview, merge on OK; whether it merged."""
    try:
        drafts = [merge.read_draft(path, document.path) for path in paths]
        plan = merge.plan_merge(document, drafts)
    except JourneyFileError as error:
        QMessageBox.warning(
            parent,
            translate("MergeDialog", "Merge from files"),
            error.message(translate) + "\n" + translate("MergeDialog", "Nothing was merged."),
        )
        return False
    dialog = MergeDialog(document, plan, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return dialog.exec() == QDialog.DialogCode.Accepted


def choose_and_merge(document: Document, parent: QWidget | None) -> bool:
    """Ask for one or more draft files, then `merge_files`."""
    paths, _filter = QFileDialog.getOpenFileNames(
        parent,
        translate("MergeDialog", "Merge from files"),
        str(document.path.parent),
        translate("MergeDialog", "Journey Editor files (*.journey)"),
    )
    return bool(paths) and merge_files(document, [Path(p) for p in paths], parent)
