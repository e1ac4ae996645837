"""Canvas figures for maps of 2,000 and 10,000 cards, each beside a bare QGraphicsScene
holding the same number of plain rectangles and texts (the ratio is ours ÷ bare).

    python bench/bench_canvas.py [--cards 2000 10000] [--repeat 20]

Prints figures; asserts nothing. Targets: first paint of 2,000 cards under 0.5 s, a full
1920×1080 repaint under 16 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

from bench.projects import make_project
from journeyeditor.canvas.scene import MapScene
from journeyeditor.canvas.view import MapView
from journeyeditor.editing.document import Document
from journeyeditor.render.drawing import Labels

WIDTH, HEIGHT = 1920, 1080


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def repaint_ms(view: QGraphicsView, repeat: int) -> float:
    """A full paint of the viewport into a pixmap (what a window update costs)."""
    view.viewport().grab()
    samples = [timed(view.viewport().grab) * 1000 for _ in range(repeat)]
    return statistics.median(samples)


def ours(path: Path, repeat: int) -> dict[str, float]:
    figures: dict[str, float] = {}
    holder: dict[str, object] = {}

    def open_and_paint() -> None:
        document = Document.open(path)
        scene = MapScene(document, Labels())
        view = MapView(scene)
        view.resize(WIDTH, HEIGHT)
        view.show()
        scene.show_map(document.maps()[0].id)
        view.viewport().grab()
        holder.update(document=document, scene=scene, view=view)

    figures["first paint (s)"] = timed(open_and_paint)
    view, scene = holder["view"], holder["scene"]
    assert isinstance(view, MapView) and isinstance(scene, MapScene)
    figures["repaint 100% (ms)"] = repaint_ms(view, repeat)
    view.fit()
    figures["repaint fit (ms)"] = repaint_ms(view, repeat)
    view.zoom_actual()
    figures["card move (ms)"] = statistics.median(
        card_move(view, scene) * 1000 for _ in range(max(3, repeat // 4))
    )
    document = holder["document"]
    assert isinstance(document, Document)
    document.close()
    return figures


def card_move(view: MapView, scene: MapScene) -> float:
    """Press on a card, drag it to the next stage, release: until committed and redrawn."""
    assert scene.layout is not None
    box = next(iter(scene.layout.cards.values()))
    stage_ids = [s.id for s in scene.stages]
    target_stage = stage_ids[(stage_ids.index(box.card.stage_id) + 1) % len(stage_ids)]
    cell = scene.layout.cells[(target_stage, box.card.lane_id)].rect
    start = QPointF(box.rect.x + 10, box.rect.y + 10)
    end = QPointF(cell.x + cell.w / 2, cell.y + 12)
    view.ensureVisible(box.rect.x, box.rect.y, 10, 10)

    def send(kind: QEvent.Type, at: QPointF, button: Qt.MouseButton) -> None:
        local = QPointF(view.mapFromScene(at))
        buttons = (
            Qt.MouseButton.NoButton
            if kind == QEvent.Type.MouseButtonRelease
            else (Qt.MouseButton.LeftButton)
        )
        event = QMouseEvent(kind, local, local, button, buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(view.viewport(), event)

    def gesture() -> None:
        send(QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
        for step in range(1, 5):
            send(QEvent.Type.MouseMove, start + (end - start) * (step / 4), Qt.MouseButton.NoButton)
        send(QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.LeftButton)
        view.viewport().grab()

    return timed(gesture)


def bare(path: Path, repeat: int, count: int) -> dict[str, float]:
    """The same number of rectangles with texts, at the same places, in a plain scene."""
    document = Document.open(path)
    scene = MapScene(document, Labels())
    scene.show_map(document.maps()[0].id)
    assert scene.layout is not None
    boxes = [(b.rect, b.card.text) for b in scene.layout.cards.values()]
    document.close()
    figures: dict[str, float] = {}
    holder: dict[str, object] = {}

    def build_and_paint() -> None:
        plain = QGraphicsScene()
        brush = QBrush(QColor("#fff6bf"))
        for rect, text in boxes[:count]:
            item = QGraphicsRectItem(0, 0, rect.w, rect.h)
            item.setPos(rect.x, rect.y)
            item.setBrush(brush)
            label = QGraphicsSimpleTextItem(text, item)
            label.setPos(8, 6)
            plain.addItem(item)
        view = QGraphicsView(plain)
        view.resize(WIDTH, HEIGHT)
        view.show()
        view.viewport().grab()
        holder.update(scene=plain, view=view)

    figures["first paint (s)"] = timed(build_and_paint)
    view = holder["view"]
    assert isinstance(view, QGraphicsView)
    figures["repaint 100% (ms)"] = repaint_ms(view, repeat)
    view.fitInView(view.scene().itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)
    figures["repaint fit (ms)"] = repaint_ms(view, repeat)
    view.resetTransform()
    item = next(i for i in view.scene().items() if isinstance(i, QGraphicsRectItem))

    def move() -> None:
        item.setPos(item.pos() + QPointF(240, 0))
        view.viewport().grab()

    figures["card move (ms)"] = statistics.median(timed(move) * 1000 for _ in range(repeat))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="bench-canvas-"))
    print(f"{'cards':>6}  {'measure':<18} {'ours':>10} {'bare Qt':>10} {'ratio':>7}")
    for count in args.cards:
        path = make_project(folder / f"{count}.journey", count)
        mine = ours(path, args.repeat)
        base = bare(path, args.repeat, count)
        for key, value in mine.items():
            ratio = value / base[key] if base[key] else float("nan")
            print(f"{count:>6}  {key:<18} {value:>10.3f} {base[key]:>10.3f} {ratio:>6.1f}×")


if __name__ == "__main__":
    main()
