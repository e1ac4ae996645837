"""A whole workshop in the real window on Xvfb, driven only by X events (xdotool).

Six departments, one participant each: every department captures ten cards by
double-clicking an empty spot of its cell and typing (Enter between cards, Escape at the
end), a vote is started with its defaults (pain points and opportunities, 3 dots), each
participant clicks three cards, then the presenter view (F11) starts the 5-minute timer
and the screen is photographed. The app exits with Ctrl+Q and the file is then read:
60 new cards stamped with who wrote them and when, in the cells clicked, 18 votes.

`helpers/xvfb_session.py` runs the app and only says where things are on the screen.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pytest
from PIL import Image

from journeyeditor import cli
from journeyeditor.editing.document import Document
from journeyeditor.model import LaneKind

from helpers import xvfb
from helpers.projects import child_environment
from helpers.xvfb import AppDriver, query, require_tools, running_app, virtual_display

HELPER = Path(__file__).resolve().parent.parent / "helpers" / "xvfb_session.py"
WIDTH, HEIGHT = 1600, 1000
PEOPLE = {
    "Sales": "Sam",
    "Marketing": "Maya",
    "Support": "Sue",
    "Logistics": "Leo",
    "IT": "Ivan",
    "UX": "Uma",
}
WORDS = (
    "slow reply",
    "long queue",
    "no sample",
    "price unclear",
    "late parcel",
    "login fails",
    "nice advice",
    "free gift",
    "easy return",
    "loyal card",
)
CARDS_EACH = 10
DOTS = 3
WAIT = 20.0
"""Seconds to wait for the app to show or write something (a loaded 2-core machine)."""
PANEL = (20, 24, 32)
"""The timer overlay's background (`ui/timer_overlay.PANEL`)."""


def texts(department: str) -> list[str]:
    return [f"{department} {n + 1:02d} {WORDS[n]}" for n in range(CARDS_EACH)]


@pytest.fixture
def display() -> Iterator[str]:
    require_tools("import")  # ImageMagick's, for the screenshot
    with virtual_display(WIDTH, HEIGHT) as name:
        yield name


@pytest.fixture
def workshop_file(sample_file: Path, tmp_path: Path) -> Path:
    """The sample project with one participant per department, through its JSON format
    (`journeyeditor export --format json`, then `journeyeditor import`)."""
    exported = tmp_path / "sample.json"
    assert cli.main(["export", str(sample_file), "--format", "json", "-o", str(exported)]) == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    departments = {d["name"]: d["id"] for d in data["departments"]}
    assert set(departments) == set(PEOPLE)
    data["participants"] = [
        {"id": n, "name": name, "department": departments[department]}
        for n, (department, name) in enumerate(PEOPLE.items(), start=1)
    ]
    exported.write_text(json.dumps(data), encoding="utf-8")
    path = tmp_path / "workshop.journey"
    assert cli.main(["import", str(exported), "-o", str(path)]) == 0
    return path


def wait_for(what: str, check: Callable[[], Any]) -> Any:
    return xvfb.wait_for(what, check, WAIT)


class Driver(AppDriver):
    """The app's window, with the Workshop toolbar's choosers and the board's scrolling."""

    def choose(self, combo: str, label: str) -> None:
        """Open a Workshop toolbar chooser with the mouse and click `label` in its list."""
        self.click(self.ask("where")[combo])
        items = wait_for(f"the {combo} list", lambda: self.ask("popup"))
        at = next(item[1:] for item in items if item[0] == label)
        self.click(at)
        wait_for(f"the {combo} list to close", lambda: not self.ask("popup"))

    def reveal(self, find: Callable[[dict[str, Any]], list[int]]) -> list[int]:
        """Scroll the map with the mouse wheel until the point `find` gives is well inside
        the view, and return it."""
        for _ in range(60):
            where = self.ask("where")
            x, y = find(where)
            left, top, width, height = where["view"]
            assert left + 20 <= x <= left + width - 20, f"{x} is off the view sideways"
            if top + 40 <= y <= top + height - 40:
                return [x, y]
            middle = (str(left + width // 2), str(top + height // 2))
            self.x("mousemove", *middle, "click", "5" if y > top + height - 40 else "4")
        raise AssertionError("the wheel did not bring the point into view")


def spot_in(stage: int, lane: int) -> Callable[[dict[str, Any]], list[int]]:
    """Where to double-click in a cell: the empty spot the helper found below its cards."""

    def find(where: dict[str, Any]) -> list[int]:
        cell = next(c for c in where["cells"] if (c["stage"], c["lane"]) == (stage, lane))
        assert cell["spot"], f"no empty spot in cell {stage}, {lane}"
        return list(cell["spot"])

    return find


def card_at(card_id: int) -> Callable[[dict[str, Any]], list[int]]:
    def find(where: dict[str, Any]) -> list[int]:
        for cell in where["cells"]:
            if str(card_id) in cell["cards"]:
                return list(cell["cards"][str(card_id)])
        raise AssertionError(f"card {card_id} is not on the map")

    return find


def rows_at_least(path: Path, count: int, sql: str, *parameters: Any) -> Callable[[], bool]:
    return lambda: len(query(path, sql, *parameters)) >= count


@dataclass
class Plan:
    """What the session does, read from the file before the app starts."""

    cells: dict[str, tuple[int, int]]
    """Each department's cell (stage, lane), all in the lanes voted on."""
    voted: tuple[int, int]
    departments: dict[str, int]
    people: dict[str, int]
    old_votes: dict[int, int]
    """Every card of the file before the session, with its votes."""
    intended: list[tuple[int, int]] = field(default_factory=list)
    """(participant, card) of each vote clicked."""


def plan(path: Path) -> Plan:
    before = Document.open(path, read_only=True)
    try:
        map_id = before.maps()[0].id
        stages = [stage.id for stage in before.stages(map_id)]
        lanes = {LaneKind(lane.kind): lane.id for lane in before.lanes(map_id)}
        departments = {d.name: d.id for d in before.departments()}
        people = {p.name: p.id for p in before.participants()}
    finally:
        before.close()
    voted = (lanes[LaneKind.PAIN_POINT], lanes[LaneKind.OPPORTUNITY])
    cells = {department: (stages[n % 3], voted[n // 3]) for n, department in enumerate(PEOPLE)}
    old_votes = dict(query(path, "SELECT id, votes FROM card"))
    return Plan(cells, voted, departments, people, old_votes)


@pytest.mark.xvfb
def test_six_department_workshop_session(display: str, workshop_file: Path, tmp_path: Path) -> None:
    session = plan(workshop_file)
    env = {
        **child_environment(),
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_RUNTIME_DIR": str(tmp_path),
    }
    started = dt.datetime.now(dt.UTC).replace(microsecond=0)
    shot = tmp_path / "presenter.png"
    command = [str(HELPER), str(workshop_file), str(WIDTH), str(HEIGHT)]
    with running_app(Driver, display, command, env, tmp_path) as driver:
        capture(driver, workshop_file, session)
        vote(driver, workshop_file, session)
        timer = present(driver, shot)
        driver.x("key", "ctrl+q")
        assert driver.app.wait(WAIT) == 0
    check_file(workshop_file, session, started)
    check_screenshot(shot, timer)


def capture(driver: Driver, path: Path, session: Plan) -> None:
    """Ten cards per department: choose it and its participant, double-click an empty spot
    of its cell, type each card with Enter between them and Escape after the last."""
    for department, name in PEOPLE.items():
        driver.choose("department", department)
        driver.choose("participant", name)
        stage, lane = session.cells[department]
        spot = driver.reveal(spot_in(stage, lane))
        had = len(query(path, "SELECT id FROM card"))
        driver.click(spot, repeat=2)
        wait_for("the new card's editor", lambda: driver.ask("where")["editing"])
        # One `type` per card: xdotool types "\n" as Linefeed, which is not Enter.
        for n, text in enumerate(texts(department)):
            driver.x(*(("key", "Return") if n else ()), "type", "--delay", "8", text)
        driver.x("key", "Escape")
        wait_for(
            f"{department}'s cards",
            rows_at_least(path, had + CARDS_EACH, "SELECT id FROM card"),
        )


def vote(driver: Driver, path: Path, session: Plan) -> None:
    """Start a vote with the dialog's defaults; each participant clicks three new cards.

    Participant n votes for chosen cards n, n+1 and n+2, so no card is clicked twice in
    a row (that would be a double-click, which edits the card).
    """
    where = driver.ask("where")
    if where["start_vote"] is None:  # the Vote dock is a tab beside the inspector
        driver.click(where["vote_tab"])
    start = wait_for("the Vote tab", lambda: driver.ask("where")["start_vote"])
    driver.click(start)
    buttons = wait_for("the Start vote dialog", lambda: driver.ask("dialog"))
    driver.click(next(button[1:] for button in buttons if button[0] == "Start"))
    wait_for("the ballot", rows_at_least(path, 1, "SELECT id FROM ballot"))
    new_cards = [
        card_id
        for (card_id,) in query(path, "SELECT id FROM card ORDER BY id")
        if card_id not in session.old_votes
    ]
    assert len(new_cards) == len(PEOPLE) * CARDS_EACH
    chosen = new_cards[:: CARDS_EACH // 2][: len(PEOPLE) + DOTS - 1]
    for n, name in enumerate(PEOPLE.values()):
        driver.choose("participant", name)
        for card_id in chosen[n : n + DOTS]:
            driver.click(driver.reveal(card_at(card_id)))
            session.intended.append((session.people[name], card_id))
            given = len(session.intended)
            wait_for(f"vote {given}", rows_at_least(path, given, "SELECT id FROM vote"))


def present(driver: Driver, shot: Path) -> dict[str, Any]:
    """F11, the 5-minute preset and Start; a screenshot once two seconds have gone, then
    Escape. Gives where the timer was."""
    driver.x("key", "F11")
    wait_for(
        "the timer overlay",
        lambda: (w := driver.ask("where"))["presenting"] and (w["timer"] or {}).get("five"),
    )
    driver.click(driver.ask("where")["timer"]["five"])
    wait_for("5:00 on the timer", lambda: driver.ask("where")["timer"]["text"] == "05:00")
    driver.click(driver.ask("where")["timer"]["start"])
    timer: dict[str, Any] = wait_for(
        "the countdown to run two seconds",
        lambda: (t := driver.ask("where")["timer"])["text"] <= "04:58" and t,
    )
    display = driver.display
    subprocess.run(["import", "-display", display, "-window", "root", str(shot)], check=True)
    print(f"presenter view screenshot: {shot}")
    driver.x("key", "Escape")
    wait_for("the presenter view to end", lambda: not driver.ask("where")["presenting"])
    return timer


def check_file(path: Path, session: Plan, started: dt.datetime) -> None:
    """The file after the app exited: the 60 cards as typed, stamped, and 18 dots."""
    ended = dt.datetime.now(dt.UTC)
    document = Document.open(path, read_only=True)
    try:
        map_id = document.maps()[0].id
        cards = document.cards(map_id)
        new = [card for card in cards if card.id not in session.old_votes]
        assert len(new) == len(PEOPLE) * CARDS_EACH
        for department, name in PEOPLE.items():
            stage, lane = session.cells[department]
            mine = [card for card in new if card.department_id == session.departments[department]]
            assert [card.text for card in mine] == texts(department)
            cell = [card.id for card in document.cell(stage, lane)]
            assert cell[-CARDS_EACH:] == [card.id for card in mine], f"{department}'s cell"
            for card in mine:
                assert card.participant_id == session.people[name], card.text
                assert started <= dt.datetime.fromisoformat(card.created) <= ended, card.created
        (ballot,) = document.ballots(map_id)
        assert ballot.allowance == DOTS and not ballot.one_per_card
        votes = document.votes(ballot.id)
        assert len(votes) == len(PEOPLE) * DOTS
        assert Counter(vote.participant_id for vote in votes) == {
            p: DOTS for p in session.people.values()
        }
        assert sorted(document.ballot_lanes(ballot.id)) == sorted(session.voted)
        clicked = Counter((vote.participant_id, vote.card_id) for vote in votes)
        assert clicked == Counter(session.intended), "a dot on another card than the one clicked"
        dots = Counter(vote.card_id for vote in votes)
        for card in cards:
            assert card.votes == session.old_votes.get(card.id, 0) + dots[card.id], card.text
    finally:
        document.close()


def check_screenshot(shot: Path, timer: dict[str, Any]) -> None:
    """Not blank, and the timer's dark panel covers its corner of the map."""
    with Image.open(shot) as image:
        pixels = image.convert("RGB")
    width, height = pixels.size
    colours = colour_counts(pixels)
    background = max(colours, key=colours.__getitem__)
    changed = width * height - colours[background]
    assert changed > width * height // 5, f"{changed} pixels differ from {background}"
    cx, cy, w, h = timer["rect"]
    inside = colour_counts(pixels.crop((cx - w // 2, cy - h // 2, cx + w // 2, cy + h // 2)))
    dark = panel_pixels(inside)
    assert dark > w * h // 3, f"only {dark} of {w * h} timer pixels are the panel"
    outside = panel_pixels(colours) - dark
    assert outside < width * height // 50, f"{outside} panel-coloured pixels off the timer"


def colour_counts(image: Image.Image) -> dict[tuple[int, int, int], int]:
    """How many pixels of each colour an RGB image has."""
    found = image.getcolors(image.width * image.height) or []
    return {cast(tuple[int, int, int], colour): count for count, colour in found}


def panel_pixels(colours: dict[tuple[int, int, int], int]) -> int:
    """How many pixels are the timer panel's colour (within 16 per channel)."""
    return sum(
        count
        for colour, count in colours.items()
        if max(abs(a - b) for a, b in zip(colour, PANEL, strict=True)) <= 16
    )
