"""Child process of tests/unit/test_crash.py: edits a file until it is killed.

    python crash_child.py FILE SEED PAUSE_AT PAUSE_KIND

Edits cards through the Document (add, paste, edit text, move to another cell, reorder
inside a cell, delete) and says on stdout, one flushed line at a time, where it is:

    ready                       the file is open
    try N KIND CARD_OR_COUNT    edit N is about to be pushed
    write N STATE               edit N is inside its write transaction: every row is
                                written, COMMIT is next; STATE (JSON) is what the card
                                table will hold once it commits
    done N                      push() returned True: edit N is committed

The `write` line comes from the edit's commit (`editing.rows.Rows.commit`, wrapped
here), which runs on the Document's own connection just before COMMIT, so STATE is read
from the very rows the transaction wrote. At the first edit of kind PAUSE_KIND numbered
PAUSE_AT or more (PAUSE_AT 0: never) the child then sleeps inside the transaction: a kill sent on
reading that `write` line lands during the write of that kind of edit, deterministically.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import sys
import time
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from journeyeditor.editing import edits
from journeyeditor.editing.command import EditCommand
from journeyeditor.editing.document import Document
from journeyeditor.editing.rows import Rows
from journeyeditor.model import Card
from journeyeditor.model.enums import FIGURE_LANES

CARD_STATE = "SELECT id, stage_id, lane_id, position, text FROM card ORDER BY id"
PAUSE_S = 30.0
"""How long the child holds the write transaction open at PAUSE_AT (the parent kills it
at once; this only bounds a run whose parent has gone)."""


def say(*words: object) -> None:
    sys.stdout.write(" ".join(str(w) for w in words) + "\n")
    sys.stdout.flush()


def card_state(raw: sqlite3.Connection) -> list[list[Any]]:
    return [list(row) for row in raw.execute(CARD_STATE)]


class Child:
    def __init__(self, path: str, seed: int, pause_at: int, pause_kind: str) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.pause_at, self.pause_kind = pause_at, pause_kind
        self.kind = ""
        self.document = Document.open(path)
        self.raw = self.document._journey.raw
        self.number = 0
        self.changes_before = 0
        self.pushing = False
        commit = Rows.commit

        def said_then_committed(transaction: Rows) -> None:
            self.before_commit()
            commit(transaction)

        Rows.commit = said_then_committed  # type: ignore[method-assign, assignment]
        self.cells = [
            (stage.id, lane.id)
            for journey_map in self.document.maps()
            for stage in self.document.stages(journey_map.id)
            for lane in self.document.lanes(journey_map.id)
            if lane.kind not in FIGURE_LANES  # funnel and survey lanes hold no cards
        ]
        self.mine: list[int] = []  # cards this process made and has not deleted

    def before_commit(self) -> None:
        """Inside the edit's transaction, after its last write, before COMMIT."""
        if not self.pushing or self.raw.total_changes == self.changes_before:
            return  # an edit that wrote nothing
        say("write", self.number, json.dumps(card_state(self.raw), ensure_ascii=True))
        if self.pause_at and self.number >= self.pause_at and self.kind == self.pause_kind:
            time.sleep(PAUSE_S)

    def push(self, command: EditCommand) -> bool:
        self.pushing, self.changes_before = True, self.raw.total_changes
        try:
            return self.document.push(command)
        finally:
            self.pushing = False

    def next_edit(self) -> tuple[EditCommand, str, int]:
        """A random edit, its kind and the card (or count of cards) it touches."""
        rng, token = self.rng, f"s{self.seed}-n{self.number}"
        choice = rng.random()
        if choice < 0.3 or len(self.mine) < 3:
            command = edits.add_card(
                self.document, *rng.choice(self.cells), rng.choice([None, 0]), text=token
            )
            return command, "add", command.operations[0].values["id"]  # type: ignore[attr-defined]
        if choice < 0.4:
            count = rng.randint(2, 40)
            lines = "\n".join(f"{token}-line{k}" for k in range(count))
            command = edits.paste_text(
                self.document, *rng.choice(self.cells), rng.randint(0, 3), lines
            )
            return command, "paste", count
        card_id = rng.choice(self.mine)
        if choice < 0.55:
            return edits.edit_card(self.document, card_id, text=token), "edit", card_id
        row = self.document.get(Card, card_id)
        assert row is not None
        card = (row.stage_id, row.lane_id)
        if choice < 0.7:
            map_id = self.document.map_of_card(card_id)
            assert map_id is not None
            others = [
                (stage.id, lane.id)
                for stage in self.document.stages(map_id)
                for lane in self.document.lanes(map_id)
                if (stage.id, lane.id) != card and lane.kind not in FIGURE_LANES
            ]
            stage, lane = rng.choice(others)
            command = edits.move_cards(self.document, [card_id], stage, lane, rng.randint(0, 3))
            return command, "move-between", card_id
        if choice < 0.85:
            size = len(self.document.cell(*card))
            index = rng.randrange(max(1, size))
            command = edits.move_cards(self.document, [card_id], *card, index)
            return command, "reorder", card_id
        self.mine.remove(card_id)
        return edits.delete_cards(self.document, [card_id]), "delete", card_id

    def run(self) -> int:
        say("ready")
        while True:
            self.number += 1
            command, kind, subject = self.next_edit()
            self.kind = kind
            say("try", self.number, kind, subject)
            if not self.push(command):
                say("failed", self.number)
                return 1
            if kind == "add":
                self.mine.append(subject)
            say("done", self.number)


if __name__ == "__main__":
    sys.exit(Child(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]).run())
