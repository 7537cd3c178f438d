"""The board report's Measures sheet: each figure and target by indicator and period, a gap
written as "Not available: why" (never a zero), a native line chart with the gaps left as
gaps, formulas never run from typed text; for the provider's report and the portfolio."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook
from openpyxl.chart import LineChart

from assessments.records.measures import Period, PeriodKind
from exports.board_report import ReportScope, build_report

MOVES = "moves-to-independent-living"


def _values(service, actor, org_id: int, team_id: int | None = None) -> None:
    period = Period(date(2025, 9, 1), PeriodKind.MONTH)
    for n in range(14):
        if n == 5:
            service.measures.record_not_available(
                actor, org_id, MOVES, period, 0, reason="=HYPERLINK(\"x\") not sent",
                team_id=team_id,
            )  # fmt: skip
        else:
            service.measures.record_value(
                actor, org_id, MOVES, period, 0, value=6 + n % 3, target=8, team_id=team_id,
                note="-from the return" if n == 0 else "",
            )  # fmt: skip
        period = period.following()


def _sheet(service, scope: str):
    book = load_workbook(io.BytesIO(build_report(service, ReportScope.parse(scope))))
    return book["Measures"]


def _rows(ws) -> list[tuple]:
    return [tuple(c.value for c in row) for row in ws.iter_rows(min_col=1, max_col=9)]


def test_a_providers_report_lists_figures_targets_and_the_gap_with_a_native_chart(
    service, actor, org
):
    _values(service, actor, org.id)
    ws = _sheet(service, f"org:{org.id}")
    rows = _rows(ws)
    heading = next(r for r in rows if r[0] and str(r[0]).startswith("Moves to"))
    assert "Northfield Demo Trust" in heading[0] and "by month" in heading[0]
    september = next(r for r in rows if r[0] == "Sep 2025")
    assert september[1:3] == (6, 8)
    gap = next(r for r in rows if r[0] == "Feb 2026")
    assert gap[1] is None  # never a zero
    assert gap[6] == 'Not available: =HYPERLINK("x") not sent'
    cell = next(c for row in ws.iter_rows() for c in row if c.value == gap[6])
    assert cell.data_type == "s"  # text, never a formula
    note = next(c for row in ws.iter_rows() for c in row if c.value == "-from the return")
    assert note.data_type == "s"  # typed text that starts like a formula stays text
    assert next(r for r in rows if r[0] == "Sep 2025")[3] is not None  # the mean: 13 figures
    charts = ws._charts
    assert len(charts) == 1 and isinstance(charts[0], LineChart)
    assert charts[0].display_blanks == "gap"
    titles = [s.tx.strRef.f.split("!")[1].replace("$", "") for s in charts[0].series]
    assert titles == ["B5", "C5", "D5", "E5", "F5"]  # figure, target, mean and limits


def test_the_portfolio_names_each_place_and_a_report_with_none_says_so(service, actor, org):
    team = service.providers.create_team(actor, org.id, "Alder CMHT", "cmht")
    _values(service, actor, org.id, team.id)
    other = service.providers.create_organisation(actor, "Southgate (fictional)", "vcfse")
    headings = [
        r[0] for r in _rows(_sheet(service, "portfolio")) if r[0] and "by month" in str(r[0])
    ]
    assert headings == [
        "Moves to more independent living (number of people): Alder CMHT, Northfield Demo "
        "Trust, by month"
    ]
    assert "No measure has been recorded" in str(_rows(_sheet(service, f"org:{other.id}"))[3][0])
