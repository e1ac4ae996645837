"""Editor widgets for property forms: each shows one value and says when an edit is done.

Every field has `value()`, `set_value()` and a `committed` signal that fires when the
person has finished an edit (Return, focus leaving, a choice made), never on each
keystroke, so that one finished edit becomes one undo step. `set_value` leaves a field
alone when it already shows the value, so a refresh never moves the cursor.

One rule for every field: `committed` is raised only by what the person does (a combo's
`activated`, a line's `editingFinished`, a spin box's step or finished typing, a click),
never by a value-changed signal. Showing a value with `set_value` therefore cannot start
an edit, and reloading a form while an edit is being saved cannot save it again.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Any

from PySide6.QtCore import QEvent, QLocale, QObject, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QIcon, QKeyEvent, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QColorDialog,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journeyeditor.render import icons
from journeyeditor.render.primitives import Primitive
from journeyeditor.render.qt_painter import paint


class Special(Enum):
    """Values that are not values: several objects that differ, or unreadable input."""

    MIXED = "mixed"
    INVALID = "invalid"


MIXED = Special.MIXED
INVALID = Special.INVALID

Option = tuple[str, Any, QIcon | None]


def shape_icon(shapes: Sequence[Primitive], size: int = 16) -> QIcon:
    """An icon drawn from render primitives laid out in a `size`×`size` square."""
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint(painter, shapes)
    painter.end()
    return QIcon(pixmap)


def swatch(color: str, width: int = 22, height: int = 14) -> QIcon:
    """A framed rectangle of `color`, for colour buttons and department lists."""
    pixmap = QPixmap(width, height)
    pixmap.fill(QColor(color))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#8a8f99"))
    painter.drawRect(0, 0, width - 1, height - 1)
    painter.end()
    return QIcon(pixmap)


class WindowUndoKeys(QObject):
    """Leaves Undo and Redo keys to the window instead of the field's own typing history.

    In a form whose edits are saved as they finish, a field undoing its own typing would
    show one value while the file holds another; the window's Undo saves what is being
    typed, then undoes it, so the field and the file always agree.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            keys = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
            if any(event.matches(key) for key in keys):
                event.ignore()
                return True
        return super().eventFilter(watched, event)


class TextLine(QLineEdit):
    """One line of text; with `optional`, an empty field means no value (None)."""

    committed = Signal()

    def __init__(self, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.optional = optional
        self.editingFinished.connect(self.committed)

    def value(self) -> str | None:
        text = self.text()
        return None if self.optional and not text.strip() else text

    def set_value(self, value: str | None) -> None:
        if self.text() != (value or ""):
            self.setText(value or "")
            self.setCursorPosition(0)


class TextBox(QPlainTextEdit):
    """Plain multi-line text, done when focus leaves or on Ctrl+Return."""

    committed = Signal()

    def __init__(self, lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        margins = self.contentsMargins()
        frame = 2 * int(self.document().documentMargin()) + margins.top() + margins.bottom()
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + frame + 4)

    def value(self) -> str:
        return self.toPlainText()

    def set_value(self, value: str | None) -> None:
        if self.toPlainText() != (value or ""):
            self.setPlainText(value or "")

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Focus leaving ends the edit, except for a popup such as the box's own menu."""
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.committed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.committed.emit()
            return
        super().keyPressEvent(event)


class Choice(QComboBox):
    """A choice among fixed options, each a (label, value, icon); can show "mixed".

    Done when the person picks an option (`activated`: the popup, arrow keys, the wheel),
    not when the shown option changes for any other reason.
    """

    committed = Signal()

    def __init__(self, options: Sequence[Option] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: list[Any] = []
        # Long labels must not widen a narrow dock: the combo shrinks and elides instead.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)
        self.set_options(options)
        self.activated.connect(self._chosen)

    def set_options(self, options: Sequence[Option]) -> None:
        """Replace the options, keeping the chosen value when it is still offered."""
        current = self.value()
        self.clear()
        self._values = []
        for label, value, icon in options:
            if icon is None:
                self.addItem(label)
            else:
                self.addItem(icon, label)
            self._values.append(value)
        self.set_value(current)

    def value(self) -> Any:
        index = self.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None

    def set_value(self, value: Any) -> None:
        if self._values and self._values[0] is MIXED and value is not MIXED:
            self.removeItem(0)
            del self._values[0]
        if value is MIXED and MIXED not in self._values:
            self.insertItem(0, self.tr("(several values)"))
            self._values.insert(0, MIXED)
        index = next((i for i, v in enumerate(self._values) if v == value), -1)
        self.setCurrentIndex(index)

    def _chosen(self, _index: int) -> None:
        if self.value() is not MIXED:
            self.committed.emit()


class Spin(QSpinBox):
    """A whole number, done at Return, focus out, or each step (arrow keys, buttons, wheel)."""

    committed = Signal()

    def __init__(
        self, low: int, high: int, suffix: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setRange(low, high)
        self.setSuffix(suffix)
        self.setKeyboardTracking(False)
        self.editingFinished.connect(self.committed)

    def stepBy(self, steps: int) -> None:
        """Every way a person steps the value comes here (and only a person's ways)."""
        super().stepBy(steps)
        self.committed.emit()

    def set_value(self, value: float) -> None:
        if self.value() != round(value):
            self.setValue(round(value))


class NumberLine(QLineEdit):
    """An optional decimal number: empty means no value; unreadable input is undone.

    Reads the interface locale's notation ("3,5" in French) and also the C one ("3.5"),
    since figures are often pasted from a spreadsheet or a web page.
    """

    committed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._last: float | None = None
        self.setPlaceholderText(self.tr("no value"))
        self.editingFinished.connect(self._finished)

    def _locale(self) -> QLocale:
        locale = QLocale(self.locale())
        locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
        return locale

    def value(self) -> float | Special | None:
        text = self.text().strip()
        if not text:
            return None
        for locale in (self._locale(), QLocale.c()):
            number, ok = locale.toDouble(text)
            if ok:
                return number
        return INVALID

    def set_value(self, value: float | None) -> None:
        self._last = value
        if self.value() != value:
            self.setText("" if value is None else self._locale().toString(value, "g", 12))

    def _finished(self) -> None:
        if self.value() is INVALID:
            self.setText("")
            self.set_value(self._last)
        else:
            self.committed.emit()


class ColorButton(QWidget):
    """A colour swatch that opens the colour dialog.

    With a `default_label`, the colour may also be None (the usual colour of its
    place, drawn as `default_color`), and a reset button, explained by `default_tip`,
    goes back to it.
    """

    committed = Signal()

    def __init__(
        self, default_label: str = "", default_tip: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._color: str | Special | None = None
        self.default_label = default_label
        self.default_tip = default_tip
        self.default_color = "#ffffff"
        self.button = QToolButton(self)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setToolTip(self.tr("Choose a colour"))
        self.button.clicked.connect(self.choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        self.reset_button: QToolButton | None = None
        if default_label:
            self.reset_button = QToolButton(self)
            self.reset_button.setText(self.tr("Reset"))
            self.reset_button.setToolTip(default_tip)
            self.reset_button.clicked.connect(lambda: self._pick(None))
            layout.addWidget(self.reset_button)
        layout.addStretch(1)

    def value(self) -> str | Special | None:
        return self._color

    def set_value(self, value: str | Special | None) -> None:
        self._color = value
        if value is MIXED:
            self.button.setIcon(QIcon())
            self.button.setText(self.tr("(several values)"))
        elif value is None:
            self.button.setIcon(swatch(self.default_color))
            self.button.setText(self.default_label)
        else:
            self.button.setIcon(swatch(str(value)))
            self.button.setText(str(value).upper())
        if self.reset_button is not None:
            self.reset_button.setEnabled(value is not None)

    def choose(self) -> None:
        start = self._color if isinstance(self._color, str) else self.default_color
        color = QColorDialog.getColor(QColor(start), self, self.tr("Colour"))
        if color.isValid():
            self._pick(color.name())

    def _pick(self, color: str | None) -> None:
        if color != self._color:
            self.set_value(color)
            self.committed.emit()


class FacePicker(QWidget):
    """The five faces of the emotion scale, −2 to +2, as exclusive buttons and a name."""

    committed = Signal()

    def __init__(self, names: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = list(names)
        self.group = QButtonGroup(self)
        row = QHBoxLayout()
        row.setSpacing(2)
        for value, name in zip(range(-2, 3), names, strict=True):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setIcon(shape_icon(icons.face(value, 12, 12, 10.5), 24))
            button.setIconSize(QSize(24, 24))
            button.setText(f"{value:+d}".replace("-", "\N{MINUS SIGN}") if value else "0")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setToolTip(name)
            button.setAccessibleName(name)
            self.group.addButton(button, value + 2)
            row.addWidget(button)
        row.addStretch(1)
        self.name = QLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.name)
        self.group.idClicked.connect(self._clicked)

    def button(self, value: int) -> QToolButton:
        button = self.group.button(value + 2)
        assert isinstance(button, QToolButton)
        return button

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return checked - 2 if checked >= 0 else None

    def set_value(self, value: int | None) -> None:
        if value is not None:
            self.button(value).setChecked(True)
        elif (checked := self.group.checkedButton()) is not None:
            self.group.setExclusive(False)
            checked.setChecked(False)
            self.group.setExclusive(True)
        self.name.setText("" if value is None else self.names[value + 2])

    def _clicked(self, button_id: int) -> None:
        self.name.setText(self.names[button_id])
        self.committed.emit()


Field = TextLine | TextBox | Choice | Spin | NumberLine | ColorButton | FacePicker
