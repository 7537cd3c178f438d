"""The board report opens in LibreOffice: headless Calc (installed by scripts/system-packages.sh
and .ci/run) converts each kind of report to PDF. The PDFs are kept in the artifacts folder's
reports/ (tests/artifacts.py: $RECOVERY_ARTIFACTS, by default /tmp/recovery-artifacts) to be
looked at."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from exports.board_report import ReportScope, build_report
from tests.artifacts import REPORTS
from tests.demo_store import load_demo_copy
from tests.libreoffice import pdf_pages, to_pdf

# LibreOffice reads the file; which database wrote it does not change it.
pytestmark = pytest.mark.sqlite_only


def test_libreoffice_converts_each_kind_of_report_to_pdf(service, tmp_path):
    load_demo_copy(service, teams=3, rounds=2, today=date(2026, 11, 23))
    team, org = service.providers.teams()[0], service.providers.organisations()[0]
    REPORTS.mkdir(parents=True, exist_ok=True)
    scopes = {"team": f"team:{team.id}", "org": f"org:{org.id}", "portfolio": "portfolio"}
    for name, scope in scopes.items():
        book = tmp_path / f"report-{name}.xlsx"
        book.write_bytes(build_report(service, ReportScope.parse(scope)))
        pdf = to_pdf(book, tmp_path)
        assert pdf_pages(pdf) >= 3, name
        shutil.copy(pdf, REPORTS / pdf.name)
