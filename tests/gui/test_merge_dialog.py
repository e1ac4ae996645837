"""File → Merge from File…: the preview lists each draft before anything is written; OK is
one undo step; a hostile draft is refused with its message and nothing is merged."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from journeyeditor.editing import merge
from journeyeditor.editing.document import Document
from journeyeditor.ui import merge_dialog
from journeyeditor.ui.main_window import MainWindow
from journeyeditor.ui.merge_dialog import MergeDialog

from helpers.drafts import Workshop, make_draft, sample


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory, qapp: QCoreApplication) -> Workshop:
    del qapp
    folder = tmp_path_factory.mktemp("drafts")
    master = sample(folder / "master.journey")
    return Workshop(master, tuple(make_draft(master, folder / f"d{n}.journey", n) for n in (0, 5)))


@pytest.fixture
def master(drafts: Workshop, tmp_path: Path) -> Iterator[Document]:
    path = tmp_path / "master.journey"
    shutil.copyfile(drafts.master, path)
    document = Document.open(path)
    yield document
    document.close()


def test_preview_lists_each_draft_then_ok_merges_once(
    qtbot: QtBot, master: Document, drafts: Workshop
) -> None:
    before = master.export_json()
    plan = merge.plan_merge(master, [merge.read_draft(p) for p in drafts.drafts])
    dialog = MergeDialog(master, plan)
    qtbot.addWidget(dialog)
    tree = dialog.tree
    assert [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())] == [
        "d0.journey",
        "d5.journey",
    ]
    top = tree.topLevelItem(1)
    lines = [top.child(i).text(0) for i in range(top.childCount())]
    assert lines == [section.text for section in merge.sections(plan.drafts[1])]
    departments = top.child(lines.index("new departments: 1"))
    assert [departments.child(i).text(0) for i in range(departments.childCount())] == ["Légal"]
    assert master.export_json() == before  # nothing written by the preview
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    ok.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert master.stack.count() == 1 and master.export_json() != before
    master.undo()
    assert master.export_json() == before


def test_nothing_new_disables_ok(qtbot: QtBot, master: Document, drafts: Workshop) -> None:
    draft = merge.read_draft(drafts.drafts[0])
    master.push(merge.plan_merge(master, [draft]).command(master))
    dialog = MergeDialog(master, merge.plan_merge(master, [draft]))
    qtbot.addWidget(dialog)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()


def test_a_hostile_draft_is_refused_with_its_message(
    qtbot: QtBot, master: Document, drafts: Workshop, tmp_path: Path, monkeypatch: Any
) -> None:
    del qtbot
    hostile = tmp_path / "hostile.journey"
    hostile.write_bytes(b"\x00" * 5000)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    monkeypatch.setattr(MergeDialog, "exec", lambda _self: pytest.fail("no preview expected"))
    before = master.export_json()
    assert not merge_dialog.merge_files(master, [drafts.drafts[0], hostile], None)
    assert len(shown) == 1 and "hostile.journey" in shown[0]
    assert "Nothing was merged." in shown[0]
    assert master.export_json() == before and master.stack.count() == 0


def test_file_menu_merges_as_one_undo_step(
    qtbot: QtBot, window: MainWindow, drafts: Workshop, monkeypatch: Any
) -> None:
    """File → Merge from File…: the chosen files, the preview accepted, one undo step."""
    del qtbot
    document = window.document
    assert document is not None
    file_menu = window.menuBar().actions()[0].menu()
    assert window.merge_action in file_menu.actions()
    chosen = ([str(p) for p in drafts.drafts], "")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_args: chosen)
    monkeypatch.setattr(MergeDialog, "exec", lambda self: self.apply() or self.result())
    before = document.export_json()
    window.merge_action.trigger()
    assert document.stack.count() == 1
    assert any(
        card.source == "d5.journey" for m in document.maps() for card in document.cards(m.id)
    )
    window.undo_action.trigger()
    assert document.export_json() == before
