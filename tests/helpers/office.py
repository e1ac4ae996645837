"""LibreOffice headless, as the export tests run it: a private profile, a time limit.

A private profile (`-env:UserInstallation`) keeps the tests from touching, or waiting on,
the profile of a LibreOffice someone has open; the first start in a new profile takes
most of the time, so a test converts once and reads the result as often as it needs.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

TIMEOUT = 300
"""Seconds one conversion may take (a first start on a loaded machine takes about 30)."""


def convert_to_pdf(soffice: str, document: Path, folder: Path) -> Path:
    """`document` (workbook, deck) converted to a PDF in `folder`; the PDF's path."""
    profile = (folder / "profile").as_uri()
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(document),
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    pdf = folder / f"{document.stem}.pdf"
    assert pdf.exists() and pdf.stat().st_size > 0, done.stdout + done.stderr
    return pdf
