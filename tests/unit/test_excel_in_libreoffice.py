"""The board report opens in LibreOffice: headless Calc (installed by scripts/system-packages.sh
and .ci/run) converts each kind of report to PDF. The PDFs are kept in the artifacts folder's
reports/ (tests/artifacts.py: $RECOVERY_ARTIFACTS, by default /tmp/recovery-artifacts) to be
looked at, and a provider's report and the portfolio's as PNG pages in report-pages/.

Nothing is cut when printed: poppler's pdftotext reads each sheet's printed pages (by the sheet
name in their footer), and each titled sheet's title and whole subtitle, and the last column
header of every table, are on them; the native charts are in the workbook, and their titles
printed."""

from __future__ import annotations

import io
import shutil
from datetime import date

import pytest
from openpyxl import load_workbook

from exports.board_report import ReportScope, build_report
from tests.artifacts import ARTIFACTS, REPORTS
from tests.demo_store import load_demo_copy
from tests.libreoffice import pdf_pages, pdf_sheets, to_pdf, to_png

# LibreOffice reads the file; which database wrote it does not change it.
pytestmark = pytest.mark.sqlite_only

TITLE, HEADER = "Report title", "Report table header"  # the shared styles (sheet.py)
PAGES = ARTIFACTS / "report-pages"


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


# Sheet -> the titles of the charts it must hold, for a provider with teams and the portfolio.
PROVIDER_CHARTS = {
    "Progress": ["Challenges at each stage, round by round"],
    "Teams by TRIP": ["Teams by TRIP status"],
    "Measures": [],  # untitled: the heading above each table names the measure
}
PORTFOLIO_CHARTS = {
    "Stages by challenge": ["Providers at each stage"],
    "Teams by TRIP": ["Teams by TRIP status"],
    "Measures": [],
}


@pytest.mark.parametrize("kind", ["provider", "portfolio"])
def test_a_provider_report_and_the_portfolio_print_with_nothing_cut(service, tmp_path, kind):
    load_demo_copy(service, teams=3, rounds=2, today=date(2026, 11, 23))
    org = service.providers.organisations()[0]  # the trust: its teams, plans and measures
    scope, charts = (f"org:{org.id}", PROVIDER_CHARTS)
    if kind == "portfolio":
        scope, charts = "portfolio", PORTFOLIO_CHARTS
    data = build_report(service, ReportScope.parse(scope))
    book = tmp_path / f"report-{kind}.xlsx"
    book.write_bytes(data)
    workbook = load_workbook(io.BytesIO(data))
    pdf = to_pdf(book, tmp_path)
    REPORTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(pdf, REPORTS / pdf.name)
    assert to_png(pdf, PAGES), "no page was drawn"
    printed = pdf_sheets(pdf)

    if kind == "provider":  # its provider-wide rounds, own and moderated; its teams; its plans
        assert {"Template A", "Teams by TRIP", "Progress", "Measures"} <= set(printed)
        assert any(name.startswith("B ") for name in printed), list(printed)
        assert "Moderated ratings, beside the provider's own" in printed["Template A"]
    for ws in workbook.worksheets:
        assert ws.title in printed, f"{ws.title} printed no page"
        text = printed[ws.title]
        if ws["A1"].style == TITLE:  # the title and the subtitle, whole
            for row in (1, 2):
                line = " ".join(str(ws.cell(row, 1).value).split())
                assert line in text, f"{ws.title}: row {row} is cut: {line!r}\n{text[:600]}"
        for row in ws.iter_rows():
            headers = [c for c in row if c.style == HEADER and c.value is not None]
            if len(headers) > 1:  # a table: its last column printed
                last = str(headers[-1].value)
                assert all(word in text for word in last.split()), f"{ws.title}: {last!r} cut"
    for name, titles in charts.items():
        assert workbook[name]._charts, f"{name} has no native chart"
        for title in titles:
            assert title in printed[name], f"{name}: the chart {title!r} is not printed"
