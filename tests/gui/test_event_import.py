"""Data → Import Events… in the window: the preview shows the detected dialect of a French
Excel file and reads its rows again when a person overrides it; the stage mapping lists
the file's event names and writes the command line's JSON; the work runs in a thread
with a progress dialog whose Cancel (or an error, or refusing the bad rows) leaves the
project exactly as it was."""

from __future__ import annotations

import codecs
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from journeyeditor.editing.document import Document
from journeyeditor.measure.funnel import FunnelJob, StageRule, load_stage_mapping
from journeyeditor.measure.preview import EventNames, EventNamesJob
from journeyeditor.measure.sources import BAD_ROWS_LISTED, ColumnMapping, FileSource
from journeyeditor.ui import event_import
from journeyeditor.ui.event_import import EventImport, Measured
from journeyeditor.ui.import_preview import ImportPreviewDialog
from journeyeditor.ui.main_window import MainWindow
from journeyeditor.ui.measure_run import MeasureRun
from journeyeditor.ui.stage_mapping import StageMappingDialog

HEADER = "Client;Date de l'événement;Événement;Canal;Montant (€)"
EVENTS = (
    ("C001", "31/12/2026 14:05", "Publicité vue", "Internet", "12,50"),
    ("C001", "01/01/2027 09:30", "Visite du site", "Internet", "1 234,00"),
    ("C001", "02/01/2027 10:00", "Achat œuvre", "Internet", "99,90"),
    ("C002", "05/01/2027 18:00", "Visite du site", "Magasin", "0,99"),
    ("C002", "06/01/2027 08:15", "Réclamation €", "Magasin", "3,10"),
    ("C003", "07/01/2027 08:15", "Publicité vue", "Magasin", "3,10"),
)
MAP_ID = 1
STAGES = {
    "Awareness": ("publicité*",),
    "Consideration": ("visite*",),
    "Purchase": ("achat*",),
}
STAGE_IDS = {"Awareness": 1, "Consideration": 2, "Purchase": 3}
"""The sample project's first map."""


def french_csv(path: Path, rows: list[tuple[str, ...]] | None = None, bom: bool = False) -> Path:
    lines = [HEADER, *(";".join(row) for row in (rows or list(EVENTS)))]
    data = ("\r\n".join(lines) + "\r\n").encode("cp1252" if not bom else "utf-8")
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + data)
    return path


@pytest.fixture
def events(tmp_path: Path) -> Path:
    return french_csv(tmp_path / "événements.csv")


def source_of(path: Path) -> FileSource:
    return FileSource(path, ColumnMapping("Client", "Date de l'événement", "Événement", ("Canal",)))


def rules() -> tuple[StageRule, ...]:
    """Keyed by stage id, as the measuring and the saving want them."""
    return tuple(StageRule(str(STAGE_IDS[key]), patterns) for key, patterns in STAGES.items())


def cells(dialog: ImportPreviewDialog, column: int) -> list[str]:
    table = dialog.table
    return [table.item(row, column).text() for row in range(table.rowCount())]


def test_preview_shows_the_detected_french_dialect(qtbot: QtBot, events: Path) -> None:
    dialog = ImportPreviewDialog(events)
    qtbot.addWidget(dialog)
    assert dialog.encoding.currentData() == "cp1252"
    assert dialog.separator.currentData() == ";"
    assert dialog.decimal.currentData() == ","
    assert dialog.date_format.currentData() == "%d/%m/%Y %H:%M"
    assert dialog.date_format.currentText() == "31/12/2026 14:05"
    label = dialog.detected_label.text()
    assert "Windows-1252" in label and "31/12/2026 14:05" in label and "Semicolon" in label
    header = [dialog.table.horizontalHeaderItem(c).text() for c in range(5)]
    assert header == HEADER.split(";")
    assert cells(dialog, 2)[4] == "Réclamation €"
    assert dialog.mapping() == ColumnMapping(
        "Client", "Date de l'événement", "Événement", ("Canal",)
    )
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_an_override_reads_the_preview_again(qtbot: QtBot, events: Path) -> None:
    dialog = ImportPreviewDialog(events)
    qtbot.addWidget(dialog)
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("utf-8"))
    assert cells(dialog, 2)[4] != "Réclamation €"  # read as UTF-8: replacement characters
    assert "\ufffd" in cells(dialog, 2)[4]
    dialog.separator.setCurrentIndex(dialog.separator.findData(","))
    assert dialog.table.columnCount() == 1
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.separator.setCurrentIndex(dialog.separator.findData(";"))
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("cp1252"))
    assert cells(dialog, 2)[4] == "Réclamation €"
    assert dialog.mapping().event == "Événement"
    assert dialog.source().dialect == dialog.detected
    time_column = 1
    assert all(dialog.table.item(r, time_column).toolTip() == "" for r in range(6))
    dialog.date_format.setCurrentIndex(dialog.date_format.findData("%m/%d/%Y %H:%M"))
    assert dialog.source().dialect is not None
    assert dialog.source().dialect.timestamp_format == "%m/%d/%Y %H:%M"
    unread = [r for r in range(6) if dialog.table.item(r, time_column).toolTip()]
    assert unread == [0]  # 31/12/2026: no 31st month; the others read as other dates


def test_the_saved_columns_are_chosen_again(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text("who,when,what,canal,ref\nA,2026-01-01 10:00,x,web,r\n", encoding="utf-8")
    saved = {"columns": {"customer": "ref", "time": "when", "event": "what"}, "segments": []}
    dialog = ImportPreviewDialog(path, saved)
    qtbot.addWidget(dialog)
    assert dialog.mapping() == ColumnMapping("ref", "when", "what", ())


def count_names(qtbot: QtBot, source: FileSource) -> EventNames:
    run = MeasureRun(lambda: EventNamesJob(source, "Événement"), ["run"], "names")
    with qtbot.waitSignal(run.succeeded, timeout=20000) as signal:
        run.start()
    names = signal.args[0]["run"]
    assert isinstance(names, EventNames)
    return names


def test_the_mapping_lists_the_file_s_event_names(
    qtbot: QtBot, document: Document, events: Path, tmp_path: Path
) -> None:
    source = source_of(events)
    assert source.mapping is not None
    names = count_names(qtbot, source)
    assert names.counts[:2] == (("Publicité vue", 2), ("Visite du site", 2))
    assert names.distinct == 4
    dialog = StageMappingDialog(document, MAP_ID, source.mapping, names)
    qtbot.addWidget(dialog)
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    listed = [dialog.events.topLevelItem(i).text(0) for i in range(4)]
    assert listed == ["Publicité vue", "Visite du site", "Achat œuvre", "Réclamation €"]
    dialog.stage_list.setCurrentRow(0)
    dialog.events.topLevelItem(0).setSelected(True)
    dialog.add_names_button.click()
    dialog.stage_list.setCurrentRow(1)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.pattern_edit.setFocus()
    qtbot.keyClicks(dialog.pattern_edit, "VISITE*")
    qtbot.keyClick(dialog.pattern_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter added the pattern and did not press OK
    assert dialog.rules() == (
        StageRule("Awareness", ("Publicité vue",)),
        StageRule("Consideration", ("VISITE*",)),
    )
    stages = [dialog.events.topLevelItem(i).text(2) for i in range(4)]
    assert stages == ["Awareness", "Consideration", "", ""]
    assert dialog.stage_list.item(1).text() == "Consideration (1)"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dragged = dialog.events.mimeData([dialog.events.topLevelItem(2)])
    assert dragged.text() == "Achat œuvre"
    dialog.stage_list.setCurrentRow(2)
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    dialog.patterns.dropEvent(
        QDropEvent(QPointF(4, 4), Qt.DropAction.CopyAction, dragged, buttons, keys)
    )
    assert dialog.rules()[2] == StageRule("Purchase", ("Achat œuvre",))
    dialog.stage_list.setCurrentRow(1)
    touch = dialog.touchpoints
    assert touch.count() > 0  # the sample's Consideration stage has touchpoint cards
    touch.item(0).setCheckState(Qt.CheckState.Checked)
    card = int(touch.item(0).data(Qt.ItemDataRole.UserRole))
    assert dialog.rules()[1].touchpoints == (touch.item(0).toolTip(),)  # by text in JSON
    assert dialog.job_rules()[1] == StageRule("2", ("VISITE*",), (str(card),))  # by id
    saved = tmp_path / "mapping.json"
    dialog.save(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["columns"] == {
        "customer": "Client",
        "time": "Date de l'événement",
        "event": "Événement",
    }
    assert load_stage_mapping(saved) == dialog.rules()  # the command line reads it
    again = StageMappingDialog(document, MAP_ID, source.mapping, names, data)
    qtbot.addWidget(again)
    assert again.rules() == dialog.rules()
    data["stages"].append({"key": "Nowhere", "events": ["x"]})
    saved.write_text(json.dumps(data), encoding="utf-8")
    assert again.load(saved) == ["Nowhere"]
    assert again.rules() == dialog.rules()


class Recorder:
    """The import's apply step: records what it would write."""

    def __init__(self) -> None:
        self.calls: list[Measured] = []

    def __call__(self, measured: Measured) -> bool:
        self.calls.append(measured)
        return True


def test_measuring_applies_once_with_the_figures(
    qtbot: QtBot, document: Document, events: Path, tmp_path: Path
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    apply = Recorder()
    flow = EventImport(document, MAP_ID, apply)
    flow.source, flow.work_parent = source_of(events), work
    with qtbot.waitSignal(flow.finished, timeout=20000) as done:
        flow.measure(rules())
    assert done.args == [True]
    [measured] = apply.calls
    assert measured.check.rows == 6 and measured.check.bad.total == 0
    reached = [s.reached for s in measured.result.overall.stages]
    assert reached == [2, 2, 1]
    assert measured.rules == rules() and measured.columns == source_of(events).mapping
    assert flow.run is not None and flow.run.work.qthread.isFinished()
    assert list(work.iterdir()) == []  # the engine's temporary folder is gone


def bad_file(path: Path, count: int) -> Path:
    """`count` rows without a customer among good ones, and one unreadable time."""
    rows = list(EVENTS)
    rows += [("", "08/01/2027 10:00", "Visite du site", "Internet", "1,00")] * count
    rows.append(("C009", "le 9 janvier", "Visite du site", "Internet", "1,00"))
    return french_csv(path, rows)


@pytest.mark.parametrize("choice", ["import", "cancel"])
def test_bad_rows_are_listed_then_imported_or_cancelled(
    qtbot: QtBot, document: Document, tmp_path: Path, choice: str
) -> None:
    path = bad_file(tmp_path / "bad.csv", BAD_ROWS_LISTED + 20)
    before = path.read_bytes()
    apply = Recorder()
    flow = EventImport(document, MAP_ID, apply)
    flow.source = source_of(path)
    with qtbot.waitSignal(flow.finished, timeout=20000) as done:
        flow.measure(rules())
        run = flow.run
        assert run is not None
        qtbot.waitUntil(lambda: run.bad_rows_dialog is not None, timeout=20000)
        dialog = run.bad_rows_dialog
        assert dialog is not None
        table = dialog.table
        assert table.rowCount() == BAD_ROWS_LISTED
        assert [table.item(r, 0).text() for r in range(3)] == ["8", "9", "10"]
        assert table.item(0, 1).text() == "no customer id"
        assert dialog.more.isVisibleTo(dialog)
        assert "21 more" in dialog.more.text()
        assert not run.progress.isVisible()
        if choice == "import":
            dialog.import_button.click()
        else:
            dialog.cancel_button.click()
    assert path.read_bytes() == before
    assert done.args == [choice == "import"]
    if choice == "import":
        [measured] = apply.calls
        assert measured.check.bad.total == BAD_ROWS_LISTED + 21
        assert measured.check.good_rows == len(EVENTS)
        assert [s.reached for s in measured.result.overall.stages] == [2, 2, 1]
    else:
        assert apply.calls == [] and run.outcome == "refused"
    assert document.stack.count() == 0


class HeldJob(FunnelJob):
    """A real funnel job whose run waits for the test, so that Cancel comes mid-run."""

    started = threading.Event()
    release = threading.Event()

    def run(self) -> Any:
        HeldJob.started.set()
        deadline = time.monotonic() + 20
        while not (HeldJob.release.is_set() or self.cancelled()) and time.monotonic() < deadline:
            time.sleep(0.01)
        return super().run()

    def cancelled(self) -> bool:
        return self._cancelled.is_set()


@pytest.fixture
def held() -> Iterator[type[HeldJob]]:
    HeldJob.started.clear()
    HeldJob.release.clear()
    yield HeldJob
    HeldJob.release.set()


def test_cancel_mid_run_leaves_the_project_as_it_was(
    qtbot: QtBot, document: Document, events: Path, tmp_path: Path, held: type[HeldJob]
) -> None:
    before = document.path.read_bytes()
    work = tmp_path / "work"
    work.mkdir()
    apply = Recorder()
    source = source_of(events)
    run = MeasureRun(lambda: held(source, rules(), work), ["check", "run"], "t")
    run.succeeded.connect(apply)
    with qtbot.waitSignal(run.ended, timeout=20000) as ended:
        run.start()
        qtbot.waitUntil(held.started.is_set, timeout=20000)
        assert run.progress.isVisible()
        run.progress.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
        assert run.progress.phase.text() == "Cancelling…"
        held.release.set()
    assert ended.args == ["cancelled"]
    assert apply.calls == []
    assert document.path.read_bytes() == before and document.stack.count() == 0
    assert run.work.qthread.isFinished()
    assert list(work.iterdir()) == []


def test_an_error_is_shown_and_nothing_written(
    qtbot: QtBot, document: Document, events: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: shown.append(box.text()))
    before = document.path.read_bytes()
    apply = Recorder()
    flow = EventImport(document, MAP_ID, apply)
    flow.source = FileSource(events, ColumnMapping("Client", "Date de l'événement", "Nope"))
    with qtbot.waitSignal(flow.finished, timeout=20000) as done:
        flow.measure(rules())
    assert done.args == [False] and apply.calls == []
    assert flow.run is not None and flow.run.outcome == "failed"
    assert "no column Nope" in shown[0] and "Nothing was changed." in shown[0]
    assert document.path.read_bytes() == before


def test_progress_shows_rows_rate_and_time_left(qtbot: QtBot, events: Path) -> None:
    from journeyeditor.measure.sources import Progress

    run = MeasureRun(lambda: EventNamesJob(source_of(events), "Événement"), ["run"], "t")
    dialog = run.progress
    qtbot.addWidget(dialog)
    dialog.show_progress(Progress("computing", 0.25, 250_000, 1_000_000), 10.0)
    assert dialog.rows.text() == "Rows read: about 250\u202f000 of 1\u202f000\u202f000"
    assert dialog.rate.text() == "25\u202f000 rows per second"
    assert dialog.left.text() == "Time left: about 30 s"
    assert dialog.bar.value() == 250
    run.work.stop()


def test_the_whole_import_is_one_undo_step_and_offered_again(
    qtbot: QtBot, document: Document, events: Path
) -> None:
    """Preview OK, names counted, stages mapped, measured, applied: one step; undo gives
    the project back, redo the figures; the next import offers the same mapping."""
    before = document.export_json()

    def answer() -> None:
        """OK in each dialog as it shows (their exec() runs as in the window)."""
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, StageMappingDialog):
            for row, key in enumerate(STAGES):
                dialog.stage_list.setCurrentRow(row)
                dialog.add_patterns(STAGES[key])
        if isinstance(dialog, ImportPreviewDialog | StageMappingDialog):
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(50)
    flow = EventImport(document, MAP_ID)
    assert flow.saved == {}
    with qtbot.waitSignal(flow.finished, timeout=20000) as done:
        flow.open_file(events)
    timer.stop()
    assert done.args == [True]
    assert document.stack.count() == 1
    newest, previous = document.latest_runs(MAP_ID, "events")
    assert newest is not None and previous is None
    assert newest.source == events.name and newest.rows == len(EVENTS)
    assert [newest.at(STAGE_IDS[k]).reached for k in STAGES] == [2, 2, 1]
    after = document.export_json()
    document.undo()
    assert document.export_json() == before
    assert document.latest_runs(MAP_ID, "events") == (None, None)
    document.redo()
    assert document.export_json() == after
    again = EventImport(document, MAP_ID)
    assert again.saved["columns"] == {
        "customer": "Client",
        "time": "Date de l'événement",
        "event": "Événement",
    }
    assert again.saved["segments"] == ["Canal"]
    again.source = source_of(events)
    dialog = again.mapping_dialog(EventNames((), 0))
    qtbot.addWidget(dialog)
    assert dialog.rules() == tuple(StageRule(k, v) for k, v in STAGES.items())
    assert dialog.job_rules() == rules()


def test_closing_the_window_mid_run_writes_nothing(
    qtbot: QtBot,
    window: MainWindow,
    events: Path,
    held: type[HeldJob],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The window closes while the funnel runs: the worker is stopped and waited for
    before the file closes, and nothing is written."""
    path = window.document.path if window.document else None
    assert path is not None
    before = path.read_bytes()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (str(events), ""))
    monkeypatch.setattr(event_import, "FunnelJob", held)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, StageMappingDialog):
            dialog.stage_list.setCurrentRow(0)
            dialog.add_patterns(["publicité*"])
        if isinstance(dialog, ImportPreviewDialog | StageMappingDialog):
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(50)
    window.import_events_action.trigger()
    qtbot.waitUntil(held.started.is_set, timeout=20000)
    timer.stop()
    run = window.importing.run if window.importing else None
    assert run is not None and run.running
    window.close()
    assert run.outcome == "cancelled" and run.work.qthread.isFinished()
    assert path.read_bytes() == before


def test_a_parquet_file_needs_no_dialect(qtbot: QtBot, document: Document, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    with duckdb.connect() as con:
        con.execute(
            "COPY (SELECT * FROM (VALUES ('u1', TIMESTAMP '2026-12-31 14:05', 'Publicité vue', "
            "'web'), ('u1', TIMESTAMP '2027-01-01 09:00', 'Visite du site', 'web')) "
            f"AS t(user_id, event_time, event_name, channel)) TO '{path}' (FORMAT parquet)"
        )
    dialog = ImportPreviewDialog(path)
    qtbot.addWidget(dialog)
    assert dialog.detected is None and "Parquet" in dialog.detected_label.text()
    assert not dialog.encoding.isVisibleTo(dialog)
    assert cells(dialog, 2) == ["Publicité vue", "Visite du site"]
    assert dialog.mapping() == ColumnMapping("user_id", "event_time", "event_name", ("channel",))
    apply = Recorder()
    flow = EventImport(document, MAP_ID, apply)
    flow.source = dialog.source()
    with qtbot.waitSignal(flow.finished, timeout=20000) as done:
        flow.measure(rules())
    assert done.args == [True]
    assert [s.reached for s in apply.calls[0].result.overall.stages] == [1, 1, 0]
