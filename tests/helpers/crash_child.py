"""Child process of tests/unit/test_crash.py: edits a file until it is killed.

    python crash_child.py FILE SEED

Prints `ready` once the file is open, then for each edit one line `try KIND ARGS…`
before pushing it and one line `done KIND ARGS…` once push() has returned True
(flushed at once), so that the parent knows which edits reached the disk:

    add CARD_ID TEXT             a card with that text exists
    paste TEXT_PREFIX COUNT      COUNT cards whose text starts with TEXT_PREFIX, all or none
    edit CARD_ID TEXT            the card's text was changed to TEXT
    move CARD_ID                 a card was moved (positions must stay dense)
    delete CARD_ID               the card is gone
"""

from __future__ import annotations

import os
import random
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from journeyeditor.editing import edits
from journeyeditor.editing.document import Document


def say(*words: object) -> None:
    sys.stdout.write(" ".join(str(w) for w in words) + "\n")
    sys.stdout.flush()


def main() -> int:
    path, seed = sys.argv[1], int(sys.argv[2])
    rng = random.Random(seed)
    document = Document.open(path)
    maps = document.maps()
    cells = [
        (stage.id, lane.id)
        for journey_map in maps
        for stage in document.stages(journey_map.id)
        for lane in document.lanes(journey_map.id)
    ]
    mine: list[int] = []  # cards this process made and has not deleted
    say("ready")
    number = 0
    while True:
        number += 1
        token = f"s{seed}-n{number}"
        choice = rng.random()
        report: tuple[str | int, ...]
        if choice < 0.35 or len(mine) < 3:
            stage, lane = rng.choice(cells)
            command = edits.add_card(document, stage, lane, rng.choice([None, 0]), text=token)
            card_id = command.operations[0].values["id"]  # type: ignore[attr-defined]
            report = ("add", card_id, token)
        elif choice < 0.5:
            count = rng.randint(2, 40)
            lines = "\n".join(f"{token}-line{k}" for k in range(count))
            command = edits.paste_text(document, *rng.choice(cells), rng.randint(0, 3), lines)
            report = ("paste", token, count)
        elif choice < 0.7:
            card_id = rng.choice(mine)
            command = edits.edit_card(document, card_id, text=token)
            report = ("edit", card_id, token)
        elif choice < 0.85:
            card_id = rng.choice(mine)
            map_id = document.map_of_card(card_id)
            stage = rng.choice(document.stages(map_id)).id  # type: ignore[arg-type]
            lane = rng.choice(document.lanes(map_id)).id  # type: ignore[arg-type]
            command = edits.move_cards(document, [card_id], stage, lane, rng.randint(0, 3))
            report = ("move", card_id)
        else:
            card_id = mine.pop(rng.randrange(len(mine)))
            command = edits.delete_cards(document, [card_id])
            report = ("delete", card_id)
        say("try", *report)
        if not document.push(command):
            say("failed", *report)
            return 1
        if report[0] == "add":
            mine.append(int(report[1]))
        say("done", *report)


if __name__ == "__main__":
    sys.exit(main())
