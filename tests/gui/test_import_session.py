"""Importing a large events file in the real window on Xvfb, driven only by X events.

A CSV of generated events (DuckDB COPY) goes through Data → Import Events…: the file
dialog, the preview (detected columns kept), the stage mapping (a pattern typed per
stage), then the measuring. The first import is cancelled halfway through the
computing: the file stays byte for byte as it was and nothing is on the undo stack. The
second runs to its end: one undo step, one run in the file with every customer counted,
and a screenshot of the map with its funnel lane, written to the test's folder.

Four million rows by default (the funnel reads a million in under two seconds, too quick
to cancel halfway for sure); JOURNEYEDITOR_IMPORT_ROWS sets another size.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import duckdb
import pytest
from PIL import Image

from helpers import xvfb
from helpers.projects import child_environment
from helpers.xvfb import AppDriver, query, require_tools, running_app, virtual_display

HELPER = Path(__file__).resolve().parent.parent / "helpers" / "xvfb_import.py"
WIDTH, HEIGHT = 1600, 1000
ROWS = int(os.environ.get("JOURNEYEDITOR_IMPORT_ROWS", "4000000"))
EVENTS_PER_CUSTOMER = 4
WAIT = 60.0
"""Seconds to wait for the app (a measuring step on a loaded 2-core machine)."""
PATTERNS = {
    "Awareness": "ad_*",
    "Consideration": "site_visit",
    "Purchase": "purchase",
    "Retention": "repeat_*",
    "Advocacy": "review",
}
"""A pattern per stage of the sample's first map (add_to_cart belongs to none)."""
HALFWAY = 400
"""Cancel once the computing's bar (0-1000) is past this."""


def write_events(path: Path, rows: int) -> None:
    """`rows` events, four per customer, one every 7 seconds, six event names."""
    names = "['ad_view', 'site_visit', 'add_to_cart', 'purchase', 'repeat_purchase', 'review']"
    which = f"CAST(1 + (hash(i // {EVENTS_PER_CUSTOMER}) + i) % 6 AS BIGINT)"
    with duckdb.connect() as con:
        con.execute(
            f"""COPY (
              SELECT 'C' || lpad(CAST(i // {EVENTS_PER_CUSTOMER} AS VARCHAR), 8, '0') AS customer,
                     TIMESTAMP '2026-01-01' + to_seconds(i * 7) AS timestamp,
                     {names}[{which}] AS event,
                     ['web', 'store', 'app'][1 + i % 3] AS channel
              FROM range({rows}) AS t(i)
            ) TO '{path}' (HEADER, DELIMITER ',')"""
        )


@pytest.fixture
def display() -> Iterator[str]:
    require_tools("import")
    with virtual_display(WIDTH, HEIGHT) as name:
        yield name


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def wait_for(what: str, check: Callable[[], Any]) -> Any:
    return xvfb.wait_for(what, check, WAIT)


class Driver(AppDriver):
    def menu(self, title: str, entry: str) -> None:
        """Click a menu bar title, then one of its entries (the keyboard's focus is not
        the window's on a screen without a window manager)."""
        self.click(self.ask("menus")[title])
        self.click(wait_for(f"the {title} menu", lambda: self.ask("menus").get(entry)))

    def modal(self, kind: str, also: Callable[[dict[str, Any]], bool] = lambda _m: True) -> Any:
        """Wait for the modal dialog of class `kind` (and `also` of what it shows), settled:
        its buttons where they were a moment before (a new dialog is placed after it
        shows)."""
        last: list[Any] = [None]

        def shown() -> Any:
            found = self.ask("modal")
            if not (found and found["kind"] == kind and also(found)):
                return None
            settled = last[0] is not None and last[0]["buttons"] == found["buttons"]
            last[0] = found
            if not settled:
                time.sleep(0.2)
            return found if settled else None

        return wait_for(f"the {kind}", shown)


def import_events(driver: Driver, events: Path, cancel: bool) -> dict[str, Any]:
    """Data → Import Events… through every dialog; with `cancel`, Cancel is clicked once
    the computing is past HALFWAY. Gives the progress dialog as last seen."""
    driver.menu("&Data", "Import &Events…")
    driver.modal("QFileDialog")
    driver.x("type", "--delay", "4", str(events))
    driver.x("key", "Return")
    preview = driver.modal("ImportPreviewDialog")
    driver.click(preview["buttons"]["OK"])
    mapping = driver.modal("StageMappingDialog", lambda m: "review" in m["items"])
    for stage, pattern in PATTERNS.items():
        item = next(text for text in mapping["items"] if text.startswith(stage + " ("))
        driver.click(mapping["items"][item])
        driver.click(mapping["edits"][0])
        driver.x("type", "--delay", "4", pattern)
        driver.x("key", "Return")
        mapping = driver.modal("StageMappingDialog", lambda m, s=stage: f"{s} (1)" in m["items"])
    driver.click(mapping["buttons"]["OK"])
    computing = "Computing the figures…"
    progress = driver.modal(
        "ProgressDialog",
        lambda m: m["phase"] == computing and (m["bar"] or 0) >= (HALFWAY if cancel else 0),
    )
    if cancel:
        assert (progress["bar"] or 0) < 1000, "the computing ended before it could be cancelled"
        driver.click(progress["buttons"]["Cancel"])
    wait_for("the import to end", lambda: driver.ask("modal") is None)
    return cast(dict[str, Any], progress)


@pytest.mark.xvfb
def test_import_a_large_events_file_cancel_then_finish(
    display: str, sample_file: Path, tmp_path: Path
) -> None:
    events = tmp_path / "events.csv"
    write_events(events, ROWS)
    before = sha256(sample_file)
    env = {
        **child_environment(),
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_RUNTIME_DIR": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "TMPDIR": str(tmp_path / "tmp"),
    }
    (tmp_path / "tmp").mkdir()
    shot = tmp_path / "funnel.png"
    command = [str(HELPER), str(sample_file), str(WIDTH), str(HEIGHT)]
    with running_app(Driver, display, command, env, tmp_path) as driver:
        cancelled = import_events(driver, events, cancel=True)
        assert cancelled["rows"].startswith("Rows read: about"), cancelled
        assert sha256(sample_file) == before, "a cancelled import changed the file"
        assert driver.ask("map")["undo"] == 0
        assert "funnel" not in driver.ask("map")["lanes"]
        assert list((tmp_path / "tmp").iterdir()) == [], "the engine left files behind"
        import_events(driver, events, cancel=False)
        wait_for("the funnel lane", lambda: "funnel" in driver.ask("map")["lanes"])
        assert driver.ask("map")["undo"] == 1
        driver.menu("&View", "&Fit to Window")
        time.sleep(1.0)
        subprocess.run(["import", "-display", display, "-window", "root", str(shot)], check=True)
        print(f"funnel lane screenshot: {shot}")
        driver.menu("&File", "&Quit")
        assert driver.app.wait(WAIT) == 0
    new = "SELECT map_id, rows, bad_rows FROM measure_run WHERE source = 'events.csv'"
    assert query(sample_file, new) == [(1, ROWS, 0)]  # the first map, shown at the start
    customers = query(
        sample_file,
        "SELECT DISTINCT f.customers FROM funnel_figure f JOIN measure_run r ON r.id = f.run_id "
        "WHERE r.source = 'events.csv' AND f.segment IS NULL",
    )
    assert customers == [(ROWS // EVENTS_PER_CUSTOMER,)]
    check_screenshot(shot)


def check_screenshot(shot: Path) -> None:
    """Not blank: a map fills most of the screen."""
    with Image.open(shot) as image:
        pixels = image.convert("RGB")
    found = pixels.getcolors(pixels.width * pixels.height) or []
    counts = {cast(tuple[int, int, int], colour): count for count, colour in found}
    background = max(counts, key=counts.__getitem__)
    changed = pixels.width * pixels.height - counts[background]
    assert changed > pixels.width * pixels.height // 5, f"{changed} pixels differ"
