"""A wheel built from the repository installs into a fresh venv and works there on its own.

The wheel is built from a copy of the checkout (so nothing of an earlier build is reused),
installed into a venv made without pip or any other package, with the runtime packages
of requirements.lock (hash-checked, from pip's configured sources and cache), and then
the installed `journeyeditor` makes the sample, exports it to PDF and opens its window in
French, from the wheel's own resources. Nothing of the checkout is importable there.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from contextlib import suppress
from email.parser import HeaderParser
from importlib.metadata import PackageNotFoundError, requires
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
HELPER = ROOT / "tests" / "helpers" / "window_report.py"
BUILT_FROM = (
    "pyproject.toml",
    "setup.py",
    "MANIFEST.in",
    "README.md",
    "LICENSE",
    "THIRD_PARTY_NOTICES.md",
)
BUILT_FROM_FOLDERS = ("journeyeditor", "resources")
"""What the build reads (pyproject's license-files too): copied, so no earlier build lingers."""
LEFT_OUT = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
TIMEOUT = 600


def run(
    *command: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    return result


def wheel_requirements(wheel: Path) -> list[Requirement]:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = HeaderParser().parsestr(archive.read(name).decode("utf-8"))
    return [Requirement(text) for text in metadata.get_all("Requires-Dist") or []]


def runtime_names(wheel: Path) -> set[str]:
    """The packages the wheel needs at run time (no extras), with theirs, by name.

    Their own requirements are read from this environment, installed from the same lock.
    """
    found: set[str] = set()
    todo = wheel_requirements(wheel)
    while todo:
        requirement = todo.pop()
        if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
            continue
        name = canonicalize_name(requirement.name)
        if name in found:
            continue
        found.add(name)
        with suppress(PackageNotFoundError):  # another platform's: `pip check` tells
            todo += [Requirement(text) for text in requires(name) or []]
    return found


def runtime_lock(wheel: Path) -> str:
    """The entries of requirements.lock (pins and hashes) the wheel needs at run time."""
    entries = re.split(r"\n(?=\S)", (ROOT / "requirements.lock").read_text(encoding="utf-8"))
    names = runtime_names(wheel)
    kept = [e for e in entries if canonicalize_name(re.split(r"[=;\s]", e, maxsplit=1)[0]) in names]
    return "\n".join(kept) + "\n"


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel and its locked runtime packages; its bin folder."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    for folder in BUILT_FROM_FOLDERS:
        shutil.copytree(ROOT / folder, source / folder, ignore=LEFT_OUT)
    for name in BUILT_FROM:
        shutil.copy2(ROOT / name, source / name)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", work / "dist", source)
    (wheel,) = (work / "dist").glob("journeyeditor-*.whl")
    run(sys.executable, "-m", "venv", "--without-pip", work / "venv")
    lock = work / "runtime.lock"
    lock.write_text(runtime_lock(wheel), encoding="utf-8")
    pip = (sys.executable, "-m", "pip", "--python", work / "venv" / "bin" / "python")
    run(*pip, "install", "-q", "--no-compile", "--require-hashes", "-r", lock)
    run(*pip, "install", "-q", "--no-deps", wheel)
    run(*pip, "check")
    return work / "venv" / "bin"


@pytest.fixture
def environment(tmp_path: Path) -> dict[str, str]:
    """No path to the checkout, a home of its own, French, no display."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        LANG="fr_FR.UTF-8",
        LC_ALL="",
        LANGUAGE="",
        QT_QPA_PLATFORM="offscreen",
        JOURNEYEDITOR_SINGLE_INSTANCE="0",
    )
    return env


def test_the_installed_wheel_makes_exports_and_shows_french(
    venv: Path, environment: dict[str, str], tmp_path: Path
) -> None:
    site = venv.parent / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    sample = tmp_path / "sample.journey"
    pdf = tmp_path / "sample.pdf"
    journeyeditor = venv / "journeyeditor"
    here = {"cwd": tmp_path, "env": environment}
    run(journeyeditor, "new", sample, "--template", "sample", "--lang", "fr", **here)
    run(journeyeditor, "check", sample, **here)
    run(journeyeditor, "export", sample, "--format", "pdf", "-o", pdf, **here)
    assert pdf.read_bytes().startswith(b"%PDF-")
    pdftotext = shutil.which("pdftotext")
    if pdftotext is not None:
        text = run(pdftotext, pdf, "-").stdout
        assert "Sensibilisation" in text  # the French sample's first stage

    shown = run(venv / "python", "-I", HELPER, sample, "--lang", "fr", **here).stdout
    report = json.loads(shown.strip().splitlines()[-1])
    assert Path(report["package"]).is_relative_to(site)
    assert Path(report["resources"]) == Path(report["package"]).parent / "_resources"
    assert report["title"].startswith("sample")
    assert "&Fichier" in report["menus"] and "&File" not in report["menus"]
