"""Fixtures for the panel and inspector tests."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import pytest

from journeyeditor.model import Persona

from helpers.projects import reopened

T = TypeVar("T")


class Disk:
    """The file as another program would see it now: each read opens it afresh."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def get(self, entity: type[T], row_id: int) -> T | None:
        with reopened(self.path) as document:
            return document.get(entity, row_id)

    def personas(self) -> list[Persona]:
        with reopened(self.path) as document:
            return document.personas()


@pytest.fixture
def disk(sample_file: Path) -> Disk:
    return Disk(sample_file)
