"""The board report's "Teams by TRIP" sheet, for a provider or the portfolio: how many teams have
a current TRIP, a native bar chart of teams by status (each bar labelled with its count, the
status named on the axis), and every team's TRIP in a table: its last round and review, the next
review and whether it is overdue, priorities open and co-led, assets, and how its answers moved
since the round before.

Teams are listed by provider and name, never ranked, and a TRIP is never one score. Values
only, never formulas. Pure: report data in, a sheet out.
"""

from __future__ import annotations

from numbers import Integral

import pandas as pd
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.marker import DataPoint

from assessments.analytics.trip_status import current_trips, status_counts, status_table
from assessments.charts.trip_status import STATUS_STYLES
from assessments.queries.report_data import BoardReportData
from assessments.records.trip_status import NO_TRIP
from exports.board_report.charts import EDGE, count_labels
from exports.board_report.plans import CHART_ROWS
from exports.board_report.sheet import HEADER_ROW, Report, Sheet

NOTHING_YET = "–"  # no round, no review, or no round before the last to compare with


def trip_status_sheet(report: Report, data: BoardReportData) -> None:
    records = data.trip_status
    if records is None:
        return
    ws = report.sheet(
        "Teams by TRIP",
        f"Teams by TRIP: {report.name}",
        f"A TRIP is current when the team held a TRIP round, or reviewed one of its TRIP "
        f"priorities, in the last {records.months} months (since "
        f"{records.current_since:%d %B %Y}): this tool's threshold, as the method asks only "
        "that priorities are reviewed regularly. Practice rounds never count. Teams are listed "
        "by provider and name, never ranked: a TRIP is a conversation, not a score.",
    )
    if records.teams.empty:
        ws.put(HEADER_ROW, 1, "No team to show.")
        ws.finish(None, last_row=HEADER_ROW)
        return
    row = ws.heading(HEADER_ROW, "How many teams have a current TRIP")
    ws.put(row, 1, f"{current_trips(records).sentence}.")
    counts = status_counts(records)
    start = row + 2
    end = ws.table(list(counts.columns), counts.to_numpy().tolist(), start)
    _chart(ws, start, end, counts["TRIP status"].tolist())
    ws.keep(HEADER_ROW, end - 1)
    row = ws.heading(max(end, start + CHART_ROWS) + 1, "Every team's TRIP")
    table = status_table(records)
    if data.scope.kind != "portfolio":  # one provider: the title names it
        table = table.drop(columns="Provider")
    rows = [[_cell(v) for v in values] for values in table.itertuples(index=False)]
    last = ws.table(list(table.columns), rows, row)
    ws.put(
        last + 1,
        1,
        f"{NOTHING_YET}: none yet (no round, no review, or no round before the last to compare "
        "with). Moved on, Stayed, Moved back and Changed count the statements answered in both "
        "of the team's last two TRIP rounds; Changed is an answer with no place on the scale "
        "(Don't know, Not applicable). Talked through: statements of the last round.",
    )
    # Several tables: the title rows repeat, as no one header fits every page.
    ws.finish(None, widths={1: 28, 2: 24}, last_row=last + 1, last_column=len(table.columns))


def _chart(ws: Sheet, header: int, end: int, statuses: list[str]) -> None:
    def chart(sheet) -> BarChart:
        made = BarChart()
        made.type = "bar"
        made.title = "Teams by TRIP status"
        made.x_axis.title, made.y_axis.title = "TRIP status", "Teams"
        made.y_axis.majorUnit, made.y_axis.scaling.min = 1, 0
        made.y_axis.numFmt = "0"
        made.x_axis.scaling.orientation = "maxMin"  # Current on top, as on screen
        made.y_axis.delete = made.x_axis.delete = False
        counts = Reference(sheet, min_col=2, min_row=header, max_row=end - 1)
        made.add_data(counts, titles_from_data=True)
        made.set_categories(Reference(sheet, min_col=1, min_row=header + 1, max_row=end - 1))
        made.legend = None  # one series: the axis names each bar
        series = made.series[0]
        series.dLbls = count_labels(zeros=True)  # the count written on each bar, 0 too
        for n, status in enumerate(statuses):
            point = DataPoint(idx=n)
            style = STATUS_STYLES.get(status, STATUS_STYLES[NO_TRIP])
            point.graphicalProperties.solidFill = style.colour.lstrip("#")
            point.graphicalProperties.line.solidFill = EDGE
            series.dPt.append(point)
        made.width, made.height = 16, 7.5
        return made

    ws.chart(chart, f"D{header}")


def _cell(value: object) -> object:
    """A value for a cell: a missing date or count says so in a dash, never an empty cell."""
    if pd.isna(value):
        return NOTHING_YET
    return int(value) if isinstance(value, Integral) else value
