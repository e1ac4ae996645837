"""requirements.lock (tools/lock.sh) pins what pyproject.toml asks for, each with hashes,
so setup.sh, CI and the bundle install exactly the versions the tests ran with."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)(?:\s*;\s*([^\\]+?))?\s*\\?$")


def pins() -> dict[str, tuple[str, int]]:
    """Each locked package: its version and how many hashes follow it."""
    found: dict[str, tuple[str, int]] = {}
    name = ""
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            name = canonicalize_name(match.group(1))
            found[name] = (match.group(2), 0)
        elif line.strip().startswith("--hash=sha256:") and name:
            version, hashes = found[name]
            found[name] = (version, hashes + 1)
    return found


def wanted() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    listed = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    return [Requirement(text) for text in listed]


def test_every_dependency_is_pinned_within_its_range_with_hashes() -> None:
    locked = pins()
    for requirement in wanted():
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is not in requirements.lock: run tools/lock.sh"
        version, hashes = locked[name]
        assert requirement.specifier.contains(version, prereleases=True), (name, version)
        assert hashes > 0, f"{name} has no hash"
    assert all(hashes > 0 for _version, hashes in locked.values())


def test_the_libraries_that_could_break_us_have_an_upper_bound() -> None:
    bounded = {canonicalize_name(r.name): r.specifier for r in wanted()}
    for name in ("reportlab", "pillow", "sqlalchemy", "pyside6-essentials"):
        assert any(spec.operator in ("<", "<=", "==", "~=") for spec in bounded[name]), name


def test_setup_installs_from_the_lock_with_hashes() -> None:
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.lock" in setup
    assert "--no-deps -e ." in setup
