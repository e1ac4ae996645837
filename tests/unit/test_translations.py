"""The French interface: every string a person reads is collected, translated and loaded."""

from __future__ import annotations

import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import translations  # noqa: E402

from journeyeditor import resources  # noqa: E402
from journeyeditor.render.labels import labels  # noqa: E402


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(path)
    found = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def test_committed_ts_holds_exactly_the_strings_of_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    shutil.copy(translations.ts_file("fr"), fresh)
    translations.update(fresh)
    assert set(_messages(fresh)) == set(_messages(translations.ts_file("fr"))), (
        "run `python tools/translations.py update`, translate, then `release`"
    )


def test_no_string_is_collected_without_its_context() -> None:
    """A string lupdate files under no context is looked up under another one at run time."""
    contexts = {context for context, _source in _messages(translations.ts_file("fr"))}
    assert "" not in contexts
    assert not any("." in context for context in contexts)


def test_every_string_has_a_french_translation() -> None:
    missing = [
        f"{context}: {source}"
        for (context, source), message in _messages(translations.ts_file("fr")).items()
        if message.find("translation") is None
        or message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        or not (
            (message.find("translation").text or "")
            or message.find("translation").find("numerusform") is not None
        )
    ]
    assert not missing, "untranslated:\n" + "\n".join(missing[:20])


def test_compiled_translation_is_current_and_loads(tmp_path: Path) -> None:
    qm = translations.ts_file("fr").with_suffix(".qm")
    fresh = translations.release("fr", tmp_path / "fresh.qm")
    assert qm.read_bytes() == fresh.read_bytes(), "run `python tools/translations.py release`"
    translator = QTranslator()
    assert translator.load(str(resources.translation("fr")))
    assert translator.translate("MainWindow", "&File") not in ("", "&File")
    french = labels("fr")
    assert french.own != "Own" and french.channels["website"] != "Website"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_map_labels_follow_the_maps_language(language: str) -> None:
    words = labels(language)
    assert words.priorities["high"]
    assert (words.external == "External") == (language == "en")
