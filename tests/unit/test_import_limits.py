"""A stranger's JSON cannot hurt the importer: it imports, or it is refused with the place named.

Huge integers, deep nesting, lone surrogates, NaN, texts and lists past the limits of
model/limits.py: each ends in BadInterchangeError (exit code 10 on the command line),
never a traceback, and whatever is imported opens as a project file.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import io
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from PIL import Image as PilImage

from journeyeditor import cli
from journeyeditor.editing.document import Document
from journeyeditor.model import limits
from journeyeditor.store import database, interchange, templates
from journeyeditor.store.errors import BadInterchangeError


def small_png() -> str:
    buffer = io.BytesIO()
    PilImage.new("RGB", (8, 6), "#2f6fdb").save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def sample_export() -> dict[str, Any]:
    """A valid export of the sample project, with a picture used as logo, photo and card image."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sample.journey"
        database.create_file(
            path, interchange.populate_from(templates.template_plan("sample", "en"))
        )
        journey = database.open_file(path, read_only=True)
        try:
            data: dict[str, Any] = json.loads(interchange.export_text(journey.raw))
        finally:
            journey.close()
    data["images"] = [{"id": 1, "format": "PNG", "data": small_png()}]
    data["project"]["logo_image"] = 1
    data["personas"][0]["photo_image"] = 1
    data["maps"][0]["cards"][0]["image"] = 1
    return data


SAMPLE = sample_export()
SAMPLE_TEXT = interchange.dumps(SAMPLE)


def refusal(text: str) -> str:
    """The message of the import's refusal of `text` (the test fails if it is accepted)."""
    with pytest.raises(BadInterchangeError) as raised:
        interchange.plan_import(interchange.parse_json(text, "hostile.json"), "hostile.json")
    return raised.value.detail


def first(key: str, value: str) -> Callable[[str], str]:
    """Replace the first `"key": <old>` of the sample's text by `"key": value`."""

    def change(text: str) -> str:
        start = text.index(f'"{key}": ') + len(key) + 4
        end = min(i for i in (text.find(",\n", start), text.find("\n", start)) if i >= 0)
        return text[:start] + value + text[end:]

    return change


def nested(depth: int, opening: str = "[", closing: str = "]") -> Callable[[str], str]:
    return first("name", opening * depth + closing * depth)


def nested_objects(depth: int) -> Callable[[str], str]:
    return first("name", '{"a": ' * depth + "1" + "}" * depth)


def many(key: str, count: int, where: Callable[[dict[str, Any]], dict[str, Any]]) -> Any:
    def change(text: str) -> str:
        data = json.loads(text)
        parent = where(data)
        parent[key] = [copy.deepcopy(parent[key][0]) for _ in range(count)]
        return json.dumps(data)

    return change


MAP0: Callable[[dict[str, Any]], dict[str, Any]] = lambda data: data["maps"][0]  # noqa: E731
ROOT: Callable[[dict[str, Any]], dict[str, Any]] = lambda data: data  # noqa: E731
HUGE_TEXT = json.dumps("x" * (limits.TEXT_MAX_CHARS + 1))
HUGE_NAME = json.dumps("x" * (limits.NAME_MAX_CHARS + 1))

CASES: dict[str, tuple[Callable[[str], str], str]] = {
    "id of 2^63": (first("id", str(2**63)), ".id: must be between 1 and"),
    "id past ID_MAX": (first("id", str(limits.ID_MAX + 1)), ".id: must be between"),
    "id zero": (first("id", "0"), ".id: must be between"),
    "5,000-digit integer": (first("id", "9" * 5000), "a number of 5000 digits"),
    "5,000-digit negative integer": (first("votes", "-" + "9" * 5000), "a number of 5000"),
    "5,000-digit integer in a float": (first("width", "9" * 5000), "a number of 5000"),
    "arrays 50,000 deep": (nested(50_000), "nested more than"),
    "objects 50,000 deep": (nested_objects(50_000), "nested more than"),
    "arrays 20 deep": (nested(20), "nested more than"),
    "lone surrogate": (first("name", '"\\ud800"'), ".name: holds '\\ud800'"),
    "lone low surrogate in text": (first("text", '"ok \\udfff"'), ".text: holds '\\udfff'"),
    "NUL": (first("name", '"a\\u0000b"'), ".name: holds '\\x00'"),
    "NaN": (first("width", "NaN"), "stages[0].width: must be a finite number"),
    "Infinity": (first("height", "Infinity"), "lanes[0].height: must be a finite number"),
    "float overflow": (first("width", "1e999"), "width: must be a finite number"),
    "1e308 width": (first("width", "1e308"), "stages[0].width: must be between 40 and 4000"),
    "narrow stage": (first("width", "39.5"), "stages[0].width: must be between"),
    "tall lane": (first("height", "4000.5"), "lanes[0].height: must be between 20 and 4000"),
    "metric past NUMBER_MAX_ABS": (first("value", "1e16"), ".value: must be between"),
    "metric integer past NUMBER_MAX_ABS": (first("target", str(10**19)), ".target: must be"),
    "votes": (first("votes", str(limits.VOTES_MAX + 1)), ".votes: must be between 0 and"),
    "age": (first("age", "151"), ".age: must be between 0 and 150"),
    "negative age": (first("age", "-1"), ".age: must be between"),
    "colour": (first("color", '"red"'), ".color: must be a colour"),
    "accent colour": (first("accent_color", '"#12345"'), "project.accent_color: must be a colour"),
    "text too long": (first("text", HUGE_TEXT), ".text: is longer than 20000 characters"),
    "name too long": (first("name", HUGE_NAME), ".name: is longer than 1000 characters"),
    "channel": (first("channel", '"pigeon"'), ".channel: must be one of"),
    "too many stages": (
        many("stages", limits.MAX_STAGES_PER_MAP + 1, MAP0),
        f"maps[0].stages: holds 201 objects, more than {limits.MAX_STAGES_PER_MAP}",
    ),
    "too many lanes": (many("lanes", limits.MAX_LANES_PER_MAP + 1, MAP0), "maps[0].lanes: holds"),
    "too many cards": (many("cards", limits.MAX_CARDS_PER_MAP + 1, MAP0), "maps[0].cards: holds"),
    "too many maps": (many("maps", limits.MAX_MAPS + 1, ROOT), "maps: holds 201 objects"),
    "too many personas": (many("personas", limits.MAX_PERSONAS + 1, ROOT), "personas: holds"),
    "too many departments": (
        many("departments", limits.MAX_DEPARTMENTS + 1, ROOT),
        "departments: holds",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_json_is_refused_naming_the_place(case: str) -> None:
    change, expected = CASES[case]
    text = change(SAMPLE_TEXT)
    assert text != SAMPLE_TEXT
    message = refusal(text)
    assert expected in message
    assert message.encode("utf-8").decode("utf-8") == message  # printable: no lone surrogates


def test_the_sample_export_imports() -> None:
    interchange.plan_import(interchange.parse_json(SAMPLE_TEXT))


def test_brackets_and_digits_inside_strings_are_text() -> None:
    text = first("name", json.dumps("[" * 100 + "{" * 100 + "9" * 100 + ' \\" ]'))(SAMPLE_TEXT)
    interchange.plan_import(interchange.parse_json(text))


def test_long_floats_and_exponents_are_not_long_integers() -> None:
    for value in ("0." + "0" * 40 + "1", "1" * 25 + ".5", "1e-" + "0" * 30 + "5"):
        data = interchange.parse_json(f'{{"x": {value}}}')
        assert isinstance(data["x"], float)


def test_the_field_table_takes_its_bounds_from_the_limits() -> None:
    fields = {f"{name}.{field.key}": field for name, table in TABLES.items() for field in table}
    assert fields["stage.width"].bounds == limits.STAGE_WIDTH_RANGE
    assert fields["lane.height"].bounds == limits.LANE_HEIGHT_RANGE
    assert fields["persona.age"].bounds == limits.AGE_RANGE
    assert fields["card.votes"].bounds == (0, limits.VOTES_MAX)
    assert fields["card.value"].bounds == (-limits.NUMBER_MAX_ABS, limits.NUMBER_MAX_ABS)
    assert fields["card.text"].max_chars == limits.TEXT_MAX_CHARS
    assert fields["snapshot.data"].max_chars == limits.SNAPSHOT_MAX_CHARS
    for spot, field in fields.items():
        if field.kind in (int, float):
            assert field.bounds is not None, spot
        if field.key == "id" or field.column.endswith("_id"):
            assert field.bounds == (1, limits.ID_MAX), spot
        if field.kind is str:
            lengths = (
                limits.NAME_MAX_CHARS,
                limits.TEXT_MAX_CHARS,
                limits.SNAPSHOT_MAX_CHARS,
                limits.STAMP_MAX_CHARS,
            )
            assert field.max_chars in lengths, spot
        assert field.color == ("color" in field.key), spot


TABLES = {
    "project": interchange.PROJECT,
    "image": interchange.IMAGE,
    "department": interchange.DEPARTMENT,
    "persona": interchange.PERSONA,
    "map": interchange.MAP,
    "stage": interchange.STAGE,
    "lane": interchange.LANE,
    "card": interchange.CARD,
    "emotion": interchange.EMOTION,
    "snapshot": interchange.SNAPSHOT,
}


@pytest.mark.parametrize(
    "case", ["id of 2^63", "5,000-digit integer", "arrays 50,000 deep", "lone surrogate", "NaN"]
)
def test_the_command_line_refuses_with_exit_code_10(
    case: str, tmp_path: Path, qapp: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    del qapp
    change, expected = CASES[case]
    source = tmp_path / "hostile.json"
    source.write_text(change(SAMPLE_TEXT), encoding="utf-8")
    target = tmp_path / "out.journey"
    assert cli.main(["import", str(source), "-o", str(target)]) == BadInterchangeError.exit_code
    assert BadInterchangeError.exit_code == 10
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    assert "hostile.json" in err and expected in err
    assert not target.exists()


# Fuzzing: mutations of the valid export, hostile values, raw text.

RAW = "\u0000raw\u0000"
"""A placeholder value, replaced in the JSON text by raw (possibly invalid) JSON."""

HOSTILE_RAW = st.one_of(
    st.integers(0, 6000).map(lambda n: "9" * max(1, n)),
    st.integers(1, 6000).map(lambda n: "-" + "1" * n),
    st.integers(0, 3000).map(lambda n: "[" * n + "]" * n),
    st.integers(0, 3000).map(lambda n: '{"k": ' * n + "0" + "}" * n),
    st.integers(1, 100).map(lambda n: "[" * n),
    st.sampled_from(
        ["NaN", "-Infinity", "Infinity", "1e999", "-1e999", "1e308", "4.9e-324", "-0", "0.0"]
    ),
    st.sampled_from(['"\\ud800"', '"a\\udfffb"', '"\\ud83d\\ude00"', '"\\u0000"', '"\\"\\\\"']),
    st.sampled_from([str(2**63), str(2**64), str(limits.ID_MAX), str(limits.ID_MAX + 1)]),
)

HOSTILE: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["", "#fff", "#ffffffff", "#12345", "emotion", "research", "website", "fr"]),
    st.sampled_from(["x" * (limits.NAME_MAX_CHARS + 1), "y" * (limits.TEXT_MAX_CHARS + 1)]),
    st.sampled_from(["\ud800", "a\udfffb", "\x00", "\ud83d\ude00"]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
    st.just(RAW),
)


def places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside the data (keys and indexes)."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += places(item, (*path, index))
    return found


SAMPLE_PLACES = places(SAMPLE)[1:]


def mutate(data: Any, path: tuple[Any, ...], action: str, value: Any) -> None:
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "set":
        parent[last] = value
    elif action == "delete":
        del parent[last]
    elif action == "copy" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    elif action == "rename" and isinstance(parent, dict):
        parent[str(value)[:10]] = parent.pop(last)


@st.composite
def hostile_texts(draw: st.DrawFn) -> str:
    data = copy.deepcopy(SAMPLE)
    if draw(st.booleans()):
        mutate(data, draw(st.sampled_from(SAMPLE_PLACES)), "set", RAW)
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(SAMPLE_PLACES))
        try:
            action = draw(st.sampled_from(["set", "delete", "copy", "rename"]))
            mutate(data, path, action, draw(HOSTILE))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation moved what this path named
    text = json.dumps(data, allow_nan=True, ensure_ascii=draw(st.booleans()))
    while json.dumps(RAW) in text:
        text = text.replace(json.dumps(RAW), draw(HOSTILE_RAW), 1)
    if draw(st.booleans()):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 40)))
        text = text[:start] + draw(st.sampled_from(["", "[", "{", '"', "9" * 30, "]"])) + text[end:]
    return text


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=hostile_texts())
def test_any_mutation_of_an_export_imports_or_is_refused(text: str) -> None:
    imports_or_is_refused(text)


def imports_or_is_refused(text: str) -> None:
    """Either BadInterchangeError, or a file that passes the deep check and opens."""
    try:
        plan = interchange.plan_import(interchange.parse_json(text, "fuzz.json"), "fuzz.json")
    except BadInterchangeError as refused:
        assert "fuzz.json" in str(refused)
        event("refused")
        return
    event("imported")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "imported.journey"
        database.create_file(path, interchange.populate_from(plan))
        assert database.check_file(path) == []
        document = Document.open(path, read_only=True)
        try:
            document.maps()
        finally:
            document.close()


def at(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


TEXT_PLACES = [path for path in SAMPLE_PLACES if isinstance(at(SAMPLE, path), str)]
ANY_CHARACTER = st.characters(categories=["Cs", "Cc", "Ll", "Zs", "So", "Mn"])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    place=st.sampled_from(TEXT_PLACES),
    value=st.text(ANY_CHARACTER, max_size=12),
    ascii_only=st.booleans(),
)
def test_any_characters_in_any_text_field_import_or_are_refused(
    place: tuple[Any, ...], value: str, ascii_only: bool
) -> None:
    """Surrogate halves and control characters included, written raw or escaped."""
    data = copy.deepcopy(SAMPLE)
    mutate(data, place, "set", value)
    imports_or_is_refused(json.dumps(data, ensure_ascii=ascii_only))


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet='[]{}"\\:,0123456789-.eE aNIfinty\n', max_size=300))
def test_any_text_parses_or_is_refused(text: str) -> None:
    with contextlib.suppress(BadInterchangeError):
        interchange.plan_import(interchange.parse_json(text, "noise.json"), "noise.json")
