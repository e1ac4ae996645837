"""The lanes of figures for one segment value: the window's "Figures for" choice, the
map drawn with that segment's figures and its lane headers saying whose, the exports
made from the window and the command line following it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from journeyeditor.editing.document import Document
from journeyeditor.editing.measures import apply_survey
from journeyeditor.measure.sources import BadRows, SourceCheck
from journeyeditor.measure.survey import SurveyFigures as Answered
from journeyeditor.measure.survey import SurveyResult
from journeyeditor.render import content, drawing, labels
from journeyeditor.render.export import ExportSource
from journeyeditor.render.measures import FunnelFigures, SurveyFigures
from journeyeditor.ui.export_dialog import ExportDialog
from journeyeditor.ui.main_window import MainWindow

from .measured_cases import make_measured, measure_by_segment

Tool = Callable[[str], str]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def segmented(tmp_path: Path, qapp: object) -> Iterator[Document]:
    """The measured sample, its first map's newest runs broken down by device."""
    document = Document.open(make_measured(tmp_path / "segments.journey", "en"))
    measure_by_segment(document, document.maps()[0].id)
    yield document
    document.close()


def lanes_of_figures(
    document: Document, segment: tuple[str, str] | None
) -> dict[str, list[object]]:
    """Each lane of figures' current figures by stage, and its header lines."""
    mapped = content.map_content(document, document.maps()[0].id, segment)
    words = drawing.figure_text(labels.labels("en"))
    found: dict[str, list[object]] = {}
    for lane in mapped.lanes:
        if lane.kind in ("funnel", "survey"):
            run = next(r for r in mapped.runs if r.lane_id == lane.id)
            figures = [m.current for m in mapped.measures if m.lane_id == lane.id]
            found[lane.kind] = [list(words.run(run)), figures]
    return found


def test_a_segment_s_figures_and_whose_they_are(segmented: Document) -> None:
    everyone = lanes_of_figures(segmented, None)
    mobile = lanes_of_figures(segmented, ("device", "mobile"))
    unknown = lanes_of_figures(segmented, ("device", ""))
    reached = {
        name: [f.reached for f in found["funnel"][1] if isinstance(f, FunnelFigures)]
        for name, found in (("everyone", everyone), ("mobile", mobile), ("none", unknown))
    }
    assert reached == {"everyone": [1000, 600], "mobile": [700, 350], "none": [300, 250]}
    assert everyone["funnel"][0] == ["Run of 2026-11-25", "vs 2026-11-02"]
    # The run before measured no device: no date to compare with, no change drawn.
    assert mobile["funnel"][0] == ["Run of 2026-11-25", "only device: mobile"]
    assert unknown["funnel"][0][-1] == "only device: (no value)"
    nps = [f.nps for f in mobile["survey"][1] if isinstance(f, SurveyFigures)]
    assert nps == [pytest.approx(100 / 3)]
    # The survey has no figures for customers without a device: it shows everyone's.
    assert unknown["survey"][0][-1] != "only device: (no value)"
    assert [f.nps for f in unknown["survey"][1] if isinstance(f, SurveyFigures)] == [50]


def test_the_window_offers_the_segments_and_its_exports_follow(
    qtbot: QtBot,
    tmp_path: Path,
    tool: Tool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(make_measured(tmp_path / "window.journey", "en"))
    window.show()
    bar = window.find_bar
    assert bar.segment.count() == 1  # measured, but by no segment yet
    assert window.document is not None
    measure_by_segment(window.document, window.document.maps()[0].id)  # two undo steps
    choices = [bar.segment.itemText(i) for i in range(bar.segment.count())]
    assert choices == ["Everyone", "device: (no value)", "device: mobile"]
    QApplication.processEvents()  # the toolbar lays its widgets out again
    assert bar.segment.isVisibleTo(bar)
    bar.segment.setCurrentIndex(2)
    scene = window.scene
    assert scene is not None and scene.segment == ("device", "mobile")
    funnel = [m.current for m in scene.measures if isinstance(m.current, FunnelFigures)]
    assert [f.reached for f in funnel] == [700, 350]
    out = tmp_path / "mobile.pdf"
    sources: list[tuple[str, str] | None] = []

    def export_and_close(dialog: ExportDialog) -> int:
        sources.append(dialog.source.segment)
        assert dialog.export_to(out)
        return 0

    monkeypatch.setattr(ExportDialog, "exec", export_and_close)
    window.export_action.trigger()
    assert sources == [("device", "mobile")]
    text = subprocess.run(
        [tool("pdftotext"), "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True
    ).stdout
    assert "700 reached" in text and "only device: mobile" in text
    assert "1,000 reached" not in text
    assert window.document is not None
    window.maps_panel.select_map(window.document.maps()[1].id)
    QApplication.processEvents()  # the toolbar lays its widgets out again
    assert not bar.segment.isVisibleTo(bar)  # that map was never measured by segment
    assert scene.segment is None
    window.maps_panel.select_map(window.document.maps()[0].id)
    assert bar.segment.currentText() == "device: mobile"  # the map kept its choice
    assert scene.segment == ("device", "mobile")
    window.undo_action.trigger()  # the survey by device
    window.undo_action.trigger()  # the funnel by device: no segment measured any more
    assert scene.segment is None and bar.segment.count() == 1
    window.redo_action.trigger()
    assert scene.segment == ("device", "mobile")  # it comes back with the figures
    window.close()


def test_the_command_line_exports_a_segment_and_refuses_one_never_measured(
    segmented: Document, tmp_path: Path, tool: Tool
) -> None:
    path = segmented.path
    name = segmented.maps()[0].name
    segmented.close()
    out = tmp_path / "cli.pdf"

    def export(*extra: str) -> subprocess.CompletedProcess[str]:
        argv = ["export", str(path), "--format", "pdf", "--map", name, "-o", str(out)]
        return subprocess.run(
            [sys.executable, "-m", "journeyeditor", *argv, *extra],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )

    done = export("--segment", "device=mobile")
    assert done.returncode == 0, done.stderr
    text = subprocess.run(
        [tool("pdftotext"), "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True
    ).stdout
    assert "700 reached" in text and "only device: mobile" in text
    out.unlink()
    assert export("--segment", "mobile").returncode == 0  # one column has that value
    refused = export("--segment", "device=tablet", "--force")
    assert refused.returncode != 0
    assert "no run of these maps measured the segment “device=tablet”" in refused.stderr
    assert "“device=mobile”" in refused.stderr
    as_json = ["--format", "json", "-o", str(tmp_path / "p.json"), "--segment", "device=mobile"]
    wrong = subprocess.run(
        [sys.executable, "-m", "journeyeditor", "export", str(path), *as_json],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert wrong.returncode == 1 and "--segment is for pdf" in wrong.stderr


def test_an_export_source_without_a_segment_draws_everyone(segmented: Document) -> None:
    """What every export did before: the default is unchanged."""
    source = ExportSource(segmented)
    assert source.segment is None
    mapped = source.content(segmented.maps()[0].id)
    assert mapped.runs and all(run.segment is None for run in mapped.runs)


def test_a_segment_is_its_column_and_value(segmented: Document) -> None:
    """Two runs broken down by different columns both have customers without a value:
    choosing one column's leaves the other run showing everyone's, and a run before
    broken down by another column is not compared with (found by a review)."""
    map_id = segmented.maps()[0].id
    stage_ids = [stage.id for stage in segmented.stages(map_id)]
    first = str(stage_ids[0])
    figures = (
        Answered(first, None, 40, 25, 10, 5, 40, 2.5),
        Answered(first, "", 10, 1, 1, 8, 0, None),
    )
    answers = SurveyResult(figures, (), SourceCheck(40, 40, BadRows()))
    later = "2026-11-26T08:00:00Z"
    command = apply_survey(segmented, map_id, answers, "s.csv", later, segment_column="plan")
    assert segmented.push(command)
    assert content.segments_of(segmented, map_id) == [
        ("device", ""),
        ("device", "mobile"),
        ("plan", ""),
    ]
    plan = lanes_of_figures(segmented, ("plan", ""))
    assert plan["survey"][0][-1] == "only plan: (no value)"
    assert plan["survey"][0][1:2] != ["vs 2026-11-25"]  # that run counted devices
    assert plan["funnel"][0][-1] != "only plan: (no value)"
    reached = [f.reached for f in plan["funnel"][1] if isinstance(f, FunnelFigures)]
    assert reached == [1000, 600]  # everyone's: the funnel counted devices, not plans
