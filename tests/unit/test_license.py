"""The license is stated where tools read it, and every bundled package and font is in
THIRD_PARTY_NOTICES.md, dependencies of dependencies included."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "resources" / "fonts"


def project() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        table: dict[str, object] = tomllib.load(file)["project"]
    return table


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_packages() -> set[str]:
    """What `pip install journeyeditor` brings, as installed here (no extras)."""
    dependencies = project()["dependencies"]
    assert isinstance(dependencies, list)
    pending = [Requirement(text) for text in dependencies]
    found: set[str] = set()
    while pending:
        requirement = pending.pop()
        name = canonical(requirement.name)
        if name in found:
            continue
        found.add(name)
        for text in metadata.requires(requirement.name) or []:
            child = Requirement(text)
            if child.marker is None or child.marker.evaluate({"extra": ""}):
                pending.append(child)
    return found


def noticed() -> set[str]:
    """The components named in the first column of the notices' summary table."""
    names: set[str] = set()
    for line in (ROOT / "THIRD_PARTY_NOTICES.md").read_text(encoding="utf-8").splitlines():
        cells = line.split("|")
        if len(cells) < 3 or set(cells[1].strip()) <= {"-"}:
            continue
        component = re.sub(r"\(.*?\)", "", cells[1])
        names.update(canonical(name.strip()) for name in component.split(","))
    return names


def test_the_license_is_an_spdx_expression_with_its_file() -> None:
    table = project()
    assert table["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    files = table["license-files"]
    assert isinstance(files, list)
    assert {"LICENSE", "THIRD_PARTY_NOTICES.md"} <= set(files)
    assert all((ROOT / name).is_file() for name in files)
    assert any(name.endswith("LICENSE-DejaVu.txt") for name in files)


def test_every_runtime_package_is_in_the_notices() -> None:
    packages = runtime_packages()
    assert {"pyside6-essentials", "shiboken6", "sqlalchemy", "reportlab", "lxml"} <= packages
    missing = sorted(packages - noticed())
    assert missing == [], f"add to THIRD_PARTY_NOTICES.md: {missing}"


def test_every_bundled_font_has_its_license() -> None:
    fonts = sorted(FONTS.glob("*.ttf"))
    assert fonts
    assert all(font.name.startswith("DejaVu") for font in fonts), "a new font needs a notice"
    assert "Bitstream" in (FONTS / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "dejavu sans fonts" in noticed()
