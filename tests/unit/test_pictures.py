"""Qt decodes a project's image bytes only through `render.pictures.decode` (Pillow first)."""

from __future__ import annotations

import re
from pathlib import Path

from journeyeditor.render.pictures import decode

from helpers.projects import png_bytes, png_header_only

PACKAGE = Path(__file__).resolve().parents[2] / "journeyeditor"


def test_sound_image_is_decoded(qapp: object) -> None:
    del qapp
    image = decode(png_bytes(8, 6))
    assert image is not None and (image.width(), image.height()) == (8, 6)


def test_bomb_and_garbage_never_reach_qt(qapp: object) -> None:
    del qapp
    assert decode(png_header_only(60_000, 60_000)) is None
    assert decode(b"\x89PNG\r\n\x1a\n not really") is None
    assert decode(None) is None


def test_no_other_module_decodes_image_bytes_with_qt() -> None:
    """Decoding bytes with Qt anywhere else would skip the Pillow check."""
    pattern = re.compile(r"loadFromData|fromData\(|QImageReader|QPixmap\(\s*QByteArray")
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.name != "pictures.py" and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
