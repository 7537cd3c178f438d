"""Headless LibreOffice Calc, as the tests use it to check that a workbook opens and prints."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path


def to_pdf(book: Path, outdir: Path) -> Path:
    """Convert `book` to PDF in `outdir` with a profile of its own (no shared profile lock);
    fail the test, with LibreOffice's own words, if it cannot."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is missing: run scripts/system-packages.sh (libreoffice-calc)"
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{outdir / 'libreoffice-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(book),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = outdir / f"{book.stem}.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr or done.stdout
    return pdf


def pdf_pages(pdf: Path) -> int:
    # Each page of a PDF is one "/Type /Page" object; "/Pages" is their tree, not a page.
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))
