"""The store: creating, opening and checking files; the JSON interchange; image checks."""

from __future__ import annotations

import base64
import copy
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from PIL import Image as PilImage

from journeyeditor import cli
from journeyeditor.store import database, images, interchange, schema, templates
from journeyeditor.store.errors import (
    BadImageError,
    BadInterchangeError,
    FileMissingError,
    NotAJourneyFileError,
    WriteFailedError,
)

from helpers.projects import (
    export_file,
    folder_listing,
    png_bytes,
    png_header_only,
    sha256,
)

TEMPLATE_CASES = [(t, lang) for t in templates.template_ids() for lang in templates.LANGUAGES]


def sample_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        templates.template_path("sample", "en").read_text(encoding="utf-8")
    )
    return data


def test_every_template_exists_in_both_languages() -> None:
    ids = templates.template_ids()
    assert {"sample", "blank", templates.DEFAULT} <= set(ids)
    for template_id in ids:
        for language in templates.LANGUAGES:
            assert templates.template_path(template_id, language).is_file()
    with pytest.raises(BadInterchangeError):
        templates.template_path("no-such-template", "en")
    with pytest.raises(BadInterchangeError):
        templates.template_path("sample", "de")


# Creating, opening, checking


def test_create_open_check(tmp_path: Path) -> None:
    path = tmp_path / "new.journey"
    database.create_file(path, interchange.populate_from(templates.template_plan("sample", "en")))
    assert folder_listing(tmp_path) == ["new.journey"], "no temporary file may be left behind"
    journey = database.open_file(path)
    try:
        assert journey.version == schema.LATEST_VERSION
        assert not journey.read_only
        assert journey.raw.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert journey.raw.execute("PRAGMA trusted_schema").fetchone() == (0,)
        assert journey.raw.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert journey.raw.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
        assert journey.raw.execute("PRAGMA application_id").fetchone() == (schema.APPLICATION_ID,)
        assert journey.raw.execute("SELECT count(*) FROM card").fetchone()[0] > 100
    finally:
        journey.close()
    assert database.check_file(path) == []


def test_create_empty_file_is_sound(tmp_path: Path) -> None:
    path = tmp_path / "empty.journey"
    database.create_file(path)
    assert database.check_file(path) == []
    data = json.loads(export_file(path))
    assert data["maps"] == [] and data["format"] == interchange.FORMAT


def test_create_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(WriteFailedError, match=r"nowhere\.journey"):
        database.create_file(tmp_path / "no" / "nowhere.journey")
    assert folder_listing(tmp_path) == []


def test_create_that_fails_midway_leaves_nothing(tmp_path: Path) -> None:
    def populate(engine: Any) -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        database.create_file(tmp_path / "x.journey", populate)
    assert folder_listing(tmp_path) == []


def test_open_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(FileMissingError, match=r"ghost\.journey"):
        database.open_file(tmp_path / "ghost.journey")
    folder = tmp_path / "folder.journey"
    folder.mkdir()
    with pytest.raises(NotAJourneyFileError, match=r"folder\.journey"):
        database.open_file(folder)


def test_opening_and_checking_change_nothing(sample_file: Path) -> None:
    before = sha256(sample_file)
    database.check_file(sample_file)
    database.open_file(sample_file, read_only=True).close()
    database.open_file(sample_file).close()
    assert sha256(sample_file) == before
    assert folder_listing(sample_file.parent) == [sample_file.name]


def test_save_copy_is_an_identical_project(sample_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.journey"
    journey = database.open_file(sample_file)
    try:
        database.save_copy(journey, target)
    finally:
        journey.close()
    assert database.check_file(target) == []
    assert export_file(target) == export_file(sample_file)


# JSON round trips


@pytest.mark.parametrize(("template_id", "language"), TEMPLATE_CASES)
def test_template_round_trip_is_byte_identical(
    tmp_path: Path, template_id: str, language: str
) -> None:
    """template → file → JSON → file → JSON: both exports equal, and equal the template."""
    source = templates.template_path(template_id, language)
    first = tmp_path / "first.journey"
    database.create_file(
        first, interchange.populate_from(templates.template_plan(template_id, language))
    )
    exported = export_file(first)
    assert exported == source.read_text(encoding="utf-8"), "templates are kept canonical"
    json_file = tmp_path / "export.json"
    json_file.write_text(exported, encoding="utf-8")
    second = tmp_path / "second.journey"
    plan = interchange.plan_import(interchange.read_json_file(json_file), json_file)
    database.create_file(second, interchange.populate_from(plan))
    assert export_file(second) == exported
    assert json.loads(exported)["project"]["language"] == language


def rich_project() -> dict[str, Any]:
    """Interchange data using every field with unusual values, images and snapshots."""
    data = sample_data()
    data["images"] = [
        {"id": 7, "format": "PNG", "data": base64.b64encode(png_bytes(5, 3)).decode()},
        {"id": 3, "format": "PNG", "data": base64.b64encode(png_bytes(2, 9, "blue")).decode()},
    ]
    data["project"].update(name="Ünïcødé « projet » 🚀", logo_image=7, accent_color="#123456")
    data["personas"][0]["photo_image"] = 3
    data["personas"][1]["age"] = None
    first = data["maps"][0]
    first["state"] = "ideal"
    first["persona"] = data["personas"][2]["id"]
    first["description"] = "line one\nline two\t<b>not bold</b>"
    first["stages"][0]["width"] = 123.5
    first["lanes"][0]["height"] = 77.25
    card = first["cards"][0]
    card.update(
        text="a\nb",
        color="#abcdef",
        channel="app",
        owned=True,
        severity=3,
        owner="Ops",
        priority="high",
        value=-1.5,
        unit="%",
        target=1e-9,
        department=data["departments"][-1]["id"],
        votes=1_000_000,
        evidence="partial",
        image=7,
    )
    first["cards"][1]["owned"] = False
    first["emotions"][0].update(value=-2, note="")
    data["snapshots"] = [
        {"id": 4, "name": "before", "created": "2026-11-23T10:00:00", "data": '{"x": 1}'},
        {"id": 2, "name": "", "created": "", "data": ""},
    ]
    return data


def test_rich_project_round_trip(tmp_path: Path) -> None:
    data = rich_project()
    first = tmp_path / "rich.journey"
    database.create_file(first, interchange.populate_from(interchange.plan_import(data)))
    assert database.check_file(first) == []
    exported = export_file(first)
    reread = json.loads(exported)
    assert reread["project"]["name"] == data["project"]["name"]
    assert [i["id"] for i in reread["images"]] == [3, 7]
    assert {i["id"]: (i["width"], i["height"]) for i in reread["images"]} == {
        7: (5, 3),
        3: (2, 9),
    }
    card = reread["maps"][0]["cards"][0]
    assert card["owned"] is True and card["value"] == -1.5 and card["image"] == 7
    assert reread["maps"][0]["cards"][1]["owned"] is False
    assert reread["maps"][0]["state"] == "ideal"
    second = tmp_path / "again.journey"
    plan = interchange.plan_import(reread, "again")
    database.create_file(second, interchange.populate_from(plan))
    assert export_file(second) == exported


def test_import_fills_in_defaults(tmp_path: Path) -> None:
    data = {
        "format": interchange.FORMAT,
        "version": interchange.VERSION,
        "maps": [
            {
                "id": 5,
                "stages": [{"id": 1}],
                "lanes": [{"id": 2}],
                "cards": [{"id": 9, "stage": 1, "lane": 2}],
            }
        ],
    }
    path = tmp_path / "min.journey"
    database.create_file(path, interchange.populate_from(interchange.plan_import(data)))
    reread = json.loads(export_file(path))
    assert reread["project"] == {
        "name": "",
        "language": "en",
        "accent_color": "#2f6fdb",
        "logo_image": None,
    }
    card = reread["maps"][0]["cards"][0]
    assert card["evidence"] == "assumption" and card["votes"] == 0 and card["text"] == ""
    assert reread["maps"][0]["stages"][0]["width"] == 240.0
    assert reread["maps"][0]["lanes"][0]["kind"] == "text"


# Import errors: each names the file and the place, and nothing is written


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    """Set data[...] along a dotted path such as 'maps.0.cards.2.lane'."""
    keys: list[Any] = [int(k) if k.isdigit() else k for k in path.split(".")]
    target: Any = data
    for key in keys[:-1]:
        target = target[key]
    target[keys[-1]] = value


def _bad_cases() -> list[tuple[str, Any, str]]:
    """(case, broken data or raw text, words the message must contain)."""
    base = sample_data()
    cases: list[tuple[str, Any, str]] = []

    def case(name: str, path: str, value: Any, expected: str) -> None:
        data = copy.deepcopy(base)
        _set(data, path, value)
        cases.append((name, data, expected))

    case("wrong enum", "maps.0.lanes.1.kind", "banana", "maps[0].lanes[1].kind: must be one of")
    case("wrong state", "maps.2.state", "future", "maps[2].state: must be one of")
    case("wrong type", "maps.0.cards.4.votes", "many", "maps[0].cards[4].votes: must be int")
    case(
        "out of bounds",
        "maps.0.emotions.0.value",
        3,
        "maps[0].emotions[0].value: must be between -2 and 2",
    )
    case(
        "missing reference",
        "maps.0.cards.2.lane",
        9999,
        "maps[0].cards[2].lane: names a missing lane (9999)",
    )
    case(
        "missing department",
        "maps.1.cards.0.department",
        4242,
        "maps[1].cards[0].department: names a missing department (4242)",
    )
    other_stage = base["maps"][1]["stages"][0]["id"]
    case(
        "card across two maps",
        "maps.0.cards.0.stage",
        other_stage,
        f"maps[0].cards[0].stage: names a missing stage ({other_stage})",
    )
    case(
        "duplicate card id",
        "maps.1.cards.0.id",
        base["maps"][0]["cards"][0]["id"],
        "maps[1].cards[0].id: is used twice",
    )
    case(
        "duplicate persona id",
        "personas.1.id",
        base["personas"][0]["id"],
        "personas[1].id: is used twice",
    )
    case("duplicate map id", "maps.1.id", base["maps"][0]["id"], "maps[1].id: is used twice")
    case(
        "bad base64",
        "images",
        [{"id": 1, "format": "PNG", "data": "not base64 at all!"}],
        "images[0].data: is not valid base64",
    )
    case(
        "not an image",
        "images",
        [{"id": 1, "format": "PNG", "data": base64.b64encode(os.urandom(300)).decode()}],
        "images[0]: ",
    )
    case(
        "unknown field",
        "maps.0.stages.0.colour",
        "#ffffff",
        "maps[0].stages[0]: unknown field 'colour'",
    )
    case("wrong format", "format", "something-else", "format: this is not a Journey Editor project")
    case("newer version", "version", 2, "version: version 2 is not 1")
    data = copy.deepcopy(base)
    del data["maps"][0]["cards"][0]["stage"]
    cases.append(("missing stage", data, "maps[0].cards[0].stage: is missing"))
    data = copy.deepcopy(base)
    data["maps"][0]["emotions"].append({**data["maps"][0]["emotions"][0], "id": 999})
    cases.append(("second emotion point", data, "a second point for the same lane and stage"))
    text = json.dumps(base)
    card_value = '"value": null'
    assert card_value in text
    cases.append(
        ("NaN", text.replace(card_value, '"value": NaN', 1), ".value: must be a finite number")
    )
    cases.append(
        (
            "Infinity",
            text.replace('"width": 240.0', '"width": Infinity', 1),
            "maps[0].stages[0].width: must be a finite number",
        )
    )
    cases.append(("not JSON", '{"format": "journeyeditor-project",\n  oops}', "line 2"))
    cases.append(("not an object", "[1, 2, 3]", "format: this is not a Journey Editor project"))
    return cases


BAD_CASES = _bad_cases()


@pytest.mark.parametrize(
    ("data", "expected"), [c[1:] for c in BAD_CASES], ids=[c[0] for c in BAD_CASES]
)
def test_bad_import_names_the_place_and_writes_nothing(
    tmp_path: Path, qapp: Any, capsys: pytest.CaptureFixture[str], data: Any, expected: str
) -> None:
    del qapp  # the command line needs an application object; let pytest-qt's be the one
    source = tmp_path / "broken.json"
    source.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    with pytest.raises(BadInterchangeError) as raised:
        interchange.plan_import(interchange.read_json_file(source), source)
    message = str(raised.value)
    assert "broken.json" in message
    assert expected in message
    target = tmp_path / "out.journey"
    assert cli.main(["import", str(source), "-o", str(target)]) == BadInterchangeError.exit_code
    assert not target.exists()
    assert folder_listing(tmp_path) == ["broken.json"]
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "broken.json" in err and expected in err


def test_import_of_a_missing_json_file(tmp_path: Path) -> None:
    with pytest.raises(
        BadInterchangeError, match=r"nothing\.json cannot be imported: no such file"
    ):
        interchange.read_json_file(tmp_path / "nothing.json")


# Images


def test_real_png_is_accepted() -> None:
    checked = images.check_image(png_bytes(8, 6))
    assert (checked.format, checked.width, checked.height) == ("PNG", 8, 6)


@pytest.mark.parametrize("fmt", ["JPEG", "GIF", "WEBP"])
def test_other_allowed_formats(fmt: str) -> None:
    buffer = io.BytesIO()
    PilImage.new("RGB", (4, 4), "green").save(buffer, format=fmt)
    assert images.check_image(buffer.getvalue()).format == fmt


def test_disallowed_format_is_refused() -> None:
    buffer = io.BytesIO()
    PilImage.new("RGB", (4, 4)).save(buffer, format="BMP")
    with pytest.raises(BadImageError, match="BMP images are not supported"):
        images.check_image(buffer.getvalue(), "logo.bmp")


@pytest.mark.parametrize(
    ("width", "height", "words"),
    [
        (100_000, 100_000, r"huge\.png"),  # past Pillow's own bomb limit
        (10_000, 9_500, r"huge\.png"),  # past Pillow's warning limit
        (8_000, 6_000, "more than 40,000,000"),  # past our own limit only
    ],
)
def test_huge_dimensions_are_refused(width: int, height: int, words: str) -> None:
    with pytest.raises(BadImageError, match=words):
        images.check_image(png_header_only(width, height), "huge.png")


def test_real_decompression_bomb_is_refused() -> None:
    """A small file (a few kB) that would unpack into 49 million pixels."""
    buffer = io.BytesIO()
    PilImage.new("1", (7_000, 7_000)).save(buffer, format="PNG")
    assert len(buffer.getvalue()) < 200_000
    with pytest.raises(BadImageError, match="7000×7000"):
        images.check_image(buffer.getvalue(), "bomb.png")


def test_small_claimed_size_with_missing_pixels_is_refused() -> None:
    with pytest.raises(BadImageError, match=r"short\.png"):
        images.check_image(png_header_only(64, 64), "short.png")


def test_truncated_png_is_refused() -> None:
    data = png_bytes(200, 200, "purple")
    with pytest.raises(BadImageError):
        images.check_image(data[: len(data) // 2], "cut.png")


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_are_refused(seed: int) -> None:
    data = bytes((seed * 7919 + i * 104729) % 256 for i in range(2_000))
    with pytest.raises(BadImageError, match=r"random\.bin"):
        images.check_image(data, "random.bin")
    with pytest.raises(BadImageError):
        images.check_image(os.urandom(2_000), "random.bin")


def test_oversized_image_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    with path.open("wb") as stream:
        stream.truncate(images.MAX_BYTES + 1)
    with pytest.raises(BadImageError, match="larger than 25 MB"):
        images.read_image_file(path)
    with pytest.raises(BadImageError, match=r"missing\.png"):
        images.read_image_file(tmp_path / "missing.png")


def test_image_file_is_read_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(png_bytes(3, 4))
    assert images.read_image_file(path).width == 3
