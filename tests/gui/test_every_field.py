"""Every field of every form, changed with a person's keys and clicks in the real window.

For each field: exactly one new undo step, the new value in the file (read with plain
sqlite3 on a connection of its own), Ctrl+Z brings back the old value in the widget and
the file, Ctrl+Shift+Z the new one again. The walk is driven by tables: each form's
editable widgets are found by looking, and every one must have an entry, so a field
added without one fails here.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from gui.keys import retype
from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.model import LaneKind
from journeyeditor.model.enums import CARDLESS_LANES
from journeyeditor.ui.branding_box import BrandingBox
from journeyeditor.ui.export_dialog import ExportDialog
from journeyeditor.ui.fields import Choice, ColorButton, FacePicker, NumberLine, TextBox, TextLine
from journeyeditor.ui.inspector import Form
from journeyeditor.ui.main_window import MainWindow
from journeyeditor.ui.persona_dialog import PersonaDialog

from helpers.canvas_driver import click
from helpers.projects import png_bytes

if TYPE_CHECKING:
    from gui.conftest import Disk

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier
EDITABLE = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QAbstractButton)
NEW_COLOURS = ("#2a9d8f", "#e76f51")
"""Colours typed into the colour dialog: the first one that differs from the current."""


def editable_widgets(root: QWidget) -> set[QWidget]:
    """What a person can change in `root`: its visible editors, not their inner parts
    (a spin box's line, a combo's line) and not a dialog's OK and Cancel."""
    found = set()
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, EDITABLE) or not widget.isVisibleTo(root):
            continue
        parent = widget.parentWidget()
        inner = False
        while parent is not None and parent is not root:
            if isinstance(parent, (*EDITABLE, QDialogButtonBox)):
                inner = True
            parent = parent.parentWidget()
        if not inner:
            found.add(widget)
    return found


def same(a: Any, b: Any) -> bool:
    """Equal as the file stores them (SQLite keeps booleans as 0 and 1)."""

    def plain(v: Any) -> Any:
        return int(v) if isinstance(v, bool) else v

    return plain(a) == plain(b)


def answer_modal(qtbot: QtBot, kind: type[QDialog], answer: Callable[[Any], None]) -> None:
    """Answer the next modal dialog of `kind` (opened by a static getter) as a person
    would: `answer` types into it and presses its keys."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            answer(dialog)
        else:
            QTimer.singleShot(20, attempt)

    QTimer.singleShot(0, attempt)


def type_colour(qtbot: QtBot, colour: str) -> None:
    def answer(dialog: QColorDialog) -> None:
        line = next(e for e in dialog.findChildren(QLineEdit) if e.text().startswith("#"))
        line.setFocus()
        qtbot.keyClick(line, Qt.Key.Key_A, CTRL)
        qtbot.keyClicks(line, colour)
        qtbot.keyClick(line, Qt.Key.Key_Return)

    answer_modal(qtbot, QColorDialog, answer)


def type_file_name(qtbot: QtBot, path: Path) -> None:
    def answer(dialog: QFileDialog) -> None:
        line = dialog.findChild(QLineEdit, "fileNameEdit")
        assert line is not None
        dialog.setDirectory(str(path.parent))  # the folder a person would browse to
        qtbot.keyClicks(line, path.name)
        qtbot.keyClick(line, Qt.Key.Key_Return)

    answer_modal(qtbot, QFileDialog, answer)


# What a person does to each kind of widget; each returns the value the file should get,
# or ANY when only "something new" can be said (a new image row).

ANY = object()


def step_choice(qtbot: QtBot, combo: QComboBox) -> Any:
    """One arrow key on the closed combo: the next option (the previous one at the end)."""
    index = combo.currentIndex()
    down = index < combo.count() - 1
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down if down else Qt.Key.Key_Up)
    values = combo._values if isinstance(combo, Choice) else None
    new = index + 1 if down else index - 1
    return values[new] if values is not None else combo.itemText(new)


def step_spin(qtbot: QtBot, spin: QSpinBox) -> Any:
    up = spin.value() < spin.maximum()
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Up if up else Qt.Key.Key_Down)
    return spin.value()


def type_number(qtbot: QtBot, spin: QSpinBox) -> Any:
    """Type a number over the spin box's text and press Return."""
    new = spin.value() + 17 if spin.value() + 17 <= spin.maximum() else spin.minimum()
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(spin, str(new))
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    return new


def retype_line(qtbot: QtBot, line: QLineEdit) -> Any:
    """Select all, type new words (QTest types ASCII only), press Return."""
    new = next(t for t in ("Changed by hand", "Changed again") if t != line.text())
    retype(qtbot, line, new)
    return new


def retype_number(qtbot: QtBot, line: NumberLine) -> Any:
    old = line.value()
    new = 12.5 if old is None else float(old) + 1.5  # type: ignore[arg-type]
    retype(qtbot, line, repr(new))
    return new


def erase_line(qtbot: QtBot, line: QLineEdit) -> Any:
    retype(qtbot, line, "")
    return None


def _append(qtbot: QtBot, box: QPlainTextEdit, key: Qt.Key, modifier: Any) -> Any:
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(box, " Then more.")
    new = box.toPlainText()
    qtbot.keyClick(box, key, modifier)
    return new


def append_text(qtbot: QtBot, box: QPlainTextEdit) -> Any:
    """Type at the end, then Ctrl+Return, which finishes the edit and keeps the focus."""
    return _append(qtbot, box, Qt.Key.Key_Return, CTRL)


def append_and_tab(qtbot: QtBot, box: QPlainTextEdit) -> Any:
    """Type at the end, then Tab to the next field (in a dialog, OK saves)."""
    return _append(qtbot, box, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)


def choose_colour(qtbot: QtBot, button: QAbstractButton, current: Any) -> Any:
    colour = next(c for c in NEW_COLOURS if c != current)
    type_colour(qtbot, colour)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return colour


def click_button(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@dataclass(frozen=True)
class Step:
    """One field: the widget the person drives, what they do, where the value lands."""

    name: str
    widget: Callable[[QWidget], QWidget]
    act: Callable[[QtBot, QWidget], Any]
    column: str
    shown: Callable[[QWidget], Any]


def field_steps(form: Form, names: tuple[str, ...]) -> list[Step]:
    """The steps for the inspector fields `names`, by the kind of each field."""
    steps: list[Step] = []
    for name in names:
        field = form.fields[name]

        def the(root: QWidget, name: str = name) -> Any:
            assert isinstance(root, Form)
            return root.fields[name]

        def value(root: QWidget, name: str = name) -> Any:
            return the(root, name).value()

        if isinstance(field, Choice):
            steps.append(Step(name, the, step_choice, name, value))
        elif isinstance(field, NumberLine):
            steps.append(Step(name, the, retype_number, name, value))
            steps.append(Step(name + " (erased)", the, erase_line, name, value))
        elif isinstance(field, TextLine):
            steps.append(Step(name, the, retype_line, name, value))
            if field.optional:
                steps.append(Step(name + " (erased)", the, erase_line, name, value))
        elif isinstance(field, TextBox):
            steps.append(Step(name, the, append_text, name, value))
        elif isinstance(field, QSpinBox):
            steps.append(Step(name + " (arrow)", the, step_spin, name, value))
            steps.append(Step(name + " (typed)", the, type_number, name, value))
        elif isinstance(field, ColorButton):

            def button(root: QWidget, name: str = name) -> QWidget:
                return the(root, name).button

            def choose(qtbot: QtBot, widget: QWidget) -> Any:
                parent = widget.parentWidget()
                assert isinstance(parent, ColorButton)
                return choose_colour(qtbot, widget, parent.value())  # type: ignore[arg-type]

            steps.append(Step(name, button, choose, name, value))
            if field.reset_button is not None:

                def reset(root: QWidget, name: str = name) -> QWidget:
                    found = the(root, name).reset_button
                    assert found is not None
                    return found

                def press_reset(qtbot: QtBot, widget: QWidget) -> Any:
                    click_button(qtbot, widget)  # type: ignore[arg-type]
                    return None

                steps.append(Step(name + " (reset)", reset, press_reset, name, value))
        elif isinstance(field, FacePicker):
            current = field.value()
            faces = [v for v in range(-2, 3) if v != current] + [current]
            for face in faces:

                def face_button(root: QWidget, name: str = name, face: Any = face) -> QWidget:
                    return the(root, name).button(face)

                def press_face(qtbot: QtBot, widget: QWidget, face: Any = face) -> Any:
                    click_button(qtbot, widget)  # type: ignore[arg-type]
                    return face

                steps.append(Step(f"{name} {face}", face_button, press_face, name, value))
        else:
            raise AssertionError(f"no way to walk the field {name} ({type(field).__name__})")
    return steps


class Place(ABC):
    """Something whose fields are walked: how to reach its form and read its row."""

    name = ""
    table = ""

    def __init__(self, window: MainWindow, qtbot: QtBot, disk: Disk) -> None:
        self.window, self.qtbot, self.disk = window, qtbot, disk

    @property
    def document(self) -> Document:
        assert self.window.document is not None
        return self.window.document

    @abstractmethod
    def where(self) -> dict[str, Any]:
        """Which row of `table` the form edits."""

    @abstractmethod
    def open(self) -> QWidget:
        """Reach the form (select on the canvas, open the dialog); return its root."""

    def finish(self, root: QWidget) -> None:  # noqa: B027 - most forms need nothing more
        """What ends an edit beyond the field itself (the OK of a dialog)."""

    def shown(self, step: Step) -> Any:
        return step.shown(self.open())

    @abstractmethod
    def steps(self, root: QWidget) -> list[Step]:
        """Every field of the form as a step to walk."""

    def stored(self, column: str) -> Any:
        return self.disk.value(self.table, column, **self.where())


class InspectorPlace(Place):
    """A selection on the canvas and the inspector form that shows it."""

    kind = ""
    names: tuple[str, ...] = ()

    def __init__(self, window: MainWindow, qtbot: QtBot, disk: Disk, item: Any, key: Any):
        super().__init__(window, qtbot, disk)
        self.item, self.key = item, key

    def where(self) -> dict[str, Any]:
        return {"id": self.key}

    def open(self) -> QWidget:
        inspector = self.window.inspector
        if inspector.selection.kind != self.kind or inspector.selection.ids[-1] != self.key:
            view = self.window.view
            if self.item is None:
                click(view, QPointF(-20, -20))
            else:
                rect = self.item.sceneBoundingRect()
                view.ensureVisible(rect, 20, 20)
                click(view, rect.center())
        assert inspector.selection.kind == self.kind, (self.name, inspector.selection)
        return inspector.forms[self.kind]

    def steps(self, root: QWidget) -> list[Step]:
        assert isinstance(root, Form)
        names = tuple(name for name, field in root.fields.items() if field.isVisibleTo(root))
        return field_steps(root, names)


def inspector_places(window: MainWindow, qtbot: QtBot, disk: Disk) -> Iterator[Place]:
    """The map, a stage, a lane, a point of the curve, and one card of each lane kind."""
    assert window.scene is not None and window.scene.map_id is not None
    scene, document = window.scene, window.document
    assert document is not None
    map_id = scene.map_id
    stage = document.stages(map_id)[1]
    lanes = document.lanes(map_id)

    class MapPlace(InspectorPlace):
        kind, table = "map", "journey_map"

    class StagePlace(InspectorPlace):
        kind, table = "stage", "stage"

    class LanePlace(InspectorPlace):
        kind, table = "lane", "lane"

    class CardPlace(InspectorPlace):
        kind, table = "cards", "card"

    class PointPlace(InspectorPlace):
        kind, table = "point", "emotion_point"

        def where(self) -> dict[str, Any]:
            lane_id, stage_id = self.key
            return {"lane_id": lane_id, "stage_id": stage_id}

    yield MapPlace(window, qtbot, disk, None, map_id)
    yield StagePlace(window, qtbot, disk, scene.stage_items[stage.id], stage.id)
    yield LanePlace(window, qtbot, disk, scene.lane_items[lanes[1].id], lanes[1].id)
    emotion = next(lane for lane in lanes if lane.kind == LaneKind.EMOTION.value)
    point = (emotion.id, stage.id)
    place = PointPlace(window, qtbot, disk, scene.point_items[point], point)
    place.name = "emotion point"
    yield place
    cards = document.cards(map_id)
    for kind in dict.fromkeys(lane.kind for lane in lanes if lane.kind != LaneKind.EMOTION.value):
        kind_lanes = {lane.id for lane in lanes if lane.kind == kind}
        card = next(c for c in cards if c.lane_id in kind_lanes)
        place = CardPlace(window, qtbot, disk, scene.card_items[card.id], card.id)
        place.name = f"{kind} card"
        yield place
    yield range_metric_place(window, qtbot, disk, CardPlace)


def range_metric_place(
    window: MainWindow, qtbot: QtBot, disk: Disk, card_place: type[InspectorPlace]
) -> InspectorPlace:
    """A metric card whose target is a range, so its low end shows too. Its direction is
    walked last: moving off "range" hides the low end."""
    document, scene = window.document, window.scene
    assert document is not None and scene is not None and scene.map_id is not None
    lanes = {lane.id for lane in document.lanes(scene.map_id) if lane.kind == "metric"}
    card = [c for c in document.cards(scene.map_id) if c.lane_id in lanes][1]
    assert document.push(
        edits.edit_cards(document, [card.id], direction="range", target_low=1.0, target=9.0)
    )

    class RangePlace(card_place):  # type: ignore[misc, valid-type]
        def steps(self, root: QWidget) -> list[Step]:
            found = super().steps(root)
            assert any(step.column == "target_low" for step in found), "no range low end"
            return sorted(found, key=lambda step: step.column == "direction")

    place = RangePlace(window, qtbot, disk, scene.card_items[card.id], card.id)
    place.name = "metric card (range)"
    return place


class PersonaPlace(Place):
    """The persona dialog: each field is one dialog opened, changed, and OK'd."""

    name, table = "persona dialog", "persona"

    def __init__(self, window: MainWindow, qtbot: QtBot, disk: Disk, photo: Path) -> None:
        super().__init__(window, qtbot, disk)
        self.persona_id = self.document.personas()[0].id
        self.photo = photo
        self.dialog: PersonaDialog | None = None

    def where(self) -> dict[str, Any]:
        return {"id": self.persona_id}

    def open(self) -> QWidget:
        self._close()
        self.dialog = PersonaDialog(self.document, self.persona_id, self.window)
        self.qtbot.addWidget(self.dialog)
        self.dialog.show()
        self.qtbot.waitExposed(self.dialog)
        return self.dialog

    def _close(self) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.qtbot.keyClick(self.dialog, Qt.Key.Key_Escape)
        self.dialog = None

    def finish(self, root: QWidget) -> None:
        assert isinstance(root, PersonaDialog)
        box = root.findChild(QDialogButtonBox)
        assert box is not None
        ok = box.button(QDialogButtonBox.StandardButton.Ok)
        self.qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        assert not root.isVisible()
        self.dialog = None

    def shown(self, step: Step) -> Any:
        value = step.shown(self.open())
        self._close()
        return value

    def stored(self, column: str) -> Any:
        if column == "photo_image_id":
            return self.disk.image_digest("persona", column, self.persona_id)
        return super().stored(column)

    def steps(self, root: QWidget) -> list[Step]:
        assert isinstance(root, PersonaDialog)

        def text_field(name: str) -> Step:
            def widget(root: QWidget) -> QWidget:
                assert isinstance(root, PersonaDialog)
                return root.texts[name]

            def value(root: QWidget) -> Any:
                assert isinstance(root, PersonaDialog)
                return root.values()[name]

            field = root.texts[name]
            act = retype_line if isinstance(field, TextLine) else append_and_tab
            return Step(name, widget, act, name, value)

        def values(name: str) -> Callable[[QWidget], Any]:
            def read(root: QWidget) -> Any:
                assert isinstance(root, PersonaDialog)
                return root.values()[name]

            return read

        def photo_shown(root: QWidget) -> Any:
            assert isinstance(root, PersonaDialog)
            pixmap = root.picture.pixmap()
            return None if pixmap is None or pixmap.isNull() else ANY

        def choose_photo(qtbot: QtBot, button: QWidget) -> Any:
            type_file_name(qtbot, self.photo)
            click_button(qtbot, button)  # type: ignore[arg-type]
            return hashlib.sha256(self.photo.read_bytes()).hexdigest()

        def remove_photo(qtbot: QtBot, button: QWidget) -> Any:
            click_button(qtbot, button)  # type: ignore[arg-type]
            return None

        def spin_age(qtbot: QtBot, spin: QWidget) -> Any:
            assert isinstance(spin, QSpinBox)
            return step_spin(qtbot, spin) or None

        return [
            *(text_field(name) for name in root.texts),
            Step("age", lambda r: r.age, spin_age, "age", values("age")),  # type: ignore[attr-defined]
            Step(
                "category",
                lambda r: r.category,  # type: ignore[attr-defined]
                step_choice,  # type: ignore[arg-type]
                "category",
                values("category"),
            ),
            Step(
                "photo",
                lambda r: r.choose_button,  # type: ignore[attr-defined]
                choose_photo,
                "photo_image_id",
                photo_shown,
            ),
            Step(
                "photo (removed)",
                lambda r: r.remove_button,  # type: ignore[attr-defined]
                remove_photo,
                "photo_image_id",
                photo_shown,
            ),
        ]


class BrandingPlace(Place):
    """The branding box of the export dialog: the client's logo and accent colour."""

    name, table = "branding", "project"

    def __init__(self, window: MainWindow, qtbot: QtBot, disk: Disk, logo: Path) -> None:
        super().__init__(window, qtbot, disk)
        self.logo = logo
        assert window.scene is not None
        self.dialog = ExportDialog(self.document, window.scene.map_id, window)
        qtbot.addWidget(self.dialog)
        self.dialog.show()
        qtbot.waitExposed(self.dialog)

    def where(self) -> dict[str, Any]:
        return {"id": self.document.project().id}

    def open(self) -> QWidget:
        return self.dialog.branding

    def stored(self, column: str) -> Any:
        if column == "logo_image_id":
            return self.disk.image_digest("project", column, self.where()["id"])
        return super().stored(column)

    def steps(self, root: QWidget) -> list[Step]:
        def accent_shown(root: QWidget) -> Any:
            assert isinstance(root, BrandingBox)
            return root.accent_button.icon().pixmap(14, 14).toImage().pixelColor(7, 7).name()

        def logo_shown(root: QWidget) -> Any:
            assert isinstance(root, BrandingBox)
            pixmap = root.logo_label.pixmap()
            return None if pixmap is None or pixmap.isNull() else ANY

        def choose_accent(qtbot: QtBot, button: QWidget) -> Any:
            return choose_colour(qtbot, button, self.stored("accent_color"))  # type: ignore[arg-type]

        def choose_logo(qtbot: QtBot, button: QWidget) -> Any:
            type_file_name(qtbot, self.logo)
            click_button(qtbot, button)  # type: ignore[arg-type]
            return hashlib.sha256(self.logo.read_bytes()).hexdigest()

        def remove_logo(qtbot: QtBot, button: QWidget) -> Any:
            click_button(qtbot, button)  # type: ignore[arg-type]
            return None

        return [
            Step(
                "accent colour",
                lambda r: r.accent_button,  # type: ignore[attr-defined]
                choose_accent,
                "accent_color",
                accent_shown,
            ),
            Step(
                "logo",
                lambda r: r.logo_button,  # type: ignore[attr-defined]
                choose_logo,
                "logo_image_id",
                logo_shown,
            ),
            Step(
                "logo (removed)",
                lambda r: r.remove_logo_button,  # type: ignore[attr-defined]
                remove_logo,
                "logo_image_id",
                logo_shown,
            ),
        ]


def press(qtbot: QtBot, window: MainWindow, modifiers: Qt.KeyboardModifier) -> None:
    """Ctrl+Z or Ctrl+Shift+Z where the keyboard is. A window manager gives the
    activation back to the window when a dialog closes; the offscreen platform does not."""
    if QApplication.activeWindow() is None:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Z, modifiers)


def agrees(shown: Any, stored: Any) -> bool:
    """The widget shows what the file holds (ANY: "some image", against a digest)."""
    if shown is ANY:
        return stored is not None
    return same(shown, stored)


def walk(place: Place, window: MainWindow, qtbot: QtBot) -> set[str]:
    """Change every field of `place` once; return the names of the steps walked."""
    document = place.document
    root = place.open()
    steps = place.steps(root)
    driven = {step.widget(root) for step in steps}
    missing = editable_widgets(root) - driven
    assert not missing, f"{place.name}: fields without a step: " + ", ".join(
        sorted(f"{type(w).__name__} {w.objectName() or w.accessibleName()}" for w in missing)
    )
    for step in steps:
        label = f"{place.name} / {step.name}"
        root = place.open()
        before = place.stored(step.column)
        assert agrees(place.shown(step), before), label
        root = place.open()
        index = document.stack.index()
        expected = step.act(qtbot, step.widget(root))
        place.finish(root)
        assert (document.stack.count(), document.stack.index()) == (index + 1, index + 1), label
        after = place.stored(step.column)
        assert not same(after, before), label
        if expected is not ANY:
            assert same(after, expected), (label, after, expected)
        assert agrees(place.shown(step), after), label

        press(qtbot, window, CTRL)
        assert document.stack.index() == index, label
        assert same(place.stored(step.column), before), label
        assert agrees(place.shown(step), before), label

        press(qtbot, window, CTRL_SHIFT)
        assert (document.stack.count(), document.stack.index()) == (index + 1, index + 1), label
        assert same(place.stored(step.column), after), label
        assert agrees(place.shown(step), after), label
    return {step.name for step in steps}


@pytest.fixture
def picture(tmp_path: Path) -> Path:
    path = tmp_path / "picture.png"
    path.write_bytes(png_bytes(40, 30, "green"))
    return path


@pytest.fixture
def with_image_lane(window: MainWindow) -> MainWindow:
    """The sample has no image lane: one is added, with a card in the second stage; nor
    participants: one is added, for a card's author to be chosen."""
    document = window.document
    assert document is not None and window.scene is not None
    map_id = window.scene.map_id
    assert map_id is not None
    document.push(edits.add_participant(document, "Awa", None))
    document.push(edits.add_lane(document, map_id, LaneKind.IMAGE.value, name="Pictures"))
    lane = document.lanes(map_id)[-1]
    stage = document.stages(map_id)[1]
    document.push(edits.add_card(document, stage.id, lane.id, text="Shop front"))
    return window


def test_every_inspector_field_is_one_step_that_undoes_and_redoes(
    with_image_lane: MainWindow, qtbot: QtBot, disk: Disk
) -> None:
    window = with_image_lane
    forms_walked: set[str] = set()
    card_kinds: set[str] = set()
    fields_walked: dict[str, set[str]] = {}
    for place in inspector_places(window, qtbot, disk):
        assert isinstance(place, InspectorPlace)
        place.name = place.name or place.kind
        walked = walk(place, window, qtbot)
        forms_walked.add(place.kind)
        fields_walked.setdefault(place.kind, set()).update(s.split(" ")[0] for s in walked)
        if place.kind == "cards":
            card_kinds.add(place.name.split(" ")[0])
    inspector = window.inspector
    assert forms_walked == set(inspector.forms)
    assert card_kinds == {kind.value for kind in LaneKind} - CARDLESS_LANES
    for kind, form in inspector.forms.items():
        assert set(form.fields) <= fields_walked[kind], kind


def test_every_persona_field_is_one_step_that_undoes_and_redoes(
    window: MainWindow, qtbot: QtBot, disk: Disk, picture: Path
) -> None:
    walk(PersonaPlace(window, qtbot, disk, picture), window, qtbot)


def test_every_branding_choice_is_one_step_that_undoes_and_redoes(
    window: MainWindow, qtbot: QtBot, disk: Disk, picture: Path
) -> None:
    walk(BrandingPlace(window, qtbot, disk, picture), window, qtbot)
