"""The board report opens in LibreOffice: headless Calc (installed by scripts/system-packages.sh
and .ci/run) converts each kind of report to PDF. The PDFs are kept in the artifacts folder's
reports/ (tests/artifacts.py: $RECOVERY_ARTIFACTS, by default /tmp/recovery-artifacts) to be
looked at, and a provider's report and the portfolio's as PNG pages in report-pages/.

Nothing is cut when printed: poppler's pdftotext reads each sheet's printed pages (by the sheet
name in their footer), and each titled sheet's title and whole subtitle, and the last column
header of every table, are on them; the native charts are in the workbook, and their titles
printed.

Each kind of report is built and converted once for the module, all three in one start of
LibreOffice (most of a conversion's time), and every test reads those PDFs."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from assessments import store
from assessments.service import Service
from exports.board_report import ReportScope, build_report
from tests.artifacts import ARTIFACTS, REPORTS
from tests.demo_store import demo_file
from tests.libreoffice import pdf_pages, pdf_sheets, to_pdfs, to_png

TODAY = date(2026, 11, 23)
TITLE, HEADER = "Report title", "Report table header"  # the shared styles (sheet.py)
PAGES = ARTIFACTS / "report-pages"


@pytest.fixture(scope="module")
def reports(tmp_path_factory, definitions) -> dict[str, tuple[bytes, Path]]:
    """Kind -> (the workbook, its PDF) for a team, a provider (the trust: its teams, plans and
    measures) and the portfolio of the small demo. LibreOffice reads the file; which database
    wrote it does not change it, so the demo is on SQLite."""
    folder = tmp_path_factory.mktemp("libreoffice")
    demo_file(folder / "recovery.db", definitions, teams=3, rounds=2, today=TODAY)
    service = Service(store.open_store(f"sqlite:///{folder / 'recovery.db'}"), definitions,
                      today=lambda: TODAY)  # fmt: skip
    try:
        team, org = service.providers.teams()[0], service.providers.organisations()[0]
        scopes = {"team": f"team:{team.id}", "provider": f"org:{org.id}", "portfolio": "portfolio"}
        data = {kind: build_report(service, ReportScope.parse(s)) for kind, s in scopes.items()}
    finally:
        service.engine.dispose()
    books = []
    for kind, book in data.items():
        books.append(folder / f"report-{kind}.xlsx")
        books[-1].write_bytes(book)
    pdfs = to_pdfs(books, folder)
    REPORTS.mkdir(parents=True, exist_ok=True)
    for pdf in pdfs:
        shutil.copy(pdf, REPORTS / pdf.name)
    return {kind: (data[kind], pdf) for kind, pdf in zip(data, pdfs, strict=True)}


def test_libreoffice_converts_each_kind_of_report_to_pdf(reports):
    assert list(reports) == ["team", "provider", "portfolio"]
    for kind, (_, pdf) in reports.items():
        assert pdf_pages(pdf) >= 3, kind


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
def test_a_provider_report_and_the_portfolio_print_with_nothing_cut(reports, kind):
    data, pdf = reports[kind]
    charts = PROVIDER_CHARTS if kind == "provider" else PORTFOLIO_CHARTS
    workbook = load_workbook(io.BytesIO(data))
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
