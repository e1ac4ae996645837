"""The dialog editing one persona: who they are, what they want, and their photo.

Nothing reaches the file until OK, which pushes one undo step for all the changes,
photo included. A photo is checked when chosen: a bad file is refused on the spot
with the reason, and changes nothing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from journeyeditor.editing import edits
from journeyeditor.editing.command import EditCommand
from journeyeditor.editing.document import Document, image_bytes
from journeyeditor.model import Persona
from journeyeditor.render.pictures import decode
from journeyeditor.store.errors import BadImageError
from journeyeditor.store.images import CheckedImage, read_image_file
from journeyeditor.ui.fields import TextBox, TextLine

PHOTO_SIZE = QSize(96, 96)


def photo_pixmap(data: bytes | None, size: QSize) -> QPixmap | None:
    """The photo scaled to fit `size`, or None when there is none or it cannot be read."""
    image = decode(data)
    if image is None:
        return None
    return QPixmap.fromImage(image).scaled(
        size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


class PersonaDialog(QDialog):
    """Edit persona `persona_id`; OK pushes one command, Cancel changes nothing."""

    def __init__(self, document: Document, persona_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        persona = document.get(Persona, persona_id)
        if persona is None:
            raise ValueError(f"no persona {persona_id}")
        self.document = document
        self.persona_id = persona_id
        self.photo: CheckedImage | None = None
        self.photo_changed = False
        self.setWindowTitle(self.tr("Persona"))
        self.setMinimumWidth(460)

        self.name = TextLine()
        self.role = TextLine()
        self.age = QSpinBox()
        self.age.setRange(0, 120)
        self.age.setSpecialValueText(self.tr("Not said"))
        self.age.setSuffix(self.tr(" years"))
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.category.addItems(self._categories())
        self.goals = TextBox(3)
        self.frustrations = TextBox(3)
        self.motivations = TextBox(3)
        self.quote = TextBox(2)

        self.picture = QLabel()
        self.picture.setFixedSize(PHOTO_SIZE)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setFrameShape(QLabel.Shape.StyledPanel)
        self.picture.setTextFormat(Qt.TextFormat.PlainText)
        self.choose_button = QPushButton(self.tr("Choose photo…"))
        self.choose_button.clicked.connect(self.choose_photo)
        self.remove_button = QPushButton(self.tr("Remove photo"))
        self.remove_button.clicked.connect(self.remove_photo)
        self.photo_error = QLabel()
        self.photo_error.setTextFormat(Qt.TextFormat.PlainText)
        self.photo_error.setWordWrap(True)
        self.photo_error.setStyleSheet("color: #b3261e;")
        self.photo_error.hide()
        photo_buttons = QHBoxLayout()
        photo_buttons.addWidget(self.choose_button)
        photo_buttons.addWidget(self.remove_button)
        photo_buttons.addStretch(1)
        photo_side = QVBoxLayout()
        photo_side.addLayout(photo_buttons)
        photo_side.addWidget(self.photo_error)
        photo_side.addStretch(1)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        photo_row.addLayout(photo_side, 1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Photo"), photo_row)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Age"), self.age)
        form.addRow(self.tr("Category"), self.category)
        category_label = form.labelForField(self.category)
        if category_label is not None:
            category_label.setToolTip(self.tr("Socio-professional category"))
        self.category.setToolTip(self.tr("Socio-professional category"))
        form.addRow(self.tr("Goals"), self.goals)
        form.addRow(self.tr("Frustrations"), self.frustrations)
        form.addRow(self.tr("Motivations"), self.motivations)
        form.addRow(self.tr("Quote"), self.quote)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

        self.texts: dict[str, TextLine | TextBox] = {
            "name": self.name,
            "role": self.role,
            "goals": self.goals,
            "frustrations": self.frustrations,
            "motivations": self.motivations,
            "quote": self.quote,
        }
        for name, field in self.texts.items():
            field.set_value(getattr(persona, name))
        self.category.setCurrentText(persona.category)
        self.age.setValue(persona.age or 0)
        self._show_photo(image_bytes(document, persona.photo_image_id))

    def _categories(self) -> list[str]:
        """Suggested categories (after INSEE's PCS), the field stays free text."""
        return [
            "",
            self.tr("Farmers"),
            self.tr("Craftspeople, shopkeepers and business owners"),
            self.tr("Managers and higher professionals"),
            self.tr("Intermediate professions"),
            self.tr("Employees"),
            self.tr("Manual workers"),
            self.tr("Retired"),
            self.tr("Students"),
            self.tr("Not working"),
        ]

    def values(self) -> dict[str, Any]:
        """The persona's fields as the dialog shows them."""
        values: dict[str, Any] = {name: field.value() for name, field in self.texts.items()}
        values["category"] = self.category.currentText()
        values["age"] = self.age.value() or None
        return values

    # The photo

    def choose_photo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a photo"),
            "",
            self.tr("Images (*.png *.jpg *.jpeg *.gif *.webp)"),
        )
        if path:
            self.load_photo(path)

    def load_photo(self, path: str) -> bool:
        """Take the photo at `path` if it is a sound image; else say why and keep the old."""
        try:
            image = read_image_file(path)
        except BadImageError as error:
            self.photo_error.setText(error.message(QCoreApplication.translate))
            self.photo_error.show()
            return False
        self.photo, self.photo_changed = image, True
        self._show_photo(image.data)
        return True

    def remove_photo(self) -> None:
        self.photo, self.photo_changed = None, True
        self._show_photo(None)

    def _show_photo(self, data: bytes | None) -> None:
        self.photo_error.hide()
        pixmap = photo_pixmap(data, PHOTO_SIZE)
        if pixmap is None:
            self.picture.setPixmap(QPixmap())
            self.picture.setText(self.tr("No photo"))
        else:
            self.picture.setPixmap(pixmap)
        self.remove_button.setEnabled(data is not None)

    # Saving

    def command(self) -> EditCommand | None:
        """One command for everything changed, or None when nothing was."""
        persona = self.document.get(Persona, self.persona_id)
        if persona is None:
            return None
        changes = {k: v for k, v in self.values().items() if getattr(persona, k) != v}
        commands: list[EditCommand] = []
        if changes:
            commands.append(edits.edit_persona(self.document, self.persona_id, **changes))
        if self.photo_changed:
            commands.append(
                edits.set_image(
                    self.document, Persona, self.persona_id, "photo_image_id", self.photo
                )
            )
        if len(commands) > 1:
            return edits.combine(self.document, commands[0].text(), commands)
        return commands[0] if commands else None

    def accept(self) -> None:
        """Push the changes; the dialog stays open if the file refused them."""
        command = self.command()
        if command is None or self.document.push(command):
            super().accept()
