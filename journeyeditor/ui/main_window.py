"""The main window: file handling, menus, docks, and the Document they all share."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QRectF, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QToolBar,
    QWidget,
)

from journeyeditor import i18n
from journeyeditor.canvas import mime
from journeyeditor.canvas.scene import MapScene
from journeyeditor.canvas.view import MapView
from journeyeditor.editing.document import Document
from journeyeditor.editing.workshop import Workshop
from journeyeditor.render.labels import labels
from journeyeditor.store import database, interchange, templates
from journeyeditor.store.errors import JourneyFileError, ReadOnlyFileError
from journeyeditor.store.files import is_same_file
from journeyeditor.ui import recent
from journeyeditor.ui.departments_panel import DepartmentsPanel
from journeyeditor.ui.event_import import EventImport
from journeyeditor.ui.export_dialog import ExportDialog
from journeyeditor.ui.find_bar import FindBar
from journeyeditor.ui.history_panel import HistoryPanel
from journeyeditor.ui.inspector import Inspector
from journeyeditor.ui.maps_panel import MapsPanel
from journeyeditor.ui.merge_dialog import choose_and_merge
from journeyeditor.ui.metric_suggestions import suggest_metrics
from journeyeditor.ui.open_lock import OpenLock, refuse_open_target
from journeyeditor.ui.palette import Palette
from journeyeditor.ui.personas_panel import PersonasPanel
from journeyeditor.ui.presenter import Presenter
from journeyeditor.ui.ranked_panel import RankedPanel
from journeyeditor.ui.survey_import import SurveyImport
from journeyeditor.ui.voting_panel import VotingPanel
from journeyeditor.ui.workshop_bar import WorkshopBar

FILE_FILTER = QCoreApplication.translate("MainWindow", "Journey maps (*.journey)")
LEGEND_KEY = "view/departmentLegend"


class MainWindow(QMainWindow):
    """One window, one open project."""

    def __init__(self) -> None:
        super().__init__()
        self.document: Document | None = None
        self._lock: OpenLock | None = None
        self.scene: MapScene | None = None
        self.importing: EventImport | SurveyImport | None = None
        """The import under way (kept alive while its dialogs and worker run)."""
        self.workshop: Workshop | None = None
        """Whose turn it is in a workshop, one per open document: new cards are stamped
        with it, votes are given in its participant's name."""
        self.resize(1280, 800)
        self.view = MapView(MapScene.empty(), self)
        self.setCentralWidget(self.view)
        self.maps_panel = MapsPanel(self)
        self.maps_panel.currentMapChanged.connect(self.show_map)
        self.presenter = Presenter(self, self.view, self.maps_panel)
        self.palette_list = Palette(self)
        self.maps_dock = self._dock(self.tr("Maps"), "mapsDock", self.maps_panel)
        self.palette_dock = self._dock(self.tr("Palette"), "paletteDock", self.palette_list)
        self.personas_panel = PersonasPanel(self)
        self.personas_dock = self._dock(self.tr("Personas"), "personasDock", self.personas_panel)
        self.tabifyDockWidget(self.maps_dock, self.personas_dock)
        self.departments_panel = DepartmentsPanel(self)
        self.departments_dock = self._dock(
            self.tr("Departments"), "departmentsDock", self.departments_panel
        )
        self.tabifyDockWidget(self.personas_dock, self.departments_dock)
        self.maps_dock.raise_()
        self.inspector = Inspector(self)
        self.inspector_dock = self._dock(
            self.tr("Inspector"),
            "inspectorDock",
            self.inspector,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.voting_panel = VotingPanel(self)
        self.voting_panel.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.view.addAction(self.voting_panel.vote_action)
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.voting_dock = self._dock(self.tr("Vote"), "votingDock", self.voting_panel, right)
        self.ranked_panel = RankedPanel(self.view, self)
        self.ranked_dock = self._dock(self.tr("Ranking"), "rankedDock", self.ranked_panel, right)
        # Tabbed with the inspector, which keeps the whole height: most of the time a person
        # edits, and a workshop opens the Vote or ranking tab when it needs them.
        self.history_panel = HistoryPanel(self)
        self.history_panel.revealCard.connect(self.reveal_card)
        self.history_panel.markCards.connect(self._mark_cards)
        self.history_panel.openRequested.connect(self.open_or_warn)
        self.history_dock = self._dock(self.tr("History"), "historyDock", self.history_panel, right)
        self.tabifyDockWidget(self.inspector_dock, self.voting_dock)
        self.tabifyDockWidget(self.voting_dock, self.ranked_dock)
        self.tabifyDockWidget(self.ranked_dock, self.history_dock)
        self.inspector_dock.raise_()
        self.find_bar = FindBar(self.view, self)
        self._build_actions()
        self.addToolBarBreak()
        self.addToolBar(self.find_bar)
        self.workshop_bar = WorkshopBar(self)
        self.addToolBar(self.workshop_bar)
        self.resizeDocks([self.inspector_dock], [300], Qt.Orientation.Horizontal)
        self.resizeDocks([self.maps_dock, self.palette_dock], [200, 400], Qt.Orientation.Vertical)
        self._restore_layout()
        self.statusBar()
        self._list_panels()
        self._update_title()

    def _dock(
        self,
        title: str,
        name: str,
        widget: QWidget,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.LeftDockWidgetArea,
    ) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    # Actions and menus

    def _action(
        self, text: str, shortcut: QKeySequence.StandardKey | str | None, slot: object
    ) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action(self.tr("&New…"), keys.New, self.new_project)
        self.open_action = self._action(self.tr("&Open…"), keys.Open, self.open_dialog)
        self.save_as_action = self._action(self.tr("Save &As…"), keys.SaveAs, self.save_as)
        self.export_action = self._action(self.tr("&Export…"), "Ctrl+E", self.export)
        self.print_action = self._action(self.tr("&Print…"), keys.Print, self.print_map)
        self.merge_action = self._action(self.tr("&Merge from File…"), None, self.merge_drafts)
        self.import_events_action = self._action(
            self.tr("Import &Events…"), None, self.import_events
        )
        self.import_survey_action = self._action(
            self.tr("Import &Survey…"), None, self.import_survey
        )
        self.quit_action = self._action(self.tr("&Quit"), keys.Quit, self.close)
        self.undo_action = self._action(self.tr("&Undo"), keys.Undo, self._undo)
        self.redo_action = self._action(self.tr("&Redo"), keys.Redo, self._redo)
        self.cut_action = self._action(self.tr("Cu&t"), keys.Cut, self.cut)
        self.copy_action = self._action(self.tr("&Copy"), keys.Copy, self.copy)
        self.paste_action = self._action(self.tr("&Paste"), keys.Paste, self.paste)
        self.delete_action = self._action(self.tr("&Delete"), keys.Delete, self.delete)
        self.select_all_action = self._action(
            self.tr("Select &All"), keys.SelectAll, self.select_all
        )
        self.find_action = self._action(self.tr("&Find…"), keys.Find, self.find_bar.focus_find)
        self.zoom_in_action = self._action(self.tr("Zoom &In"), keys.ZoomIn, self.view.zoom_in)
        self.zoom_out_action = self._action(self.tr("Zoom &Out"), keys.ZoomOut, self.view.zoom_out)
        self.zoom_actual_action = self._action(
            self.tr("&Actual Size"), "Ctrl+0", self.view.zoom_actual
        )
        self.fit_action = self._action(self.tr("&Fit to Window"), "Ctrl+9", self.view.fit)
        self.legend_action = self._action(self.tr("Department &Legend"), None, self._show_legend)
        self.legend_action.setCheckable(True)
        self.legend_action.setChecked(bool(QSettings().value(LEGEND_KEY, True, type=bool)))
        for action in (
            self.cut_action,
            self.copy_action,
            self.paste_action,
            self.delete_action,
            self.select_all_action,
        ):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(action)
        self.recent_menu = QMenu(self.tr("Open &Recent"), self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addActions([self.new_action, self.open_action])
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(self.save_as_action)
        file_menu.addAction(self.merge_action)
        file_menu.addSeparator()
        file_menu.addActions([self.export_action, self.print_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions(
            [self.cut_action, self.copy_action, self.paste_action, self.delete_action]
        )
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.select_all_action, self.find_action])
        data_menu = self.menuBar().addMenu(self.tr("&Data"))
        data_menu.addActions([self.import_events_action, self.import_survey_action])
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addActions(
            [self.zoom_in_action, self.zoom_out_action, self.zoom_actual_action, self.fit_action]
        )
        view_menu.addSeparator()
        view_menu.addAction(self.legend_action)
        view_menu.addSeparator()
        view_menu.addActions([self.presenter.action, *self.presenter.map_actions])
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolBar")
        toolbar.addActions([self.new_action, self.open_action, self.export_action])
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action])
        toolbar.addSeparator()
        toolbar.addActions([self.zoom_out_action, self.zoom_in_action, self.fit_action])
        self.view_menu = view_menu

    def _list_panels(self) -> None:
        """Every dock and toolbar in the View menu, so that any closed one can come back."""
        self.view_menu.addSeparator()
        for dock in self.findChildren(QDockWidget):
            self.view_menu.addAction(dock.toggleViewAction())
        self.view_menu.addSeparator()
        for bar in self.findChildren(QToolBar):
            self.view_menu.addAction(bar.toggleViewAction())

    def _show_legend(self, shown: bool) -> None:
        """The department legend above the map: a view choice, remembered."""
        QSettings().setValue(LEGEND_KEY, shown)
        if self.scene is not None:
            self.scene.set_legend_shown(shown)

    def _undo(self) -> None:
        if self.document is not None:
            self.inspector.commit_pending()
            self.document.undo()

    def _redo(self) -> None:
        if self.document is not None:
            self.inspector.commit_pending()
            self.document.redo()

    def _sync_undo(self) -> None:
        stack = self.document.stack if self.document else None
        self.undo_action.setEnabled(bool(stack and stack.canUndo()))
        self.redo_action.setEnabled(bool(stack and stack.canRedo()))
        undo_text = stack.undoText() if stack else ""
        redo_text = stack.redoText() if stack else ""
        self.undo_action.setText(self.tr("&Undo {0}").format(undo_text).strip())
        self.redo_action.setText(self.tr("&Redo {0}").format(redo_text).strip())
        self.undo_action.setIconText(self.tr("Undo"))
        self.redo_action.setIconText(self.tr("Redo"))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in recent.recent_files():
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_or_warn(p))
        self.recent_menu.setEnabled(True)
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("(no recent files)")).setEnabled(False)

    # Files

    def open_path(self, path: Path, read_only: bool = False, lock: OpenLock | None = None) -> None:
        """Open `path` in this window; raises JourneyFileError and keeps the current file.

        `lock` is this window's mark on the file (taken by `open_or_warn`), kept while
        the file is open here."""
        try:
            document = Document.open(path, read_only=read_only)
        except JourneyFileError:
            if lock is not None:
                lock.release()
            raise
        if self.document is not None:
            self.voting_panel.settle()
            self.document.close()
        self._hold(lock)
        self.document = document
        document.errorOccurred.connect(self._show_error)
        document.pathChanged.connect(lambda _p: self._moved())
        document.externallyChanged.connect(self._changed_elsewhere)
        document.projectChanged.connect(self._update_title)
        document.votingChanged.connect(self.presenter.voting_changed)
        document.stack.cleanChanged.connect(lambda _c: self._sync_undo())
        document.stack.indexChanged.connect(lambda _i: self._sync_undo())
        self.inspector.commit_pending()
        if self.workshop is not None:
            self.workshop.deleteLater()
        self.workshop = Workshop(document, self)
        self.workshop_bar.set_workshop(self.workshop)
        scene = MapScene(document, labels(document.project().language), self.workshop)
        scene.selectionInfo.connect(self._show_selection)
        scene.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 8000))
        scene.suggestMetrics.connect(lambda lane: suggest_metrics(document, lane, self))
        scene.set_legend_shown(self.legend_action.isChecked())
        old = self.view.scene()
        self.scene = scene
        self.view.setScene(scene)
        if old is not None:
            old.deleteLater()
        self.find_bar.set_document(document)
        self.inspector.set_document(document)
        self.personas_panel.set_document(document)
        self.departments_panel.set_document(document)
        self.history_panel.set_document(document)
        self.voting_panel.set_document(document, scene, self.workshop)
        self.ranked_panel.set_document(document, scene)
        self.maps_panel.set_document(document)  # last: it shows the first map
        recent.remember(document.path)
        self._update_title()
        self._sync_undo()

    def _hold(self, lock: OpenLock | None) -> None:
        """Keep `lock` as this window's mark, letting go of the one it had."""
        if self._lock is not None:
            self._lock.release()
        self._lock = lock

    def _moved(self) -> None:
        """Save As: the window now edits the copy, so its mark moves there."""
        self._update_title()
        if self.document is not None:
            lock = OpenLock(self.document.path)
            self._hold(lock if lock.take() else None)

    def _changed_elsewhere(self) -> None:
        """Another window or program saved changes to this file: show the file as it is."""
        if self.document is None or self.scene is None:
            return
        maps = [m.id for m in self.document.maps()]
        shown = self.scene.map_id if self.scene.map_id in maps else next(iter(maps), None)
        self.scene.show_map(shown)
        if shown is not None:
            self.maps_panel.select_map(shown)
            self.inspector.show_map(shown)
        self.find_bar.refresh()
        self._refresh_vote()
        self.statusBar().showMessage(
            self.tr("Updated with changes saved by another window or program."), 8000
        )

    def _shared_choice(self, path: Path, holder: tuple[int, str]) -> str:
        """Ask what to do with a file another window has open: read, edit or cancel."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("File already open"))
        box.setText(
            self.tr(
                "{0} is already open for editing in another Journey Editor window "
                "(process {1} on {2}). Both may edit it: each change is saved at once and "
                "the other window shows it, but a step the other window changed cannot be "
                "undone here."
            ).format(path.name, *holder)
        )
        read = box.addButton(self.tr("Open &read-only"), QMessageBox.ButtonRole.AcceptRole)
        edit = box.addButton(self.tr("&Edit anyway"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(read)
        box.exec()
        clicked = box.clickedButton()
        return "read" if clicked is read else "edit" if clicked is edit else "cancel"

    def open_or_warn(self, path: Path) -> bool:
        """Open `path`, warning when another window has it open and offering to read a
        write-protected file; say why when it cannot."""
        lock = OpenLock(path)
        held = lock.take()
        if not held:
            choice = self._shared_choice(path, lock.holder())
            if choice == "cancel":
                return False
            if choice == "read":
                return self._open_read_only(path)
        try:
            self.open_path(path, lock=lock if held else None)
        except ReadOnlyFileError as error:
            question = self.tr("Open it to read and export only?")
            reason = error.message(QCoreApplication.translate)
            title = self.tr("Read-only file")
            answer = QMessageBox.question(self, title, f"{reason}\n\n{question}")
            if answer != QMessageBox.StandardButton.Yes:
                return False
            return self._open_read_only(path)
        except JourneyFileError as error:
            self._show_error(error.message(QCoreApplication.translate))
            return False
        return True

    def _open_read_only(self, path: Path) -> bool:
        try:
            self.open_path(path, read_only=True)
        except JourneyFileError as error:
            self._show_error(error.message(QCoreApplication.translate))
            return False
        return True

    def open_dialog(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Open journey map"), "", FILE_FILTER
        )
        if name:
            self.open_or_warn(Path(name))

    def template_names(self) -> dict[str, str]:
        """What each built-in template is, in words, by id."""
        names = {
            "awareness-advocacy": self.tr("Awareness → Advocacy (5 stages)"),
            "discovery-loyalty": self.tr("Discovery → Loyalty (4 stages)"),
            "need-postpurchase": self.tr("Need → Post-purchase (4 stages)"),
            "blank": self.tr("Blank: Before / During / After"),
            "sample": self.tr("Sample project (worked examples)"),
        }
        return {i: names.get(i, i) for i in templates.template_ids()}

    def new_project(self) -> None:
        names = self.template_names()
        ids = list(names)
        choice, ok = QInputDialog.getItem(
            self,
            self.tr("New project"),
            self.tr("Start from template:"),
            list(names.values()),
            ids.index(templates.DEFAULT),
            False,
        )
        template = next((i for i, text in names.items() if text == choice), templates.DEFAULT)
        if not ok:
            return
        name, _filter = QFileDialog.getSaveFileName(self, self.tr("New project"), "", FILE_FILTER)
        if not name:
            return
        path = Path(name).with_suffix(database.SUFFIX)
        if refuse_open_target(self, path):
            return
        try:
            plan = templates.template_plan(template, i18n.interface_language())
            database.create_file(path, interchange.populate_from(plan))
        except JourneyFileError as error:
            self._show_error(error.message(QCoreApplication.translate))
            return
        self.open_or_warn(path)

    def save_as(self) -> None:
        if self.document is None:
            return
        self.inspector.commit_pending()
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save as"), str(self.document.path.parent), FILE_FILTER
        )
        if not name:
            return
        path = Path(name).with_suffix(database.SUFFIX)
        if not is_same_file(path, self.document.path) and refuse_open_target(self, path):
            return  # Save As onto the file open here is nothing to do: it is saved
        try:
            self.document.save_as(path)
        except JourneyFileError as error:
            self._show_error(error.message(QCoreApplication.translate))
            return
        recent.remember(self.document.path)

    def _update_title(self) -> None:
        if self.document is None:
            self.setWindowTitle(self.tr("Journey Editor"))
            return
        self.setWindowFilePath(str(self.document.path))
        name = self.document.path.name
        if self.document.read_only:
            name = self.tr("{0} (read-only)").format(name)
        self.setWindowTitle(self.tr("{0} — Journey Editor").format(name))

    def _show_error(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Journey Editor"), message)

    def show_map(self, map_id: int) -> None:
        if self.scene is None:
            return
        self.scene.show_map(map_id)
        self.inspector.show_map(map_id)
        self.find_bar.refresh()
        self._refresh_vote()
        self.view.resetTransform()
        self.view.zoomChanged.emit(1.0)
        self.view.centerOn(
            self.view.viewport().width() / 2 - 40, self.view.viewport().height() / 2 - 40
        )
        self.presenter.map_shown()

    def _mark_cards(self, card_ids: frozenset[int]) -> None:
        """Highlight these cards on the map (the History's changed cards)."""
        if self.scene is not None:
            self.scene.set_marked(card_ids)

    def reveal_card(self, map_id: int, card_id: int) -> None:
        """Show a card on its map, selected, scrolled into sight (a change picked in the
        History's comparison)."""
        if self.document is None or self.scene is None:
            return
        if self.document.map_of_card(card_id) != map_id:
            self.statusBar().showMessage(self.tr("This card is no longer on that map."), 8000)
            return
        if self.scene.map_id != map_id:
            self.maps_panel.select_map(map_id)
        self.scene.select_cards([card_id])
        box = self.scene.layout.cards.get(card_id) if self.scene.layout is not None else None
        if box is not None:
            self.view.reveal(QRectF(box.rect.x, box.rect.y, box.rect.w, box.rect.h))

    def _refresh_vote(self) -> None:
        """The vote and ranking panels show the map now shown."""
        self.voting_panel.refresh()
        self.ranked_panel.refresh()

    def _show_selection(self, kind: str, ids: list[int]) -> None:
        """Show what the canvas selected in the inspector."""
        if kind == "cards":
            self.inspector.show_cards(ids)
        elif kind == "stage":
            self.inspector.show_stage(ids[0])
        elif kind == "lane":
            self.inspector.show_lane(ids[0])
        elif kind == "point":
            self.inspector.show_point(ids[0], ids[1])
        else:
            self.inspector.show_map(ids[0])

    # Export and print

    def _export_dialog(self) -> ExportDialog | None:
        """A new dialog each time, deleted when it closes (it listens while shown only)."""
        if self.document is None:
            return None
        self.inspector.commit_pending()
        current = self.scene.map_id if self.scene is not None else None
        segment = self.scene.segment if self.scene is not None else None
        dialog = ExportDialog(self.document, current, self, segment=segment)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return dialog

    def export(self) -> None:
        dialog = self._export_dialog()
        if dialog is not None:
            dialog.exec()

    def merge_drafts(self) -> None:
        """File → Merge from File…: drafts of the project, previewed, merged as one step."""
        if self.document is not None:
            self.inspector.commit_pending()
            choose_and_merge(self.document, self)

    def _current_map(self) -> int | None:
        if self.document is None or self.scene is None:
            return None
        self.inspector.commit_pending()
        return self.scene.map_id

    def import_events(self) -> None:
        """Data → Import Events…: a funnel for the map shown, measured off the GUI thread,
        applied as one undo step (`ui/event_import.py`)."""
        map_id = self._current_map()
        if self.document is not None and map_id is not None:
            self._start_import(EventImport(self.document, map_id, parent=self))

    def import_survey(self) -> None:
        """Data → Import Survey…: NPS, CES and verbatims for the map shown."""
        map_id = self._current_map()
        if self.document is not None and map_id is not None:
            self._start_import(SurveyImport(self.document, map_id, parent=self))

    def _start_import(self, flow: EventImport | SurveyImport) -> None:
        self.importing = flow
        flow.finished.connect(self._import_finished)
        flow.choose_file()

    def _import_finished(self, applied: bool) -> None:
        if applied:
            self.statusBar().showMessage(
                self.tr("The figures are on the map (Undo takes them back)."), 8000
            )
        if self.importing is not None:
            self.importing.deleteLater()
        self.importing = None

    def print_map(self) -> None:
        """Straight to the print dialog, with the choices of the last export."""
        dialog = self._export_dialog()
        if dialog is not None:
            dialog.print_map()
            dialog.close()

    # Clipboard and selection

    def copy(self) -> None:
        if self.scene is not None and self.scene.selected_cards():
            QApplication.clipboard().setMimeData(mime.cards_mime(self.scene.copied()))

    def cut(self) -> None:
        if self.scene is not None and self.scene.selected_cards():
            self.copy()
            self.scene.delete_selection()

    def paste(self) -> None:
        if self.scene is None:
            return
        data = QApplication.clipboard().mimeData()
        self.scene.paste(mime.copied_cards(data), data.text() if data.hasText() else "")

    def delete(self) -> None:
        if self.scene is not None:
            self.scene.delete_selection()

    def select_all(self) -> None:
        if self.scene is not None:
            self.scene.select_cards(self.scene.card_items)

    def _restore_layout(self) -> None:
        """Put the window and its docks back where the person left them."""
        settings = QSettings()
        geometry = settings.value("window/geometry")
        state = settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Every edit is already in the file: closing only releases it."""
        self.inspector.commit_pending()
        geometry, state = self.presenter.window_layout()
        # Nothing of the presenter view may run once the file is closed (a late resize
        # fits the map again, reading the vote).
        self.presenter.leave()
        settings = QSettings()
        settings.setValue("window/geometry", geometry)
        settings.setValue("window/state", state)
        if self.importing is not None and self.importing.run is not None:
            self.importing.run.abort()  # nothing written; the worker ends before the file closes
        if self.document is not None:
            self.voting_panel.settle()
            self.document.close()
            self.document = None
        self._hold(None)
        event.accept()
