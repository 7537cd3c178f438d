"""The board report: one Excel workbook for a team, a provider, or the whole portfolio, built
from the records and the methodology, returned as bytes.

Everything is read first, in one transaction (`assessments.queries.board_report`); then pure
sheet builders turn that data into sheets, in the order a board reads them: Summary (the
position in brief, what moved since last time, what is overdue, what reviews learned);
Template A laid out like the methodology's form; one Template B per open priority; Progress
with native charts; TRIP; Teams by TRIP; Measures; for the portfolio, Comparison of providers
and Stages by challenge (providers at each stage, in a native chart); and tidy long-format data
sheets for analysts. Each sheet prints landscape, one page wide, its title and subtitle wrapped
across the page, with its header row repeated. Values only, never formulas; no user text can
run (see `book.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from assessments.queries.board_report import read_board_report
from assessments.queries.report_data import BoardReportData, ReportScope
from assessments.records.portfolio import PortfolioFilters
from assessments.service import Service
from exports.board_report.book import write
from exports.board_report.data_sheets import data_sheets
from exports.board_report.measures import measures_sheet
from exports.board_report.plans import progress_sheet, template_b_sheets
from exports.board_report.sheet import Report
from exports.board_report.summary import (
    comparison_sheet,
    stage_counts_sheet,
    summary_sheet,
    template_a_sheet,
)
from exports.board_report.trip import trip_sheet
from exports.board_report.trip_status import trip_status_sheet
from exports.file_names import file_name

Progress = Callable[[float, str], None]  # share done (0..1), what is being written


def build_report(
    service: Service,
    scope: ReportScope,
    progress: Progress | None = None,
    filters: PortfolioFilters | None = None,
) -> bytes:
    """The workbook for `scope` as .xlsx bytes. A portfolio report compares the teams
    `filters` choose (by default every team, on the most used framework version). Raises
    ScopeError for a team or provider that does not exist."""
    say = progress or (lambda share, what: None)
    say(0.05, "Reading the records")
    data = read_board_report(service, scope, filters)
    report = Report(data.name, data.today)
    steps = _steps(data)
    for n, (what, step) in enumerate(steps):
        say(0.1 + 0.7 * n / len(steps), f"Writing {what}")
        step(report, data)
    say(0.85, "Saving the workbook")
    written = write(report)
    say(1.0, "Done")
    return written


def _steps(data: BoardReportData) -> list[tuple[str, Callable[[Report, BoardReportData], None]]]:
    steps: list[tuple[str, Callable[[Report, BoardReportData], None]]] = [
        ("Summary", summary_sheet)
    ]
    if data.scope.kind != "portfolio":
        steps += [
            ("Template A", template_a_sheet),
            ("Template B", template_b_sheets),
            ("Progress", progress_sheet),
        ]
    steps.append(("TRIP", trip_sheet))
    if data.trip_status is not None:  # a provider's or the portfolio's teams by their TRIP
        steps.append(("Teams by TRIP", trip_status_sheet))
    steps.append(("Measures", measures_sheet))
    records = data.portfolio
    if data.scope.kind == "portfolio" and records is not None:
        steps.append(("Comparison", lambda report, d: comparison_sheet(report, d, records)))
        steps.append(("Stages", lambda report, d: stage_counts_sheet(report, d, records)))
    steps.append(("Data", data_sheets))
    return steps


def report_filename(name: str, made_on: date) -> str:
    return file_name("recovery-report", name, made_on, "xlsx")
