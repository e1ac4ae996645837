"""The properties panel of the current selection: cards, a stage, a lane, a point, a map.

Each form shows what the Document holds and turns every finished edit into one command
pushed through the Document, so everything done here can be undone. After any edit,
wherever it came from, the panel re-reads what it shows: fields whose value did not
change are left alone (the cursor stays put), and if the shown thing is gone (deleted,
or its creation undone) the panel falls back to its map, or to "Nothing selected".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from journeyeditor.editing import edits
from journeyeditor.editing.command import EditCommand
from journeyeditor.editing.document import Document
from journeyeditor.model import (
    Card,
    Department,
    JourneyMap,
    Lane,
    LaneKind,
    Participant,
    Persona,
    Stage,
)
from journeyeditor.model.enums import SEVERITY_MAX, SEVERITY_MIN, Direction, MapState
from journeyeditor.render import icons, labels
from journeyeditor.render.drawing import CARD_FILL
from journeyeditor.ui.fields import (
    MIXED,
    Choice,
    ColorButton,
    FacePicker,
    Field,
    NumberLine,
    Option,
    Special,
    Spin,
    TextBox,
    TextLine,
    WindowUndoKeys,
    shape_icon,
    swatch,
)

F = TypeVar("F", bound=Field)

KIND_FIELDS = {
    LaneKind.TOUCHPOINT.value: ("channel", "owned"),
    LaneKind.PAIN_POINT.value: ("severity",),
    LaneKind.OPPORTUNITY.value: ("owner", "priority"),
    LaneKind.METRIC.value: (
        "value",
        "unit",
        "direction",
        "target_low",
        "target",
        "baseline",
        "period",
    ),
}
CARD_FIELDS = ("text", "evidence", "department_id", "participant_id", "votes", "color")
SHARED_FIELDS = ("evidence", "department_id", "color")
"""What several selected cards can be given at once."""

MAP_SIGNALS = (
    "mapChanged",
    "mapRemoved",
    "stageChanged",
    "stageRemoved",
    "laneChanged",
    "laneRemoved",
    "cardChanged",
    "cardRemoved",
    "emotionChanged",
)
LIST_SIGNALS = (
    "personaAdded",
    "personaRemoved",
    "personaChanged",
    "personasReordered",
    "departmentAdded",
    "departmentRemoved",
    "departmentChanged",
    "departmentsReordered",
    "participantsChanged",
)


def label(text: str) -> str:
    """A word of render.labels (marked there) in the interface language."""
    return QCoreApplication.translate("Labels", text)


def _shared(rows: Sequence[Any], name: str) -> Any:
    """The value all rows have for `name`, or MIXED."""
    values = {getattr(row, name) for row in rows}
    return values.pop() if len(values) == 1 else MIXED


class Form(QWidget):
    """Fields bound to columns; `edited` carries the changed columns of one finished edit.

    `load` remembers both what the file held and what each field then showed: a field is
    rewritten only when the file's value changed, and an edit is what differs from what
    was shown, so pending typing survives a refresh caused by something else.
    """

    edited = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.fields: dict[str, Field] = {}
        self._undo_keys = WindowUndoKeys(self)
        self._seen: dict[str, Any] = {}
        self._shown: dict[str, Any] = {}

    def add(self, text: str, name: str, field: F) -> F:
        self.form.addRow(text, field)
        self.fields[name] = field
        field.committed.connect(self.commit)
        field.installEventFilter(self._undo_keys)
        return field

    def load(self, values: dict[str, Any], fresh: bool) -> None:
        """Show `values` (column → value); the fields of other columns are hidden."""
        if fresh:
            self._seen, self._shown = {}, {}
        for name, field in self.fields.items():
            self.form.setRowVisible(field, name in values)
        for name, value in values.items():
            if name not in self._seen or self._seen[name] != value:
                self.fields[name].set_value(value)
                self._shown[name] = self.fields[name].value()
        self._seen = dict(values)

    def changes(self) -> dict[str, Any]:
        found = {}
        for name in self._seen:
            value = self.fields[name].value()
            if not isinstance(value, Special) and value != self._shown[name]:
                found[name] = value
        return found

    def commit(self) -> None:
        """Announce what the person changed, once: it counts as shown from now on, so a
        second commit before the form is reloaded (say, from a refresh that the saving
        itself causes) finds nothing left to save."""
        changes = self.changes()
        if changes:
            self._shown.update(changes)
            self.edited.emit(changes)


class CardForm(Form):
    """One card with the fields of its lane's kind, or the shared fields of several."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = self.add(self.tr("Text"), "text", TextBox(5))
        channels: list[Option] = [(self.tr("None"), None, None)]
        channels += [
            (label(word), key, shape_icon(icons.channel(key, 1, 1, 14)))
            for key, word in labels.CHANNELS.items()
        ]
        self.channel = self.add(self.tr("Channel"), "channel", Choice(channels))
        owned: list[Option] = [
            (self.tr("Not said"), None, None),
            (label(labels.OWN), True, None),
            (label(labels.EXTERNAL), False, None),
        ]
        self.owned = self.add(self.tr("Channel is"), "owned", Choice(owned))
        severities: list[Option] = [(self.tr("Not rated"), None, None)]
        names = (self.tr("1 · minor"), self.tr("2 · serious"), self.tr("3 · critical"))
        severities += [
            (name, level, None)
            for level, name in zip(range(SEVERITY_MIN, SEVERITY_MAX + 1), names, strict=True)
        ]
        self.severity = self.add(self.tr("Severity"), "severity", Choice(severities))
        self.owner = self.add(self.tr("Owner"), "owner", TextLine(optional=True))
        priorities: list[Option] = [(self.tr("None"), None, None)]
        priorities += [(label(word), key, None) for key, word in labels.PRIORITIES.items()]
        self.priority = self.add(self.tr("Priority"), "priority", Choice(priorities))
        self.metric_value = self.add(self.tr("Value"), "value", NumberLine())
        self.unit = self.add(self.tr("Unit"), "unit", TextLine(optional=True))
        directions: list[Option] = [
            (self.tr("Not said (higher is better)"), None, None),
            (self.tr("Higher is better"), Direction.HIGHER.value, None),
            (self.tr("Lower is better"), Direction.LOWER.value, None),
            (self.tr("Within a range"), Direction.RANGE.value, None),
        ]
        self.direction = self.add(self.tr("Direction"), "direction", Choice(directions))
        self.target_low = self.add(self.tr("Range from"), "target_low", NumberLine())
        self.target = self.add(self.tr("Target"), "target", NumberLine())
        self.baseline = self.add(self.tr("Baseline"), "baseline", NumberLine())
        self.period = self.add(self.tr("Period"), "period", TextLine(optional=True))
        self.period.setPlaceholderText(self.tr("e.g. Q3 2026, last 30 days"))
        evidence: list[Option] = [
            (label(word), key, shape_icon(icons.evidence(key, 8, 8, 5.5)))
            for key, word in labels.EVIDENCE.items()
        ]
        self.evidence = self.add(self.tr("Evidence"), "evidence", Choice(evidence))
        self.department = self.add(self.tr("Department"), "department_id", Choice())
        self.participant = self.add(self.tr("Written by"), "participant_id", Choice())
        self.created = QLabel(self)
        self.created.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow(self.tr("Created"), self.created)
        self.votes = self.add(self.tr("Votes"), "votes", Spin(0, 99))
        self.color = self.add(
            self.tr("Colour"),
            "color",
            ColorButton(self.tr("Default"), self.tr("Back to the lane's usual card colour")),
        )
        self._departments: tuple[tuple[int, str, str], ...] | None = None
        self._participants: tuple[tuple[int, str], ...] | None = None

    def set_departments(self, departments: Sequence[Department]) -> None:
        key = tuple((d.id, d.name, d.color) for d in departments)
        if key == self._departments:
            return
        self._departments = key
        options: list[Option] = [(self.tr("None"), None, None)]
        options += [(d.name, d.id, swatch(d.color)) for d in departments]
        self.department.set_options(options)

    def set_participants(self, participants: Sequence[Participant]) -> None:
        key = tuple((p.id, p.name) for p in participants)
        if key == self._participants:
            return
        self._participants = key
        options: list[Option] = [(self.tr("None"), None, None)]
        options += [(p.name, p.id, None) for p in participants]
        self.participant.set_options(options)

    def created_text(self, created: str) -> str:
        """When a card was written, in local time as the interface language writes it."""
        when = QDateTime.fromString(created, Qt.DateFormat.ISODate)
        if not created or not when.isValid():
            return self.tr("Not recorded")
        return QLocale().toString(when.toLocalTime(), QLocale.FormatType.ShortFormat)

    def show_cards(self, cards: Sequence[Card], kind: str, fresh: bool) -> None:
        self.color.default_color = CARD_FILL.get(kind, CARD_FILL[LaneKind.TEXT.value])
        names = CARD_FIELDS + KIND_FIELDS.get(kind, ()) if len(cards) == 1 else SHARED_FIELDS
        ranged = cards[0].direction == Direction.RANGE.value
        if not ranged:  # the low end means something for a range only
            names = tuple(name for name in names if name != "target_low")
        target_label = self.form.labelForField(self.target)
        if isinstance(target_label, QLabel):
            target_label.setText(self.tr("Range to") if ranged else self.tr("Target"))
        self.load({name: _shared(cards, name) for name in names}, fresh)
        self.created.setText(self.created_text(cards[0].created))
        self.form.setRowVisible(self.created, len(cards) == 1)


class StageForm(Form):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = self.add(self.tr("Name"), "name", TextLine())
        self.color = self.add(self.tr("Colour"), "color", ColorButton())
        self.stage_width = self.add(self.tr("Width"), "width", Spin(120, 2000, " px"))


class LaneForm(Form):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = self.add(self.tr("Name"), "name", TextLine())
        self.kind = QLabel(self)
        self.kind.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow(self.tr("Kind"), self.kind)
        self.color = self.add(self.tr("Colour"), "color", ColorButton())
        self.lane_height = self.add(self.tr("Height"), "height", Spin(40, 2000, " px"))

    def show_lane(self, lane: Lane, fresh: bool) -> None:
        self.kind.setText(label(labels.LANE_KINDS.get(lane.kind, lane.kind)))
        self.load({"name": lane.name, "color": lane.color, "height": lane.height}, fresh)


class PointForm(Form):
    """A point of an emotion curve: the feeling at one stage and why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        faces = (
            self.tr("Very negative"),
            self.tr("Negative"),
            self.tr("Neutral"),
            self.tr("Positive"),
            self.tr("Very positive"),
        )
        self.feeling = self.add(self.tr("Feeling"), "value", FacePicker(faces))
        self.note = self.add(self.tr("Note"), "note", TextBox(4))


class MapForm(Form):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = self.add(self.tr("Name"), "name", TextLine())
        states: list[Option] = [
            (self.tr("Current journey"), MapState.CURRENT.value, None),
            (self.tr("Ideal journey"), MapState.IDEAL.value, None),
        ]
        self.state = self.add(self.tr("Journey"), "state", Choice(states))
        self.persona = self.add(self.tr("Persona"), "persona_id", Choice())
        self.segment = self.add(self.tr("Segment"), "segment", TextLine())
        self.description = self.add(self.tr("Description"), "description", TextBox(6))

    def set_personas(self, personas: Sequence[Persona]) -> None:
        options: list[Option] = [(self.tr("None"), None, None)]
        options += [(p.name or self.tr("(unnamed)"), p.id, None) for p in personas]
        self.persona.set_options(options)


@dataclass(frozen=True)
class Selection:
    """What the inspector shows: kind, and the ids (lane then stage for a point)."""

    kind: str = "nothing"
    ids: tuple[int, ...] = ()


class Inspector(QWidget):
    """Properties of the selection; every finished edit is one undoable command."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.selection = Selection()
        self._map_id: int | None = None
        self._stale = False
        self._applying = False
        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        self.where = QLabel(self)
        self.where.setWordWrap(True)
        self.where.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        for text_label in (self.heading, self.where):
            text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty = QLabel(
            self.tr(
                "Nothing selected.\n\nSelect a card, a stage, a lane or a point of the "
                "emotion curve to see and change its properties."
            ),
            self,
        )
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.card_form = CardForm()
        self.stage_form = StageForm()
        self.lane_form = LaneForm()
        self.point_form = PointForm()
        self.map_form = MapForm()
        self.forms: dict[str, Form] = {
            "cards": self.card_form,
            "stage": self.stage_form,
            "lane": self.lane_form,
            "point": self.point_form,
            "map": self.map_form,
        }
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(8, 8, 8, 8)
        column.addWidget(self.heading)
        column.addWidget(self.where)
        column.addSpacing(4)
        column.addWidget(self.empty)
        for form in self.forms.values():
            form.edited.connect(partial(self._apply, form))
            column.addWidget(form)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.setMinimumWidth(240)
        self._select(Selection())

    # What to show

    def set_document(self, document: Document) -> None:
        if self.document is not None:
            self._watch(self.document, False)
        self.document = document
        self._watch(document, True)
        self._map_id = None
        for form in self.forms.values():
            form.setEnabled(not document.read_only)
        self._select(Selection())

    def show_cards(self, card_ids: Sequence[int]) -> None:
        self.commit_pending()
        if card_ids:
            self._select(Selection("cards", tuple(card_ids)))
        else:
            self._fallback()

    def show_stage(self, stage_id: int) -> None:
        self.commit_pending()
        self._select(Selection("stage", (stage_id,)))

    def show_lane(self, lane_id: int) -> None:
        self.commit_pending()
        self._select(Selection("lane", (lane_id,)))

    def show_point(self, lane_id: int, stage_id: int) -> None:
        self.commit_pending()
        self._select(Selection("point", (lane_id, stage_id)))

    def show_map(self, map_id: int) -> None:
        self.commit_pending()
        self._select(Selection("map", (map_id,)))

    def show_nothing(self) -> None:
        self.commit_pending()
        self._map_id = None
        self._select(Selection())

    def commit_pending(self) -> None:
        """Save an edit still being typed (before the selection changes or on closing)."""
        form = self.forms.get(self.selection.kind)
        if form is not None and self.document is not None:
            form.commit()

    # Following the document

    def _watch(self, document: Document, on: bool) -> None:
        slots: list[tuple[str, Callable[..., None]]] = [
            *((name, self._map_touched) for name in MAP_SIGNALS),
            *((name, self._touched) for name in LIST_SIGNALS),
        ]
        for name, slot in slots:
            signal = getattr(document, name)
            if on:
                signal.connect(slot)
            else:
                signal.disconnect(slot)
        if on:
            document.committed.connect(self._on_committed)
        else:
            document.committed.disconnect(self._on_committed)

    def _map_touched(self, map_id: int, *_ids: int) -> None:
        if map_id == self._map_id:
            self._stale = True

    def _touched(self, *_ids: int) -> None:
        self._stale = True

    def _on_committed(self) -> None:
        """Once per edit, undo or redo: re-read what is shown if the edit concerned it."""
        if self._stale:
            self._stale = False
            self._reload(fresh=False)

    def _select(self, selection: Selection) -> None:
        self.selection = selection
        self._reload(fresh=True)

    def _reload(self, fresh: bool) -> None:
        kind = self.selection.kind
        found = self.document is not None and kind != "nothing"
        if found:
            loader = {
                "cards": self._load_cards,
                "stage": self._load_stage,
                "lane": self._load_lane,
                "point": self._load_point,
                "map": self._load_map,
            }[kind]
            found = loader(fresh)
        if not found and kind not in ("nothing", "map"):
            self._fallback()
            return
        if not found:
            self.selection = Selection()
            self._headings("", "")
        self.empty.setVisible(not found)
        for name, form in self.forms.items():
            form.setVisible(found and name == self.selection.kind)

    def _fallback(self) -> None:
        """The shown thing is gone: show its map if that still exists, else nothing."""
        document, map_id = self.document, self._map_id
        if document is not None and document.get(JourneyMap, map_id) is not None:
            assert map_id is not None
            self._select(Selection("map", (map_id,)))
            return
        self._map_id = None
        self._select(Selection())

    def _headings(self, heading: str, where: str) -> None:
        self.heading.setText(heading)
        self.heading.setVisible(bool(heading))
        self.where.setText(where)
        self.where.setVisible(bool(where))

    def _load_cards(self, fresh: bool) -> bool:
        assert self.document is not None
        get = self.document.get
        cards = [c for c in (get(Card, i) for i in self.selection.ids) if c is not None]
        if not cards:
            return False
        if len(cards) != len(self.selection.ids):
            self.selection = Selection("cards", tuple(c.id for c in cards))
            fresh = True
        lane, stage = get(Lane, cards[0].lane_id), get(Stage, cards[0].stage_id)
        if lane is None or stage is None:
            return False
        self._map_id = stage.map_id
        if len(cards) == 1:
            self._headings(self.tr("Card"), f"{lane.name} · {stage.name}")
        else:
            self._headings(
                self.tr("%n cards", "", len(cards)),
                self.tr("Evidence, department and colour apply to all of them."),
            )
        self.card_form.set_departments(self.document.departments())
        self.card_form.set_participants(self.document.participants())
        self.card_form.show_cards(cards, lane.kind, fresh)
        return True

    def _load_stage(self, fresh: bool) -> bool:
        assert self.document is not None
        stage = self.document.get(Stage, self.selection.ids[0])
        if stage is None:
            return False
        self._map_id = stage.map_id
        self._headings(self.tr("Stage"), self._map_name(stage.map_id))
        values = {"name": stage.name, "color": stage.color, "width": stage.width}
        self.stage_form.load(values, fresh)
        return True

    def _load_lane(self, fresh: bool) -> bool:
        assert self.document is not None
        lane = self.document.get(Lane, self.selection.ids[0])
        if lane is None:
            return False
        self._map_id = lane.map_id
        self._headings(self.tr("Lane"), self._map_name(lane.map_id))
        self.lane_form.show_lane(lane, fresh)
        return True

    def _load_point(self, fresh: bool) -> bool:
        assert self.document is not None
        lane_id, stage_id = self.selection.ids
        lane, stage = self.document.get(Lane, lane_id), self.document.get(Stage, stage_id)
        if lane is None or stage is None or lane.kind != LaneKind.EMOTION.value:
            return False
        self._map_id = stage.map_id
        point = self.document.emotion_point(lane_id, stage_id)
        self._headings(self.tr("Emotion"), f"{lane.name} · {stage.name}")
        values = {"value": point.value if point else 0, "note": point.note if point else ""}
        self.point_form.load(values, fresh)
        return True

    def _load_map(self, fresh: bool) -> bool:
        assert self.document is not None
        journey_map = self.document.get(JourneyMap, self.selection.ids[0])
        if journey_map is None:
            return False
        self._map_id = journey_map.id
        self._headings(self.tr("Map"), "")
        self.map_form.set_personas(self.document.personas())
        names = ("name", "state", "persona_id", "segment", "description")
        self.map_form.load({name: getattr(journey_map, name) for name in names}, fresh)
        return True

    def _map_name(self, map_id: int) -> str:
        assert self.document is not None
        journey_map = self.document.get(JourneyMap, map_id)
        return journey_map.name if journey_map else ""

    # Editing

    def _apply(self, form: Form, changes: dict[str, Any]) -> None:
        """Push one command for one finished edit of `form`, if it is the one shown.

        Never from inside another: whatever the pushed edit sets off cannot push again."""
        if self._applying or self.document is None:
            return
        if form is not self.forms.get(self.selection.kind):
            return
        self._applying = True
        try:
            self._push(changes)
        finally:
            self._applying = False

    def _push(self, changes: dict[str, Any]) -> None:
        assert self.document is not None
        document, ids = self.document, self.selection.ids
        command: EditCommand
        if self.selection.kind == "cards":
            command = edits.edit_cards(document, ids, **changes)
        elif self.selection.kind == "stage":
            command = edits.edit_stage(document, ids[0], **changes)
        elif self.selection.kind == "lane":
            command = edits.edit_lane(document, ids[0], **changes)
        elif self.selection.kind == "point":
            value, note = changes.get("value"), changes.get("note")
            command = edits.set_emotion(document, ids[0], ids[1], value, note)
        else:
            command = edits.edit_map(document, ids[0], **changes)
        if not document.push(command):
            self._reload(fresh=True)
