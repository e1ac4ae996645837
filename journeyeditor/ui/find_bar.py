"""The toolbar's find box and view filter: highlight matches, fade what is filtered out."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QToolBar, QWidget

from journeyeditor.canvas.scene import MapScene
from journeyeditor.canvas.view import MapView
from journeyeditor.canvas.view_filter import ViewFilter
from journeyeditor.editing.document import Document
from journeyeditor.render import content
from journeyeditor.render.labels import EVIDENCE
from journeyeditor.render.measures import Segment


class FindBar(QToolBar):
    """Find (Enter goes to the next match) and the evidence/department/text filter."""

    def __init__(self, view: MapView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.setWindowTitle(self.tr("Find and filter"))
        self.view = view
        self.document: Document | None = None
        self.find_box = QLineEdit(self)
        self.find_box.setObjectName("findBox")
        self.find_box.setPlaceholderText(self.tr("Find cards…"))
        self.find_box.setClearButtonEnabled(True)
        self.find_box.setMaximumWidth(220)
        self.find_box.textChanged.connect(self._find)
        self.find_box.returnPressed.connect(self.next_match)
        self.count = QLabel(self)
        self.count.setMinimumWidth(80)
        self.evidence = QComboBox(self)
        self.evidence.setObjectName("evidenceFilter")
        self.evidence.addItem(self.tr("All evidence"), None)
        for key, text in EVIDENCE.items():
            self.evidence.addItem(QCoreApplication.translate("Labels", text), key)
        self.department = QComboBox(self)
        self.department.setObjectName("departmentFilter")
        self.filter_box = QLineEdit(self)
        self.filter_box.setObjectName("filterBox")
        self.filter_box.setPlaceholderText(self.tr("Show only cards with…"))
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setMaximumWidth(200)
        self.addWidget(self.find_box)
        self.addWidget(self.count)
        self.addSeparator()
        self.addWidget(QLabel(self.tr("Filter:"), self))
        self.addWidget(self.evidence)
        self.addWidget(self.department)
        self.addWidget(self.filter_box)
        self.segment = QComboBox(self)
        self.segment.setObjectName("segmentChoice")
        self.segment.setToolTip(
            self.tr("Whose figures the funnel and survey lanes show, here and in exports")
        )
        self.segment_actions = (
            self.addSeparator(),
            self.addWidget(QLabel(self.tr("Figures for:"), self)),
            self.addWidget(self.segment),
        )
        self.segment.currentIndexChanged.connect(lambda _index: self._choose_segment())
        self.chosen_segments: dict[int, Segment] = {}
        """Each map's segment chosen in this window (none: everyone), kept while the map
        does not offer it (another map shown, an import undone) to come back with it."""
        self.evidence.currentIndexChanged.connect(self._filter)
        self.department.currentIndexChanged.connect(self._filter)
        self.filter_box.textChanged.connect(self._filter)
        self._next = 0

    def scene(self) -> MapScene:
        return self.view.map_scene()

    def set_document(self, document: Document) -> None:
        self.document = document
        for signal in (
            document.departmentAdded,
            document.departmentChanged,
            document.departmentRemoved,
        ):
            signal.connect(self._fill_departments)
        document.measuresChanged.connect(lambda _map_id: self._fill_segments())
        self.chosen_segments.clear()  # another project: its maps' ids say nothing of these
        self._fill_departments()
        self._fill_segments()

    def _fill_segments(self) -> None:
        """The segment values the map's newest runs measured, offered beside everyone,
        with the map's own choice chosen when it is among them. Hidden when there is
        none."""
        scene = self.scene()
        found = (
            content.segments_of(self.document, scene.map_id)
            if self.document is not None and scene.map_id is not None
            else []
        )
        chosen = self.chosen_segments.get(scene.map_id) if scene.map_id is not None else None
        self.segment.blockSignals(True)
        self.segment.clear()
        self.segment.addItem(self.tr("Everyone"), None)
        no_value = self.tr("(no value)")
        for column, value in found:
            self.segment.addItem(f"{column}: {value or no_value}", (column, value))
        self.segment.setCurrentIndex(found.index(chosen) + 1 if chosen in found else 0)
        self.segment.blockSignals(False)
        for action in self.segment_actions:
            action.setVisible(bool(found))
        self._show_segment()

    def _choose_segment(self) -> None:
        """A person's choice: the map remembers it, and shows it."""
        map_id, chosen = self.scene().map_id, self._chosen()
        if map_id is not None:
            if chosen is not None:
                self.chosen_segments[map_id] = chosen
            else:
                self.chosen_segments.pop(map_id, None)
        self._show_segment()

    def _chosen(self) -> Segment | None:
        """The customers the combo names (None: everyone)."""
        data = self.segment.currentData()
        return (str(data[0]), str(data[1])) if data else None

    def _show_segment(self) -> None:
        """The map's lanes of figures for the customers chosen."""
        self.scene().set_segment(self._chosen())

    def _fill_departments(self, *_ids: int) -> None:
        assert self.document is not None
        current = self.department.currentData()
        self.department.blockSignals(True)
        self.department.clear()
        self.department.addItem(self.tr("All departments"), None)
        for department in self.document.departments():
            self.department.addItem(department.name, department.id)
        index = self.department.findData(current)
        self.department.setCurrentIndex(max(0, index))
        self.department.blockSignals(False)

    def focus_find(self) -> None:
        self.find_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_box.selectAll()

    def _find(self, text: str) -> None:
        found = self.scene().set_find_text(text)
        self._next = 0
        count = len(found)
        # English has no plural forms file: its one form is chosen here, the plural by Qt.
        words = self.tr("1 match") if count == 1 else self.tr("%n matches", "", count)
        self.count.setText(words if text.strip() else "")

    def next_match(self) -> None:
        """Select and show the next matching card."""
        found = self.scene().matches()
        if not found:
            return
        card_id = found[self._next % len(found)]
        self._next += 1
        self.scene().select_cards([card_id])
        item = self.scene().card_items.get(card_id)
        if item is not None:
            self.view.reveal(item.sceneBoundingRect())

    def _filter(self, *_args: object) -> None:
        self.scene().set_filter(
            ViewFilter(
                evidence=self.evidence.currentData(),
                department_id=self.department.currentData(),
                text=self.filter_box.text(),
            )
        )

    def refresh(self) -> None:
        """Apply find, filter and the segment again (after switching maps)."""
        self._fill_segments()
        self._find(self.find_box.text())
        self._filter()
