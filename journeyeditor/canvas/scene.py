"""MapScene: one map of the Document on a QGraphicsScene, kept in step by its signals.

The scene mirrors the map as plain layout content and updates only what a signal
names: a card's record is read again when that card changed, and a cell whose cards
moved reads only its ids in order. Once per committed edit its `Layouter` lays out
again only the cells and rows the edit touched, and the scene touches just the items
whose boxes changed; each lane's cards are children of one row item, so the rows below
a row that grew move as one `setPos` each. It never writes the file: gestures end in
commands pushed on the Document.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import shiboken6
from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneDragDropEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QMenu,
)

from journeyeditor.canvas import mime
from journeyeditor.canvas.capture import QuickCapture
from journeyeditor.canvas.context_menu import build_menu
from journeyeditor.canvas.gestures import CardDrag, HeaderDrag, PointDrag
from journeyeditor.canvas.inline_editor import InlineEditor
from journeyeditor.canvas.items import (
    Z_CARD,
    Z_PINNED,
    Z_PINNED_CORNER,
    CardItem,
    CellItem,
    CornerItem,
    CurveItem,
    GuideItem,
    HeaderItem,
    OverviewCard,
    PointItem,
    RowItem,
)
from journeyeditor.canvas.legend import LegendItem, map_departments
from journeyeditor.canvas.palette_drop import PaletteDrop
from journeyeditor.canvas.retractable import Retractable
from journeyeditor.canvas.view_filter import ViewFilter, text_matches
from journeyeditor.editing import edits
from journeyeditor.editing.document import Document, image_bytes
from journeyeditor.editing.workshop import Workshop
from journeyeditor.model import Card, Image, JourneyMap
from journeyeditor.model.enums import CARDLESS_LANES
from journeyeditor.render import drawing, fonts
from journeyeditor.render.bulk import collection_paused
from journeyeditor.render.content import (
    CARD_COLUMNS,
    card_in,
    cards_in,
    department_table,
    measures_in,
    point_in,
)
from journeyeditor.render.layout import (
    STYLE,
    CardIn,
    CardMeasurer,
    Cell,
    LaneIn,
    Layouter,
    MapContent,
    MapLayout,
    PointIn,
    StageIn,
    relocated,
)
from journeyeditor.render.measures import MeasureIn, RunIn, Segment
from journeyeditor.render.pictures import decode
from journeyeditor.render.ranking import ranked

FADED = 0.18
KEPT_ITEMS = 3000
"""Above this many card items, those far off screen are dropped (made again if shown)."""
MARGIN = 40.0


class CardItems(Mapping[int, CardItem]):
    """The card items by card id. An item is made when first shown (the view asks for
    what it is about to paint), or when first asked for here: opening a map of
    thousands of cards makes only the few hundred items on screen."""

    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self.made: dict[int, CardItem] = {}

    def __getitem__(self, card_id: int) -> CardItem:
        item = self.made.get(card_id) or self.scene.make_card(card_id)
        if item is None:
            raise KeyError(card_id)
        return item

    def __iter__(self) -> Iterator[int]:
        layout = self.scene.layout
        return iter(list(layout.cards) if layout else [])

    def __len__(self) -> int:
        layout = self.scene.layout
        return len(layout.cards) if layout else 0

    def __contains__(self, card_id: object) -> bool:
        layout = self.scene.layout
        return layout is not None and card_id in layout.cards


def _pairs(firsts: Iterable[int], seconds: Iterable[int]) -> list[tuple[int, int]]:
    """Every pair of a first and a second id: the keys of cells (stage, lane) or of
    faces (lane, stage)."""
    others = list(seconds)
    return [(first, second) for first in firsts for second in others]


def _holds(name: str) -> Callable[[Any, Any], bool]:
    """Whether an item still holds this very box of the layout (in its attribute `name`)."""
    return lambda item, box: getattr(item, name) is box


class MapScene(QGraphicsScene):
    """The interactive map. `selectionInfo` says what is selected, for the inspector."""

    selectionInfo = Signal(str, list)
    """What is selected: ("cards", ids), ("stage", [id]), ("lane", [id]),
    ("point", [lane, stage]) or ("map", [id])."""
    matchesChanged = Signal(int)
    statusMessage = Signal(str)
    """A word for the status bar, such as why a drop is refused."""
    cardClicked = Signal(int)
    suggestMetrics = Signal(int)
    """A metric lane (its id) was just added, or its menu asked for suggested metrics."""
    """A plain left click on a card, not a drag (a vote, while one is running)."""

    def __init__(
        self, document: Document, labels: drawing.Labels, workshop: Workshop | None = None
    ) -> None:
        super().__init__()
        # Edits move whole rows of items; keeping a BSP index of thousands of cards up to
        # date costs more than finding the few hundred items a viewport shows.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.document = document
        self.workshop = workshop
        """Whose words new cards are (department, participant); none outside workshops."""
        self.labels = labels
        self.map_style = STYLE
        self.measure = fonts.metrics().width
        self.measurer = CardMeasurer(
            self.measure,
            self.map_style,
            drawing.meta_lines(labels, self.measure),
            drawing.figure_text(labels),
        )
        self.map_id: int | None = None
        self.layouter = Layouter(self.measurer, self.map_style)
        self.layout: MapLayout | None = None
        self.title = ""
        self.stages: list[StageIn] = []
        self.lanes: list[LaneIn] = []
        self.card_data: dict[int, CardIn] = {}
        self._changed: dict[int, CardIn | None] = {}
        """Cards whose record changed since the last layout (None: gone), for the Layouter."""
        self._reordered: set[tuple[int, int]] = set()
        """Cells whose cards' positions were set in place since the last layout."""
        self.points: dict[tuple[int, int], PointIn] = {}
        self.measures: tuple[MeasureIn, ...] = ()
        self.runs: tuple[RunIn, ...] = ()
        self.segment: Segment | None = None
        """The customers (column, value) whose figures the lanes of figures show (None:
        everyone's)."""
        self.departments: dict[int, tuple[str, str]] = {}
        self.card_items = CardItems(self)
        self._shown = QRectF()
        """Where every card item is made (reset by each layout: rows move)."""
        self._found: set[int] = set()
        self.marked: frozenset[int] = frozenset()
        """Cards highlighted as find highlights its matches (the History's changes)."""
        self._top: set[int] | None = None
        self.row_items: dict[int, RowItem] = {}
        self.cell_items: dict[tuple[int, int], CellItem] = {}
        self.stage_items: dict[int, HeaderItem] = {}
        self.lane_items: dict[int, HeaderItem] = {}
        self.curve_items: dict[int, CurveItem] = {}
        self.point_items: dict[tuple[int, int], PointItem] = {}
        self.corner = CornerItem()
        self.addItem(self.corner)
        self._visible = QRectF()
        """The part of the scene the view shows, which the headers are pinned to."""
        self.guide = GuideItem()
        self.addItem(self.guide)
        self.legend = LegendItem()
        self.addItem(self.legend)
        self.legend_shown = False
        self.filter = ViewFilter()
        self.find_text = ""
        self.top_count: int | None = None
        self.card_menu_extras: list[Callable[[QMenu, int], None]] = []
        """What upper layers add to a card's context menu (menu, card id)."""
        self._images: dict[int, QImage] = {}
        self._dirty = False
        self._points_stale = False
        """Emotion points changed since the last layout: with nothing else dirty, only
        their curves are made again (`_relayout_points`)."""
        self._emphasized = False
        self.overview = False
        self._blocks = False
        """Whether cells were last told to draw their cards as blocks (`_refresh_overview`)."""
        self.card_drag = CardDrag(self)
        self.header_drag = HeaderDrag(self)
        self.point_drag = PointDrag(self)
        self.palette_drop = PaletteDrop(self)
        self.capture = QuickCapture(self)
        self.current_cell: tuple[int, int] | None = None
        """The (stage, lane) cell clicked last on an empty spot: Enter types a card into
        it, Ctrl+V pastes into it. Selecting anything else lets go of it."""
        self._outlined: set[CardItem] = set()
        self.selectionChanged.connect(self._outline_selection)
        self.selectionChanged.connect(self._announce_selection)
        self.selectionChanged.connect(self._leave_cell_if_selected)
        self.selectionChanged.connect(self._refresh_overview)
        self._connect(document)

    @classmethod
    def empty(cls) -> QGraphicsScene:
        """What the view shows before any file is open."""
        return QGraphicsScene()

    # Keeping in step with the document

    def _connect(self, document: Document) -> None:
        document.cardAdded.connect(self._card_touched)
        document.cardChanged.connect(self._card_touched)
        document.cardRemoved.connect(self._card_removed)
        document.cellChanged.connect(self._cell_changed)
        for signal in (document.stageAdded, document.stageRemoved, document.stageChanged):
            signal.connect(self._stages_changed)
        document.stagesReordered.connect(self._stages_changed)
        for signal in (document.laneAdded, document.laneRemoved, document.laneChanged):
            signal.connect(self._lanes_changed)
        document.lanesReordered.connect(self._lanes_changed)
        document.emotionChanged.connect(self._emotion_changed)
        document.measuresChanged.connect(self._measures_changed)
        document.mapChanged.connect(self._map_changed)
        document.mapRemoved.connect(self._map_removed)
        for signal in (
            document.departmentAdded,
            document.departmentChanged,
            document.departmentRemoved,
            document.departmentsReordered,
        ):
            signal.connect(self._departments_changed)
        document.imageAdded.connect(self._image_changed)
        document.imageRemoved.connect(self._image_changed)
        document.committed.connect(self._sync_if_dirty)

    def _mine(self, map_id: int) -> bool:
        return map_id == self.map_id

    def _card_touched(self, map_id: int, card_id: int) -> None:
        if self._mine(map_id):
            card = self.document.record(Card, card_id)  # plain data: no ORM object made
            if card is not None:
                self.card_data[card_id] = self._changed[card_id] = card_in(card, self.departments)
                self._dirty = True

    def _card_removed(self, map_id: int, card_id: int) -> None:
        if self._mine(map_id):
            self.card_data.pop(card_id, None)
            self._changed[card_id] = None
            self._dirty = True

    def _cell_changed(self, map_id: int, stage_id: int, lane_id: int) -> None:
        """Cards came, went or moved in a cell: only their ids and positions are read. A
        card that came from another cell gets a new record (its own signal reads it
        again); one whose position changed inside the cell (the cell spaced out) keeps
        its record, its position set in place and the cell named to the layouter
        (`Layouter.update`'s `reordered`)."""
        if self._mine(map_id):
            key = (stage_id, lane_id)
            for card_id, position in self.document.cell_keys(stage_id, lane_id):
                card = self.card_data.get(card_id)
                if card is None:
                    self._card_touched(map_id, card_id)
                elif card.stage_id == stage_id and card.lane_id == lane_id:
                    if card.position != position:
                        card.position = position  # its look is the same: kept in place
                        self._reordered.add(key)
                else:
                    moved = relocated(card, stage_id, lane_id, position)
                    self.card_data[card_id] = self._changed[card_id] = moved
            self._dirty = True

    def _stages_changed(self, map_id: int, *_ids: int) -> None:
        if self._mine(map_id):
            self.stages = [
                StageIn(s.id, s.name, s.color, s.width) for s in self.document.stage_records(map_id)
            ]
            self._measures_changed(map_id)

    def _lanes_changed(self, map_id: int, *_ids: int) -> None:
        if self._mine(map_id):
            self.lanes = [
                LaneIn(lane.id, lane.name, lane.kind, lane.color, lane.height)
                for lane in self.document.lane_records(map_id)
            ]
            self._measures_changed(map_id)

    def _measures_changed(self, map_id: int) -> None:
        """Figures of the funnel and survey lanes, read again (an import, its undo, a
        stage or lane added, removed or moved)."""
        if self._mine(map_id):
            self.measures, self.runs = measures_in(
                self.document, map_id, self.lanes, self.stages, self.segment
            )
            self._dirty = True

    def _emotion_changed(self, map_id: int, lane_id: int, stage_id: int) -> None:
        if self._mine(map_id):
            point = self.document.emotion_record(lane_id, stage_id)  # plain data, no ORM
            if point is None:
                self.points.pop((lane_id, stage_id), None)
            else:
                self.points[(lane_id, stage_id)] = point_in(point)
            self._points_stale = True

    def _map_changed(self, map_id: int) -> None:
        if self._mine(map_id):
            journey_map = self.document.get(JourneyMap, map_id)
            self.title = journey_map.name if journey_map else ""
            self._dirty = True

    def _map_removed(self, map_id: int) -> None:
        if self._mine(map_id):
            self.show_map(None)

    def _departments_changed(self, *_ids: int) -> None:
        if self.map_id is not None:
            self.show_map(self.map_id)

    def _image_changed(self, image_id: int) -> None:
        self._images.pop(image_id, None)
        self.update()

    def set_segment(self, segment: Segment | None) -> None:
        """Show the lanes of figures for the customers of one segment (column, value;
        None: everyone): a way of looking, written nowhere, which exports made from this
        window follow."""
        if segment != self.segment:
            self.segment = segment
            if self.map_id is not None:
                self._measures_changed(self.map_id)
                self._sync_if_dirty()

    def _sync_if_dirty(self) -> None:
        points, self._points_stale = self._points_stale, False
        if self._dirty:
            self.relayout()
        elif points:
            self._relayout_points()

    def _relayout_points(self) -> None:
        """Emotion points changed and nothing else: their lanes' curves and faces made
        again, no row laid out (a point moves no row: Layouter.update_points). A face
        added or removed needs its item made or dropped: `relayout` does that."""
        if self.layout is None:
            return
        lanes = self.layouter.update_points(self.points.values())
        for lane_id in lanes:
            if not self._show_curve(lane_id):
                self.relayout(lanes)  # the layouter saw them: `update` would not name them
                return

    def _show_curve(self, lane_id: int) -> bool:
        """The items of a lane's curve and faces on its layout's curve; False when a face
        has no item or an item no face (the faces changed: `relayout` brings them in)."""
        assert self.layout is not None
        curve = self.layout.curves.get(lane_id)
        item = self.curve_items.get(lane_id)
        if curve is None or item is None:
            return curve is None and item is None
        faces = [self.point_items.get((lane_id, point.stage_id)) for point in curve.points]
        shown = sum(1 for key in self.point_items if key[0] == lane_id)
        if None in faces or shown != len(faces):
            return False
        item.set_curve(curve)
        for index, face in enumerate(faces):
            assert face is not None
            face.set_point(curve, index)
        return True

    def show_map(self, map_id: int | None) -> None:
        """Load a whole map (on opening or switching maps; edits never come here)."""
        with collection_paused():
            self._load(map_id)
            self.clearSelection()
            self.current_cell = None
            self.layouter = Layouter(self.measurer, self.map_style)
            self.relayout()

    def _load(self, map_id: int | None) -> None:
        """Read a map's content from the document."""
        self.map_id = map_id
        self.departments = department_table(self.document)
        if map_id is None:
            self.title, self.stages, self.lanes = "", [], []
            self.card_data, self.points = {}, {}
            self.measures, self.runs = (), ()
            return
        journey_map = self.document.record(JourneyMap, map_id)
        self.title = journey_map.name if journey_map else ""
        self._stages_changed(map_id)
        self._lanes_changed(map_id)
        rows = self.document.card_rows(map_id, CARD_COLUMNS)
        self.card_data = cards_in(rows, self.departments)
        self.points = {
            (p.lane_id, p.stage_id): point_in(p) for p in self.document.emotion_records(map_id)
        }

    def content(self, cards: bool = True) -> MapContent:
        """The map as layout content; without `cards`, none (gathering 10,000 of them
        into a tuple cost a tenth of a millisecond at every edit)."""
        return MapContent(
            self.title,
            tuple(self.stages),
            tuple(self.lanes),
            tuple(self.card_data.values()) if cards else (),
            tuple(self.points.values()),
            self.measures,
            self.runs,
        )

    # Layout and items

    def relayout(self, also: Iterable[int] = ()) -> None:
        """Lay out again what changed and bring items in line, touching only those;
        the items of the rows of the lanes `also` are brought in line too."""
        self._dirty = False
        content = self.content(cards=False)  # the edited cards are in `_changed`
        if self.layouter.lays_out_all(content):
            content = self.content()
        changes = self.layouter.update(content, self._changed, self._reordered)
        self._changed, self._reordered = {}, set()
        layout = self.layouter.layout
        assert layout is not None
        self.layout = layout
        moved = self._move_rows(layout)
        self._shown = QRectF()
        made = self.card_items.made
        self._place_cards(list(made) if changes.full else changes.cards)
        lanes = {header.id for header in layout.lanes}
        for lane_id in [i for i in self.row_items if i not in lanes]:
            self.removeItem(self.row_items.pop(lane_id))  # its cards' items left it first
        if changes.full:
            self._sync_boxes(layout, None)
            self.corner.set_shapes(drawing.corner_shapes(layout), layout.corner)
        else:
            self._sync_boxes(layout, changes.lanes.union(also))
        self._follow_cells(moved)
        self.set_current_cell(self.current_cell)
        above = self.legend.place(
            self.legend_shown,
            self.tr("Departments"),
            map_departments(list(self.card_data.values()), self.departments)
            if self.legend_shown
            else (),
            layout.width,
            self.measure,
        )
        self.setSceneRect(
            QRectF(
                -MARGIN,
                -MARGIN - above,
                max(layout.width, self.legend.rect().width()) + 2 * MARGIN,
                layout.height + above + 2 * MARGIN,
            )
        )
        self._apply_emphasis()
        self._refresh_overview()
        self._apply_pins()

    def pin_headers(self, visible: QRectF) -> None:
        """Hold the stage headers at the top of `visible` (the view's part of the scene)
        and the lane headers at its left once the map is scrolled past them, as a
        spreadsheet freezes its first row and column: on a map taller or wider than the
        window a person still sees which stage and lane a card is in. Only the items
        move; the layout, the file and the exports keep the headers where they are."""
        self._visible = QRectF(visible)
        self._apply_pins()

    def under_headers(self, pos: QPointF) -> tuple[bool, bool]:
        """Whether scene point `pos` lies under the stage headers and under the lane
        headers, where they are drawn: at the map's edge, or pinned at the window's
        (`_apply_pins`), covering the cells there."""
        if self.layout is None:
            return False, False
        corner = self.layout.corner
        down, right = self._pins()
        return pos.y() < down.y() + corner.h, pos.x() < right.x() + corner.w

    def _pins(self) -> tuple[QPointF, QPointF]:
        """How far the stage headers are held down, and the lane headers right, to stay
        at the window's edges (nothing until the map is scrolled past them)."""
        visible = self._visible
        return QPointF(0.0, max(0.0, visible.top())), QPointF(max(0.0, visible.left()), 0.0)

    def cell_seen_at(self, pos: QPointF) -> Cell | None:
        """The cell a person sees at `pos`: none under the headers, though a cell lies
        there hidden by headers pinned over it; a drop, a menu or a new card would
        otherwise land where nobody can see it."""
        if self.layout is None or any(self.under_headers(pos)):
            return None
        return self.layout.cell_at(pos.x(), pos.y())

    def bring_into_view(
        self, rect: QRectF, xmargin: int, ymargin: int, across: bool = True
    ) -> None:
        """Scroll the view until `rect` (scene units) shows clear of the headers pinned
        at the window's top and left: Qt's `ensureVisible` alone puts it at the edge,
        under them. With `across` False only the height counts (the left edge stays)."""
        view = self.view()
        if view is None:
            return
        if self.layout is not None:
            corner = self.layout.corner
            rect = rect.adjusted(-corner.w if across else 0.0, -corner.h, 0.0, 0.0)
        view.ensureVisible(rect, xmargin, ymargin)

    def _apply_pins(self) -> None:
        visible = self._visible
        down, right = self._pins()
        # The part of the columns the window shows, right of the lane headers: a stage
        # scrolled under them keeps its name there (none without a view: exports).
        left = right.x() + (self.layout.corner.w if self.layout is not None else 0.0)
        end = visible.right() if not visible.isEmpty() else left
        for stage in self.stage_items.values():
            stage.set_pin(down, Z_PINNED)
            stage.words.keep_across(left, end, self.measure)
        # The part of the rows the window shows, below the stage headers: lanes taller
        # than the window keep their names there (none without a view: exports).
        top = down.y() + (self.layout.corner.h if self.layout is not None else 0.0)
        bottom = visible.bottom() if not visible.isEmpty() else top
        for lane in self.lane_items.values():
            lane.set_pin(right, Z_PINNED)
            lane.words.keep_in(top, bottom)
        # Held at one edge, the corner stays under the headers held there (they overlap
        # it by their edge's pixel, as in place); held at both, it covers all of them.
        both = not down.isNull() and not right.isNull()
        self.corner.set_pin(down + right, Z_PINNED_CORNER if both else Z_PINNED - 0.5)

    def _sync_boxes(self, layout: MapLayout, lanes: set[int] | None) -> None:
        """The items of cells, headers, curves and faces on the layout's boxes. After an
        update that was not `full` (`lanes` given) only the rows it laid out again or
        moved can hold new boxes: the other rows' items, the stage headers and the
        corner are left unvisited."""
        cells: dict[tuple[int, int], Cell] = layout.cells
        headers = {h.id: h for h in layout.lanes}
        curves = layout.curves
        cell_keys: list[tuple[int, int]] | None = None
        face_keys: list[tuple[int, int]] | None = None
        if lanes is None:
            self._sync(
                self.stage_items,
                {h.id: h for h in layout.stages},
                lambda h: HeaderItem(h, True),
                HeaderItem.set_header,
                _holds("header"),
            )
        else:
            stage_ids = [header.id for header in layout.stages]
            cell_keys, face_keys = _pairs(stage_ids, lanes), _pairs(lanes, stage_ids)
            cells = {key: cells[key] for key in cell_keys if key in cells}
            headers = {key: headers[key] for key in lanes if key in headers}
            curves = {key: curves[key] for key in lanes if key in curves}
        self._sync(self.cell_items, cells, CellItem, CellItem.set_cell, _holds("cell"), cell_keys)
        self._sync(
            self.lane_items,
            headers,
            lambda h: HeaderItem(h, False),
            HeaderItem.set_header,
            _holds("header"),
            lanes,
        )
        self._sync(self.curve_items, curves, CurveItem, CurveItem.set_curve, _holds("curve"), lanes)
        self._sync(
            self.point_items,
            {
                (curve.lane_id, point.stage_id): (curve, index)
                for curve in curves.values()
                for index, point in enumerate(curve.points)
            },
            lambda place: PointItem(place[0], place[1], self.map_style.face_radius),
            lambda item, place: item.set_point(*place),
            lambda item, place: item.curve is place[0] and item.index == place[1],
            face_keys,
        )

    def _move_rows(self, layout: MapLayout) -> set[int]:
        """Each lane's row item at its row's top (made for a new lane); the lanes whose
        row moved."""
        rows = {header.id: header.rect.y for header in layout.lanes}
        moved: set[int] = set()
        for lane_id, top in rows.items():
            row = self.row_items.get(lane_id)
            if row is None:
                row = self.row_items[lane_id] = RowItem()
                self.addItem(row)
            if row.y() != top:
                row.setPos(0.0, top)
                moved.add(lane_id)
        return moved

    def _follow_cells(self, lanes: set[int]) -> None:
        """The cell items of rows that moved, moved with them (the layout gives a cell of
        a row that only moved a new `rect` in place; other cells kept theirs)."""
        if lanes:
            for (_stage_id, lane_id), cell_item in self.cell_items.items():
                if lane_id in lanes:
                    cell_item.follow()

    def shown_rect(self) -> QRectF | None:
        """The map and, when shown, its legend above it; None without a map."""
        if self.layout is None:
            return None
        shown = QRectF(0, 0, self.layout.width, self.layout.height)
        if self.legend.isVisible():
            shown = shown.united(self.legend.sceneBoundingRect())
        return shown

    def set_legend_shown(self, shown: bool) -> None:
        """Show or hide the department legend above the map (a view setting)."""
        if shown != self.legend_shown:
            self.legend_shown = shown
            self.relayout()

    def set_overview(self, on: bool) -> None:
        """Far zoomed out, cells draw their cards as blocks and card items paint nothing
        (they still take clicks and drags)."""
        if on == self.overview:
            return
        self.overview = on
        for item in self.card_items.made.values():
            item.set_overview(on)
        self._refresh_overview()

    def _refresh_overview(self) -> None:
        """The cells' blocks of cards, far zoomed out; closer, their blocks let go of
        once (each edit and selection comes here: the cells are not visited again)."""
        if not self.overview:
            if self._blocks:
                self._blocks = False
                for cell in self.cell_items.values():
                    if cell.overview:
                        cell.set_overview([])
            return
        self._blocks = True
        cells: dict[tuple[int, int], list[OverviewCard]] = {key: [] for key in self.cell_items}
        if self.layout is not None:
            made = self.card_items.made
            for card_id, box in self.layout.cards.items():
                item = made.get(card_id)
                if item is not None:
                    item.set_overview(True)
                r = box.rect
                entry = (
                    QRectF(r.x, r.y, r.w, r.h),
                    drawing.card_fill(box),
                    item is not None and item.isSelected(),
                    self._emphasis(card_id)[0] < 1.0,
                )
                cells.setdefault((box.card.stage_id, box.card.lane_id), []).append(entry)
        for key, cell in self.cell_items.items():
            cell.set_overview(cells.get(key, []))

    def _place_cards(self, card_ids: Iterable[int]) -> None:
        """The made items of these cards on their new boxes, in their lane's row; gone
        boxes, gone items (an item not made yet is made where it is first shown)."""
        assert self.layout is not None
        made = self.card_items.made
        for card_id in card_ids:
            item = made.get(card_id)
            if item is None:
                continue
            box = self.layout.cards.get(card_id)
            if box is None:
                self.removeItem(made.pop(card_id))
                continue
            row = self.row_items[box.card.lane_id]
            if item.parentItem() is not row:
                item.setParentItem(row)  # another lane's, or lifted by a drag
                item.setZValue(Z_CARD)
            item.set_box(box, row.y())

    def make_card(self, card_id: int) -> CardItem | None:
        """The item of a card the layout placed, made now, as faded and highlighted as
        the others; None for a card not on the map."""
        box = self.layout.cards.get(card_id) if self.layout else None
        if box is None:
            return None
        item = self.card_items.made[card_id] = CardItem(box)
        item.set_overview(self.overview)
        opacity, highlighted = self._emphasis(card_id)
        item.setOpacity(opacity)
        item.set_highlighted(highlighted)
        row = self.row_items[box.card.lane_id]
        item.setParentItem(row)
        item.set_box(box, row.y())
        return item

    def show_cards(self, rect: QRectF, painting: bool = False) -> None:
        """Make the items of every card in `rect` (scene coordinates) not made yet. Far
        zoomed out the cells paint the cards, so painting (or hovering) makes none; at a
        closer zoom, when many were made, those far from `rect` are dropped again (finding
        the item under the mouse visits every item)."""
        if self.layout is None or (painting and self.overview) or self._shown.contains(rect):
            return
        made = self.card_items.made
        if not self.overview and len(made) > KEPT_ITEMS:
            self._drop_cards(rect)
        cards = self.layout.cards
        left, right = rect.left() - 4, rect.right() + 4
        top, bottom = rect.top() - 4, rect.bottom() + 4
        for cell in self.layout.cells.values():
            c = cell.rect
            if c.x > right or c.right < left or c.y > bottom or c.bottom < top:
                continue
            ids = cell.card_ids
            # A cell's cards are stacked downwards in order: skip those above `rect`.
            first = bisect_left(ids, top, key=lambda card_id: cards[card_id].rect.bottom)
            for card_id in ids[first:]:
                r = cards[card_id].rect
                if r.y > bottom:
                    break
                if card_id not in made and rect.intersects(
                    QRectF(r.x - 4, r.y - 4, r.w + 8, r.h + 8)
                ):
                    self.make_card(card_id)
        self._shown = rect if self._shown.isEmpty() else self._shown.united(rect)

    def _drop_cards(self, rect: QRectF) -> None:
        """Drop the items of cards far from `rect`, unless selected or hidden."""
        assert self.layout is not None
        near = rect.adjusted(-rect.width(), -rect.height(), rect.width(), rect.height())
        made = self.card_items.made
        for card_id, item in list(made.items()):
            r = self.layout.cards[card_id].rect
            far = not near.intersects(QRectF(r.x, r.y, r.w, r.h))
            if far and item.isVisible() and not item.isSelected():
                self.removeItem(made.pop(card_id))
        self._shown = QRectF()

    def render(
        self,
        painter: QPainter,
        target: QRectF | QRect = QRectF(),  # noqa: B008
        source: QRectF | QRect = QRectF(),  # noqa: B008
        mode: Qt.AspectRatioMode = Qt.AspectRatioMode.KeepAspectRatio,
    ) -> None:
        """Draw the scene elsewhere (a picture, a printer): every card in `source` first
        gets its item."""
        shown = QRectF(source)
        self.show_cards(self.sceneRect() if shown.isEmpty() else shown)
        super().render(painter, target, source, mode)

    def put_back(self, card_ids: Iterable[int] = (), lane_id: int | None = None) -> None:
        """Items a gesture moved by hand, back on their boxes (the gesture wrote nothing)."""
        self._place_cards(card_ids)
        if self.layout is not None and lane_id is not None:
            self._show_curve(lane_id)

    def _sync(
        self,
        items: dict[Any, Any],
        boxes: dict[Any, Any],
        make: Any,
        update: Any,
        same: Callable[[Any, Any], bool],
        among: Iterable[Any] | None = None,
    ) -> None:
        """Items for a few boxes (cells, headers, curves, faces): made, dropped, or given
        their box when the layout made a new one (`same`: the item holds this box).
        `boxes` are every box there is, or, given `among`, those of these keys: only an
        item of one of them is dropped when it has no box."""
        keys = items if among is None else among
        for key in [k for k in keys if k in items and k not in boxes]:
            self.removeItem(items.pop(key))
        for key, box in boxes.items():
            item = items.get(key)
            if item is None:
                item = items[key] = make(box)
                self.addItem(item)
            elif not same(item, box):
                update(item, box)

    def image(self, image_id: int) -> QImage | None:
        """Decoded project images, cached; Pillow checks each before Qt decodes it."""
        if image_id not in self._images:
            self._images[image_id] = decode(image_bytes(self.document, image_id)) or QImage()
        return self._images[image_id]

    # Find and filter (view settings only)

    def set_filter(self, view_filter: ViewFilter) -> None:
        self.filter = view_filter
        self._apply_emphasis()

    def set_top(self, count: int | None) -> None:
        """Keep only the `count` best-ranked pain points and opportunities (None: all)."""
        self.top_count = count
        self._apply_emphasis()

    def top_cards(self) -> set[int] | None:
        if self.top_count is None:
            return None
        return {entry.card.id for entry in ranked(self.content(), limit=self.top_count)}

    def set_find_text(self, text: str) -> list[int]:
        """Highlight the cards matching `text`; return them in map order."""
        self.find_text = text
        self._apply_emphasis()
        return self.matches()

    def set_marked(self, card_ids: Iterable[int]) -> None:
        """Highlight these cards, as find highlights its matches, until set again."""
        self.marked = frozenset(card_ids)
        self._apply_emphasis()

    def matches(self) -> list[int]:
        if self.layout is None or not self.find_text.strip():
            return []
        ordered = sorted(self.layout.cards.values(), key=lambda b: (b.rect.x, b.rect.y))
        return [b.card.id for b in ordered if text_matches(b.card, self.find_text)]

    def _apply_emphasis(self) -> None:
        """Fade and highlight cards; a no-op pass when nothing is, or was, emphasised."""
        matched = self.matches()
        found = set(matched) | self.marked
        top = self.top_cards()
        filtering = self.filter.active or top is not None
        if not found and not filtering and not self._emphasized:
            return
        self._emphasized = bool(found) or filtering
        self._found, self._top = found, top
        for card_id, item in self.card_items.made.items():
            opacity, highlighted = self._emphasis(card_id)
            item.setOpacity(opacity)
            item.set_highlighted(highlighted)
        self.matchesChanged.emit(len(matched))
        self._refresh_overview()

    def _emphasis(self, card_id: int) -> tuple[float, bool]:
        """A card's opacity (faded by the filter or the top-N ranking) and whether find
        highlights it."""
        if not self._emphasized:
            return 1.0, False
        card = self.card_data.get(card_id)
        keep = card is None or (
            (not self.filter.active or self.filter.keeps(card))
            and (self._top is None or card_id in self._top)
        )
        return (1.0 if keep else FADED), card_id in self._found

    # Selection

    def headers_selectable(self, on: bool) -> None:
        """Let the stage and lane headers be selected, or not (while a selection
        rectangle is drawn). Only headers whose flag changes are touched: Qt repaints
        an item whose flags change."""
        flag = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
        for header in [*self.stage_items.values(), *self.lane_items.values()]:
            if bool(header.flags() & flag) != on:
                header.setFlag(flag, on)

    def selected_cards(self) -> list[int]:
        """Selected cards in map order (stage, lane, position)."""
        order = {s.id: i for i, s in enumerate(self.stages)}
        lane_order = {lane.id: i for i, lane in enumerate(self.lanes)}
        cards = [
            self.card_data[item.card_id]
            for item in self.selectedItems()
            if isinstance(item, CardItem) and item.card_id in self.card_data
        ]
        cards.sort(
            key=lambda c: (order.get(c.stage_id, 0), lane_order.get(c.lane_id, 0), c.position)
        )
        return [c.id for c in cards]

    def _outline_selection(self) -> None:
        """Outline the selected cards, and no longer those let go of: a card's outline is
        an item of its own, so selecting a card leaves its cached picture alone."""
        selected = {item for item in self.selectedItems() if isinstance(item, CardItem)}
        for item in selected ^ self._outlined:
            if shiboken6.isValid(item):  # not one the scene's end deleted (Qt tells then)
                item.show_outline()
        self._outlined = selected

    def _announce_selection(self) -> None:
        selected = self.selectedItems()
        cards = self.selected_cards()
        if cards:
            self.selectionInfo.emit("cards", cards)
        elif len(selected) == 1 and isinstance(selected[0], HeaderItem):
            header = selected[0]
            self.selectionInfo.emit("stage" if header.is_stage else "lane", [header.entity_id])
        elif len(selected) == 1 and isinstance(selected[0], PointItem):
            point = selected[0]
            self.selectionInfo.emit("point", [point.lane_id, point.stage_id])
        elif self.map_id is not None:
            self.selectionInfo.emit("map", [self.map_id])

    def select_cards(self, card_ids: Iterable[int]) -> None:
        self.clearSelection()
        for card_id in card_ids:
            item = self.card_items.get(card_id)
            if item is not None:
                item.setSelected(True)

    # The current cell, and typing new cards into it

    def stamped(self, fields: dict[str, Any]) -> dict[str, Any]:
        """A new card's fields with the workshop's department and participant: every way
        of making cards (typing, palette, paste) passes through here."""
        return {**fields, **(self.workshop.card_fields() if self.workshop else {})}

    def holds_cards(self, lane_id: int) -> bool:
        """Every lane but an emotion lane (its curve is all it holds) or a lane of figures."""
        kind = next((lane.kind for lane in self.lanes if lane.id == lane_id), None)
        return kind is not None and kind not in CARDLESS_LANES

    def empty_cell_at(self, pos: QPointF) -> Cell | None:
        """The cell under `pos` if nothing that takes the mouse is there (card, header,
        face) and its lane holds cards."""
        cell = self.cell_seen_at(pos)
        if cell is None or not self.holds_cards(cell.lane_id):
            return None
        taken = (CardItem, HeaderItem, PointItem)
        if any(isinstance(item, taken) for item in self.items(pos)):
            return None
        return cell

    def set_current_cell(self, key: tuple[int, int] | None) -> None:
        if key is not None and key not in self.cell_items:
            key = None
        previous, self.current_cell = self.current_cell, key
        for cell_key in {previous, key}:
            item = self.cell_items.get(cell_key) if cell_key is not None else None
            if item is not None:
                item.set_current(cell_key == key)

    def move_current_cell(self, stages: int, lanes: int) -> bool:
        """Arrow keys: the current cell moves to the next stage, or the next lane that
        holds cards (emotion lanes are passed over)."""
        if self.current_cell is None:
            return False
        stage_ids = [stage.id for stage in self.stages]
        lane_ids = [lane.id for lane in self.lanes if self.holds_cards(lane.id)]
        stage_id, lane_id = self.current_cell
        if stage_id not in stage_ids or lane_id not in lane_ids:
            return False
        column = max(0, min(len(stage_ids) - 1, stage_ids.index(stage_id) + stages))
        row = max(0, min(len(lane_ids) - 1, lane_ids.index(lane_id) + lanes))
        self.set_current_cell((stage_ids[column], lane_ids[row]))
        view, layout = self.view(), self.layout
        if view is not None and layout is not None and self.current_cell is not None:
            rect = layout.cells[self.current_cell].rect
            self.bring_into_view(QRectF(rect.x, rect.y, rect.w, min(rect.h, 200)), 20, 20)
        return True

    def _leave_cell_if_selected(self) -> None:
        if self.selectedItems():
            self.set_current_cell(None)

    def type_in_current_cell(self) -> bool:
        """Enter on the current cell: a new card at its end."""
        if self.current_cell is None:
            return False
        return self.capture.start(*self.current_cell)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        left = event.button() == Qt.MouseButton.LeftButton
        cell = self.empty_cell_at(event.scenePos()) if left else None
        super().mousePressEvent(event)
        if left:
            self.set_current_cell((cell.stage_id, cell.lane_id) if cell else None)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        """On an empty spot of a cell, type a new card there; elsewhere as before."""
        pos = event.scenePos()
        cell = self.empty_cell_at(pos) if event.button() == Qt.MouseButton.LeftButton else None
        if cell is None or self.layout is None:
            super().mouseDoubleClickEvent(event)
            return
        index = self.layout.drop_index(cell, pos.y())
        event.setAccepted(self.capture.start(cell.stage_id, cell.lane_id, index))

    # Editing in place

    def view(self) -> QGraphicsView | None:
        views = self.views()
        return views[0] if views else None

    def add_card(self, stage_id: int, lane_id: int, index: int, fields: dict[str, Any]) -> bool:
        """Add a card (one undo step) and edit its text in place; Escape takes it back
        whole, leaving neither the card nor a step to redo."""
        command = Retractable(
            self.document,
            edits.add_card(self.document, stage_id, lane_id, index, **self.stamped(fields)),
        )
        if not self.document.push(command):
            return False
        new_id = command.card_ids()[0]
        self.select_cards([new_id])
        self.edit_card(new_id, cancel=command.take_back)
        return True

    def edit_card(self, card_id: int, cancel: Callable[[], Any] | None = None) -> None:
        view, item = self.view(), self.card_items.get(card_id)
        if view is None or item is None or item.box is None:
            return
        box = item.box
        text = self.card_data[card_id].text

        def commit(new_text: str) -> None:
            if new_text != text and card_id in self.card_data:
                self.document.push(edits.edit_card(self.document, card_id, text=new_text))

        rect = QRectF(box.rect.x, box.rect.y, box.rect.w, box.rect.h)
        self.bring_into_view(rect, 20, 20)  # a card dropped at the window's edge is typed in whole
        InlineEditor(view, rect, text, self.map_style.text_size, commit, cancel=cancel)

    def edit_header(self, item: HeaderItem) -> None:
        view = self.view()
        if view is None:
            return
        header = item.header
        source = self.stages if item.is_stage else self.lanes
        name = next((entry.name for entry in source if entry.id == header.id), "")

        def commit(new_name: str) -> None:
            new_name = new_name.strip()
            if not new_name or new_name == name:
                return
            build = edits.edit_stage if item.is_stage else edits.edit_lane
            self.document.push(build(self.document, header.id, name=new_name))

        r = header.rect
        size = self.map_style.header_size if item.is_stage else self.map_style.lane_size
        rect = QRectF(r.x, r.y, r.w, r.h).translated(item.pin)  # where it is seen
        InlineEditor(view, rect, name, size, commit, multiline=False)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        menu = build_menu(self, event.scenePos(), self.view())
        if menu is not None:
            menu.exec(event.screenPos())
            menu.deleteLater()
            event.accept()

    # Palette drops

    def dragEnterEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        event.setAccepted(mime.palette_item(event.mimeData()) is not None)

    def dragMoveEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        item = mime.palette_item(event.mimeData())
        target = self.palette_drop.target(item, event.scenePos()) if item else None
        event.setAccepted(target is not None)
        if target is None:
            self.guide.hide()

    def dragLeaveEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        self.guide.hide()

    def dropEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        self.guide.hide()
        item = mime.palette_item(event.mimeData())
        if item is not None and self.palette_drop.drop(item, event.scenePos()):
            event.acceptProposedAction()
        else:
            event.ignore()

    # Clipboard

    def copied(self) -> list[dict[str, Any]]:
        """The selected cards' fields, as the clipboard carries them."""
        return [
            {key: getattr(self.card_data[card_id], key) for key in mime.COPIED_FIELDS}
            for card_id in self.selected_cards()
        ]

    def paste_place(self) -> tuple[int, int, int] | None:
        """Paste after the last selected card, else at the end of the current cell, else
        at the end of the first cell."""
        cards = self.selected_cards()
        if cards:
            last = self.card_data[cards[-1]]
            cell = self.document.cell_ids(last.stage_id, last.lane_id)
            return last.stage_id, last.lane_id, cell.index(last.id) + 1
        if self.current_cell is not None and self.layout is not None:
            stage_id, lane_id = self.current_cell
            return stage_id, lane_id, len(self.layout.cells[self.current_cell].card_ids)
        if self.stages and self.lanes:
            lane = next((ln for ln in self.lanes if ln.kind not in CARDLESS_LANES), self.lanes[0])
            return (
                self.stages[0].id,
                lane.id,
                len(
                    [
                        c
                        for c in self.card_data.values()
                        if (c.stage_id, c.lane_id) == (self.stages[0].id, lane.id)
                    ]
                ),
            )
        return None

    def paste(self, cards: list[dict[str, Any]] | None, text: str) -> bool:
        """Paste copied cards, or plain text as one card per line; one undo step."""
        place = self.paste_place()
        if place is None:
            return False
        stage_id, lane_id, index = place
        if cards:
            known = {d.id for d in self.document.departments()}
            for card in cards:
                if card.get("department_id") not in known:
                    card["department_id"] = None
                if (
                    card.get("image_id") is not None
                    and self.document.get(Image, card["image_id"]) is None
                ):
                    card["image_id"] = None
            stamped = [self.stamped(card) for card in cards]
            command = edits.add_cards(self.document, stage_id, lane_id, index, stamped)
        elif text.strip():
            fields = self.stamped({})
            command = edits.paste_text(self.document, stage_id, lane_id, index, text, fields)
        else:
            return False
        if not command.operations or not self.document.push(command):
            return False
        self.select_cards(op.values["id"] for op in command.operations)  # type: ignore[attr-defined]
        return True

    def delete_selection(self) -> bool:
        """Delete the selected cards, or else the selected stage or lane."""
        cards = self.selected_cards()
        if cards:
            return self.document.push(edits.delete_cards(self.document, cards))
        headers = [i for i in self.selectedItems() if isinstance(i, HeaderItem)]
        if len(headers) == 1:
            header = headers[0]
            build = edits.delete_stage if header.is_stage else edits.delete_lane
            return self.document.push(build(self.document, header.entity_id))
        return False
