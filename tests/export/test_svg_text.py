"""Card text a person may paste (control characters) still gives well-formed SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from journeyeditor.editing import edits
from journeyeditor.editing.document import Document
from journeyeditor.render import export


def test_control_characters_give_well_formed_svg(document: Document, tmp_path: Path) -> None:
    card = document.cards(document.maps()[0].id)[0]
    assert document.push(edits.edit_card(document, card.id, text="tab\x0bbed\x1bescape"))
    output = tmp_path / "map.svg"
    export.export_svg(document, output, export.ExportOptions())
    root = ET.fromstring(output.read_bytes())
    texts = "".join(root.itertext())
    assert "tab\ufffdbed\ufffdescape" in texts.replace("\n", "")
