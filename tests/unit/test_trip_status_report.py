"""The board report's "Teams by TRIP" sheet, reopened with openpyxl: for a provider its own teams,
for the portfolio every provider's, each with its TRIP status, dates and overdue in words, by
provider then name; the headline count; a native bar chart of teams by status with its counts
on the bars; values only; landscape, one page wide. A team's report has no such sheet."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from openpyxl.chart import BarChart

from assessments.records.trip import Rating
from exports.board_report import ReportScope, build_report
from tests.unit.test_trip import agreed_content

SHEET = "Teams by TRIP"


@pytest.fixture
def teams(service, actor):
    """Northfield: Alder CMHT, current, its open priority co-led and overdue; Birch Ward, with
    no TRIP. Southgate: Cedar Service, lapsed, named as a formula would start."""
    north = service.providers.create_organisation(actor, "Northfield Demo Trust", "trust")
    south = service.providers.create_organisation(actor, "Southgate", "vcfse")
    alder = service.providers.create_team(actor, north.id, "Alder CMHT", "cmht", "East")
    service.providers.create_team(actor, north.id, "Birch Ward", "acute-ward", "West")
    cedar = service.providers.create_team(actor, south.id, "=Cedar Service", "vcfse-service")
    held = service.trip.create_trip_round(
        actor, alder.id, held_on=date(2026, 9, 14), facilitator="Sam Okafor", status="agreed",
        ratings={"com-c01-1": Rating(value="partly")},
    )  # fmt: skip
    plan = service.trip.create_trip_priority(actor, held.id, "com-c01-1")
    service.versions.save_plan(
        actor, plan.id, plan.version, agreed_content(next_review_on=date(2026, 11, 1))
    )
    service.trip.create_trip_round(
        actor, cedar.id, held_on=date(2024, 5, 1), facilitator="Sam Okafor"
    )
    return north, south


def sheet(service, scope: str):
    book = load_workbook(io.BytesIO(build_report(service, ReportScope.parse(scope))))
    return book, (book[SHEET] if SHEET in book.sheetnames else None)


def table(ws) -> list[dict]:
    """The teams' table: the rows under its header, up to the note below it."""
    rows = list(ws.iter_rows(values_only=True))
    start = next(n for n, r in enumerate(rows) if r[0] == "Team")
    header = [h for h in rows[start] if h is not None]
    found = []
    for values in rows[start + 1 :]:
        if values[1] is None:
            break
        found.append(dict(zip(header, values[: len(header)], strict=True)))
    return found


def test_a_providers_report_lists_its_own_teams_by_their_trip(service, teams):
    north, _ = teams
    book, ws = sheet(service, f"org:{north.id}")

    assert book.sheetnames.index(SHEET) == book.sheetnames.index("TRIP") + 1
    texts = [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "1 of 2 teams has a current TRIP." in texts
    rows = table(ws)
    assert [r["Team"] for r in rows] == ["Alder CMHT", "Birch Ward"]
    assert "Provider" not in rows[0]  # one provider: the title names it
    alder, birch = rows
    assert (alder["TRIP status"], birch["TRIP status"]) == ("Current", "None")
    assert alder["Last TRIP round"] == datetime(2026, 9, 14)  # a date, shown DD/MM/YYYY
    assert alder["Next review"] == datetime(2026, 11, 1) and alder["Review overdue"] == "Yes"
    assert (alder["Open priorities"], alder["Co-led"], alder["Assets recorded"]) == (1, 1, 0)
    assert birch["Last TRIP round"] == "–" and birch["Review overdue"] == "No"
    assert alder["Moved on"] == "–" and alder["Talked through"] == 1  # one round: nothing moved


def test_the_chart_is_a_native_bar_chart_of_teams_by_status_with_counts_on_its_bars(service, teams):
    north, _ = teams
    _, ws = sheet(service, f"org:{north.id}")

    charts = [c for c in ws._charts if isinstance(c, BarChart)]
    assert len(charts) == 1
    series = charts[0].series[0]
    assert series.dLbls.showVal
    assert series.val.numRef.f == "'Teams by TRIP'!$B$8:$B$10"  # the counts table under it
    assert [ws.cell(7, column).value for column in (1, 2)] == ["TRIP status", "Teams"]
    statuses = [ws.cell(row, 1).value for row in range(8, 11)]
    counts = [ws.cell(row, 2).value for row in range(8, 11)]
    assert list(zip(statuses, counts, strict=True)) == [("Current", 1), ("Lapsed", 0), ("None", 1)]
    assert len(series.dPt) == 3  # each status its own fill, beside its name on the axis


def test_the_portfolio_report_lists_every_providers_teams_values_only_and_prints_wide(
    service, teams
):
    _, ws = sheet(service, "portfolio")

    rows = table(ws)
    assert [(r["Provider"], r["Team"]) for r in rows] == [
        ("Northfield Demo Trust", "Alder CMHT"),
        ("Northfield Demo Trust", "Birch Ward"),
        ("Southgate", "=Cedar Service"),
    ]
    assert rows[2]["TRIP status"] == "Lapsed"
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # never a formula
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage


def test_a_teams_report_has_no_teams_by_trip_sheet(service, teams):
    north, _ = teams
    alder = service.providers.teams(north.id)[0]

    book, ws = sheet(service, f"team:{alder.id}")

    assert ws is None and "TRIP" in book.sheetnames
