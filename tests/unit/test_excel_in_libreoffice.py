"""The board report opens in LibreOffice: headless Calc (installed by scripts/system-packages.sh
and .ci/run) converts each kind of report to PDF, one page wide, with every sheet printed. The
PDFs are kept in artifacts/reports/ to be looked at."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from assessments.demo import load_demo
from exports.excel import ReportScope, build_report

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "artifacts" / "reports"


def pdf_pages(pdf: Path) -> int:
    # Each page of a PDF is one "/Type /Page" object; "/Pages" is their tree, not a page.
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


def test_libreoffice_converts_each_kind_of_report_to_pdf(service, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice is missing: run scripts/system-packages.sh (libreoffice-calc)")
    load_demo(service, teams=3, rounds=2, today=date(2026, 11, 23))
    team, org = service.teams()[0], service.organisations()[0]
    REPORTS.mkdir(parents=True, exist_ok=True)
    scopes = {"team": f"team:{team.id}", "org": f"org:{org.id}", "portfolio": "portfolio"}
    for name, scope in scopes.items():
        book = tmp_path / f"report-{name}.xlsx"
        book.write_bytes(build_report(service, ReportScope.parse(scope)))
        done = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp_path / 'profile'}",  # no shared profile lock
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                str(book),
            ],
            capture_output=True,
            text=True,
            timeout=180,
        )
        pdf = tmp_path / f"report-{name}.pdf"
        assert done.returncode == 0 and pdf.exists(), done.stderr
        assert pdf_pages(pdf) >= 3, name
        shutil.copy(pdf, REPORTS / pdf.name)
