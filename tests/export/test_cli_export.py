"""`journeyeditor export`: every format from the command line, without a display."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image as PilImage

from journeyeditor import cli
from journeyeditor.render.export import ExportError

Tool = Callable[[str], str]


def pages(tool: Tool, pdf: Path) -> tuple[int, str]:
    out = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, text=True).stdout
    found = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
    return int(found["Pages"]), found["Page size"].strip()


def test_pdf_of_every_map_fitted(export_file: Path, tmp_path: Path, tool: Tool) -> None:
    out = tmp_path / "all.pdf"
    assert cli.main(["export", str(export_file), "--format", "pdf", "-o", str(out)]) == 0
    count, size = pages(tool, out)
    assert count == 5
    assert size.startswith("595.276 x 841.89")


def test_pdf_options(export_file: Path, tmp_path: Path, tool: Tool) -> None:
    out = tmp_path / "one.pdf"
    argv = ["export", str(export_file), "--map", "Parfum — parcours idéal", "--format", "pdf"]
    argv += ["-o", str(out), "--page", "A3", "--landscape", "--fit", "--cover"]
    assert cli.main(argv) == 0
    assert pages(tool, out) == (2, "1190.55 x 841.89 pts (A3)")


def test_tiles_from_the_command_line(export_file: Path, tmp_path: Path, tool: Tool) -> None:
    out = tmp_path / "poster.pdf"
    argv = ["export", str(export_file), "--map", "parfum — parcours actuel", "--format", "pdf"]
    assert cli.main([*argv, "-o", str(out), "--tile", "--scale", "200"]) == 0
    assert pages(tool, out)[0] > 2


def test_png_at_300_dpi(export_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    argv = ["export", str(export_file), "--format", "png", "-o", str(out), "--dpi", "300"]
    assert cli.main([*argv, "--transparent"]) == 0
    with PilImage.open(out) as image:
        assert round(image.info["dpi"][0]) == 300
        assert image.mode == "RGBA"


def test_unknown_map_names_the_maps(
    export_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.svg"
    argv = ["export", str(export_file), "--map", "Nope", "--format", "svg", "-o", str(out)]
    assert cli.main(argv) == ExportError.exit_code
    error = capsys.readouterr().err
    assert "“Nope”" in error and "Parfum — parcours actuel" in error
    assert not out.exists()


def test_bad_resolution_is_a_usage_error(export_file: Path, tmp_path: Path) -> None:
    argv = ["export", str(export_file), "--format", "png", "-o", str(tmp_path / "x.png")]
    assert cli.main([*argv, "--dpi", "5"]) == 1
    assert cli.main([*argv, "--fit", "--tile"]) == 1


def test_json_export_still_works(export_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "project.json"
    assert cli.main(["export", str(export_file), "--format", "json", "-o", str(out)]) == 0
    assert json.loads(out.read_text("utf-8"))["format"] == "journeyeditor-project"


def test_no_display_needed(export_file: Path, tmp_path: Path) -> None:
    """A fresh process with no display and no platform chosen still draws PNG and SVG."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    for fmt in ("png", "svg"):
        out = tmp_path / f"map.{fmt}"
        command = [sys.executable, "-m", "journeyeditor", "export", str(export_file)]
        result = subprocess.run(
            [*command, "--format", fmt, "-o", str(out)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert out.stat().st_size > 10_000


def test_orientation_from_the_command_line(export_file: Path, tmp_path: Path, tool: Tool) -> None:
    """--orientation auto turns the wide maps' pages; --landscape still means landscape."""
    argv = ["export", str(export_file), "--format", "pdf", "--map", "Parfum — parcours idéal"]
    for flags, size in (
        (["--orientation", "auto"], "841.89 x 595.276"),
        (["--orientation", "portrait"], "595.276 x 841.89"),
        (["--landscape"], "841.89 x 595.276"),
    ):
        out = tmp_path / f"{flags[-1]}.pdf"
        assert cli.main([*argv, "-o", str(out), *flags]) == 0
        assert pages(tool, out)[1].startswith(size), flags
    both = [*argv, "-o", str(tmp_path / "both.pdf"), "--orientation", "auto", "--landscape"]
    assert cli.main(both) == 1
