"""Fixtures of the export tests: a branded French project, and the PDF tools they call."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from journeyeditor.editing.document import Document
from journeyeditor.store import database, interchange, templates

from .render_cases import make_project

PACKAGES = {"qpdf": "qpdf", "soffice": "libreoffice-calc-nogui libreoffice-impress-nogui"}
"""The Debian package of each tool the export tests call (poppler-utils for the rest)."""


@pytest.fixture(scope="session")
def export_file(tmp_path_factory: pytest.TempPathFactory, qapp: QCoreApplication) -> Path:
    """Made once: tests only read it (those that edit take `branded_copy`)."""
    del qapp
    return make_project(tmp_path_factory.mktemp("export") / "branded.journey")


@pytest.fixture
def export_doc(export_file: Path) -> Iterator[Document]:
    document = Document.open(export_file, read_only=True)
    yield document
    document.close()


@pytest.fixture
def branded_copy(export_file: Path, tmp_path: Path) -> Iterator[Document]:
    """A writable copy of the export project."""
    path = tmp_path / "copy.journey"
    shutil.copyfile(export_file, path)
    document = Document.open(path)
    yield document
    document.close()


def find_tool(name: str) -> str:
    """The program's path, or the test is skipped saying what to install.

    In CI (CI set) a missing tool fails the test instead: scripts/setup.sh installs them all.
    """
    found = shutil.which(name)
    if found is None:
        package = PACKAGES.get(name, "poppler-utils")
        reason = f"{name} is not installed (Debian package {package})"
        if os.environ.get("CI"):
            pytest.fail(reason + "; scripts/setup.sh installs it")
        pytest.skip(reason)
    return found


@pytest.fixture
def tool() -> Callable[[str], str]:
    """`tool("pdftotext")`: `find_tool` for a test."""
    return find_tool


@pytest.fixture(scope="session", params=["fr", "en"])
def sample_file(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, qapp: QCoreApplication
) -> Path:
    """The sample project in each language, as `journeyeditor new --template sample` makes it."""
    del qapp
    path = tmp_path_factory.mktemp("sample") / f"sample_{request.param}.journey"
    plan = templates.template_plan("sample", request.param)
    database.create_file(path, interchange.populate_from(plan))
    return path


@pytest.fixture
def sample_doc(sample_file: Path) -> Iterator[Document]:
    document = Document.open(sample_file, read_only=True)
    yield document
    document.close()
