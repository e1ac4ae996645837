"""The application bundle works where no Python is: `scripts/package` builds it once (a
few minutes), its .tar.gz is unpacked and installed into a private HOME with install.sh,
and the installed program runs with a clean environment (only HOME, PATH=/usr/bin:/bin
and XDG folders in the temporary HOME, as `env -i` gives): a new project from the sample,
`check`, a PDF export, and the window under Xvfb, started through the installed launcher.

JOURNEYEDITOR_BUNDLE_ARCHIVE=path/to/journeyeditor-*.tar.gz reuses an archive built
earlier (in the same CI run, or by hand) instead of building one.
"""

from __future__ import annotations

import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from journeyeditor import resources
from journeyeditor.i18n import LANGUAGES

from helpers.xvfb import require_tools, virtual_display, xdotool

ROOT = Path(__file__).resolve().parents[2]
MIME_TYPE = "application/x-journeyeditor"
TITLE = "Journey Editor"
TOOLS = (
    "pdfinfo",
    "pdftotext",
    "pdffonts",
    "gio",
    "xdg-mime",
    "update-mime-database",
    "update-desktop-database",
    "desktop-file-validate",
)

pytestmark = pytest.mark.bundle


@dataclass(frozen=True)
class Home:
    """A private HOME the bundle was installed into, and the clean environment to run in."""

    path: Path

    @property
    def data(self) -> Path:
        return self.path / "data"

    @property
    def program(self) -> Path:
        return self.path / ".local" / "lib" / "journeyeditor"

    def env(self, **extra: str) -> dict[str, str]:
        runtime = self.path / "runtime"
        runtime.mkdir(mode=0o700, exist_ok=True)
        return {
            "HOME": str(self.path),
            "PATH": "/usr/bin:/bin",
            "XDG_CONFIG_HOME": str(self.path / "config"),
            "XDG_DATA_HOME": str(self.data),
            "XDG_CACHE_HOME": str(self.path / "cache"),
            "XDG_RUNTIME_DIR": str(runtime),
            **extra,
        }

    def run(self, *args: str | Path, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(arg) for arg in args],
            env=self.env(**extra),
            cwd=self.path,
            capture_output=True,
            text=True,
            timeout=300,
        )


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    reused = os.environ.get("JOURNEYEDITOR_BUNDLE_ARCHIVE")
    if reused:
        return Path(reused)
    if importlib.util.find_spec("PyInstaller") is None:
        _missing("PyInstaller is not installed (scripts/setup.sh installs it)")
    dist = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        ["bash", "scripts/package", "--dist", str(dist)],
        cwd=ROOT,
        env={**os.environ, "PACKAGE_PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    print(built.stdout.strip().splitlines()[-1])
    (found,) = dist.glob("journeyeditor-*-linux-*.tar.gz")
    return found


@pytest.fixture(scope="module")
def unpacked(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tools(*TOOLS)
    folder = tmp_path_factory.mktemp("unpacked")
    subprocess.run(["tar", "-xzf", archive, "-C", folder], check=True, timeout=300)
    (top,) = folder.iterdir()
    return top


def _install(unpacked: Path, home: Path, path: str = "/usr/bin:/bin") -> Home:
    home.mkdir(exist_ok=True)
    installed = Home(home)
    done = installed.run("/bin/sh", unpacked / "install.sh", PATH=path)
    assert done.returncode == 0, done.stdout + done.stderr
    return installed


@pytest.fixture(scope="module")
def home(unpacked: Path, tmp_path_factory: pytest.TempPathFactory) -> Home:
    """Installed with the desktop's tools (xdg-utils) on PATH."""
    return _install(unpacked, tmp_path_factory.mktemp("home"))


@pytest.fixture(scope="module")
def sample(home: Home) -> Path:
    path = home.path / "sample.journey"
    done = home.run(home.path / ".local/bin/journeyeditor", "new", path, "--template", "sample")
    assert done.returncode == 0, done.stdout + done.stderr
    return path


def test_bundle_carries_licenses_fonts_and_no_unused_qt(home: Home) -> None:
    internal = home.program / "_internal"
    for folder in (home.program, internal):
        assert (folder / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
        assert "PySide6" in (folder / "THIRD_PARTY_NOTICES.md").read_text(encoding="utf-8")
    assert "Bootloader Exception" in (internal / "licenses/PyInstaller/COPYING.txt").read_text(
        "utf-8"
    )
    fonts = internal / resources.BUNDLED / "fonts"
    assert {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE-DejaVu.txt"} <= {
        path.name for path in fonts.iterdir()
    }
    qt = internal / "PySide6" / "Qt"
    libraries = {path.name.split(".")[0] for path in (qt / "lib").iterdir()}
    assert {"libQt6Core", "libQt6Gui", "libQt6Widgets", "libQt6Svg"} <= libraries
    unused = {name for name in libraries if name.startswith(("libQt6Qml", "libQt6Quick"))}
    assert unused == set()
    assert not list(qt.glob("plugins/platformthemes/libqgtk3*"))
    kept = {f"qtbase_{language}.qm" for language in LANGUAGES}
    assert {path.name for path in (qt / "translations").iterdir()} == kept
    # ReportLab finds its C number formatting by a name in a string, which PyInstaller
    # does not see; without it every PDF is drawn twice as slowly.
    assert list(internal.glob("_rl_accel*.so"))


def test_new_check_and_pdf_export_without_python(home: Home, sample: Path) -> None:
    program = home.path / ".local/bin/journeyeditor"
    checked = home.run(program, "check", sample)
    assert checked.returncode == 0, checked.stderr
    assert "sound" in checked.stdout
    french = home.run(program, "check", sample, LANG="fr_FR.UTF-8")
    assert "en bon état" in french.stdout, "the compiled French translation is in the bundle"
    pdf = home.path / "sample.pdf"
    exported = home.run(program, "export", sample, "--format", "pdf", "-o", pdf)
    assert exported.returncode == 0, exported.stderr
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert pages >= 1
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    assert "Awareness" in text
    assert "Consideration" in text
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
    assert "DejaVuSans" in fonts


def _loaded_files(pid: int) -> set[str]:
    maps = Path(f"/proc/{pid}/maps").read_text(encoding="utf-8").splitlines()
    return {line.split(None, 5)[5] for line in maps if len(line.split(None, 5)) == 6}


def _wait_for_window(display: str, app: subprocess.Popen[str]) -> str:
    """The id of the app's visible top-level window, once it is mapped."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        found = xdotool(display, "search", "--onlyvisible", "--name", TITLE).split()
        if found:
            return found[0]
        if app.poll() is not None:
            break
        time.sleep(0.5)
    app.kill()
    _, errors = app.communicate(timeout=30)
    pytest.fail(f"no window titled {TITLE!r} appeared: {errors[-3000:]}")


def _launcher_command(home: Home, document: Path) -> list[str]:
    """The installed .desktop file's Exec line, with %f the document (as a desktop does)."""
    entry = (home.data / "applications" / "journeyeditor.desktop").read_text(encoding="utf-8")
    line = next(line for line in entry.splitlines() if line.startswith("Exec="))
    return [str(document) if arg == "%f" else arg for arg in shlex.split(line[len("Exec=") :])]


@pytest.fixture
def display() -> Iterator[str]:
    with virtual_display(1280, 800) as name:
        yield name


@pytest.mark.xvfb
def test_window_opens_from_the_launcher_and_closes(home: Home, sample: Path, display: str) -> None:
    app = subprocess.Popen(
        _launcher_command(home, sample),
        env=home.env(DISPLAY=display),
        cwd=home.path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        window = _wait_for_window(display, app)
        assert xdotool(display, "getwindowname", window).strip() == f"{sample.name} — {TITLE}"
        loaded = _loaded_files(app.pid)
        python = {path for path in loaded if "libpython3" in path}
        assert python and all(path.startswith(str(home.program)) for path in python), python
        outside = {str(Path(sys.prefix)), str(Path(sys.base_prefix)), str(ROOT)}
        leaks = {path for path in loaded if path.startswith(tuple(outside))}
        assert leaks == set(), "the bundle loaded files from the build machine's Python"
        xdotool(display, "windowfocus", "--sync", window, "key", "ctrl+q")
        assert app.wait(timeout=60) == 0
    finally:
        if app.poll() is None:
            app.kill()
        app.communicate(timeout=30)


def _file_type(home: Home, path: Path) -> str:
    # xdg-mime asks GNOME's gio on a GNOME desktop; elsewhere `file`, which reads no
    # shared-mime-info database.
    done = home.run("xdg-mime", "query", "filetype", path, XDG_CURRENT_DESKTOP="GNOME")
    return done.stdout.strip()


def test_install_registers_file_type_launcher_and_icon(home: Home, sample: Path) -> None:
    assert _file_type(home, sample) == MIME_TYPE
    renamed = home.path / "sample-without-extension"
    shutil.copyfile(sample, renamed)
    assert _file_type(home, renamed) == MIME_TYPE, "found by its content, not its name"
    default = home.run("xdg-mime", "query", "default", MIME_TYPE)
    assert default.stdout.strip() == "journeyeditor.desktop"
    desktop = home.data / "applications" / "journeyeditor.desktop"
    assert subprocess.run(["desktop-file-validate", desktop]).returncode == 0
    cache = (home.data / "applications" / "mimeinfo.cache").read_text(encoding="utf-8")
    assert f"{MIME_TYPE}=journeyeditor.desktop;" in cache
    icons = home.data / "icons/hicolor"
    assert (icons / "scalable/apps/journeyeditor.svg").is_file()
    assert (icons / "48x48/apps/journeyeditor.png").read_bytes() == resources.icon_png(
        48
    ).read_bytes()
    assert (home.path / ".local/bin/journeyeditor").resolve() == home.program / "journeyeditor"


def _path_without_xdg_utils(folder: Path) -> str:
    """A PATH holding every program of /usr/bin and /bin but xdg-utils' own."""
    folder.mkdir()
    for source in (Path("/bin"), Path("/usr/bin")):
        for program in source.iterdir():
            link = folder / program.name
            if not program.name.startswith("xdg-") and not link.exists():
                link.symlink_to(program)
    return str(folder)


def test_install_without_xdg_utils_then_uninstall(unpacked: Path, tmp_path: Path) -> None:
    path = _path_without_xdg_utils(tmp_path / "bin")
    home = _install(unpacked, tmp_path / "home", path)
    project = home.path / "mine.journey"
    created = home.run(home.path / ".local/bin/journeyeditor", "new", project)
    assert created.returncode == 0, created.stderr
    assert _file_type(home, project) == MIME_TYPE
    handlers = home.run("gio", "mime", MIME_TYPE).stdout
    assert "journeyeditor.desktop" in handlers

    removed = home.run("/bin/sh", home.program / "uninstall.sh", PATH=path)
    assert removed.returncode == 0, removed.stderr
    assert not home.program.exists()
    assert not (home.path / ".local/bin/journeyeditor").exists()
    assert not (home.data / "applications" / "journeyeditor.desktop").exists()
    assert not (home.data / "icons/hicolor/scalable/apps/journeyeditor.svg").exists()
    assert _file_type(home, project) != MIME_TYPE
    assert project.is_file(), "uninstalling keeps the person's projects"
