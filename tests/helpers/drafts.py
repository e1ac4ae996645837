"""Six department drafts of the sample project, as a workshop would bring them back.

Each department copies the sample, spells the first stage its own way (case, accents,
spaces), writes its own cards, one card every department writes (some with another case
and spacing), and says how the first stage felt. Two drafts add a stage "Onboarding",
spelt differently. The sixth department, "Légal", is not in the sample.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.store import database, interchange, templates

MAP = "Perfume — current journey"
DEPARTMENTS = ("Sales", "marketing ", "Support", "Logistics", "ux", "Légal")
"""As each draft spells its department (the master has the first five, differently)."""
FIRST_STAGE = ("AWARENESS", "Awàreness ", "awareness", "  Awareness", "AwarenesS", "Âwaréness")
FEELINGS = (2, 2, 1, -1, 2, 1)
"""How the first stage felt to each department (Emotions lane)."""
SHARED = ("Nobody answers the chat", "nobody  ANSWERS the chat ")
"""One pain point every department wrote (the 4th with other case and spaces)."""
ONBOARDING = {2: "onboarding", 5: "Onboarding "}
"""Drafts that add a last stage, and how they spell it."""
OWN_CARDS = 3


def own_text(department: str, number: int) -> str:
    return f"{department.strip()} idea {number}"


def sample(path: Path, language: str = "en", template: str = "sample") -> Path:
    plan = templates.template_plan(template, language)
    database.create_file(path, interchange.populate_from(plan))
    return path


@dataclass(frozen=True)
class Workshop:
    master: Path
    drafts: tuple[Path, ...]


def _lane(document: Document, map_id: int, name: str) -> int:
    return next(lane.id for lane in document.lanes(map_id) if lane.name == name)


def make_draft(source: Path, path: Path, number: int) -> Path:
    shutil.copyfile(source, path)
    document = Document.open(path)
    try:
        journey = next(m for m in document.maps() if m.name == MAP)
        department = DEPARTMENTS[number]
        found = [d for d in document.departments() if d.name.casefold() == department.casefold()]
        if found:
            document.push(edits.edit_department(document, found[0].id, name=department))
            department_id = found[0].id
        else:
            document.push(edits.add_department(document, department, "#336699"))
            department_id = document.departments()[-1].id
        stages = document.stages(journey.id)
        document.push(edits.edit_stage(document, stages[0].id, name=FIRST_STAGE[number]))
        thoughts = _lane(document, journey.id, "Thoughts")
        pains = _lane(document, journey.id, "Pain points")
        emotions = _lane(document, journey.id, "Emotions")
        cards = [
            {"text": own_text(department, k), "department_id": department_id}
            for k in range(OWN_CARDS)
        ]
        document.push(edits.add_cards(document, stages[0].id, thoughts, None, cards))
        shared = SHARED[1] if number == 3 else SHARED[0]
        document.push(
            edits.add_card(document, stages[1].id, pains, text=shared, department_id=department_id)
        )
        document.push(edits.set_emotion(document, emotions, stages[0].id, FEELINGS[number]))
        if number in ONBOARDING:
            document.push(edits.add_stage(document, journey.id, name=ONBOARDING[number]))
            last = document.stages(journey.id)[-1].id
            document.push(
                edits.add_card(
                    document, last, thoughts, text=f"Welcome call ({department.strip()})"
                )
            )
            document.push(edits.set_emotion(document, emotions, last, FEELINGS[number]))
    finally:
        document.close()
    return path


def make_workshop(folder: Path) -> Workshop:
    """The sample as master and six department drafts beside it (`Draft-<dept>.journey`)."""
    folder.mkdir(parents=True, exist_ok=True)
    master = sample(folder / "master.journey")
    drafts = tuple(
        make_draft(master, folder / f"Draft-{DEPARTMENTS[n].strip()}.journey", n)
        for n in range(len(DEPARTMENTS))
    )
    return Workshop(master, drafts)
