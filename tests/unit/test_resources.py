"""The files that ship are found through journeyeditor/resources.py, and only through it."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from journeyeditor import resources

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "journeyeditor"
OWN_CODE_BESIDE_IT = {PACKAGE / "store" / "schema.py"}
"""Modules that read code of their own package next to them (the migrations), not resources."""
NAMES = ("resources", "_MEIPASS")
SUFFIXES = (".qm", ".ts", ".ttf")


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _imported(node: ast.AST) -> list[str]:
    if isinstance(node, ast.ImportFrom):
        return [node.module or ""]
    return [alias.name for alias in node.names] if isinstance(node, ast.Import) else []


def resource_paths_built(path: Path) -> list[str]:
    """Places in `path` that find a shipped file on their own (lines and what they use)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    docstrings = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Name) and node.id == "__file__" and path not in OWN_CODE_BESIDE_IT:
            found.append(f"{line}: __file__")
        elif isinstance(node, ast.Attribute) and node.attr in ("_MEIPASS", "frozen"):
            found.append(f"{line}: sys.{node.attr}")
        elif "importlib.resources" in _imported(node):
            found.append(f"{line}: importlib.resources")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            text = node.value
            if any(name in text for name in NAMES) or text.endswith(SUFFIXES):
                found.append(f"{line}: {text!r}")
    return found


def test_only_the_resources_module_builds_resource_paths() -> None:
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != PACKAGE / "resources.py"
        and "migrations" not in path.parts
        and (found := resource_paths_built(path))
    }
    assert not offenders, f"use journeyeditor/resources.py instead: {offenders}"


def test_the_scan_sees_a_path_built_by_hand(tmp_path: Path) -> None:
    hand_made = tmp_path / "hand_made.py"
    hand_made.write_text(
        "import sys\nfrom pathlib import Path\n"
        'FONT = Path(__file__).parent / "resources" / "fonts"\n'
        "BUNDLE = sys._MEIPASS\n",
        encoding="utf-8",
    )
    lines = sorted(found.split(":")[0] for found in resource_paths_built(hand_made))
    assert lines == ["3", "3", "4"]


def test_a_checkout_finds_the_top_level_folder() -> None:
    assert not resources.PACKAGED.exists(), "a copy inside the package hides the sources"
    assert resources.ROOT == ROOT / "resources"


def test_everything_the_code_names_exists() -> None:
    for path in (
        resources.FONT_REGULAR,
        resources.FONT_BOLD,
        resources.ICON,
        resources.translation("fr"),
        resources.translation_source("fr"),
        resources.template("sample", "en"),
        resources.template("sample", "fr"),
    ):
        assert path.is_file(), path
        assert path.is_relative_to(resources.ROOT)


def test_a_wheel_copy_comes_before_the_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resources, "PACKAGED", tmp_path)
    assert resources._root() == tmp_path


def test_a_bundle_uses_its_own_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources._root() == tmp_path / "resources"
