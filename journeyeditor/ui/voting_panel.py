"""The Vote panel: start and close a dot vote on the shown map, see each participant's
dots left, and vote by clicking cards (or V on the selected card) as the current
participant. Every vote is an undoable edit (`editing/voting.py`); a refused one is
said in the panel and the status bar, never half done. A click's dot is given once the
double-click interval has passed without a double-click: a double-click edits the card
and leaves no dot behind."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeyeditor.canvas.scene import MapScene
from journeyeditor.editing import voting
from journeyeditor.editing.command import EditCommand
from journeyeditor.editing.document import Document
from journeyeditor.editing.workshop import Workshop
from journeyeditor.model import Ballot, Card, LaneKind, limits
from journeyeditor.render.ranking import RANKED_KINDS

translate = QCoreApplication.translate
ID_ROLE = Qt.ItemDataRole.UserRole


class StartVoteDialog(QDialog):
    """Which lanes are voted on (pain points and opportunities unless changed), how
    many dots each participant has, and whether one card may take several of them."""

    def __init__(self, document: Document, map_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startVoteDialog")
        self.setWindowTitle(self.tr("Start vote"))
        self.lanes = QListWidget(self)
        self.lanes.setObjectName("voteLanes")
        for lane in document.lanes(map_id):
            if lane.kind == LaneKind.EMOTION.value:
                continue
            item = QListWidgetItem(lane.name, self.lanes)
            item.setData(ID_ROLE, lane.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            voted = lane.kind in RANKED_KINDS
            item.setCheckState(Qt.CheckState.Checked if voted else Qt.CheckState.Unchecked)
        self.allowance = QSpinBox(self)
        self.allowance.setObjectName("voteAllowance")
        self.allowance.setRange(1, limits.VOTE_ALLOWANCE_MAX)
        self.allowance.setValue(voting.DEFAULT_ALLOWANCE)
        self.one_per_card = QCheckBox(self.tr("At most one dot per card from each participant"))
        self.one_per_card.setObjectName("voteOnePerCard")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Vote on the cards of:"), self.lanes)
        form.addRow(self.tr("Dots per participant:"), self.allowance)
        form.addRow(self.one_per_card)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(buttons)

    def lane_ids(self) -> list[int]:
        items = (self.lanes.item(row) for row in range(self.lanes.count()))
        return [
            int(item.data(ID_ROLE)) for item in items if item.checkState() == Qt.CheckState.Checked
        ]


class Click(NamedTuple):
    """A click's vote, waiting out the double-click interval: who gave what, where."""

    ballot_id: int
    card_id: int
    voter: int


class VotingPanel(QWidget):
    """The running vote of the shown map and who has dots left; clicks on cards vote."""

    message = Signal(str)
    """Why a vote was refused, for the status bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("votingPanel")
        self.document: Document | None = None
        self.scene: MapScene | None = None
        self.workshop: Workshop | None = None
        self.waiting: Click | None = None
        """The last click's vote, given when `wait` times out unless a double-click came."""
        self.wait = QTimer(self)
        self.wait.setSingleShot(True)
        self.wait.timeout.connect(self.settle)
        self.double = False
        """A double-click was pressed: the click its release makes is not a vote."""
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.start_button = QPushButton(self.tr("Start vote…"), self)
        self.start_button.setObjectName("startVote")
        self.start_button.clicked.connect(self.start_vote)
        self.close_button = QPushButton(self.tr("Close vote"), self)
        self.close_button.setObjectName("closeVote")
        self.close_button.clicked.connect(self.close_vote)
        self.people = QTableWidget(0, 2, self)
        self.people.setObjectName("voters")
        self.people.setHorizontalHeaderLabels([self.tr("Participant"), self.tr("Dots left")])
        self.people.verticalHeader().hide()
        self.people.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.people.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.people.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.people.setToolTip(self.tr("Click a participant to vote as them."))
        self.people.itemSelectionChanged.connect(self._choose_voter)
        self.hint = QLabel(self.tr("No participants yet: add them before voting."), self)
        self.hint.setWordWrap(True)
        self.notice = QLabel(self)
        self.notice.setObjectName("voteNotice")
        self.notice.setWordWrap(True)
        self.vote_action = QAction(self.tr("Vote for the selected card"), self)
        self.vote_action.setShortcut(QKeySequence("V"))
        self.vote_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.vote_action.triggered.connect(self.vote_for_selection)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.close_button)
        box = QVBoxLayout(self)
        box.addWidget(self.state)
        box.addLayout(buttons)
        box.addWidget(self.people, 1)
        box.addWidget(self.hint)
        box.addWidget(self.notice)
        self.refresh()

    def set_document(self, document: Document, scene: MapScene, workshop: Workshop) -> None:
        """Follow a newly opened file: its votes, its map scene and who is voting."""
        self.wait.stop()
        self.waiting = None
        self.document, self.scene, self.workshop = document, scene, workshop
        document.votingChanged.connect(self.refresh)
        document.participantsChanged.connect(self.refresh)
        workshop.changed.connect(self.refresh)
        scene.cardClicked.connect(self._card_clicked)
        scene.installEventFilter(self)
        scene.card_menu_extras.append(self._card_menu)
        self.refresh()

    def ballot(self) -> Ballot | None:
        """The vote running on the shown map, if any."""
        if self.document is None or self.scene is None or self.scene.map_id is None:
            return None
        return self.document.open_ballot(self.scene.map_id)

    # Showing the vote

    def refresh(self) -> None:
        ballot = self.ballot()
        self.start_button.setEnabled(
            ballot is None and self.scene is not None and self.scene.map_id is not None
        )
        self.close_button.setEnabled(ballot is not None)
        self.vote_action.setEnabled(ballot is not None)
        self.state.setText(self._describe(ballot))
        self._fill_people(ballot)

    def _describe(self, ballot: Ballot | None) -> str:
        if ballot is None or self.document is None:
            return self.tr("No vote is running on this map.")
        lanes = {lane.id: lane.name for lane in self.document.lanes(ballot.map_id)}
        names = ", ".join(lanes.get(i, "") for i in self.document.ballot_lanes(ballot.id))
        rule = self.tr(" One dot per card at most.") if ballot.one_per_card else ""
        count = ballot.allowance  # English has no plural forms file: its one form here
        text = (
            self.tr("Vote running on: {0}. One dot per participant.")
            if count == 1
            else self.tr("Vote running on: {0}. %n dots per participant.", "", count)
        )
        return text.format(names) + rule

    def _fill_people(self, ballot: Ballot | None) -> None:
        participants = self.document.participants() if self.document else []
        current = self.workshop.participant_id if self.workshop else None
        left: dict[int, int] = {}
        if ballot is not None and self.document is not None:
            ids = [participant.id for participant in participants]
            left = voting.dots_left_of(self.document, ballot.id, ids)
        self.people.blockSignals(True)
        self.people.setRowCount(len(participants))
        for row, participant in enumerate(participants):
            name = QTableWidgetItem(participant.name)
            name.setData(ID_ROLE, participant.id)
            dots = QTableWidgetItem(str(left[participant.id]) if left else "")
            dots.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.people.setItem(row, 0, name)
            self.people.setItem(row, 1, dots)
            if participant.id == current:
                self.people.selectRow(row)
        if current is None:
            self.people.clearSelection()
        self.people.blockSignals(False)
        self.hint.setVisible(not participants)

    def _choose_voter(self) -> None:
        rows = self.people.selectionModel().selectedRows()
        if self.workshop is None or not rows:
            return
        item = self.people.item(rows[0].row(), 0)
        if item is not None:
            self.workshop.set_participant(int(item.data(ID_ROLE)))

    # Starting and closing

    def start_vote(self) -> None:
        if self.document is None or self.scene is None or self.scene.map_id is None:
            return
        dialog = StartVoteDialog(self.document, self.scene.map_id, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        map_id, lanes = self.scene.map_id, dialog.lane_ids()
        allowance, once = dialog.allowance.value(), dialog.one_per_card.isChecked()
        dialog.deleteLater()
        if accepted:
            self._push(lambda d: voting.open_ballot(d, map_id, lanes, allowance, once))

    def close_vote(self) -> None:
        ballot = self.ballot()
        if ballot is not None:
            ballot_id = ballot.id
            self._push(lambda d: voting.close_ballot(d, ballot_id))

    # Voting

    def _card_clicked(self, card_id: int) -> None:
        """A click on a card of a voted lane is a vote, given once the double-click
        interval has passed without a double-click; elsewhere it only selects."""
        if self.double:
            self.double = False
            return
        ballot = self.ballot()
        if ballot is None or self.document is None:
            return
        card = self.document.get(Card, card_id)
        if card is None or card.lane_id not in self.document.ballot_lanes(ballot.id):
            return
        voter = self._voter()
        if voter is not None:
            self.settle()  # the click before, on another card, is a vote of its own
            self.waiting = Click(ballot.id, card_id, voter)
            self.wait.start(QApplication.doubleClickInterval())

    def settle(self) -> bool:
        """Give the waiting click's vote now: its interval is over, or the file closes."""
        self.wait.stop()
        click, self.waiting = self.waiting, None
        if click is None:
            return False
        return self._push(
            lambda d: voting.give_vote(d, click.ballot_id, click.card_id, click.voter)
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The scene's presses: a double-click drops the vote its first click was
        waiting to give (the double-click edits the card instead)."""
        if event.type() == QEvent.Type.GraphicsSceneMousePress:
            self.double = False
        elif event.type() == QEvent.Type.GraphicsSceneMouseDoubleClick:
            self.wait.stop()
            self.waiting = None
            self.double = True
        return super().eventFilter(watched, event)

    def vote_for_selection(self) -> None:
        """V: the current participant's dot on the one selected card."""
        cards = self.scene.selected_cards() if self.scene else []
        if len(cards) != 1:
            self._say(self.tr("Select one card to vote for."))
            return
        self.vote(cards[0])

    def vote(self, card_id: int) -> bool:
        """Give the current participant's dot to a card of the running vote."""
        ballot, voter = self.ballot(), self._voter()
        if ballot is None or voter is None:
            return False
        ballot_id = ballot.id
        return self._push(lambda d: voting.give_vote(d, ballot_id, card_id, voter))

    def take_back(self, card_id: int) -> bool:
        ballot, voter = self.ballot(), self._voter()
        if ballot is None or voter is None:
            return False
        ballot_id = ballot.id
        return self._push(lambda d: voting.take_back_vote(d, ballot_id, card_id, voter))

    def _card_menu(self, menu: QMenu, card_id: int) -> None:
        """ "Take back my vote" on a card of the running vote."""
        ballot = self.ballot()
        if ballot is None or self.document is None:
            return
        voter = self.workshop.participant_id if self.workshop else None
        mine = any(
            vote.card_id == card_id and vote.participant_id == voter
            for vote in self.document.votes(ballot.id)
        )
        menu.addSeparator()
        action = menu.addAction(self.tr("Take back my vote"), lambda: self.take_back(card_id))
        action.setEnabled(voter is None or mine)

    def _voter(self) -> int | None:
        voter = self.workshop.participant_id if self.workshop else None
        if voter is None:
            self._say(self.tr("Choose who is voting first: click a participant in the Vote panel."))
        return voter

    def _push(self, build: Callable[[Document], EditCommand]) -> bool:
        """Build an edit and push it; a refusal by the voting rules is said, not raised."""
        assert self.document is not None
        try:
            command = build(self.document)
        except voting.VoteRefused as refusal:
            self._say(str(refusal))
            return False
        self.notice.clear()
        return self.document.push(command)

    def _say(self, text: str) -> None:
        self.notice.setText(text)
        self.message.emit(text)
