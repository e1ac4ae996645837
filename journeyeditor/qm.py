"""Reading a compiled Qt Linguist translation (.qm) without Qt, for the command line.

The quick sub-commands (`info`, `check`, the JSON export) print a few translated lines;
importing QtCore to look them up cost more than the rest of `info` on a small file. The
.qm stays the one compiled source (lrelease writes each message with its context and
source text, not only their hashes), read here into a dictionary that answers as
`QTranslator.translate(context, text)` does; tests/unit/test_qm.py compares every message
of the shipped file with Qt's own answer. Plural forms and disambiguations, which the
command line never asks for, answer as Qt does without a count or a comment: the first
form, and the message written without a comment (lrelease keeps a comment only where it
tells two messages apart).
"""

from __future__ import annotations

import struct
from pathlib import Path

MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
"""The first 16 bytes of every .qm file."""
MESSAGES = 0x69
"""The section of the messages (the others hold hashes, contexts, plural rules…)."""
END, TRANSLATION, OBSOLETE1, SOURCE, CONTEXT, COMMENT = 1, 3, 5, 6, 7, 8
"""A message's fields (qtranslator.cpp's Tag values)."""
NULL = 0xFFFFFFFF
"""The length Qt writes for a null string."""

Catalogue = dict[tuple[str, str], str]


class QmError(ValueError):
    """The file is not a .qm file, or is cut short."""


def _sections(data: bytes) -> dict[int, bytes]:
    if not data.startswith(MAGIC):
        raise QmError("not a Qt translation file")
    sections: dict[int, bytes] = {}
    at = len(MAGIC)
    while at < len(data):
        if at + 5 > len(data):
            raise QmError("cut short")
        tag, length = struct.unpack_from(">BI", data, at)
        at += 5
        if at + length > len(data):
            raise QmError("cut short")
        sections[tag] = data[at : at + length]
        at += length
    return sections


def parse(data: bytes) -> Catalogue:
    """The messages of a .qm file's bytes: (context, source text) → translation."""
    block = _sections(data).get(MESSAGES, b"")
    catalogue: Catalogue = {}
    translations: list[str] = []
    fields: dict[int, str] = {}
    at = 0
    while at < len(block):
        tag = block[at]
        at += 1
        if tag == END:
            if translations and not fields.get(COMMENT):
                key = (fields.get(CONTEXT, ""), fields.get(SOURCE, ""))
                catalogue.setdefault(key, translations[0])
            translations, fields = [], {}
            continue
        if tag not in (TRANSLATION, OBSOLETE1, SOURCE, CONTEXT, COMMENT) or at + 4 > len(block):
            raise QmError(f"unknown field {tag} in a message")
        (length,) = struct.unpack_from(">I", block, at)
        at += 4
        if tag == OBSOLETE1:
            continue
        if length == NULL:
            continue
        if at + length > len(block):
            raise QmError("cut short")
        raw = block[at : at + length]
        at += length
        try:
            if tag == TRANSLATION:
                translations.append(raw.decode("utf-16-be"))
            else:
                fields[tag] = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise QmError(f"not {error.encoding.upper()}") from None
    return catalogue


def read(path: Path) -> Catalogue:
    """The messages of the .qm file at `path`."""
    return parse(path.read_bytes())
