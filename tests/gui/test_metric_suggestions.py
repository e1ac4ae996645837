"""Suggested metrics when a metric lane is added: each stage's kind guessed from its name
(English or French), ticked metrics added as cards with their direction and unit, in the
map's language, as one undo step that undo and redo take out of and put back in the file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from journeyeditor.canvas.context_menu import build_menu
from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.model import Lane, LaneKind
from journeyeditor.model.suggestions import StageKind, stage_kind
from journeyeditor.store import database, interchange, templates
from journeyeditor.ui.main_window import MainWindow
from journeyeditor.ui.metric_suggestions import MetricSuggestionsDialog

if TYPE_CHECKING:
    from gui.conftest import Disk


def lane_menu(window: MainWindow, lane_id: int) -> QMenu:
    scene = window.scene
    assert scene is not None
    header = scene.lane_items[lane_id]
    menu = build_menu(scene, header.sceneBoundingRect().center(), window.view)
    assert menu is not None
    return menu


def action(menu: QMenu, text: str) -> Callable[[], None]:
    found = next(a for a in menu.actions() if a.text() == text)
    return found.trigger


def in_dialog(drive: Callable[[MetricSuggestionsDialog], None]) -> list[str]:
    """Run `drive` on the suggestions dialog once it is shown (modal); errors come back."""
    errors: list[str] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, MetricSuggestionsDialog)
            drive(dialog)
        except AssertionError as error:
            errors.append(repr(error))
            if dialog is not None:
                dialog.close()

    QTimer.singleShot(0, run)
    return errors


def toggle(qtbot: QtBot, dialog: MetricSuggestionsDialog, stage_id: int, row: int) -> None:
    """Space on a metric's row, as a person ticks or unticks it."""
    item = dialog.stage_items[stage_id].child(row)
    assert item is not None
    dialog.tree.setFocus()
    dialog.tree.setCurrentItem(item)
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Space)


def metric_cards(disk: Disk, lane_id: int) -> list[tuple[int, int, str, str, str]]:
    return disk._query(
        "SELECT id, stage_id, text, unit, direction FROM card WHERE lane_id = ? "
        "ORDER BY stage_id, position",
        (lane_id,),
    )


def test_adding_a_metric_lane_offers_its_metrics_in_one_step(
    qtbot: QtBot, window: MainWindow, disk: Disk
) -> None:
    document = window.document
    assert document is not None and window.scene is not None and window.scene.map_id
    map_id = window.scene.map_id
    stages = document.stages(map_id)
    assert [s.name for s in stages] == [
        "Awareness",
        "Consideration",
        "Purchase",
        "Retention",
        "Advocacy",
    ]
    metrics = next(lane for lane in document.lanes(map_id) if lane.kind == LaneKind.METRIC)
    steps = document.stack.count()

    def drive(dialog: MetricSuggestionsDialog) -> None:
        assert [dialog.kind(s.id) for s in stages] == list(StageKind)
        assert dialog.stage_items[stages[0].id].childCount() == 3
        toggle(qtbot, dialog, stages[0].id, 2)  # not the SEO rank
        box = dialog.kinds[stages[4].id]
        box.setFocus()
        for _ in range(len(StageKind)):
            qtbot.keyClick(box, Qt.Key.Key_Up)  # Advocacy → no suggestion
        assert dialog.kind(stages[4].id) is None
        assert dialog.stage_items[stages[4].id].childCount() == 0
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    errors = in_dialog(drive)
    below = next(a for a in lane_menu(window, metrics.id).actions() if a.menu() is not None)
    submenu = below.menu()
    assert isinstance(submenu, QMenu)
    action(submenu, "Metrics")()
    assert errors == []
    lanes = document.lanes(map_id)
    added = lanes[[lane.id for lane in lanes].index(metrics.id) + 1]
    assert added.kind == LaneKind.METRIC
    assert document.stack.count() == steps + 2
    assert document.stack.undoText() == "Add suggested metrics"
    expected = [
        (stages[0].id, "Reach", "people", "higher"),
        (stages[0].id, "Visits", "visits", "higher"),
        (stages[1].id, "Click-through rate", "%", "higher"),
        (stages[1].id, "Time on page", "s", "higher"),
        (stages[1].id, "Cost per click", "€", "lower"),
        (stages[2].id, "Conversion rate", "%", "higher"),
        (stages[2].id, "Average basket", "€", "higher"),
        (stages[2].id, "Cart abandonment", "%", "lower"),
        (stages[3].id, "Repeat purchase rate", "%", "higher"),
        (stages[3].id, "Satisfaction", "/5", "higher"),
        (stages[3].id, "Reviews", "reviews", "higher"),
    ]
    saved = metric_cards(disk, added.id)
    assert [row[1:] for row in saved] == expected
    document.stack.undo()
    assert metric_cards(disk, added.id) == []
    assert disk.value("lane", "kind", added.id) == "metric"  # the lane is its own step
    document.stack.redo()
    assert metric_cards(disk, added.id) == saved


def test_suggest_metrics_from_a_metric_lane_menu_cancelled_adds_nothing(
    window: MainWindow,
) -> None:
    document = window.document
    assert document is not None and window.scene is not None and window.scene.map_id
    metrics = next(
        lane for lane in document.lanes(window.scene.map_id) if lane.kind == LaneKind.METRIC
    )
    steps = document.stack.count()
    errors = in_dialog(lambda dialog: dialog.reject())
    action(lane_menu(window, metrics.id), "Suggest metrics…")()
    assert errors == [] and document.stack.count() == steps
    text_lane = next(lane for lane in document.lanes(window.scene.map_id) if lane.kind == "text")
    assert "Suggest metrics…" not in [a.text() for a in lane_menu(window, text_lane.id).actions()]


@pytest.fixture
def french(tmp_path: Path, qapp: QApplication) -> Iterator[Document]:
    del qapp
    path = tmp_path / "fr.journey"
    plan = templates.template_plan("awareness-advocacy", "fr")
    database.create_file(path, interchange.populate_from(plan))
    document = Document.open(path)
    yield document
    document.close()


def test_french_stage_names_and_cards_in_the_map_language(qtbot: QtBot, french: Document) -> None:
    """The French template's stages are recognised; the cards are written in French
    while the interface is in English; a metric the cell already has is not ticked."""
    (journey,) = french.maps()
    stages = french.stages(journey.id)
    lane = next(lane for lane in french.lanes(journey.id) if lane.kind == LaneKind.METRIC)
    purchase = stages[2]
    assert french.push(edits.add_card(french, purchase.id, lane.id, text="Taux de conversion"))
    dialog = MetricSuggestionsDialog(french, lane.id)
    qtbot.addWidget(dialog)
    assert [s.name for s in stages] == [
        "Sensibilisation",
        "Considération",
        "Décision-Achat",
        "Fidélisation",
        "Recommandation",
    ]
    assert [dialog.kind(s.id) for s in stages] == list(StageKind)
    purchase_rows = dialog.stage_items[purchase.id]
    first = purchase_rows.child(0)
    assert first is not None and first.text(0) == "Conversion rate (%)"
    assert first.checkState(0) == Qt.CheckState.Unchecked
    before = {card.id for s in stages for card in french.cell(s.id, lane.id)}
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    added = [
        (card.text, card.unit, card.direction)
        for s in stages
        for card in french.cell(s.id, lane.id)
        if card.id not in before
    ]
    assert len(added) == 3 + 3 + 2 + 3 + 2
    assert added[:2] == [("Portée", "personnes", "higher"), ("Visites", "visites", "higher")]
    assert ("Abandon de panier", "%", "lower") in added
    assert ("Taux de conversion", "%", "higher") not in added
    assert added[-2:] == [("NPS", "points", "higher"), ("Parrainages", "parrainages", "higher")]
    french.stack.undo()
    assert {card.id for s in stages for card in french.cell(s.id, lane.id)} == before
    assert french.get(Lane, lane.id) is not None


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Awareness", StageKind.AWARENESS),
        ("Découverte", StageKind.AWARENESS),
        ("DECOUVERTE du produit", StageKind.AWARENESS),
        ("Information search", StageKind.CONSIDERATION),
        ("Recherche d’information", StageKind.CONSIDERATION),
        ("Achat", StageKind.PURCHASE),
        ("Booking", StageKind.PURCHASE),
        ("Post-purchase", StageKind.RETENTION),
        ("Après-achat", StageKind.RETENTION),
        ("Fidélité", StageKind.RETENTION),
        ("Recommandation", StageKind.ADVOCACY),
        ("Before", None),
        ("File d’attente", None),
    ],
)
def test_stage_kind_from_english_and_french_names(name: str, kind: StageKind | None) -> None:
    assert stage_kind(name) == kind
