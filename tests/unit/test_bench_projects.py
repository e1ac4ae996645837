"""Every bench's project builder makes, at a tiny size, a project the editor accepts.

The benches are not run by the tests (they print timings), so a builder the product has
outgrown (cards in a lane kind that holds none, a column that became required) would
otherwise only show when someone runs the bench. Each builder here is the bench's own
function; each file is opened with every check of `Document.open`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench import bench_export, bench_layout, bench_merge, bench_store, projects  # noqa: E402
from journeyeditor.editing.document import Document  # noqa: E402
from journeyeditor.model.enums import CARDLESS_LANES  # noqa: E402


def store_project(folder: Path) -> Path:
    path = folder / "store.journey"
    # two maps of 70 cells, 15 cards each and 100 more: more than the first map's cells
    bench_store.write(path, bench_store.big_project(2200))
    return path


def merge_draft(folder: Path) -> Path:
    draft = bench_merge.draft_data(projects.project_data(20), 1, 20)
    return bench_merge.write(folder / "draft.journey", draft)


def layout_project(folder: Path) -> Path:
    path = folder / "layout.journey"
    bench_layout.journey_with(path, "parcours client " * 10)
    return path


BUILDERS: dict[str, tuple[Callable[[Path], Path], int]] = {
    "projects.make_project (canvas, edits, cli, bigproject)": (
        lambda folder: projects.make_project(folder / "one.journey", 30),
        30,
    ),
    "projects.make_big_project (bigproject)": (
        lambda folder: projects.make_big_project(folder / "big.journey", 2, 20),
        40,
    ),
    "bench_store.big_project": (store_project, 2200),
    "bench_merge master": (
        lambda folder: bench_merge.write(folder / "master.journey", projects.project_data(20)),
        20,
    ),
    "bench_merge.draft_data": (merge_draft, 40),
    "bench_export.make_file": (lambda folder: bench_export.make_file(30, folder), 30),
    "bench_layout.journey_with": (layout_project, 1),
}
"""Each builder at a tiny size, and the number of cards it was asked for."""


@pytest.mark.parametrize("name", BUILDERS)
def test_bench_builder_makes_a_valid_project(qtbot: QtBot, tmp_path: Path, name: str) -> None:
    del qtbot  # a QApplication for the Document
    build, asked = BUILDERS[name]
    path = build(tmp_path)
    document = Document.open(path, read_only=True)
    try:
        maps = document.maps()
        assert maps
        cards = 0
        for journey_map in maps:
            cardless = {
                lane.id for lane in document.lanes(journey_map.id) if lane.kind in CARDLESS_LANES
            }
            map_cards = document.cards(journey_map.id)
            assert not [card.id for card in map_cards if card.lane_id in cardless], (
                "cards in a lane that holds none (emotion or figures)"
            )
            cards += len(map_cards)
        assert cards == asked
    finally:
        document.close()
