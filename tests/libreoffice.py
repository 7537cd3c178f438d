"""Headless LibreOffice Calc, as the tests use it to check that a workbook opens and prints."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path


def to_pdf(book: Path, outdir: Path) -> Path:
    """Convert `book` to PDF in `outdir` with a profile of its own (no shared profile lock);
    fail the test, with LibreOffice's own words, if it cannot."""
    return to_pdfs([book], outdir)[0]


def to_pdfs(books: list[Path], outdir: Path) -> list[Path]:
    """`to_pdf` for several workbooks in one start of LibreOffice, which takes most of its time."""
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
            *map(str, books),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdfs = [outdir / f"{book.stem}.pdf" for book in books]
    assert done.returncode == 0 and all(pdf.exists() for pdf in pdfs), done.stderr or done.stdout
    return pdfs


def pdf_pages(pdf: Path) -> int:
    # Each page of a PDF is one "/Type /Page" object; "/Pages" is their tree, not a page.
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    assert found, f"{tool} is missing: run scripts/system-packages.sh (poppler-utils)"
    return found


def pdf_text(pdf: Path, layout: bool = False) -> list[str]:
    """Each page's text, by poppler's pdftotext (`layout`: as laid out on the page)."""
    done = subprocess.run(
        [_poppler("pdftotext"), *(["-layout"] if layout else []), str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.split("\f")[: pdf_pages(pdf)]


def pdf_sheets(pdf: Path) -> dict[str, str]:
    """Sheet name -> the text of its printed pages, whitespace made single spaces. The board
    report prints each sheet's name at the left of its footer, beside "Page X of N"."""
    sheets: dict[str, list[str]] = {}
    for laid_out, raw in zip(pdf_text(pdf, layout=True), pdf_text(pdf), strict=True):
        footer = re.findall(r"^\s*(\S.*?)\s{2,}Page \d+ of \d+\s*$", laid_out, re.MULTILINE)
        assert footer, f"a page of {pdf.name} has no footer: {laid_out[-300:]}"
        sheets.setdefault(footer[-1].strip(), []).append(" ".join(raw.split()))
    return {name: " ".join(pages) for name, pages in sheets.items()}


def to_png(pdf: Path, outdir: Path, dpi: int = 80) -> list[Path]:
    """Each page of `pdf` as a PNG in `outdir` (poppler's pdftoppm), to be looked at."""
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [_poppler("pdftoppm"), "-r", str(dpi), "-png", str(pdf), str(outdir / pdf.stem)],
        capture_output=True,
        timeout=180,
        check=True,
    )
    return sorted(outdir.glob(f"{pdf.stem}-*.png"))
