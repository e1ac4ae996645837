"""The .qm reader the command line translates with answers exactly as Qt's QTranslator:
for every message of the shipped French file, and for a small file with what lrelease
can write (plural forms, a disambiguation, text beyond the Basic Multilingual Plane)."""

from __future__ import annotations

import contextlib
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from journeyeditor import i18n, qm, resources

LRELEASE = Path(sys.executable).parent / "pyside6-lrelease"
SMALL_TS_TEMPLATE = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>cli</name>
    <message>
        <source>{0}: sound{1}.</source>
        <translation>{0} : en bon état{1}.</translation>
    </message>
    <message numerus="yes">
        <source>%n cards</source>
        <translation>
            <numerusform>%n fiche</numerusform>
            <numerusform>%n fiches</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <comment>a door</comment>
        <translation>Ouvrir la porte</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Save</source>
        <comment>a file</comment>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Save</source>
        <comment>money</comment>
        <translation>Économiser</translation>
    </message>
{tabs}    <message>
        <source>Close</source>
        <comment>a window</comment>
        <translation>Fermer la fenêtre</translation>
    </message>
    <message>
        <source>Smile 😀 “quoted”</source>
        <translation>Sourire 😀 « cité »</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation type="unfinished">Pas fini</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>other</name>
    <message>
        <source>Open</source>
        <translation>Ouvre</translation>
    </message>
</context>
</TS>
"""
TABS = "".join(
    f"""    <message>
        <source>Tab {n}</source>
        <comment>a key</comment>
        <translation>Tabulation {n}</translation>
    </message>
    <message>
        <source>Tab {n}</source>
        <translation>Onglet {n}</translation>
    </message>
"""
    for n in range(1, 7)
)
SMALL_TS = SMALL_TS_TEMPLATE.replace("{tabs}", TABS)
"""Six sources each with and without a comment (the reader must tell every pair apart)."""


def _sources(ts: Path) -> list[tuple[str, str]]:
    return [
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in ET.parse(ts).getroot().iter("context")
        for message in context.iter("message")
    ]


def _qt(qm_file: Path) -> QTranslator:
    translator = QTranslator()
    assert translator.load(str(qm_file))
    return translator


def _same_as_qt(qm_file: Path, keys: list[tuple[str, str]]) -> None:
    translator = _qt(qm_file)
    catalogue = qm.read(qm_file)
    for context, source in keys:
        # QTranslator answers "" for a message it lacks; QCoreApplication.translate then
        # falls back to the source text, as `i18n.use_catalogue`'s lookup does.
        assert catalogue.get((context, source), "") == translator.translate(context, source), (
            context,
            source,
        )


def test_every_shipped_message_reads_as_qt_reads_it() -> None:
    keys = _sources(resources.translation_source("fr"))
    assert len(keys) > 500
    _same_as_qt(resources.translation("fr"), keys)
    assert len(qm.read(resources.translation("fr"))) == len(set(keys))


def test_plurals_comments_and_wide_characters_read_as_qt_reads_them(tmp_path: Path) -> None:
    ts, compiled = tmp_path / "small_fr.ts", tmp_path / "small_fr.qm"
    ts.write_text(SMALL_TS, encoding="utf-8")
    subprocess.run([str(LRELEASE), str(ts), "-qm", str(compiled)], check=True, capture_output=True)
    keys = [*_sources(ts), ("cli", "Missing"), ("nowhere", "Open"), ("", "Open")]
    _same_as_qt(compiled, keys)
    catalogue = qm.read(compiled)
    assert catalogue[("cli", "Open")] == "Ouvrir"
    assert catalogue[("other", "Open")] == "Ouvre"
    assert catalogue[("cli", "Smile 😀 “quoted”")] == "Sourire 😀 « cité »"
    assert catalogue[("cli", "%n cards")] == "%n fiche"
    # lrelease keeps a comment only where it tells two messages apart, as for "Open".
    assert catalogue[("cli", "Close")] == "Fermer la fenêtre"
    assert [catalogue[("cli", f"Tab {i}")] for i in range(1, 7)] == [
        f"Onglet {i}" for i in range(1, 7)
    ]


def _field(tag: int, data: bytes) -> bytes:
    return bytes([tag]) + struct.pack(">I", len(data)) + data


def _message(context: str, source: str, comment: str, *translations: str) -> bytes:
    """One message as lrelease writes it (without its hash section, which we never read)."""
    return (
        b"".join(_field(qm.TRANSLATION, t.encode("utf-16-be")) for t in translations)
        + _field(qm.COMMENT, comment.encode())
        + _field(qm.SOURCE, source.encode())
        + _field(qm.CONTEXT, context.encode())
        + bytes([qm.END])
    )


def test_a_message_with_a_comment_answers_only_with_it() -> None:
    """Whatever their order in the file (lrelease happens to write the plain one first)."""
    block = (
        _message("cli", "Open", "a door", "Ouvrir la porte")
        + _message("cli", "Open", "", "Ouvrir")
        + _message("cli", "Save", "money", "Économiser")
        + bytes([qm.OBSOLETE1, 0, 0, 0, 0])
        + _message("cli", "Print", "", "Imprimer", "Imprimés")
    )
    data = qm.MAGIC + _field(0xA7, b"fr") + _field(qm.MESSAGES, block)
    assert qm.parse(data) == {("cli", "Open"): "Ouvrir", ("cli", "Print"): "Imprimer"}


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "not a Qt translation file"),
        (b"<?xml version='1.0'?>", "not a Qt translation file"),
        (qm.MAGIC + bytes([qm.MESSAGES, 0, 0, 0, 9]) + b"\x03\x00", "cut short"),
        (qm.MAGIC + bytes([qm.MESSAGES, 0, 0]), "cut short"),
        (qm.MAGIC + bytes([qm.MESSAGES, 0, 0, 0, 1, 0x42]), "unknown field 66"),
        (qm.MAGIC + bytes([qm.MESSAGES, 0, 0, 0, 5, 3, 0, 0, 0, 4]), "cut short"),
        (qm.MAGIC + _field(qm.MESSAGES, _field(qm.SOURCE, b"\xff") + b"\x01"), "not UTF-8"),
        (qm.MAGIC + _field(qm.MESSAGES, _field(qm.TRANSLATION, b"\xd8\x00")), "not UTF-16"),
    ],
)
def test_a_broken_file_is_refused(data: bytes, problem: str) -> None:
    with pytest.raises(qm.QmError, match=problem):
        qm.parse(data)


def test_the_shipped_file_cut_anywhere_is_refused_or_read() -> None:
    """Never an exception other than QmError, nor a hang, whatever the cut."""
    data = resources.translation("fr").read_bytes()
    for end in range(0, len(data), 997):
        with contextlib.suppress(qm.QmError):
            qm.parse(data[:end])


def test_use_catalogue_translates_without_qt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "_translate", i18n._translate)
    monkeypatch.setattr(i18n, "_language", i18n._language)
    assert not i18n.use_catalogue("en")
    assert i18n.translate("cli", "{0}: sound{1}.") == "{0}: sound{1}."
    assert i18n.use_catalogue("fr")
    assert i18n.interface_language() == "fr"
    expected = _qt(resources.translation("fr")).translate("cli", "{0}: sound{1}.")
    assert i18n.translate("cli", "{0}: sound{1}.") == expected != "{0}: sound{1}."
    assert i18n.translate("cli", "not a message of ours") == "not a message of ours"


def test_use_catalogue_without_a_readable_file_stays_english(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(i18n, "_translate", i18n._translate)
    monkeypatch.setattr(i18n, "_language", i18n._language)
    (tmp_path / "broken.qm").write_bytes(b"not a qm file")
    monkeypatch.setattr(resources, "translation", lambda language: tmp_path / "broken.qm")
    assert not i18n.use_catalogue("fr")
    monkeypatch.setattr(resources, "translation", lambda language: tmp_path / "missing.qm")
    assert not i18n.use_catalogue("fr")
    assert i18n.translate("cli", "{0}: sound{1}.") == "{0}: sound{1}."
