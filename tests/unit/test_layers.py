"""Layers point down only: import-linter's contracts, and a plain AST scan as a backstop."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "journeyeditor"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every absolute module a file imports (`import a.b`, `from a.b import c`), with lines."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def offenders(package: str, forbidden: str) -> list[str]:
    folder = PACKAGE / package
    assert folder.is_dir(), folder
    bad = []
    for path in sorted(folder.rglob("*.py")):
        for line, module in imported_modules(path):
            if module == forbidden or module.startswith(forbidden + "."):
                bad.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return bad


@pytest.mark.skipif(
    not LINT_IMPORTS.exists() and not os.environ.get("CI"),
    reason="import-linter is not installed (pip install -e '.[dev]'); in CI it must be",
)
def test_import_linter_contracts_are_kept() -> None:
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_editing_imports_no_widgets() -> None:
    assert offenders("editing", "PySide6.QtWidgets") == []


@pytest.mark.parametrize("package", ["model", "store", "measure"])
@pytest.mark.parametrize("forbidden", ["PySide6", "shiboken6"])
def test_model_and_store_import_no_qt(package: str, forbidden: str) -> None:
    assert offenders(package, forbidden) == []


def test_the_scan_sees_imports(tmp_path: Path) -> None:
    """The scanner itself: every form of import is found, relative ones are not."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import PySide6.QtWidgets\n"
        "from PySide6 import QtWidgets\n"
        "from PySide6.QtWidgets import QWidget\n"
        "def later():\n    import PySide6\n"
        "from . import sibling\n",
        encoding="utf-8",
    )
    modules = [module for _line, module in imported_modules(sample)]
    assert modules.count("PySide6.QtWidgets") == 3
    assert "PySide6" in modules and "sibling" not in modules
