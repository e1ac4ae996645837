"""The client's branding, kept in the project: a logo and an accent colour.

Printed on covers and page footers. Changes go through the undo stack like any edit.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, QStandardPaths, Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journeyeditor.editing import edits
from journeyeditor.editing.command import EditCommand
from journeyeditor.editing.document import Document
from journeyeditor.model import Project
from journeyeditor.store.errors import JourneyFileError
from journeyeditor.store.images import read_image_file
from journeyeditor.ui.while_shown import WhileShown

DEFAULT_ACCENT = "#2f6fdb"


class BrandingBox(QGroupBox):
    """Shows the project's logo and accent colour, and changes them."""

    def __init__(
        self,
        document: Document,
        images: Callable[[int], QImage | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Client branding (cover and footers)"))
        self.document = document
        self.images = images
        self.logo_label = QLabel(self)
        self.logo_label.setFixedSize(QSize(132, 44))
        self.logo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_label.setStyleSheet("QLabel { background: white; border: 1px solid #c8ccd2; }")
        self.logo_button = QPushButton(self.tr("Choose lo&go…"), self)
        self.remove_logo_button = QPushButton(self.tr("Remove logo"), self)
        self.accent_button = QPushButton(self.tr("&Accent colour…"), self)
        buttons = QVBoxLayout()
        buttons.addWidget(self.logo_button)
        buttons.addWidget(self.remove_logo_button)
        layout = QHBoxLayout(self)
        layout.addWidget(self.logo_label)
        layout.addLayout(buttons)
        layout.addWidget(self.accent_button)
        self.setEnabled(not document.read_only)
        self.logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button.clicked.connect(self.remove_logo)
        self.accent_button.clicked.connect(self.choose_accent)
        self.show_branding()
        self.listening = WhileShown(
            self, [(document.projectChanged, self.show_branding)], self.show_branding
        )

    def show_branding(self) -> None:
        project = self.document.project()
        logo = self.images(project.logo_image_id) if project.logo_image_id else None
        if logo is not None:
            size = self.logo_label.size() - QSize(8, 8)
            self.logo_label.setPixmap(
                QPixmap.fromImage(logo).scaled(
                    size,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.logo_label.setPixmap(QPixmap())
            self.logo_label.setText(self.tr("No logo"))
        self.remove_logo_button.setEnabled(logo is not None)
        swatch = QPixmap(14, 14)
        swatch.fill(QColor(project.accent_color or DEFAULT_ACCENT))
        self.accent_button.setIcon(swatch)

    def choose_logo(self) -> None:
        pictures = QStandardPaths.StandardLocation.PicturesLocation
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the client's logo"),
            QStandardPaths.writableLocation(pictures),
            self.tr("Images (*.png *.jpg *.jpeg *.gif *.webp)"),
        )
        if chosen:
            self.set_logo(Path(chosen))

    def set_logo(self, path: Path | None) -> bool:
        """Keep `path`'s image as the project's logo (None removes it); False if refused."""
        try:
            image = read_image_file(path) if path is not None else None
        except JourneyFileError as error:
            QMessageBox.warning(
                self, self.tr("Cannot use this image"), error.message(QCoreApplication.translate)
            )
            return False
        project = self.document.project()
        command = edits.set_image(self.document, Project, project.id, "logo_image_id", image)
        return self._push(command)

    def remove_logo(self) -> None:
        self.set_logo(None)

    def choose_accent(self) -> None:
        current = QColor(self.document.project().accent_color or DEFAULT_ACCENT)
        color = QColorDialog.getColor(current, self, self.tr("Accent colour"))
        if color.isValid():
            self.set_accent(color.name())

    def set_accent(self, color: str) -> bool:
        return self._push(edits.edit_project(self.document, accent_color=color))

    def _push(self, command: EditCommand) -> bool:
        """Push `command` and show its result, whether or not the box is on screen (it
        follows other changes only while shown)."""
        pushed = self.document.push(command)
        if pushed:
            self.show_branding()
        return pushed
