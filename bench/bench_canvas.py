"""Canvas figures for maps of 2,000 and 10,000 cards, each beside a bare QGraphicsScene
holding the same number of plain rectangles and texts (the ratio is ours ÷ bare).

    python bench/bench_canvas.py [--cards 2000 10000] [--repeat 20] [--cold 5] [--folder /dev/shm]
    python bench/bench_canvas.py --cards 2000 --cold 9 --first-paint-only

Prints figures; asserts nothing. Targets (issue 12): first paint within 1.5× of the bare
scene at 10,000 cards and 3× at 2,000; each edit (card move, card add, text edit,
emotion drag), from the gesture until committed to the file and the viewport painted,
median ≤ 16 ms and p95 ≤ 33 ms at 10,000 cards, median ≤ 8 ms at 2,000.

Each edit is timed twice over. "card move (ms)" ends with the whole viewport painted into
a pixmap (`grab`: every item on screen drawn or blitted, for ours and bare alike).
"card move, window (ms)" ends as a window does: the event loop runs until the viewport
has painted the region Qt found changed, with what Qt posts on the way (the scroll bars'
new range, the dirty items); the bare scene repaints only the moved rectangle there, so
that ratio says little and the time itself is the one a person waits for.

"scroll step (ms)" is one 40-px step of the vertical scroll bar from the map's top until
the viewport has painted; ours holds its stage and lane headers at the window's edges
(pinned), so they are drawn again at every step, and makes the items of cards coming
into view.

The first paint is timed once in this process (beside the edits) and, with `--cold N`,
in N fresh child processes for ours and N for bare, alternating; the least and the
median of their wall and CPU times are the figures to compare (one sample swings
with the host).
"""

from __future__ import annotations

import argparse
import gc
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)
from sqlalchemy.orm import configure_mappers

from bench.projects import make_project
from journeyeditor import paint_threads
from journeyeditor.canvas.scene import MapScene
from journeyeditor.canvas.view import MapView
from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.render import fonts
from journeyeditor.render.drawing import Labels
from journeyeditor.render.layout import Rect
from journeyeditor.store.engine import make_engine

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


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def spread(name: str, samples: list[float], figures: dict[str, float]) -> None:
    """Median and 95th percentile of an edit's times, in milliseconds."""
    ms = [sample * 1000 for sample in samples]
    figures[f"{name} (ms)"] = statistics.median(ms)
    figures[f"{name} p95 (ms)"] = p95(ms)


class Repainted:
    """Ends an edit with the whole viewport painted into a pixmap."""

    name = ""

    def __init__(self, view: QGraphicsView) -> None:
        self.view = view

    def settle(self) -> None:
        """Nothing: the edits run back to back, as they did before the window figures."""

    def __call__(self) -> None:
        self.view.viewport().grab()


class InWindow(QObject):
    """Ends an edit as a window does: events processed until the viewport painted."""

    name = ", window"

    def __init__(self, view: QGraphicsView) -> None:
        super().__init__(view)
        self.view = view
        self.painted = False
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False

    def settle(self) -> None:
        """What the setup of the gesture left to do (a scroll, a repaint) done untimed."""
        for _ in range(3):
            QApplication.processEvents()

    def __call__(self) -> None:
        self.painted = False
        for _ in range(20):
            QApplication.processEvents()
            if self.painted:
                return


Finish = Repainted | InWindow


def warm_up() -> None:
    """A first view painted, then thrown away: Qt's first view, first enums and first
    glyphs cost once per process, and the bare scene, measured after ours, would find
    them ready. SQLAlchemy's once-per-process costs are paid here too, as a window that
    has opened one project has paid them: the SQLite dialect's import (in
    create_engine) and the configuration of the mappers (class-level, not per file).
    Each file's own engine, its dialect's first connection and its statements' compiles
    are per engine, so they stay in the first paint."""
    raw = sqlite3.connect(":memory:")
    make_engine(raw).dispose()
    raw.close()
    configure_mappers()
    plain = QGraphicsScene()
    item = QGraphicsRectItem(0, 0, 200, 60)
    QGraphicsSimpleTextItem("warm up", item).setPos(8, 6)
    plain.addItem(item)
    view = QGraphicsView(plain)
    view.resize(WIDTH, HEIGHT)
    view.show()
    view.viewport().grab()
    view.close()


def scroll_ms(view: QGraphicsView, repeat: int) -> float:
    """One step of the vertical scroll bar (40 px) from the map's top, until the
    viewport has painted: what each frame of scrolling a big map costs (ours holds its
    headers at the window's edges, so they are drawn again at every step)."""
    bar = view.verticalScrollBar()
    bar.setValue(bar.minimum())
    finish = InWindow(view)
    finish.settle()

    def step() -> None:
        bar.setValue(bar.value() + 40)
        finish()

    return statistics.median(timed(step) * 1000 for _ in range(repeat))


def ours(path: Path, repeat: int) -> dict[str, float]:
    figures: dict[str, float] = {}
    holder: dict[str, object] = {}
    figures["font tables, once (s)"] = timed(fonts.metrics)
    warm_up()
    gc.collect()
    figures["first paint (s)"] = timed(partial(_open_and_paint, path, holder))
    view, scene = holder["view"], holder["scene"]
    assert isinstance(view, MapView) and isinstance(scene, MapScene)
    figures["repaint 100% (ms)"] = repaint_ms(view, repeat)
    view.fit()
    figures["repaint fit (ms)"] = repaint_ms(view, repeat)
    view.zoom_actual()
    figures["scroll step (ms)"] = scroll_ms(view, repeat)
    document = holder["document"]
    assert isinstance(document, Document)
    count = max(5, repeat)
    for finish in (Repainted(view), InWindow(view)):
        name = finish.name
        spread(f"card move{name}", [card_move(view, scene, finish) for _ in range(count)], figures)
        spread(f"card add{name}", [card_add(view, scene, n, finish) for n in range(count)], figures)
        spread(
            f"text edit{name}", [text_edit(view, scene, n, finish) for n in range(count)], figures
        )
        spread(
            f"emotion drag{name}",
            [emotion_drag(view, scene, n, finish) for n in range(count)],
            figures,
        )
    document.close()
    return figures


def _open_and_paint(path: Path, holder: dict[str, object]) -> None:
    """Open the file, show its first map in a full-HD view, paint the viewport once."""
    document = Document.open(path)
    scene = MapScene(document, Labels())
    view = MapView(scene)
    view.resize(WIDTH, HEIGHT)
    view.show()
    scene.show_map(document.maps()[0].id)
    view.viewport().grab()
    holder.update(document=document, scene=scene, view=view)


def send(view: MapView, kind: QEvent.Type, at: QPointF) -> None:
    """A mouse event on the viewport at scene point `at`, left button."""
    local = QPointF(view.mapFromScene(at))
    left = Qt.MouseButton.LeftButton
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else left
    buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else left
    event = QMouseEvent(kind, local, local, button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), event)


def drag(view: MapView, start: QPointF, end: QPointF) -> None:
    send(view, QEvent.Type.MouseButtonPress, start)
    for step in range(1, 5):
        send(view, QEvent.Type.MouseMove, start + (end - start) * (step / 4))
    send(view, QEvent.Type.MouseButtonRelease, end)


def first_text_cell(scene: MapScene) -> tuple[int, int]:
    lane = next(lane for lane in scene.lanes if lane.kind == "text")
    return scene.stages[0].id, lane.id


def card_add(view: MapView, scene: MapScene, n: int, finish: Finish) -> float:
    """Enter on a card typed at the top of a cell (what quick capture writes)."""
    stage_id, lane_id = first_text_cell(scene)
    assert scene.layout is not None
    cell = scene.layout.cells[(stage_id, lane_id)].rect
    scene.bring_into_view(QRectF(cell.x, cell.y, 10, 10), 50, 50)

    def gesture() -> None:
        scene.capture._write(stage_id, lane_id, 0, f"new card {n}")
        finish()

    finish.settle()
    return timed(gesture)


def text_edit(view: MapView, scene: MapScene, n: int, finish: Finish) -> float:
    """The in-place editor's commit: a card's text made longer or shorter by a line or
    two, so its row's height changes and the rows below move. The card is scrolled
    into view first, as the card a person edits is on screen."""
    stage_id, lane_id = first_text_cell(scene)
    assert scene.layout is not None
    card_id = scene.layout.cells[(stage_id, lane_id)].card_ids[-1]
    box = scene.layout.cards[card_id].rect
    scene.bring_into_view(QRectF(box.x, box.y, box.w, 10), 50, 50)
    text = "edited " * (1 + 12 * (n % 3))
    document = scene.document

    def gesture() -> None:
        document.push(edits.edit_card(document, card_id, text=text))
        finish()

    finish.settle()
    return timed(gesture)


def emotion_drag(view: MapView, scene: MapScene, n: int, finish: Finish) -> float:
    """Press on a face of the emotion curve, drag it one level up or down, release."""
    assert scene.layout is not None
    curve = next(iter(scene.layout.curves.values()))
    point = curve.points[n % len(curve.points)]
    step = (curve.area.h - 2 * scene.map_style.curve_padding) / 4
    start = QPointF(point.x, point.y)
    end = QPointF(point.x, point.y + (step if point.value > -2 else -step))
    scene.bring_into_view(QRectF(point.x, point.y, 50, 50), 50, 50)
    key = (curve.lane_id, point.stage_id)

    def gesture() -> None:
        drag(view, start, end)
        finish()

    finish.settle()
    took = timed(gesture)
    if scene.points[key].value == point.value:
        raise RuntimeError("the drag did not change the face: there would be nothing to time")
    return took


def card_move(view: MapView, scene: MapScene, finish: Finish) -> float:
    """Press on a card, drag it to the next stage, release: until committed and redrawn."""
    layout = scene.layout
    assert layout is not None
    lane_id = scene.lanes[0].id
    first = next(
        found for s in scene.stages if (found := layout.cells[(s.id, lane_id)]).card_ids
    )  # the first lane's first cell that still holds a card
    box = layout.cards[first.card_ids[0]]
    stage_ids = [s.id for s in scene.stages]
    target_stage = stage_ids[(stage_ids.index(box.card.stage_id) + 1) % len(stage_ids)]
    cell = layout.cells[(target_stage, box.card.lane_id)].rect
    start = QPointF(box.rect.x + 10, box.rect.y + 10)
    end = QPointF(cell.x + cell.w / 2, cell.y + 12)
    scene.bring_into_view(QRectF(box.rect.x, box.rect.y, 10, 10), 50, 50)

    def gesture() -> None:
        drag(view, start, end)
        finish()

    finish.settle()
    took = timed(gesture)
    assert scene.layout is not None
    if scene.layout.cards[box.card.id].card.stage_id != target_stage:
        raise RuntimeError("the drag did not move the card: there would be nothing to time")
    return took


def _bare_boxes(path: Path) -> list[tuple[Rect, str]]:
    """Our layout's card rectangles and texts, for the bare scene to hold."""
    document = Document.open(path)
    scene = MapScene(document, Labels())
    scene.show_map(document.maps()[0].id)
    assert scene.layout is not None
    boxes = [(b.rect, b.card.text) for b in scene.layout.cards.values()]
    document.close()
    return boxes


def _bare_paint(boxes: list[tuple[Rect, str]], holder: dict[str, object]) -> None:
    """The same rectangles with texts in a plain scene, painted once in a full-HD view."""
    plain = QGraphicsScene()
    brush = QBrush(QColor("#fff6bf"))
    for rect, text in boxes:
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


def bare(path: Path, repeat: int) -> dict[str, float]:
    """The same number of rectangles with texts, at the same places, in a plain scene."""
    boxes = _bare_boxes(path)
    figures: dict[str, float] = {}
    holder: dict[str, object] = {}
    figures["font tables, once (s)"] = 0.0
    gc.collect()
    figures["first paint (s)"] = timed(partial(_bare_paint, boxes, holder))
    view = holder["view"]
    assert isinstance(view, QGraphicsView)
    figures["repaint 100% (ms)"] = repaint_ms(view, repeat)
    view.fitInView(view.scene().itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)
    figures["repaint fit (ms)"] = repaint_ms(view, repeat)
    view.resetTransform()
    figures["scroll step (ms)"] = scroll_ms(view, repeat)
    plain = view.scene()
    item = next(i for i in plain.items() if isinstance(i, QGraphicsRectItem))
    label = next(i for i in plain.items() if isinstance(i, QGraphicsSimpleTextItem))
    count = max(5, repeat)
    for finish in (Repainted(view), InWindow(view)):
        name = finish.name

        def move(finish: Finish = finish) -> None:
            item.setPos(item.pos() + QPointF(240, 0))
            finish()

        def add(finish: Finish = finish) -> None:
            added = QGraphicsRectItem(0, 0, 200, 60)
            QGraphicsSimpleTextItem("new card", added).setPos(8, 6)
            added.setPos(view.mapToScene(200, 200))
            plain.addItem(added)
            finish()

        def edit(finish: Finish = finish) -> None:
            label.setText(label.text() + " edited")
            finish()

        for edit_name, action in (
            ("card move", move),
            ("card add", add),
            ("text edit", edit),
            ("emotion drag", move),
        ):
            samples = []
            for _ in range(count):
                finish.settle()
                samples.append(timed(action))
            spread(f"{edit_name}{name}", samples, figures)
    return figures


def first_paint_child(which: str, path: Path) -> None:
    """In a fresh process: one first paint, ours or bare, printed as wall and CPU
    seconds (what `cold` reads). The bare scene's boxes come from our layout, read
    before its clock starts."""
    fonts.metrics()
    boxes = _bare_boxes(path) if which == "bare" else []
    warm_up()
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    if which == "ours":
        _open_and_paint(path, {})
    else:
        _bare_paint(boxes, {})
    print(f"{time.perf_counter() - wall} {time.process_time() - cpu}")


def cold(path: Path, runs: int) -> dict[str, tuple[list[float], list[float]]]:
    """First paint in `runs` fresh processes each for ours and bare, alternating (so a
    busy spell of the host falls on both): wall and CPU seconds of each."""
    samples: dict[str, tuple[list[float], list[float]]] = {"ours": ([], []), "bare": ([], [])}
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    for _ in range(runs):
        for which in ("ours", "bare"):
            out = subprocess.run(
                [sys.executable, __file__, "--child", which, str(path)],
                check=True,
                capture_output=True,
                text=True,
                env=env,
            ).stdout.split()
            samples[which][0].append(float(out[-2]))
            samples[which][1].append(float(out[-1]))
    return samples


def print_cold(count: int, samples: dict[str, tuple[list[float], list[float]]]) -> None:
    """The cold first paints: least and median, wall and CPU, ours against bare."""
    runs = len(samples["ours"][0])
    print(f"{count:>6}  first paint in {runs} fresh processes each, ours and bare:")
    for index, measure in enumerate(("wall", "CPU")):
        for name, pick in (("least", min), ("median", statistics.median)):
            mine, base = pick(samples["ours"][index]), pick(samples["bare"][index])
            key = f"cold {measure} {name} (s)"
            print(f"{count:>6}  {key:<22} {mine:>10.3f} {base:>10.3f} {mine / base:>6.1f}×")


def commit_floor(path: Path, count: int) -> tuple[float, float]:
    """The least an edit committed to the file costs: one card's text changed with plain
    sqlite3 in a write transaction, with the editor's journal mode and synchronous
    setting (milliseconds: median, p95)."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("PRAGMA synchronous = FULL")
    card_id = connection.execute("SELECT min(id) FROM card").fetchone()[0]

    def commit(n: int) -> None:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("UPDATE card SET text = ? WHERE id = ?", (f"floor {n}", card_id))
        connection.execute("COMMIT")

    samples = [timed(partial(commit, n)) * 1000 for n in range(count)]
    connection.close()
    return statistics.median(samples), p95(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--folder",
        help="where the project files go (the system's temporary folder by default); "
        "a tmpfs such as /dev/shm leaves the disk's flushes out of the edits' figures",
    )
    parser.add_argument(
        "--cold",
        type=int,
        default=5,
        help="fresh processes for the first paint, each for ours and for bare (0: none)",
    )
    parser.add_argument(
        "--first-paint-only",
        action="store_true",
        help="only the cold first paints (no figures in this process, no edits)",
    )
    parser.add_argument("--child", nargs=2, metavar=("ours|bare", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    paint_threads.keep_painting_serial()  # as the app paints
    QApplication.instance() or QApplication([])
    if args.child:
        first_paint_child(args.child[0], Path(args.child[1]))
        return
    folder = Path(tempfile.mkdtemp(prefix="bench-canvas-", dir=args.folder))
    print(f"load average {os.getloadavg()[0]:.1f} (2 cores: above 1 other work shares them)")
    print(f"{'cards':>6}  {'measure':<30} {'ours':>10} {'bare Qt':>10} {'ratio':>7}")
    for count in args.cards:
        path = make_project(folder / f"{count}.journey", count)
        if args.cold:
            print_cold(count, cold(path, args.cold))
        if args.first_paint_only:
            continue
        mine = ours(path, args.repeat)
        base = bare(path, args.repeat)
        for key, value in mine.items():
            ratio = value / base[key] if base[key] else float("nan")
            print(f"{count:>6}  {key:<30} {value:>10.3f} {base[key]:>10.3f} {ratio:>6.1f}×")
        median, high = commit_floor(path, max(5, args.repeat))
        print(f"{count:>6}  commit floor (sqlite3 UPDATE + COMMIT) {median:.1f} ms, p95 {high:.1f}")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
