"""Built-in templates and sample projects, in English and French.

A template is a project in the JSON interchange format, one file per language:
`resources/templates/<id>.<lang>.json` (found through journeyeditor/resources.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from journeyeditor import resources
from journeyeditor.store.errors import BadInterchangeError

if TYPE_CHECKING:
    from journeyeditor.store.interchange import Plan

LANGUAGES = ("en", "fr")
DEFAULT = "awareness-advocacy"


def template_ids() -> list[str]:
    """Ids of the templates that exist in every language."""
    ids = {path.name.split(".")[0] for path in resources.TEMPLATES.glob("*.json")}
    return sorted(i for i in ids if all(resources.template(i, lang).exists() for lang in LANGUAGES))


def template_path(template_id: str, language: str) -> Path:
    if template_id not in template_ids():
        raise BadInterchangeError(template_id, "no such template; see `journeyeditor templates`")
    if language not in LANGUAGES:
        raise BadInterchangeError(template_id, f"language must be one of {', '.join(LANGUAGES)}")
    return resources.template(template_id, language)


def template_plan(template_id: str, language: str) -> Plan:
    """The template's project, read and checked (the interchange format is imported
    here: listing the templates, as the command line's parser does, needs none of it)."""
    from journeyeditor.store.interchange import plan_import, read_json_file

    path = template_path(template_id, language)
    return plan_import(read_json_file(path), path)
