"""The board report's "Measures" sheet: the measures commissioners contract on, for a team, a
provider (its own and its teams') or the portfolio. One table per place, indicator and kind of
period: each period's figure and target, a period with no figure saying so in words ("Not
available: why" or "Not recorded": a gap, never a zero or an empty-looking success), the
XmR mean and process limits once there are enough figures, and each special cause in words;
beside it a native line chart when it has figures enough to show a line, the gaps left as gaps.

Values only, never formulas; typed reasons and notes are written as text (`book.py`). Pure:
report data in, a sheet out.
"""

from __future__ import annotations

import math
from itertools import groupby

from openpyxl.chart import LineChart, Reference

from assessments.analytics.xmr import NOT_RECORDED, RECORDED, XMR_MIN_POINTS, series_frame
from assessments.queries.report_data import BoardReportData
from assessments.records.measures import NOT_AVAILABLE, PERIOD_KINDS, PeriodKind, PlacedValue
from exports.board_report.plans import CHART_ROWS
from exports.board_report.sheet import HEADER_ROW, Report, Sheet

DECIMALS = 2  # of a mean and the process limits: 5.6, not 5.598666666666667
CHART_FROM = 3  # figures a series needs for its chart: fewer are not yet a line
COLUMNS = [
    "Period",
    "Figure",
    "Target",
    "Mean",
    "Lower limit",
    "Upper limit",
    "Status",
    "Signal",
    "Note",
]
LAST_COLUMN = 16  # the chart beside the table, from column J
SERIES_STYLES = {  # column -> (colour, dash): never colour alone
    2: ("005EB8", None),  # the figure: NHS Blue, solid, with markers
    3: ("212B32", "dash"),  # the target
    4: ("768692", None),  # the mean
    5: ("768692", "sysDot"),  # the limits, dotted
    6: ("768692", "sysDot"),
}


def measures_sheet(report: Report, data: BoardReportData) -> None:
    ws = report.sheet(
        "Measures",
        f"Measures: {report.name}",
        "The figures the contract names, period by period, against their targets. A period "
        "with no figure is a gap and says why: a finding to raise, never a zero. From "
        f"{XMR_MIN_POINTS} figures, the mean and process limits of an XmR chart ('Making Data "
        "Count') and each special cause: a point outside the limits, 7 in a row on one side of "
        "the mean, or 7 in a row rising or falling.",
    )
    if not data.measures:
        ws.put(HEADER_ROW, 1, "No measure has been recorded for this scope yet.")
        ws.finish(None, last_row=HEADER_ROW)
        return
    indicators = {i.id: i for i in data.definitions.indicators}
    row = HEADER_ROW

    def series_key(placed: PlacedValue):
        v = placed.value
        return (placed.place, v.indicator_id, v.period.kind.value)

    for (place, indicator_id, kind), placed in groupby(data.measures, key=series_key):
        values = [p.value for p in placed]
        indicator = indicators.get(indicator_id)
        name = indicator.name if indicator else indicator_id
        unit = indicator.unit if indicator else ""
        direction = indicator.direction.value if indicator else None
        frame = series_frame(values, PeriodKind(kind), direction)
        heading = f"{name} ({unit}): {place}, by {PERIOD_KINDS[PeriodKind(kind)].lower()}"
        row = _series(ws, row, heading, unit, frame)
    # Tables of one shape, but many: the title rows repeat.
    ws.finish(
        None,
        {1: 14, 2: 11, 3: 10, 4: 10, 5: 11, 6: 11, 7: 30, 8: 26, 9: 24},
        last_row=row,
        last_column=LAST_COLUMN,
    )


def _series(ws: Sheet, row: int, heading: str, unit: str, frame) -> int:
    first, row = row, ws.heading(row, heading)
    rows = [
        [
            r["Period"],
            _number(r["Value"]),
            _number(r["Target"]),
            _number(r["Mean"], DECIMALS),
            _number(r["Lower limit"], DECIMALS),
            _number(r["Upper limit"], DECIMALS),
            _status(r["Status"], r["Reason"]),
            r["Signal"],
            r["Note"],
        ]
        for _, r in frame.iterrows()
    ]
    end = ws.table(COLUMNS, rows, row)
    ws.keep(first, end - 1)  # the heading, its table and the chart beside it on one page
    figures = int((frame["Status"] == RECORDED).sum())
    if figures < CHART_FROM:
        return end + 1
    shown = [2] + ([3] if frame["Target"].notna().any() else [])
    if frame["Mean"].notna().any():
        shown += [4, 5, 6]

    def chart(sheet) -> LineChart:
        made = LineChart()  # untitled: the heading above its table names the measure in full
        made.legend.position = "b"
        made.y_axis.title = unit
        made.display_blanks = "gap"  # a period with no figure stays a gap in the line
        made.y_axis.delete = made.x_axis.delete = False
        for column in shown:
            made.add_data(
                Reference(sheet, min_col=column, min_row=row, max_row=end - 1),
                titles_from_data=True,
            )
        made.set_categories(Reference(sheet, min_col=1, min_row=row + 1, max_row=end - 1))
        for series, column in zip(made.series, shown, strict=True):
            colour, dash = SERIES_STYLES[column]
            series.graphicalProperties.line.solidFill = colour
            series.graphicalProperties.line.width = 28575 if column == 2 else 19050
            if dash:
                series.graphicalProperties.line.dashStyle = dash
            series.marker.symbol = "circle" if column == 2 else "none"
            series.smooth = False
        made.width, made.height = 17, 7.5
        return made

    ws.chart(chart, f"J{row}")
    return max(end, row + CHART_ROWS) + 1


def _status(status: str, reason: str) -> str:
    if status == RECORDED:
        return "Recorded"
    if status == NOT_RECORDED:
        return "Not recorded: no figure was given"
    return f"{NOT_AVAILABLE}: {reason}"


def _number(value: float, decimals: int | None = None) -> float | None:
    """A figure as a number; a mean or limit, worked out here, rounded to be read."""
    if value is None or math.isnan(value):
        return None
    return float(value) if decimals is None else round(float(value), decimals)
