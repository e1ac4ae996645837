"""A real PostgreSQL server for the tests, made and removed by the test session itself.

`initdb` into a private temporary folder, `postgres` listening on a Unix socket in that
folder only (no TCP port, so parallel runs never collide), as a non-root user when the
tests run as root (PostgreSQL refuses to run as root; CI runs as root). The binaries come
from Debian's `postgresql` package (scripts/setup.sh); without them the tests that need a
server are skipped, except under CI, where they fail so that a missing install shows.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

EVENTS_TABLE = """CREATE TABLE events (
    customer TEXT,
    occurred TIMESTAMP,
    event TEXT,
    channel TEXT,
    age_band TEXT
)"""
DATABASE = "postgres"
USER = "journey"


def server_binaries() -> Path | None:
    """Debian keeps them in /usr/lib/postgresql/VERSION/bin, off the PATH; the newest."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/postgres"),
        key=lambda path: int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("postgres")
    return Path(on_path).parent if on_path else None


def _as_server_user() -> tuple[list[str], str | None]:
    """The command prefix that drops root, and that user's name (None: stay as we are)."""
    if os.geteuid() != 0:
        return [], None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return ["runuser", "-u", name, "--"], name
    pytest.fail("running as root with neither a postgres nor a nobody user")


def _run(command: list[str], log: Path) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if result.returncode:
        extra = log.read_text(errors="replace") if log.exists() else ""
        pytest.fail(f"{command[0:4]} failed: {result.stdout}{result.stderr}{extra}")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A SQLAlchemy URL to a fresh server with an empty `events` table."""
    binaries = server_binaries()
    if binaries is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed: scripts/setup.sh installs `postgresql`")
        pytest.skip("PostgreSQL server binaries not installed (scripts/setup.sh installs them)")
    pytest.importorskip("psycopg", reason="psycopg not installed (pip install -e '.[dev]')")
    from sqlalchemy import create_engine, text

    prefix, user = _as_server_user()
    folder = Path(tempfile.mkdtemp(prefix="journeyeditor-pg-"))
    data, log = folder / "data", folder / "server.log"
    if user is not None:
        shutil.chown(folder, user)
    try:
        _run(
            [
                *prefix,
                str(binaries / "initdb"),
                "-D",
                str(data),
                "-U",
                USER,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            log,
        )
        options = f"-k {folder} -c listen_addresses='' -c fsync=off -c shared_buffers=16MB"
        _run(
            [
                *prefix,
                str(binaries / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(log),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ],
            log,
        )
        try:
            url = f"postgresql+psycopg://{USER}@/{DATABASE}?host={folder}"
            engine = create_engine(url)
            with engine.begin() as connection:
                connection.execute(text(EVENTS_TABLE))
            engine.dispose()
            yield url
        finally:
            subprocess.run(
                [*prefix, str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                capture_output=True,
                timeout=120,
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
